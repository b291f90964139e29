/* fuzz_xlsxread.c — libFuzzer target for the workbook reader (see
 * tools/fuzz.sh). Writes the input to a scratch file (minizip reads files),
 * opens it with a 1 MiB part limit and reads every sheet, checking what the
 * reader promises: an open that fails leaves no reader and a message naming
 * the file; sheet names are non-NULL for i < count and NULL at count; cells
 * come 1-based, within XFD1048576, strictly in row then column order, with
 * non-empty NUL-terminated text of the length given; a failed sheet says
 * why; a second reading of the same sheet gives the same cells and result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/load/xlsxread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    uint32_t row, col;
    uint64_t n, sum; /* cells seen, and a checksum of what they said */
} seen;

static int check_cell(void *ud, uint32_t row, uint32_t col, const char *text, size_t len)
{
    seen *s = ud;
    if (row < 1 || row > 1048576 || col < 1 || col > 16384) abort();
    if (row < s->row || (row == s->row && col <= s->col)) abort();
    if (len == 0 || text[len] != 0 || strlen(text) != len) abort();
    s->row = row;
    s->col = col;
    s->n++;
    for (size_t i = 0; i < len; i++) s->sum = s->sum * 31 + (unsigned char)text[i];
    s->sum = s->sum * 31 + row * 16385u + col;
    return 0;
}

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_xlsxread.%ld.xlsx", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    nv_err e = xlsxread_open(path, 1 << 20, &x, &eb);
    if (e != NV_OK) {
        if (x || e != NV_ERR_FORMAT || !strstr(eb.msg, path)) abort();
        return 0;
    }
    size_t n = xlsxread_sheet_count(x);
    if (xlsxread_sheet_name(x, n) != NULL) abort();
    for (size_t i = 0; i < n && i < 8; i++) {
        const char *name = xlsxread_sheet_name(x, i);
        if (!name) abort();
        seen a = {0, 0, 0, 0}, b = {0, 0, 0, 0};
        nv_errbuf eb2;
        nv_err e1 = xlsxread_sheet(x, name, check_cell, &a, &eb);
        nv_err e2 = xlsxread_sheet(x, name, check_cell, &b, &eb2);
        if (e1 != e2 || a.n != b.n || a.sum != b.sum) abort();
        if (e1 != NV_OK && (e1 != NV_ERR_FORMAT || !strstr(eb.msg, path) ||
                            strcmp(eb.msg, eb2.msg) != 0))
            abort();
    }
    xlsxread_close(x);
    return 0;
}
