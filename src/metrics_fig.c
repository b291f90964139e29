/* metrics_fig.c — metrics_compute(): the figures of METRICS.md over a window
 * [d0, d1) per XEN, per wing and for ALL. See include/nivaran/metrics.h.
 *
 * queries/fig_window.sql streams each record's contributions (one row per
 * figure it counts in) from index ranges; they are added up here in a hash
 * table keyed by (wing, xen_id), and the resolution times are kept per XEN for
 * the nearest-rank percentiles. Memory: the rows, plus 2 x 8 bytes per record
 * resolved in the window (the XEN lists and one scratch list). */
#include "nivaran/metrics.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/db.h"

/* One XEN row being added up, with its resolution times. */
typedef struct {
    nv_fig_row row;
    int64_t *t;
    size_t nt, cap;
} acc_row;

/* The XEN rows, and an index on (wing, xen_id). */
typedef struct {
    acc_row *v;
    size_t n, cap;
    nv_xen_index ix;
} acc;

uint64_t metrics_key_hash(const char *w, const char *x)
{
    uint64_t h = 1469598103934665603ull;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
    for (; *x; x++)
        h = (h ^ (unsigned char)*x) * 1099511628211ull;
    return h;
}

static const char *xidx_name(const nv_xen_index *ix, const void *base, size_t i, size_t off)
{
    return (const char *)base + i * ix->size + off;
}

static size_t xidx_home(const nv_xen_index *ix, const char *wing, const char *xen_id)
{
    return metrics_key_hash(wing, xen_id) & (ix->nslot - 1);
}

long metrics_xidx_find(const nv_xen_index *ix, const void *base, const char *wing,
                       const char *xen_id)
{
    if (!ix->nslot) return -1;
    for (size_t k = xidx_home(ix, wing, xen_id); ix->slot[k]; k = (k + 1) & (ix->nslot - 1)) {
        size_t i = ix->slot[k] - 1;
        if (strcmp(xidx_name(ix, base, i, ix->wing_off), wing) == 0 &&
            strcmp(xidx_name(ix, base, i, ix->xen_off), xen_id) == 0)
            return (long)i;
    }
    return -1;
}

/* Puts position i in its slot (there is room). */
static void xidx_put(nv_xen_index *ix, const void *base, size_t i)
{
    size_t k =
        xidx_home(ix, xidx_name(ix, base, i, ix->wing_off), xidx_name(ix, base, i, ix->xen_off));
    while (ix->slot[k])
        k = (k + 1) & (ix->nslot - 1);
    ix->slot[k] = i + 1;
}

int metrics_xidx_add(nv_xen_index *ix, const void *base)
{
    if (2 * (ix->n + 1) > ix->nslot) { /* grow: all positions again */
        nv_xen_index g = *ix;
        g.nslot = ix->nslot ? 2 * ix->nslot : 64;
        if (!(g.slot = calloc(g.nslot, sizeof *g.slot))) return -1;
        for (size_t i = 0; i < ix->n; i++)
            xidx_put(&g, base, i);
        free(ix->slot);
        *ix = g;
    }
    xidx_put(ix, base, ix->n++);
    return 0;
}

void metrics_xidx_free(nv_xen_index *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->nslot = ix->n = 0;
}

/* The row of (wing, xen), added with zero figures when new; NULL when out of
 * memory. Names longer than the row's fields are cut there, consistently. */
static acc_row *acc_get(acc *a, const char *wing, const char *xen)
{
    nv_fig_row key;
    memset(&key, 0, sizeof key);
    snprintf(key.wing, sizeof key.wing, "%s", wing);
    snprintf(key.xen_id, sizeof key.xen_id, "%s", xen);
    long i = metrics_xidx_find(&a->ix, a->v, key.wing, key.xen_id);
    if (i >= 0) return &a->v[i];
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        acc_row *nv = realloc(a->v, cap * sizeof *nv);
        if (!nv) return NULL;
        a->v = nv;
        a->cap = cap;
    }
    acc_row *r = &a->v[a->n];
    memset(r, 0, sizeof *r);
    r->row = key;
    if (metrics_xidx_add(&a->ix, a->v) != 0) return NULL;
    a->n++;
    return r;
}

static void acc_free(acc *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i].t);
    free(a->v);
    metrics_xidx_free(&a->ix);
    memset(a, 0, sizeof *a);
}

static int acc_time(acc_row *r, int64_t t)
{
    if (r->nt == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        int64_t *nt = realloc(r->t, cap * sizeof *nt);
        if (!nt) return -1;
        r->t = nt;
        r->cap = cap;
    }
    r->t[r->nt++] = t;
    return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* *has = 1 when an index on record(wing, xen_id, registered) lets
 * fig_xens_skip list the XEN rows without reading all history. */
static nv_err fig_has_xen_index(sqlite3 *db, int *has, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_xens_index", &st, eb);
    if (e) return e;
    if (sqlite3_step(st) == SQLITE_ROW)
        *has = sqlite3_column_int(st, 0) > 0;
    else
        e = db_fail(db, eb, "figures: index check");
    sqlite3_finalize(st);
    return e;
}

/* The XEN rows (org chart plus values found before d1), zero figures. */
static nv_err fig_load_xens(sqlite3 *db, int64_t d1, acc *a, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int skip = 0;
    nv_err e = fig_has_xen_index(db, &skip, eb);
    if (e || (e = db_prepare_named(db, skip ? "fig_xens_skip" : "fig_xens", &st, eb))) return e;
    int rc = sqlite3_bind_int64(st, 1, d1) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!acc_get(a, col_text(st, 0), col_text(st, 1))) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: XEN list");
    sqlite3_finalize(st);
    return e;
}

static int fig_count(acc_row *r, int kind, int64_t v)
{
    nv_figs *f = &r->row.f;
    switch (kind) {
    case 0:
        f->received++;
        break;
    case 1:
        f->resolved++;
        return acc_time(r, v);
    case 2:
        f->rejected++;
        break;
    case 3:
        f->met++;
        break;
    case 4:
        f->breached++;
        break;
    default:
        f->pending_end++;
        f->overdue_end += v != 0;
    }
    return 0;
}

/* Adds up the contributions of queries/fig_window.sql. */
static nv_err fig_load_window(sqlite3 *db, int64_t d0, int64_t d1, acc *a, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_window", &st, eb);
    if (e) return e;
    int rc =
        (sqlite3_bind_int64(st, 1, d0) == SQLITE_OK && sqlite3_bind_int64(st, 2, d1) == SQLITE_OK)
            ? SQLITE_ROW
            : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        acc_row *r = acc_get(a, col_text(st, 0), col_text(st, 1));
        if (!r || fig_count(r, sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3)) != 0) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: window");
    sqlite3_finalize(st);
    return e;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int acc_cmp(const void *a, const void *b)
{
    const nv_fig_row *x = &((const acc_row *)a)->row, *y = &((const acc_row *)b)->row;
    int c = strcmp(x->wing, y->wing);
    return c ? c : strcmp(x->xen_id, y->xen_id);
}

/* Nearest rank over n sorted times: the ceil(q*n)-th smallest, with
 * q = 1/2 and 9/10 taken in integers. */
void metrics_figs_pctl(nv_figs *f, int64_t *t, size_t n)
{
    if (n == 0) return;
    if (n > 1) qsort(t, n, sizeof *t, cmp_i64);
    f->has_median = f->has_p90 = 1;
    f->median_s = t[(n + 1) / 2 - 1];
    f->p90_s = t[(9 * n + 9) / 10 - 1];
}

void metrics_figs_add(nv_figs *a, const nv_figs *b)
{
    a->received += b->received;
    a->resolved += b->resolved;
    a->rejected += b->rejected;
    a->met += b->met;
    a->breached += b->breached;
    a->pending_end += b->pending_end;
    a->overdue_end += b->overdue_end;
}

int metrics_row_cmp(const void *a, const void *b)
{
    const nv_fig_row *x = a, *y = b;
    int c = strcmp(x->wing, y->wing);
    return c ? c : strcmp(x->xen_id, y->xen_id);
}

/* Sums rows v[i0 .. i1) into w (named wing), their times through scratch. */
static void fig_sum(const acc_row *v, size_t i0, size_t i1, const char *wing, nv_fig_row *w,
                    int64_t *scratch)
{
    size_t n = 0;
    memset(w, 0, sizeof *w);
    snprintf(w->wing, sizeof w->wing, "%s", wing);
    for (size_t i = i0; i < i1; i++) {
        metrics_figs_add(&w->f, &v[i].row.f);
        if (v[i].nt) memcpy(scratch + n, v[i].t, v[i].nt * sizeof *scratch);
        n += v[i].nt;
    }
    metrics_figs_pctl(&w->f, scratch, n);
}

/* Builds out from the XEN rows: ALL and the wing rows first (sorted by
 * wing), then the XEN rows (sorted by wing then xen_id). */
static nv_err fig_table(acc *a, nv_fig_table *out, nv_errbuf *eb)
{
    size_t nt = 0, nw = 1;
    if (a->n) qsort(a->v, a->n, sizeof *a->v, acc_cmp);
    for (size_t i = 0; i < a->n; i++) {
        nt += a->v[i].nt;
        if (i == 0 || strcmp(a->v[i - 1].row.wing, a->v[i].row.wing) != 0) nw++;
    }
    int64_t *scratch = malloc((nt ? nt : 1) * sizeof *scratch);
    out->rows = malloc((nw + a->n) * sizeof *out->rows);
    if (!scratch || !out->rows) {
        free(scratch);
        free(out->rows);
        out->rows = NULL;
        return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    }
    nv_fig_row *w = out->rows;
    fig_sum(a->v, 0, a->n, "ALL", &w[0], scratch);
    size_t k = 1;
    for (size_t i0 = 0, i = 1; i <= a->n; i++) {
        if (i == a->n || strcmp(a->v[i0].row.wing, a->v[i].row.wing) != 0) {
            fig_sum(a->v, i0, i, a->v[i0].row.wing, &w[k++], scratch);
            i0 = i;
        }
    }
    free(scratch);
    if (k > 1) qsort(w, k, sizeof *w, metrics_row_cmp);
    for (size_t i = 0; i < a->n; i++) {
        metrics_figs_pctl(&a->v[i].row.f, a->v[i].t, a->v[i].nt);
        out->rows[k + i] = a->v[i].row;
    }
    out->n_wing = k;
    out->n = k + a->n;
    return NV_OK;
}

nv_err metrics_compute(sqlite3 *db, int64_t d0, int64_t d1, nv_fig_table *out, nv_errbuf *eb)
{
    acc a = {.ix = {.size = sizeof(acc_row),
                    .wing_off = offsetof(acc_row, row.wing),
                    .xen_off = offsetof(acc_row, row.xen_id)}};
    memset(out, 0, sizeof *out);
    nv_err e = fig_load_xens(db, d1, &a, eb);
    if (!e) e = fig_load_window(db, d0, d1, &a, eb);
    if (!e) e = fig_table(&a, out, eb);
    acc_free(&a);
    return e;
}
