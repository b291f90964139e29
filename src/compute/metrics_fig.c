/* metrics_fig.c — the helpers the figures engine adds up with (the
 * (wing, xen_id) index, the nearest-rank percentile, sums, row order), and
 * metrics_compute(): one window of the engine (figures.h). See
 * include/nivaran/compute/metrics.h. */
#include "nivaran/compute/metrics.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/compute/figures.h"

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

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Reorders t[0..n) so that t[k] is the (k+1)-th smallest, nothing larger
 * before it and nothing smaller after it (quickselect on a median of three;
 * after 2 * log2(n) rounds without an end, the rest is sorted instead, so it
 * never costs more than a sort). */
static void select_rank(int64_t *t, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* t[k] lies in [lo, hi) */
    int budget = 2;
    for (size_t m = n; m > 1; m >>= 1)
        budget += 2;
    while (hi - lo > 16) {
        if (--budget == 0) {
            qsort(t + lo, hi - lo, sizeof *t, cmp_i64);
            return;
        }
        int64_t a = t[lo], b = t[lo + (hi - lo) / 2], c = t[hi - 1];
        int64_t p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        size_t i = lo, lt = lo, gt = hi; /* [lo,lt) < p, [lt,i) == p, [gt,hi) > p */
        while (i < gt) {
            int64_t x = t[i];
            if (x < p) {
                t[i++] = t[lt];
                t[lt++] = x;
            } else if (x > p) {
                t[i] = t[--gt];
                t[gt] = x;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return; /* t[k] == p */
    }
    for (size_t i = lo + 1; i < hi; i++) { /* a short run: insertion sort */
        int64_t x = t[i];
        size_t j = i;
        for (; j > lo && t[j - 1] > x; j--)
            t[j] = t[j - 1];
        t[j] = x;
    }
}

/* Nearest rank over n times: the ceil(q*n)-th smallest, with q = 1/2 and
 * 9/10 taken in integers; found by selection, not a sort (the p90 first,
 * then the median among the times before it). */
void metrics_figs_pctl(nv_figs *f, int64_t *t, size_t n)
{
    if (n == 0) return;
    size_t r50 = (n + 1) / 2 - 1, r90 = (9 * n + 9) / 10 - 1;
    select_rank(t, n, r90);
    if (r50 < r90) select_rank(t, r90, r50);
    f->has_median = f->has_p90 = 1;
    f->median_s = t[r50];
    f->p90_s = t[r90];
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

nv_err metrics_compute(sqlite3 *db, int64_t d0, int64_t d1, nv_fig_table *out, nv_errbuf *eb)
{
    nv_figcube *c = NULL;
    int64_t bound[2] = {d0, d1};
    memset(out, 0, sizeof *out);
    nv_err e = figures_cube_load(db, bound, 1, &c, eb);
    if (e) return e;
    e = figures_cube_table(c, 0, 1, out, eb);
    figures_cube_free(c);
    return e;
}
