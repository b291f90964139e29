/* metrics.h — the SLA clock and the day figures of METRICS.md.
 *
 * metrics_judge() keeps each record's deadline / outcome / judged_at current
 * under a profile; metrics_compute() then reads the figures of any window
 * [d0, d1) per XEN, per wing and for the whole organisation ("ALL"). The SQL
 * lives in queries/judge_*.sql and queries/fig_*.sql. */
#ifndef NIVARAN_METRICS_H
#define NIVARAN_METRICS_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "nivaran/core/err.h"
#include "nivaran/compute/profile.h"
#include "nivaran/store/clock.h"

/* Figures of one row over one window. Times are seconds; compliance is kept
 * as met / judged so that pooled figures are exact. */
typedef struct {
    int64_t received, resolved, rejected, met, breached, pending_end, overdue_end;
    int has_median, has_p90;
    int64_t median_s, p90_s; /* nearest rank over records resolved in the window */
} nv_figs;

typedef struct {
    char wing[64];   /* a wing, or "ALL" for the organisation */
    char xen_id[96]; /* "" on wing rows and on the ALL row */
    nv_figs f;
} nv_fig_row;

typedef struct {
    nv_fig_row *rows; /* wing rows (ALL included) first, sorted by wing; then
                         XEN rows sorted by wing then xen_id */
    size_t n;
    size_t n_wing; /* rows[0 .. n_wing) are wing rows */
} nv_fig_table;

/* Brings the judgement columns of the record table up to date under p:
 * every record when meta 'profile_sha256' differs from p->sha256 (then
 * stores it), else only records with judge_stale = 1. Also sets
 * time_anomaly. Runs in the caller's transaction, if any. */
nv_err metrics_judge(sqlite3 *db, const nv_profile *p, nv_errbuf *eb);

/* Before a load that metrics_judge(db, p) will follow: when p is the profile
 * the records were last judged under (meta 'profile_sha256'), *out is the SLA
 * clock of p (clock.h; the caller owns it: clock_free()), for
 * ingest_set_clock(), so that the load judges each row it stores and the
 * judgement that follows has nothing left to do (one write of each row, not
 * two); else *out is NULL (the judgement re-judges every record anyway).
 * Fails with NV_ERR_DB or NV_ERR_NOMEM. */
nv_err metrics_judge_at_load(sqlite3 *db, const nv_profile *p, nv_clock **out, nv_errbuf *eb);

/* Figures over [d0, d1) for every row of OUTPUTS.md's open data: one row per
 * XEN of the org_xen table (zeros included), plus XEN values found in records
 * registered before d1 that the chart lacks (UNASSIGNED, or every XEN of a
 * layout without a chart); one row per wing plus ALL. out is the caller's,
 * to free with metrics_table_free(). */
nv_err metrics_compute(sqlite3 *db, int64_t d0, int64_t d1, nv_fig_table *out, nv_errbuf *eb);
void metrics_table_free(nv_fig_table *t);

/* The row for (wing, xen_id) ("" for a wing row), or NULL. */
const nv_fig_row *metrics_find(const nv_fig_table *t, const char *wing, const char *xen_id);

/* Helpers for modules that add figures up themselves over several windows
 * in one pass (the workbooks, the PDFs), so that they add up exactly as
 * metrics_compute() does:
 * metrics_figs_add adds b's counted figures to a (not the percentiles);
 * metrics_figs_pctl sets f's median and p90 by nearest rank (the
 * ceil(q*n)-th smallest) over the n resolution times t, reordering t;
 * metrics_row_cmp orders nv_fig_row by wing then xen_id (byte order), for
 * qsort. */
void metrics_figs_add(nv_figs *a, const nv_figs *b);
/* A hash of the (wing, xen_id) key of a figure row (FNV-1a over both names
 * with a separator), for the hash tables of those one-pass sums. */
uint64_t metrics_key_hash(const char *wing, const char *xen_id);

/* An open-addressing index (on metrics_key_hash) from (wing, xen_id) to the
 * positions 0..n-1 of a caller's array, for those one-pass sums. Each
 * element is `size` bytes and holds the two names as char arrays at
 * wing_off and xen_off (offsetof). The array may move (realloc): every call
 * takes its current base. Zero the struct but size and the offsets to
 * start; metrics_xidx_free() releases it. */
typedef struct {
    size_t *slot; /* position + 1; 0 = empty */
    size_t nslot; /* 0, or a power of two more than twice n */
    size_t n;     /* positions indexed */
    size_t size, wing_off, xen_off;
} nv_xen_index;

/* The position of (wing, xen_id) in base, or -1. The names are compared
 * as given: a caller that cuts names to its fields cuts them first. */
long metrics_xidx_find(const nv_xen_index *ix, const void *base, const char *wing,
                       const char *xen_id);
/* Indexes position ix->n, whose element the caller has filled in base, and
 * counts it; -1 when out of memory (nothing changed). */
int metrics_xidx_add(nv_xen_index *ix, const void *base);
void metrics_xidx_free(nv_xen_index *ix);
void metrics_figs_pctl(nv_figs *f, int64_t *t, size_t n);
int metrics_row_cmp(const void *a, const void *b);

/* Compliance: 1 and *pct = 100*met/(met+breached) when anything was judged,
 * else 0. */
int metrics_compliance(const nv_figs *f, double *pct);

/* The one rounding of every figure shown (half away from zero, in
 * integers): compliance in tenths of a percent (*tenths; returns 0 when
 * nothing was judged) and hours in hundredths. A report that stores a
 * figure as a number stores tenths / 10.0 or hundredths / 100.0, the
 * double nearest to the decimal it shows. */
int metrics_pct_tenths(const nv_figs *f, int64_t *tenths);
int64_t metrics_hours_hundredths(int64_t seconds);

/* Formatting exactly as the open data writes figures (rounded half away
 * from zero, computed in integers): percent with one decimal ("93.5"),
 * hours with two ("26.08"); "" when absent. buf at least 32 bytes. */
void metrics_fmt_pct(const nv_figs *f, char *buf);
void metrics_fmt_hours(int has, int64_t seconds, char *buf);

/* XEN ranking within each wing over [d0, d1) (the 30 days ending with D):
 * by compliance descending, then median hours ascending, then xen_id; an XEN
 * with fewer than min_judged judged records has rank 0 (listed, not ranked). */
typedef struct {
    char wing[64];
    char xen_id[96];
    int rank;
    nv_figs f;
} nv_rank_row;
nv_err metrics_rank(sqlite3 *db, int64_t d0, int64_t d1, int min_judged, nv_rank_row **rows,
                    size_t *n, nv_errbuf *eb);
/* The same ranking of the XEN rows of a table already computed (t's
 * rows[n_wing .. n)): metrics_rank() is metrics_compute() then this. *rows
 * (n of them: every XEN row, grouped by wing, within a wing the ranked by
 * rank then the unranked by xen_id) is the caller's, to free(); NV_ERR_NOMEM. */
nv_err metrics_rank_table(const nv_fig_table *t, int min_judged, nv_rank_row **rows, size_t *n,
                          nv_errbuf *eb);

/* Writes open-data/sla_by_wing.csv and open-data/sla_by_xen.csv of t under
 * out_dir (atomically), with report_date in the first column. */
nv_err metrics_write_open_data(const nv_fig_table *t, const char *out_dir, const char *report_date,
                               nv_errbuf *eb);

#endif
