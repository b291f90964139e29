/* test_compensation.c — compensation owed to consumers (COMPENSATION.md):
 * the clock, the rates, owed and accruing, the sums and the ledger, checked
 * against amounts worked out by hand (in the comments); and numfmt_group's
 * digit grouping. Statutory limits (METRICS.md): NO_SUPPLY 4 h,
 * LINE_BREAKDOWN and TRANSFORMER 6 h, METER 168 h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "nivaran/compute/compensation.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/core/numfmt.h"
#include "nivaran/compute/profile.h"

#define H 3600
#define DAY 86400

static void judge(sqlite3 *db, const char *profile)
{
    nv_profile p;
    nv_errbuf eb;
    assert_int_equal(profile_load("templates", profile, &p, &eb), NV_OK);
    nv_err e = metrics_judge(db, &p, &eb);
    if (e) fprintf(stderr, "judge: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

static void load_kesco(nv_comp *c)
{
    nv_errbuf eb;
    int found = 0;
    memset(c, 0, sizeof *c);
    nv_err e = comp_load("templates", "KESCO", &c->sched, &found, &eb);
    if (e) fprintf(stderr, "comp_load: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    assert_int_equal(found, 1);
}

static void compute(sqlite3 *db, int64_t d0, int64_t d1, int64_t m0, nv_comp *c)
{
    nv_errbuf eb;
    nv_err e = comp_compute(db, d0, d1, m0, c, &eb);
    if (e) fprintf(stderr, "comp_compute: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

static void set_sql(sqlite3 *db, const char *sql)
{
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* ---- the schedule ---- */

/* Every category's rate and statutory limit: the tables of COMPENSATION.md
 * and METRICS.md, typed in here, not read from the templates. */
static void test_rates(void **state)
{
    (void)state;
    static const struct {
        const char *cat;
        int64_t rate;
        double hours;
    } t[] = {
        {"NO_SUPPLY", 50, 4},
        {"LINE_BREAKDOWN", 100, 6},
        {"TRANSFORMER", 150, 6},
        {"VOLTAGE", 100, 240},
        {"METER", 50, 168},
        {"SMART_METER", 50, 168},
        {"BILLING", 50, 168},
        {"PAYMENT", 50, 168},
        {"NEW_CONNECTION", 100, 168},
        {"LOAD_CHANGE", 50, 168},
        {"SAFETY", 0, 0},
        {"DISCONNECTION", 0, 0},
        {"NAME_CHANGE", 0, 0},
        {"CATEGORY_CHANGE", 0, 0},
        {"INDUSTRIAL_CONNECTION", 0, 0},
        {"UNMAPPED", 0, 0},
        {"Noise - Residential", 0, 0},
    };
    nv_comp c;
    load_kesco(&c);
    assert_int_equal(c.sched.n, 10);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        double h = -1;
        int64_t r = comp_rate(&c.sched, t[i].cat, &h);
        if (r != t[i].rate) fprintf(stderr, "%s: rate %lld\n", t[i].cat, (long long)r);
        assert_int_equal(r, t[i].rate);
        if (t[i].rate) assert_true(h == t[i].hours);
    }
}

static void test_no_schedule(void **state)
{
    (void)state;
    nv_comp_schedule s;
    nv_errbuf eb;
    int found = 1;
    assert_int_equal(comp_load("templates", "City of Boston", &s, &found, &eb), NV_OK);
    assert_int_equal(found, 0);
    found = 1;
    assert_int_equal(comp_load("/nonexistent", "KESCO", &s, &found, &eb), NV_OK);
    assert_int_equal(found, 0);
}

static void test_bad_schedule(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv-comp-XXXXXX", sub[64], path[96];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/compensation", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/x.ini", sub);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[compensation]\norganisation = KESCO\n[rates]\nNO_SUPPLY = 12.5\n", f);
    fclose(f);
    nv_comp_schedule s;
    nv_errbuf eb;
    int found = 1;
    assert_int_equal(comp_load(dir, "KESCO", &s, &found, &eb), NV_ERR_CONFIG);
    assert_int_equal(found, 0);
    assert_non_null(strstr(eb.msg, "x.ini:4"));
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}

/* ---- the clock: days_late = ceil(late / 24 h) ---- */

static void test_days_late(void **state)
{
    (void)state;
    static const struct {
        int64_t late; /* end - deadline, seconds */
        int64_t days;
    } t[] = {
        {-5 * H, 0},  {0, 0},       {1, 1},           {DAY - 1, 1},   {DAY, 1},
        {DAY + 1, 2}, {2 * DAY, 2}, {2 * DAY + 1, 3}, {30 * DAY, 30},
    };
    int64_t base = fx_ist(2024, 12, 10, 6, 0);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        assert_int_equal(comp_days_late(base + t[i].late, base), t[i].days);
}

/* The hand-worked fixture. Report day D = 2024-12-10 (IST): d0 = Dec 10
 * 00:00, d1 = Dec 11 00:00; month from Dec 1 00:00.
 *   id   cat             reg            end                       late      days  Rs
 *   A1   NO_SUPPLY       Dec10 02:00    res Dec10 06:00            0 (at the deadline) -
 *   A2   NO_SUPPLY       Dec10 02:00    res Dec10 06:00:01         1 s        1    50  returned x2
 *   B1   NO_SUPPLY       Dec09 01:00    res Dec10 05:00            24 h       1    50
 *   B2   NO_SUPPLY       Dec09 01:00    res Dec10 05:00:01         24 h+1 s   2   100
 *   D1   METER (COMM.)   Dec01 00:00    res Dec10 00:00            48 h       2   100
 *   C1   LINE_BREAKDOWN  Dec09 12:00    open at d1                 30 h       2   200 accruing
 *   C2   TRANSFORMER     Dec10 10:00    res Dec12 (after d1): d1   8 h        1   150 accruing
 *   M1   NO_SUPPLY       Dec03 00:00    res Dec03 10:00            6 h        1    50 month only
 *   M0   NO_SUPPLY       Nov30 00:00    res Nov30 10:00            6 h        1    50 neither
 *   R1   NO_SUPPLY       Dec09 00:00    REJECTED Dec10 12:00       -          -     -
 *   TA   NO_SUPPLY       Dec10 12:00    res Dec10 08:00 (anomaly)  -          -     -
 *   S1   SAFETY          Dec09 00:00    res Dec10 12:00            not compensable
 *   N1   NAME_CHANGE     Nov01 00:00    open                       not compensable
 * Period: owed A2 B1 B2 D1 = 4 records Rs 300 (TECHNICAL 3 / 200, COMMERCIAL
 * 1 / 100; on returned records 1 / 50); accruing C1 C2 = 2 / Rs 350.
 * Month: owed + M1 = 5 / Rs 350; accruing the same 2 / Rs 350. */
static sqlite3 *clock_db(void)
{
    sqlite3 *db = fx_db();
    assert_non_null(db);
    static const char *const org[] = {"XEN-T01", "TECHNICAL",  "XEN-T02", "TECHNICAL",
                                      "XEN-C01", "COMMERCIAL", "XEN-S01", "TESTING"};
    assert_int_equal(fx_org(db, org, 4), 0);
    const struct {
        const char *id, *cat, *wing, *xen, *status;
        int64_t reg, disp;
        int has_disp;
    } t[] = {
        {"A1", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 10, 2, 0),
         fx_ist(2024, 12, 10, 6, 0), 1},
        {"A2", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 10, 2, 0),
         fx_ist(2024, 12, 10, 6, 0) + 1, 1},
        {"B1", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 9, 1, 0),
         fx_ist(2024, 12, 10, 5, 0), 1},
        {"B2", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 9, 1, 0),
         fx_ist(2024, 12, 10, 5, 0) + 1, 1},
        {"D1", "METER", "COMMERCIAL", "XEN-C01", "RESOLVED", fx_ist(2024, 12, 1, 0, 0),
         fx_ist(2024, 12, 10, 0, 0), 1},
        {"C1", "LINE_BREAKDOWN", "TECHNICAL", "XEN-T01", "OPEN", fx_ist(2024, 12, 9, 12, 0), 0, 0},
        {"C2", "TRANSFORMER", "TECHNICAL", "XEN-T02", "RESOLVED", fx_ist(2024, 12, 10, 10, 0),
         fx_ist(2024, 12, 12, 9, 0), 1},
        {"M1", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 3, 0, 0),
         fx_ist(2024, 12, 3, 10, 0), 1},
        {"M0", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 11, 30, 0, 0),
         fx_ist(2024, 11, 30, 10, 0), 1},
        {"R1", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "REJECTED", fx_ist(2024, 12, 9, 0, 0),
         fx_ist(2024, 12, 10, 12, 0), 1},
        {"TA", "NO_SUPPLY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 10, 12, 0),
         fx_ist(2024, 12, 10, 8, 0), 1},
        {"S1", "SAFETY", "TECHNICAL", "XEN-T01", "RESOLVED", fx_ist(2024, 12, 9, 0, 0),
         fx_ist(2024, 12, 10, 12, 0), 1},
        {"N1", "NAME_CHANGE", "COMMERCIAL", "XEN-C01", "OPEN", fx_ist(2024, 11, 1, 0, 0), 0, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        fx_rec r = {.record_id = t[i].id,
                    .category = t[i].cat,
                    .wing = t[i].wing,
                    .xen_id = t[i].xen,
                    .status = t[i].status,
                    .registered = t[i].reg,
                    .disposed = t[i].disp,
                    .has_disposed = t[i].has_disp,
                    .account = "=HYPERLINK(1)"};
        if (!strcmp(t[i].id, "B1")) r.account = "-42";
        if (!strcmp(t[i].id, "B2")) r.account = NULL;
        assert_int_equal(fx_add(db, &r), 0);
    }
    set_sql(db, "UPDATE record SET return_count = 2 WHERE record_id = 'A2'");
    return db;
}

static void expect_sum(const nv_comp_sum *s, int64_t owed_n, int64_t owed_rs, int64_t acc_n,
                       int64_t acc_rs)
{
    assert_int_equal(s->owed_records, owed_n);
    assert_int_equal(s->owed_rupees, owed_rs);
    assert_int_equal(s->accruing_records, acc_n);
    assert_int_equal(s->accruing_rupees, acc_rs);
}

static const nv_comp_group *group(const nv_comp_window *w, const char *wing, const char *xen)
{
    const nv_comp_group *g = comp_find(w, wing, xen);
    if (!g) fprintf(stderr, "no group %s %s\n", wing, xen);
    assert_non_null(g);
    return g;
}

static void test_clock(void **state)
{
    (void)state;
    sqlite3 *db = clock_db();
    judge(db, "md-24h");
    nv_comp c;
    load_kesco(&c);
    int64_t d0 = fx_ist(2024, 12, 10, 0, 0), d1 = fx_ist(2024, 12, 11, 0, 0);
    compute(db, d0, d1, fx_ist(2024, 12, 1, 0, 0), &c);
    expect_sum(&c.period.all, 4, 300, 2, 350);
    assert_int_equal(c.period.all.owed_returned_records, 1);
    assert_int_equal(c.period.all.owed_returned_rupees, 50);
    expect_sum(&c.month.all, 5, 350, 2, 350);
    /* wings: ALL, COMMERCIAL, TECHNICAL, TESTING (zeros included), sorted */
    assert_int_equal(c.period.n_wings, 4);
    assert_string_equal(c.period.wings[0].wing, "ALL");
    assert_string_equal(c.period.wings[1].wing, "COMMERCIAL");
    assert_string_equal(c.period.wings[3].wing, "TESTING");
    expect_sum(&group(&c.period, "TECHNICAL", "")->s, 3, 200, 2, 350);
    expect_sum(&group(&c.period, "COMMERCIAL", "")->s, 1, 100, 0, 0);
    expect_sum(&group(&c.period, "TESTING", "")->s, 0, 0, 0, 0);
    expect_sum(&group(&c.month, "TECHNICAL", "")->s, 4, 250, 2, 350);
    expect_sum(&group(&c.period, "TECHNICAL", "XEN-T01")->s, 3, 200, 1, 200);
    expect_sum(&group(&c.period, "TECHNICAL", "XEN-T02")->s, 0, 0, 1, 150);
    expect_sum(&group(&c.month, "TECHNICAL", "XEN-T01")->s, 4, 250, 1, 200);
    expect_sum(&group(&c.period, "TESTING", "XEN-S01")->s, 0, 0, 0, 0);
    /* the ledger: owed by record_id, then accruing */
    static const struct {
        const char *id;
        int accruing;
        int64_t days, rate, rupees;
    } want[] = {{"A2", 0, 1, 50, 50},  {"B1", 0, 1, 50, 50},   {"B2", 0, 2, 50, 100},
                {"D1", 0, 2, 50, 100}, {"C1", 1, 2, 100, 200}, {"C2", 1, 1, 150, 150}};
    assert_int_equal(c.n_rows, 6);
    for (size_t i = 0; i < 6; i++) {
        const nv_comp_row *r = &c.rows[i];
        assert_string_equal(r->record_id, want[i].id);
        assert_int_equal(r->accruing, want[i].accruing);
        assert_int_equal(r->days_late, want[i].days);
        assert_int_equal(r->rupees_per_day, want[i].rate);
        assert_int_equal(r->rupees, want[i].rupees);
        assert_int_equal(r->has_disposed, !want[i].accruing);
    }
    /* B2: deadline Dec 9 05:00, pay by Dec 10 05:00:01 + 60 days */
    assert_int_equal(c.rows[2].sop_deadline, fx_ist(2024, 12, 9, 5, 0));
    assert_int_equal(c.rows[2].pay_by, fx_ist(2025, 2, 8, 5, 0) + 1);
    assert_int_equal(c.rows[0].returned, 2);
    assert_null(c.rows[2].account);
    comp_free(&c);
    db_close(db);
}

/* The same night judged under md-24h and under statutory: the same ledger
 * and sums (compensation always runs on the statutory clock). */
static void test_profile_independent(void **state)
{
    (void)state;
    sqlite3 *db = clock_db();
    int64_t d0 = fx_ist(2024, 12, 10, 0, 0), d1 = fx_ist(2024, 12, 11, 0, 0);
    int64_t m0 = fx_ist(2024, 12, 1, 0, 0);
    nv_comp a, b;
    judge(db, "md-24h");
    load_kesco(&a);
    compute(db, d0, d1, m0, &a);
    judge(db, "statutory");
    load_kesco(&b);
    compute(db, d0, d1, m0, &b);
    assert_int_equal(a.n_rows, 6);
    assert_int_equal(a.n_rows, b.n_rows);
    assert_memory_equal(&a.period.all, &b.period.all, sizeof a.period.all);
    assert_memory_equal(&a.month.all, &b.month.all, sizeof a.month.all);
    for (size_t i = 0; i < a.n_rows; i++) {
        assert_string_equal(a.rows[i].record_id, b.rows[i].record_id);
        assert_int_equal(a.rows[i].rupees, b.rows[i].rupees);
        assert_int_equal(a.rows[i].sop_deadline, b.rows[i].sop_deadline);
    }
    comp_free(&a);
    comp_free(&b);
    db_close(db);
}

/* Each compensable category, resolved one second past its statutory limit
 * on the report day: one day late, its rate (the spec's table). */
static void test_every_rate(void **state)
{
    (void)state;
    static const struct {
        const char *cat, *wing;
        double hours;
        int64_t rate;
    } t[] = {
        {"NO_SUPPLY", "TECHNICAL", 4, 50},
        {"LINE_BREAKDOWN", "TECHNICAL", 6, 100},
        {"TRANSFORMER", "TECHNICAL", 6, 150},
        {"VOLTAGE", "TECHNICAL", 240, 100},
        {"METER", "TESTING", 168, 50},
        {"SMART_METER", "TESTING", 168, 50},
        {"BILLING", "COMMERCIAL", 168, 50},
        {"PAYMENT", "COMMERCIAL", 168, 50},
        {"NEW_CONNECTION", "COMMERCIAL", 168, 100},
        {"LOAD_CHANGE", "COMMERCIAL", 168, 50},
        {"SAFETY", "TECHNICAL", 4, 0},
        {"DISCONNECTION", "COMMERCIAL", 24, 0},
    };
    sqlite3 *db = fx_db();
    assert_non_null(db);
    int64_t d0 = fx_ist(2024, 12, 10, 0, 0), end = d0 + 12 * H + 1;
    char ids[16][8];
    int64_t total = 0;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        snprintf(ids[i], sizeof ids[i], "R%02zu", i);
        fx_rec r = {.record_id = ids[i],
                    .category = t[i].cat,
                    .wing = t[i].wing,
                    .xen_id = "X",
                    .status = "RESOLVED",
                    .registered = d0 + 12 * H - (int64_t)(t[i].hours * H),
                    .disposed = end,
                    .has_disposed = 1};
        assert_int_equal(fx_add(db, &r), 0);
        total += t[i].rate;
    }
    judge(db, "md-24h");
    nv_comp c;
    load_kesco(&c);
    compute(db, d0, d0 + DAY, d0 - 9 * DAY, &c);
    assert_int_equal(c.n_rows, 10);
    assert_int_equal(total, 750);
    expect_sum(&c.period.all, 10, 750, 0, 0);
    for (size_t i = 0; i < c.n_rows; i++) {
        size_t k = (size_t)atoi(c.rows[i].record_id + 1);
        assert_string_equal(c.rows[i].category, t[k].cat);
        assert_int_equal(c.rows[i].days_late, 1);
        assert_int_equal(c.rows[i].rupees, t[k].rate);
    }
    /* no org chart: the wings and XENs of the rows */
    assert_non_null(comp_find(&c.period, "TESTING", ""));
    expect_sum(&group(&c.period, "COMMERCIAL", "X")->s, 4, 250, 0, 0);
    comp_free(&c);
    db_close(db);
}

/* No records, no org chart: no ledger, one ALL row of zeros. */
static void test_empty(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    nv_comp c;
    load_kesco(&c);
    int64_t d0 = fx_ist(2024, 12, 10, 0, 0);
    compute(db, d0, d0 + DAY, fx_ist(2024, 12, 1, 0, 0), &c);
    assert_int_equal(c.n_rows, 0);
    assert_int_equal(c.period.n_wings, 1);
    assert_string_equal(c.period.wings[0].wing, "ALL");
    expect_sum(&c.period.all, 0, 0, 0, 0);
    expect_sum(&c.month.all, 0, 0, 0, 0);
    assert_int_equal(c.month.n_xens, 0);
    comp_free(&c);
    db_close(db);
}

/* ---- the CSV files ---- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_csv(void **state)
{
    (void)state;
    sqlite3 *db = clock_db();
    judge(db, "md-24h");
    nv_comp c;
    load_kesco(&c);
    int64_t d0 = fx_ist(2024, 12, 10, 0, 0);
    compute(db, d0, d0 + DAY, fx_ist(2024, 12, 1, 0, 0), &c);
    char dir[] = "/tmp/nv-compcsv-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    nv_tz ist = nvt_ist();
    nv_errbuf eb;
    assert_int_equal(comp_write_csv(&c, dir, &ist, "2024-12-10", 1, &eb), NV_OK);
    snprintf(path, sizeof path, "%s/internal/compensation.csv", dir);
    const char *s = slurp(path);
    const char *want_ledger =
        "\xEF\xBB\xBF"
        "status,record_id,source,account,category,wing,xen_id,registered,sop_deadline,disposed,"
        "days_late,rupees_per_day,rupees,pay_by,returned_to_applicant\n"
        "owed,A2,1912,'=HYPERLINK(1),NO_SUPPLY,TECHNICAL,XEN-T01,2024-12-10T02:00:00+05:30,"
        "2024-12-10T06:00:00+05:30,2024-12-10T06:00:01+05:30,1,50,50,2025-02-08T06:00:01+05:30,2\n"
        "owed,B1,1912,-42,NO_SUPPLY,TECHNICAL,XEN-T01,2024-12-09T01:00:00+05:30,"
        "2024-12-09T05:00:00+05:30,2024-12-10T05:00:00+05:30,1,50,50,2025-02-08T05:00:00+05:30,0\n"
        "owed,B2,1912,,NO_SUPPLY,TECHNICAL,XEN-T01,2024-12-09T01:00:00+05:30,"
        "2024-12-09T05:00:00+05:30,2024-12-10T05:00:01+05:30,2,50,100,2025-02-08T05:00:01+05:30,0\n"
        "owed,D1,1912,'=HYPERLINK(1),METER,COMMERCIAL,XEN-C01,2024-12-01T00:00:00+05:30,"
        "2024-12-08T00:00:00+05:30,2024-12-10T00:00:00+05:30,2,50,100,2025-02-08T00:00:00+05:30,0\n"
        "accruing,C1,1912,'=HYPERLINK(1),LINE_BREAKDOWN,TECHNICAL,XEN-T01,"
        "2024-12-09T12:00:00+05:30,2024-12-09T18:00:00+05:30,,2,100,200,,0\n"
        "accruing,C2,1912,'=HYPERLINK(1),TRANSFORMER,TECHNICAL,XEN-T02,"
        "2024-12-10T10:00:00+05:30,2024-12-10T16:00:00+05:30,,1,150,150,,0\n";
    assert_string_equal(s, want_ledger);
    snprintf(path, sizeof path, "%s/open-data/compensation_by_wing.csv", dir);
    s = slurp(path);
    assert_string_equal(s, "report_date,wing,owed_records,owed_rupees,accruing_records,"
                           "accruing_rupees\n"
                           "2024-12-10,ALL,4,300,2,350\n"
                           "2024-12-10,COMMERCIAL,1,100,0,0\n"
                           "2024-12-10,TECHNICAL,3,200,2,350\n"
                           "2024-12-10,TESTING,0,0,0,0\n");
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    comp_free(&c);
    db_close(db);
}

/* ---- numfmt ---- */

static void test_numfmt(void **state)
{
    (void)state;
    static const struct {
        int64_t v;
        const char *indian, *western;
    } t[] = {
        {0, "0", "0"},
        {7, "7", "7"},
        {999, "999", "999"},
        {1000, "1,000", "1,000"},
        {12345, "12,345", "12,345"},
        {123450, "1,23,450", "123,450"},
        {1234567, "12,34,567", "1,234,567"},
        {10000000, "1,00,00,000", "10,000,000"},
        {-123450, "-1,23,450", "-123,450"},
        {INT64_MIN, "-92,23,37,20,36,85,47,75,808", "-9,223,372,036,854,775,808"},
        {INT64_MAX, "92,23,37,20,36,85,47,75,807", "9,223,372,036,854,775,807"},
    };
    char b[NUMFMT_MAX];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        assert_int_equal(numfmt_group(t[i].v, NUMFMT_INDIAN, b, sizeof b), strlen(t[i].indian));
        assert_string_equal(b, t[i].indian);
        assert_int_equal(numfmt_group(t[i].v, NUMFMT_WESTERN, b, sizeof b), strlen(t[i].western));
        assert_string_equal(b, t[i].western);
    }
    assert_int_equal(numfmt_group(123450, NUMFMT_INDIAN, b, 8), -1); /* "1,23,450" needs 9 */
    assert_string_equal(b, "");
    assert_int_equal(numfmt_group(123450, NUMFMT_INDIAN, b, 9), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates),        cmocka_unit_test(test_no_schedule),
        cmocka_unit_test(test_bad_schedule), cmocka_unit_test(test_days_late),
        cmocka_unit_test(test_clock),        cmocka_unit_test(test_profile_independent),
        cmocka_unit_test(test_every_rate),   cmocka_unit_test(test_empty),
        cmocka_unit_test(test_csv),          cmocka_unit_test(test_numfmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
