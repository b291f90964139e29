/* verify_fig.c — the call-back and review figures and the flags'
 * self-check (VERIFY.md); see include/nivaran/compute/verify.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/store/queries.h"
#include "nivaran/compute/verify.h"
#include "nivaran/core/words.h"

static nv_err bind_opt_text(sqlite3_stmt *st, const char *name, const char *v, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0 && sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) != SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "binding %s failed", name);
    return NV_OK;
}

static nv_err bind_opt_i64(sqlite3_stmt *st, const char *name, int64_t v, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0 && sqlite3_bind_int64(st, i, v) != SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "binding %s failed", name);
    return NV_OK;
}

/* The window every query of this file takes. */
typedef struct {
    char first[11], last[11], cats[2048];
    int64_t t0, d1;
    const nv_report *r;
    const nv_verify_cfg *vcfg;
    int min_resolved;
} fig_win;

static nv_err prep(sqlite3 *db, const char *name, const fig_win *w, sqlite3_stmt **st,
                   nv_errbuf *eb)
{
    nv_err e = db_prepare_named(db, name, st, eb);
    if (!e) e = bind_opt_text(*st, ":first", w->first, eb);
    if (!e) e = bind_opt_text(*st, ":last", w->last, eb);
    if (!e) e = bind_opt_text(*st, ":cats", w->cats, eb);
    if (!e) e = bind_opt_text(*st, ":report_day", w->r->report_date, eb);
    if (!e) e = bind_opt_i64(*st, ":t0", w->t0, eb);
    if (!e) e = bind_opt_i64(*st, ":d1", w->d1, eb);
    if (!e) e = bind_opt_i64(*st, ":min_resolved", w->min_resolved, eb);
    if (!e) e = bind_opt_i64(*st, ":min_reached", w->vcfg->nfr_min_reached, eb);
    return e;
}

static nv_verify_wing *wing_of(nv_verify_fig *f, const char *wing, nv_errbuf *eb, nv_err *e)
{
    for (size_t i = 0; i < f->n_wings; i++)
        if (!strcmp(f->wings[i].wing, wing)) return &f->wings[i];
    nv_verify_wing *v = realloc(f->wings, (f->n_wings + 1) * sizeof *v);
    if (!v) {
        *e = nv_errf(eb, NV_ERR_NOMEM, "out of memory (call-back figures)");
        return NULL;
    }
    f->wings = v;
    memset(&v[f->n_wings], 0, sizeof *v);
    snprintf(v[f->n_wings].wing, sizeof v->wing, "%s", wing);
    return &v[f->n_wings++];
}

static int wing_cmp(const void *a, const void *b)
{
    return strcmp(((const nv_verify_wing *)a)->wing, ((const nv_verify_wing *)b)->wing);
}

static const char *txt(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static nv_err fig_wings(sqlite3 *db, const fig_win *w, nv_verify_fig *f, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int rc;
    nv_err e = prep(db, "verify_fig_calls", w, &st, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        nv_verify_wing *v = wing_of(f, txt(st, 0), eb, &e);
        if (!v) break;
        v->listed = sqlite3_column_int64(st, 1);
        v->returned = sqlite3_column_int64(st, 2);
        v->reached = sqlite3_column_int64(st, 3);
        v->not_fixed = sqlite3_column_int64(st, 4);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "verify_fig_calls");
    sqlite3_finalize(st);
    st = NULL;
    if (!e) e = prep(db, "verify_fig_reviews", w, &st, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        nv_verify_wing *v = wing_of(f, txt(st, 0), eb, &e);
        if (!v) break;
        const char *s = txt(st, 1);
        int64_t n = sqlite3_column_int64(st, 2);
        if (!strcmp(s, "EXPLAINED"))
            v->explained = n;
        else if (!strcmp(s, "UNDER INQUIRY"))
            v->inquiry = n;
        else if (!strcmp(s, "CONFIRMED"))
            v->confirmed = n;
        else
            v->open = n;
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "verify_fig_reviews");
    sqlite3_finalize(st);
    if (!e && f->n_wings > 1) qsort(f->wings, f->n_wings, sizeof *f->wings, wing_cmp);
    return e;
}

static void check_add(nv_verify_fig *f, const nv_verify_cfg *c, const char *rule, int officer,
                      int64_t flagged, int64_t examined)
{
    if (f->n_checks >= VERIFY_MAX_CHECKS) return;
    nv_verify_check *k = &f->checks[f->n_checks++];
    snprintf(k->rule, sizeof k->rule, "%s", rule);
    k->officer = officer;
    k->flagged = flagged;
    k->examined = examined;
    k->pct = examined > 0 ? 100.0 * (double)flagged / (double)examined : NAN;
    double lim = officer ? c->max_xen_pct : c->max_record_pct;
    k->check = examined > 0 && k->pct > lim + 1e-9;
}

/* Flagged records per record-level code, into n[] by position in codes. */
static nv_err fig_flagged(sqlite3 *db, const fig_win *w, const char *const *codes, int nc,
                          int64_t *n, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int rc;
    nv_err e = prep(db, "verify_check_flagged", w, &st, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int i = 0; i < nc; i++)
            if (!strcmp(txt(st, 0), codes[i])) n[i] = sqlite3_column_int64(st, 1);
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "verify_check_flagged");
    sqlite3_finalize(st);
    return e;
}

/* Resolved records per XEN (a handful of XENs: a linear search, the last
 * one found tried first). */
typedef struct {
    struct {
        char xen[64];
        int64_t n;
    } * v;
    size_t n, cap, last;
} xen_count;

static nv_err xen_count_add(xen_count *c, const char *xen, nv_errbuf *eb)
{
    if (c->n && !strcmp(c->v[c->last].xen, xen)) {
        c->v[c->last].n++;
        return NV_OK;
    }
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].xen, xen)) {
            c->v[i].n++;
            c->last = i;
            return NV_OK;
        }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        void *v = realloc(c->v, cap * sizeof *c->v);
        if (!v) return nv_errf(eb, NV_ERR_NOMEM, "out of memory (self-check)");
        c->v = v;
        c->cap = cap;
    }
    snprintf(c->v[c->n].xen, sizeof c->v[0].xen, "%s", xen);
    c->v[c->n].n = 1;
    c->last = c->n++;
    return NV_OK;
}

/* The rules examining the row of verify_check_examined.sql (its bit mask);
 * *last / *last_in cache the category last looked up in w->cats. */
static int examined_mask(sqlite3_stmt *st, const fig_win *w, char *last, size_t n, int *last_in)
{
    int res = sqlite3_column_int(st, 1), app = sqlite3_column_int(st, 5);
    const char *cat = txt(st, 2);
    if (res && strcmp(cat, last) != 0) {
        char key[96];
        snprintf(key, sizeof key, "|%s|", cat);
        *last_in = strlen(cat) < sizeof key - 3 && strstr(w->cats, key) != NULL;
        snprintf(last, n, "%s", cat);
    }
    return (res && *last_in) + 2 * (res && sqlite3_column_int(st, 3)) +
           4 * (sqlite3_column_int(st, 4) != 0) + 8 * (res && app) + 16 * (res && !app) +
           32 * (res && sqlite3_column_int(st, 6));
}

/* The record-level rules' counts; *rated = the XENs (not UNASSIGNED) with
 * the officer rules' minimum of resolved records in the window. */
static nv_err fig_records(sqlite3 *db, const fig_win *w, nv_verify_fig *f, int64_t *rated,
                          nv_errbuf *eb)
{
    static const char *const codes[] = {"FAST_CLOSE", "BULK_CLOSE", "TOUT_PHONE", "QUEUE_JUMP",
                                        "REPEAT_AFTER_CLOSE"};
    int64_t flagged[5] = {0}, exam[5] = {0};
    sqlite3_stmt *st = NULL;
    xen_count xc = {0};
    int rc;
    *rated = 0;
    nv_err e = fig_flagged(db, w, codes, 5, flagged, eb);
    if (!e) e = db_exec_named(db, "fig_index", eb); /* the index the examined scan reads */
    if (!e) e = prep(db, "verify_check_examined", w, &st, eb);
    char last[96] = "";
    int last_in = 0;
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int m = examined_mask(st, w, last, sizeof last, &last_in);
        if (!m) continue;
        for (int i = 0; i < 5; i++)
            exam[i] += (m >> i) & 1;
        if ((m & 32) && (e = xen_count_add(&xc, txt(st, 0), eb))) break;
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "verify_check_examined");
    sqlite3_finalize(st);
    for (size_t i = 0; i < xc.n; i++)
        if (strcmp(xc.v[i].xen, "UNASSIGNED") != 0 && xc.v[i].n >= (int64_t)w->min_resolved)
            (*rated)++;
    free(xc.v);
    for (int i = 0; !e && i < 5; i++)
        check_add(f, w->vcfg, codes[i], 0, flagged[i], exam[i]);
    return e;
}

static nv_err fig_calls_check(sqlite3 *db, const fig_win *w, nv_verify_fig *f, int64_t *rated,
                              nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = prep(db, "verify_check_reached", w, &st, eb);
    if (!e && sqlite3_step(st) == SQLITE_ROW) {
        check_add(f, w->vcfg, "CALLBACK_NOT_FIXED", 0, sqlite3_column_int64(st, 1),
                  sqlite3_column_int64(st, 0));
        *rated = sqlite3_column_int64(st, 2);
    } else if (!e) {
        e = db_fail(db, eb, "verify_check_reached");
    }
    sqlite3_finalize(st);
    return e;
}

static nv_err fig_officer(sqlite3 *db, const fig_win *w, nv_verify_fig *f, int64_t rated,
                          int64_t nfr_rated, nv_errbuf *eb)
{
    static const char *const codes[] = {"DEADLINE_HUG",  "HIGH_REJECTION",  "UNVERIFIED_CLOSE",
                                        "DISSATISFIED",  "FAST_CLOSE_RATE", "REPEAT_RATE",
                                        "NOT_FIXED_RATE"};
    int64_t flagged[7] = {0};
    sqlite3_stmt *st = NULL;
    int rc;
    nv_err e = prep(db, "verify_check_officer", w, &st, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < 7; i++)
            if (!strcmp(txt(st, 0), codes[i])) flagged[i] = sqlite3_column_int64(st, 1);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "verify_check_officer");
    sqlite3_finalize(st);
    for (int i = 0; !e && i < 7; i++)
        check_add(f, w->vcfg, codes[i], 1, flagged[i], i == 6 ? nfr_rated : rated);
    return e;
}

/* The checks verify_check_fill() stored for r: 1 when found. */
static int fig_cached(sqlite3 *db, const nv_report *r, nv_verify_fig *f)
{
    sqlite3_stmt *st = NULL;
    const char *sql = queries_get("verify_check_cached");
    if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st); /* no temp.verify_check on this connection */
        return 0;
    }
    sqlite3_bind_text(st, 1, r->report_date, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && f->n_checks < VERIFY_MAX_CHECKS) {
        nv_verify_check *k = &f->checks[f->n_checks++];
        snprintf(k->rule, sizeof k->rule, "%s", txt(st, 0));
        k->officer = sqlite3_column_int(st, 1);
        k->flagged = sqlite3_column_int64(st, 2);
        k->examined = sqlite3_column_int64(st, 3);
        k->pct = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4);
        k->check = sqlite3_column_int(st, 5);
    }
    sqlite3_finalize(st);
    return f->n_checks > 0;
}

nv_err verify_figures(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                      const nv_verify_cfg *vcfg, nv_verify_fig *out, nv_errbuf *eb)
{
    fig_win w = {.r = r, .vcfg = vcfg, .d1 = r->d1, .min_resolved = fcfg->officer_min_resolved};
    int y, m, d;
    int64_t nfr_rated = 0, rated = 0;
    memset(out, 0, sizeof *out);
    nvt_format_ymd(r->last_day, w.last);
    nvt_format_ymd(r->last_day - 29, w.first);
    nvt_civil_from_days(r->last_day - 29, &y, &m, &d);
    w.t0 = nvt_day_start(&r->tz, y, m, d);
    size_t k = (size_t)snprintf(w.cats, sizeof w.cats, "|");
    for (int i = 0; i < fcfg->n_min && k < sizeof w.cats; i++)
        k += (size_t)snprintf(w.cats + k, sizeof w.cats - k, "%s|", fcfg->min_time[i].category);
    nv_err e = fig_wings(db, &w, out, eb);
    int cached = !e && fig_cached(db, r, out);
    if (!e && !cached) e = fig_records(db, &w, out, &rated, eb);
    if (!e && !cached) e = fig_calls_check(db, &w, out, &nfr_rated, eb);
    if (!e && !cached) e = fig_officer(db, &w, out, rated, nfr_rated, eb);
    if (!e && r->first_day == r->last_day) {
        sqlite3_stmt *st = NULL;
        if ((e = db_prepare_named(db, "verify_day_get", &st, eb))) goto done;
        if (sqlite3_bind_text(st, 1, r->report_date, -1, SQLITE_STATIC) != SQLITE_OK)
            e = db_fail(db, eb, "verify_day_get");
        else if (sqlite3_step(st) == SQLITE_ROW) {
            out->has_list = 1;
            out->salted = sqlite3_column_int(st, 0);
        }
        sqlite3_finalize(st);
    }
done:
    if (e) verify_figures_free(out);
    return e;
}

void verify_figures_free(nv_verify_fig *f)
{
    free(f->wings);
    f->wings = NULL;
    f->n_wings = 0;
}

nv_err verify_check_fill(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                         const nv_verify_cfg *vcfg, nv_errbuf *eb)
{
    nv_verify_fig f;
    nv_words w;
    sqlite3_stmt *ins = NULL;
    sqlite3_exec(db, "DELETE FROM temp.verify_check", NULL, NULL, NULL); /* compute afresh */
    nv_err e = words_load(r->templates_dir, r->org_name, &w, eb);
    if (e) return e;
    const char *officers = w.word[WORDS_OFFICERS][WORDS_EN]; /* "XENs" */
    if ((e = verify_figures(db, r, fcfg, vcfg, &f, eb))) return e;
    if ((e = db_exec(db,
                     "CREATE TEMP TABLE IF NOT EXISTS verify_check (ord INTEGER PRIMARY KEY, "
                     "rule TEXT NOT NULL, level TEXT NOT NULL, flagged INTEGER, examined "
                     "INTEGER, pct REAL, mark TEXT, report_day TEXT, check_flag INTEGER); "
                     "DELETE FROM temp.verify_check",
                     eb)) ||
        (e = db_prepare_named(db, "verify_check_insert", &ins, eb)))
        goto done;
    for (size_t i = 0; i < f.n_checks && !e; i++) {
        const nv_verify_check *k = &f.checks[i];
        sqlite3_reset(ins);
        if (sqlite3_bind_int64(ins, 1, (int64_t)i) != SQLITE_OK ||
            sqlite3_bind_text(ins, 2, k->rule, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_text(ins, 3, k->officer ? officers : "records", -1, SQLITE_TRANSIENT) !=
                SQLITE_OK ||
            sqlite3_bind_int64(ins, 4, k->flagged) != SQLITE_OK ||
            sqlite3_bind_int64(ins, 5, k->examined) != SQLITE_OK ||
            (isnan(k->pct) ? sqlite3_bind_null(ins, 6) : sqlite3_bind_double(ins, 6, k->pct)) !=
                SQLITE_OK ||
            (k->check ? sqlite3_bind_text(ins, 7, "check the threshold", -1, SQLITE_STATIC)
                      : sqlite3_bind_null(ins, 7)) != SQLITE_OK ||
            sqlite3_bind_text(ins, 8, r->report_date, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_int(ins, 9, k->check) != SQLITE_OK || sqlite3_step(ins) != SQLITE_DONE)
            e = db_fail(db, eb, "verify_check");
    }
done:
    sqlite3_finalize(ins);
    verify_figures_free(&f);
    return e;
}
