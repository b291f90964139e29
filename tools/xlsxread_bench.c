/* xlsxread_bench.c — reads the named sheets of workbooks with xlsxread, for
 * tools/bench.sh (its time and peak memory are the figure measured).
 *
 *   xlsxread_bench "Sheet A,Sheet B" FILE.xlsx...
 *
 * Prints, per file, the cells and bytes of text read from each sheet (or
 * that the workbook has no such sheet); exit 0, or 1 (usage) or 2 (a file
 * or sheet could not be read: its message on stderr). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/xlsxread.h"

#define LIMIT (200ull << 20)

typedef struct {
    uint64_t cells, bytes;
} tally;

static int count_cell(void *ud, uint32_t row, uint32_t col, const char *text, size_t len)
{
    tally *t = ud;
    (void)row, (void)col, (void)text;
    t->cells++;
    t->bytes += len;
    return 0;
}

static int has_sheet(const nv_xlsxread *x, const char *name)
{
    for (size_t i = 0; i < xlsxread_sheet_count(x); i++)
        if (strcmp(xlsxread_sheet_name(x, i), name) == 0) return 1;
    return 0;
}

/* Reads each sheet of the comma-separated list from path. */
static int read_file(const char *path, const char *sheets)
{
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    char list[1024];
    int rc = 0;
    if (xlsxread_open(path, LIMIT, &x, &eb) != NV_OK) {
        fprintf(stderr, "xlsxread_bench: %s\n", eb.msg);
        return 2;
    }
    snprintf(list, sizeof list, "%s", sheets);
    for (char *save = NULL, *s = strtok_r(list, ",", &save); s && !rc;
         s = strtok_r(NULL, ",", &save)) {
        tally t = {0, 0};
        if (!has_sheet(x, s)) {
            printf("%s: %s: no such sheet\n", path, s);
        } else if (xlsxread_sheet(x, s, count_cell, &t, &eb) != NV_OK) {
            fprintf(stderr, "xlsxread_bench: %s\n", eb.msg);
            rc = 2;
        } else {
            printf("%s: %s: %llu cells, %llu bytes\n", path, s, (unsigned long long)t.cells,
                   (unsigned long long)t.bytes);
        }
    }
    xlsxread_close(x);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xlsxread_bench SHEET[,SHEET...] FILE.xlsx...\n");
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        int rc = read_file(argv[i], argv[1]);
        if (rc) return rc;
    }
    return 0;
}
