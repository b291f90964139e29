/* metrics.c — the SLA clock (metrics_judge) and the window figures
 * (metrics_compute) of METRICS.md. See include/nivaran/metrics.h.
 * Formatting, ranking and the open-data files are in metrics_out.c. */
#include "nivaran/metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/db.h"

/* ---- the SLA clock ---------------------------------------------------- */

static int64_t hours_to_secs(double h)
{
    return (int64_t)llround(h * 3600.0);
}

/* Fills temp.nv_sla with the profile's per-category limits. */
static nv_err judge_fill_sla(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_exec_named(db, "judge_sla", eb);
    if (e) return e;
    if ((e = db_prepare_named(db, "judge_sla_put", &st, eb))) return e;
    for (int i = 0; i < p->n; i++) {
        if (sqlite3_bind_text(st, 1, p->items[i].category, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_int64(st, 2, hours_to_secs(p->items[i].hours)) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_DONE) {
            e = db_fail(db, eb, "judge: SLA table");
            break;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return e;
}

static nv_err judge_run(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    char old[128];
    sqlite3_stmt *st = NULL;
    nv_err e;
    int have = db_meta_get(db, "profile_sha256", old, sizeof old);
    if (have < 0) return db_fail(db, eb, "judge: reading meta profile_sha256");
    if (have == 0 || strcmp(old, p->sha256) != 0) {
        if ((e = db_exec_named(db, "judge_all", eb))) return e;
    }
    if ((e = judge_fill_sla(db, p, eb))) return e;
    if ((e = db_prepare_named(db, "judge_deadline", &st, eb))) return e;
    if (sqlite3_bind_int64(st, 1, hours_to_secs(p->default_hours)) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE)
        e = db_fail(db, eb, "judge: deadlines");
    sqlite3_finalize(st);
    if (e) return e;
    if ((e = db_exec_named(db, "judge_outcome", eb))) return e;
    if ((e = db_meta_set(db, "profile_sha256", p->sha256, eb))) return e;
    return db_meta_set(db, "profile", p->name, eb);
}

nv_err metrics_judge(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    /* A savepoint makes the judgement all or nothing, inside the caller's
     * transaction when there is one, on its own otherwise. */
    nv_err e = db_exec(db, "SAVEPOINT nv_judge", eb);
    if (e) return e;
    e = judge_run(db, p, eb);
    if (e) {
        sqlite3_exec(db, "ROLLBACK TO nv_judge; RELEASE nv_judge", NULL, NULL, NULL);
        return e;
    }
    return db_exec(db, "RELEASE nv_judge", eb);
}

/* ---- the figures ------------------------------------------------------- */

/* A growable array of rows. */
typedef struct {
    nv_fig_row *v;
    size_t n, cap;
} row_vec;

static nv_fig_row *vec_push(row_vec *r, const char *wing, const char *xen)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        nv_fig_row *nv = realloc(r->v, cap * sizeof *nv);
        if (!nv) return NULL;
        r->v = nv;
        r->cap = cap;
    }
    nv_fig_row *row = &r->v[r->n++];
    memset(row, 0, sizeof *row);
    snprintf(row->wing, sizeof row->wing, "%s", wing);
    snprintf(row->xen_id, sizeof row->xen_id, "%s", xen);
    return row;
}

static int row_cmp(const void *a, const void *b)
{
    const nv_fig_row *x = a, *y = b;
    int c = strcmp(x->wing, y->wing);
    return c ? c : strcmp(x->xen_id, y->xen_id);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static void figs_add(nv_figs *a, const nv_figs *b)
{
    a->received += b->received;
    a->resolved += b->resolved;
    a->rejected += b->rejected;
    a->met += b->met;
    a->breached += b->breached;
    a->pending_end += b->pending_end;
    a->overdue_end += b->overdue_end;
}

/* *has = 1 when an index on record(wing, xen_id, registered) lets
 * fig_xens_skip list the XEN rows without reading all history. */
static nv_err fig_has_xen_index(sqlite3 *db, int *has, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_xens_index", &st, eb);
    if (e) return e;
    if (sqlite3_step(st) == SQLITE_ROW) *has = sqlite3_column_int(st, 0) > 0;
    else e = db_fail(db, eb, "figures: index check");
    sqlite3_finalize(st);
    return e;
}

/* The XEN rows (org chart plus values found), zero figures. */
static nv_err fig_load_xens(sqlite3 *db, int64_t d1, row_vec *x, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int skip = 0;
    nv_err e = fig_has_xen_index(db, &skip, eb);
    if (e || (e = db_prepare_named(db, skip ? "fig_xens_skip" : "fig_xens", &st, eb))) return e;
    int rc = sqlite3_bind_int64(st, 1, d1) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!vec_push(x, col_text(st, 0), col_text(st, 1))) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: XEN list");
    sqlite3_finalize(st);
    return e;
}

/* Adds the counted figures of [d0, d1) as further XEN rows (merged later). */
static nv_err fig_load_counts(sqlite3 *db, int64_t d0, int64_t d1, row_vec *x, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_counts", &st, eb);
    if (e) return e;
    int rc = (sqlite3_bind_int64(st, 1, d0) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, d1) == SQLITE_OK) ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        nv_fig_row *r = vec_push(x, col_text(st, 0), col_text(st, 1));
        if (!r) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
        r->f.received = sqlite3_column_int64(st, 2);
        r->f.resolved = sqlite3_column_int64(st, 3);
        r->f.rejected = sqlite3_column_int64(st, 4);
        r->f.met = sqlite3_column_int64(st, 5);
        r->f.breached = sqlite3_column_int64(st, 6);
        r->f.pending_end = sqlite3_column_int64(st, 7);
        r->f.overdue_end = sqlite3_column_int64(st, 8);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: counts");
    sqlite3_finalize(st);
    return e;
}

/* Sorts x and merges rows of the same (wing, xen_id) by adding figures. */
static void fig_merge(row_vec *x)
{
    if (x->n == 0) return;
    qsort(x->v, x->n, sizeof *x->v, row_cmp);
    size_t k = 0;
    for (size_t i = 1; i < x->n; i++) {
        if (row_cmp(&x->v[k], &x->v[i]) == 0) figs_add(&x->v[k].f, &x->v[i].f);
        else x->v[++k] = x->v[i];
    }
    x->n = k + 1;
}

/* One wing row per wing of the XEN rows, plus ALL; sums of the XEN rows. */
static nv_err fig_wings(const row_vec *x, row_vec *w, nv_errbuf *eb)
{
    nv_fig_row *all = vec_push(w, "ALL", "");
    if (!all) return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    nv_figs tot = {0};
    for (size_t i = 0; i < x->n; i++) {
        nv_fig_row *r = NULL;
        if (i > 0 && strcmp(x->v[i - 1].wing, x->v[i].wing) == 0) r = &w->v[w->n - 1];
        else if (!(r = vec_push(w, x->v[i].wing, "")))
            return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
        figs_add(&r->f, &x->v[i].f);
        figs_add(&tot, &x->v[i].f);
    }
    w->v[0].f = tot;
    qsort(w->v, w->n, sizeof *w->v, row_cmp);
    return NV_OK;
}

static nv_fig_row *vec_find(row_vec *r, const char *wing, const char *xen)
{
    nv_fig_row key;
    snprintf(key.wing, sizeof key.wing, "%s", wing);
    snprintf(key.xen_id, sizeof key.xen_id, "%s", xen);
    return bsearch(&key, r->v, r->n, sizeof *r->v, row_cmp);
}

static void set_pctl(nv_fig_row *r, sqlite3_stmt *st)
{
    if (!r) return;
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
        r->f.has_median = 1;
        r->f.median_s = (int64_t)llround(sqlite3_column_double(st, 3));
    }
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
        r->f.has_p90 = 1;
        r->f.p90_s = (int64_t)llround(sqlite3_column_double(st, 4));
    }
}

/* Median and p90 of resolution times, per XEN row, wing row and ALL. */
static nv_err fig_load_pctl(sqlite3 *db, int64_t d0, int64_t d1, row_vec *x, row_vec *w,
                            nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_pctl", &st, eb);
    if (e) return e;
    int rc = (sqlite3_bind_int64(st, 1, d0) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, d1) == SQLITE_OK) ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int level = sqlite3_column_int(st, 0);
        row_vec *in = level == 0 ? x : w;
        set_pctl(vec_find(in, col_text(st, 1), col_text(st, 2)), st);
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "figures: percentiles");
    sqlite3_finalize(st);
    return e;
}

nv_err metrics_compute(sqlite3 *db, int64_t d0, int64_t d1, nv_fig_table *out, nv_errbuf *eb)
{
    row_vec x = {0}, w = {0};
    nv_err e;
    memset(out, 0, sizeof *out);
    if ((e = fig_load_xens(db, d1, &x, eb)) || (e = fig_load_counts(db, d0, d1, &x, eb)))
        goto fail;
    fig_merge(&x);
    if ((e = fig_wings(&x, &w, eb)) || (e = fig_load_pctl(db, d0, d1, &x, &w, eb))) goto fail;
    out->rows = malloc((w.n + x.n) * sizeof *out->rows);
    if (!out->rows) {
        e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
        goto fail;
    }
    memcpy(out->rows, w.v, w.n * sizeof *w.v);
    if (x.n) memcpy(out->rows + w.n, x.v, x.n * sizeof *x.v);
    out->n = w.n + x.n;
    out->n_wing = w.n;
fail:
    free(x.v);
    free(w.v);
    return e;
}

void metrics_table_free(nv_fig_table *t)
{
    if (!t) return;
    free(t->rows);
    t->rows = NULL;
    t->n = t->n_wing = 0;
}

const nv_fig_row *metrics_find(const nv_fig_table *t, const char *wing, const char *xen_id)
{
    const char *x = xen_id ? xen_id : "";
    size_t lo = x[0] ? t->n_wing : 0, hi = x[0] ? t->n : t->n_wing;
    for (size_t i = lo; i < hi; i++)
        if (strcmp(t->rows[i].wing, wing) == 0 && strcmp(t->rows[i].xen_id, x) == 0)
            return &t->rows[i];
    return NULL;
}
