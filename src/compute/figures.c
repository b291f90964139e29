/* figures.c — the figures engine; see include/nivaran/compute/figures.h.
 *
 * Memory: per XEN, 7 counters per bin (5 events, 2 backlog differences),
 * and 16 bytes per resolution in the cube while reading (8 once sorted by
 * bin). */
#include "nivaran/compute/figures.h"

#include "figures_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* Copies s into dst (n bytes), cut at n - 1; returns the length copied. */
static size_t cut_copy(char *dst, const char *s, size_t n)
{
    size_t k = strlen(s);
    if (k >= n) k = n - 1;
    memcpy(dst, s, k);
    dst[k] = 0;
    return k;
}

cube_xen *figcube_get(nv_figcube *c, const char *wing, const char *xen, const char *cat)
{
    char w[64], x[96], k[64], ik[168];
    /* rows of one key often follow each other: the last key first (a name
     * longer than its field is stored cut, differs, and is found below) */
    if (c->last < c->nx && strcmp(c->x[c->last].wing, wing) == 0 &&
        strcmp(c->x[c->last].xen_id, xen) == 0 && strcmp(c->x[c->last].category, cat) == 0)
        return &c->x[c->last];
    cut_copy(w, wing, sizeof w);
    size_t xl = cut_copy(x, xen, sizeof x);
    size_t kl = cut_copy(k, cat, sizeof k);
    memcpy(ik, x, xl);
    ik[xl] = 0x1f;
    memcpy(ik + xl + 1, k, kl + 1);
    long i = metrics_xidx_find(&c->ix, c->x, w, ik);
    if (i >= 0) {
        c->last = (size_t)i;
        return &c->x[i];
    }
    if (c->nx == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        cube_xen *v = realloc(c->x, cap * sizeof *v);
        if (!v) return NULL;
        c->x = v;
        c->cap = cap;
    }
    cube_xen *v = &c->x[c->nx];
    memset(v, 0, sizeof *v);
    memcpy(v->wing, w, sizeof w);
    memcpy(v->xen_id, x, sizeof x);
    memcpy(v->category, k, sizeof k);
    memcpy(v->ikey, ik, sizeof ik);
    size_t nb = (size_t)c->nb;
    v->cnt = calloc(nb * EV_N + 2 * (nb + 2), sizeof *v->cnt);
    if (!v->cnt) return NULL;
    v->pend = v->cnt + nb * EV_N;
    v->over = v->pend + nb + 2;
    if (metrics_xidx_add(&c->ix, c->x) != 0) {
        free(v->cnt);
        return NULL;
    }
    c->nx++;
    return v;
}

void figures_cube_free(nv_figcube *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nx; i++) {
        free(c->x[i].cnt);
        free(c->x[i].tv);
        free(c->x[i].ts);
        free(c->x[i].toff);
    }
    free(c->x);
    free(c->bound);
    free(c->order);
    metrics_xidx_free(&c->ix);
    free(c);
}

int figcube_time_add(cube_xen *v, int bin, int64_t s)
{
    if (v->nt == v->tcap) {
        size_t cap = v->tcap ? 2 * v->tcap : 16;
        cube_time *t = realloc(v->tv, cap * sizeof *t);
        if (!t) return -1;
        v->tv = t;
        v->tcap = cap;
    }
    v->tv[v->nt++] = (cube_time){bin, s};
    return 0;
}

void figcube_end_add(const nv_figcube *c, cube_xen *v, int64_t reg, int has_dl, int64_t dl)
{
    int64_t end = c->bound[c->nb], age = end - reg;
    v->band[age < 86400 ? 0 : age < 2 * 86400 ? 1 : age < 7 * 86400 ? 2 : 3]++;
    v->over7 += has_dl && dl < end - 7 * 86400;
    if (age > v->oldest) v->oldest = age;
}

/* Marks the keys of the org chart's XENs (fig_chart). */
static nv_err cube_mark_chart(sqlite3 *db, nv_figcube *c, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_chart", &st, eb);
    if (e) return e;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cube_xen *v = figcube_get(c, col_text(st, 0), col_text(st, 1), "");
        if (!v) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
        v->in_chart = 1;
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: org chart");
    sqlite3_finalize(st);
    return e;
}

/* The XEN rows: the org chart plus the values found before the cube's end,
 * from the day store when it is current (its local day end_day is the
 * cube's end), else from the records (end_day < 0). */
static nv_err cube_load_xens(sqlite3 *db, nv_figcube *c, int64_t end_day, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, end_day >= 0 ? "fig_xens_store" : "fig_xens", &st, eb);
    if (e) return e;
    int64_t end = end_day >= 0 ? end_day : c->bound[c->nb];
    int rc = sqlite3_bind_int64(st, 1, end) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!figcube_get(c, col_text(st, 0), col_text(st, 1), "")) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: XEN list");
    sqlite3_finalize(st);
    return e;
}

/* After reading: the backlog differences summed, the times ordered by bin
 * (a counting sort on the resolved counts). */
static int cube_settle(cube_xen *v, int nb)
{
    for (int k = 1; k <= nb; k++) {
        v->pend[k] += v->pend[k - 1];
        v->over[k] += v->over[k - 1];
    }
    v->toff = calloc((size_t)nb + 1, sizeof *v->toff);
    v->ts = malloc((v->nt ? v->nt : 1) * sizeof *v->ts);
    if (!v->toff || !v->ts) return -1;
    for (int k = 0; k < nb; k++)
        v->toff[k + 1] = v->toff[k] + (size_t)v->cnt[k * EV_N + EV_RESOLVED];
    size_t *fill = calloc((size_t)nb, sizeof *fill);
    if (!fill) return -1;
    for (size_t i = 0; i < v->nt; i++) {
        int k = v->tv[i].bin;
        v->ts[v->toff[k] + fill[k]++] = v->tv[i].s;
    }
    free(fill);
    free(v->tv);
    v->tv = NULL;
    v->nt = v->tcap = 0;
    return 0;
}

static int order_cmp_r(const nv_figcube *c, size_t a, size_t b)
{
    int d = strcmp(c->x[a].wing, c->x[b].wing);
    if (!d) d = strcmp(c->x[a].xen_id, c->x[b].xen_id);
    return d ? d : strcmp(c->x[a].category, c->x[b].category);
}

/* Insertion order to (wing, xen_id) order, without a global: a merge sort
 * on indexes. */
static void order_sort(const nv_figcube *c, size_t *v, size_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    order_sort(c, v, tmp, h);
    order_sort(c, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = order_cmp_r(c, v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static nv_err cube_finish(nv_figcube *c, nv_errbuf *eb)
{
    for (size_t i = 0; i < c->nx; i++)
        if (cube_settle(&c->x[i], c->nb) != 0)
            return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    size_t *tmp = malloc((c->nx ? c->nx : 1) * sizeof *tmp);
    c->order = malloc((c->nx ? c->nx : 1) * sizeof *c->order);
    if (!tmp || !c->order) {
        free(tmp);
        return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    }
    for (size_t i = 0; i < c->nx; i++)
        c->order[i] = i;
    order_sort(c, c->order, tmp, c->nx);
    free(tmp);
    return NV_OK;
}

/* Where cube_load() takes the records' contributions from. */
typedef struct {
    int store;  /* 1: the day store (figstore_cube()), 0: fig_scan.sql */
    int listed; /* 1: the XEN rows from the day store (current, and in the bins' zone) */
    int64_t lo; /* store or listed: the local day of bin 0 */
    int exam_a; /* the self-check's first bin, -1: none */
} cube_src;

static nv_err cube_load(sqlite3 *db, const int64_t *bound, int nb, const cube_src *src,
                        nv_figcube **out, nv_errbuf *eb)
{
    *out = NULL;
    if (nb < 1) return nv_errf(eb, NV_ERR_INTERNAL, "figures: a cube of no bins");
    nv_figcube *c = calloc(1, sizeof *c);
    if (!c || !(c->bound = malloc(((size_t)nb + 1) * sizeof *c->bound))) {
        free(c);
        return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    }
    memcpy(c->bound, bound, ((size_t)nb + 1) * sizeof *bound);
    c->nb = nb;
    c->exam_a = src->exam_a;
    c->ix = (nv_xen_index){.size = sizeof(cube_xen),
                           .wing_off = offsetof(cube_xen, wing),
                           .xen_off = offsetof(cube_xen, ikey)};
    nv_err e = src->store ? NV_OK : db_exec_named(db, "fig_index", eb);
    if (!e) e = cube_load_xens(db, c, src->listed ? src->lo + nb : -1, eb);
    if (!e) e = cube_mark_chart(db, c, eb);
    if (!e) e = src->store ? figstore_cube(db, c, src->lo, eb) : figstore_scan(db, c, eb);
    if (!e) e = cube_finish(c, eb);
    if (e) {
        figures_cube_free(c);
        return e;
    }
    *out = c;
    return NV_OK;
}

nv_err figures_cube_load(sqlite3 *db, const int64_t *bound, int nb, nv_figcube **out, nv_errbuf *eb)
{
    const cube_src src = {0, 0, 0, -1};
    return cube_load(db, bound, nb, &src, out, eb);
}

/* XEN v's counted figures over bins [a, b), backlog at bound[b]. */
static void xen_sum(const cube_xen *v, int a, int b, nv_figs *f)
{
    for (int k = a; k < b; k++) {
        const int64_t *n = v->cnt + (size_t)k * EV_N;
        f->received += n[EV_RECEIVED];
        f->resolved += n[EV_RESOLVED];
        f->rejected += n[EV_REJECTED];
        f->met += n[EV_MET];
        f->breached += n[EV_BREACHED];
    }
    f->pending_end += v->pend[b];
    f->overdue_end += v->over[b];
}

void figures_cube_sum(const nv_figcube *c, const char *wing, int a, int b, nv_figs *out)
{
    memset(out, 0, sizeof *out);
    if (a < 0) a = 0;
    if (b > c->nb) b = c->nb;
    if (a >= b) return;
    for (size_t i = 0; i < c->nx; i++)
        if (!wing || strcmp(c->x[i].wing, wing) == 0) xen_sum(&c->x[i], a, b, out);
}

/* Sums the XENs order[i0 .. i1) into row w (named wing), percentiles over
 * their times of bins [a, b) gathered in scratch. */
static void table_sum(const nv_figcube *c, size_t i0, size_t i1, int a, int b, const char *wing,
                      nv_fig_row *w, int64_t *scratch)
{
    size_t n = 0;
    memset(w, 0, sizeof *w);
    snprintf(w->wing, sizeof w->wing, "%s", wing);
    for (size_t i = i0; i < i1; i++) {
        const cube_xen *v = &c->x[c->order[i]];
        size_t m = v->toff[b] - v->toff[a];
        xen_sum(v, a, b, &w->f);
        if (m) memcpy(scratch + n, v->ts + v->toff[a], m * sizeof *scratch);
        n += m;
    }
    metrics_figs_pctl(&w->f, scratch, n);
}

/* The end of the run of order[i..] with the same wing (and, with xen, the
 * same XEN). */
static size_t run_end(const nv_figcube *c, size_t i, int xen)
{
    size_t j = i + 1;
    const cube_xen *v = &c->x[c->order[i]];
    while (j < c->nx && strcmp(c->x[c->order[j]].wing, v->wing) == 0 &&
           (!xen || strcmp(c->x[c->order[j]].xen_id, v->xen_id) == 0))
        j++;
    return j;
}

nv_err figures_cube_table(const nv_figcube *c, int a, int b, nv_fig_table *out, nv_errbuf *eb)
{
    memset(out, 0, sizeof *out);
    if (a < 0 || b > c->nb || a >= b)
        return nv_errf(eb, NV_ERR_INTERNAL, "figures: bins %d..%d outside the cube", a, b);
    size_t nt = 0, nw = 1, nxr = 0;
    for (size_t i = 0; i < c->nx; i++) {
        const cube_xen *v = &c->x[c->order[i]];
        nt += v->toff[b] - v->toff[a];
    }
    for (size_t i = 0; i < c->nx; i = run_end(c, i, 0))
        nw++;
    for (size_t i = 0; i < c->nx; i = run_end(c, i, 1))
        nxr++;
    int64_t *scratch = malloc((nt ? nt : 1) * sizeof *scratch);
    out->rows = malloc((nw + nxr) * sizeof *out->rows);
    if (!scratch || !out->rows) {
        free(scratch);
        metrics_table_free(out);
        return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    }
    table_sum(c, 0, c->nx, a, b, "ALL", &out->rows[0], scratch);
    size_t k = 1;
    for (size_t i = 0, j; i < c->nx; i = j) {
        j = run_end(c, i, 0);
        table_sum(c, i, j, a, b, c->x[c->order[i]].wing, &out->rows[k++], scratch);
    }
    if (k > 1) qsort(out->rows, k, sizeof *out->rows, metrics_row_cmp);
    size_t x = k;
    for (size_t i = 0, j; i < c->nx; i = j) {
        j = run_end(c, i, 1);
        nv_fig_row *r = &out->rows[x++];
        table_sum(c, i, j, a, b, c->x[c->order[i]].wing, r, scratch);
        memcpy(r->xen_id, c->x[c->order[i]].xen_id, sizeof r->xen_id);
    }
    free(scratch);
    out->n_wing = k;
    out->n = x;
    return NV_OK;
}

static int group_cmp(const void *pa, const void *pb)
{
    const nv_fig_group *x = pa, *y = pb;
    int d = strcmp(x->wing, y->wing);
    return d ? d : strcmp(x->key, y->key);
}

/* Adds cube key v over bins [a, b) into group g, its times into *t. */
static int group_add(const cube_xen *v, int a, int b, nv_fig_group *g, int64_t **t, size_t *nt,
                     size_t *cap)
{
    size_t m = v->toff[b] - v->toff[a];
    xen_sum(v, a, b, &g->f);
    for (int i = 0; i < FIG_BANDS; i++)
        g->band[i] += v->band[i];
    g->over7 += v->over7;
    if (v->oldest > g->oldest_s) g->oldest_s = v->oldest;
    g->in_chart |= v->in_chart;
    for (int k = a; k < b; k++)
        if (v->cnt[(size_t)k * EV_N + EV_OPEN_DISPOSED]) g->present = 1;
    if (*nt + m > *cap) {
        size_t c2 = (*nt + m) * 2;
        int64_t *n2 = realloc(*t, c2 * sizeof *n2);
        if (!n2) return -1;
        *t = n2, *cap = c2;
    }
    if (m) memcpy(*t + *nt, v->ts + v->toff[a], m * sizeof **t);
    *nt += m;
    return 0;
}

nv_err figures_cube_groups(const nv_figcube *c, int by, int a, int b, nv_fig_group **out, size_t *n,
                           nv_errbuf *eb)
{
    *out = NULL;
    *n = 0;
    if (a < 0 || b > c->nb || a >= b)
        return nv_errf(eb, NV_ERR_INTERNAL, "figures: bins %d..%d outside the cube", a, b);
    nv_fig_group *g = calloc(c->nx ? c->nx : 1, sizeof *g);
    if (!g) return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    /* one group per cube key, then merged by (wing, key) */
    for (size_t i = 0; i < c->nx; i++) {
        const cube_xen *v = &c->x[i];
        snprintf(g[i].wing, sizeof g[i].wing, "%s", v->wing);
        snprintf(g[i].key, sizeof g[i].key, "%s", by == FIG_BY_XEN ? v->xen_id : v->category);
        g[i].idx = i;
    }
    qsort(g, c->nx, sizeof *g, group_cmp);
    size_t k = 0, nt = 0, cap = 0;
    int64_t *t = NULL;
    nv_err e = NV_OK;
    for (size_t i = 0, j; i < c->nx && e == NV_OK; i = j) {
        nv_fig_group acc;
        memset(&acc, 0, sizeof acc);
        memcpy(acc.wing, g[i].wing, sizeof acc.wing);
        memcpy(acc.key, g[i].key, sizeof acc.key);
        nt = 0;
        for (j = i; j < c->nx && group_cmp(&g[i], &g[j]) == 0; j++)
            if (group_add(&c->x[g[j].idx], a, b, &acc, &t, &nt, &cap) != 0)
                e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
        metrics_figs_pctl(&acc.f, t, nt);
        const nv_figs *f = &acc.f;
        if (f->received || f->resolved || f->rejected || f->met || f->breached || f->pending_end)
            acc.present = 1;
        g[k++] = acc;
    }
    free(t);
    if (e) {
        free(g);
        return e;
    }
    *out = g;
    *n = k;
    return NV_OK;
}

/* ---- a night's figures --------------------------------------------------- */

/* The days of every window of a report on first..last (figures.h). */
static void night_days(int64_t first, int64_t last, int64_t *a, int64_t *b)
{
    int64_t L = last - first + 1;
    int y, m, d;
    nvt_civil_from_days(last, &y, &m, &d);
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    int64_t pfirst = nvt_days_from_civil(py, pm, 1);
    int64_t plen = nvt_days_from_civil(y, m, 1) - pfirst;
    const int64_t s[NV_FIG_N] = {first,        first - L, last - 6,  last - 13,
                                 last - d + 1, pfirst,    last - 29, last - 36};
    const int64_t e[NV_FIG_N] = {
        last, first - 1, last, last - 7, last, pfirst + (d < plen ? d : plen) - 1, last, last - 7};
    memcpy(a, s, sizeof s);
    memcpy(b, e, sizeof e);
}

nv_err figures_build(sqlite3 *db, const nv_tz *tz, int64_t first_day, int64_t last_day,
                     nv_figures *f, nv_errbuf *eb)
{
    return figures_build_mode(db, tz, first_day, last_day, FIG_STORE, f, eb);
}

nv_err figures_build_mode(sqlite3 *db, const nv_tz *tz, int64_t first_day, int64_t last_day,
                          int mode, nv_figures *f, nv_errbuf *eb)
{
    int64_t a[NV_FIG_N], b[NV_FIG_N];
    memset(f, 0, sizeof *f);
    f->tz = *tz;
    f->first_day = first_day;
    f->last_day = last_day;
    night_days(first_day, last_day, a, b);
    /* the cube: every window, the 30 days of the trends, and the 7 days
     * before a day (the MD's averages) */
    int64_t lo = last_day - 29 < first_day - 7 ? last_day - 29 : first_day - 7;
    for (int w = 0; w < NV_FIG_N; w++)
        if (a[w] < lo) lo = a[w];
    f->cube_first = lo;
    f->cube_days = (int)(last_day - lo + 1);
    int usable = 0;
    nv_err e = figstore_sync(db, tz, mode == FIG_FULL, &usable, eb);
    if (e) return e;
    cube_src src = {usable && mode != FIG_FULL, usable, lo, (int)(last_day - 29 - lo)};
    f->store_current = usable;
    int64_t *bound = malloc(((size_t)f->cube_days + 1) * sizeof *bound);
    if (!bound) return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    for (int k = 0; k <= f->cube_days; k++)
        bound[k] = nvt_local_day_start(tz, lo + k);
    e = cube_load(db, bound, f->cube_days, &src, &f->cube, eb);
    free(bound);
    for (int w = 0; e == NV_OK && w < NV_FIG_N; w++) {
        nv_fig_window *v = &f->w[w];
        v->first_day = a[w];
        v->last_day = b[w];
        v->t0 = nvt_local_day_start(tz, a[w]);
        v->t1 = nvt_local_day_start(tz, b[w] + 1);
        e = figures_cube_table(f->cube, (int)(a[w] - lo), (int)(b[w] - lo + 1), &v->t, eb);
    }
    return e;
}

int figures_exam(const nv_figures *f,
                 int (*fn)(void *ctx, const char *wing, const char *xen_id, const char *category,
                           const int64_t n[FIG_EXAM_N], int64_t resolved),
                 void *ctx)
{
    const nv_figcube *c = f->cube;
    if (!c || c->exam_a < 0) return 0;
    for (size_t i = 0; i < c->nx; i++) {
        const cube_xen *v = &c->x[i];
        int64_t res = 0;
        for (int k = c->exam_a; k < c->nb; k++)
            res += v->cnt[(size_t)k * EV_N + EV_RESOLVED];
        int rc = fn(ctx, v->wing, v->xen_id, v->category, v->exam, res);
        if (rc) return rc;
    }
    return 0;
}

const nv_fig_table *figures_table(const nv_figures *f, int w)
{
    return &f->w[w].t;
}

void figures_days(const nv_figures *f, const char *wing, int64_t a, int64_t b, nv_figs *out)
{
    memset(out, 0, sizeof *out);
    if (!f->cube || b < f->cube_first || a > f->cube_first + f->cube_days - 1) return;
    figures_cube_sum(f->cube, wing, (int)(a - f->cube_first), (int)(b - f->cube_first + 1), out);
}

nv_err figures_days_table(const nv_figures *f, int64_t a, int64_t b, nv_fig_table *out,
                          nv_errbuf *eb)
{
    memset(out, 0, sizeof *out);
    if (!f->cube || a < f->cube_first || b > f->cube_first + f->cube_days - 1 || a > b)
        return nv_errf(eb, NV_ERR_INTERNAL, "figures: days outside the cube");
    return figures_cube_table(f->cube, (int)(a - f->cube_first), (int)(b - f->cube_first + 1), out,
                              eb);
}

void figures_free(nv_figures *f)
{
    for (int w = 0; w < NV_FIG_N; w++)
        metrics_table_free(&f->w[w].t);
    figures_cube_free(f->cube);
    memset(f, 0, sizeof *f);
}

nv_err figures_of_report(const nv_report *r, nv_figures *own, const nv_figures **out, nv_errbuf *eb)
{
    memset(own, 0, sizeof *own);
    *out = r->fig;
    if (r->fig) return NV_OK;
    nv_err e = figures_build(r->db, &r->tz, r->first_day, r->last_day, own, eb);
    if (e == NV_OK) *out = own;
    return e;
}

nv_err figures_groups(const nv_figures *f, int by, int64_t a, int64_t b, nv_fig_group **out,
                      size_t *n, nv_errbuf *eb)
{
    *out = NULL;
    *n = 0;
    if (!f->cube || a < f->cube_first || b > f->cube_first + f->cube_days - 1 || a > b)
        return nv_errf(eb, NV_ERR_INTERNAL, "figures: days outside the cube");
    return figures_cube_groups(f->cube, by, (int)(a - f->cube_first), (int)(b - f->cube_first + 1),
                               out, n, eb);
}
