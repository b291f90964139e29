/* test_layout.c — layout templates, recognition, vocabularies, wings and the
 * org chart. Expected values come from EXPORTS.md and kesco-org.csv, read by
 * hand; headers come from the fixture files and the real city exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nivaran/load/csvin.h"
#include "nivaran/store/db.h"
#include "nivaran/load/layout.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/load/org.h"

#define REALDATA "../shared/realdata/"

static nv_layouts *load_set(void)
{
    nv_layouts *set = NULL;
    nv_errbuf eb;
    nv_err e = layouts_load("templates", &set, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    return set;
}

/* The layout recognised from the first row of a file; NULL if none. */
static const char *recognise_file(const nv_layouts *set, const char *path)
{
    nv_csvin *r = NULL;
    nv_csvrow row;
    nv_errbuf eb;
    if (csvin_open(path, &r, &eb) != NV_OK) return "(cannot open)";
    const char *name = NULL;
    if (csvin_next(r, &row, &eb) == 1) {
        const nv_layout *l = layouts_recognise(set, row.fields, row.nfields);
        name = l ? l->name : NULL;
    }
    csvin_close(r);
    return name;
}

static void test_shipped_layouts(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    assert_int_equal(layouts_count(set), 7);
    static const char *const want[][3] = {{"kesco_1912", "1912", "KESCO"},
                                          {"jhatpat", "JHATPAT", "KESCO"},
                                          {"niveshmitra", "NIVESH_MITRA", "KESCO"},
                                          {"boston311", "boston311", "City of Boston"},
                                          {"baltimore311", "baltimore311", "Baltimore City"},
                                          {"nyc311", "nyc311", "New York City"},
                                          {"la311", "la311", "City of Los Angeles"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const nv_layout *l = layouts_find(set, want[i][0]);
        assert_non_null(l);
        assert_string_equal(l->source, want[i][1]);
        assert_string_equal(l->organisation, want[i][2]);
        /* KESCO layouts carry the 28-XEN chart; city layouts none. */
        assert_int_equal(org_count(l->org), i < 3 ? 28 : 0);
        assert_int_equal(l->is_application, i == 1 || i == 2);
    }
    assert_string_equal(layouts_find(set, "kesco_1912")->tz.name, "Asia/Kolkata");
    assert_string_equal(layouts_find(set, "la311")->tz.name, "America/Los_Angeles");
    assert_string_equal(layouts_find(set, "nyc311")->tz.name, "America/New_York");
    assert_null(layouts_find(set, "nope"));
    layouts_free(set);
}

static void test_recognise_files(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    assert_string_equal(recognise_file(set, "tests/fixtures/kesco_1912_good.csv"), "kesco_1912");
    assert_string_equal(recognise_file(set, "tests/fixtures/jhatpat_small.csv"), "jhatpat");
    assert_string_equal(recognise_file(set, "tests/fixtures/niveshmitra_small.csv"), "niveshmitra");
    assert_null(recognise_file(set, "tests/fixtures/bad/unknown_header.csv"));
    if (access(REALDATA "nyc311_2018-10-21_sample.csv", R_OK) == 0) {
        assert_string_equal(recognise_file(set, REALDATA "boston311_2019_animal_filtered.csv"),
                            "boston311");
        assert_string_equal(recognise_file(set, REALDATA "baltimore311_2014-2019_sample.csv"),
                            "baltimore311");
        assert_string_equal(recognise_file(set, REALDATA "nyc311_2018-10-21_sample.csv"),
                            "nyc311"); /* begins with a BOM */
        assert_string_equal(
            recognise_file(set, REALDATA "la311_combined_2017-12_2018-01_2018-12.csv"), "la311");
    }
    layouts_free(set);
}

/* Columns in another order, padded with spaces, plus extras: still
 * recognised; one required column missing: not. */
static void test_recognise_header_variants(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    const char *nm[] = {" Query Count", "Days Taken ",        "Approval/Rejection Date",
                        "Status",       "Department Officer", "Sub Division",
                        "District",     "Load (kVA)",         "Service Name",
                        "Applied Date", "Account No",         "Contact No",
                        "Unit Name",    "NM Application No",  "Extra Column"};
    size_t n = sizeof nm / sizeof nm[0];
    const nv_layout *l = layouts_recognise(set, nm, n);
    assert_non_null(l);
    assert_string_equal(l->name, "niveshmitra");
    nv_lbinding b;
    nv_errbuf eb;
    assert_int_equal(layout_bind(l, nm, n, &b, &eb), NV_OK);
    assert_int_equal(b.idx[LF_RECORD_ID][0], 13);
    assert_int_equal(b.idx[LF_LAST_UPDATED][0], 9); /* Applied Date */
    assert_int_equal(b.idx[LF_LAST_UPDATED][1], 2); /* Approval/Rejection Date */
    assert_int_equal(b.idx[LF_CLOSED_BY][0], -1);   /* Nivesh Mitra has none */
    nm[0] = "Query Cnt";
    assert_null(layouts_recognise(set, nm, n));
    /* Forcing a layout on a header that lacks its columns fails naming one. */
    assert_int_equal(layout_bind(l, nm, n, &b, &eb), NV_ERR_FORMAT);
    assert_non_null(strstr(eb.msg, "Query Count"));
    layouts_free(set);
}

static void test_status_vocabulary(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    const nv_layout *k = layouts_find(set, "kesco_1912");
    struct {
        const char *raw;
        int want;
    } cases[] = {{"CLOSED", LS_RESOLVED},
                 {"CLOSE", LS_RESOLVED},
                 {"Closed", LS_RESOLVED},
                 {" closed ", LS_RESOLVED},
                 {"OPEN", LS_OPEN},
                 {"RE-OPENED", LS_OPEN},
                 {"in  progress", LS_OPEN},
                 {"ASSIGNED", LS_OPEN},
                 {"REJECTED", LS_REJECTED},
                 {"PENDING", -1},
                 {"", -1},
                 {"CLOSEDX", -1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(layout_status(k, cases[i].raw, strlen(cases[i].raw)), cases[i].want);
    const nv_layout *j = layouts_find(set, "jhatpat");
    assert_int_equal(layout_status(j, "CONNECTED", 9), LS_RESOLVED);
    assert_int_equal(layout_status(j, "Documents Pending", 17), LS_OPEN);
    const nv_layout *b = layouts_find(set, "baltimore311");
    assert_int_equal(layout_status(b, "Closed (Duplicate)", 18), LS_REJECTED);
    assert_int_equal(layout_status(b, "Open (Duplicate)", 16), LS_OPEN);
    layouts_free(set);
}

static void test_categories_and_wings(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    const nv_layout *k = layouts_find(set, "kesco_1912");
    assert_string_equal(layout_category(k, "SUPPLY RELATED / FUSE OFF"), "NO_SUPPLY");
    assert_string_equal(layout_category(k, "supply related /  wire snapped"), "LINE_BREAKDOWN");
    assert_string_equal(layout_category(k, "CONNECTION RELATED / PD"), "DISCONNECTION");
    assert_null(layout_category(k, "SUPPLY RELATED / SMART METER"));
    const nv_layout *nm = layouts_find(set, "niveshmitra");
    assert_string_equal(layout_category(nm, "Electricity Connection (HT/LT Industrial)"),
                        "INDUSTRIAL_CONNECTION");
    /* EXPORTS.md's wing table. */
    const char *const w[][2] = {{"NO_SUPPLY", "TECHNICAL"},   {"SAFETY", "TECHNICAL"},
                                {"PAYMENT", "COMMERCIAL"},    {"CATEGORY_CHANGE", "COMMERCIAL"},
                                {"SMART_METER", "TESTING"},   {"INDUSTRIAL_CONNECTION", "PROJECT"},
                                {"NEW_CONNECTION", "PROJECT"}};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        assert_string_equal(layouts_wing(set, w[i][0]), w[i][1]);
    assert_null(layouts_wing(set, "UNMAPPED"));
    assert_true(layouts_find(set, "boston311")->passthrough);
    layouts_free(set);
}

static void test_layout_time(void **state)
{
    (void)state;
    nv_layouts *set = load_set();
    int64_t t;
    /* 01/12/2024 12:30:00 AM IST = 2024-11-30T19:00:00Z = 1732993200. */
    assert_int_equal(layout_time(layouts_find(set, "kesco_1912"), "01/12/2024 12:30:00 AM", 22, &t),
                     0);
    assert_int_equal(t, 1732993200);
    /* 10/21/18 0:00 New York (EDT) = 2018-10-21T04:00Z (python zoneinfo). */
    assert_int_equal(layout_time(layouts_find(set, "nyc311"), "10/21/18 0:00", 13, &t), 0);
    assert_int_equal(t, 1540094400);
    assert_int_equal(layout_time(layouts_find(set, "kesco_1912"), "", 0, &t), -1);
    layouts_free(set);
}

static void test_org_chart(void **state)
{
    (void)state;
    nv_org *org = NULL;
    nv_errbuf eb;
    assert_int_equal(org_load("templates/org/kesco-org.csv", &org, &eb), NV_OK);
    assert_int_equal(org_count(org), 28);
    assert_string_equal(org_xen(org, 0)->xen_id, "XEN-T01");
    assert_string_equal(org_xen(org, 27)->xen_id, "XEN-P04");
    assert_string_equal(org_lookup(org, "TECHNICAL", "  kidwai   NAGAR "), "XEN-T01");
    assert_string_equal(org_lookup(org, "technical", "Dehli Sujanpur"), "XEN-T11");
    assert_string_equal(org_lookup(org, "COMMERCIAL", "Kalyanpur"), "XEN-C01");
    assert_string_equal(org_lookup(org, "TESTING", "Yashoda Nagar"), "XEN-M04");
    assert_string_equal(org_lookup(org, "PROJECT", "Naubasta"), "XEN-P02");
    assert_null(org_lookup(org, "UNMAPPED", "Kalyanpur"));
    assert_null(org_lookup(org, "TECHNICAL", "Atlantis"));
    assert_null(org_lookup(org, "TECHNICAL", ""));
    char key[64];
    org_key("  Civil   LINES ", key, sizeof key);
    assert_string_equal(key, "civil lines");

    sqlite3 *db = NULL;
    assert_int_equal(db_open(":memory:", &db, &eb), NV_OK);
    assert_int_equal(org_store(org, db, &eb), NV_OK);
    assert_int_equal(org_store(org, db, &eb), NV_OK); /* replaces, no duplicates */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*), sum(wing = 'TESTING'), "
                                        "max(subdivisions) FROM org_xen",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 28);
    assert_int_equal(sqlite3_column_int(st, 1), 4);
    sqlite3_finalize(st);
    db_close(db);
    org_free(org);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_bad_org_charts(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv_org_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/o.csv", dir);
    nv_org *org = NULL;
    nv_errbuf eb;
    write_file(path, "xen_id,wing,subdivisions\nX1,TECHNICAL,A;B\nX2,TECHNICAL,b\n");
    assert_int_equal(org_load(path, &org, &eb), NV_ERR_CONFIG); /* B claimed twice */
    assert_non_null(strstr(eb.msg, ":3:"));
    write_file(path, "xen,wing,subs\nX1,TECHNICAL,A\n");
    assert_int_equal(org_load(path, &org, &eb), NV_ERR_CONFIG);
    write_file(path, "xen_id,wing,subdivisions\nX1,TECHNICAL\n");
    assert_int_equal(org_load(path, &org, &eb), NV_ERR_CONFIG);
    write_file(path, "xen_id,wing,subdivisions\nX1,TECHNICAL,A\nX1,COMMERCIAL,A\n");
    assert_int_equal(org_load(path, &org, &eb), NV_ERR_CONFIG);
    write_file(path, "xen_id,wing,subdivisions\n");
    assert_int_equal(org_load(path, &org, &eb), NV_ERR_CONFIG);
    assert_null(org);
    unlink(path);
    rmdir(dir);
}

/* A template is checked: unknown keys, statuses, formats, lines too long
 * for inih, missing required fields are refused naming file and line. */
static void test_bad_templates(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv_lay_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.ini", dir);
    static const char ok[] = "[layout]\nname = t\ntime_format = ymd24\ncategories = passthrough\n"
                             "[fields]\nrecord_id = id\nregistered = at\nstatus = st\n"
                             "category = c\n[status]\nopen = OPEN\n";
    nv_layout *l = NULL;
    nv_errbuf eb;
    write_file(path, ok);
    assert_int_equal(layout_load(path, "templates", &l, &eb), NV_OK);
    assert_string_equal(l->source, "t"); /* defaults to the name */
    layout_free(l);
    char buf[1024];
    const char *bad[] = {"[layout]\ncolour = red\n", "[status]\nx = MAYBE\n",
                         "[layout]\ntime_format = ddmmyy\n", "[fields]\nowner = x\n",
                         "[layout]\ntime_zone = Mars/Olympus\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", ok, bad[i]);
        write_file(path, buf);
        l = NULL;
        assert_int_equal(layout_load(path, "templates", &l, &eb), NV_ERR_CONFIG);
        assert_null(l);
        assert_non_null(strstr(eb.msg, path));
    }
    char longline[400];
    memset(longline, 'a', sizeof longline);
    memcpy(longline, "header = ", 9);
    longline[sizeof longline - 1] = 0;
    snprintf(buf, sizeof buf, "%s[layout]\n%s\n", ok, longline);
    write_file(path, buf);
    assert_int_equal(layout_load(path, "templates", &l, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "longer than"));
    write_file(path, "[layout]\nname = t\ntime_format = ymd24\n[status]\nopen = OPEN\n");
    assert_int_equal(layout_load(path, "templates", &l, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "record_id"));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_layouts),
        cmocka_unit_test(test_recognise_files),
        cmocka_unit_test(test_recognise_header_variants),
        cmocka_unit_test(test_status_vocabulary),
        cmocka_unit_test(test_categories_and_wings),
        cmocka_unit_test(test_layout_time),
        cmocka_unit_test(test_org_chart),
        cmocka_unit_test(test_bad_org_charts),
        cmocka_unit_test(test_bad_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
