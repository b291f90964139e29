/* test_service.c — the service figures of the MD's page 1 (service.h,
 * METRICS.md "Service figures") on hand-worked cases: each case is a few
 * records, the report day 2024-12-10 (IST), and the figures worked out by
 * hand from the definitions (num / den and the one-decimal text), not from
 * the code. Also: which layouts of the real templates carry each field,
 * and the backlog's age bands at the end of the day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/service.h"
#include "nivaran/store/queries.h"

/* One record: layout, application?, status, registered and disposed as IST
 * "YYYY-MM-DD HH:MM" (disposed NULL: open), OTP_VERIFIED (-1 empty, 0 N,
 * 1 Y), FEEDBACK (NULL empty), REOPEN_COUNT. */
typedef struct {
    const char *layout;
    int app;
    const char *status, *reg, *disp;
    int otp;
    const char *feedback;
    int reopen;
} srec;

/* Expected figures: num, den and the text ("" = empty) of each figure in
 * the order OTP, reopened, satisfied; and the complaints resolved. */
typedef struct {
    int64_t num, den;
    const char *text;
} sfig;

typedef struct {
    const char *name;
    srec rec[10];
    sfig want[NV_SVC_N];
    int64_t resolved;
} scase;

static int64_t ist(const char *s)
{
    int y, mo, d, h, mi;
    if (sscanf(s, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5) return 0;
    return fx_ist(y, mo, d, h, mi);
}

static void add(sqlite3 *db, const srec *r, int k)
{
    static const char *sql =
        "INSERT INTO record(source, record_id, layout, is_application, category, wing, xen_id,"
        " raw_status, status, registered, disposed, last_updated, otp_verified, feedback,"
        " reopen_count, time_anomaly, raw, load_id, line)"
        " VALUES ('1912', ?1, ?2, ?3, 'NO_SUPPLY', 'TECHNICAL', 'XEN_A', ?4, ?4, ?5, ?6,"
        " coalesce(?6, ?5), ?7, ?8, ?9, coalesce(?6 < ?5, 0), '', 0, 0)";
    sqlite3_stmt *st = NULL;
    char id[32];
    snprintf(id, sizeof id, "R%d", k);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->layout, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->app);
    sqlite3_bind_text(st, 4, r->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, ist(r->reg));
    if (r->disp) sqlite3_bind_int64(st, 6, ist(r->disp));
    if (r->otp >= 0) sqlite3_bind_int(st, 7, r->otp);
    sqlite3_bind_text(st, 8, r->feedback, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 9, r->reopen);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* kesco_1912 carries the three fields; jhatpat and boston311 none of them
 * (as their templates: tested below against the real ones). */
static void carry_kesco(nv_service *s)
{
    memset(s, 0, sizeof *s);
    for (int f = 0; f < NV_SVC_N; f++) {
        s->carry[f].n = 1;
        snprintf(s->carry[f].layout[0], SVC_NAME_MAX, "kesco_1912");
    }
}

#define K "kesco_1912"
#define D "2024-12-10"

static const scase CASES[] = {
    {"four closures on the day: Y, Y, N, empty OTP; reopened twice and once; two of three "
     "feedbacks satisfied",
     {{K, 0, "RESOLVED", "2024-12-09 20:00", D " 09:00", 1, "SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 10:00", 1, "NOT SATISFIED", 2},
      {K, 0, "RESOLVED", "2024-12-10 02:00", D " 11:00", 0, NULL, 0},
      {K, 0, "RESOLVED", "2024-12-10 03:00", D " 23:59", -1, "SATISFIED", 1}},
     {{2, 3, "66.7"}, {2, 4, "50.0"}, {2, 3, "66.7"}},
     4},
    {"nothing resolved: every figure empty",
     {{K, 0, "OPEN", "2024-12-10 01:00", NULL, -1, NULL, 0}},
     {{0, 0, ""}, {0, 0, ""}, {0, 0, ""}},
     0},
    {"fields empty on every closure: OTP and feedback empty, reopened 0.0",
     {{K, 0, "RESOLVED", "2024-12-10 01:00", D " 05:00", -1, NULL, 0},
      {K, 0, "RESOLVED", "2024-12-10 02:00", D " 06:00", -1, NULL, 0}},
     {{0, 0, ""}, {0, 2, "0.0"}, {0, 0, ""}},
     2},
    {"applications take no part, even in a layout that carries the fields",
     {{K, 1, "RESOLVED", "2024-12-10 01:00", D " 05:00", 1, "SATISFIED", 3},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 05:00", 0, "NOT SATISFIED", 0}},
     {{0, 1, "0.0"}, {0, 1, "0.0"}, {0, 1, "0.0"}},
     1},
    {"resolved on another day: 23:59 the day before and 00:00 the day after are out, 00:00 "
     "of the day is in",
     {{K, 0, "RESOLVED", "2024-12-08 10:00", "2024-12-09 23:59", 1, "SATISFIED", 1},
      {K, 0, "RESOLVED", "2024-12-10 10:00", "2024-12-11 00:00", 1, "SATISFIED", 1},
      {K, 0, "RESOLVED", "2024-12-09 10:00", D " 00:00", 0, "NOT SATISFIED", 0}},
     {{0, 1, "0.0"}, {0, 1, "0.0"}, {0, 1, "0.0"}},
     1},
    {"rejections and open records take no part",
     {{K, 0, "REJECTED", "2024-12-10 01:00", D " 05:00", 1, "SATISFIED", 1},
      {K, 0, "OPEN", "2024-12-10 01:00", NULL, 1, "SATISFIED", 1},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 05:00", 1, "SATISFIED", 0}},
     {{1, 1, "100.0"}, {0, 1, "0.0"}, {1, 1, "100.0"}},
     1},
    {"a layout that does not carry the fields: counted as resolved, in no figure (its "
     "REOPEN_COUNT 0 is no answer)",
     {{"boston311", 0, "RESOLVED", "2024-12-10 01:00", D " 05:00", -1, NULL, 0},
      {"boston311", 0, "RESOLVED", "2024-12-10 01:00", D " 06:00", -1, NULL, 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 07:00", 1, "SATISFIED", 1}},
     {{1, 1, "100.0"}, {1, 1, "100.0"}, {1, 1, "100.0"}},
     3},
    {"a time anomaly (disposed before registered) takes no part",
     {{K, 0, "RESOLVED", "2024-12-10 12:00", D " 05:00", 1, "SATISFIED", 1},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 06:00", 0, "NOT SATISFIED", 0}},
     {{0, 1, "0.0"}, {0, 1, "0.0"}, {0, 1, "0.0"}},
     1},
    {"rounding half away from zero: 1 of 8 = 12.5, 1 of 16 = 6.25 -> 6.3, 1 of 6 = 16.67 -> "
     "16.7",
     {{K, 0, "RESOLVED", "2024-12-10 01:00", D " 01:10", 1, "SATISFIED", 1},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 01:20", 0, "NOT SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 01:30", 0, "NOT SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 01:40", 0, "NOT SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 01:50", 0, "NOT SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 02:00", 0, "NOT SATISFIED", 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 02:10", 0, NULL, 0},
      {K, 0, "RESOLVED", "2024-12-10 01:00", D " 02:20", 0, NULL, 0}},
     {{1, 8, "12.5"}, {1, 8, "12.5"}, {1, 6, "16.7"}},
     8},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        const scase *k = &CASES[c];
        sqlite3 *db = fx_db();
        assert_non_null(db);
        for (int i = 0; i < 10 && k->rec[i].layout; i++)
            add(db, &k->rec[i], i);
        nv_service s;
        nv_svc_ratio got[NV_SVC_N];
        int64_t resolved = -1;
        nv_errbuf eb;
        carry_kesco(&s);
        assert_int_equal(
            service_count(db, &s, ist(D " 00:00"), ist("2024-12-11 00:00"), got, &resolved, &eb),
            NV_OK);
        for (int f = 0; f < NV_SVC_N; f++) {
            char txt[32];
            service_fmt_pct(&got[f], txt);
            if (got[f].num != k->want[f].num || got[f].den != k->want[f].den ||
                strcmp(txt, k->want[f].text) != 0)
                fail_msg("case %zu (%s), figure %d: got %lld of %lld '%s', want %lld of %lld '%s'",
                         c, k->name, f, (long long)got[f].num, (long long)got[f].den, txt,
                         (long long)k->want[f].num, (long long)k->want[f].den, k->want[f].text);
        }
        if (resolved != k->resolved)
            fail_msg("case %zu (%s): resolved %lld, want %lld", c, k->name, (long long)resolved,
                     (long long)k->resolved);
        db_close(db);
    }
}

/* The real templates: KESCO's 1912 layout alone carries the three fields
 * (Jhatpat and Nivesh Mitra carry none); no city's 311 layout carries any. */
static void test_carry(void **state)
{
    (void)state;
    nv_service s;
    nv_errbuf eb;
    assert_int_equal(service_carry_load("templates", "KESCO", &s, &eb), NV_OK);
    for (int f = 0; f < NV_SVC_N; f++) {
        assert_int_equal(s.carry[f].n, 1);
        assert_string_equal(s.carry[f].layout[0], "kesco_1912");
        assert_string_equal(s.carry[f].sources, "1912");
    }
    static const char *cities[] = {"City of Boston", "New York City", "City of Los Angeles",
                                   "Baltimore City"};
    for (int c = 0; c < 4; c++) {
        assert_int_equal(service_carry_load("templates", cities[c], &s, &eb), NV_OK);
        for (int f = 0; f < NV_SVC_N; f++)
            assert_int_equal(s.carry[f].n, 0);
    }
    assert_int_equal(service_carry_load("templates", NULL, &s, &eb), NV_OK);
    assert_int_equal(s.carry[0].n, 0);
}

/* service_build: the day and the day before, and the backlog at the end of
 * the day by age band (d1 - registered: under 24 h, 24-48 h, 2-7 days,
 * 7 days and more), worked out by hand: d1 = 2024-12-11 00:00. */
static void test_build(void **state)
{
    (void)state;
    static const srec recs[] = {
        {K, 0, "OPEN", "2024-12-10 00:01", NULL, -1, NULL, 0}, /* 23.98 h: band 0 */
        {K, 0, "OPEN", "2024-12-10 00:00", NULL, -1, NULL, 0}, /* 24 h: band 1 */
        {K, 0, "OPEN", "2024-12-09 00:01", NULL, -1, NULL, 0}, /* 47.98 h: band 1 */
        {K, 0, "OPEN", "2024-12-09 00:00", NULL, -1, NULL, 0}, /* 48 h: band 2 */
        {K, 0, "OPEN", "2024-12-04 00:01", NULL, -1, NULL, 0}, /* 6.99 d: band 2 */
        {K, 0, "OPEN", "2024-12-04 00:00", NULL, -1, NULL, 0}, /* 7 d: band 3 */
        {K, 0, "RESOLVED", "2024-12-01 00:00", "2024-12-11 00:00", -1, NULL, 0}, /* band 3 */
        {K, 0, "RESOLVED", "2024-12-09 08:00", "2024-12-09 12:00", 1, "SATISFIED", 1},
        {K, 0, "RESOLVED", "2024-12-09 08:00", "2024-12-09 13:00", 0, NULL, 0},
        {K, 0, "RESOLVED", "2024-12-10 08:00", "2024-12-10 13:00", 1, NULL, 0},
    };
    sqlite3 *db = fx_db();
    assert_non_null(db);
    for (size_t i = 0; i < sizeof recs / sizeof *recs; i++)
        add(db, &recs[i], (int)i);
    nv_report r = {0};
    nv_tz tz = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, 10);
    r.db = db;
    r.templates_dir = "templates";
    r.org_name = "KESCO";
    report_set_window(&r, &tz, day, day);
    nv_service own;
    const nv_service *s = NULL;
    nv_errbuf eb;
    assert_int_equal(service_of_report(&r, &own, &s, &eb), NV_OK);
    assert_ptr_equal(s, &own);
    const int64_t band[FIG_BANDS] = {1, 2, 2, 2};
    for (int b = 0; b < FIG_BANDS; b++)
        assert_int_equal(s->band[b], band[b]);
    /* the day: one closure, OTP Y, no feedback, not reopened */
    assert_int_equal(s->resolved, 1);
    assert_int_equal(s->cur[NV_SVC_OTP].num, 1);
    assert_int_equal(s->cur[NV_SVC_OTP].den, 1);
    assert_int_equal(s->cur[NV_SVC_REOPENED].num, 0);
    assert_int_equal(s->cur[NV_SVC_REOPENED].den, 1);
    assert_int_equal(s->cur[NV_SVC_SATISFIED].den, 0);
    /* the day before: two closures, OTP Y and N, one reopened, one satisfied */
    assert_int_equal(s->prev_resolved, 2);
    assert_int_equal(s->prev[NV_SVC_OTP].num, 1);
    assert_int_equal(s->prev[NV_SVC_OTP].den, 2);
    assert_int_equal(s->prev[NV_SVC_REOPENED].num, 1);
    assert_int_equal(s->prev[NV_SVC_REOPENED].den, 2);
    assert_int_equal(s->prev[NV_SVC_SATISFIED].num, 1);
    assert_int_equal(s->prev[NV_SVC_SATISFIED].den, 1);
    /* the nightly job's set is taken as it is */
    r.svc = &own;
    const nv_service *again = NULL;
    nv_service other;
    assert_int_equal(service_of_report(&r, &other, &again, &eb), NV_OK);
    assert_ptr_equal(again, &own);
    db_close(db);
}

/* The query reads the day's closures by the index of the resolution time,
 * never by a scan of the record table. */
static void test_plan(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    char sql[4096];
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", queries_get("service_day"));
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int indexed = 0, scan = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 3);
        if (strstr(d, "record_disposed")) indexed = 1;
        if (strstr(d, "SCAN record") && !strstr(d, "INDEX")) scan = 1;
    }
    sqlite3_finalize(st);
    assert_true(indexed);
    assert_false(scan);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_carry),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
