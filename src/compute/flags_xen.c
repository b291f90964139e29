/* flags_xen.c — the officer-level running sums (queries/migrate_005_flags.sql,
 * queries/flag_xen_*.sql) and the key of a flag pass's configuration; see
 * src/compute/flags_int.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flags_int.h"
#include "nivaran/core/outfile.h"
#include "nivaran/core/version.h"
#include "nivaran/store/db.h"
#include "nivaran/store/queries.h"

/* Binds those of the n parameters that st has. */
static nv_err bind_present(sqlite3_stmt *st, const fl_param *p, int n, nv_errbuf *eb)
{
    for (int i = 0; i < n; i++) {
        int k = sqlite3_bind_parameter_index(st, p[i].name);
        if (k && sqlite3_bind_int64(st, k, p[i].v) != SQLITE_OK)
            return db_fail(sqlite3_db_handle(st), eb, "binding a flag parameter");
    }
    return NV_OK;
}

nv_err flags_exec_script(sqlite3 *db, const char *name, const fl_param *p, int n, nv_errbuf *eb)
{
    const char *sql = queries_get(name), *tail = NULL;
    nv_err e = NV_OK;
    if (!sql) return nv_errf(eb, NV_ERR_INTERNAL, "no query named %s", name);
    while (!e && *sql) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) return db_fail(db, eb, name);
        if (st) {
            e = bind_present(st, p, n, eb);
            if (!e && sqlite3_step(st) != SQLITE_DONE) e = db_fail(db, eb, name);
            sqlite3_finalize(st);
        }
        sql = tail;
    }
    return e;
}

static void fn_day(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(cx);
        return;
    }
    const nv_tz *tz = sqlite3_user_data(cx);
    sqlite3_result_int64(cx, nvt_local_day(tz, sqlite3_value_int64(argv[0])));
}

nv_err flags_xen_register(sqlite3 *db, const nv_tz *tz, nv_errbuf *eb)
{
    nv_tz *copy = malloc(sizeof *copy);
    if (!copy) return nv_errf(eb, NV_ERR_NOMEM, "flags: out of memory");
    *copy = *tz;
    /* the connection owns copy from here (freed even when this fails) */
    if (sqlite3_create_function_v2(db, "nv_flag_day", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, copy,
                                   fn_day, NULL, NULL, free) != SQLITE_OK)
        return db_fail(db, eb, "registering nv_flag_day");
    return NV_OK;
}

nv_err flags_xen_update(sqlite3 *db, const nv_flag_cfg *cfg, int full, nv_errbuf *eb)
{
    const fl_param hug = {":hug", cfg->deadline_hug_s};
    return flags_exec_script(db, full ? "flag_xen_all" : "flag_xen_update", &hug, 1, eb);
}

/* The effective configuration as text, one "key=value;" after another. */
static int config_text(sqlite3 *db, const nv_flag_cfg *c, const char *profile, char *buf, size_t n)
{
    char tz[128] = "";
    size_t len = 0;
    int w;
    if (db_meta_get(db, "timezone", tz, sizeof tz) < 0) tz[0] = 0;
#define PUT(...)                                                                                   \
    do {                                                                                           \
        w = snprintf(buf + len, n - len, __VA_ARGS__);                                             \
        if (w < 0 || (size_t)w >= n - len) return -1;                                              \
        len += (size_t)w;                                                                          \
    } while (0)
    PUT("version=%s;tz=%s;profile=%s;", NV_VERSION, tz, profile ? profile : "");
    for (int i = 0; i < FLAG_COUNT; i++)
        PUT("sev%d=%d;", i, (int)c->severity[i]);
    for (int i = 0; i < c->n_min; i++)
        PUT("min:%s=%lld;", c->min_time[i].category, (long long)c->min_time[i].min_s);
    PUT("bulk=%d,%lld,%d;tout=%lld,%d;queue=%lld,%d;repeat=%lld;", c->bulk_min_records,
        (long long)c->bulk_span_s, c->bulk_min_subdivisions, (long long)c->tout_window_s,
        c->tout_min_accounts, (long long)c->queue_head_start_s, c->queue_min_queued,
        (long long)c->repeat_window_s);
    PUT("officer=%d,%d,%d,%.17g,%lld;", c->officer_window_days, c->officer_min_resolved,
        c->officer_min_numerator, c->officer_tukey_k, (long long)c->deadline_hug_s);
#undef PUT
    return 0;
}

nv_err flags_config_key(sqlite3 *db, const nv_flag_cfg *cfg, const char *profile_sha256,
                        char key[65], nv_errbuf *eb)
{
    char text[8192];
    if (config_text(db, cfg, profile_sha256, text, sizeof text) != 0)
        return nv_errf(eb, NV_ERR_INTERNAL, "flags: configuration key too long");
    nv_sha256 *h = outfile_sha_new();
    if (!h) return nv_errf(eb, NV_ERR_NOMEM, "flags: out of memory");
    int bad = outfile_sha_update(h, text, strlen(text)) != 0 || outfile_sha_final(h, key) != 0;
    outfile_sha_free(h);
    return bad ? nv_errf(eb, NV_ERR_NOMEM, "flags: cannot hash the configuration") : NV_OK;
}
