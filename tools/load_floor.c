/* load_floor.c — the floor of the loader's work, for tools/bench.sh: loads
 * export files into a new database the way `nivaran ingest` does (one
 * transaction, the bulk path), but each row goes only as far as MODE says
 * (ingest_set_floor(), include/nivaran/load/ingest.h):
 *
 *   load_floor parse|normalise|bare|full TEMPLATES DB FILE...
 *
 * parse: the CSV reader only; normalise: and the normalisation; bare: and
 * an insert into a table with no key or index; full: the loader. Prints one
 * line: MODE, rows read, loaded, rejected (read = loaded + rejected is
 * checked: exit 2 when it fails). Exit 0, 1 (usage) or 2 (a failure, its
 * message on stderr). Its time is the figure measured. */
#include <stdio.h>
#include <string.h>

#include "nivaran/load/ingest.h"
#include "nivaran/store/db.h"

static int mode_of(const char *s, nv_ingest_floor *f)
{
    static const char *const names[] = {"full", "parse", "normalise", "bare"};
    static const nv_ingest_floor v[] = {INGEST_FULL, INGEST_PARSE, INGEST_NORMALISE, INGEST_BARE};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(s, names[i])) {
            *f = v[i];
            return 0;
        }
    return -1;
}

static nv_err load(sqlite3 *db, const char *templates, nv_ingest_floor floor, char **files, int n,
                   int64_t sum[3], nv_errbuf *eb)
{
    nv_ingest *ig = NULL;
    nv_err e = db_begin(db, eb);
    if (e) return e;
    if ((e = ingest_open(db, templates, &ig, eb)) || (e = ingest_set_floor(ig, floor, eb)))
        goto done;
    for (int i = 0; i < n && !e; i++) {
        nv_input_result res;
        if ((e = ingest_file(ig, files[i], NULL, NULL, &res, eb))) break;
        sum[0] += res.rows_read;
        sum[1] += res.rows_loaded;
        sum[2] += res.rows_rejected;
    }
    if (!e) e = ingest_finish(ig, eb);
    if (!e) e = db_commit(db, eb);
done:
    if (e) db_rollback(db);
    ingest_close(ig);
    return e;
}

int main(int argc, char **argv)
{
    nv_ingest_floor floor;
    if (argc < 5 || mode_of(argv[1], &floor) != 0) {
        fprintf(stderr, "usage: load_floor parse|normalise|bare|full TEMPLATES DB FILE...\n");
        return 1;
    }
    nv_errbuf eb;
    sqlite3 *db = NULL;
    int64_t sum[3] = {0, 0, 0};
    nv_err e = db_open(argv[3], &db, &eb);
    if (!e) e = load(db, argv[2], floor, argv + 4, argc - 4, sum, &eb);
    db_close(db);
    if (e) {
        fprintf(stderr, "load_floor: %s\n", eb.msg);
        return 2;
    }
    printf("%s read %lld loaded %lld rejected %lld\n", argv[1], (long long)sum[0],
           (long long)sum[1], (long long)sum[2]);
    return sum[0] == sum[1] + sum[2] ? 0 : 2;
}
