/* purge.c — erasing personal data; see include/nivaran/store/purge.h. */
#include "nivaran/store/purge.h"

#include <stdio.h>
#include <time.h>

#include "nivaran/store/db.h"

/* Runs queries/NAME.sql with ?1 = cutoff; *count = the first column of its
 * row when count is given. */
static nv_err run_cut(sqlite3 *db, const char *name, int64_t cutoff, int64_t *count, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, name, &st, eb);
    if (e) return e;
    int want = count ? SQLITE_ROW : SQLITE_DONE;
    if ((sqlite3_bind_parameter_count(st) > 0 && sqlite3_bind_int64(st, 1, cutoff) != SQLITE_OK) ||
        sqlite3_step(st) != want)
        e = db_fail(db, eb, name);
    else if (count)
        *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return e;
}

static nv_err log_purge(sqlite3 *db, int64_t day, int n_days, const nv_purge_result *res,
                        nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    char when[32], ymd[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    nvt_format_ymd(day, ymd);
    nv_err e = db_prepare_named(db, "purge_log_insert", &st, eb);
    if (e) return e;
    if (sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, ymd, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 3, res->cutoff) != SQLITE_OK ||
        sqlite3_bind_int(st, 4, n_days) != SQLITE_OK ||
        sqlite3_bind_int64(st, 5, res->records) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        e = db_fail(db, eb, "purge_log_insert");
    sqlite3_finalize(st);
    return e;
}

nv_err purge_personal(sqlite3 *db, const nv_tz *tz, int64_t day, int n_days, int dry_run,
                      nv_purge_result *out, nv_errbuf *eb)
{
    int y, m, d;
    nv_err e;
    out->cutoff = 0;
    out->records = 0;
    if (n_days < PURGE_MIN_DAYS)
        return nv_errf(eb, NV_ERR_USAGE, "personal data must be kept at least %d days (not %d)",
                       PURGE_MIN_DAYS, n_days);
    nvt_civil_from_days(day - n_days, &y, &m, &d);
    out->cutoff = nvt_day_start(tz, y, m, d);
    if ((e = run_cut(db, "purge_count", out->cutoff, &out->records, eb)) || dry_run) return e;
    if ((e = db_exec(db, "PRAGMA secure_delete = ON", eb)) ||
        (e = run_cut(db, "purge_records", out->cutoff, NULL, eb)) ||
        (e = run_cut(db, "purge_seen", out->cutoff, NULL, eb)))
        return e;
    return log_purge(db, day, n_days, out, eb);
}
