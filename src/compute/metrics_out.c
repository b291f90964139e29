/* metrics_out.c — formatting, XEN ranking and the open-data files of the
 * figures of METRICS.md. See include/nivaran/compute/metrics.h. */
#include "nivaran/compute/metrics.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/core/outfile.h"

int metrics_compliance(const nv_figs *f, double *pct)
{
    int64_t judged = f->met + f->breached;
    if (judged <= 0) return 0;
    if (pct) *pct = 100.0 * (double)f->met / (double)judged;
    return 1;
}

/* n / d rounded half away from zero, d > 0, in integers. */
static int64_t div_round(int64_t n, int64_t d)
{
    if (n >= 0) return (2 * n + d) / (2 * d);
    return -((2 * -n + d) / (2 * d));
}

int metrics_pct_tenths(const nv_figs *f, int64_t *tenths)
{
    int64_t judged = f->met + f->breached;
    if (judged <= 0) return 0;
    *tenths = div_round(1000 * f->met, judged); /* 1000 * met / judged */
    return 1;
}

int64_t metrics_hours_hundredths(int64_t seconds)
{
    return div_round(seconds, 36); /* seconds / 3600 * 100 */
}

void metrics_fmt_pct(const nv_figs *f, char *buf)
{
    int64_t t;
    buf[0] = 0;
    if (!metrics_pct_tenths(f, &t)) return;
    int64_t a = t < 0 ? -t : t;
    snprintf(buf, 32, "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "", a / 10, a % 10);
}

void metrics_fmt_hours(int has, int64_t seconds, char *buf)
{
    buf[0] = 0;
    if (!has) return;
    int64_t c = metrics_hours_hundredths(seconds);
    int64_t a = c < 0 ? -c : c;
    snprintf(buf, 32, "%s%" PRId64 ".%02" PRId64, c < 0 ? "-" : "", a / 100, a % 100);
}

/* ---- ranking ------------------------------------------------------------- */

static int rank_eligible(const nv_rank_row *r, int min_judged)
{
    int64_t judged = r->f.met + r->f.breached;
    /* UNASSIGNED gathers records no XEN answers for: listed, never ranked. */
    return judged > 0 && judged >= min_judged && strcmp(r->xen_id, "UNASSIGNED") != 0;
}

/* A row with its eligibility, so that qsort needs no min_judged. */
typedef struct {
    nv_rank_row row;
    int eligible;
} rank_item;

/* Within a wing: the eligible first, by compliance descending (exact, by
 * cross multiplication), median ascending (none last), xen_id; then the
 * unranked by xen_id. (wing, xen_id) is unique in a figure table, so the
 * order is total and qsort's instability does not matter. */
static int rank_item_cmp(const void *pa, const void *pb)
{
    const rank_item *ia = pa, *ib = pb;
    const nv_rank_row *a = &ia->row, *b = &ib->row;
    int c = strcmp(a->wing, b->wing);
    if (c) return c;
    if (ia->eligible != ib->eligible) return ib->eligible - ia->eligible;
    if (!ia->eligible) return strcmp(a->xen_id, b->xen_id); /* the unranked: by xen_id */
    /* eligible rows have judged > 0 */
    int64_t ja = a->f.met + a->f.breached, jb = b->f.met + b->f.breached;
    int64_t l = a->f.met * jb, r = b->f.met * ja;
    if (l != r) return l > r ? -1 : 1;
    if (a->f.has_median != b->f.has_median) return a->f.has_median ? -1 : 1;
    if (a->f.has_median && a->f.median_s != b->f.median_s)
        return a->f.median_s < b->f.median_s ? -1 : 1;
    return strcmp(a->xen_id, b->xen_id);
}

nv_err metrics_rank_table(const nv_fig_table *t, int min_judged, nv_rank_row **rows, size_t *n,
                          nv_errbuf *eb)
{
    *rows = NULL;
    *n = 0;
    size_t k = t->n - t->n_wing;
    rank_item *it = calloc(k ? k : 1, sizeof *it);
    nv_rank_row *v = calloc(k ? k : 1, sizeof *v);
    if (!it || !v) {
        free(it);
        free(v);
        return nv_errf(eb, NV_ERR_NOMEM, "ranking: out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        const nv_fig_row *r = &t->rows[t->n_wing + i];
        memcpy(it[i].row.wing, r->wing, sizeof it[i].row.wing);
        memcpy(it[i].row.xen_id, r->xen_id, sizeof it[i].row.xen_id);
        it[i].row.f = r->f;
        it[i].eligible = rank_eligible(&it[i].row, min_judged);
    }
    if (k > 1) qsort(it, k, sizeof *it, rank_item_cmp);
    int next = 0;
    for (size_t i = 0; i < k; i++) {
        v[i] = it[i].row;
        if (i == 0 || strcmp(v[i - 1].wing, v[i].wing) != 0) next = 0;
        v[i].rank = it[i].eligible ? ++next : 0;
    }
    free(it);
    *rows = v;
    *n = k;
    return NV_OK;
}

nv_err metrics_rank(sqlite3 *db, int64_t d0, int64_t d1, int min_judged, nv_rank_row **rows,
                    size_t *n, nv_errbuf *eb)
{
    nv_fig_table t;
    *rows = NULL;
    *n = 0;
    nv_err e = metrics_compute(db, d0, d1, &t, eb);
    if (e) return e;
    e = metrics_rank_table(&t, min_judged, rows, n, eb);
    metrics_table_free(&t);
    return e;
}

/* ---- open data ----------------------------------------------------------- */

static void csv_int(FILE *f, int64_t v, int last)
{
    char b[32];
    snprintf(b, sizeof b, "%" PRId64, v);
    csvout_field(f, b, last);
}

static void write_row(FILE *f, const char *date, const nv_fig_row *r, int with_xen)
{
    char b[32];
    csvout_field(f, date, 0);
    csvout_field(f, r->wing, 0);
    if (with_xen) csvout_field(f, r->xen_id, 0);
    csv_int(f, r->f.received, 0);
    csv_int(f, r->f.resolved, 0);
    csv_int(f, r->f.rejected, 0);
    csv_int(f, r->f.met, 0);
    csv_int(f, r->f.breached, 0);
    metrics_fmt_pct(&r->f, b);
    csvout_field(f, b, 0);
    metrics_fmt_hours(r->f.has_median, r->f.median_s, b);
    csvout_field(f, b, 0);
    metrics_fmt_hours(r->f.has_p90, r->f.p90_s, b);
    csvout_field(f, b, 0);
    csv_int(f, r->f.pending_end, 0);
    csv_int(f, r->f.overdue_end, 1);
}

static nv_err write_file(const char *path, const char *date, const nv_fig_row *rows, size_t n,
                         int with_xen, nv_errbuf *eb)
{
    nv_outfile o;
    nv_err e = outfile_open(&o, path, eb);
    if (e) return e;
    fputs(with_xen ? "report_date,wing,xen_id," : "report_date,wing,", o.f);
    fputs("received,resolved,rejected,met,breached,compliance_pct,median_hours,p90_hours,"
          "pending_end,overdue_end\n",
          o.f);
    for (size_t i = 0; i < n; i++)
        write_row(o.f, date, &rows[i], with_xen);
    return outfile_commit(&o, eb);
}

nv_err metrics_write_open_data(const nv_fig_table *t, const char *out_dir, const char *report_date,
                               nv_errbuf *eb)
{
    char dir[4096], path[4200];
    if (snprintf(dir, sizeof dir, "%s/open-data", out_dir) >= (int)sizeof dir)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", out_dir);
    nv_err e = outfile_mkdirs(dir, eb);
    if (e) return e;
    snprintf(path, sizeof path, "%s/sla_by_wing.csv", dir);
    if ((e = write_file(path, report_date, t->rows, t->n_wing, 0, eb))) return e;
    snprintf(path, sizeof path, "%s/sla_by_xen.csv", dir);
    return write_file(path, report_date, t->rows + t->n_wing, t->n - t->n_wing, 1, eb);
}
