/* fuzz_csvin.c — libFuzzer target for the CSV reader (see tools/fuzz.sh).
 * Reads every row of the input and checks what the reader promises: fields
 * NUL-terminated with the lengths given, raw text within the input and free
 * of NUL bytes, line numbers that never go backwards and never pass the
 * number of lines consumed, nothing after the end or after a failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nv_csvin *r = NULL;
    nv_errbuf eb;
    if (csvin_open_mem((const char *)data, size, "fuzz.csv", &r, &eb) != NV_OK) abort();
    nv_csvrow row;
    long last = 0;
    int rc;
    size_t total = 0;
    while ((rc = csvin_next(r, &row, &eb)) == 1) {
        if (row.line <= last || row.line > csvin_lines(r)) abort();
        last = row.line;
        if (row.raw_len > size || memchr(row.raw, 0, row.raw_len)) abort();
        if (row.nfields == 0) abort();
        for (size_t i = 0; i < row.nfields; i++) {
            if (row.fields[i][row.lens[i]] != 0) abort();
            if (row.lens[i] > row.raw_len) abort();
            total += row.lens[i];
        }
        if (row.status != CSVIN_ROW_OK && row.status != CSVIN_ROW_UNTERMINATED) abort();
    }
    if (rc == -1 && (!memchr(data, 0, size) || !strstr(eb.msg, "NUL byte"))) abort();
    if (csvin_next(r, &row, &eb) != rc) abort(); /* sticky end / failure */
    if (total > size) abort();
    csvin_close(r);
    return 0;
}
