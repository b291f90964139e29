/* figures.h — the one figures engine: every figure of METRICS.md that a
 * night's reports show, computed in one place.
 *
 * The engine builds a cube: per XEN and category, and per bin of time (a
 * local day, or any span between sorted instants) the additive figures (received,
 * resolved, rejected, met, breached), the backlog (pending_end and
 * overdue_end) at every bin boundary, and the resolution times grouped by
 * bin. Every window that is a run of bins is then a sum over the cube with
 * no further database work, laid out as nv_fig_table: wing rows (ALL
 * included) then XEN rows. The cube's contributions come either from the
 * figures' day store (migrate_007.sql: every record's contributions summed
 * per local day and key, kept up to date with the records that changed),
 * or from one read of each record of the cube (queries/fig_scan.sql: the
 * full path, and cubes whose bins are not local days). Both apply one copy
 * of the counting rules (src/compute/figstore.c's fs_record()):
 *
 *   received   registered in the window (time anomalies left out)
 *   resolved   status RESOLVED, disposed in the window (anomalies left out);
 *              its disposed - registered goes into the percentiles
 *   rejected   disposed in the window with another closed status
 *   met/breached  judged_at in the window with that outcome
 *   pending_end   registered before the window's end T and open
 *                 (disposed IS NULL), or disposed at or after T
 *   overdue_end   pending_end and deadline before T
 *
 * Percentiles are metrics_figs_pctl()'s nearest rank; the rows of a table
 * are every XEN of the org chart plus every (wing, xen_id) of a record
 * registered before the cube's end.
 *
 * figures_build() computes, once a night, the windows every renderer and
 * the open data read (nv_figures); run builds it and hands it to them
 * through nv_report. */
#ifndef NIVARAN_FIGURES_H
#define NIVARAN_FIGURES_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/core/report.h"

/* ---- the cube ----------------------------------------------------------- */

typedef struct nv_figcube nv_figcube;

/* Reads the cube of the nb bins [bound[k], bound[k+1]) (bound sorted, nb+1
 * instants, nb >= 1; copied), first creating the index it reads
 * (queries/fig_index.sql) when the database lacks it, so db must be
 * writable. *out is the caller's: figures_cube_free().
 * NV_ERR_DB, NV_ERR_NOMEM (nothing to free then). */
nv_err figures_cube_load(sqlite3 *db, const int64_t *bound, int nb, nv_figcube **out,
                         nv_errbuf *eb);

/* The table of bins [a, b) (0 <= a < b <= nb; else NV_ERR_INTERNAL), its
 * backlog at bound[b], as metrics_compute() lays a table out. out is the
 * caller's: metrics_table_free(). NV_ERR_NOMEM. */
nv_err figures_cube_table(const nv_figcube *c, int a, int b, nv_fig_table *out, nv_errbuf *eb);

/* The counted figures (no percentiles) of bins [a, b) summed over the XENs
 * of one wing (wing NULL: all of them), backlog at bound[b]. Bins outside
 * the cube count nothing. */
void figures_cube_sum(const nv_figcube *c, const char *wing, int a, int b, nv_figs *out);

/* Figures grouped by (wing, XEN) or by (wing, category), for the listings
 * that need more than a table row: the backlog at the cube's end by age
 * band (FIG_BANDS: under 24 h, 24 to 48 h, 2 to 7 days, 7 days and more,
 * by end - registered), how much of it is past its deadline by more than 7
 * days, the oldest, whether the XEN is on the org chart, and whether the
 * group has anything in the window at all. */
#define FIG_BANDS 4
enum { FIG_BY_XEN, FIG_BY_CATEGORY };

typedef struct {
    char wing[64], key[96];                   /* key: the XEN, or the category */
    nv_figs f;                                /* over the bins asked, backlog at their end */
    int64_t band[FIG_BANDS], over7, oldest_s; /* at the cube's end only */
    int in_chart;                             /* FIG_BY_XEN: an XEN of the org chart */
    int present;                              /* an event in the bins, or pending at their end */
    size_t idx;                               /* internal */
} nv_fig_group;

/* Every group (wing, XEN or category) of c over bins [a, b), sorted by
 * wing then key (byte order), percentiles included. *out (n of them) is
 * the caller's, to free(). NV_ERR_INTERNAL outside the cube, NV_ERR_NOMEM. */
nv_err figures_cube_groups(const nv_figcube *c, int by, int a, int b, nv_fig_group **out, size_t *n,
                           nv_errbuf *eb);

void figures_cube_free(nv_figcube *c);

/* ---- a night's figures --------------------------------------------------- */

/* The windows of a report whose days are first_day..last_day (D = last_day,
 * L = its number of days): */
enum {
    NV_FIG_REPORT, /* first_day .. D */
    NV_FIG_PREV,   /* the previous period: first_day - L .. first_day - 1 */
    NV_FIG_WEEK,   /* D-6 .. D */
    NV_FIG_WEEKP,  /* D-13 .. D-7 */
    NV_FIG_MTD,    /* the 1st of D's month .. D */
    NV_FIG_MTDP,   /* the same days of the previous month (cut at its end) */
    NV_FIG_R30,    /* D-29 .. D: the XEN ranking */
    NV_FIG_R30P,   /* D-36 .. D-7: the ranking a week earlier */
    NV_FIG_N
};

typedef struct {
    int64_t first_day, last_day; /* local days, inclusive */
    int64_t t0, t1;              /* [t0, t1) instants */
    nv_fig_table t;
} nv_fig_window;

typedef struct nv_figures {
    nv_tz tz;
    int64_t first_day, last_day;
    nv_fig_window w[NV_FIG_N];
    nv_figcube *cube;   /* one bin per local day from cube_first */
    int64_t cube_first; /* local day of bin 0 */
    int cube_days;
    /* 1: the day store was brought up to date with every record and counts
     * tz's days, so that it can list the wings and XENs found in records
     * (xlsx_list_wings()) without reading them, until a record changes */
    int store_current;
} nv_figures;

/* Computes every window above, and a day cube spanning all of them (and
 * the 30 days of the trends, and the 7 days before a day report), from the
 * day store (FIG_STORE below). f is the caller's: figures_free() (also after
 * a failure). NV_ERR_DB, NV_ERR_NOMEM. */
nv_err figures_build(sqlite3 *db, const nv_tz *tz, int64_t first_day, int64_t last_day,
                     nv_figures *f, nv_errbuf *eb);

/* How figures_build_mode() finds the records' contributions. */
enum {
    FIG_STORE, /* from the day store (migrate_007.sql), brought up to date
                  first (filled the first time); a store in another time
                  zone is left alone and the records are read */
    FIG_FULL   /* from a read of every record of the cube (fig_scan.sql),
                  and the day store refilled from all of them (--full) */
};

/* figures_build() as mode says; both give the same figures (tests/e2e/
 * flags_incr.sh compares them night after night). FIG_STORE writes to the
 * database (the store, its triggers and indexes), inside a savepoint.
 * NV_ERR_DB, NV_ERR_NOMEM. */
nv_err figures_build_mode(sqlite3 *db, const nv_tz *tz, int64_t first_day, int64_t last_day,
                          int mode, nv_figures *f, nv_errbuf *eb);

/* The self-check's examined records (VERIFY.md), per key of the cube: over
 * the 30 days D-29 .. D (NV_FIG_R30), the records without a time anomaly
 * registered or disposed in them, counted by what the rules examine. */
enum {
    FIG_EXAM_MOBILE,     /* with a mobile number */
    FIG_EXAM_RES_CLOSER, /* resolved, with a closing login */
    FIG_EXAM_RES_APP,    /* resolved applications */
    FIG_EXAM_RES_OTHER,  /* resolved complaints (not applications) */
    FIG_EXAM_N
};

/* Calls fn once per key (wing, XEN, category) of f's cube with its counts n
 * and its records resolved (disposed) in those 30 days; a non-zero return
 * of fn stops and is returned. */
int figures_exam(const nv_figures *f,
                 int (*fn)(void *ctx, const char *wing, const char *xen_id, const char *category,
                           const int64_t n[FIG_EXAM_N], int64_t resolved),
                 void *ctx);

/* The table of window w (NV_FIG_*). Owned by f. */
const nv_fig_table *figures_table(const nv_figures *f, int w);

/* The counted figures of local days a..b (inclusive) for one wing (NULL:
 * the organisation), backlog at the end of day b; no percentiles. Days
 * outside the cube count nothing (and a backlog at an end outside it is 0). */
void figures_days(const nv_figures *f, const char *wing, int64_t a, int64_t b, nv_figs *out);

/* A window of whole days inside the cube (a..b inclusive), as a table:
 * NV_ERR_INTERNAL outside it. out is the caller's: metrics_table_free(). */
nv_err figures_days_table(const nv_figures *f, int64_t a, int64_t b, nv_fig_table *out,
                          nv_errbuf *eb);

/* figures_cube_groups() over local days a..b (inclusive) of the night's
 * cube; the backlog bands are at the end of the report. */
nv_err figures_groups(const nv_figures *f, int by, int64_t a, int64_t b, nv_fig_group **out,
                      size_t *n, nv_errbuf *eb);

void figures_free(nv_figures *f);

/* The figures a renderer draws r with: r->fig, which the nightly job
 * builds once for every renderer; when r->fig is NULL (a renderer called
 * on its own, as the unit tests do), figures_build() of r's window into
 * *own, which the caller frees with figures_free() either way. */
nv_err figures_of_report(const nv_report *r, nv_figures *own, const nv_figures **out,
                         nv_errbuf *eb);

#endif
