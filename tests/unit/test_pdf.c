/* test_pdf.c — the MD report and the notice board (src/pdf_*.c).
 *
 * A hand-written day (fixture below, figures worked out by hand in the
 * comments) is judged, its open data written by metrics_write_open_data(),
 * and both PDFs made. Checks: qpdf --check; the figures pdftotext finds equal
 * the open-data CSV (tests/pdf_check.py), which itself holds the hand values;
 * the notice's Hindi template texts are extractable; no 10-digit number on
 * the notice; flags of the window only, with evidence masked; data-quality
 * notes; byte-identical reruns; A3; atomic writing; a missing template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "nivaran/metrics.h"
#include "nivaran/pdf.h"
#include "nivaran/report.h"

typedef struct {
    sqlite3 *db;
    nv_profile prof;
    nv_report r;
    nv_input_result in[2];
    char dir[64], out[128];
} fx;

#define D 10 /* report day: 2024-12-10 */

static int add(sqlite3 *db, const char *id, const char *wing, const char *xen, const char *cat,
               const char *status, int64_t reg, int64_t disp, const char *mobile,
               const char *account, const char *subdiv)
{
    fx_rec r = {0};
    r.record_id = id;
    r.wing = wing;
    r.xen_id = xen;
    r.category = cat;
    r.status = status;
    r.registered = reg;
    r.has_disposed = disp != 0;
    r.disposed = disp;
    r.mobile = mobile;
    r.account = account;
    r.subdivision = subdiv;
    return fx_add(db, &r);
}

/* Day figures of 2024-12-10 (24 h SLA for all):
 *  R1  TECH T1   reg 10th 08:00, resolved 10:00        -> received, resolved, met
 *  R2  TECH T1   reg 8th 09:00, open (deadline 9th)    -> pending, overdue (breach on 9th)
 *  R3  TECH T2   reg 9th 06:00, resolved 10th 07:00    -> resolved, breached at 10th 06:00
 *  R4  COMM C1   reg 10th 09:00, open                  -> received, pending
 *  R5  COMM C1   reg 10th 10:00, rejected 11:00        -> received, rejected
 *  R6  TEST S1   reg 1st 10:00, open                   -> pending, overdue > 7 days
 *  R7  PROJ P1   reg 10th 12:00, resolved 20:00        -> received, resolved, met
 *  R8  UNMAPPED  reg 10th 13:00, open                  -> received, pending
 *  R9  TECH UNASSIGNED "Ghost SD" reg 10th 14:00 open  -> received, pending
 *  R10 PROJ P1   reg 9th 10:00, resolved 9th 12:00     -> (the day before)
 *  R11 TECH T1   reg 10th 15:00, "resolved" 14:00      -> TIME_ANOMALY, in no figure
 * ALL: received 6, resolved 3, rejected 1, met 2, breached 1 (66.7),
 *      pending_end 5, overdue_end 2. */
static int load_day(sqlite3 *db)
{
    const char *org[] = {"T1", "TECHNICAL", "T2", "TECHNICAL", "C1", "COMMERCIAL",
                         "S1", "TESTING",   "P1", "PROJECT"};
    int rc = fx_org(db, org, 5);
    rc |= add(db, "R1", "TECHNICAL", "T1", "NO_SUPPLY", "RESOLVED", fx_ist(2024, 12, D, 8, 0),
              fx_ist(2024, 12, D, 10, 0), "9876543210", "1234567890", "A");
    rc |= add(db, "R2", "TECHNICAL", "T1", "LINE_BREAKDOWN", NULL, fx_ist(2024, 12, 8, 9, 0), 0,
              "9123456789", "2234567890", "A");
    rc |= add(db, "R3", "TECHNICAL", "T2", "NO_SUPPLY", "RESOLVED", fx_ist(2024, 12, 9, 6, 0),
              fx_ist(2024, 12, D, 7, 0), NULL, NULL, "B");
    rc |= add(db, "R4", "COMMERCIAL", "C1", "BILLING", NULL, fx_ist(2024, 12, D, 9, 0), 0,
              "9988776655", "3234567890", "C");
    rc |= add(db, "R5", "COMMERCIAL", "C1", "BILLING", "REJECTED", fx_ist(2024, 12, D, 10, 0),
              fx_ist(2024, 12, D, 11, 0), NULL, NULL, "C");
    rc |= add(db, "R6", "TESTING", "S1", "METER", NULL, fx_ist(2024, 12, 1, 10, 0), 0,
              "9000000001", NULL, "D");
    rc |= add(db, "R7", "PROJECT", "P1", "NEW_CONNECTION", "RESOLVED", fx_ist(2024, 12, D, 12, 0),
              fx_ist(2024, 12, D, 20, 0), NULL, "4234567890", "E");
    rc |= add(db, "R8", "UNMAPPED", "UNASSIGNED", "UNMAPPED", NULL, fx_ist(2024, 12, D, 13, 0), 0,
              NULL, NULL, "Nowhere");
    rc |= add(db, "R9", "TECHNICAL", "UNASSIGNED", "NO_SUPPLY", NULL, fx_ist(2024, 12, D, 14, 0), 0,
              NULL, NULL, "Ghost SD");
    rc |= add(db, "R10", "PROJECT", "P1", "NEW_CONNECTION", "RESOLVED", fx_ist(2024, 12, 9, 10, 0),
              fx_ist(2024, 12, 9, 12, 0), NULL, NULL, "E");
    rc |= add(db, "R11", "TECHNICAL", "T1", "NO_SUPPLY", "RESOLVED", fx_ist(2024, 12, D, 15, 0),
              fx_ist(2024, 12, D, 14, 0), NULL, NULL, "A");
    /* flags: two on records of the day, one officer-level for the day, one
     * on an old record (not shown) */
    rc |= sqlite3_exec(
        db,
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'TIME_ANOMALY', 'HIGH', rec, NULL, wing, xen_id, 'disposed 1 h before registered'"
        " FROM record WHERE record_id = 'R11';"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'FAST_CLOSE', 'MEDIUM', rec, NULL, wing, xen_id,"
        " 'resolved in 480 min; minimum 240 min; caller 9876543210' FROM record WHERE record_id = 'R7';"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "VALUES ('DEADLINE_HUG', 'MEDIUM', NULL, '2024-12-10', 'TECHNICAL', 'T2',"
        " 'rate 0.400 above fence 0.100 (8 of 20)');"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'TOUT_PHONE', 'HIGH', rec, NULL, wing, xen_id, 'old' FROM record WHERE record_id = 'R6';",
        NULL, NULL, NULL);
    return rc;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    nv_errbuf eb;
    f->db = fx_db();
    if (!f->db || load_day(f->db) != 0) return -1;
    snprintf(f->prof.name, sizeof f->prof.name, "test-24h");
    f->prof.default_hours = 24;
    f->prof.target_pct = 90;
    f->prof.rank_min_judged = 1;
    snprintf(f->prof.sha256, sizeof f->prof.sha256, "test");
    if (metrics_judge(f->db, &f->prof, &eb) != NV_OK) {
        fprintf(stderr, "%s\n", eb.msg);
        return -1;
    }
    /* NV_PDF_KEEP=DIR keeps the PDFs there, to look at them */
    const char *keep = getenv("NV_PDF_KEEP");
    if (keep) {
        snprintf(f->dir, sizeof f->dir, "%s", keep);
        mkdir(f->dir, 0755);
    } else {
        snprintf(f->dir, sizeof f->dir, "/tmp/nv_pdf_XXXXXX");
        if (!mkdtemp(f->dir)) return -1;
    }
    snprintf(f->out, sizeof f->out, "%s/a", f->dir);
    mkdir(f->out, 0755);
    nv_tz tz = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, D);
    report_set_window(&f->r, &tz, day, day);
    f->r.db = f->db;
    f->r.templates_dir = "templates";
    f->r.out_dir = f->out;
    f->r.profile = &f->prof;
    f->r.org_name = "KESCO";
    f->in[0] = (nv_input_result){"in/kesco_1912_complaints_20241210.csv", "kesco_1912", "1912",
                                 12, 10, 2, NULL};
    f->in[1] = (nv_input_result){"in/jhatpat_applications_20241210.csv", "kesco_jhatpat",
                                 "JHATPAT", 0, 0, 0, NULL};
    f->r.inputs = f->in;
    f->r.n_inputs = 2;
    nv_fig_table t = {0};
    if (metrics_compute(f->db, f->r.d0, f->r.d1, &t, &eb) != NV_OK ||
        metrics_write_open_data(&t, f->out, f->r.report_date, &eb) != NV_OK ||
        pdf_write_md(&f->r, &eb) != NV_OK || pdf_write_notice(&f->r, &eb) != NV_OK) {
        fprintf(stderr, "setup: %s\n", eb.msg);
        metrics_table_free(&t);
        return -1;
    }
    metrics_table_free(&t);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    if (!f) return 0;
    db_close(f->db);
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    int rc = getenv("NV_PDF_KEEP") ? 0 : system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    if (rc != 0) fprintf(stderr, "failed (%d): %s\n", rc, cmd);
    return rc;
}

/* pdftotext of a file into a malloc'd string. */
static char *pdf_text_of(const char *path, int layout)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext %s %s - 2>/dev/null", layout ? "-layout" : "", path);
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t k;
    while (s && (k = fread(s + n, 1, cap - n - 1, p)) > 0) {
        n += k;
        if (n + 1 == cap) s = realloc(s, cap *= 2);
    }
    pclose(p);
    if (s) s[n] = '\0';
    return s;
}

static void test_qpdf_check(void **state)
{
    fx *f = *state;
    assert_int_equal(sh("qpdf --check %s/md-daily-report.pdf >/dev/null 2>&1", f->out), 0);
    assert_int_equal(sh("qpdf --check %s/notice-board.pdf >/dev/null 2>&1", f->out), 0);
}

static void test_open_data_is_the_hand_count(void **state)
{
    fx *f = *state;
    char path[256], line[512];
    int found = 0;
    snprintf(path, sizeof path, "%s/open-data/sla_by_wing.csv", f->out);
    FILE *c = fopen(path, "r");
    assert_non_null(c);
    while (fgets(line, sizeof line, c))
        if (strncmp(line, "2024-12-10,ALL,", 15) == 0) {
            found = 1;
            assert_non_null(strstr(line, ",6,3,1,2,1,66.7,"));
            assert_non_null(strstr(line, ",5,2\n"));
        }
    fclose(c);
    assert_true(found);
}

static void test_figures_equal_open_data(void **state)
{
    fx *f = *state;
    assert_int_equal(sh("python3 tests/pdf_check.py figures-md %s/md-daily-report.pdf "
                        "%s/open-data/sla_by_wing.csv",
                        f->out, f->out),
                     0);
    assert_int_equal(sh("python3 tests/pdf_check.py figures-notice %s/notice-board.pdf "
                        "%s/open-data/sla_by_wing.csv templates/pdf/notice.ini",
                        f->out, f->out),
                     0);
}

static void test_notice_hindi_and_private(void **state)
{
    fx *f = *state;
    assert_int_equal(sh("python3 tests/pdf_check.py hindi %s/notice-board.pdf "
                        "templates/pdf/notice.ini",
                        f->out),
                     0);
    assert_int_equal(sh("python3 tests/pdf_check.py nodigits %s/notice-board.pdf", f->out), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/notice-board.pdf", f->out);
    char *s = pdf_text_of(path, 0);
    assert_non_null(s);
    /* no flags, no record ids, no subdivisions */
    assert_null(strstr(s, "TIME_ANOMALY"));
    assert_null(strstr(s, "R11"));
    assert_null(strstr(s, "Ghost SD"));
    assert_non_null(strstr(s, "1912"));
    free(s);
}

static void test_md_sections(void **state)
{
    fx *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/md-daily-report.pdf", f->out);
    char *s = pdf_text_of(path, 0);
    assert_non_null(s);
    /* flags of the day only, with the statement and masked numbers */
    assert_non_null(strstr(s, "TIME_ANOMALY"));
    assert_non_null(strstr(s, "FAST_CLOSE"));
    assert_non_null(strstr(s, "DEADLINE_HUG"));
    assert_null(strstr(s, "TOUT_PHONE"));
    assert_non_null(strstr(s, "reason to look, not a finding"));
    assert_null(strstr(s, "9876543210"));
    assert_non_null(strstr(s, "98XXXXXX10"));
    /* attention: R6 (1 overdue, 1 by > 7 days: score 2) ranks first */
    assert_non_null(strstr(s, "1. Testing wing: 1 meter records overdue, 1 of them by more than 7 days."));
    /* data quality */
    assert_non_null(strstr(s, "2 of 12 rows rejected"));
    assert_non_null(strstr(s, "JHATPAT sent no rows"));
    assert_non_null(strstr(s, "No file from NIVESH_MITRA"));
    assert_non_null(strstr(s, "Ghost SD"));
    assert_non_null(strstr(s, "1 1912 records registered in the period have a category"));
    /* header and footer */
    assert_non_null(strstr(s, "Data as of 2024-12-11 00:00 +05:30"));
    assert_non_null(strstr(s, "Page 1 of "));
    free(s);
}

static void test_page_count_and_outline(void **state)
{
    fx *f = *state;
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q '^Pages: *1$'", f->out), 0);
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q 'A4'", f->out), 0);
    /* the creation date is the report day, in its zone */
    assert_int_equal(sh("qpdf --qdf --object-streams=disable %s/md-daily-report.pdf - 2>/dev/null | "
                        "grep -a -q \"CreationDate (D:20241210000000+05'30')\"",
                        f->out),
                     0);
    /* every page says "page n of m" with the right m */
    assert_int_equal(sh("n=$(pdfinfo %s/md-daily-report.pdf 2>/dev/null | awk '/^Pages:/{print $2}');"
                        " [ \"$(pdftotext %s/md-daily-report.pdf - 2>/dev/null | grep -c \"of $n$\")\" = \"$n\" ]",
                        f->out, f->out),
                     0);
    assert_int_equal(sh("qpdf --show-npages %s/md-daily-report.pdf >/dev/null && "
                        "qpdf --qdf --object-streams=disable %s/md-daily-report.pdf - 2>/dev/null | "
                        "grep -a -q '/Outlines'",
                        f->out, f->out),
                     0);
    /* nothing left under a temporary name */
    assert_int_equal(sh("! ls %s | grep -q tmp", f->out), 0);
}

static void test_rerun_byte_identical(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    char out2[160];
    snprintf(out2, sizeof out2, "%s/b", f->dir);
    mkdir(out2, 0755);
    nv_report r = f->r;
    r.out_dir = out2;
    assert_int_equal(pdf_write_md(&r, &eb), NV_OK);
    assert_int_equal(pdf_write_notice(&r, &eb), NV_OK);
    assert_int_equal(sh("cmp -s %s/md-daily-report.pdf %s/md-daily-report.pdf", f->out, out2), 0);
    assert_int_equal(sh("cmp -s %s/notice-board.pdf %s/notice-board.pdf", f->out, out2), 0);
}

static void test_a3(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    char out3[160];
    snprintf(out3, sizeof out3, "%s/c", f->dir);
    mkdir(out3, 0755);
    nv_report r = f->r;
    r.out_dir = out3;
    r.page_a3 = 1;
    assert_int_equal(pdf_write_notice(&r, &eb), NV_OK);
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q 'A3'", out3), 0);
    assert_int_equal(sh("python3 tests/pdf_check.py figures-notice %s/notice-board.pdf "
                        "%s/open-data/sla_by_wing.csv templates/pdf/notice.ini",
                        out3, f->out),
                     0);
}

static void test_missing_template(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    nv_report r = f->r;
    r.templates_dir = "/nonexistent";
    assert_int_equal(pdf_write_notice(&r, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "/nonexistent/pdf/notice.ini"));
    assert_int_equal(pdf_write_md(&r, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "/nonexistent/pdf/md.ini"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qpdf_check),
        cmocka_unit_test(test_open_data_is_the_hand_count),
        cmocka_unit_test(test_figures_equal_open_data),
        cmocka_unit_test(test_notice_hindi_and_private),
        cmocka_unit_test(test_md_sections),
        cmocka_unit_test(test_page_count_and_outline),
        cmocka_unit_test(test_rerun_byte_identical),
        cmocka_unit_test(test_a3),
        cmocka_unit_test(test_missing_template),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
