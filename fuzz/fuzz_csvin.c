/* fuzz_csvin.c — libFuzzer target for the CSV reader (see tools/fuzz.sh).
 * Reads every row of the input and checks what the reader promises: fields
 * NUL-terminated with the lengths given, raw text within the input and free
 * of NUL bytes, line numbers that never go backwards and never pass the
 * number of lines consumed, nothing after the end or after a failure.
 * A second reader over the same input, with the fast path off
 * (csvin_force_libcsv: every line through libcsv), runs in step and must
 * give the same answers: return codes, rows, fields, raw texts, line
 * numbers, lines consumed and error messages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_row(const nv_csvrow *a, const nv_csvrow *b)
{
    if (a->line != b->line || a->status != b->status || a->raw_len != b->raw_len ||
        a->nfields != b->nfields || memcmp(a->raw, b->raw, a->raw_len) != 0)
        return 0;
    for (size_t i = 0; i < a->nfields; i++)
        if (a->lens[i] != b->lens[i] || memcmp(a->fields[i], b->fields[i], a->lens[i] + 1) != 0)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nv_csvin *r = NULL, *l = NULL;
    nv_errbuf eb, el;
    if (csvin_open_mem((const char *)data, size, "fuzz.csv", &r, &eb) != NV_OK) abort();
    if (csvin_open_mem((const char *)data, size, "fuzz.csv", &l, &el) != NV_OK) abort();
    csvin_force_libcsv(l, 1);
    nv_csvrow row, lrow;
    long last = 0;
    int rc, lrc;
    size_t total = 0;
    for (;;) {
        rc = csvin_next(r, &row, &eb);
        lrc = csvin_next(l, &lrow, &el);
        if (rc != lrc || csvin_lines(r) != csvin_lines(l)) abort();
        if (rc != 1) break;
        if (!same_row(&row, &lrow)) abort();
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
    if (rc == -1 && strcmp(eb.msg, el.msg) != 0) abort();
    if (csvin_next(r, &row, &eb) != rc) abort(); /* sticky end / failure */
    if (total > size) abort();
    if (csvin_fast_rows(l) != 0) abort();
    csvin_close(r);
    csvin_close(l);
    return 0;
}
