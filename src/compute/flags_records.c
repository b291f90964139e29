/* flags_records.c — the record-level rules of FLAGS.md, incrementally (see
 * flags_update_records() in include/nivaran/compute/flags.h). The rules themselves are
 * the queries/flag_rule_*.sql; this file picks the affected set, runs them and
 * words the evidence. */
#include <stdio.h>
#include <string.h>

#include "flags_int.h"
#include "nivaran/store/db.h"
#include "nivaran/compute/flags.h"

#define FL_MAX_PARAMS 4

/* Runs the single statement queries/NAME.sql with its named parameters. */
static nv_err exec_named(sqlite3 *db, const char *name, const fl_param *p, int n, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, name, &st, eb);
    for (int i = 0; !e && i < n; i++)
        e = flags_bind_i64(st, p[i].name, p[i].v, eb);
    if (!e && sqlite3_step(st) != SQLITE_DONE) e = db_fail(db, eb, name);
    sqlite3_finalize(st);
    return e;
}

static const char *txt(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static int64_t i64(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i);
}

/* ---- evidence, one function per rule; columns 0..2 are rec, wing, xen_id ---- */

typedef void (*evidence_fn)(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                            size_t n);

static void ev_time_anomaly(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                            size_t n)
{
    char reg[32], disp[32], dur[48];
    (void)cfg;
    flags_fmt_time(tz, i64(st, 3), reg);
    flags_fmt_time(tz, i64(st, 4), disp);
    flags_fmt_duration(i64(st, 3) - i64(st, 4), dur);
    snprintf(buf, n, "disposed %s, %s before its registration %s", disp, dur, reg);
}

static void ev_fast_close(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                          size_t n)
{
    char reg[32], disp[32], dur[48], min[48];
    (void)cfg;
    flags_fmt_time(tz, i64(st, 3), reg);
    flags_fmt_time(tz, i64(st, 4), disp);
    flags_fmt_duration(i64(st, 4) - i64(st, 3), dur);
    flags_fmt_duration(i64(st, 6), min);
    snprintf(buf, n, "resolved %s after registration (%s to %s); minimum plausible for %s is %s",
             dur, reg, disp, txt(st, 5), min);
}

/* "02:10–02:24 on 2024-12-03", or both full times when the dates differ. */
static void fmt_span(const nv_tz *tz, int64_t a, int64_t b, char *buf, size_t n)
{
    char ta[32], tb[32];
    flags_fmt_time(tz, a, ta);
    flags_fmt_time(tz, b, tb);
    if (strncmp(ta, tb, 10) == 0)
        snprintf(buf, n, "%s\u2013%s on %.10s", ta + 11, tb + 11, ta);
    else
        snprintf(buf, n, "%s\u2013%s", ta, tb);
}

static void ev_bulk_close(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                          size_t n)
{
    char dur[48], span[96];
    (void)cfg;
    flags_fmt_duration(i64(st, 5) - i64(st, 4), dur);
    fmt_span(tz, i64(st, 4), i64(st, 5), span, sizeof span);
    snprintf(buf, n, "login %s closed %lld records in %s across %lld subdivisions, %s", txt(st, 3),
             (long long)i64(st, 6), dur, (long long)i64(st, 7), span);
}

static void ev_tout_phone(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                          size_t n)
{
    char mob[32], a[32], b[32], more[48] = "";
    long long nrec = i64(st, 5);
    flags_mask_mobile(txt(st, 3), mob);
    flags_fmt_time(tz, i64(st, 6), a);
    flags_fmt_time(tz, i64(st, 7), b);
    if (nrec > 5) snprintf(more, sizeof more, " and %lld more", nrec - 5);
    snprintf(buf, n,
             "mobile %s is on %lld records of %lld accounts registered %s to %s, within %lld "
             "days of this one: %s%s",
             mob, nrec, (long long)i64(st, 4), a, b, (long long)(cfg->tout_window_s / 86400),
             txt(st, 8), more);
}

static void ev_queue_jump(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                          size_t n)
{
    char disp[32], old[32], more[48] = "";
    long long q = i64(st, 6);
    flags_fmt_time(tz, i64(st, 5), disp);
    flags_fmt_time(tz, i64(st, 7), old);
    if (q > 5) snprintf(more, sizeof more, " and %lld more", q - 5);
    snprintf(buf, n,
             "resolved %s while %lld %s applications of subdivision %s registered at least "
             "%lld h before it were pending (oldest registered %s): %s%s",
             disp, q, txt(st, 3), txt(st, 4), (long long)(cfg->queue_head_start_s / 3600), old,
             txt(st, 8), more);
}

static void ev_repeat(sqlite3_stmt *st, const nv_tz *tz, const nv_flag_cfg *cfg, char *buf,
                      size_t n)
{
    char disp[32], later[32], dur[48], more[96] = "";
    long long k = i64(st, 7);
    flags_fmt_time(tz, i64(st, 4), disp);
    flags_fmt_time(tz, i64(st, 6), later);
    flags_fmt_duration(i64(st, 6) - i64(st, 4), dur);
    if (k > 1)
        snprintf(more, sizeof more, " (%lld such complaints within %lld h)", k,
                 (long long)(cfg->repeat_window_s / 3600));
    snprintf(buf, n,
             "resolved %s; the same account's next %s complaint %s was registered %s, %s "
             "later%s",
             disp, txt(st, 3), txt(st, 5), later, dur, more);
}

/* ---- running the rules ---- */

typedef struct {
    nv_flag_code code;
    const char *query;
    evidence_fn evidence;
    fl_param p[FL_MAX_PARAMS];
    int np;
} fl_rule;

static nv_err run_rule(sqlite3 *db, sqlite3_stmt *ins, const fl_rule *r, const nv_tz *tz,
                       const nv_flag_cfg *cfg, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    char ev[1024];
    int rc;
    nv_err e = db_prepare_named(db, r->query, &st, eb);
    for (int i = 0; !e && i < r->np; i++)
        e = flags_bind_i64(st, r->p[i].name, r->p[i].v, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        r->evidence(st, tz, cfg, ev, sizeof ev);
        e = flags_store(db, ins, r->code, cfg, i64(st, 0), NULL, txt(st, 1), txt(st, 2), ev, eb);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, r->query);
    sqlite3_finalize(st);
    return e;
}

/* The rules in the order they run; full_query: the same rule's evidence
 * from the full pass's sweep (flags_sweep_all()), NULL when the full pass
 * runs query itself over every record. */
typedef struct {
    nv_flag_code code;
    const char *query, *full_query;
    evidence_fn evidence;
} fl_rule_def;

static const fl_rule_def rule_defs[] = {
    {FLAG_TIME_ANOMALY, "flag_rule_time_anomaly", NULL, ev_time_anomaly},
    {FLAG_FAST_CLOSE, "flag_rule_fast_close", NULL, ev_fast_close},
    {FLAG_BULK_CLOSE, "flag_rule_bulk_close", "flag_full_bulk_close", ev_bulk_close},
    {FLAG_TOUT_PHONE, "flag_rule_tout_phone", "flag_full_tout_phone", ev_tout_phone},
    {FLAG_QUEUE_JUMP, "flag_rule_queue_jump", "flag_full_queue_jump", ev_queue_jump},
    {FLAG_REPEAT_AFTER_CLOSE, "flag_rule_repeat", "flag_full_repeat", ev_repeat},
};
#define N_RULES (sizeof rule_defs / sizeof rule_defs[0])

/* Rule i's query (or, full, its sweep's evidence query) with its parameters. */
static fl_rule make_rule(size_t i, int full, const nv_flag_cfg *cfg)
{
    const fl_rule_def *d = &rule_defs[i];
    fl_rule r = {d->code, full ? d->full_query : d->query, d->evidence, {{0}}, 0};
    if (full) {
        r.p[r.np++] = (fl_param){":code", d->code};
        return r;
    }
    switch (d->code) {
    case FLAG_BULK_CLOSE:
        r.p[r.np++] = (fl_param){":span", cfg->bulk_span_s};
        r.p[r.np++] = (fl_param){":min_records", cfg->bulk_min_records};
        r.p[r.np++] = (fl_param){":min_subdivisions", cfg->bulk_min_subdivisions};
        break;
    case FLAG_TOUT_PHONE:
        r.p[r.np++] = (fl_param){":window", cfg->tout_window_s};
        r.p[r.np++] = (fl_param){":min_accounts", cfg->tout_min_accounts};
        break;
    case FLAG_QUEUE_JUMP:
        r.p[r.np++] = (fl_param){":head", cfg->queue_head_start_s};
        r.p[r.np++] = (fl_param){":min_queued", cfg->queue_min_queued};
        break;
    case FLAG_REPEAT_AFTER_CLOSE:
        r.p[r.np++] = (fl_param){":window", cfg->repeat_window_s};
        break;
    default:
        break;
    }
    return r;
}

/* Runs the rules over the chunk in flag_aff: every rule (incremental), or
 * (full) those the sweep does not do. Or, sweep, the evidence of the full
 * pass's sweep. */
static nv_err run_rules(sqlite3 *db, const nv_flag_cfg *cfg, const nv_tz *tz, int full, int sweep,
                        nv_errbuf *eb)
{
    sqlite3_stmt *ins = NULL;
    nv_err e = db_prepare_named(db, "flag_insert", &ins, eb);
    for (size_t i = 0; !e && i < N_RULES; i++) {
        if (full && (rule_defs[i].full_query != NULL) != sweep) continue;
        fl_rule r = make_rule(i, sweep, cfg);
        e = run_rule(db, ins, &r, tz, cfg, eb);
    }
    sqlite3_finalize(ins);
    return e;
}

static nv_err fill_cat_min(sqlite3 *db, const nv_flag_cfg *cfg, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "flag_cat_min_insert", &st, eb);
    for (int i = 0; !e && i < cfg->n_min; i++) {
        sqlite3_reset(st);
        if ((e = flags_bind_text(st, ":category", cfg->min_time[i].category, eb)) ||
            (e = flags_bind_i64(st, ":min_s", cfg->min_time[i].min_s, eb)))
            break;
        if (sqlite3_step(st) != SQLITE_DONE) e = db_fail(db, eb, "flag_cat_min_insert");
    }
    sqlite3_finalize(st);
    return e;
}

static nv_err count_stale(sqlite3 *db, int64_t *stale, int64_t *total, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "flag_counts", &st, eb);
    if (e) return e;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *stale = i64(st, 0);
        *total = i64(st, 1);
    } else {
        e = db_fail(db, eb, "flag_counts");
    }
    sqlite3_finalize(st);
    return e;
}

/* Where the next chunk starts (0: the chunk just filled is empty, done). */
static nv_err chunk_next(sqlite3 *db, int64_t *next, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "flag_chunk_next", &st, eb);
    if (!e && sqlite3_step(st) != SQLITE_ROW) e = db_fail(db, eb, "flag_chunk_next");
    if (!e) *next = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : i64(st, 0);
    sqlite3_finalize(st);
    return e;
}

/* Runs the rules over the affected records chunk_records at a time (every
 * record for a full pass, else flag_todo), in row id order, so that the
 * working tables stay bounded whatever the size of the set. A full pass runs
 * only TIME_ANOMALY and FAST_CLOSE so (see full_sweep()). */
static nv_err run_chunks(sqlite3 *db, const nv_flag_cfg *cfg, const nv_tz *tz, int full,
                         nv_errbuf *eb)
{
    const char *fill_q = full ? "flag_chunk_fill_all" : "flag_chunk_fill_todo";
    int64_t next = 0;
    nv_err e;
    for (;;) {
        const fl_param p[] = {{":lo", next}, {":n", cfg->chunk_records}};
        if ((e = exec_named(db, "flag_chunk_clear", NULL, 0, eb)) ||
            (e = exec_named(db, fill_q, p, 2, eb)) || (e = chunk_next(db, &next, eb)))
            return e;
        if (next == 0) return NV_OK;
        if ((e = run_rules(db, cfg, tz, full, 0, eb))) return e;
    }
}

/* The affected set and the removal of its old flags. */
static nv_err select_affected(sqlite3 *db, const nv_flag_cfg *cfg, int full, nv_errbuf *eb)
{
    nv_err e;
    if (full) return exec_named(db, "flag_delete_records", NULL, 0, eb);
    const fl_param span = {":span", cfg->bulk_span_s}, tout = {":window", cfg->tout_window_s},
                   rep = {":window", cfg->repeat_window_s},
                   head = {":head", cfg->queue_head_start_s};
    if ((e = exec_named(db, "flag_pair_fill", NULL, 0, eb)) ||
        (e = exec_named(db, "flag_aff_stale", NULL, 0, eb)) ||
        (e = exec_named(db, "flag_aff_closer", &span, 1, eb)) ||
        (e = exec_named(db, "flag_aff_mobile", &tout, 1, eb)) ||
        (e = exec_named(db, "flag_aff_account", &rep, 1, eb)) ||
        (e = exec_named(db, "flag_aff_queue", &head, 1, eb)))
        return e;
    return exec_named(db, "flag_delete_aff", NULL, 0, eb);
}

/* The rest of a full pass: BULK_CLOSE, TOUT_PHONE, QUEUE_JUMP and
 * REPEAT_AFTER_CLOSE by one ordered pass over every record
 * (flags_sweep_all()), then their evidence. */
static nv_err full_sweep(sqlite3 *db, const nv_flag_cfg *cfg, const nv_tz *tz, nv_errbuf *eb)
{
    nv_err e = flags_sweep_all(db, cfg, eb);
    return e ? e : run_rules(db, cfg, tz, 1, 1, eb);
}

/* The largest flag_id before a pass, into *max. */
static nv_err flag_max_id(sqlite3 *db, int64_t *max, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "flag_max_id", &st, eb);
    if (!e && sqlite3_step(st) != SQLITE_ROW) e = db_fail(db, eb, "flag_max_id");
    if (!e) *max = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return e;
}

/* Recomputes the affected set's flags (a purged record's stay as they
 * were: flag_purged_keep), with their records' fields (flag_fill_*), and
 * the officer-level running sums, then remembers the keys seen (the caller
 * then marks the records current: flag_mark_set). */
static nv_err update_stale(sqlite3 *db, const nv_flag_cfg *cfg, const nv_tz *tz, int full,
                           nv_errbuf *eb)
{
    nv_err e;
    fl_param max = {":max", 0};
    /* the largest id once the affected flags are deleted: SQLite gives a
     * new row the largest id + 1, so a deleted top id is given again, and
     * only the ids above this one are this pass's */
    if ((e = select_affected(db, cfg, full, eb)) || (e = flag_max_id(db, &max.v, eb)) ||
        (e = run_chunks(db, cfg, tz, full, eb)) || (full && (e = full_sweep(db, cfg, tz, eb))) ||
        (e = exec_named(db, "flag_purged_keep", &max, 1, eb)) ||
        (e = exec_named(db, "flag_fill_record", &max, 1, eb)) ||
        (e = exec_named(db, full ? "flag_fill_kept_all" : "flag_fill_kept", NULL, 0, eb)) ||
        (e = flags_xen_update(db, cfg, full, eb)))
        return e;
    if (full) return db_exec_named(db, "flag_seen_all", eb);
    return exec_named(db, "flag_seen_update", NULL, 0, eb);
}

/* Whether the pass must be full (pass->full, a new configuration key, or
 * at least full_pass_fraction of the records stale), and the key. */
static nv_err choose_pass(sqlite3 *db, const nv_flag_cfg *cfg, nv_flag_pass *pass, int64_t stale,
                          int64_t total, int *full, char key[65], nv_errbuf *eb)
{
    char stored[80];
    nv_err e = flags_config_key(db, cfg, pass ? pass->profile_sha256 : NULL, key, eb);
    if (e) return e;
    int got = db_meta_get(db, "flag_config", stored, sizeof stored);
    if (got < 0) return db_fail(db, eb, "reading meta flag_config");
    int changed = got == 1 && strcmp(stored, key) != 0;
    if (pass) pass->config_changed = changed;
    *full = (pass && pass->full) || got == 0 || changed ||
            (stale > 0 && (double)stale >= cfg->full_pass_fraction * (double)total);
    return NV_OK;
}

nv_err flags_update_records(sqlite3 *db, const nv_flag_cfg *cfg, nv_flag_pass *pass, nv_errbuf *eb)
{
    static const char *sp = "flags_records";
    nv_tz tz;
    int64_t stale = 0, total = 0;
    int full = 0;
    char key[65];
    nv_err e = flags_db_tz(db, &tz, eb);
    if (e) return e;
    if (pass) pass->ran_full = pass->config_changed = 0;
    if ((e = flags_savepoint(db, sp, eb))) return e;
    if ((e = flags_xen_register(db, &tz, eb)) || (e = db_exec_named(db, "flag_setup", eb)) ||
        (e = fill_cat_min(db, cfg, eb)) || (e = count_stale(db, &stale, &total, eb)) ||
        (e = choose_pass(db, cfg, pass, stale, total, &full, key, eb)))
        goto fail;
    if ((stale > 0 || full) && (e = update_stale(db, cfg, &tz, full, eb))) goto fail;
    if ((full && (e = db_meta_set(db, "flag_config", key, eb))) ||
        (e = exec_named(db, "flag_stale_index", NULL, 0, eb)) ||
        (e = exec_named(db, "flag_mark_set", NULL, 0, eb)) ||
        (e = db_exec(db,
                     "DELETE FROM temp.flag_pair; DELETE FROM temp.flag_todo; "
                     "DELETE FROM temp.flag_hit",
                     eb)))
        goto fail;
    if (pass) pass->ran_full = full;
    return flags_release(db, sp, eb);
fail:
    flags_rollback_to(db, sp);
    return e;
}
