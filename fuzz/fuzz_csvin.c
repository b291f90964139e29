/* fuzz_csvin.c — libFuzzer target for the CSV reader (see tools/fuzz.sh).
 * Reads every row of the input and checks what the reader promises: fields
 * NUL-terminated with the lengths given, raw text within the input and free
 * of NUL bytes, line numbers that never go backwards and never pass the
 * number of lines consumed, nothing after the end or after a failure; and
 * a second reader parsing ahead on its own thread gives the same rows, line
 * counts and end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/load/csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nv_csvin *r = NULL, *a = NULL;
    nv_errbuf eb, eb2;
    if (csvin_open_mem((const char *)data, size, "fuzz.csv", &r, &eb) != NV_OK) abort();
    if (csvin_open_mem_mode((const char *)data, size, "fuzz.csv", CSVIN_AHEAD_ON, &a, &eb2) !=
        NV_OK)
        abort();
    nv_csvrow row, row2;
    long last = 0;
    int rc;
    size_t total = 0;
    while ((rc = csvin_next(r, &row, &eb)) == 1) {
        if (csvin_next(a, &row2, &eb2) != 1 || row2.line != row.line ||
            row2.nfields != row.nfields || row2.raw_len != row.raw_len ||
            memcmp(row2.raw, row.raw, row.raw_len) != 0 || csvin_lines(a) != csvin_lines(r) ||
            row2.status != row.status)
            abort();
        for (size_t i = 0; i < row.nfields; i++)
            if (row2.lens[i] != row.lens[i] ||
                memcmp(row2.fields[i], row.fields[i], row.lens[i] + 1) != 0)
                abort();
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
    if (csvin_next(a, &row2, &eb2) != rc || csvin_lines(a) != csvin_lines(r)) abort();
    if (rc == -1 && strcmp(eb.msg, eb2.msg) != 0) abort();
    if (total > size) abort();
    csvin_close(r);
    csvin_close(a);
    return 0;
}
