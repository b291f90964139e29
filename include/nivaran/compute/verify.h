/* verify.h — closing the loop (VERIFY.md): the nightly call-back list and
 * the reading back of filled lists and workbooks.
 *
 * The call-back list of a day report D, per XEN (xen_id not UNASSIGNED, wing
 * not UNMAPPED): the candidates are the RESOLVED complaints (is_application
 * = 0) of a layout that maps a mobile, disposed in [d0, d1), not
 * TIME_ANOMALY; priority 1 when the record carries a record-level flag or
 * OTP_VERIFIED = N, else 2; within a priority ordered by
 * sha256(salt "|" D "|" record_id) in lower-case hex, ascending; the first
 * per_xen over priority 1 then 2 are listed. Then every NOT REACHABLE answer
 * to a call of an earlier list (priority 1 or 2) that was not yet listed
 * again is listed once more on D, with priority 0, after its XEN's rows.
 * The list is stored (tables callback_day and callback, migrate_003.sql)
 * the first time D is reported and every later report of D shows the
 * stored list: nothing redraws it. A period report draws nothing.
 *
 * Without a salt the list is drawn with the empty salt: anyone can predict
 * it, and every report that shows it says so (verify_predictable_note()).
 *
 * Interpretations made here (documented once):
 *   - "a layout that maps a mobile": a layout template of templates/layouts/
 *     with is_application = no and a `mobile` column (KESCO: 1912 only); a
 *     record of such a layout without a mobile cannot be called and takes
 *     no part. Only the layouts of the report's organisation (r->org_name)
 *     count: an organisation with none (the four US cities' 311 exports)
 *     draws no list, stores no day and shows no "predictable" note.
 *   - A NOT REACHABLE answer is listed again only on a list of a later day
 *     than its own, and only once (a call listed again that is again not
 *     reached is not listed a third time).
 *   - The draw is state of the database like the flags: it runs inside the
 *     caller's transaction, so a failed run keeps no list. */
#ifndef NIVARAN_VERIFY_H
#define NIVARAN_VERIFY_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nivaran/core/err.h"
#include "nivaran/core/outfile.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/flags.h"
#include "nivaran/core/report.h"

/* templates/verify.ini, section [verify]: per_xen (calls per XEN and
 * night, default 5), max_record_pct (a record-level rule flagging more than
 * this share of the records it examined is marked "check the threshold";
 * default 5), max_xen_pct (same for officer-level rules over XENs rated;
 * default 25), not_fixed_min_reached (10) and not_fixed_min_count (3) for
 * NOT_FIXED_RATE. */
typedef struct {
    int per_xen;
    double max_record_pct;
    double max_xen_pct;
    int nfr_min_reached;   /* NOT_FIXED_RATE: XENs with this many calls reached (10) */
    int nfr_min_not_fixed; /* and at least this many NOT FIXED behind the rate (3) */
    char path[1024];       /* the template read ("" when absent: the defaults) */
    char sha256[65];       /* its sha256, "" when absent */
} nv_verify_cfg;

/* Fills *out with the defaults above. */
void verify_cfg_defaults(nv_verify_cfg *out);

/* Reads templates_dir/verify.ini over the defaults (a missing file leaves the
 * defaults). NV_ERR_CONFIG naming the file, line and key on an unknown
 * section or key or a bad number (per_xen 0..1000, percentages 0..100). */
nv_err verify_load_cfg(const char *templates_dir, nv_verify_cfg *out, nv_errbuf *eb);

/* The draw's hash: lower-case hex sha256 of salt "|" day "|" record_id into
 * hex[65] (salt NULL = ""), with h (outfile.h, started over here; the
 * caller's, for a draw's thousands of hashes) or, when h is NULL, a hasher
 * of its own. 0, or -1 when hashing failed. */
int verify_hash(nv_sha256 *h, const char *salt, const char *day, const char *record_id,
                char hex[65]);

/* What the report of a day shows of its list. */
typedef struct {
    int drawn;         /* 1 when the report has a list (a day report) */
    int salted;        /* 0: drawn with the empty salt (predictable) */
    int64_t n_listed;  /* rows of the day's list */
    int64_t n_carried; /* of which NOT REACHABLE calls listed again */
    int newly_drawn;   /* 1 when this call drew it (0: the stored list) */
} nv_verify_day;

/* For a day report r (r->first_day == r->last_day): when the day has no
 * stored list, draws it as described above with cfg->per_xen and salt (NULL
 * or "" = the empty salt) and stores it; then fills *out from the stored
 * list. A period report draws nothing (*out zeroed). Needs the record-level
 * flags current (flags_update_records()). NV_ERR_CONFIG when the layout
 * templates cannot be read, NV_ERR_DB, NV_ERR_NOMEM. */
nv_err verify_draw(sqlite3 *db, const nv_verify_cfg *cfg, const nv_report *r, const char *salt,
                   nv_verify_day *out, nv_errbuf *eb);

/* What the reviews change in the flags (VERIFY.md), for report r, after
 * flags_update_records() and flags_officer():
 *   - CALLBACK_NOT_FIXED (record level, HIGH): every record with a call
 *     answered NOT FIXED, evidence the call's day and note; recomputed from
 *     the stored outcomes (all of them are replaced);
 *   - NOT_FIXED_RATE (officer level, MEDIUM) for r->report_date: per XEN
 *     over the lists of the 30 days ending r->last_day, NOT FIXED / calls
 *     reached (FIXED or NOT FIXED); among the XENs with cfg->nfr_min_reached
 *     calls reached, a rate above the upper Tukey fence (Q3 + tukey_k * IQR,
 *     type-7 quartiles) with cfg->nfr_min_not_fixed NOT FIXED behind it is
 *     flagged; a fence of 0 flags no one.
 * NV_ERR_DB, NV_ERR_NOMEM. */
nv_err verify_flags(sqlite3 *db, const nv_verify_cfg *cfg, double tukey_k, const nv_report *r,
                    nv_errbuf *eb);

/* The sentence every report that shows an unsalted list carries: English,
 * and with bilingual the Hindi after " / " (words.h). Static. */
const char *verify_predictable_note(int bilingual);

/* Writes out_dir/internal/callbacks.csv (atomic, UTF-8 byte-order mark):
 * callback_key,wing,xen_id,record_id,source,priority,mobile,account,category,
 * registered,disposed,closedby,otp_verified,outcome,note, the stored list of
 * report_day sorted by wing, xen_id, then the draw order; mobiles in full,
 * times in ISO 8601 with tz's offset, otp_verified Y / N / empty, outcome
 * and note empty (the caller fills them). When the list was drawn without a
 * salt, a last row whose callback_key is "#" says so (verify_predictable_note);
 * reading back skips it. A period report (report_day holding '/') writes
 * the header only. Text cells that a spreadsheet would run as a formula get
 * a leading apostrophe. */
nv_err verify_write_callbacks(sqlite3 *db, const char *out_dir, const char *report_day,
                              const nv_tz *tz, nv_errbuf *eb);

/* Fills temp.verify_about (created by queries/xlsx_temp.sql if absent) with
 * the rows the workbooks' About sheet shows after Organisation, Wing and
 * Report day: the call-back list's salt state for r, the flag thresholds in
 * force (fcfg), the call-back and self-check settings (vcfg), the
 * definitions of the flag keys, reviews and outcomes, and the version
 * (nivaran, schema version DB_SCHEMA_VERSION). NV_ERR_DB. */
nv_err verify_about_fill(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                         const nv_verify_cfg *vcfg, nv_errbuf *eb);

/* Writes s to f as one CSV field (csvout_field) after guarding it: a text
 * beginning with '=', '+', '-', '@', a tab or a carriage return that is not
 * a number gets a leading apostrophe (OUTPUTS.md). */
void verify_csv_cell(FILE *f, const char *s, int last);

/* ---- figures (src/compute/verify_fig.c) ---- */

/* One wing's call-back and review figures. Calls: over the lists of the 30
 * days ending the report's last day (by the day of each list). Reviews:
 * the flags of the wing's open register (the workbook's Risk flags sheet:
 * record-level flags on records registered or disposed in those 30 days,
 * officer-level ones once per code and XEN) by stored review. */
typedef struct {
    char wing[64];
    int64_t listed, returned, reached, not_fixed;
    int64_t open, inquiry, explained, confirmed;
} nv_verify_wing;

/* One rule of the self-check: over the 30 days ending the report's last
 * day, records flagged / records the rule examined (record level, by
 * registration or disposal in the window; CALLBACK_NOT_FIXED: NOT FIXED /
 * calls reached), or on the report day XENs flagged / XENs rated (officer
 * level: XENs with the officer rules' minimum of resolved records;
 * NOT_FIXED_RATE: with nfr_min_reached calls reached). pct is NAN when
 * nothing was examined; check = 1 when pct is above the limit
 * (max_record_pct, max_xen_pct): "check the threshold". */
typedef struct {
    char rule[32];
    int officer;
    int64_t flagged, examined;
    double pct;
    int check;
} nv_verify_check;

#define VERIFY_MAX_CHECKS 16

typedef struct {
    nv_verify_wing *wings; /* sorted by wing; owned (verify_figures_free) */
    size_t n_wings;
    nv_verify_check checks[VERIFY_MAX_CHECKS];
    size_t n_checks;
    int has_list, salted; /* the report day's list (a day report) */
} nv_verify_fig;

/* The records the self-check's record-level rules examined, counted from
 * the night's figures (figures_exam(), verify_exam_fill()): the records registered or disposed in
 * the 30 days ending on r's last day, TIME_ANOMALY aside; per rule those it examines (FAST_CLOSE:
 * resolved, of a category with a minimum; BULK_CLOSE: resolved with a closing login; TOUT_PHONE:
 * with a mobile; QUEUE_JUMP: a resolved application; REPEAT_AFTER_CLOSE: a resolved complaint), and
 * per XEN the resolved records disposed in the window (the officer rules rate an XEN with fcfg's
 * minimum of them). Fill with verify_exam_init(), release with verify_exam_free(). */
typedef struct {
    int64_t t0, d1;          /* the window's instants */
    const nv_flag_cfg *fcfg; /* its categories with a FAST_CLOSE minimum */
    int min_resolved;        /* the officer rules' minimum */
    int64_t exam[5];         /* by rule, in the order above */
    struct {
        char xen[64];
        int64_t n;
    } * xen; /* resolved and disposed in the window, per XEN */
    size_t n_xen, cap, last;
} nv_verify_exam;

/* Sets x to count nothing yet, over r's window, for fcfg's rules (fcfg
 * must outlive x's counting). */
void verify_exam_init(nv_verify_exam *x, const nv_report *r, const nv_flag_cfg *fcfg);

/* Counts into x the examined records of the figures f of x's report (its
 * keys' counts, figures_exam()). NV_ERR_NOMEM. */
nv_err verify_exam_fill(nv_verify_exam *x, const nv_figures *f, nv_errbuf *eb);

void verify_exam_free(nv_verify_exam *x);

/* Computes the figures above for report r. The self-check is taken from
 * temp.verify_check when verify_check_fill() stored it for r on this
 * connection; else its examined records come from a read of the figures of
 * r's window of its own (figures_build(): it brings the day store up to
 * date, so db must be writable). *out is
 * the caller's, to release with verify_figures_free().
 * NV_ERR_DB, NV_ERR_NOMEM. */
nv_err verify_figures(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                      const nv_verify_cfg *vcfg, nv_verify_fig *out, nv_errbuf *eb);
void verify_figures_free(nv_verify_fig *f);

/* verify_figures(), its examined records from x (verify_exam_fill() on the night's
 * figures), written into temp.verify_check (created if
 * absent: rule, level, flagged, examined, pct, mark) for the reports'
 * self-check. NV_ERR_DB, NV_ERR_NOMEM. */
nv_err verify_check_fill(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                         const nv_verify_cfg *vcfg, const nv_verify_exam *x, nv_errbuf *eb);

/* ---- reading back (src/compute/verify_review.c) ---- */

/* Counts of one reading. */
typedef struct {
    int64_t files, files_refused;
    int64_t stored;    /* outcomes and reviews stored or replaced */
    int64_t withdrawn; /* emptied cells that withdrew a stored value */
    int64_t unchanged; /* rows equal to what was stored, or older than it */
    int64_t refused;   /* rows refused (files refused whole included) */
} nv_review_stats;

/* Reads each of paths into the outcome and review tables, inside the
 * caller's transaction: a file that begins with a zip signature as a filled
 * wing workbook (src/compute/verify_book.c, through xlsxread: the About sheet
 * identifies it; the Call-backs and Risk flags sheets are read by their
 * English headings; a part inflating past 200 MB refuses the file), any
 * other as a filled copy of internal/callbacks.csv (columns found by name). org is the database's
 * organisation (meta 'organisation', "KESCO" when absent). read_at is the
 * time the reading is recorded with (ISO 8601; history only). Refused rows
 * are printed to stderr and, when rejects is not NULL, written to it as
 * file,sheet,row,reason (the caller writes the header). A file that cannot
 * be read as such a list or workbook is refused whole, one row with row 0.
 * Returns NV_OK even when rows were refused (see stats->refused);
 * NV_ERR_DB, NV_ERR_NOMEM. (A failing write to rejects shows when the
 * caller commits that file.) */
nv_err verify_read_files(sqlite3 *db, const char *org, const char *const *paths, size_t n,
                         const char *read_at, FILE *rejects, nv_review_stats *stats, nv_errbuf *eb);

#endif
