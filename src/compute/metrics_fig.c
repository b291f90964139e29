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

/* Ranks r50 <= r90 of t[0..n) by selection alone: the p90 first, then the
 * median among the times before it; into *m50 and *m90. */
static void pctl_select(int64_t *t, size_t n, size_t r50, size_t r90, int64_t *m50, int64_t *m90)
{
    select_rank(t, n, r90);
    if (r50 < r90) select_rank(t, r90, r50);
    *m50 = t[r50];
    *m90 = t[r90];
}

/* Moves the times of t[0..n) whose bucket ((t - lo) >> shift) is b to the
 * front; how many there were. */
static size_t bucket_front(int64_t *t, size_t n, uint64_t lo, int shift, size_t b)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((((uint64_t)t[i] - lo) >> shift) == b) {
            int64_t x = t[i];
            t[i] = t[m];
            t[m++] = x;
        }
    return m;
}

#define PCTL_BUCKETS 4096
#define PCTL_SMALL 2048

/* Nearest rank over n times: the ceil(q*n)-th smallest, with q = 1/2 and
 * 9/10 taken in integers. Up to PCTL_SMALL times by selection; above, the
 * times are counted in PCTL_BUCKETS buckets of their range (one pass for
 * the range, one to count), and only the one or two buckets the ranks fall
 * in are gathered to the front and selected in: 1.7M times a 10x night,
 * 20 ms by selection over the whole arrays, are three linear passes. */
void metrics_figs_pctl(nv_figs *f, int64_t *t, size_t n)
{
    if (n == 0) return;
    size_t r50 = (n + 1) / 2 - 1, r90 = (9 * n + 9) / 10 - 1;
    f->has_median = f->has_p90 = 1;
    if (n <= PCTL_SMALL) {
        pctl_select(t, n, r50, r90, &f->median_s, &f->p90_s);
        return;
    }
    int64_t lo = t[0], hi = t[0];
    for (size_t i = 1; i < n; i++) {
        if (t[i] < lo) lo = t[i];
        if (t[i] > hi) hi = t[i];
    }
    uint64_t span = (uint64_t)hi - (uint64_t)lo; /* hi - lo, exact modulo 2^64 */
    int shift = 0;
    while ((span >> shift) >= PCTL_BUCKETS)
        shift++;
    size_t cnt[PCTL_BUCKETS] = {0}, b50 = 0, b90 = 0, before50 = 0, before90 = 0, acc = 0;
    for (size_t i = 0; i < n; i++)
        cnt[((uint64_t)t[i] - (uint64_t)lo) >> shift]++;
    for (size_t b = 0; acc <= r90; acc += cnt[b++]) { /* r90 < n: ends by the last bucket */
        if (acc <= r50 && r50 < acc + cnt[b]) b50 = b, before50 = acc;
        if (r90 < acc + cnt[b]) b90 = b, before90 = acc;
    }
    size_t m50 = bucket_front(t, n, (uint64_t)lo, shift, b50);
    if (b90 == b50) {
        pctl_select(t, m50, r50 - before50, r90 - before90, &f->median_s, &f->p90_s);
        return;
    }
    size_t m90 = bucket_front(t + m50, n - m50, (uint64_t)lo, shift, b90);
    select_rank(t, m50, r50 - before50);
    select_rank(t + m50, m90, r90 - before90);
    f->median_s = t[r50 - before50];
    f->p90_s = t[m50 + r90 - before90];
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
