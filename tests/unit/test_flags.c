/* test_flags.c — the risk-flag rules of FLAGS.md, each just above and just
 * below its threshold on hand-written fixtures, the TIME_ANOMALY exclusion,
 * the officer-level Tukey fences (quartiles worked out by hand, numpy type 7,
 * in the comments), incremental == full, and the register's bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "nivaran/compute/flags.h"
#include "nivaran/core/report.h"
#include "nivaran/store/queries.h"

#define MIN 60
#define H 3600
#define DAY 86400

static nv_flag_cfg load_cfg(void)
{
    nv_flag_cfg c;
    nv_errbuf eb;
    nv_err e = flags_load_cfg("templates", &c, &eb);
    if (e) fprintf(stderr, "flags_load_cfg: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    return c;
}

static void update(sqlite3 *db, const nv_flag_cfg *c)
{
    nv_errbuf eb;
    nv_err e = flags_update_records(db, c, NULL, &eb);
    if (e) fprintf(stderr, "flags_update_records: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

static void add(sqlite3 *db, fx_rec r)
{
    assert_int_equal(fx_add(db, &r), 0);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fprintf(stderr, "%s\n", msg);
    assert_null(msg);
}

/* Record ids carrying flag code, sorted, joined by spaces (into buf). */
static const char *flagged(sqlite3 *db, const char *code, char *buf, size_t n)
{
    sqlite3_stmt *st = NULL;
    buf[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT r.record_id FROM flag f JOIN record r ON r.rec = "
                                        "f.rec WHERE f.flag_code = ?1 ORDER BY r.record_id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, "%s%s", k ? " " : "", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return buf;
}

#define EXPECT_FLAGGED(db, code, ids)                                                              \
    do {                                                                                           \
        char b_[4096];                                                                             \
        assert_string_equal(flagged(db, code, b_, sizeof b_), ids);                                \
    } while (0)

/* The evidence of the flag code on record_id ("" when none). */
static const char *evidence(sqlite3 *db, const char *code, const char *rid, char *buf, size_t n)
{
    sqlite3_stmt *st = NULL;
    buf[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT f.evidence FROM flag f LEFT JOIN record r ON r.rec "
                                        "= f.rec WHERE f.flag_code = ?1 AND (r.record_id = ?2 OR "
                                        "(f.rec IS NULL AND f.xen_id = ?2))",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rid, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

#define EXPECT_EVIDENCE(db, code, rid, text)                                                       \
    do {                                                                                           \
        char b_[1024];                                                                             \
        assert_string_equal(evidence(db, code, rid, b_, sizeof b_), text);                         \
    } while (0)

static int64_t scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The records the next pass takes as stale (the first column of
 * queries/flag_counts.sql, the pass's own count). */
static int64_t stale_count(sqlite3 *db)
{
    return scalar(db, queries_get("flag_counts"));
}

/* Marks a record as a load would that applies a new version of it: a
 * load_id above every stored one. */
#define NEW_LOAD "load_id = (SELECT max(load_id) + 1 FROM record)"

/* ---- the template ---- */

static void test_cfg_defaults(void **state)
{
    (void)state;
    nv_flag_cfg c = load_cfg();
    /* FLAGS.md's defaults, read back from templates/flags.ini */
    assert_int_equal(c.severity[FLAG_TIME_ANOMALY], FLAG_SEV_HIGH);
    assert_int_equal(c.severity[FLAG_BULK_CLOSE], FLAG_SEV_HIGH);
    assert_int_equal(c.severity[FLAG_TOUT_PHONE], FLAG_SEV_HIGH);
    assert_int_equal(c.severity[FLAG_QUEUE_JUMP], FLAG_SEV_HIGH);
    assert_int_equal(c.severity[FLAG_FAST_CLOSE], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_REPEAT_AFTER_CLOSE], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_DEADLINE_HUG], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_UNVERIFIED_CLOSE], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_FAST_CLOSE_RATE], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_REPEAT_RATE], FLAG_SEV_MEDIUM);
    assert_int_equal(c.severity[FLAG_HIGH_REJECTION], FLAG_SEV_LOW);
    assert_int_equal(c.severity[FLAG_DISSATISFIED], FLAG_SEV_LOW);
    const char *cats[] = {"TRANSFORMER", "LINE_BREAKDOWN", "METER",
                          "SMART_METER", "NEW_CONNECTION", "INDUSTRIAL_CONNECTION"};
    const int64_t mins[] = {60, 20, 30, 30, 240, 240};
    assert_int_equal(c.n_min, 6);
    for (int i = 0; i < 6; i++) {
        int found = 0;
        for (int j = 0; j < c.n_min; j++)
            if (strcmp(c.min_time[j].category, cats[i]) == 0) {
                assert_int_equal(c.min_time[j].min_s, mins[i] * MIN);
                found = 1;
            }
        assert_true(found);
    }
    assert_int_equal(c.bulk_min_records, 10);
    assert_int_equal(c.bulk_span_s, 15 * MIN);
    assert_int_equal(c.bulk_min_subdivisions, 3);
    assert_int_equal(c.tout_window_s, 30 * DAY);
    assert_int_equal(c.tout_min_accounts, 4);
    assert_int_equal(c.queue_head_start_s, 48 * H);
    assert_int_equal(c.queue_min_queued, 3);
    assert_int_equal(c.repeat_window_s, 72 * H);
    assert_int_equal(c.officer_window_days, 30);
    assert_int_equal(c.officer_min_resolved, 20);
    assert_int_equal(c.officer_min_numerator, 3);
    assert_true(c.officer_tukey_k == 1.5);
    assert_int_equal(c.deadline_hug_s, H);
    assert_true(c.full_pass_fraction == 0.25);
    assert_int_equal(c.chunk_records, 100000);
    assert_int_equal(strlen(c.sha256), 64);
    assert_string_equal(c.path, "templates/flags.ini");
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_cfg_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv_flags_cfgXXXXXX", path[256];
    nv_flag_cfg c;
    nv_errbuf eb;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/flags.ini", dir);
    /* missing file */
    assert_int_equal(flags_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "flags.ini"));
    /* unknown key on line 3 */
    write_file(path, "[bulk_close]\nmin_records = 12\nmin_recrods = 3\n");
    assert_int_equal(flags_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "line 3"));
    assert_non_null(strstr(eb.msg, "min_recrods"));
    /* bad severity, bad number */
    write_file(path, "[severity]\nBULK_CLOSE = URGENT\n");
    assert_int_equal(flags_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "line 2"));
    write_file(path, "[officer]\ntukey_k = abc\n");
    assert_int_equal(flags_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    /* a valid override: a new category and a changed threshold */
    write_file(path, "[fast_close]\nSAFETY = 5\n[bulk_close]\nmin_records = 12\n");
    assert_int_equal(flags_load_cfg(dir, &c, &eb), NV_OK);
    assert_int_equal(c.bulk_min_records, 12);
    assert_int_equal(c.n_min, 7);
    assert_string_equal(c.min_time[6].category, "SAFETY");
    assert_int_equal(c.min_time[6].min_s, 5 * MIN);
    unlink(path);
    rmdir(dir);
}

/* ---- TIME_ANOMALY and FAST_CLOSE ---- */

static void test_time_anomaly_fast_close(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    nv_flag_cfg c = load_cfg();
    int64_t t = fx_ist(2024, 12, 3, 10, 0);
    /* disposed 2 h 30 min before registration */
    add(db, (fx_rec){.record_id = "TA1",
                     .category = "TRANSFORMER",
                     .status = "RESOLVED",
                     .registered = t + 150 * MIN,
                     .disposed = t,
                     .has_disposed = 1});
    /* TRANSFORMER: 59 min 59 s flagged, 60 min not */
    add(db, (fx_rec){.record_id = "FC1",
                     .category = "TRANSFORMER",
                     .status = "RESOLVED",
                     .wing = "TECHNICAL",
                     .xen_id = "XEN-T01",
                     .registered = t,
                     .disposed = t + 60 * MIN - 1,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC2",
                     .category = "TRANSFORMER",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 60 * MIN,
                     .has_disposed = 1});
    /* LINE_BREAKDOWN 19 min vs 20 min; METER 29 vs 30; NEW_CONNECTION 239 vs 240 */
    add(db, (fx_rec){.record_id = "FC3",
                     .category = "LINE_BREAKDOWN",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 19 * MIN,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC4",
                     .category = "LINE_BREAKDOWN",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 20 * MIN,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC5",
                     .category = "SMART_METER",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 29 * MIN,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC6",
                     .category = "METER",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 30 * MIN,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC7",
                     .category = "INDUSTRIAL_CONNECTION",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 239 * MIN,
                     .has_disposed = 1,
                     .is_application = 1,
                     .source = "NIVESH_MITRA"});
    add(db, (fx_rec){.record_id = "FC8",
                     .category = "NEW_CONNECTION",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 240 * MIN,
                     .has_disposed = 1});
    /* no minimum for NO_SUPPLY; a rejection is not a resolution */
    add(db, (fx_rec){.record_id = "FC9",
                     .category = "NO_SUPPLY",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 1 * MIN,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "FC10",
                     .category = "TRANSFORMER",
                     .status = "REJECTED",
                     .registered = t,
                     .disposed = t + 1 * MIN,
                     .has_disposed = 1});
    update(db, &c);
    EXPECT_FLAGGED(db, "TIME_ANOMALY", "TA1");
    /* TA1 (TRANSFORMER, "resolved" -150 min) takes part in no other rule */
    EXPECT_FLAGGED(db, "FAST_CLOSE", "FC1 FC3 FC5 FC7");
    EXPECT_EVIDENCE(db, "TIME_ANOMALY", "TA1",
                    "disposed 2024-12-03 10:00, 2 h 30 min before its registration "
                    "2024-12-03 12:30");
    EXPECT_EVIDENCE(db, "FAST_CLOSE", "FC1",
                    "resolved 59 min 59 s after registration (2024-12-03 10:00 to "
                    "2024-12-03 10:59:59); minimum plausible for TRANSFORMER is 1 h");
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE flag_code = 'FAST_CLOSE' "
                                "AND severity = 'MEDIUM' AND wing = 'TECHNICAL' "
                                "AND xen_id = 'XEN-T01'"),
                     1);
    assert_int_equal(stale_count(db), 0);
    db_close(db);
}

/* ---- BULK_CLOSE ---- */

/* n resolutions by login at t0 + i*step (the last at t0 + last_at when
 * last_at >= 0), subdivisions cycling over nsub names; ids PREFIX01.. */
static void bulk(sqlite3 *db, const char *prefix, const char *login, int n, int64_t t0,
                 int64_t step, int64_t last_at, int nsub)
{
    static const char *subs[] = {"Kidwai Nagar", "Govind Nagar", "Kalyanpur", "Panki"};
    for (int i = 0; i < n; i++) {
        char *id = malloc(32);
        snprintf(id, 32, "%s%02d", prefix, i + 1);
        int64_t d = (i == n - 1 && last_at >= 0) ? t0 + last_at : t0 + i * step;
        add(db, (fx_rec){.record_id = id,
                         .category = "NO_SUPPLY",
                         .status = "RESOLVED",
                         .subdivision = subs[i % nsub],
                         .closed_by = login,
                         .registered = d - 5 * H,
                         .disposed = d,
                         .has_disposed = 1});
        /* fx_add binds statically and has run: the id may go */
        free(id);
    }
}

/* The fixture of test_bulk_close() and what it must flag, under c; after a
 * first pass over no record when incremental (a database's first pass is a
 * full one whatever the share of stale records). */
static void bulk_close_case(const nv_flag_cfg *cp, int incremental)
{
    nv_flag_cfg c = *cp;
    sqlite3 *db = fx_db();
    int64_t t = fx_ist(2024, 12, 3, 2, 10);
    if (incremental) update(db, &c);
    bulk(db, "A", "JE_A", 10, t, 60, 15 * MIN, 3);     /* 10 in exactly 15 min, 3 subs: yes */
    bulk(db, "B", "JE_B", 9, t, 60, -1, 3);            /* 9 records: no */
    bulk(db, "C", "JE_C", 10, t, 60, 15 * MIN + 1, 3); /* span 15 min 1 s: no */
    bulk(db, "D", "JE_D", 10, t, 60, -1, 2);           /* 2 subdivisions: no */
    bulk(db, "E", NULL, 10, t, 60, -1, 3);             /* Nivesh Mitra, no login: no */
    /* F: 10 within 9 min plus an 11th 30 min later (not in any such span) */
    bulk(db, "F", "JE_F", 10, t, 60, -1, 4);
    add(db, (fx_rec){.record_id = "F11",
                     .category = "NO_SUPPLY",
                     .status = "RESOLVED",
                     .subdivision = "Panki",
                     .closed_by = "JE_F",
                     .registered = t,
                     .disposed = t + 30 * MIN,
                     .has_disposed = 1});
    /* G: 9 valid + 1 TIME_ANOMALY in the span: not 10 */
    bulk(db, "G", "JE_G", 9, t, 60, -1, 3);
    add(db, (fx_rec){.record_id = "G10",
                     .category = "NO_SUPPLY",
                     .status = "RESOLVED",
                     .subdivision = "Panki",
                     .closed_by = "JE_G",
                     .registered = t + H,
                     .disposed = t + 5 * MIN,
                     .has_disposed = 1});
    /* H: 10 in two subdivisions from t + 1 min to t + 15 min, and H11 in a
     * third at t: H10's one window [t, t + 15 min] takes H11 at the span's
     * very edge (the subdivisions counted around a record reach that far) */
    bulk(db, "H", "JE_H", 10, t + MIN, MIN, 14 * MIN, 2);
    add(db, (fx_rec){.record_id = "H11",
                     .category = "NO_SUPPLY",
                     .status = "RESOLVED",
                     .subdivision = "Panki",
                     .closed_by = "JE_H",
                     .registered = t - 5 * H,
                     .disposed = t,
                     .has_disposed = 1});
    update(db, &c);
    EXPECT_FLAGGED(db, "BULK_CLOSE",
                   "A01 A02 A03 A04 A05 A06 A07 A08 A09 A10 "
                   "F01 F02 F03 F04 F05 F06 F07 F08 F09 F10 "
                   "H01 H02 H03 H04 H05 H06 H07 H08 H09 H10 H11");
    EXPECT_FLAGGED(db, "TIME_ANOMALY", "G10");
    EXPECT_EVIDENCE(db, "BULK_CLOSE", "A05",
                    "login JE_A closed 10 records in 15 min across 3 subdivisions, "
                    "02:10\u201302:25 on 2024-12-03");
    EXPECT_EVIDENCE(db, "BULK_CLOSE", "F10",
                    "login JE_F closed 10 records in 9 min across 4 subdivisions, "
                    "02:10\u201302:19 on 2024-12-03");
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE flag_code = 'BULK_CLOSE' "
                                "AND severity <> 'HIGH'"),
                     0);
    db_close(db);
}

/* BULK_CLOSE by the full pass (the sweep, flags_sweep.c) and by the
 * incremental rule over every record (flag_rule_bulk_close.sql), in chunks:
 * the same flags. */
static void test_bulk_close(void **state)
{
    (void)state;
    nv_flag_cfg c = load_cfg();
    bulk_close_case(&c, 0);
    c.full_pass_fraction = 2;
    c.chunk_records = 7;
    bulk_close_case(&c, 1);
}

/* ---- TOUT_PHONE ---- */

static void tout(sqlite3 *db, const char *id, const char *mobile, const char *account, int64_t reg)
{
    add(db, (fx_rec){.record_id = id,
                     .category = "BILLING",
                     .mobile = mobile,
                     .account = account,
                     .registered = reg});
}

static void test_tout_phone(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    nv_flag_cfg c = load_cfg();
    int64_t t = fx_ist(2024, 11, 1, 9, 0);
    /* M1: 4 accounts at 0, 10, 20, 30 days: every window holds all 4 */
    tout(db, "M1a", "9876500001", "1000000001", t);
    tout(db, "M1b", "9876500001", "1000000002", t + 10 * DAY);
    tout(db, "M1c", "9876500001", "1000000003", t + 20 * DAY);
    tout(db, "M1d", "9876500001", "1000000004", t + 30 * DAY);
    /* M2: the 4th at 30 days + 1 s: a's window [t-30d, t+30d] holds 3 accounts,
     * d's [t+1s, ..] holds b, c, d = 3; b's and c's hold all 4 */
    tout(db, "M2a", "9876500002", "2000000001", t);
    tout(db, "M2b", "9876500002", "2000000002", t + 10 * DAY);
    tout(db, "M2c", "9876500002", "2000000003", t + 20 * DAY);
    tout(db, "M2d", "9876500002", "2000000004", t + 30 * DAY + 1);
    /* M3: 5 records but 3 accounts */
    tout(db, "M3a", "9876500003", "3000000001", t);
    tout(db, "M3b", "9876500003", "3000000002", t + DAY);
    tout(db, "M3c", "9876500003", "3000000003", t + 2 * DAY);
    tout(db, "M3d", "9876500003", "3000000003", t + 3 * DAY);
    tout(db, "M3e", "9876500003", "3000000001", t + 4 * DAY);
    /* M4: 2 accounts + 2 records without account = 4 */
    tout(db, "M4a", "9876500004", "4000000001", t);
    tout(db, "M4b", "9876500004", "4000000002", t + DAY);
    tout(db, "M4c", "9876500004", NULL, t + 2 * DAY);
    tout(db, "M4d", "9876500004", NULL, t + 3 * DAY);
    /* M5: 3 accounts + a TIME_ANOMALY record of a 4th: not 4 */
    tout(db, "M5a", "9876500005", "5000000001", t);
    tout(db, "M5b", "9876500005", "5000000002", t + DAY);
    tout(db, "M5c", "9876500005", "5000000003", t + 2 * DAY);
    add(db, (fx_rec){.record_id = "M5d",
                     .category = "BILLING",
                     .mobile = "9876500005",
                     .account = "5000000004",
                     .status = "RESOLVED",
                     .registered = t + 3 * DAY,
                     .disposed = t + 2 * DAY,
                     .has_disposed = 1});
    update(db, &c);
    EXPECT_FLAGGED(db, "TOUT_PHONE", "M1a M1b M1c M1d M2b M2c M4a M4b M4c M4d");
    EXPECT_FLAGGED(db, "TIME_ANOMALY", "M5d");
    EXPECT_EVIDENCE(db, "TOUT_PHONE", "M2b",
                    "mobile 98XXXXXX02 is on 4 records of 4 accounts registered "
                    "2024-11-01 09:00 to 2024-12-01 09:00:01, within 30 days of this one: "
                    "M2a M2b M2c M2d");
    db_close(db);
}

/* ---- QUEUE_JUMP ---- */

static void app(sqlite3 *db, const char *id, const char *sub, int64_t reg, int64_t disp,
                int disposed)
{
    add(db, (fx_rec){.record_id = id,
                     .source = "JHATPAT",
                     .is_application = 1,
                     .category = "NEW_CONNECTION",
                     .wing = "PROJECT",
                     .xen_id = "XEN-P01",
                     .subdivision = sub,
                     .status = disposed ? "RESOLVED" : "OPEN",
                     .registered = reg,
                     .disposed = disp,
                     .has_disposed = disposed});
}

static void test_queue_jump(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    nv_flag_cfg c = load_cfg();
    int64_t t = fx_ist(2024, 12, 10, 11, 0); /* the jumpers' registration */
    /* Queue "Panki": 3 open, registered exactly 48 h before t */
    app(db, "P1", "Panki", t - 48 * H, 0, 0);
    app(db, "P2", "Panki", t - 48 * H - DAY, 0, 0);
    app(db, "P3", "Panki", t - 48 * H - 2 * DAY, 0, 0);
    app(db, "PJ", "Panki", t, t + 2 * H, 1); /* jumps 3: flagged */
    /* Queue "Kalyanpur": the 3rd registered 48 h - 1 s before: only 2 */
    app(db, "K1", "Kalyanpur", t - 48 * H, 0, 0);
    app(db, "K2", "Kalyanpur", t - 3 * DAY, 0, 0);
    app(db, "K3", "Kalyanpur", t - 48 * H + 1, 0, 0);
    app(db, "KJ", "Kalyanpur", t, t + 2 * H, 1);
    /* Queue "Govind Nagar": 3 early ones, one disposed exactly at the jump
     * (not undisposed at t), one later (still pending at t): 2 */
    app(db, "G1", "Govind Nagar", t - 5 * DAY, t + 2 * H, 1);
    app(db, "G2", "Govind Nagar", t - 5 * DAY, t + 2 * H + 1, 1);
    app(db, "G3", "Govind Nagar", t - 5 * DAY, 0, 0);
    app(db, "GJ", "Govind Nagar", t, t + 2 * H, 1);
    /* Queue "Naubasta": 2 pending + 1 TIME_ANOMALY + a complaint: 2 */
    app(db, "N1", "Naubasta", t - 5 * DAY, 0, 0);
    app(db, "N2", "Naubasta", t - 5 * DAY, 0, 0);
    add(db, (fx_rec){.record_id = "N3",
                     .source = "JHATPAT",
                     .is_application = 1,
                     .category = "NEW_CONNECTION",
                     .subdivision = "Naubasta",
                     .status = "RESOLVED",
                     .registered = t - 5 * DAY,
                     .disposed = t - 6 * DAY,
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "N4",
                     .category = "NEW_CONNECTION",
                     .subdivision = "Naubasta",
                     .registered = t - 5 * DAY});
    app(db, "NJ", "Naubasta", t, t + 2 * H, 1);
    update(db, &c);
    /* G1 jumps nobody registered 48 h before it; P1..P3 are open */
    EXPECT_FLAGGED(db, "QUEUE_JUMP", "PJ");
    EXPECT_FLAGGED(db, "TIME_ANOMALY", "N3");
    EXPECT_EVIDENCE(db, "QUEUE_JUMP", "PJ",
                    "resolved 2024-12-10 13:00 while 3 NEW_CONNECTION applications of "
                    "subdivision Panki registered at least 48 h before it were pending "
                    "(oldest registered 2024-12-06 11:00): P3 P2 P1");
    /* Night 2: a 3rd pending application joins Govind Nagar's queue (G2, G3,
     * G4): GJ, a neighbour of the new record, is now flagged. */
    app(db, "G4", "Govind Nagar", t - 4 * DAY, 0, 0);
    update(db, &c);
    EXPECT_FLAGGED(db, "QUEUE_JUMP", "GJ PJ");
    db_close(db);
}

/* ---- REPEAT_AFTER_CLOSE ---- */

static void cmp(sqlite3 *db, const char *id, const char *acc, const char *cat, int64_t reg,
                int64_t disp, int disposed)
{
    add(db, (fx_rec){.record_id = id,
                     .account = acc,
                     .category = cat,
                     .status = disposed ? "RESOLVED" : "OPEN",
                     .registered = reg,
                     .disposed = disp,
                     .has_disposed = disposed});
}

static void test_repeat_after_close(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    nv_flag_cfg c = load_cfg();
    int64_t t = fx_ist(2024, 12, 1, 8, 0);
    /* R1 resolved at t+2h; next at exactly 72 h after: flagged */
    cmp(db, "R1", "7000000001", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "R1n", "7000000001", "NO_SUPPLY", t + 2 * H + 72 * H, 0, 0);
    /* R2: next at 72 h + 1 s: no */
    cmp(db, "R2", "7000000002", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "R2n", "7000000002", "NO_SUPPLY", t + 2 * H + 72 * H + 1, 0, 0);
    /* R3: next at the resolution instant: flagged (and R3n itself is open) */
    cmp(db, "R3", "7000000003", "VOLTAGE", t, t + 2 * H, 1);
    cmp(db, "R3n", "7000000003", "VOLTAGE", t + 2 * H, 0, 0);
    /* R4: next registered 1 s before the resolution: no */
    cmp(db, "R4", "7000000004", "VOLTAGE", t, t + 2 * H, 1);
    cmp(db, "R4n", "7000000004", "VOLTAGE", t + 2 * H - 1, 0, 0);
    /* R5: other category; R6: an application of the same account */
    cmp(db, "R5", "7000000005", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "R5n", "7000000005", "VOLTAGE", t + 3 * H, 0, 0);
    cmp(db, "R6", "7000000006", "NEW_CONNECTION", t, t + 2 * H, 1);
    add(db, (fx_rec){.record_id = "R6n",
                     .source = "JHATPAT",
                     .is_application = 1,
                     .account = "7000000006",
                     .category = "NEW_CONNECTION",
                     .registered = t + 3 * H});
    /* R7: the later one is a TIME_ANOMALY: no */
    cmp(db, "R7", "7000000007", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "R7n", "7000000007", "NO_SUPPLY", t + 4 * H, t + 3 * H, 1);
    /* R8: rejected, not resolved: no */
    add(db, (fx_rec){.record_id = "R8",
                     .account = "7000000008",
                     .category = "NO_SUPPLY",
                     .status = "REJECTED",
                     .registered = t,
                     .disposed = t + H,
                     .has_disposed = 1});
    cmp(db, "R8n", "7000000008", "NO_SUPPLY", t + 2 * H, 0, 0);
    update(db, &c);
    EXPECT_FLAGGED(db, "REPEAT_AFTER_CLOSE", "R1 R3");
    EXPECT_FLAGGED(db, "TIME_ANOMALY", "R7n");
    EXPECT_EVIDENCE(db, "REPEAT_AFTER_CLOSE", "R1",
                    "resolved 2024-12-01 10:00; the same account's next NO_SUPPLY complaint "
                    "R1n was registered 2024-12-04 10:00, 3 d later");
    db_close(db);
}

/* ---- incremental == full ---- */

/* Every flag as "code|source|record_id|severity|wing|xen|evidence" lines. */
static char *dump_flags(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(cap, 1);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT f.flag_code || '|' || r.source || '|' || r.record_id || '|' "
                           "|| f.severity || '|' || f.wing || '|' || f.xen_id || '|' || "
                           "f.evidence FROM flag f JOIN record r ON r.rec = f.rec ORDER BY 1",
                           -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        size_t n = strlen(s);
        if (len + n + 2 > cap) out = realloc(out, cap *= 2);
        memcpy(out + len, s, n);
        len += n;
        out[len++] = '\n';
        out[len] = 0;
    }
    sqlite3_finalize(st);
    return out;
}

/* The night-1 state: patterns of every rule. */
static void night1(sqlite3 *db, int64_t t)
{
    bulk(db, "B", "JE_X", 12, t, 60, -1, 3);
    tout(db, "T1", "9000000001", "1", t);
    tout(db, "T2", "9000000001", "2", t + DAY);
    tout(db, "T3", "9000000001", "3", t + 2 * DAY);
    tout(db, "T4", "9000000001", "4", t + 3 * DAY);
    tout(db, "U1", "9000000002", "1", t);
    tout(db, "U2", "9000000002", "2", t + DAY);
    tout(db, "U3", "9000000002", "3", t + 2 * DAY);
    app(db, "Q1", "Panki", t - 5 * DAY, 0, 0);
    app(db, "Q2", "Panki", t - 5 * DAY, 0, 0);
    app(db, "Q3", "Panki", t - 5 * DAY, 0, 0);
    app(db, "QJ", "Panki", t, t + H, 1);
    app(db, "QK", "Panki", t, t + 3 * H, 1);
    cmp(db, "S1", "8000000001", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "S1n", "8000000001", "NO_SUPPLY", t + 5 * H, 0, 0);
    cmp(db, "S2", "8000000002", "NO_SUPPLY", t, t + 2 * H, 1);
}

/* Night 2's loads, as the loader would apply them (NEW_LOAD). */
static void night2(sqlite3 *db, int64_t t, int as_update)
{
    char sql[1024];
    /* B01 and B03 reopened (their login cleared): 10 left, still a bulk
     * close; B05's resolution moves 2 h later: 9 left, none flagged. Only the
     * keys these records had at the last pass lead to B02..B12. */
    snprintf(sql, sizeof sql,
             "UPDATE record SET status = 'OPEN', disposed = NULL, closed_by = NULL, " NEW_LOAD
             " WHERE record_id IN ('B01', 'B03');"
             "UPDATE record SET disposed = disposed + 7200, " NEW_LOAD " "
             "WHERE record_id = 'B05';"
             /* T4's mobile corrected: T1..T3 lose their 4th account */
             "UPDATE record SET mobile = '9000000009', " NEW_LOAD " WHERE record_id = 'T4';"
             /* Q2 is resolved 30 min after QJ, before QK: QK now sees 2 queued */
             "UPDATE record SET status = 'RESOLVED', disposed = %lld, " NEW_LOAD " "
             "WHERE record_id = 'Q2';",
             (long long)(t + H + 30 * MIN));
    if (as_update) exec(db, sql);
    /* new records: U's 4th account; S2's repeat */
    tout(db, "U4", "9000000002", "4", t + 3 * DAY);
    cmp(db, "S2n", "8000000002", "NO_SUPPLY", t + 50 * H, 0, 0);
}

/* The incremental cases' start: the template's configuration never running
 * the full pass (into *c), and a database past its first pass (a full one,
 * over no record). */
static sqlite3 *incr_db(nv_flag_cfg *c)
{
    *c = load_cfg();
    c->full_pass_fraction = 2;
    sqlite3 *db = fx_db();
    update(db, c);
    return db;
}

/* QUEUE_JUMP, incremental: an application whose subdivision is first
 * unknown (no subdivision_key), then found, joins its queue; the resolution
 * that jumped it is found by its new keys alone, its old ones being NULL.
 * Then the same the other way: the subdivision lost again. */
static void test_queue_subdivision_found(void **state)
{
    (void)state;
    nv_flag_cfg c;
    sqlite3 *db = incr_db(&c);
    int64_t t = fx_ist(2024, 12, 10, 10, 0);
    app(db, "P1", "Panki", t - 5 * DAY, 0, 0);
    app(db, "P2", "Panki", t - 5 * DAY + H, 0, 0);
    app(db, "PX", NULL, t - 5 * DAY + 2 * H, 0, 0);
    app(db, "PJ", "Panki", t, t + H, 1);
    update(db, &c);
    EXPECT_FLAGGED(db, "QUEUE_JUMP", ""); /* two queued: PX is in no queue */
    exec(db, "UPDATE record SET subdivision = 'Panki', subdivision_key = 'panki', " NEW_LOAD " "
             "WHERE record_id = 'PX'");
    update(db, &c);
    EXPECT_FLAGGED(db, "QUEUE_JUMP", "PJ");
    exec(db, "UPDATE record SET subdivision = NULL, subdivision_key = NULL, " NEW_LOAD " "
             "WHERE record_id = 'PX'");
    update(db, &c);
    EXPECT_FLAGGED(db, "QUEUE_JUMP", "");
    db_close(db);
}

/* BULK_CLOSE, incremental: records that leave a login's window in one
 * night. Worked by hand: ten closings of JE_G a minute apart in three
 * subdivisions, all flagged; G01 and G02 reopened (login cleared) in one
 * night: eight left, none flagged (an affected set bounded by the closings
 * left plus one for the record itself keeps them flagged: tried, and
 * caught here); G01 closed again as before: nine, none; G02 too: ten, all
 * flagged. */
static void test_bulk_leave_together(void **state)
{
    (void)state;
    nv_flag_cfg c;
    sqlite3 *db = incr_db(&c);
    int64_t t = fx_ist(2024, 12, 3, 2, 10);
    bulk(db, "G", "JE_G", 10, t, 60, -1, 3);
    update(db, &c);
    EXPECT_FLAGGED(db, "BULK_CLOSE", "G01 G02 G03 G04 G05 G06 G07 G08 G09 G10");
    exec(db, "UPDATE record SET status = 'OPEN', disposed = NULL, closed_by = NULL, " NEW_LOAD
             " WHERE record_id IN ('G01', 'G02')");
    update(db, &c);
    EXPECT_FLAGGED(db, "BULK_CLOSE", "");
    exec(db, "UPDATE record SET status = 'RESOLVED', disposed = registered + 5 * 3600, "
             "closed_by = 'JE_G', " NEW_LOAD " WHERE record_id = 'G01'");
    update(db, &c);
    EXPECT_FLAGGED(db, "BULK_CLOSE", "");
    exec(db, "UPDATE record SET status = 'RESOLVED', disposed = registered + 5 * 3600, "
             "closed_by = 'JE_G', " NEW_LOAD " WHERE record_id = 'G02'");
    update(db, &c);
    EXPECT_FLAGGED(db, "BULK_CLOSE", "G01 G02 G03 G04 G05 G06 G07 G08 G09 G10");
    db_close(db);
}

/* TOUT_PHONE and REPEAT_AFTER_CLOSE, incremental: a neighbour whose mobile
 * (TOUT) or account (REPEAT) stays the same but whose account, category,
 * registration or time anomaly changes still changes the records it counted
 * for (flag_aff_mobile.sql, flag_aff_account.sql skip only neighbours whose
 * every field the rule reads stayed the same). Worked by hand; each step is
 * one night's change to one record, then the flagged records of one rule. */
static void test_neighbour_fields(void **state)
{
    (void)state;
    static const struct {
        const char *sql, *code, *flagged;
    } steps[] = {
        /* M1d's account corrected to M1c's: three accounts, none flagged */
        {"UPDATE record SET account = '1000000003' WHERE record_id = 'M1d'", "TOUT_PHONE", ""},
        {"UPDATE record SET account = '1000000004' WHERE record_id = 'M1d'", "TOUT_PHONE",
         "M1a M1b M1c M1d"},
        /* registered 1 s later: a's window [t-30d, t+30d] and d's
         * [t+10d+1s, ..] hold three accounts, b's and c's all four (M2) */
        {"UPDATE record SET registered = registered + 1 WHERE record_id = 'M1d'", "TOUT_PHONE",
         "M1b M1c"},
        {"UPDATE record SET registered = registered - 1 WHERE record_id = 'M1d'", "TOUT_PHONE",
         "M1a M1b M1c M1d"},
        /* M1d's mobile corrected: the other three, none flagged */
        {"UPDATE record SET mobile = '9876500009' WHERE record_id = 'M1d'", "TOUT_PHONE", ""},
        {"UPDATE record SET mobile = '9876500001' WHERE record_id = 'M1d'", "TOUT_PHONE",
         "M1a M1b M1c M1d"},
        /* resolved an hour before its registration: a time anomaly does not
         * count: three accounts */
        {"UPDATE record SET status = 'RESOLVED', disposed = registered - 3600, time_anomaly = 1 "
         "WHERE record_id = 'M1d'",
         "TOUT_PHONE", ""},
        /* S1n's account corrected: no repeat of S1's account */
        {"UPDATE record SET account = '8000000009' WHERE record_id = 'S1n'", "REPEAT_AFTER_CLOSE",
         ""},
        {"UPDATE record SET account = '8000000001' WHERE record_id = 'S1n'", "REPEAT_AFTER_CLOSE",
         "S1"},
        /* S1n recategorised: no repeat of S1's category */
        {"UPDATE record SET category = 'BILLING' WHERE record_id = 'S1n'", "REPEAT_AFTER_CLOSE",
         ""},
        {"UPDATE record SET category = 'NO_SUPPLY' WHERE record_id = 'S1n'", "REPEAT_AFTER_CLOSE",
         "S1"},
        /* registered 73 h after S1's resolution: outside 72 h */
        {"UPDATE record SET registered = registered + 70 * 3600 WHERE record_id = 'S1n'",
         "REPEAT_AFTER_CLOSE", ""},
        {"UPDATE record SET registered = registered - 70 * 3600 WHERE record_id = 'S1n'",
         "REPEAT_AFTER_CLOSE", "S1"},
        /* a time anomaly: it does not count */
        {"UPDATE record SET status = 'RESOLVED', disposed = registered - 3600, time_anomaly = 1 "
         "WHERE record_id = 'S1n'",
         "REPEAT_AFTER_CLOSE", ""},
    };
    nv_flag_cfg c;
    sqlite3 *db = incr_db(&c);
    int64_t t = fx_ist(2024, 11, 1, 9, 0);
    /* four accounts at 0, 10, 20, 30 days (test_tout_phone's M1) */
    tout(db, "M1a", "9876500001", "1000000001", t);
    tout(db, "M1b", "9876500001", "1000000002", t + 10 * DAY);
    tout(db, "M1c", "9876500001", "1000000003", t + 20 * DAY);
    tout(db, "M1d", "9876500001", "1000000004", t + 30 * DAY);
    /* a resolution and a complaint of its account 3 h later (< 72 h) */
    cmp(db, "S1", "8000000001", "NO_SUPPLY", t, t + 2 * H, 1);
    cmp(db, "S1n", "8000000001", "NO_SUPPLY", t + 5 * H, 0, 0);
    update(db, &c);
    EXPECT_FLAGGED(db, "TOUT_PHONE", "M1a M1b M1c M1d");
    EXPECT_FLAGGED(db, "REPEAT_AFTER_CLOSE", "S1");
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        exec(db, steps[i].sql);
        exec(db, "UPDATE record SET " NEW_LOAD " WHERE record_id IN ('M1d', 'S1n')");
        update(db, &c);
        char b[4096];
        const char *got = flagged(db, steps[i].code, b, sizeof b);
        if (strcmp(got, steps[i].flagged) != 0)
            fprintf(stderr, "step %zu: %s flagged '%s', expected '%s'\n", i, steps[i].code, got,
                    steps[i].flagged);
        assert_string_equal(got, steps[i].flagged);
    }
    db_close(db);
}

/* A neighbour is re-judged only under the rules it is a neighbour under, and
 * keeps the others' results: M1a (a TOUT_PHONE neighbour of M1d) and S1 (a
 * REPEAT_AFTER_CLOSE neighbour of S1n) were each resolved 5 minutes after
 * registration, under the 30 and 20 minutes of METER and LINE_BREAKDOWN:
 * FAST_CLOSE, which M1d's and S1n's corrections cannot change. X1's running
 * sums (flag_xen_day) follow S1's REPEAT_AFTER_CLOSE and keep both fast
 * closes. Worked out by hand from test_tout_phone's M1 and
 * test_repeat_after_close's S1. */
static void test_neighbour_keeps_other_rules(void **state)
{
    (void)state;
    static const struct {
        const char *m1d_account, *s1n_account, *tout, *repeat;
        int64_t xen_repeat;
    } steps[] = {
        {"1000000003", "8000000009", "", "", 0},
        {"1000000004", "8000000001", "M1a M1b M1c M1d", "S1", 1},
    };
    static const char *org[] = {"X1", "TECHNICAL"};
    nv_flag_cfg c;
    sqlite3 *db = incr_db(&c);
    assert_int_equal(fx_org(db, org, 1), 0);
    int64_t t = fx_ist(2024, 11, 1, 9, 0);
    add(db, (fx_rec){.record_id = "M1a",
                     .category = "METER",
                     .wing = "TECHNICAL",
                     .xen_id = "X1",
                     .mobile = "9876500001",
                     .account = "1000000001",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 5 * MIN,
                     .has_disposed = 1});
    tout(db, "M1b", "9876500001", "1000000002", t + 10 * DAY);
    tout(db, "M1c", "9876500001", "1000000003", t + 20 * DAY);
    tout(db, "M1d", "9876500001", "1000000004", t + 30 * DAY);
    add(db, (fx_rec){.record_id = "S1",
                     .category = "LINE_BREAKDOWN",
                     .wing = "TECHNICAL",
                     .xen_id = "X1",
                     .account = "8000000001",
                     .status = "RESOLVED",
                     .registered = t,
                     .disposed = t + 5 * MIN,
                     .has_disposed = 1});
    cmp(db, "S1n", "8000000001", "LINE_BREAKDOWN", t + 3 * H, 0, 0);
    update(db, &c);
    EXPECT_FLAGGED(db, "TOUT_PHONE", "M1a M1b M1c M1d");
    EXPECT_FLAGGED(db, "REPEAT_AFTER_CLOSE", "S1");
    EXPECT_FLAGGED(db, "FAST_CLOSE", "M1a S1");
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "UPDATE record SET account = CASE record_id WHEN 'M1d' THEN '%s' ELSE '%s' END "
                 "WHERE record_id IN ('M1d', 'S1n')",
                 steps[i].m1d_account, steps[i].s1n_account);
        exec(db, sql);
        exec(db, "UPDATE record SET " NEW_LOAD " WHERE record_id IN ('M1d', 'S1n')");
        update(db, &c);
        EXPECT_FLAGGED(db, "TOUT_PHONE", steps[i].tout);
        EXPECT_FLAGGED(db, "REPEAT_AFTER_CLOSE", steps[i].repeat);
        EXPECT_FLAGGED(db, "FAST_CLOSE", "M1a S1");
        assert_int_equal(scalar(db, "SELECT sum(fast_close) FROM flag_xen_day WHERE xen_id = 'X1'"),
                         2);
        assert_int_equal(scalar(db, "SELECT sum(repeat) FROM flag_xen_day WHERE xen_id = 'X1'"),
                         steps[i].xen_repeat);
    }
    db_close(db);
}

/* Staleness by load (schema 10): a new record is stale until the next pass,
 * a pass leaves none stale, and a database upgraded from schema 9 keeps
 * stale the records its flag_stale marked (none: nothing stale). Worked
 * out by hand: the fixture gives each record a load of its own. */
static void test_stale_mark(void **state)
{
    (void)state;
    nv_flag_cfg c = load_cfg();
    int64_t t = fx_ist(2024, 12, 10, 10, 0);
    sqlite3 *db = fx_db();
    tout(db, "T1", "9000000001", "1", t);
    tout(db, "T2", "9000000001", "2", t + H);
    assert_int_equal(stale_count(db), 2); /* no pass yet */
    update(db, &c);
    assert_int_equal(stale_count(db), 0);
    tout(db, "T3", "9000000001", "3", t + 2 * H);
    assert_int_equal(stale_count(db), 1);
    exec(db, "UPDATE record SET account = '22', " NEW_LOAD " WHERE record_id = 'T2'");
    assert_int_equal(stale_count(db), 2);
    update(db, &c);
    assert_int_equal(stale_count(db), 0);
    /* schema 9's marks: T3 loaded, not yet passed; then none */
    const char *mig = queries_get("migrate_010");
    assert_non_null(mig);
    exec(db, "UPDATE record SET flag_stale = 0; UPDATE record SET flag_stale = 1 "
             "WHERE record_id = 'T3'; DELETE FROM meta WHERE key = 'flag_load_mark'");
    exec(db, mig);
    /* loads: T1 1, T2 2, T3 3, T2 again 4: the mark is 2, below T3's load,
     * so T2 (loaded after T3) is stale too: a superset */
    assert_int_equal(stale_count(db), 2);
    exec(db, "UPDATE record SET flag_stale = 0; DELETE FROM meta WHERE key = 'flag_load_mark'");
    exec(db, mig);
    assert_int_equal(stale_count(db), 0);
    db_close(db);
}

static void test_incremental_equals_full(void **state)
{
    (void)state;
    nv_flag_cfg c = load_cfg();
    c.full_pass_fraction = 2; /* never the full pass: exercise the neighbourhoods */
    c.chunk_records = 4;      /* and the chunks (of row ids) */
    int64_t t = fx_ist(2024, 12, 3, 1, 0);

    sqlite3 *inc = fx_db();
    night1(inc, t);
    update(inc, &c);
    EXPECT_FLAGGED(inc, "BULK_CLOSE", "B01 B02 B03 B04 B05 B06 B07 B08 B09 B10 B11 B12");
    EXPECT_FLAGGED(inc, "TOUT_PHONE", "T1 T2 T3 T4");
    EXPECT_FLAGGED(inc, "QUEUE_JUMP", "QJ QK");
    EXPECT_FLAGGED(inc, "REPEAT_AFTER_CLOSE", "S1");
    night2(inc, t, 1);
    assert_true(stale_count(inc) > 0 && stale_count(inc) < 12);
    update(inc, &c);
    /* the changes reached the neighbours */
    EXPECT_FLAGGED(inc, "BULK_CLOSE", "");
    EXPECT_FLAGGED(inc, "TOUT_PHONE", "U1 U2 U3 U4");
    EXPECT_FLAGGED(inc, "QUEUE_JUMP", "QJ");
    EXPECT_FLAGGED(inc, "REPEAT_AFTER_CLOSE", "S1 S2");

    /* the same final state loaded fresh, all stale (no pass has run: every
     * record is stale): full pass, and the incremental path over everything */
    sqlite3 *full = fx_db();
    night1(full, t);
    night2(full, t, 1);
    assert_int_equal(stale_count(full), scalar(full, "SELECT count(*) FROM record"));
    sqlite3 *all = fx_db();
    night1(all, t);
    night2(all, t, 1);
    assert_int_equal(stale_count(all), scalar(all, "SELECT count(*) FROM record"));
    sqlite3 *full1 = fx_db();
    night1(full1, t);
    night2(full1, t, 1);
    assert_int_equal(stale_count(full1), scalar(full1, "SELECT count(*) FROM record"));
    nv_flag_cfg cf = c;
    cf.full_pass_fraction = 0.25;
    cf.chunk_records = 100000;
    update(full, &cf);
    cf.chunk_records = 1;
    update(full1, &cf);
    update(all, &c);
    char *a = dump_flags(inc), *b = dump_flags(full), *d = dump_flags(all), *f = dump_flags(full1);
    assert_true(strlen(a) > 100);
    assert_string_equal(a, b);
    assert_string_equal(a, d);
    assert_string_equal(a, f);
    free(a);
    free(b);
    free(d);
    free(f);
    db_close(full1);
    /* a second pass with nothing stale changes nothing */
    int64_t n = scalar(inc, "SELECT count(*) FROM flag");
    update(inc, &c);
    assert_int_equal(scalar(inc, "SELECT count(*) FROM flag"), n);
    db_close(inc);
    db_close(full);
    db_close(all);
}

/* ---- the full pass's sweeps == the per-record rules ---- */

/* A small deterministic generator (xorshift), state passed along. */
static uint64_t rnd(uint64_t *s, uint64_t n)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s % n;
}

/* n records drawn from small key sets (3 logins, 4 subdivisions, 5 mobiles,
 * 6 accounts, 3 categories, some of each missing or empty) over a few days
 * on whole 5 minutes, a quarter disposed in bursts, so that windows, ties at
 * one instant and records exactly on a bound are common; some TIME_ANOMALY,
 * open and rejected. */
static void random_records(sqlite3 *db, int n, uint64_t seed)
{
    static const char *logins[] = {"JE_A", "JE_B", "JE_C", NULL, ""};
    static const char *subs[] = {"Panki", "Kalyanpur", "Naubasta", "Govind Nagar", NULL};
    static const char *mobiles[] = {"9000000001", "9000000002", "9000000003",
                                    "9000000004", "9000000005", NULL};
    static const char *accounts[] = {"A1", "A2", "A3", "A4", "A5", "A6", NULL, ""};
    static const char *cats[] = {"NEW_CONNECTION", "NO_SUPPLY", "METER"};
    static const char *statuses[] = {"RESOLVED", "RESOLVED", "RESOLVED", "OPEN", "REJECTED"};
    int64_t t0 = fx_ist(2024, 12, 1, 0, 0);
    uint64_t s = seed;
    for (int i = 0; i < n; i++) {
        char id[16];
        /* ids not in insertion (row id) order */
        snprintf(id, sizeof id, "R%04d", (i * 7919) % 10007);
        int app = rnd(&s, 10) < 3;
        const char *st = statuses[rnd(&s, 5)];
        int64_t reg = t0 + (int64_t)rnd(&s, 4 * 288) * 5 * MIN;
        int64_t disp = reg + (int64_t)rnd(&s, 3 * 288) * 5 * MIN;
        if (rnd(&s, 30) == 0) disp = reg - (int64_t)(1 + rnd(&s, 20)) * 5 * MIN;
        if (rnd(&s, 4) == 0) { /* bursts: disposals at 5 instants, 15 min each */
            disp = t0 + (int64_t)rnd(&s, 5) * DAY + 2 * H + (int64_t)rnd(&s, 4) * 5 * MIN;
            reg = disp - (int64_t)rnd(&s, 48) * 5 * MIN;
        }
        add(db, (fx_rec){.record_id = id,
                         .source = app ? "JHATPAT" : "1912",
                         .is_application = app,
                         .category = cats[rnd(&s, 3)],
                         .wing = "TECHNICAL",
                         .xen_id = "XEN-T01",
                         .subdivision = subs[rnd(&s, 5)],
                         .status = st,
                         .closed_by = logins[rnd(&s, 5)],
                         .mobile = mobiles[rnd(&s, 6)],
                         .account = accounts[rnd(&s, 8)],
                         .registered = reg,
                         .disposed = disp,
                         .has_disposed = strcmp(st, "OPEN") != 0});
    }
}

/* The full pass (flags_sweep_all: one ordered pass per key) gives the flags
 * and evidence of the per-record rules of queries/flag_rule_*.sql (the
 * incremental path, here over every record): two independent computations,
 * at FLAGS.md's thresholds and at lower ones that flag more. */
static void test_full_equals_per_record(void **state)
{
    (void)state;
    nv_flag_cfg base = load_cfg(), low = base;
    low.bulk_min_records = 4;
    low.bulk_min_subdivisions = 2;
    low.tout_min_accounts = 3;
    low.tout_window_s = 2 * DAY;
    low.queue_min_queued = 2;
    low.queue_head_start_s = 6 * H;
    low.repeat_window_s = 6 * H;
    const nv_flag_cfg *cfgs[] = {&base, &low};
    for (int k = 0; k < 2; k++) {
        for (uint64_t seed = 1; seed <= 3; seed++) {
            nv_flag_cfg full = *cfgs[k], per = *cfgs[k];
            per.full_pass_fraction = 2; /* never the full pass */
            per.chunk_records = 97;
            sqlite3 *a = fx_db(), *b = fx_db();
            random_records(a, 1500, seed * 2654435761u);
            random_records(b, 1500, seed * 2654435761u);
            update(a, &full);
            update(b, &per);
            char *fa = dump_flags(a), *fb = dump_flags(b);
            assert_string_equal(fa, fb);
            free(fa);
            free(fb);
            /* every neighbour rule had something to find */
            static const char *codes[] = {"BULK_CLOSE", "TOUT_PHONE", "QUEUE_JUMP",
                                          "REPEAT_AFTER_CLOSE"};
            for (int c = 0; c < 4; c++) {
                char q[128];
                snprintf(q, sizeof q, "SELECT count(*) FROM flag WHERE flag_code = '%s'", codes[c]);
                if (scalar(a, q) == 0)
                    fprintf(stderr, "cfg %d seed %d: no %s\n", k, (int)seed, codes[c]);
                assert_true(scalar(a, q) > 0);
            }
            db_close(a);
            db_close(b);
        }
    }
}

/* ---- officer-level rules ---- */

static void officer(sqlite3 *db, const nv_flag_cfg *c, const char *day)
{
    nv_report r;
    nv_errbuf eb;
    int y, m, d;
    memset(&r, 0, sizeof r);
    assert_int_equal(nvt_parse_ymd(day, &y, &m, &d), 0);
    nv_tz tz = nvt_ist();
    report_set_window(&r, &tz, nvt_days_from_civil(y, m, d), nvt_days_from_civil(y, m, d));
    /* first from the records of the window (the full pass's way), then from
     * the running sums the record pass kept: the same flags */
    char *by_records = NULL;
    for (int from_records = 1; from_records >= 0; from_records--) {
        nv_err e = flags_officer(db, c, &r, from_records, &eb);
        if (e) fprintf(stderr, "flags_officer: %s\n", eb.msg);
        assert_int_equal(e, NV_OK);
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT group_concat(flag_code || '|' || xen_id || '|' "
                                            "|| wing || '|' || evidence, char(10)) FROM (SELECT * "
                                            "FROM flag WHERE rec IS NULL ORDER BY flag_id)",
                                            -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (from_records)
            by_records = strdup(t ? t : "");
        else
            assert_string_equal(t ? t : "", by_records);
        sqlite3_finalize(st);
    }
    free(by_records);
}

/* Per XEN of the officer fixture: resolutions, unverified OTPs, feedback given
 * and NOT SATISFIED among them, deadline hugs, FAST_CLOSEs, repeats,
 * rejections. */
typedef struct {
    const char *xen;
    int resolved, unverified, feedback, not_satisfied, hugs, fast, repeats, rejected;
} xen_plan;

static void xen_records(sqlite3 *db, const xen_plan *p, int64_t base)
{
    for (int i = 0; i < p->resolved; i++) {
        char id[48], acc[16];
        int fast = i >= p->resolved - p->fast,
            rep = i >= p->resolved - p->fast - p->repeats && !fast;
        int64_t disp = base + i * H, reg = disp - 2 * H;
        if (i < p->hugs) reg = disp - 24 * H + 30 * MIN; /* 30 min before the deadline */
        if (fast) reg = disp - 30 * MIN;                 /* TRANSFORMER in 30 min */
        snprintf(id, sizeof id, "%s-%02d", p->xen, i);
        snprintf(acc, sizeof acc, "%s%02d", p->xen, i);
        add(db, (fx_rec){.record_id = id,
                         .category = fast ? "TRANSFORMER" : "NO_SUPPLY",
                         .wing = "TECHNICAL",
                         .xen_id = p->xen,
                         .status = "RESOLVED",
                         .registered = reg,
                         .disposed = disp,
                         .has_disposed = 1,
                         .account = rep ? acc : NULL,
                         .otp = i < p->unverified ? 2 : 1,
                         .feedback = i < p->feedback
                                         ? (i < p->not_satisfied ? "NOT SATISFIED" : "SATISFIED")
                                         : NULL});
        if (rep) {
            snprintf(id, sizeof id, "%s-%02d-again", p->xen, i);
            add(db, (fx_rec){.record_id = id,
                             .category = "NO_SUPPLY",
                             .wing = "TECHNICAL",
                             .xen_id = p->xen,
                             .account = acc,
                             .registered = disp + H});
        }
    }
    for (int i = 0; i < p->rejected; i++) {
        char id[48];
        snprintf(id, sizeof id, "%s-R%02d", p->xen, i);
        add(db, (fx_rec){.record_id = id,
                         .category = "BILLING",
                         .wing = "TECHNICAL",
                         .xen_id = p->xen,
                         .status = "REJECTED",
                         .registered = base,
                         .disposed = base + H,
                         .has_disposed = 1});
    }
}

/* Report day 2024-12-03: window [2024-11-04 00:00, 2024-12-04 00:00) IST. */
static sqlite3 *officer_fixture(void)
{
    sqlite3 *db = fx_db();
    static const char *org[] = {"X1",        "TECHNICAL", "X2",        "TECHNICAL", "X3",
                                "TECHNICAL", "X4",        "TECHNICAL", "X5",        "TECHNICAL",
                                "X6",        "TECHNICAL", "X7",        "TECHNICAL"};
    assert_int_equal(fx_org(db, org, 7), 0);
    /* xen, resolved, unverified, feedback, not satisfied, hugs, fast, repeats, rejected */
    static const xen_plan plan[] = {
        {"X1", 20, 0, 10, 1, 1, 1, 1, 0},     {"X2", 20, 1, 10, 1, 1, 1, 1, 0},
        {"X3", 20, 2, 10, 2, 1, 1, 1, 0},     {"X4", 20, 3, 10, 2, 1, 1, 1, 0},
        {"X5", 20, 4, 10, 3, 1, 1, 1, 0},     {"X6", 20, 12, 2, 2, 4, 5, 3, 5},
        {"X7", 19, 19, 19, 19, 19, 0, 0, 19}, {"UNASSIGNED", 25, 25, 25, 25, 25, 0, 0, 25},
    };
    int64_t base = fx_ist(2024, 11, 20, 0, 0);
    for (size_t i = 0; i < sizeof plan / sizeof plan[0]; i++)
        xen_records(db, &plan[i], base);
    /* X6: DEADLINE_HUG boundaries (deadline = registered + 24 h): X6-00..03
     * are 30 min before it; X6-00 moved to exactly the deadline, X6-01 to
     * 59 min 59 s before (both in); X6-04 exactly 1 h before and X6-05 1 s
     * after (both out). */
    exec(db, "UPDATE record SET registered = disposed - 86400 WHERE record_id = 'X6-00';"
             "UPDATE record SET registered = disposed - 86400 + 3599 WHERE record_id = 'X6-01';"
             "UPDATE record SET registered = disposed - 86400 + 3600 WHERE record_id = 'X6-04';"
             "UPDATE record SET registered = disposed - 86400 - 1 WHERE record_id = 'X6-05';"
             "UPDATE record SET deadline = registered + 86400;");
    /* X6 outside the window: unverified resolutions 1 s before its start and
     * at its end; they must not count (else 22 of 30) */
    int64_t w0 = fx_ist(2024, 11, 4, 0, 0), w1 = fx_ist(2024, 12, 4, 0, 0);
    for (int i = 0; i < 10; i++) {
        char id[32];
        snprintf(id, sizeof id, "X6-OUT%d", i);
        int64_t d = i < 9 ? w0 - 1 : w1;
        add(db, (fx_rec){.record_id = id,
                         .category = "NO_SUPPLY",
                         .wing = "TECHNICAL",
                         .xen_id = "X6",
                         .status = "RESOLVED",
                         .registered = d - H,
                         .disposed = d,
                         .has_disposed = 1,
                         .otp = 2});
    }
    return db;
}

static void test_officer_rules(void **state)
{
    (void)state;
    sqlite3 *db = officer_fixture();
    nv_flag_cfg c = load_cfg();
    update(db, &c); /* record flags first: FAST_CLOSE_RATE, REPEAT_RATE read them */
    officer(db, &c, "2024-12-03");
    /* UNVERIFIED_CLOSE: eligible X1..X6 (X7 has 19 resolutions; UNASSIGNED
     * is no XEN) at 0/20, 1/20, 2/20, 3/20, 4/20, 12/20 = 0, .05, .10, .15,
     * .20, .60. Type 7, n = 6: Q1 at h = 5*.25 = 1.25: .05 + .25*(.10-.05) =
     * .0625; Q3 at h = 3.75: .15 + .75*(.20-.15) = .1875 (numpy.percentile
     * gives [0.0625, 0.1875]); IQR .125; fence .1875 + 1.5*.125 = .375: X6
     * (.60, 12 >= 3) flagged. With X7 (1.0) the fence would be .8875 (none). */
    EXPECT_EVIDENCE(db, "UNVERIFIED_CLOSE", "X6",
                    "report day 2024-12-03, 30 days 2024-11-04 to 2024-12-03: 12 of 20 "
                    "resolved complaints were closed without OTP verification (60.0%), above "
                    "the upper fence 37.5% (Q1 6.3%, Q3 18.8%, 6 XENs with 20 or more "
                    "resolutions)");
    /* DEADLINE_HUG: X1..X5 1/20 = .05, X6 4/20 = .20: Q1 = Q3 = .05, IQR 0,
     * fence .05: X6 flagged, its 4 = X6-00..03 (X6-04, X6-05 just outside) */
    EXPECT_EVIDENCE(db, "DEADLINE_HUG", "X6",
                    "report day 2024-12-03, 30 days 2024-11-04 to 2024-12-03: 4 of 20 "
                    "resolutions came in the last 60 min before the SLA deadline (20.0%), "
                    "above the upper fence 5.0% (Q1 5.0%, Q3 5.0%, 6 XENs with 20 or more "
                    "resolutions)");
    /* FAST_CLOSE_RATE: .05 x5, X6 5/20: fence .05. REPEAT_RATE: .05 x5, X6
     * 3/20 = .15 (numerator 3, just enough): fence .05. */
    EXPECT_EVIDENCE(db, "FAST_CLOSE_RATE", "X6",
                    "report day 2024-12-03, 30 days 2024-11-04 to 2024-12-03: 5 of 20 "
                    "resolutions carry a FAST_CLOSE flag (25.0%), above the upper fence 5.0% "
                    "(Q1 5.0%, Q3 5.0%, 6 XENs with 20 or more resolutions)");
    EXPECT_EVIDENCE(db, "REPEAT_RATE", "X6",
                    "report day 2024-12-03, 30 days 2024-11-04 to 2024-12-03: 3 of 20 "
                    "resolutions carry a REPEAT_AFTER_CLOSE flag (15.0%), above the upper fence "
                    "5.0% (Q1 5.0%, Q3 5.0%, 6 XENs with 20 or more resolutions)");
    /* HIGH_REJECTION: X1..X5 0/20, X6 5/25 = .2: Q1 = Q3 = 0, fence 0:
     * no one (though X6 has 5 >= 3 behind .2 > 0).
     * DISSATISFIED: 1/10, 1/10, 2/10, 2/10, 3/10, X6 2/2: sorted .1 .1 .2 .2
     * .3 1.0; Q1 = .1 + .25*.1 = .125, Q3 = .2 + .75*.1 = .275, fence .275 +
     * .225 = .5; X6 (1.0) is above it but only 2 records stand behind it. */
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE rec IS NULL"), 4);
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE rec IS NULL AND xen_id = 'X6' "
                                "AND wing = 'TECHNICAL' AND report_day = '2024-12-03' AND "
                                "((flag_code IN ('DEADLINE_HUG', 'UNVERIFIED_CLOSE', "
                                "'FAST_CLOSE_RATE', 'REPEAT_RATE') AND severity = 'MEDIUM'))"),
                     4);
    /* a rerun replaces that day's flags: same flags */
    officer(db, &c, "2024-12-03");
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE rec IS NULL"), 4);
    /* numerator threshold 2: X6's DISSATISFIED (2 of 2) now flagged */
    c.officer_min_numerator = 2;
    officer(db, &c, "2024-12-03");
    EXPECT_EVIDENCE(db, "DISSATISFIED", "X6",
                    "report day 2024-12-03, 30 days 2024-11-04 to 2024-12-03: 2 of 2 resolved "
                    "complaints with feedback were NOT SATISFIED (100.0%), above the upper "
                    "fence 50.0% (Q1 12.5%, Q3 27.5%, 6 XENs with 20 or more resolutions)");
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE flag_code = 'HIGH_REJECTION'"), 0);
    /* 19 resolutions are enough when the minimum is 19: X7 joins, and the
     * UNVERIFIED fence moves to .8875 (see above) while X7 (19/19 = 1.0) is
     * above it */
    c.officer_min_resolved = 19;
    officer(db, &c, "2024-12-03");
    char b[4096];
    assert_string_equal(flagged(db, "UNVERIFIED_CLOSE", b, sizeof b), "");
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE flag_code = 'UNVERIFIED_CLOSE' "
                                "AND xen_id = 'X7'"),
                     1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM flag WHERE flag_code = 'UNVERIFIED_CLOSE' "
                                "AND xen_id = 'X6'"),
                     0);
    /* another day's flags are kept beside */
    officer(db, &c, "2024-12-04");
    assert_true(scalar(db, "SELECT count(DISTINCT report_day) FROM flag") == 2);
    db_close(db);
}

/* ---- the register ---- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_register_bytes(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    nv_flag_cfg c = load_cfg();
    nv_errbuf eb;
    add(db, (fx_rec){.record_id = "KE10",
                     .category = "TRANSFORMER",
                     .wing = "TECHNICAL",
                     .xen_id = "XEN-T01",
                     .status = "RESOLVED",
                     .registered = fx_ist(2024, 12, 3, 10, 0),
                     .disposed = fx_ist(2024, 12, 3, 10, 10),
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "KE9",
                     .category = "TRANSFORMER",
                     .wing = "TECHNICAL",
                     .xen_id = "XEN-T02",
                     .status = "RESOLVED",
                     .registered = fx_ist(2024, 12, 3, 9, 0),
                     .disposed = fx_ist(2024, 12, 3, 9, 5),
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "ke1",
                     .category = "METER",
                     .wing = "TESTING",
                     .xen_id = "XEN-M01",
                     .status = "RESOLVED",
                     .registered = fx_ist(2024, 12, 2, 23, 50),
                     .disposed = fx_ist(2024, 12, 3, 0, 5),
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "NM/2024/000123",
                     .source = "NIVESH_MITRA",
                     .is_application = 1,
                     .category = "INDUSTRIAL_CONNECTION",
                     .wing = "PROJECT",
                     .xen_id = "XEN-P01",
                     .status = "RESOLVED",
                     .registered = fx_ist(2024, 12, 1, 10, 0),
                     .disposed = fx_ist(2024, 12, 1, 11, 40),
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "KE11",
                     .category = "NO_SUPPLY",
                     .wing = "TECHNICAL",
                     .xen_id = "XEN-T01",
                     .status = "RESOLVED",
                     .registered = fx_ist(2024, 12, 3, 12, 30),
                     .disposed = fx_ist(2024, 12, 3, 10, 0),
                     .has_disposed = 1});
    add(db, (fx_rec){.record_id = "KE12",
                     .category = "TRANSFORMER",
                     .registered = fx_ist(2024, 12, 3, 10, 0)});
    update(db, &c);
    exec(db, "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
             "VALUES ('HIGH_REJECTION', 'LOW', NULL, '2024-12-03', 'COMMERCIAL', 'XEN-C02', "
             "'report day 2024-12-03: 6 of 26 disposals were \"rejections\"'), "
             "('HIGH_REJECTION', 'LOW', NULL, '2024-12-02', 'COMMERCIAL', 'XEN-C01', "
             "'report day 2024-12-02')");
    /* stored reviews (VERIFY.md) appear in the review column by flag key */
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO flag_review(flag_key, flag_code, wing, review, "
                                  "file_sha256, file_day, read_at) VALUES "
                                  "('HIGH_REJECTION|XEN-C01|2024-12-02', 'HIGH_REJECTION', "
                                  "'COMMERCIAL', 'EXPLAINED', 'x', '2024-12-02', 't'), "
                                  "('FAST_CLOSE|1912|KE10', 'FAST_CLOSE', 'TECHNICAL', "
                                  "'UNDER INQUIRY', 'x', '2024-12-03', 't'), "
                                  "('FAST_CLOSE|1912|KE99', 'FAST_CLOSE', 'TECHNICAL', "
                                  "'CONFIRMED', 'x', '2024-12-03', 't')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char dir[] = "/tmp/nv_flags_regXXXXXX", path[256];
    assert_non_null(mkdtemp(dir));
    nv_tz tz = nvt_ist();
    nv_err e = flags_write_register(db, dir, &tz, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    snprintf(path, sizeof path, "%s/internal/risk_flags.csv", dir);
    char *got = slurp(path);
    /* sorted by code, then record_id in byte order (KE10 < KE9 < NM/.. < ke1),
     * then xen_id; quoted where a comma or quote appears */
    const char *want =
        "\xEF\xBB\xBF" /* internal/ CSVs begin with a UTF-8 byte-order mark */
        "flag_code,severity,record_id,source,wing,xen_id,registered,disposed,evidence,review\n"
        "FAST_CLOSE,MEDIUM,KE10,1912,TECHNICAL,XEN-T01,2024-12-03T10:00:00+05:30,"
        "2024-12-03T10:10:00+05:30,resolved 10 min after registration (2024-12-03 10:00 to "
        "2024-12-03 10:10); minimum plausible for TRANSFORMER is 1 h,UNDER INQUIRY\n"
        "FAST_CLOSE,MEDIUM,KE9,1912,TECHNICAL,XEN-T02,2024-12-03T09:00:00+05:30,"
        "2024-12-03T09:05:00+05:30,resolved 5 min after registration (2024-12-03 09:00 to "
        "2024-12-03 09:05); minimum plausible for TRANSFORMER is 1 h,\n"
        "FAST_CLOSE,MEDIUM,NM/2024/000123,NIVESH_MITRA,PROJECT,XEN-P01,"
        "2024-12-01T10:00:00+05:30,2024-12-01T11:40:00+05:30,resolved 1 h 40 min after "
        "registration (2024-12-01 10:00 to 2024-12-01 11:40); minimum plausible for "
        "INDUSTRIAL_CONNECTION is 4 h,\n"
        "FAST_CLOSE,MEDIUM,ke1,1912,TESTING,XEN-M01,2024-12-02T23:50:00+05:30,"
        "2024-12-03T00:05:00+05:30,resolved 15 min after registration (2024-12-02 23:50 to "
        "2024-12-03 00:05); minimum plausible for METER is 30 min,\n"
        "HIGH_REJECTION,LOW,,,COMMERCIAL,XEN-C01,,,report day 2024-12-02,EXPLAINED\n"
        "HIGH_REJECTION,LOW,,,COMMERCIAL,XEN-C02,,,\"report day 2024-12-03: 6 of 26 disposals "
        "were \"\"rejections\"\"\",\n"
        "TIME_ANOMALY,HIGH,KE11,1912,TECHNICAL,XEN-T01,2024-12-03T12:30:00+05:30,"
        "2024-12-03T10:00:00+05:30,\"disposed 2024-12-03 10:00, 2 h 30 min before its "
        "registration 2024-12-03 12:30\",\n";
    assert_string_equal(got, want);
    free(got);
    /* written atomically: no temporary left; a second write is identical */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_int_equal(flags_write_register(db, dir, &tz, &eb), NV_OK);
    got = slurp(path);
    assert_string_equal(got, want);
    free(got);
    unlink(path);
    snprintf(path, sizeof path, "%s/internal", dir);
    rmdir(path);
    rmdir(dir);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cfg_defaults),
        cmocka_unit_test(test_cfg_errors),
        cmocka_unit_test(test_time_anomaly_fast_close),
        cmocka_unit_test(test_bulk_close),
        cmocka_unit_test(test_tout_phone),
        cmocka_unit_test(test_queue_jump),
        cmocka_unit_test(test_repeat_after_close),
        cmocka_unit_test(test_queue_subdivision_found),
        cmocka_unit_test(test_stale_mark),
        cmocka_unit_test(test_incremental_equals_full),
        cmocka_unit_test(test_neighbour_fields),
        cmocka_unit_test(test_neighbour_keeps_other_rules),
        cmocka_unit_test(test_bulk_leave_together),
        cmocka_unit_test(test_full_equals_per_record),
        cmocka_unit_test(test_officer_rules),
        cmocka_unit_test(test_register_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
