/* fuzz_ingest.c — libFuzzer target for the whole loading path (see
 * tools/fuzz.sh): the input is written as an export file and loaded with
 * ingest_file() into a fresh in-memory database, so layout recognition (from
 * templates/), column binding, normalisation, the repeat rule and the SQLite
 * upserts all run on it. Checks what the loader promises: rows read = loaded
 * + rejected; a file refused whole loads nothing; the record table holds no
 * more records than rows loaded; rejects are listed when, and only when,
 * something was refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/store/db.h"
#include "nivaran/load/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/nv-fuzz-ingest-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
    sqlite3 *db = NULL;
    nv_ingest *ig = NULL;
    nv_errbuf eb;
    nv_input_result res;
    FILE *rej = tmpfile();
    if (!rej || db_open(":memory:", &db, &eb) != NV_OK || db_begin(db, &eb) != NV_OK ||
        ingest_open(db, "templates", &ig, &eb) != NV_OK)
        abort();
    if (ingest_file(ig, path, NULL, rej, &res, &eb) != NV_OK) abort();
    if (res.rows_read != res.rows_loaded + res.rows_rejected) abort();
    if (res.error && res.rows_loaded != 0) abort();
    if (ingest_finish(ig, &eb) != NV_OK) abort();
    int64_t n = db_record_count(db);
    if (n < 0 || n > res.rows_loaded) abort();
    if (fflush(rej) != 0) abort();
    long listed = ftell(rej); /* a refused row or file is listed; nothing else */
    if ((res.rows_rejected > 0 || res.error) != (listed > 0)) abort();
    ingest_close(ig);
    db_rollback(db);
    db_close(db);
    fclose(rej);
    unlink(path);
    return 0;
}
