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
    char first[11], last[11];
    int64_t t0, d1;
    const nv_report *r;
    const nv_verify_cfg *vcfg;
} fig_win;

static nv_err prep(sqlite3 *db, const char *name, const fig_win *w, sqlite3_stmt **st,
                   nv_errbuf *eb)
{
    nv_err e = db_prepare_named(db, name, st, eb);
    if (!e) e = bind_opt_text(*st, ":first", w->first, eb);
    if (!e) e = bind_opt_text(*st, ":last", w->last, eb);
    if (!e) e = bind_opt_text(*st, ":report_day", w->r->report_date, eb);
    if (!e) e = bind_opt_i64(*st, ":t0", w->t0, eb);
    if (!e) e = bind_opt_i64(*st, ":d1", w->d1, eb);
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

/* Counts one more resolved record of xen (a handful of XENs: a linear
 * search, the last one found tried first); -1 when out of memory. */
static int exam_xen_add(nv_verify_exam *x, const char *xen, int64_t n)
{
    char cut[sizeof x->xen[0].xen];
    snprintf(cut, sizeof cut, "%s", xen);
    if (x->n_xen && !strcmp(x->xen[x->last].xen, cut)) {
        x->xen[x->last].n += n;
        return 0;
    }
    for (size_t i = 0; i < x->n_xen; i++)
        if (!strcmp(x->xen[i].xen, cut)) {
            x->xen[i].n += n;
            x->last = i;
            return 0;
        }
    if (x->n_xen == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        void *v = realloc(x->xen, cap * sizeof *x->xen);
        if (!v) return -1;
        x->xen = v;
        x->cap = cap;
    }
    memcpy(x->xen[x->n_xen].xen, cut, sizeof cut);
    x->xen[x->n_xen].n = n;
    x->last = x->n_xen++;
    return 0;
}

/* A key (wing, XEN, category) of the figures: the records the rules
 * examine in it (VERIFY.md). */
static int exam_key(void *ctx, const char *wing, const char *xen_id, const char *category,
                    const int64_t n[FIG_EXAM_N], int64_t resolved)
{
    nv_verify_exam *x = ctx;
    int64_t res = n[FIG_EXAM_RES_APP] + n[FIG_EXAM_RES_OTHER];
    int has_min = 0;
    (void)wing;
    for (int i = 0; !has_min && i < x->fcfg->n_min; i++)
        has_min = strcmp(category, x->fcfg->min_time[i].category) == 0;
    x->exam[0] += has_min ? res : 0;
    x->exam[1] += n[FIG_EXAM_RES_CLOSER];
    x->exam[2] += n[FIG_EXAM_MOBILE];
    x->exam[3] += n[FIG_EXAM_RES_APP];
    x->exam[4] += n[FIG_EXAM_RES_OTHER];
    return resolved ? exam_xen_add(x, xen_id, resolved) : 0;
}

void verify_exam_init(nv_verify_exam *x, const nv_report *r, const nv_flag_cfg *fcfg)
{
    int y, m, d;
    memset(x, 0, sizeof *x);
    nvt_civil_from_days(r->last_day - 29, &y, &m, &d);
    x->t0 = nvt_day_start(&r->tz, y, m, d);
    x->d1 = r->d1;
    x->fcfg = fcfg;
    x->min_resolved = fcfg->officer_min_resolved;
}

nv_err verify_exam_fill(nv_verify_exam *x, const nv_figures *f, nv_errbuf *eb)
{
    if (figures_exam(f, exam_key, x) != 0)
        return nv_errf(eb, NV_ERR_NOMEM, "self-check: out of memory");
    return NV_OK;
}

void verify_exam_free(nv_verify_exam *x)
{
    free(x->xen);
    x->xen = NULL;
    x->n_xen = x->cap = 0;
}

/* The record-level rules' counts, examined from x; *rated = the XENs (not
 * UNASSIGNED) with the officer rules' minimum of resolved records. */
static nv_err fig_records(sqlite3 *db, const fig_win *w, const nv_verify_exam *x, nv_verify_fig *f,
                          int64_t *rated, nv_errbuf *eb)
{
    static const char *const codes[] = {"FAST_CLOSE", "BULK_CLOSE", "TOUT_PHONE", "QUEUE_JUMP",
                                        "REPEAT_AFTER_CLOSE"};
    int64_t flagged[5] = {0};
    *rated = 0;
    nv_err e = fig_flagged(db, w, codes, 5, flagged, eb);
    for (size_t i = 0; i < x->n_xen; i++)
        if (strcmp(x->xen[i].xen, "UNASSIGNED") != 0 && x->xen[i].n >= (int64_t)x->min_resolved)
            (*rated)++;
    for (int i = 0; !e && i < 5; i++)
        check_add(f, w->vcfg, codes[i], 0, flagged[i], x->exam[i]);
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

/* The examined records of r's window from a figures read of its own. */
static nv_err exam_read(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg, nv_verify_exam *x,
                        nv_errbuf *eb)
{
    nv_figures fig;
    verify_exam_init(x, r, fcfg);
    nv_err e = figures_build(db, &r->tz, r->first_day, r->last_day, &fig, eb);
    if (!e) e = verify_exam_fill(x, &fig, eb);
    figures_free(&fig);
    return e;
}

/* verify_figures(), the examined records from x (NULL: read them). */
static nv_err figures_with(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                           const nv_verify_cfg *vcfg, const nv_verify_exam *x, nv_verify_fig *out,
                           nv_errbuf *eb)
{
    fig_win w = {.r = r, .vcfg = vcfg, .d1 = r->d1};
    nv_verify_exam own = {0};
    int y, m, d;
    int64_t nfr_rated = 0, rated = 0;
    memset(out, 0, sizeof *out);
    nvt_format_ymd(r->last_day, w.last);
    nvt_format_ymd(r->last_day - 29, w.first);
    nvt_civil_from_days(r->last_day - 29, &y, &m, &d);
    w.t0 = nvt_day_start(&r->tz, y, m, d);
    nv_err e = fig_wings(db, &w, out, eb);
    int cached = !e && fig_cached(db, r, out);
    if (!e && !cached && !x) e = exam_read(db, r, fcfg, &own, eb), x = &own;
    if (!e && !cached) e = fig_records(db, &w, x, out, &rated, eb);
    if (!e && !cached) e = fig_calls_check(db, &w, out, &nfr_rated, eb);
    if (!e && !cached) e = fig_officer(db, &w, out, rated, nfr_rated, eb);
    verify_exam_free(&own);
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

nv_err verify_figures(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                      const nv_verify_cfg *vcfg, nv_verify_fig *out, nv_errbuf *eb)
{
    return figures_with(db, r, fcfg, vcfg, NULL, out, eb);
}

void verify_figures_free(nv_verify_fig *f)
{
    free(f->wings);
    f->wings = NULL;
    f->n_wings = 0;
}

nv_err verify_check_fill(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                         const nv_verify_cfg *vcfg, const nv_verify_exam *x, nv_errbuf *eb)
{
    nv_verify_fig f;
    nv_words w;
    sqlite3_stmt *ins = NULL;
    sqlite3_exec(db, "DELETE FROM temp.verify_check", NULL, NULL, NULL); /* compute afresh */
    nv_err e = words_load(r->templates_dir, r->org_name, &w, eb);
    if (e) return e;
    const char *officers = w.word[WORDS_OFFICERS][WORDS_EN]; /* "XENs" */
    if ((e = figures_with(db, r, fcfg, vcfg, x, &f, eb))) return e;
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
