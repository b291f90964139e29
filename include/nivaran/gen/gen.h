/* gen.h — `nivaran gen`: realistic sample exports in the three KESCO layouts
 * (EXPORTS.md), deterministic by seed, with planted risk patterns (FLAGS.md)
 * and a ground-truth file. Test tooling: it carries its own copy of the org
 * chart's subdivisions and of the category tables as const data.
 *
 * What gen_run() writes into o->out_dir (created if missing; every file is
 * written under PATH.tmp and renamed into place, see outfile.h):
 *
 *  - nightly = 0: one snapshot per source, every record in its state at the
 *    end of the last day (the export instant E = end_day + 1, 00:00 IST):
 *      kesco_1912_complaints_<END>.csv, jhatpat_applications_<END>.csv,
 *      niveshmitra_applications_<END>.csv            (<END> = YYYY-MM-DD)
 *  - nightly = 1: for each day D one file per source, named with D, holding
 *    every record registered or changed on D in its state at the end of D.
 *    A record's rows in different nights have strictly increasing
 *    LAST_UPDATED / STATUS_DATE (Nivesh Mitra: strictly increasing
 *    max(Applied Date, Approval/Rejection Date) — its open statuses change
 *    only on the day of registration); its last row is byte-identical to its
 *    snapshot row, so any load order of the nights gives the snapshot's
 *    database.
 *  - gen_manifest.csv, header `kind,name,source,count`:
 *      `file,<file name>,<source>,<data rows in that file>` for every file,
 *      `records,,<source>,<distinct record ids of that source>` for each
 *      source, `ground_truth,ground_truth.csv,,<rows>`.
 *    source is `1912`, `JHATPAT` or `NIVESH_MITRA`. Data rows are CSV
 *    records (a quoted line break does not start a row), header excluded.
 *  - ground_truth.csv, header `flag_code,record_id,source,xen_id,report_day`:
 *    every flag the default rules of FLAGS.md (default thresholds, SLA
 *    profile md-24h for DEADLINE_HUG) raise on the written data, one row per
 *    (flag, record) for record-level flags (report_day empty) and one row per
 *    (flag, XEN) for officer-level flags computed for report day END
 *    (record_id and source empty). Sorted by flag_code, record_id, xen_id.
 *    With plant = 0 the background still carries a low rate of FAST_CLOSE
 *    and REPEAT_AFTER_CLOSE (needed for a non-zero Tukey fence); they are
 *    listed too. tools/gen_check.py re-derives the file independently.
 *
 * Dirt written (EXPORTS.md): UTF-8 BOM and CRLF on some files, quoted commas
 * and doubled quotes in addresses, quoted line breaks and Devanagari in
 * remarks, mobiles as 9876543210 / 009876543210 / +919876543210 /
 * +91 98765 43210 (some empty), officer spellings (`SHRI XEN-C02`,
 * ` Er. XEN-T07 `, `XEN-T01 (XEN`), logins with stray spaces and case,
 * statuses CLOSED / CLOSE / Closed, subdivisions in odd case and spacing, a
 * few records of an unknown subdivision or category (UNASSIGNED / UNMAPPED,
 * fewer than 20 in any 30 days). Never written: rows the loader must reject.
 *
 * Memory: one day's new records, plus (nightly) the records that still have
 * a change to come, plus the history of application queues and the ground
 * truth; independent of the number of days for the 1912 volume. */
#ifndef NIVARAN_GEN_H
#define NIVARAN_GEN_H

#include <stdint.h>

#include "nivaran/core/err.h"

typedef struct {
    int days;        /* number of days, >= 1 */
    int64_t end_day; /* local days since epoch (nvtime.h) of the last day */
    uint64_t seed;   /* same seed and options -> byte-identical files */
    const char *out_dir;
    int nightly;  /* 1: one file per day per source */
    double scale; /* 1.0 = KESCO volume (~700 1912 complaints, 55 Jhatpat
                     and 4 Nivesh Mitra applications a day); bench: 10 */
    int plant;    /* 1 = plant risk patterns (default) */
} nv_gen_opts;

/* Generates the files described above. Errors: NV_ERR_USAGE for a bad
 * option (days < 1 or > 3660, scale <= 0 or > 2000, out_dir NULL),
 * NV_ERR_IO naming the file when a file cannot be written (no partial file
 * is left under a final name), NV_ERR_NOMEM. Progress: none (silent). */
nv_err gen_run(const nv_gen_opts *o, nv_errbuf *eb);

#endif
