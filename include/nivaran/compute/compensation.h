/* compensation.h — compensation owed to consumers for late service
 * (spec COMPENSATION.md): the schedule, the amounts, record by record and
 * summed, and the two CSV files. Computed once per report (run.c) and handed
 * to every renderer through nv_report.comp; renderers only show it.
 *
 * The schedule: templates_dir/compensation/NAME.ini, the one whose
 *   [compensation] organisation equals the report's organisation (KESCO:
 *   uperc-sop.ini); [rates] CATEGORY = whole rupees per day. An organisation
 *   without one has no compensation: comp_load() says so and every report
 *   shows nothing of it. Time limits are always those of the `statutory`
 *   SLA profile (profile.h), whatever profile the run judges by.
 *
 * The amount, for a record of a category with a rate, not a TIME_ANOMALY,
 *   status (as stored) not REJECTED:
 *     sop_deadline = registered + statutory hours of the category
 *     end          = disposed (RESOLVED in the window) or d1 (pending at d1:
 *                    registered < d1 and open, or disposed >= d1)
 *     days_late    = ceil((end - sop_deadline) / 24 h) when end > sop_deadline
 *     rupees       = days_late x rate;  pay_by = disposed + 60 days
 *   owed:     RESOLVED with d0 <= disposed < d1 and days_late > 0
 *   accruing: pending at d1 with days_late > 0 (the amount so far)
 *
 * Windows: the report's [d0, d1) and the month to date (the 1st of the month
 * of the report's last day to d1); both end at d1, so their accruing sets are
 * the same and one pass over the records serves both.
 *
 * Speed: the pass reads the open records (record_open) and the month's
 * resolved ones from a covering partial index, record_comp
 * (queries/comp_index.sql), which comp_compute() creates when absent: the
 * first report of an organisation with a schedule builds it once (242k
 * records: about 0.5 s), the loads keep it. The ledger's strings are read
 * by id for ledger rows only. 242k set, a night: about 0.06 s CPU. */
#ifndef NIVARAN_COMPENSATION_H
#define NIVARAN_COMPENSATION_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/compute/profile.h"

#define COMP_MAX_RATES 64
#define COMP_PAY_DAYS 60       /* the regulation's time to pay */
#define COMP_CLOCK "statutory" /* the SLA profile whose limits compensation uses */

/* The schedule (one template). */
typedef struct {
    char name[64];          /* [compensation] name, e.g. "uperc-sop" */
    char organisation[128]; /* whose schedule it is */
    int n;
    struct {
        char category[48];
        int64_t rupees_per_day;
        double hours; /* the statutory limit of the category */
    } rates[COMP_MAX_RATES];
    char path[1024];
} nv_comp_schedule;

/* Sums over a set of records. */
typedef struct {
    int64_t owed_records, owed_rupees;
    int64_t accruing_records, accruing_rupees;
    int64_t owed_returned_records, owed_returned_rupees; /* owed, returned to the applicant >= 1 */
} nv_comp_sum;

/* A wing ("ALL" for the organisation) or an XEN (xen_id "" for a wing). */
typedef struct {
    char wing[64], xen_id[96];
    nv_comp_sum s;
} nv_comp_group;

/* One ledger row: a record owed or accruing in the report window. */
typedef struct {
    int accruing;                                                        /* 0 owed, 1 accruing */
    const char *record_id, *source, *account, *category, *wing, *xen_id; /* account may be NULL */
    int64_t registered, sop_deadline;
    int has_disposed; /* owed rows; accruing rows are open at d1: no disposed, no pay_by */
    int64_t disposed, pay_by;
    int64_t days_late, rupees_per_day, rupees;
    int64_t returned; /* RETURN_COUNT: times it went back to the applicant */
} nv_comp_row;

/* The figures of one window. */
typedef struct {
    int64_t d0, d1;
    nv_comp_sum all;
    nv_comp_group *wings; /* every wing of the org chart and of the rows, sorted, "ALL" included */
    size_t n_wings;
    nv_comp_group *xens; /* every XEN of the org chart and of the rows, by wing then xen_id */
    size_t n_xens;
} nv_comp_window;

typedef struct nv_comp {
    nv_comp_schedule sched;
    nv_comp_window period; /* the report's [d0, d1) */
    nv_comp_window month;  /* the month to date of the report's last day */
    nv_comp_row *rows;     /* the period's ledger: owed then accruing, each by record_id, source */
    size_t n_rows;
    char *pool; /* the rows' strings */
    size_t pool_len, pool_cap;
} nv_comp;

/* Looks for the schedule of organisation org in templates_dir/compensation/
 * (files *.ini in name order; the first whose organisation matches) and
 * fills its statutory limits from templates_dir/profiles/statutory.ini.
 * Returns NV_OK with *found 1 and s filled, or NV_OK with *found 0 when the
 * organisation has none (no folder, or no file names it). NV_ERR_CONFIG for
 * a malformed schedule (file, line, reason) or a missing statutory profile. */
nv_err comp_load(const char *templates_dir, const char *org, nv_comp_schedule *s, int *found,
                 nv_errbuf *eb);

/* The rate of category under s (rupees per day), 0 when not compensable. */
int64_t comp_rate(const nv_comp_schedule *s, const char *category, double *hours);

/* Days late of a record: ceil((end - deadline) / 86400) when end > deadline,
 * else 0. */
int64_t comp_days_late(int64_t end, int64_t deadline);

/* Computes c (caller's storage; c->sched already filled by comp_load) for
 * the window [d0, d1) and the month to date starting at m0 (m0 < d1), from
 * the records of db (queries/comp_records.sql, comp_detail.sql,
 * comp_org.sql), creating index record_comp when absent (so db must be
 * writable). Release with comp_free() (also after a failure). NV_ERR_DB,
 * NV_ERR_NOMEM. */
nv_err comp_compute(sqlite3 *db, int64_t d0, int64_t d1, int64_t m0, nv_comp *c, nv_errbuf *eb);

/* Frees what comp_compute allocated; the schedule stays. */
void comp_free(nv_comp *c);

/* The group of wing (and xen_id, "" for the wing row) in w, or NULL. */
const nv_comp_group *comp_find(const nv_comp_window *w, const char *wing, const char *xen_id);

/* Writes out_dir/internal/compensation.csv (the ledger, UTF-8 BOM, times in
 * ISO 8601 in tz) and out_dir/open-data/compensation_by_wing.csv (the period
 * by wing, report_date in its first column; only when public is non-zero:
 * the public outputs of an incomplete day are withheld), atomically. Text
 * cells that a spreadsheet would run as a formula get a leading apostrophe.
 * NV_ERR_IO. */
nv_err comp_write_csv(const nv_comp *c, const char *out_dir, const nv_tz *tz,
                      const char *report_date, int public, nv_errbuf *eb);

#endif
