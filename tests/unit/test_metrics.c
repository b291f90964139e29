/* test_metrics.c — the SLA clock and the figures of METRICS.md, checked
 * against values worked out by hand on small fixtures (in the comments), and
 * against an independent C computation over a randomized fixture. */
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
#include "nivaran/compute/figures.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/compute/profile.h"

#define H 3600
#define MIN 60

static void compute(sqlite3 *db, int64_t d0, int64_t d1, nv_fig_table *t)
{
    nv_errbuf eb;
    nv_err e = metrics_compute(db, d0, d1, t, &eb);
    if (e) fprintf(stderr, "compute: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

/* Checks one row against expected figures written as the open data would
 * print them: counts, then compliance, median and p90 text ("" = empty). */
static void expect_row(const nv_fig_table *t, const char *wing, const char *xen, int64_t rcv,
                       int64_t res, int64_t rej, int64_t met, int64_t brd, const char *pct,
                       const char *med, const char *p90, int64_t pend, int64_t ovd)
{
    const nv_fig_row *r = metrics_find(t, wing, xen);
    char b[32];
    if (!r) fail_msg("no row %s/%s", wing, xen);
    const nv_figs *f = &r->f;
    int64_t got[7] = {f->received, f->resolved,    f->rejected,   f->met,
                      f->breached, f->pending_end, f->overdue_end};
    int64_t want[7] = {rcv, res, rej, met, brd, pend, ovd};
    for (int i = 0; i < 7; i++)
        if (got[i] != want[i])
            fail_msg("%s/%s figure %d: got %lld want %lld", wing, xen, i, (long long)got[i],
                     (long long)want[i]);
    metrics_fmt_pct(f, b);
    assert_string_equal(b, pct);
    metrics_fmt_hours(f->has_median, f->median_s, b);
    assert_string_equal(b, med);
    metrics_fmt_hours(f->has_p90, f->p90_s, b);
    assert_string_equal(b, p90);
}

/* ---- the main hand fixture ------------------------------------------------
 * Org chart: XEN-T01, XEN-T02 (TECHNICAL), XEN-C01 (COMMERCIAL), XEN-M01
 * (TESTING, no records). Profile: 24 h for everything. Report day D =
 * 2024-12-10 IST.
 *
 *  id  xen         registered     final state                 judgement (24 h)
 *  A   T01         09 10:00       RESOLVED 10 08:00 (22 h)    MET at 10 08:00
 *  B   T01         10 09:00       RESOLVED 10 11:30 (2.5 h)   MET at 10 11:30
 *  C   T01         09 06:00       OPEN                        BREACHED at 10 06:00
 *  Dr  T02         10 07:00       reopened after a closure at 10 08:00; finally
 *                                 RESOLVED 11 10:00 (27 h)    BREACHED at 11 07:00
 *  E   C01         10 10:00       REJECTED 10 12:00           not judged
 *  F   C01         09 08:00       REJECTED 10 09:00 (25 h)    BREACHED at 10 08:00
 *  G   T02         10 12:00       RESOLVED 10 11:00           TIME_ANOMALY: left out
 *  Hh  T02         10 20:00       OPEN                        BREACHED at 11 20:00
 *  I   UNASSIGNED  10 13:00       RESOLVED 10 14:00:18        MET (1 h 0 min 18 s
 *      (TECHNICAL)                                            = 1.005 h -> "1.01")
 */
static const char *const ORG[] = {"XEN-T01", "TECHNICAL",  "XEN-T02", "TECHNICAL",
                                  "XEN-C01", "COMMERCIAL", "XEN-M01", "TESTING"};

static void add(sqlite3 *db, const char *id, const char *xen, const char *wing, int64_t reg,
                const char *status, int64_t disp)
{
    fx_rec r = {0};
    r.record_id = id;
    r.xen_id = xen;
    r.wing = wing;
    r.category = strcmp(wing, "TECHNICAL") == 0 ? "NO_SUPPLY" : "BILLING";
    r.registered = reg;
    r.status = status;
    if (strcmp(status, "OPEN") != 0) {
        r.has_disposed = 1;
        r.disposed = disp;
    }
    assert_int_equal(fx_add(db, &r), 0);
}

static sqlite3 *main_fixture(void)
{
    sqlite3 *db = fx_db();
    assert_non_null(db);
    assert_int_equal(fx_org(db, ORG, 4), 0);
    add(db, "A", "XEN-T01", "TECHNICAL", fx_ist(2024, 12, 9, 10, 0), "RESOLVED",
        fx_ist(2024, 12, 10, 8, 0));
    add(db, "B", "XEN-T01", "TECHNICAL", fx_ist(2024, 12, 10, 9, 0), "RESOLVED",
        fx_ist(2024, 12, 10, 11, 30));
    add(db, "C", "XEN-T01", "TECHNICAL", fx_ist(2024, 12, 9, 6, 0), "OPEN", 0);
    add(db, "Dr", "XEN-T02", "TECHNICAL", fx_ist(2024, 12, 10, 7, 0), "RESOLVED",
        fx_ist(2024, 12, 11, 10, 0));
    add(db, "E", "XEN-C01", "COMMERCIAL", fx_ist(2024, 12, 10, 10, 0), "REJECTED",
        fx_ist(2024, 12, 10, 12, 0));
    add(db, "F", "XEN-C01", "COMMERCIAL", fx_ist(2024, 12, 9, 8, 0), "REJECTED",
        fx_ist(2024, 12, 10, 9, 0));
    add(db, "G", "XEN-T02", "TECHNICAL", fx_ist(2024, 12, 10, 12, 0), "RESOLVED",
        fx_ist(2024, 12, 10, 11, 0));
    add(db, "Hh", "XEN-T02", "TECHNICAL", fx_ist(2024, 12, 10, 20, 0), "OPEN", 0);
    add(db, "I", "UNASSIGNED", "TECHNICAL", fx_ist(2024, 12, 10, 13, 0), "RESOLVED",
        fx_ist(2024, 12, 10, 14, 0) + 18);
    nv_profile p = fx_profile("p24", 24, NULL, 0);
    fx_judge(db, &p);
    return db;
}

/* The stored judgement of one record: outcome ("" = NULL), judged_at,
 * deadline, time_anomaly. */
static void stored(sqlite3 *db, const char *id, char *outcome, int64_t *judged_at,
                   int64_t *deadline, int *anomaly)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT outcome, judged_at, deadline, time_anomaly,"
                                        " judge_stale FROM record WHERE record_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *o = sqlite3_column_text(st, 0);
    snprintf(outcome, 16, "%s", o ? (const char *)o : "");
    *judged_at = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 1);
    *deadline = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
    *anomaly = sqlite3_column_int(st, 3);
    assert_int_equal(sqlite3_column_int(st, 4), 0); /* judge_stale cleared */
    sqlite3_finalize(st);
}

static void expect_judged(sqlite3 *db, const char *id, const char *outcome, int64_t judged_at,
                          int64_t deadline, int anomaly)
{
    char o[16];
    int64_t j, d;
    int a;
    stored(db, id, o, &j, &d, &a);
    assert_string_equal(o, outcome);
    assert_int_equal(j, judged_at);
    assert_int_equal(d, deadline);
    assert_int_equal(a, anomaly);
}

static void test_judgement(void **state)
{
    (void)state;
    sqlite3 *db = main_fixture();
    expect_judged(db, "A", "MET", fx_ist(2024, 12, 10, 8, 0), fx_ist(2024, 12, 10, 10, 0), 0);
    expect_judged(db, "B", "MET", fx_ist(2024, 12, 10, 11, 30), fx_ist(2024, 12, 11, 9, 0), 0);
    expect_judged(db, "C", "BREACHED", fx_ist(2024, 12, 10, 6, 0), fx_ist(2024, 12, 10, 6, 0), 0);
    expect_judged(db, "Dr", "BREACHED", fx_ist(2024, 12, 11, 7, 0), fx_ist(2024, 12, 11, 7, 0), 0);
    /* rejected by the deadline: not judged; after it: breached at the deadline */
    expect_judged(db, "E", "", -1, fx_ist(2024, 12, 11, 10, 0), 0);
    expect_judged(db, "F", "BREACHED", fx_ist(2024, 12, 10, 8, 0), fx_ist(2024, 12, 10, 8, 0), 0);
    expect_judged(db, "G", "", -1, fx_ist(2024, 12, 11, 12, 0), 1);
    expect_judged(db, "Hh", "BREACHED", fx_ist(2024, 12, 11, 20, 0), fx_ist(2024, 12, 11, 20, 0),
                  0);
    expect_judged(db, "I", "MET", fx_ist(2024, 12, 10, 14, 0) + 18, fx_ist(2024, 12, 11, 13, 0), 0);
    char v[128];
    assert_int_equal(db_meta_get(db, "profile_sha256", v, sizeof v), 1);
    assert_string_equal(v, "p24");
    assert_int_equal(db_meta_get(db, "profile", v, sizeof v), 1);
    assert_string_equal(v, "test-p24");
    db_close(db);
}

/* Day D = 2024-12-10.
 * T01: received B (A, C registered on the 9th) = 1; resolved A, B = 2;
 *      met A, B = 2; breached C (06:00) = 1; compliance 2/3 = 66.67 -> 66.7;
 *      times {22 h, 2.5 h}: n = 2, median = 1st = 2.50, p90 = ceil(1.8) = 2nd
 *      = 22.00; pending C = 1; overdue C (deadline 10 06:00 < d1) = 1.
 * T02: received Dr, Hh (G left out) = 2; nothing resolved (G left out) or
 *      judged; pending Dr (disposed after d1), Hh (open) = 2; overdue 0
 *      (deadlines 11 07:00 and 11 20:00 are not before d1).
 * C01: received E = 1; rejected E, F = 2; breached F = 1 -> 0.0; pending 0.
 * UNASSIGNED (TECHNICAL): received, resolved, met I = 1 -> 100.0; median and
 *      p90 of {3618 s} (n = 1) = 1.005 h -> 1.01.
 * M01: zeros.
 * TECHNICAL = T01 + T02 + UNASSIGNED: 4, 3, 0, 3 met, 1 breached -> 75.0;
 *      times {3618, 9000, 79200}: median 2nd = 2.50, p90 ceil(2.7) = 3rd = 22.00;
 *      pending 3, overdue 1. COMMERCIAL = C01. TESTING zeros.
 * ALL: 5 received, 3 resolved, 2 rejected, 3 met, 2 breached -> 60.0; median
 *      2.50, p90 22.00; pending 3; overdue 1. */
static void test_day_figures(void **state)
{
    (void)state;
    sqlite3 *db = main_fixture();
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 10, 0, 0), fx_ist(2024, 12, 11, 0, 0), &t);
    expect_row(&t, "TECHNICAL", "XEN-T01", 1, 2, 0, 2, 1, "66.7", "2.50", "22.00", 1, 1);
    expect_row(&t, "TECHNICAL", "XEN-T02", 2, 0, 0, 0, 0, "", "", "", 2, 0);
    expect_row(&t, "COMMERCIAL", "XEN-C01", 1, 0, 2, 0, 1, "0.0", "", "", 0, 0);
    expect_row(&t, "TECHNICAL", "UNASSIGNED", 1, 1, 0, 1, 0, "100.0", "1.01", "1.01", 0, 0);
    expect_row(&t, "TESTING", "XEN-M01", 0, 0, 0, 0, 0, "", "", "", 0, 0);
    expect_row(&t, "TECHNICAL", "", 4, 3, 0, 3, 1, "75.0", "2.50", "22.00", 3, 1);
    expect_row(&t, "COMMERCIAL", "", 1, 0, 2, 0, 1, "0.0", "", "", 0, 0);
    expect_row(&t, "TESTING", "", 0, 0, 0, 0, 0, "", "", "", 0, 0);
    expect_row(&t, "ALL", "", 5, 3, 2, 3, 2, "60.0", "2.50", "22.00", 3, 1);
    /* rows: 4 wing rows (ALL, COMMERCIAL, TECHNICAL, TESTING), then 5 XENs,
     * each group sorted */
    assert_int_equal(t.n_wing, 4);
    assert_int_equal(t.n, 9);
    const char *order[9][2] = {{"ALL", ""},
                               {"COMMERCIAL", ""},
                               {"TECHNICAL", ""},
                               {"TESTING", ""},
                               {"COMMERCIAL", "XEN-C01"},
                               {"TECHNICAL", "UNASSIGNED"},
                               {"TECHNICAL", "XEN-T01"},
                               {"TECHNICAL", "XEN-T02"},
                               {"TESTING", "XEN-M01"}};
    for (int i = 0; i < 9; i++) {
        assert_string_equal(t.rows[i].wing, order[i][0]);
        assert_string_equal(t.rows[i].xen_id, order[i][1]);
    }
    metrics_table_free(&t);
    db_close(db);
}

/* D+1 = 2024-12-11: nothing is judged twice.
 * T01: C is still pending and overdue, but its breach was counted on D: 0
 *      breached; A and B are not counted again. pending 1, overdue 1.
 * T02: resolved Dr (27 h = 97200 s) = 1 -> median, p90 27.00; breached Dr
 *      (11 07:00) and Hh (11 20:00) = 2 -> 0.0; pending Hh = 1, overdue 1.
 * C01, UNASSIGNED, M01: zeros. TECHNICAL: 0, 1, 0, 0, 2 -> 0.0, 27.00,
 * 27.00, pending 2, overdue 2. ALL the same as TECHNICAL. */
static void test_next_day_judged_once(void **state)
{
    (void)state;
    sqlite3 *db = main_fixture();
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 11, 0, 0), fx_ist(2024, 12, 12, 0, 0), &t);
    expect_row(&t, "TECHNICAL", "XEN-T01", 0, 0, 0, 0, 0, "", "", "", 1, 1);
    expect_row(&t, "TECHNICAL", "XEN-T02", 0, 1, 0, 0, 2, "0.0", "27.00", "27.00", 1, 1);
    expect_row(&t, "COMMERCIAL", "XEN-C01", 0, 0, 0, 0, 0, "", "", "", 0, 0);
    expect_row(&t, "TECHNICAL", "UNASSIGNED", 0, 0, 0, 0, 0, "", "", "", 0, 0);
    expect_row(&t, "TECHNICAL", "", 0, 1, 0, 0, 2, "0.0", "27.00", "27.00", 2, 2);
    expect_row(&t, "ALL", "", 0, 1, 0, 0, 2, "0.0", "27.00", "27.00", 2, 2);
    metrics_table_free(&t);
    db_close(db);
}

/* Pooled windows. [10, 12): met A, B, I = 3; breached C, F, Dr, Hh = 4:
 * 3/7 = 42.857 -> 42.9 (the average of the daily 60.0 and 0.0 would be 30.0).
 * received: all but G = 7 (A, C, F registered on the 9th: not in the window,
 * so 5 + 0 = 5); resolved A, B, I, Dr = 4; rejected E, F = 2; times
 * {3618, 9000, 79200, 97200}: median ceil(2) = 2nd = 2.50, p90 ceil(3.6) =
 * 4th = 27.00; pending at 12 00:00: C, Hh = 2, both overdue.
 * Month to date [1, 12): received A..I without G = 8; the rest as above. */
static void test_pooled(void **state)
{
    (void)state;
    sqlite3 *db = main_fixture();
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 10, 0, 0), fx_ist(2024, 12, 12, 0, 0), &t);
    expect_row(&t, "ALL", "", 5, 4, 2, 3, 4, "42.9", "2.50", "27.00", 2, 2);
    metrics_table_free(&t);
    compute(db, fx_ist(2024, 12, 1, 0, 0), fx_ist(2024, 12, 12, 0, 0), &t);
    expect_row(&t, "ALL", "", 8, 4, 2, 3, 4, "42.9", "2.50", "27.00", 2, 2);
    /* T01 over the month: A, B met; C breached: 66.7; times {22 h, 2.5 h} */
    expect_row(&t, "TECHNICAL", "XEN-T01", 3, 2, 0, 2, 1, "66.7", "2.50", "22.00", 1, 1);
    metrics_table_free(&t);
    /* A window before any record: every row zero, the chart's XENs listed,
     * UNASSIGNED not (no record registered before d1). */
    compute(db, fx_ist(2024, 11, 1, 0, 0), fx_ist(2024, 11, 2, 0, 0), &t);
    expect_row(&t, "ALL", "", 0, 0, 0, 0, 0, "", "", "", 0, 0);
    assert_null(metrics_find(&t, "TECHNICAL", "UNASSIGNED"));
    assert_non_null(metrics_find(&t, "TESTING", "XEN-M01"));
    assert_int_equal(t.n, 4 + 4);
    metrics_table_free(&t);
    db_close(db);
}

/* Nearest rank at n = 10: resolution times (minutes) 30, 45, 60, 90, 120,
 * 150, 200, 240, 300, 600, inserted shuffled. Median = ceil(5) = 5th = 120
 * min = 2.00; p90 = ceil(9) = 9th = 300 min = 5.00. All within 24 h: 10 met. */
static void test_nearest_rank_10(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    static const int mins[10] = {200, 45, 600, 30, 150, 90, 300, 60, 240, 120};
    for (int i = 0; i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "N%d", i);
        int64_t reg = fx_ist(2024, 12, 10, 1, 0) + i * MIN;
        add(db, id, "XEN-P01", "PROJECT", reg, "RESOLVED", reg + mins[i] * MIN);
    }
    nv_profile p = fx_profile("p24", 24, NULL, 0);
    fx_judge(db, &p);
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 10, 0, 0), fx_ist(2024, 12, 11, 0, 0), &t);
    expect_row(&t, "PROJECT", "XEN-P01", 10, 10, 0, 10, 0, "100.0", "2.00", "5.00", 0, 0);
    expect_row(&t, "ALL", "", 10, 10, 0, 10, 0, "100.0", "2.00", "5.00", 0, 0);
    /* a layout without a chart: the XEN and its wing come from the records */
    assert_int_equal(t.n_wing, 2);
    assert_int_equal(t.n, 3);
    metrics_table_free(&t);
    db_close(db);
}

/* Rounding half away from zero, in integers (binary doubles would print
 * 6.25 as 6.2 and 1.005 as 1.00). */
static void test_rounding(void **state)
{
    (void)state;
    char b[32];
    struct {
        int64_t met, breached;
        const char *want;
    } pc[] = {{1, 15, "6.3"}, {3, 13, "18.8"}, {1, 79, "1.3"},   {1, 159, "0.6"},
              {1, 2, "33.3"}, {2, 1, "66.7"},  {0, 5, "0.0"},    {5, 0, "100.0"},
              {1, 7, "12.5"}, {0, 0, ""},      {199, 1, "99.5"}, {1999, 1, "100.0"}};
    for (size_t i = 0; i < sizeof pc / sizeof pc[0]; i++) {
        nv_figs f = {0};
        f.met = pc[i].met;
        f.breached = pc[i].breached;
        metrics_fmt_pct(&f, b);
        assert_string_equal(b, pc[i].want);
    }
    /* 1999/2000 = 99.95 -> 100.0 (half away), 199/200 = 99.5 exactly */
    struct {
        int64_t s;
        const char *want;
    } hc[] = {{3618, "1.01"}, /* 1.005 h */
              {3654, "1.02"}, /* 1.015 h */
              {18, "0.01"},   /* 0.005 h */
              {17, "0.00"},   /* 0.00472 h */
              {330, "0.09"},  /* 5 min 30 s = 0.0917 h */
              {93888, "26.08"}, {0, "0.00"}, {86400, "24.00"}, {-3618, "-1.01"}};
    for (size_t i = 0; i < sizeof hc / sizeof hc[0]; i++) {
        metrics_fmt_hours(1, hc[i].s, b);
        assert_string_equal(b, hc[i].want);
    }
    metrics_fmt_hours(0, 3600, b);
    assert_string_equal(b, "");
    nv_figs f = {0};
    double pct = -1;
    assert_int_equal(metrics_compliance(&f, &pct), 0);
    f.met = 3;
    f.breached = 1;
    assert_int_equal(metrics_compliance(&f, &pct), 1);
    assert_true(pct == 75.0);
}

/* A due-date layout (has_due_col = 1): the record's own due replaces the
 * profile (24 h here). Day 2024-12-10.
 *  J: reg 10 08:00, due 10 10:00, RESOLVED 10 11:00 -> BREACHED at 10 10:00
 *     (24 h would have met it).
 *  K: reg 10 09:00, due empty, OPEN -> no deadline: not judged, pending but
 *     never overdue.
 *  L: reg 09 08:00, due 11 08:00 (48 h), RESOLVED 10 14:00 (30 h) -> MET at
 *     10 14:00 (24 h would have breached it).
 *  M: reg 09 09:00, due 10 09:00, OPEN -> BREACHED at 10 09:00, overdue.
 * Queue "Q1" in wing "Animal Control": received J, K = 2; resolved J, L = 2;
 * met L, breached J, M -> 1/3 = 33.3; times {3 h, 30 h}: median 3.00, p90
 * 30.00; pending K, M = 2; overdue M = 1. */
static void test_due_dates(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    struct {
        const char *id;
        int64_t reg, due;
        int has_due;
        const char *status;
        int64_t disp;
    } rs[] = {
        {"J", fx_ist(2024, 12, 10, 8, 0), fx_ist(2024, 12, 10, 10, 0), 1, "RESOLVED",
         fx_ist(2024, 12, 10, 11, 0)},
        {"K", fx_ist(2024, 12, 10, 9, 0), 0, 0, "OPEN", 0},
        {"L", fx_ist(2024, 12, 9, 8, 0), fx_ist(2024, 12, 11, 8, 0), 1, "RESOLVED",
         fx_ist(2024, 12, 10, 14, 0)},
        {"M", fx_ist(2024, 12, 9, 9, 0), fx_ist(2024, 12, 10, 9, 0), 1, "OPEN", 0},
    };
    for (size_t i = 0; i < 4; i++) {
        fx_rec r = {0};
        r.source = "boston311";
        r.record_id = rs[i].id;
        r.category = "Animal Issues";
        r.wing = "Animal Control";
        r.xen_id = "Q1";
        r.registered = rs[i].reg;
        r.status = rs[i].status;
        r.has_due_col = 1;
        r.has_due = rs[i].has_due;
        r.due = rs[i].due;
        r.has_disposed = strcmp(rs[i].status, "OPEN") != 0;
        r.disposed = rs[i].disp;
        assert_int_equal(fx_add(db, &r), 0);
    }
    nv_profile p = fx_profile("p24", 24, NULL, 0);
    fx_judge(db, &p);
    expect_judged(db, "J", "BREACHED", rs[0].due, rs[0].due, 0);
    expect_judged(db, "K", "", -1, -1, 0);
    expect_judged(db, "L", "MET", rs[2].disp, rs[2].due, 0);
    expect_judged(db, "M", "BREACHED", rs[3].due, rs[3].due, 0);
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 10, 0, 0), fx_ist(2024, 12, 11, 0, 0), &t);
    expect_row(&t, "Animal Control", "Q1", 2, 2, 0, 1, 2, "33.3", "3.00", "30.00", 2, 1);
    expect_row(&t, "ALL", "", 2, 2, 0, 1, 2, "33.3", "3.00", "30.00", 2, 1);
    metrics_table_free(&t);
    db_close(db);
}

/* Re-judging: a NO_SUPPLY record resolved after 5 h.
 * Profile "p24" (24 h): MET at disposed. The same profile again after the
 * record's times are changed behind the judge's back (judge_stale left 0):
 * nothing is re-judged (incremental). Marking it stale: re-judged.
 * A different profile (NO_SUPPLY 4 h, another sha256): every record is
 * re-judged without being marked stale: BREACHED at reg + 4 h. */
static void test_profile_change(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    int64_t reg = fx_ist(2024, 12, 10, 6, 0);
    add(db, "S", "XEN-T01", "TECHNICAL", reg, "RESOLVED", reg + 5 * H);
    add(db, "U", "XEN-T01", "TECHNICAL", reg, "RESOLVED", reg + 3 * H);
    nv_profile p24 = fx_profile("p24", 24, NULL, 0);
    fx_judge(db, &p24);
    expect_judged(db, "S", "MET", reg + 5 * H, reg + 24 * H, 0);
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE record SET disposed = disposed + 86400"
                                  " WHERE record_id = 'U'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    fx_judge(db, &p24);
    expect_judged(db, "U", "MET", reg + 3 * H, reg + 24 * H, 0); /* not stale: unchanged */
    assert_int_equal(sqlite3_exec(db, "UPDATE record SET judge_stale = 1 WHERE record_id = 'U'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    fx_judge(db, &p24);
    expect_judged(db, "U", "BREACHED", reg + 24 * H, reg + 24 * H, 0);
    nv_profile p4 = fx_profile("p4", 24, "NO_SUPPLY", 4);
    fx_judge(db, &p4);
    expect_judged(db, "S", "BREACHED", reg + 4 * H, reg + 4 * H, 0);
    char v[128];
    assert_int_equal(db_meta_get(db, "profile_sha256", v, sizeof v), 1);
    assert_string_equal(v, "p4");
    db_close(db);
}

/* The shipped statutory template: NO_SUPPLY 4 h, BILLING 168 h,
 * INDUSTRIAL_CONNECTION 360 h, a category it does not list 24 h. */
static void test_statutory(void **state)
{
    (void)state;
    nv_profile p;
    nv_errbuf eb;
    nv_err e = profile_load("templates", "statutory", &p, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    sqlite3 *db = fx_db();
    assert_non_null(db);
    int64_t reg = fx_ist(2024, 12, 10, 6, 0);
    const char *cats[4] = {"NO_SUPPLY", "BILLING", "INDUSTRIAL_CONNECTION", "UNMAPPED"};
    const int64_t hours[4] = {4, 168, 360, 24};
    for (int i = 0; i < 4; i++) {
        fx_rec r = {0};
        char id[16];
        snprintf(id, sizeof id, "S%d", i);
        r.record_id = id;
        r.category = cats[i];
        r.wing = "TECHNICAL";
        r.xen_id = "XEN-T01";
        r.registered = reg;
        r.status = "RESOLVED";
        r.has_disposed = 1;
        r.disposed = reg + 5 * H; /* after 5 h: breaches only NO_SUPPLY */
        assert_int_equal(fx_add(db, &r), 0);
    }
    fx_judge(db, &p);
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "S%d", i);
        expect_judged(db, id, i == 0 ? "BREACHED" : "MET", i == 0 ? reg + 4 * H : reg + 5 * H,
                      reg + hours[i] * H, 0);
    }
    char v[128];
    assert_int_equal(db_meta_get(db, "profile", v, sizeof v), 1);
    assert_string_equal(v, "statutory");
    db_close(db);
}

/* Ranking over 30 days. Each XEN has `met` records resolved within 24 h
 * after `med` minutes and `brd` records left open (breached at their
 * deadline); all registered 2024-12-01.
 * TECHNICAL: T1 18/20 = 90 %, median 120 min; T2 18/20 = 90 %, 60 min;
 * T3 19/19 = 100 % but 19 judged < 20: rank 0; T4 27/30 = 90 %, 60 min (ties
 * T2 on both: xen_id decides, T2 first); T5 25/25 = 100 %.
 * -> T5 1, T2 2, T4 3, T1 4, T3 0. UNASSIGNED 25/25: listed, rank 0.
 * COMMERCIAL: C1 10/20 = 50 %: rank 1 (ranks restart per wing). */
static void rank_xen(sqlite3 *db, const char *xen, const char *wing, int met, int brd, int med)
{
    int64_t reg = fx_ist(2024, 12, 1, 10, 0);
    for (int i = 0; i < met + brd; i++) {
        char id[32];
        snprintf(id, sizeof id, "%s-%d", xen, i);
        add(db, id, xen, wing, reg + i, i < met ? "RESOLVED" : "OPEN", reg + i + med * MIN);
    }
}

static void test_rank(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    rank_xen(db, "T1", "TECHNICAL", 18, 2, 120);
    rank_xen(db, "T2", "TECHNICAL", 18, 2, 60);
    rank_xen(db, "T3", "TECHNICAL", 19, 0, 10);
    rank_xen(db, "T4", "TECHNICAL", 27, 3, 60);
    rank_xen(db, "T5", "TECHNICAL", 25, 0, 300);
    rank_xen(db, "UNASSIGNED", "TECHNICAL", 25, 0, 1);
    rank_xen(db, "C1", "COMMERCIAL", 10, 10, 30);
    nv_profile p = fx_profile("p24", 24, NULL, 0);
    fx_judge(db, &p);
    nv_rank_row *rows = NULL;
    size_t n = 0;
    nv_errbuf eb;
    assert_int_equal(metrics_rank(db, fx_ist(2024, 11, 12, 0, 0), fx_ist(2024, 12, 12, 0, 0), 20,
                                  &rows, &n, &eb),
                     NV_OK);
    const struct {
        const char *wing, *xen;
        int rank;
    } want[] = {{"COMMERCIAL", "C1", 1},       {"TECHNICAL", "T5", 1}, {"TECHNICAL", "T2", 2},
                {"TECHNICAL", "T4", 3},        {"TECHNICAL", "T1", 4}, {"TECHNICAL", "T3", 0},
                {"TECHNICAL", "UNASSIGNED", 0}};
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rows[i].wing, want[i].wing);
        assert_string_equal(rows[i].xen_id, want[i].xen);
        assert_int_equal(rows[i].rank, want[i].rank);
    }
    assert_int_equal(rows[4].f.met, 18);
    assert_int_equal(rows[4].f.breached, 2);
    assert_int_equal(rows[4].f.median_s, 120 * MIN);
    free(rows);
    /* With min 19, T3 (19 judged, 100 %, median 10 min) ranks first, ahead of
     * T5 (100 %, 300 min). */
    assert_int_equal(metrics_rank(db, fx_ist(2024, 11, 12, 0, 0), fx_ist(2024, 12, 12, 0, 0), 19,
                                  &rows, &n, &eb),
                     NV_OK);
    assert_string_equal(rows[1].xen_id, "T3");
    assert_int_equal(rows[1].rank, 1);
    assert_string_equal(rows[2].xen_id, "T5");
    assert_int_equal(rows[2].rank, 2);
    free(rows);
    db_close(db);
}

/* ---- open data bytes ---------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[8192];
    size_t k = fread(buf, 1, sizeof buf - 1, f);
    buf[k] = 0;
    fclose(f);
    return buf;
}

/* The day figures of test_day_figures, written as OUTPUTS.md says. */
static void test_open_data(void **state)
{
    (void)state;
    sqlite3 *db = main_fixture();
    nv_fig_table t;
    compute(db, fx_ist(2024, 12, 10, 0, 0), fx_ist(2024, 12, 11, 0, 0), &t);
    char dir[] = "/tmp/nv_metrics_XXXXXX";
    assert_non_null(mkdtemp(dir));
    nv_errbuf eb;
    char out[256], path[300];
    snprintf(out, sizeof out, "%s/day", dir);
    assert_int_equal(metrics_write_open_data(&t, out, "2024-12-10", &eb), NV_OK);
    snprintf(path, sizeof path, "%s/open-data/sla_by_wing.csv", out);
    assert_string_equal(
        slurp(path),
        "report_date,wing,received,resolved,rejected,met,breached,compliance_pct,median_hours,"
        "p90_hours,pending_end,overdue_end\n"
        "2024-12-10,ALL,5,3,2,3,2,60.0,2.50,22.00,3,1\n"
        "2024-12-10,COMMERCIAL,1,0,2,0,1,0.0,,,0,0\n"
        "2024-12-10,TECHNICAL,4,3,0,3,1,75.0,2.50,22.00,3,1\n"
        "2024-12-10,TESTING,0,0,0,0,0,,,,0,0\n");
    unlink(path);
    snprintf(path, sizeof path, "%s/open-data/sla_by_xen.csv", out);
    assert_string_equal(
        slurp(path),
        "report_date,wing,xen_id,received,resolved,rejected,met,breached,compliance_pct,"
        "median_hours,p90_hours,pending_end,overdue_end\n"
        "2024-12-10,COMMERCIAL,XEN-C01,1,0,2,0,1,0.0,,,0,0\n"
        "2024-12-10,TECHNICAL,UNASSIGNED,1,1,0,1,0,100.0,1.01,1.01,0,0\n"
        "2024-12-10,TECHNICAL,XEN-T01,1,2,0,2,1,66.7,2.50,22.00,1,1\n"
        "2024-12-10,TECHNICAL,XEN-T02,2,0,0,0,0,,,,2,0\n"
        "2024-12-10,TESTING,XEN-M01,0,0,0,0,0,,,,0,0\n");
    unlink(path);
    snprintf(path, sizeof path, "%s/open-data", out);
    assert_int_equal(rmdir(path), 0); /* no temporary file left behind */
    rmdir(out);
    rmdir(dir);
    metrics_table_free(&t);
    db_close(db);
}

/* ---- randomized fixture against an independent loop ----------------------
 * A few thousand records with random times, statuses, categories, XENs
 * (chart XENs, UNASSIGNED, a non-chart XEN, an UNMAPPED wing), anomalies,
 * disposals exactly at the deadline, and a due-date layout (some dues empty).
 * The figures of METRICS.md are recomputed by a plain loop over the C array
 * (no SQL) and compared, row by row, with metrics_compute for many windows. */

typedef struct {
    const char *wing, *xen, *cat, *status;
    int64_t reg, disp, due; /* disp / due: -1 when absent */
    int has_due_col;
} rnd_rec;

typedef struct {
    const char *wing, *xen;
    nv_figs f;
    int64_t *t; /* resolution times */
    size_t nt;
} ref_row;

static uint64_t rnd_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int64_t rnd_in(uint64_t *s, int64_t n)
{
    return (int64_t)(rnd_next(s) % (uint64_t)n);
}

/* The SLA hours of the statutory template, written out independently. */
static int64_t ref_hours(const char *cat)
{
    if (strcmp(cat, "NO_SUPPLY") == 0) return 4;
    if (strcmp(cat, "TRANSFORMER") == 0) return 6;
    if (strcmp(cat, "BILLING") == 0 || strcmp(cat, "METER") == 0) return 168;
    if (strcmp(cat, "INDUSTRIAL_CONNECTION") == 0) return 360;
    return 24;
}

static const char *const RND_ORG[] = {"XEN-T01", "TECHNICAL",  "XEN-T02", "TECHNICAL",
                                      "XEN-C01", "COMMERCIAL", "XEN-M01", "TESTING",
                                      "XEN-P01", "PROJECT",    "XEN-P02", "PROJECT"};

static ref_row *ref_get(ref_row *rows, size_t *n, const char *wing, const char *xen)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(rows[i].wing, wing) == 0 && strcmp(rows[i].xen, xen) == 0) return &rows[i];
    memset(&rows[*n], 0, sizeof rows[*n]);
    rows[*n].wing = wing;
    rows[*n].xen = xen;
    return &rows[(*n)++];
}

static void ref_time(ref_row *r, int64_t t)
{
    r->t = realloc(r->t, (r->nt + 1) * sizeof *r->t);
    assert_non_null(r->t);
    r->t[r->nt++] = t;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest rank with integers only: ceil(n/2) and ceil(9n/10). */
static void ref_pctl(ref_row *r)
{
    if (!r->nt) return;
    qsort(r->t, r->nt, sizeof *r->t, cmp_i64);
    r->f.has_median = r->f.has_p90 = 1;
    r->f.median_s = r->t[(r->nt + 1) / 2 - 1];
    r->f.p90_s = r->t[(9 * r->nt + 9) / 10 - 1];
}

/* Adds record x's contribution over [d0, d1) to row f. */
static void ref_count(const rnd_rec *x, int64_t d0, int64_t d1, ref_row *r)
{
    int has_disp = x->disp >= 0;
    if (has_disp && x->disp < x->reg) return; /* TIME_ANOMALY: in no figure */
    int64_t dl = x->has_due_col ? x->due : x->reg + ref_hours(x->cat) * 3600;
    int has_dl = !x->has_due_col || x->due >= 0;
    nv_figs *f = &r->f;
    if (x->reg >= d0 && x->reg < d1) f->received++;
    if (has_disp && x->disp >= d0 && x->disp < d1) {
        if (strcmp(x->status, "RESOLVED") == 0) {
            f->resolved++;
            ref_time(r, x->disp - x->reg);
        } else {
            f->rejected++;
        }
    }
    if (has_dl) {
        if (has_disp && x->disp <= dl) {
            if (strcmp(x->status, "RESOLVED") == 0 && x->disp >= d0 && x->disp < d1) f->met++;
        } else if (dl >= d0 && dl < d1) {
            f->breached++;
        }
    }
    if (x->reg < d1 && (!has_disp || x->disp >= d1)) {
        f->pending_end++;
        if (has_dl && dl < d1) f->overdue_end++;
    }
}

static void ref_compare(const nv_fig_table *t, ref_row *r)
{
    const nv_fig_row *g = metrics_find(t, r->wing, r->xen);
    if (!g) fail_msg("missing row %s/%s", r->wing, r->xen);
    ref_pctl(r);
    if (memcmp(&g->f, &r->f, sizeof g->f) != 0)
        fail_msg("row %s/%s differs: got %lld %lld %lld %lld %lld %lld %lld med %d %lld p90 %d "
                 "%lld; want %lld %lld %lld %lld %lld %lld %lld med %d %lld p90 %d %lld",
                 r->wing, r->xen, (long long)g->f.received, (long long)g->f.resolved,
                 (long long)g->f.rejected, (long long)g->f.met, (long long)g->f.breached,
                 (long long)g->f.pending_end, (long long)g->f.overdue_end, g->f.has_median,
                 (long long)g->f.median_s, g->f.has_p90, (long long)g->f.p90_s,
                 (long long)r->f.received, (long long)r->f.resolved, (long long)r->f.rejected,
                 (long long)r->f.met, (long long)r->f.breached, (long long)r->f.pending_end,
                 (long long)r->f.overdue_end, r->f.has_median, (long long)r->f.median_s,
                 r->f.has_p90, (long long)r->f.p90_s);
}

/* Checks table t against the loop over [d0, d1); its XEN rows are those of
 * records registered before xen_end. */
static void ref_check(const nv_fig_table *t, const rnd_rec *recs, size_t n, int64_t d0, int64_t d1,
                      int64_t xen_end)
{
    ref_row xr[64], wr[16];
    size_t nx = 0, nw = 0;
    for (int i = 0; i < 6; i++)
        ref_get(xr, &nx, RND_ORG[2 * i + 1], RND_ORG[2 * i]);
    for (size_t i = 0; i < n; i++)
        if (recs[i].reg < xen_end) ref_get(xr, &nx, recs[i].wing, recs[i].xen);
    ref_row *all = ref_get(wr, &nw, "ALL", "");
    for (size_t i = 0; i < nx; i++)
        ref_get(wr, &nw, xr[i].wing, "");
    size_t nx0 = nx, nw0 = nw;
    for (size_t i = 0; i < n; i++) {
        const rnd_rec *x = &recs[i];
        ref_count(x, d0, d1, ref_get(xr, &nx, x->wing, x->xen));
        ref_count(x, d0, d1, ref_get(wr, &nw, x->wing, ""));
        ref_count(x, d0, d1, all);
        /* a record registered after d1 counts in no figure: its rows, if
         * just made, hold zeros and are dropped */
        if (nx > nx0) {
            assert_true(xr[nx - 1].f.received == 0 && xr[nx - 1].f.pending_end == 0 &&
                        xr[nx - 1].f.met + xr[nx - 1].f.breached + xr[nx - 1].f.resolved +
                                xr[nx - 1].f.rejected ==
                            0);
            free(xr[--nx].t);
        }
        if (nw > nw0) free(wr[--nw].t);
    }
    assert_int_equal(t->n_wing, nw);
    assert_int_equal(t->n, nw + nx);
    for (size_t i = 0; i < nx; i++)
        ref_compare(t, &xr[i]);
    for (size_t i = 0; i < nw; i++)
        ref_compare(t, &wr[i]);
    for (size_t i = 0; i < nx; i++)
        free(xr[i].t);
    for (size_t i = 0; i < nw; i++)
        free(wr[i].t);
}

static void ref_window(sqlite3 *db, const rnd_rec *recs, size_t n, int64_t d0, int64_t d1)
{
    nv_fig_table t;
    compute(db, d0, d1, &t);
    ref_check(&t, recs, n, d0, d1, d1);
    metrics_table_free(&t);
}

static void rnd_make(uint64_t *s, rnd_rec *x, int64_t base)
{
    static const char *const pairs[][2] = {{"TECHNICAL", "XEN-T01"},   {"TECHNICAL", "XEN-T02"},
                                           {"COMMERCIAL", "XEN-C01"},  {"TESTING", "XEN-M01"},
                                           {"PROJECT", "XEN-P01"},     {"TECHNICAL", "UNASSIGNED"},
                                           {"UNMAPPED", "UNASSIGNED"}, {"COMMERCIAL", "Z-99"}};
    static const char *const cats[] = {"NO_SUPPLY", "TRANSFORMER",           "BILLING",
                                       "METER",     "INDUSTRIAL_CONNECTION", "UNMAPPED"};
    int k = (int)rnd_in(s, 8);
    x->wing = pairs[k][0];
    x->xen = pairs[k][1];
    x->cat = cats[rnd_in(s, 6)];
    x->reg = base + rnd_in(s, 20 * 86400);
    if (rnd_in(s, 50) == 0) x->reg -= x->reg % 1800; /* on the half hour (and midnights) */
    x->has_due_col = rnd_in(s, 10) == 0;
    x->due = x->has_due_col && rnd_in(s, 3) ? x->reg + 3600 + rnd_in(s, 72 * 3600) : -1;
    int64_t st = rnd_in(s, 100);
    x->status = st < 30 ? "OPEN" : st < 85 ? "RESOLVED" : "REJECTED";
    x->disp = -1;
    if (st >= 30) {
        int64_t how = rnd_in(s, 100);
        int64_t dl = x->has_due_col ? x->due : x->reg + ref_hours(x->cat) * 3600;
        if (how < 3)
            x->disp = x->reg - 1 - rnd_in(s, 5 * 3600); /* anomaly */
        else if (how < 8 && dl >= 0)
            x->disp = dl; /* exactly at the deadline */
        else if (how < 10 && dl >= 0)
            x->disp = dl + 1; /* one second late */
        else
            x->disp = x->reg + rnd_in(s, (int64_t)(how % 2 ? 12 : 240) * 3600);
        /* some disposed exactly at an IST midnight: a day's first instant */
        int64_t mid = x->disp - (x->disp + 19800) % 86400;
        if (how >= 10 && mid >= x->reg && rnd_in(s, 8) == 0) x->disp = mid;
    }
}

static void test_random_vs_loop(void **state)
{
    (void)state;
    enum { N = 4000 };
    rnd_rec *recs = calloc(N, sizeof *recs);
    assert_non_null(recs);
    sqlite3 *db = fx_db();
    assert_non_null(db);
    assert_int_equal(fx_org(db, RND_ORG, 6), 0);
    uint64_t seed = 20241210;
    int64_t base = fx_ist(2024, 11, 20, 0, 0);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (size_t i = 0; i < N; i++) {
        rnd_rec *x = &recs[i];
        rnd_make(&seed, x, base);
        char id[16];
        snprintf(id, sizeof id, "R%zu", i);
        fx_rec r = {0};
        r.record_id = id;
        r.wing = x->wing;
        r.xen_id = x->xen;
        r.category = x->cat;
        r.status = x->status;
        r.registered = x->reg;
        r.has_disposed = x->disp >= 0;
        r.disposed = x->disp;
        r.has_due_col = x->has_due_col;
        r.has_due = x->due >= 0;
        r.due = x->due;
        assert_int_equal(fx_add(db, &r), 0);
    }
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    nv_profile p;
    nv_errbuf eb;
    assert_int_equal(profile_load("templates", "statutory", &p, &eb), NV_OK);
    fx_judge(db, &p);
    /* first without an index on (wing, xen_id, registered): the XEN rows are
     * then listed by a scan (fig_xens) */
    assert_int_equal(sqlite3_exec(db, "DROP INDEX IF EXISTS record_wing_xen", NULL, NULL, NULL),
                     SQLITE_OK);
    /* every single day from the day before the data to two days after it */
    for (int d = -1; d < 23; d++) {
        int64_t d0 = base + (int64_t)d * 86400;
        ref_window(db, recs, N, d0, d0 + 86400);
    }
    ref_window(db, recs, N, base + 3 * 86400, base + 10 * 86400);                  /* a week */
    ref_window(db, recs, N, fx_ist(2024, 12, 1, 0, 0), fx_ist(2024, 12, 9, 0, 0)); /* month */
    ref_window(db, recs, N, base - 10 * 86400, base + 20 * 86400);                 /* 30 days */
    ref_window(db, recs, N, base + 5 * 86400 + 3600, base + 5 * 86400 + 7200);     /* an hour */
    /* the same with the index: the XEN rows are then listed by a skip-scan
     * (fig_xens_skip) */
    assert_int_equal(sqlite3_exec(db, "CREATE INDEX test_wx ON record(wing, xen_id, registered)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (int d = -1; d < 23; d += 3) {
        int64_t d0 = base + (int64_t)d * 86400;
        ref_window(db, recs, N, d0, d0 + 86400);
    }
    ref_window(db, recs, N, base - 10 * 86400, base + 20 * 86400);
    /* a night's figures (figures_build: one day cube for every window of
     * the reports), on a day report and on a period report: each window and
     * each day of the cube against the loop; XEN rows are those found
     * before the end of the report */
    nv_tz ist = nvt_ist();
    int64_t D = nvt_local_day(&ist, base) + 12;
    for (int period = 0; period < 2; period++) {
        nv_figures fg;
        int64_t first = period ? D - 4 : D;
        assert_int_equal(figures_build(db, &ist, first, D, &fg, &eb), NV_OK);
        int64_t end = nvt_local_day_start(&ist, D + 1);
        for (int w = 0; w < NV_FIG_N; w++)
            ref_check(figures_table(&fg, w), recs, N, fg.w[w].t0, fg.w[w].t1, end);
        for (int64_t day = fg.cube_first; day <= D; day++) {
            nv_fig_table t;
            assert_int_equal(figures_days_table(&fg, day, day, &t, &eb), NV_OK);
            ref_check(&t, recs, N, nvt_local_day_start(&ist, day),
                      nvt_local_day_start(&ist, day + 1), end);
            nv_figs f;
            figures_days(&fg, "TECHNICAL", day, day, &f);
            const nv_fig_row *row = metrics_find(&t, "TECHNICAL", "");
            assert_non_null(row);
            assert_int_equal(f.received, row->f.received);
            assert_int_equal(f.met, row->f.met);
            assert_int_equal(f.pending_end, row->f.pending_end);
            metrics_table_free(&t);
        }
        figures_free(&fg);
    }
    free(recs);
    db_close(db);
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* The i-th of n test times of kind k (seed: the generator's state). */
static int64_t pctl_time(int k, size_t i, size_t n, uint64_t *seed)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    int64_t v = (int64_t)(*seed >> 33);
    switch (k) {
    case 0:
        return v % 1000000; /* random */
    case 1:
        return v % 5; /* many equal */
    case 2:
        return (int64_t)i; /* sorted */
    case 3:
        return (int64_t)(n - i); /* reversed */
    case 4:
        return v % 7 == 0 ? v * 1000 : 60; /* one bucket, far outliers */
    case 5:
        return v % 2 ? INT64_MAX - v : INT64_MIN + v; /* the widest range */
    default:
        return 3600 + v % 100; /* the two ranks in one bucket */
    }
}

/* metrics_figs_pctl() (a selection, or buckets then a selection above
 * 2,048 times) against a sorted copy read at the nearest ranks ceil(n/2)
 * and ceil(9n/10), on inputs that exercise its paths: short runs, long
 * random runs, many equal times, sorted and reversed runs, a range held by
 * outliers, the whole int64 range. */
static void test_pctl_selection(void **state)
{
    (void)state;
    enum { MAXN = 60000 };
    static int64_t t[MAXN];
    static long long ref[MAXN];
    uint64_t seed = 12345;
    for (int kind = 0; kind < 7; kind++)
        for (size_t n = 1; n < MAXN; n = n < 40 ? n + 1 : n * 3 / 2) {
            for (size_t i = 0; i < n; i++) {
                t[i] = pctl_time(kind, i, n, &seed);
                ref[i] = (long long)t[i];
            }
            qsort(ref, n, sizeof *ref, cmp_ll);
            nv_figs f;
            memset(&f, 0, sizeof f);
            metrics_figs_pctl(&f, t, n);
            assert_int_equal(f.has_median, 1);
            assert_int_equal(f.median_s, ref[(n + 1) / 2 - 1]);
            assert_int_equal(f.p90_s, ref[(9 * n + 9) / 10 - 1]);
            /* t is a reordering of the times: its sorted copy is ref */
            qsort(t, n, sizeof *t, cmp_ll);
            for (size_t i = 0; i < n; i++)
                assert_int_equal(t[i], ref[i]);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_judgement),
        cmocka_unit_test(test_day_figures),
        cmocka_unit_test(test_next_day_judged_once),
        cmocka_unit_test(test_pooled),
        cmocka_unit_test(test_nearest_rank_10),
        cmocka_unit_test(test_pctl_selection),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_due_dates),
        cmocka_unit_test(test_profile_change),
        cmocka_unit_test(test_statutory),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_open_data),
        cmocka_unit_test(test_random_vs_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
