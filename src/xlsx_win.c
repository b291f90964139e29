/* xlsx_win.c — the figures of the workbooks' other windows from one pass:
 * the Summary's last 7 days and month to date with their previous periods,
 * the 30 days of the XEN ranking, and each wing's 30-day trend. See
 * include/nivaran/xlsx.h (xlsx_win_fill).
 *
 * queries/xlsx_windows.sql streams, for all wings, each record with an
 * event in the range the windows span (or pending at one of their ends)
 * once. Each record's events are added into every window they fall in
 * exactly as metrics_compute() adds up queries/fig_window.sql (the same
 * tests, applied in C to the columns the row carries), into an
 * nv_fig_table built as metrics_compute() builds its own: ALL and the wing
 * rows sorted by wing, then the XEN rows by wing and xen_id, nearest-rank
 * percentiles. A record is pending at a window's end T when registered
 * before T and open, or disposed at or after T (time anomalies left out).
 * Memory: the XEN rows and 8 bytes per resolution time per window it falls
 * in. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/db.h"
#include "nivaran/xlsx.h"

/* One XEN's figures in each window, with its resolution times. */
typedef struct {
    char wing[64], xen_id[96];
    nv_figs f[XLSX_WIN_N];
    int64_t *t[XLSX_WIN_N];
    size_t nt[XLSX_WIN_N], cap[XLSX_WIN_N];
} win_xen;

typedef struct {
    int64_t a[XLSX_WIN_N], b[XLSX_WIN_N]; /* the windows [a, b) */
    int64_t end;                          /* end of the report window */
    win_xen *x;
    size_t n, cap;
    nv_xen_index ix;                    /* on (wing, xen_id) */
    int64_t bound[XLSX_TREND_DAYS + 1]; /* trend day starts */
    const char (*wings)[64];
    size_t nwings, hint;
    int64_t (*trend)[XLSX_TREND_DAYS][4];
} win_acc;

/* The columns of xlsx_windows.sql. */
enum { C_WING, C_XEN, C_REG, C_DISP, C_ANOM, C_STATUS, C_JUDGED, C_OUTCOME, C_DEADLINE };

/* One record's columns, as the windows and the trend test them. */
typedef struct {
    int64_t reg, disp, judged, dl;
    int open, anom, has_dl, resolved, rejected, judged_ok, met;
} win_rec;

/* The XEN of (wing, xen), added with zero figures when new (names cut to
 * the row's fields, as metrics_compute() cuts them); NULL when out of
 * memory. */
static win_xen *win_get(win_acc *a, const char *wing, const char *xen)
{
    char w[64], x[96];
    snprintf(w, sizeof w, "%s", wing);
    snprintf(x, sizeof x, "%s", xen);
    long i = metrics_xidx_find(&a->ix, a->x, w, x);
    if (i >= 0) return &a->x[i];
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        win_xen *nv = realloc(a->x, cap * sizeof *nv);
        if (!nv) return NULL;
        a->x = nv;
        a->cap = cap;
    }
    win_xen *v = &a->x[a->n];
    memset(v, 0, sizeof *v);
    memcpy(v->wing, w, sizeof w);
    memcpy(v->xen_id, x, sizeof x);
    if (metrics_xidx_add(&a->ix, a->x) != 0) return NULL;
    a->n++;
    return v;
}

static void win_free(win_acc *a)
{
    for (size_t i = 0; i < a->n; i++)
        for (int w = 0; w < XLSX_WIN_N; w++)
            free(a->x[i].t[w]);
    free(a->x);
    metrics_xidx_free(&a->ix);
    free(a->trend);
}

static int win_time(win_xen *v, int w, int64_t t)
{
    if (v->nt[w] == v->cap[w]) {
        size_t cap = v->cap[w] ? 2 * v->cap[w] : 16;
        int64_t *nt = realloc(v->t[w], cap * sizeof *nt);
        if (!nt) return -1;
        v->t[w] = nt;
        v->cap[w] = cap;
    }
    v->t[w][v->nt[w]++] = t;
    return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static int is_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* The row's record, read once. */
static void win_read(sqlite3_stmt *st, win_rec *r)
{
    const char *status = col_text(st, C_STATUS), *outcome = col_text(st, C_OUTCOME);
    r->reg = sqlite3_column_int64(st, C_REG);
    r->disp = sqlite3_column_int64(st, C_DISP);
    r->judged = sqlite3_column_int64(st, C_JUDGED);
    r->dl = sqlite3_column_int64(st, C_DEADLINE);
    r->open = is_null(st, C_DISP);
    r->anom = sqlite3_column_int(st, C_ANOM) != 0;
    r->has_dl = !is_null(st, C_DEADLINE);
    r->resolved = !r->open && strcmp(status, "RESOLVED") == 0;
    r->rejected = !r->open && !r->resolved && strcmp(status, "OPEN") != 0;
    r->met = strcmp(outcome, "MET") == 0;
    r->judged_ok = !is_null(st, C_JUDGED) && (r->met || strcmp(outcome, "BREACHED") == 0);
}

/* The record's events in every window, as fig_window.sql's branches count
 * them: received at registered, resolved or rejected at disposed (time
 * anomalies in none of these), met or breached at judged_at, and pending
 * (overdue when its deadline is before) at the window's end. */
static int win_figures(win_acc *a, win_xen *v, const win_rec *r)
{
    for (int w = 0; w < XLSX_WIN_N; w++) {
        int64_t lo = a->a[w], hi = a->b[w];
        nv_figs *f = &v->f[w];
        if (!r->anom && r->reg >= lo && r->reg < hi) f->received++;
        if (!r->anom && !r->open && r->disp >= lo && r->disp < hi) {
            if (r->resolved) {
                f->resolved++;
                if (win_time(v, w, r->disp - r->reg) != 0) return -1;
            } else if (r->rejected)
                f->rejected++;
        }
        if (r->judged_ok && r->judged >= lo && r->judged < hi)
            *(r->met ? &f->met : &f->breached) += 1;
        if (r->reg < hi && (r->open || (!r->anom && r->disp >= hi))) {
            f->pending_end++;
            f->overdue_end += r->has_dl && r->dl < hi;
        }
    }
    return 0;
}

/* Day of the trend (0 = D-29) whose [start, next start) holds t, or -1. */
static int trend_day(const int64_t *bound, int64_t t)
{
    if (t < bound[0] || t >= bound[XLSX_TREND_DAYS]) return -1;
    int lo = 0, hi = XLSX_TREND_DAYS - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (bound[mid] <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* The record into its wing's trend, as xlsx_trend.sql defines the figures:
 * received at registered, resolved (RESOLVED) at disposed, met and breached
 * at judged_at; records with disposed < registered left out. */
static void win_trend(win_acc *a, sqlite3_stmt *st, const win_rec *r)
{
    const char *w = col_text(st, C_WING);
    size_t i = a->hint;
    if (i >= a->nwings || strcmp(a->wings[i], w) != 0)
        for (i = 0; i < a->nwings && strcmp(a->wings[i], w) != 0; i++)
            ;
    if (i == a->nwings) return; /* a wing without a workbook */
    a->hint = i;
    if (!r->open && r->disp < r->reg) return;
    int d = trend_day(a->bound, r->reg);
    if (d >= 0) a->trend[i][d][0]++;
    if (r->resolved && (d = trend_day(a->bound, r->disp)) >= 0) a->trend[i][d][1]++;
    if (r->judged_ok && (d = trend_day(a->bound, r->judged)) >= 0) a->trend[i][d][r->met ? 2 : 3]++;
}

static nv_err win_scan(win_acc *a, sqlite3 *db, int64_t lo, int64_t hi, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int step;
    nv_err rc = db_prepare_named(db, "xlsx_windows", &st, eb);
    if (rc != NV_OK) return rc;
    if (sqlite3_bind_int64(st, 1, lo) != SQLITE_OK || sqlite3_bind_int64(st, 2, hi) != SQLITE_OK) {
        rc = db_fail(db, eb, "xlsx_windows");
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        win_rec r;
        win_read(st, &r);
        win_xen *v = win_get(a, col_text(st, C_WING), col_text(st, C_XEN));
        if (!v || win_figures(a, v, &r) != 0) {
            rc = nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbook windows");
            goto done;
        }
        win_trend(a, st, &r);
    }
    if (step != SQLITE_DONE) rc = db_fail(db, eb, "xlsx_windows");
done:
    sqlite3_finalize(st);
    return rc;
}

/* Sums XEN rows xr[i0 .. i1) of window w into row out named wing, the
 * percentiles over their times gathered in scratch. */
static void win_sum(win_xen *const *xr, size_t i0, size_t i1, int w, const char *wing,
                    nv_fig_row *out, int64_t *scratch)
{
    size_t n = 0;
    memset(out, 0, sizeof *out);
    snprintf(out->wing, sizeof out->wing, "%s", wing);
    for (size_t i = i0; i < i1; i++) {
        metrics_figs_add(&out->f, &xr[i]->f[w]);
        if (xr[i]->nt[w]) memcpy(scratch + n, xr[i]->t[w], xr[i]->nt[w] * sizeof *scratch);
        n += xr[i]->nt[w];
    }
    metrics_figs_pctl(&out->f, scratch, n);
}

static int xen_ptr_cmp(const void *pa, const void *pb)
{
    const win_xen *x = *(win_xen *const *)pa, *y = *(win_xen *const *)pb;
    int c = strcmp(x->wing, y->wing);
    return c ? c : strcmp(x->xen_id, y->xen_id);
}

/* Window w as metrics_compute() lays out its table; xr = the XEN rows
 * sorted by wing and xen_id. */
static nv_err win_table(win_acc *a, win_xen *const *xr, int w, nv_fig_table *out, nv_errbuf *eb)
{
    size_t nt = 0, nw = 1;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < a->n; i++) {
        nt += xr[i]->nt[w];
        if (i == 0 || strcmp(xr[i - 1]->wing, xr[i]->wing) != 0) nw++;
    }
    int64_t *scratch = malloc((nt ? nt : 1) * sizeof *scratch);
    out->rows = malloc((nw + a->n) * sizeof *out->rows);
    if (!scratch || !out->rows) {
        free(scratch);
        metrics_table_free(out);
        return nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbook windows");
    }
    win_sum(xr, 0, a->n, w, "ALL", &out->rows[0], scratch);
    size_t k = 1;
    for (size_t i0 = 0, i = 1; i <= a->n; i++)
        if (i == a->n || strcmp(xr[i0]->wing, xr[i]->wing) != 0) {
            win_sum(xr, i0, i, w, xr[i0]->wing, &out->rows[k++], scratch);
            i0 = i;
        }
    free(scratch);
    if (k > 1) qsort(out->rows, k, sizeof *out->rows, metrics_row_cmp);
    for (size_t i = 0; i < a->n; i++) {
        nv_fig_row *r = &out->rows[k + i];
        memset(r, 0, sizeof *r);
        memcpy(r->wing, xr[i]->wing, sizeof r->wing);
        memcpy(r->xen_id, xr[i]->xen_id, sizeof r->xen_id);
        r->f = xr[i]->f[w];
        metrics_figs_pctl(&r->f, xr[i]->t[w], xr[i]->nt[w]);
    }
    out->n_wing = k;
    out->n = k + a->n;
    return NV_OK;
}

/* The windows of c, in the order of XLSX_WIN_*. */
static void win_bounds(const xlsx_ctx *c, win_acc *a)
{
    int64_t d1 = c->r->d1;
    const int64_t s[XLSX_WIN_N] = {c->wk0, c->wkp0, c->m0, c->mp0, c->t0};
    const int64_t e[XLSX_WIN_N] = {d1, c->wk0, d1, c->mp1, d1};
    for (int w = 0; w < XLSX_WIN_N; w++) {
        a->a[w] = s[w];
        a->b[w] = e[w];
    }
    a->end = d1;
    for (int d = 0; d <= XLSX_TREND_DAYS; d++)
        a->bound[d] = xlsx_day_start(c, c->day - (XLSX_TREND_DAYS - 1) + d);
}

/* The trend sums of wings[0..n) into temp.xlsx_trend (xlsx_temp.sql). */
static nv_err trend_store(xlsx_ctx *c, const char (*wings)[64], size_t n,
                          int64_t (*sum)[XLSX_TREND_DAYS][4], nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err rc = db_prepare_named(c->r->db, "xlsx_trend_ins", &st, eb);
    for (size_t w = 0; rc == NV_OK && w < n; w++)
        for (int d = 0; rc == NV_OK && d < XLSX_TREND_DAYS; d++) {
            sqlite3_reset(st);
            if (sqlite3_bind_text(st, 1, wings[w], -1, SQLITE_STATIC) != SQLITE_OK ||
                sqlite3_bind_int64(st, 2, c->day - (XLSX_TREND_DAYS - 1) + d) != SQLITE_OK)
                rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
            for (int k = 0; rc == NV_OK && k < 4; k++)
                if (sqlite3_bind_int64(st, 3 + k, sum[w][d][k]) != SQLITE_OK)
                    rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
            if (rc == NV_OK && sqlite3_step(st) != SQLITE_DONE)
                rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
        }
    sqlite3_finalize(st);
    return rc;
}

nv_err xlsx_win_fill(xlsx_ctx *c, const char (*wings)[64], size_t n, nv_fig_table *rank30,
                     nv_errbuf *eb)
{
    win_acc a;
    win_xen **xr = NULL;
    nv_fig_table out[XLSX_WIN_N];
    nv_err rc = NV_OK;
    memset(&a, 0, sizeof a);
    memset(out, 0, sizeof out);
    a.ix = (nv_xen_index){.size = sizeof(win_xen),
                          .wing_off = offsetof(win_xen, wing),
                          .xen_off = offsetof(win_xen, xen_id)};
    win_bounds(c, &a);
    a.wings = wings;
    a.nwings = n;
    a.trend = calloc(n ? n : 1, sizeof *a.trend);
    int64_t lo = a.bound[0],
            hi = a.bound[XLSX_TREND_DAYS] > a.end ? a.bound[XLSX_TREND_DAYS] : a.end;
    for (int w = 0; w < XLSX_WIN_N; w++) {
        if (a.a[w] < lo) lo = a.a[w];
        if (a.b[w] > hi) hi = a.b[w];
    }
    if (!a.trend) {
        rc = nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbook windows");
        goto done;
    }
    /* every XEN row of the report window, so that each has a row here */
    for (size_t i = c->fday.n_wing; i < c->fday.n; i++)
        if (!win_get(&a, c->fday.rows[i].wing, c->fday.rows[i].xen_id)) {
            rc = nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbook windows");
            goto done;
        }
    if ((rc = win_scan(&a, c->r->db, lo, hi, eb)) != NV_OK) goto done;
    if ((rc = trend_store(c, wings, n, a.trend, eb)) != NV_OK) goto done;
    if (!(xr = malloc((a.n ? a.n : 1) * sizeof *xr))) {
        rc = nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbook windows");
        goto done;
    }
    for (size_t i = 0; i < a.n; i++)
        xr[i] = &a.x[i];
    if (a.n > 1) qsort(xr, a.n, sizeof *xr, xen_ptr_cmp);
    for (int w = 0; w < XLSX_WIN_N && rc == NV_OK; w++)
        rc = win_table(&a, xr, w, &out[w], eb);
done:
    if (rc == NV_OK) {
        c->fweek = out[XLSX_WIN_WEEK];
        c->fweekp = out[XLSX_WIN_WEEKP];
        c->fmtd = out[XLSX_WIN_MTD];
        c->fmtdp = out[XLSX_WIN_MTDP];
        *rank30 = out[XLSX_WIN_30];
    } else {
        for (int w = 0; w < XLSX_WIN_N; w++)
            metrics_table_free(&out[w]);
    }
    free(xr);
    win_free(&a);
    return rc;
}
