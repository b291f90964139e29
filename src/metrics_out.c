/* metrics_out.c — formatting, XEN ranking and the open-data files of the
 * figures of METRICS.md. See include/nivaran/metrics.h. */
#include "nivaran/metrics.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/outfile.h"

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

void metrics_fmt_pct(const nv_figs *f, char *buf)
{
    int64_t judged = f->met + f->breached;
    buf[0] = 0;
    if (judged <= 0) return;
    /* tenths of a percent: 1000 * met / judged */
    int64_t t = div_round(1000 * f->met, judged);
    int64_t a = t < 0 ? -t : t;
    snprintf(buf, 32, "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "", a / 10, a % 10);
}

void metrics_fmt_hours(int has, int64_t seconds, char *buf)
{
    buf[0] = 0;
    if (!has) return;
    /* hundredths of an hour: seconds / 36 */
    int64_t c = div_round(seconds, 36);
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

/* Within a wing: the eligible first, by compliance descending (exact, by
 * cross multiplication), median ascending (none last), xen_id; then the
 * unranked by xen_id. */
static int rank_cmp(const nv_rank_row *a, const nv_rank_row *b, int min_judged)
{
    int c = strcmp(a->wing, b->wing);
    if (c) return c;
    int ea = rank_eligible(a, min_judged), eb = rank_eligible(b, min_judged);
    if (ea != eb) return eb - ea;
    if (!ea) return strcmp(a->xen_id, b->xen_id); /* the unranked: by xen_id */
    int64_t ja = a->f.met + a->f.breached, jb = b->f.met + b->f.breached;
    if (ja > 0 && jb > 0) {
        int64_t l = a->f.met * jb, r = b->f.met * ja;
        if (l != r) return l > r ? -1 : 1;
    } else if ((ja > 0) != (jb > 0)) {
        return ja > 0 ? -1 : 1;
    }
    if (a->f.has_median != b->f.has_median) return a->f.has_median ? -1 : 1;
    if (a->f.has_median && a->f.median_s != b->f.median_s)
        return a->f.median_s < b->f.median_s ? -1 : 1;
    return strcmp(a->xen_id, b->xen_id);
}

/* qsort has no context argument: sort with a small insertion-merge instead.
 * The lists are a few dozen XENs. */
static void rank_sort(nv_rank_row *v, size_t n, int min_judged)
{
    for (size_t i = 1; i < n; i++) {
        nv_rank_row key = v[i];
        size_t j = i;
        while (j > 0 && rank_cmp(&v[j - 1], &key, min_judged) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = key;
    }
}

nv_err metrics_rank(sqlite3 *db, int64_t d0, int64_t d1, int min_judged, nv_rank_row **rows,
                    size_t *n, nv_errbuf *eb)
{
    nv_fig_table t;
    *rows = NULL;
    *n = 0;
    nv_err e = metrics_compute(db, d0, d1, &t, eb);
    if (e) return e;
    size_t k = t.n - t.n_wing;
    nv_rank_row *v = calloc(k ? k : 1, sizeof *v);
    if (!v) {
        metrics_table_free(&t);
        return nv_errf(eb, NV_ERR_NOMEM, "ranking: out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        const nv_fig_row *r = &t.rows[t.n_wing + i];
        memcpy(v[i].wing, r->wing, sizeof v[i].wing);
        memcpy(v[i].xen_id, r->xen_id, sizeof v[i].xen_id);
        v[i].f = r->f;
    }
    metrics_table_free(&t);
    rank_sort(v, k, min_judged);
    int next = 0;
    for (size_t i = 0; i < k; i++) {
        if (i == 0 || strcmp(v[i - 1].wing, v[i].wing) != 0) next = 0;
        v[i].rank = rank_eligible(&v[i], min_judged) ? ++next : 0;
    }
    *rows = v;
    *n = k;
    return NV_OK;
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
