/* flags.h — the corruption-risk flags of FLAGS.md and their register.
 *
 * A flag is a reason to look, never a finding of guilt. Flags live in the
 * `flag` table of the database (migrate_001.sql):
 *   - record-level flags (TIME_ANOMALY, FAST_CLOSE, BULK_CLOSE, TOUT_PHONE,
 *     QUEUE_JUMP, REPEAT_AFTER_CLOSE): rec set, report_day NULL; they cover all
 *     loaded history and are kept current by flags_update_records();
 *   - officer-level flags (DEADLINE_HUG, HIGH_REJECTION, UNVERIFIED_CLOSE,
 *     DISSATISFIED, FAST_CLOSE_RATE, REPEAT_RATE): rec NULL, report_day set;
 *     computed for one report by flags_officer().
 * wing and xen_id of a record flag are the record's; of an officer flag, the
 * XEN's wing in org_xen (else the smallest wing among its window's records).
 *
 * Thresholds, severities and the minimum plausible times per category come
 * from the template templates/flags.ini (see that file for every key).
 *
 * Evidence is one line naming the records, times (in the database's zone:
 * meta 'timezone', default Asia/Kolkata; "YYYY-MM-DD HH:MM", ":SS" added when
 * the seconds are not zero) and counts behind the flag. Mobiles in evidence
 * are masked ("98XXXXXX21"), as evidence reaches the wing workbooks.
 *
 * Interpretations of FLAGS.md made here (documented once):
 *   - "1912 complaint" = a record with is_application = 0 (REPEAT_AFTER_CLOSE,
 *     UNVERIFIED_CLOSE, DISSATISFIED).
 *   - A TIME_ANOMALY record (disposed < registered) is excluded from every
 *     other rule, as the record flagged and as evidence (also from officer
 *     rates' numerators and denominators, as from all figures).
 *   - An empty account, mobile or closing login is treated as absent; a record
 *     with no account counts as an account of its own (TOUT_PHONE); a record
 *     without subdivision belongs to no queue (QUEUE_JUMP) and adds no
 *     subdivision (BULK_CLOSE).
 *   - Officer rules skip xen_id 'UNASSIGNED' (not an XEN). A rate whose
 *     denominator is 0 for an XEN leaves that XEN out of that code's fence.
 *
 * All functions run inside the caller's transaction if there is one (they use
 * a SAVEPOINT, so a failure leaves the database as it was). */
#ifndef NIVARAN_FLAGS_H
#define NIVARAN_FLAGS_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/core/report.h"

typedef enum {
    FLAG_TIME_ANOMALY = 0,
    FLAG_FAST_CLOSE,
    FLAG_BULK_CLOSE,
    FLAG_TOUT_PHONE,
    FLAG_QUEUE_JUMP,
    FLAG_REPEAT_AFTER_CLOSE,
    FLAG_DEADLINE_HUG, /* officer-level from here on */
    FLAG_HIGH_REJECTION,
    FLAG_UNVERIFIED_CLOSE,
    FLAG_DISSATISFIED,
    FLAG_FAST_CLOSE_RATE,
    FLAG_REPEAT_RATE,
    FLAG_COUNT
} nv_flag_code;

#define FLAGS_FIRST_OFFICER FLAG_DEADLINE_HUG
#define FLAGS_MAX_CATEGORIES 64

typedef enum { FLAG_SEV_HIGH = 0, FLAG_SEV_MEDIUM, FLAG_SEV_LOW } nv_flag_sev;

typedef struct {
    nv_flag_sev severity[FLAG_COUNT];

    /* FAST_CLOSE: minimum plausible seconds per category ([fast_close],
     * minutes in the template); categories not listed have none. */
    int n_min;
    struct {
        char category[48];
        int64_t min_s;
    } min_time[FLAGS_MAX_CATEGORIES];

    /* BULK_CLOSE: >= bulk_min_records resolutions of one login within
     * bulk_span_s (inclusive) in >= bulk_min_subdivisions subdivisions. */
    int bulk_min_records;
    int64_t bulk_span_s;
    int bulk_min_subdivisions;

    /* TOUT_PHONE: >= tout_min_accounts accounts on the mobile within
     * +-tout_window_s (inclusive) of the record's registration. */
    int64_t tout_window_s;
    int tout_min_accounts;

    /* QUEUE_JUMP: >= queue_min_queued applications registered at least
     * queue_head_start_s before, undisposed at the resolution time. */
    int64_t queue_head_start_s;
    int queue_min_queued;

    /* REPEAT_AFTER_CLOSE: the next complaint registered in
     * [disposed, disposed + repeat_window_s]. */
    int64_t repeat_window_s;

    /* Officer-level: window of officer_window_days days ending with the
     * report's last day; XENs with >= officer_min_resolved resolutions;
     * flagged above Q3 + officer_tukey_k * IQR with numerator >=
     * officer_min_numerator; DEADLINE_HUG's band is deadline_hug_s. */
    int officer_window_days;
    int officer_min_resolved;
    int officer_min_numerator;
    double officer_tukey_k;
    int64_t deadline_hug_s;

    /* flags_update_records() recomputes every record instead of the
     * neighbourhood of the stale ones when stale >= this fraction of all
     * records (both give the same flags; this is only speed). > 1: never. */
    double full_pass_fraction;
    /* Records examined per chunk (bounds the working memory of a pass; a
     * full pass's neighbour rules go by key instead, see
     * flags_update_records()). */
    int64_t chunk_records;

    char path[1024]; /* the template read */
    char sha256[65]; /* its sha256, for the manifest */
} nv_flag_cfg;

/* "TIME_ANOMALY", ... ; "HIGH", "MEDIUM", "LOW". Static strings. */
const char *flags_code_name(nv_flag_code c);
const char *flags_sev_name(nv_flag_sev s);

/* Fills *out with the defaults of FLAGS.md (no path, no sha256). */
void flags_cfg_defaults(nv_flag_cfg *out);

/* Reads templates_dir/flags.ini over the defaults and records its path and
 * sha256. NV_ERR_CONFIG naming the file, line and reason on a missing file,
 * an unknown section or key, a bad number or severity; NV_ERR_IO when the
 * file cannot be hashed. */
nv_err flags_load_cfg(const char *templates_dir, nv_flag_cfg *out, nv_errbuf *eb);

/* How a record-level pass runs (flags_update_records()). */
typedef struct {
    /* in: the sha256 of the SLA profile in force (NULL: none); a change of
     * it, as of any threshold or severity, runs the full pass */
    const char *profile_sha256;
    int full;           /* in: run the full pass whatever changed (--full) */
    int ran_full;       /* out: the pass was a full one */
    int config_changed; /* out: a configuration key was stored and differed */
} nv_flag_pass;

/* Record-level rules, incrementally. The stale records (those the loader
 * applied since the last pass: load_id above meta 'flag_load_mark') and
 * every record whose flags they can change (neighbours by
 * closing login within the bulk span, by mobile within the tout window, by
 * account and category within the repeat window, and queue members whose
 * count of queued applications they change), under both the keys each stale
 * record had at the last pass (kept in table flag_seen, created by
 * queries/flag_setup.sql) and its current keys, form the affected set; its
 * record-level flags are deleted and recomputed against all history; then
 * the mark moves to the largest load_id. The result equals a pass over all
 * records. The affected set is worked through chunk_records row ids at a time. The
 * officer-level running sums (flag_xen_rec, flag_xen_day of
 * queries/migrate_005_flags.sql: per local day of disposal, XEN and wing,
 * the counts behind every officer-level rate) are updated for the affected
 * set: what its records added is taken back and what they add now is added.
 * The judgements must be current (metrics_judge()). Does nothing but the
 * setup when no record is stale and the configuration is unchanged.
 * The full pass recomputes every record's flags: when pass->full is set,
 * when the configuration key (the sha256 of the effective thresholds and
 * severities of cfg, pass->profile_sha256, the database's zone and the
 * version; kept in meta 'flag_config') differs from the stored one or none
 * is stored, or when at least full_pass_fraction of the records are stale
 * (a fresh load). TIME_ANOMALY and FAST_CLOSE go by chunks as above, the
 * neighbour rules by flags_sweep_all() (one ordered pass per closing login,
 * mobile, queue, account; the same flags as the per-record rules of the
 * incremental pass, in O(n log n) rather than a look-up of each record's
 * neighbourhood), flag_seen and the running sums are rebuilt, and the key is
 * stored. pass may be NULL (no profile, not forced); pass->ran_full tells
 * which pass ran. */
nv_err flags_update_records(sqlite3 *db, const nv_flag_cfg *cfg, nv_flag_pass *pass, nv_errbuf *eb);

/* Officer-level rules for report r over the officer window
 * [start of r->last_day - (window_days - 1), r->d1) in r->tz, which must be
 * the database's zone. The rates come from the running sums of the window's
 * local days, kept by flags_update_records() (call it first), or, with
 * from_records (run --full), from the records disposed in the window
 * (queries/flag_officer_rates.sql): both give the same counts. The
 * judgement columns (deadline) must be current (metrics_judge()). Replaces
 * the officer-level flags stored for report_day = r->report_date, so a rerun
 * is identical. */
nv_err flags_officer(sqlite3 *db, const nv_flag_cfg *cfg, const nv_report *r, int from_records,
                     nv_errbuf *eb);

/* Writes out_dir/internal/risk_flags.csv (folder created; atomic): header
 * flag_code,severity,record_id,source,wing,xen_id,registered,disposed,evidence,
 * review (the stored review of VERIFY.md, empty when none);
 * every record-level flag and every officer-level flag stored (of every report
 * day; the evidence names the report day). record_id, source, registered and
 * disposed are empty for officer-level flags; times in ISO 8601 with tz's
 * offset. Rows sorted by flag_code, record_id, xen_id (byte order), then
 * source, report_day, evidence. */
nv_err flags_write_register(sqlite3 *db, const char *out_dir, const nv_tz *tz, nv_errbuf *eb);

/* ---- Shared by src/flags*.c (usable by renderers; not needed to use the
 * module). ---- */

/* The zone of the database: meta 'timezone' parsed by nvt_tz_parse, or
 * Asia/Kolkata when absent. NV_ERR_CONFIG when it does not parse. */
nv_err flags_db_tz(sqlite3 *db, nv_tz *out, nv_errbuf *eb);

/* Local time of t in tz as "YYYY-MM-DD HH:MM" (":SS" appended when the
 * seconds are not zero); buf at least 32 bytes. */
void flags_fmt_time(const nv_tz *tz, int64_t t, char *buf);

/* A duration of |s| seconds for evidence, seconds dropped from an hour up:
 * "14 min", "14 min 59 s", "1 h", "2 h 05 min", "3 d", "3 d 4 h"; buf at least
 * 48 bytes. */
void flags_fmt_duration(int64_t s, char *buf);

/* Masks a mobile for evidence: first two and last two characters kept, the
 * rest 'X' ("9876543221" -> "98XXXXXX21"); buf at least 32 bytes. */
void flags_mask_mobile(const char *mobile, char *buf);

/* Binds value to the named parameter (":span") of st; NV_ERR_INTERNAL when
 * the statement has no such parameter, NV_ERR_DB when binding fails. */
nv_err flags_bind_i64(sqlite3_stmt *st, const char *name, int64_t v, nv_errbuf *eb);
nv_err flags_bind_text(sqlite3_stmt *st, const char *name, const char *v, nv_errbuf *eb);

/* Inserts one flag with the prepared statement of queries/flag_insert.sql
 * (reset after use). rec < 0 stores NULL; report_day NULL stores NULL. */
nv_err flags_store(sqlite3 *db, sqlite3_stmt *ins, nv_flag_code code, const nv_flag_cfg *cfg,
                   int64_t rec, const char *report_day, const char *wing, const char *xen_id,
                   const char *evidence, nv_errbuf *eb);

/* The full pass's BULK_CLOSE, TOUT_PHONE, QUEUE_JUMP and REPEAT_AFTER_CLOSE
 * over every record (src/compute/flags_sweep.c): each rule reads its records ordered
 * by its neighbour key and time (queries/flag_full_*_rows.sql) and works
 * through one key at a time; each record flagged goes to temp.flag_hit
 * (created by queries/flag_setup.sql) with the figures of its evidence, which
 * queries/flag_full_<rule>.sql return in the columns of the rule's
 * per-record query. Stores no flag itself. Memory: the records of the
 * largest key (login, mobile, queue, account and category). NV_ERR_DB,
 * NV_ERR_NOMEM. */
nv_err flags_sweep_all(sqlite3 *db, const nv_flag_cfg *cfg, nv_errbuf *eb);

/* SAVEPOINT name / RELEASE name / ROLLBACK TO name + RELEASE. */
nv_err flags_savepoint(sqlite3 *db, const char *name, nv_errbuf *eb);
nv_err flags_release(sqlite3 *db, const char *name, nv_errbuf *eb);
void flags_rollback_to(sqlite3 *db, const char *name);

#endif
