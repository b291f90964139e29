/* test_pdf.c — the MD report and the notice board (src/pdf_*.c).
 *
 * A hand-written day (fixture below, figures worked out by hand in the
 * comments) is judged, its open data written by metrics_write_open_data(),
 * and both PDFs made. Checks: qpdf --check; the figures pdftotext finds equal
 * the open-data CSV (tests/pdf_check.py), which itself holds the hand values;
 * the notice's Hindi template texts are extractable; no 10-digit number on
 * the notice; flags of the window only, with evidence masked; data-quality
 * notes; byte-identical reruns; A3; atomic writing; a missing template.
 *
 * Period reports (2024-12-06 .. 2024-12-10 against 2024-12-01 .. 12-05):
 * the KPI tiles' previous-period figures and daily averages equal figures
 * computed here straight from the fixture's list (hand_figs, no database,
 * no metrics.h), the labels say Period / अवधि, the notice's two tables are
 * the period and the previous period. The day cube (pdf_cube_table) equals
 * metrics_compute on windows whose records were registered before the
 * cube's span; the league table's ranks equal metrics_rank(). */
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
#include "nivaran/compute/metrics.h"
#include "nivaran/render/pdf/pdf.h"
#include "render/pdf/pdf_int.h" /* the tests of the module reach its internals */
#include "nivaran/core/report.h"

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
    const char *org[] = {"T1",         "TECHNICAL", "T2",      "TECHNICAL", "C1",
                         "COMMERCIAL", "S1",        "TESTING", "P1",        "PROJECT"};
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
    rc |= add(db, "R6", "TESTING", "S1", "METER", NULL, fx_ist(2024, 12, 1, 10, 0), 0, "9000000001",
              NULL, "D");
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
    /* R8's category as exported, which no template maps */
    rc |= sqlite3_exec(db, "UPDATE record SET raw_category = 'STREET LIGHT' WHERE record_id = 'R8'",
                       NULL, NULL, NULL);
    /* flags: two on records of the day, one officer-level for the day, one
     * on an old record (not shown) */
    rc |= sqlite3_exec(
        db,
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'TIME_ANOMALY', 'HIGH', rec, NULL, wing, xen_id, 'disposed 1 h before registered'"
        " FROM record WHERE record_id = 'R11';"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'FAST_CLOSE', 'MEDIUM', rec, NULL, wing, xen_id,"
        " 'resolved in 480 min; minimum 240 min; caller 9876543210' FROM record WHERE record_id = "
        "'R7';"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "VALUES ('DEADLINE_HUG', 'MEDIUM', NULL, '2024-12-10', 'TECHNICAL', 'T2',"
        " 'rate 0.400 above fence 0.100 (8 of 20)');"
        "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) "
        "SELECT 'TOUT_PHONE', 'HIGH', rec, NULL, wing, xen_id, 'old' FROM record WHERE record_id = "
        "'R6';",
        NULL, NULL, NULL);
    return rc;
}

/* The fixture as plain data, for figures computed without the database:
 * times in IST (day of December 2024, hour, minute); disposed day 0 = open. */
typedef struct {
    const char *id, *wing, *status;
    int rd, rh, rm, dd, dh, dm;
} hand_rec;

static const hand_rec HAND[] = {
    {"R1", "TECHNICAL", "RESOLVED", D, 8, 0, D, 10, 0},
    {"R2", "TECHNICAL", "OPEN", 8, 9, 0, 0, 0, 0},
    {"R3", "TECHNICAL", "RESOLVED", 9, 6, 0, D, 7, 0},
    {"R4", "COMMERCIAL", "OPEN", D, 9, 0, 0, 0, 0},
    {"R5", "COMMERCIAL", "REJECTED", D, 10, 0, D, 11, 0},
    {"R6", "TESTING", "OPEN", 1, 10, 0, 0, 0, 0},
    {"R7", "PROJECT", "RESOLVED", D, 12, 0, D, 20, 0},
    {"R8", "UNMAPPED", "OPEN", D, 13, 0, 0, 0, 0},
    {"R9", "TECHNICAL", "OPEN", D, 14, 0, 0, 0, 0},
    {"R10", "PROJECT", "RESOLVED", 9, 10, 0, 9, 12, 0},
    {"R11", "TECHNICAL", "RESOLVED", D, 15, 0, D, 14, 0},
};

typedef struct {
    int64_t received, resolved, met, breached, pending, overdue;
} hand_figs_t;

/* METRICS.md by its words, 24 h for every category: over [d0, d1) of the
 * organisation (wing NULL) or of one wing. */
static hand_figs_t hand_figs(int64_t d0, int64_t d1, const char *wing)
{
    hand_figs_t h = {0};
    for (size_t i = 0; i < sizeof HAND / sizeof *HAND; i++) {
        const hand_rec *x = &HAND[i];
        if (wing && strcmp(wing, x->wing) != 0) continue;
        int64_t reg = fx_ist(2024, 12, x->rd, x->rh, x->rm);
        int open = x->dd == 0;
        int64_t disp = open ? 0 : fx_ist(2024, 12, x->dd, x->dh, x->dm);
        int64_t deadline = reg + 24 * 3600;
        if (!open && disp < reg) continue; /* TIME_ANOMALY: in no figure */
        h.received += reg >= d0 && reg < d1;
        int resolved = !open && strcmp(x->status, "RESOLVED") == 0;
        h.resolved += resolved && disp >= d0 && disp < d1;
        if (resolved && disp <= deadline)
            h.met += disp >= d0 && disp < d1;
        else if (open || disp > deadline)
            h.breached += deadline >= d0 && deadline < d1;
        int pending = reg < d1 && (open || disp >= d1);
        h.pending += pending;
        h.overdue += pending && deadline < d1;
    }
    return h;
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
    f->r.sources = "1912,JHATPAT,NIVESH_MITRA"; /* as the job looks them up */
    f->in[0] = (nv_input_result){
        "in/kesco_1912_complaints_20241210.csv", "kesco_1912", "1912", 12, 10, 2, NULL, ""};
    f->in[1] = (nv_input_result){
        "in/jhatpat_applications_20241210.csv", "kesco_jhatpat", "JHATPAT", 0, 0, 0, NULL, ""};
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
    /* no TOUT_PHONE flag: the name appears only in the self-check of the
     * Call-backs and reviews section (VERIFY.md), which lists every rule */
    const char *cb = strstr(s, "Call-backs and reviews");
    assert_non_null(cb);
    const char *tp = strstr(s, "TOUT_PHONE");
    assert_true(tp == NULL || tp > cb);
    assert_non_null(strstr(s, "reason to look, not a finding"));
    assert_null(strstr(s, "9876543210"));
    assert_non_null(strstr(s, "98XXXXXX10"));
    /* attention: R6 (1 overdue, 1 by > 7 days: score 2) ranks first */
    assert_non_null(
        strstr(s, "1. TESTING wing: 1 METER records overdue, 1 of them by more than 7 days."));
    /* data quality */
    assert_non_null(strstr(s, "2 of 12 rows rejected"));
    assert_non_null(strstr(s, "JHATPAT sent no rows"));
    assert_non_null(strstr(s, "No file from NIVESH_MITRA"));
    assert_non_null(strstr(s, "Ghost SD"));
    assert_non_null(
        strstr(s, "1 1912 records registered in the period have category 'STREET LIGHT', which"));
    /* header and footer */
    /* the zone by its name (IST), not +05:30 (issue 15) */
    assert_non_null(strstr(s, "Data as of 2024-12-11 00:00 IST"));
    assert_non_null(strstr(s, "Page 1 of "));
    free(s);
}

static void test_page_count_and_outline(void **state)
{
    fx *f = *state;
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q '^Pages: *1$'", f->out),
                     0);
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q 'A4'", f->out), 0);
    /* the creation date is the report day, in its zone */
    assert_int_equal(
        sh("qpdf --qdf --object-streams=disable %s/md-daily-report.pdf - 2>/dev/null | "
           "grep -a -q \"CreationDate (D:20241210000000+05'30')\"",
           f->out),
        0);
    /* every page says "page n of m" with the right m */
    assert_int_equal(
        sh("n=$(pdfinfo %s/md-daily-report.pdf 2>/dev/null | awk '/^Pages:/{print $2}');"
           " [ \"$(pdftotext %s/md-daily-report.pdf - 2>/dev/null | grep -c \"of $n$\")\" = \"$n\" "
           "]",
           f->out, f->out),
        0);
    assert_int_equal(
        sh("qpdf --show-npages %s/md-daily-report.pdf >/dev/null && "
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

/* An organisation's own template is found by its name's slug; any other
 * organisation, or none, gets the default. */
static void test_template_per_organisation(void **state)
{
    (void)state;
    nv_errbuf eb;
    nv_tpl t;
    const struct {
        const char *org, *file;
    } cases[] = {{"City of Boston", "templates/pdf/notice.city-of-boston.ini"},
                 {"  new YORK--city ", "templates/pdf/notice.new-york-city.ini"},
                 {"KESCO", "templates/pdf/notice.ini"},
                 {"", "templates/pdf/notice.ini"},
                 {NULL, "templates/pdf/notice.ini"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(tpl_load_org("templates", "pdf", "notice", cases[i].org, &t, &eb), NV_OK);
        assert_string_equal(t.path, cases[i].file);
        tpl_free(&t);
    }
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

/* ---- period reports ---------------------------------------------------- */

static int64_t ist_day(int d)
{
    return fx_ist(2024, 12, d, 0, 0);
}

static void test_hand_figs_are_the_hand_count(void **state)
{
    (void)state;
    /* the comment above load_day, and so the open data of the day */
    hand_figs_t h = hand_figs(ist_day(D), ist_day(D + 1), NULL);
    assert_int_equal(h.received, 6);
    assert_int_equal(h.resolved, 3);
    assert_int_equal(h.met, 2);
    assert_int_equal(h.breached, 1);
    assert_int_equal(h.pending, 5);
    assert_int_equal(h.overdue, 2);
}

/* Writes the period 2024-12-06 .. 2024-12-10 (open data and both PDFs)
 * into DIR/p; r gets the report. */
static void make_period(fx *f, nv_report *r, char *out, size_t n)
{
    nv_errbuf eb;
    nv_fig_table t = {0};
    nv_tz tz = nvt_ist();
    snprintf(out, n, "%s/p", f->dir);
    mkdir(out, 0755);
    *r = f->r;
    report_set_window(r, &tz, nvt_days_from_civil(2024, 12, 6), nvt_days_from_civil(2024, 12, D));
    r->out_dir = out;
    r->inputs = NULL;
    r->n_inputs = 0;
    assert_int_equal(metrics_compute(f->db, r->d0, r->d1, &t, &eb), NV_OK);
    assert_int_equal(metrics_write_open_data(&t, out, r->report_date, &eb), NV_OK);
    metrics_table_free(&t);
    assert_int_equal(pdf_write_md(r, &eb), NV_OK);
    assert_int_equal(pdf_write_notice(r, &eb), NV_OK);
}

static void delta(int64_t v, char *buf, size_t n)
{
    if (v == 0)
        snprintf(buf, n, "0");
    else
        snprintf(buf, n, "%+lld", (long long)v);
}

static void want(const char *text, const char *s)
{
    if (!strstr(text, s)) fprintf(stderr, "not in the PDF text: '%s'\n", s);
    assert_non_null(strstr(text, s));
}

static void test_period_md_compares_with_previous_period(void **state)
{
    fx *f = *state;
    nv_report r;
    char out[160], path[256], buf[256], a[32];
    make_period(f, &r, out, sizeof out);
    /* days 6..10 against days 1..5 */
    hand_figs_t c = hand_figs(ist_day(6), ist_day(D + 1), NULL),
                p = hand_figs(ist_day(1), ist_day(6), NULL);
    assert_int_equal(c.received, 9); /* by hand: R1-R5, R7-R10 */
    assert_int_equal(p.received, 1); /* R6 */
    snprintf(path, sizeof path, "%s/md-daily-report.pdf", out);
    char *s = pdf_text_of(path, 0);
    assert_non_null(s);
    const int64_t cv[5] = {c.received, c.resolved, c.breached, c.pending, c.overdue};
    const int64_t pv[5] = {p.received, p.resolved, p.breached, p.pending, p.overdue};
    for (int i = 0; i < 5; i++) {
        delta(cv[i] - pv[i], a, sizeof a);
        snprintf(buf, sizeof buf, "Previous period: %lld (%s)", (long long)pv[i], a);
        want(s, buf);
    }
    /* compliance, pooled: 3 of 5 against 0 of 1 */
    double cp = 100.0 * c.met / (double)(c.met + c.breached),
           pp = 100.0 * p.met / (double)(p.met + p.breached);
    snprintf(buf, sizeof buf, "Previous period: %.1f (%+.1f pp)", pp, cp - pp);
    want(s, buf);
    /* daily averages: counts over 5 days; open and overdue: the mean of
     * their values at the ends of the 5 days */
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "Daily avg: %.1f (before: %.1f)", cv[i] / 5.0, pv[i] / 5.0);
        want(s, buf);
    }
    double co = 0, cd = 0, po = 0, pd = 0;
    for (int d = 1; d <= 5; d++) {
        hand_figs_t x = hand_figs(0, ist_day(5 + d + 1), NULL),
                    y = hand_figs(0, ist_day(d + 1), NULL);
        co += x.pending / 5.0, cd += x.overdue / 5.0, po += y.pending / 5.0, pd += y.overdue / 5.0;
    }
    snprintf(buf, sizeof buf, "Daily avg: %.1f (before: %.1f)", co, po);
    want(s, buf);
    snprintf(buf, sizeof buf, "Daily avg: %.1f (before: %.1f)", cd, pd);
    want(s, buf);
    /* labels */
    want(s, "MD period report: 2024-12-06 to 2024-12-10");
    want(s, "Report period 2024-12-06 to 2024-12-10");
    want(s, "previous period of the same length (5 days): 2024-12-01 to 2024-12-05");
    want(s, "Open at end of period");
    want(s, "Overdue at end of period");
    want(s, "अवधि");
    want(s, "Previous period"); /* breaches by category */
    assert_null(strstr(s, "Day before"));
    assert_null(strstr(s, "7-day avg"));
    assert_null(strstr(s, "of the day"));
    free(s);
    assert_int_equal(sh("python3 tests/pdf_check.py figures-md %s/md-daily-report.pdf "
                        "%s/open-data/sla_by_wing.csv",
                        out, out),
                     0);
}

/* The fields of the line after the n-th line starting (trimmed) with
 * label, from the end: the last three. */
static int nth_row(const char *text, const char *label, int nth, char tok[3][32])
{
    const char *p = text;
    for (int k = 0; (p = strstr(p, label)); p++) {
        if (p != text && p[-1] != '\n' && p[-1] != ' ') continue;
        if (++k < nth) continue;
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        char *w[64];
        int n = 0;
        for (char *t = strtok(line, " "); t && n < 64; t = strtok(NULL, " "))
            w[n++] = t;
        if (n < 3) return -1;
        for (int i = 0; i < 3; i++)
            snprintf(tok[i], 32, "%s", w[n - 3 + i]);
        return 0;
    }
    return -1;
}

static void test_period_notice_shows_period_and_previous(void **state)
{
    fx *f = *state;
    nv_report r;
    char out[160], path[256], tok[3][32], num[32];
    make_period(f, &r, out, sizeof out);
    snprintf(path, sizeof path, "%s/notice-board.pdf", out);
    char *s = pdf_text_of(path, 1);
    assert_non_null(s);
    /* the days as a reader says them, in both languages */
    want(s, "Report period: 6-10 Dec 2024 / रिपोर्ट अवधि: 6-10 दिसंबर 2024");
    want(s, "The period: 6-10 Dec 2024 / अवधि: 6-10 दिसंबर 2024");
    want(s, "Previous period: 1-5 Dec 2024 / पिछली अवधि: 1-5 दिसंबर 2024");
    assert_null(strstr(s, "Month to date"));
    /* the second table: the previous period, wing by wing and in total */
    const char *wings[3][2] = {
        {"Testing", "TESTING"}, {"Technical", "TECHNICAL"}, {"KESCO total", NULL}};
    for (int i = 0; i < 3; i++) {
        hand_figs_t p = hand_figs(ist_day(1), ist_day(6), wings[i][1]);
        assert_int_equal(nth_row(s, wings[i][0], 2, tok), 0);
        snprintf(num, sizeof num, "%lld", (long long)p.received);
        assert_string_equal(tok[0], num);
        snprintf(num, sizeof num, "%lld", (long long)p.resolved);
        assert_string_equal(tok[1], num);
        if (p.met + p.breached)
            snprintf(num, sizeof num, "%.1f", 100.0 * p.met / (double)(p.met + p.breached));
        else
            snprintf(num, sizeof num, "-");
        assert_string_equal(tok[2], num);
    }
    free(s);
    assert_int_equal(sh("python3 tests/pdf_check.py figures-notice %s/notice-board.pdf "
                        "%s/open-data/sla_by_wing.csv templates/pdf/notice.ini",
                        out, out),
                     0);
    assert_int_equal(sh("python3 tests/pdf_check.py hindi %s/notice-board.pdf "
                        "templates/pdf/notice.ini period",
                        out),
                     0);
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q '^Pages: *1$'", out), 0);
}

/* ---- the league table ------------------------------------------------------ */

static void test_league_ranks_equal_metrics_rank(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    nv_rank_row *cur = NULL, *prev = NULL;
    size_t nc = 0, np = 0;
    char path[256], want_s[3][100], tok[3][100];
    int64_t l = nvt_days_from_civil(2024, 12, D);
    nv_tz tz = nvt_ist();
    nv_report w;
    report_set_window(&w, &tz, l - 29, l); /* the 30 days ending with D */
    int64_t a = w.d0, b = w.d1;
    report_set_window(&w, &tz, l - 36, l - 7); /* ... ending 7 days earlier */
    assert_int_equal(metrics_rank(f->db, a, b, 1, &cur, &nc, &eb), NV_OK);
    assert_int_equal(metrics_rank(f->db, w.d0, w.d1, 1, &prev, &np, &eb), NV_OK);
    snprintf(path, sizeof path, "%s/md-daily-report.pdf", f->out);
    char *s = pdf_text_of(path, 1);
    assert_non_null(s);
    int ranked = 0;
    for (size_t i = 0; i < nc; i++) {
        int pr = 0;
        for (size_t j = 0; j < np; j++)
            if (!strcmp(prev[j].xen_id, cur[i].xen_id) && !strcmp(prev[j].wing, cur[i].wing))
                pr = prev[j].rank;
        snprintf(want_s[0], 100, cur[i].rank ? "%d" : "-", cur[i].rank);
        snprintf(want_s[1], 100, pr ? "%d" : "-", pr);
        snprintf(want_s[2], 100, "%s", cur[i].xen_id);
        ranked += cur[i].rank > 0;
        /* the league line: "rank prev xen received ..." */
        char key[128];
        snprintf(key, sizeof key, " %s ", cur[i].xen_id);
        const char *p = s;
        int found = 0;
        while (!found && (p = strstr(p, key))) {
            const char *bol = p;
            while (bol > s && bol[-1] != '\n')
                bol--;
            if (sscanf(bol, "%99s %99s %99s", tok[0], tok[1], tok[2]) == 3 &&
                !strcmp(tok[2], cur[i].xen_id))
                found = !strcmp(tok[0], want_s[0]) && !strcmp(tok[1], want_s[1]);
            p++;
        }
        if (!found)
            fprintf(stderr, "league: no line '%s %s %s'\n", want_s[0], want_s[1], want_s[2]);
        assert_true(found);
    }
    assert_true(ranked >= 3);
    free(s);
    free(cur);
    free(prev);
}

/* ---- a foreign-sized organisation ---------------------------------------
 * 40 wings of 10 XENs each, every name 60 characters (a city's departments
 * and queues): both PDFs are valid, every name is cut to its column, every
 * table continues over pages, nothing runs off a page or over another
 * word, the notice stays one page with the top wings and "Other wings", and
 * every figure still equals the open data, whose totals are the hand counts
 * below. */
#define BIG_W 40
#define BIG_X 10

typedef struct {
    sqlite3 *db;
    nv_profile prof;
    nv_report r;
    char dir[64], out[128], out30[160];
    char wing[BIG_W][64], xen[BIG_W][BIG_X][64];
    int64_t received, resolved, rejected, met, breached; /* day D, by hand */
} big_fx;

/* head, then the filler, cut to exactly 60 characters. */
static void name60(char *buf, const char *head, const char *filler)
{
    char all[256];
    snprintf(all, sizeof all, "%s%s%s", head, filler, filler);
    memcpy(buf, all, 60);
    buf[60] = '\0';
}

/* XEN (w, x), on day D: k = 1 + (w + x^2) mod 5 records registered from
 * 08:00, the j-th resolved after an hour (j mod 3 = 0: received, resolved,
 * met), rejected after two (j mod 3 = 2: received, rejected) or left open
 * (received); and for even x one more, registered on D-1 at 06:00 and still
 * open: breached at D 06:00 under the 24 h limit. */
static int big_k(int w, int x)
{
    return 1 + (w + x * x) % 5;
}

static int big_load(big_fx *b)
{
    int rc = 0;
    char id[64], head[32];
    for (int w = 0; w < BIG_W; w++) {
        snprintf(head, sizeof head, "Wing %02d ", w);
        name60(b->wing[w], head, "Department of Streets, Sanitation and Neighbourhood Services ");
        for (int x = 0; x < BIG_X; x++) {
            snprintf(head, sizeof head, "Queue %02d-%02d ", w, x);
            name60(b->xen[w][x], head, "Street Lighting, Traffic Signals and Road Repair Unit ");
            int k = big_k(w, x);
            for (int j = 0; j < k; j++) {
                int64_t reg = fx_ist(2024, 12, D, 8, 0) + 60 * (w * BIG_X + x) + j;
                const char *st = j % 3 == 0 ? "RESOLVED" : j % 3 == 2 ? "REJECTED" : NULL;
                int64_t disp = st ? reg + (j % 3 == 0 ? 3600 : 7200) : 0;
                snprintf(id, sizeof id, "B%d-%d-%d", w, x, j);
                fx_rec r = {0};
                r.record_id = id, r.wing = b->wing[w], r.xen_id = b->xen[w][x];
                r.category = "STREET_LIGHT", r.status = st, r.registered = reg;
                r.has_disposed = st != NULL, r.disposed = disp, r.subdivision = "S";
                rc |= fx_add(b->db, &r);
                b->received++;
                b->resolved += j % 3 == 0, b->met += j % 3 == 0, b->rejected += j % 3 == 2;
            }
            if (x % 2) continue;
            snprintf(id, sizeof id, "B%d-%d-old", w, x);
            fx_rec r = {0};
            r.record_id = id, r.wing = b->wing[w], r.xen_id = b->xen[w][x];
            r.category = "STREET_LIGHT", r.registered = fx_ist(2024, 12, D - 1, 6, 0);
            r.subdivision = "S";
            rc |= fx_add(b->db, &r);
            b->breached++;
        }
    }
    return rc;
}

static int big_setup(void **state)
{
    big_fx *b = calloc(1, sizeof *b);
    nv_errbuf eb;
    nv_fig_table t = {0}, t30 = {0};
    if (!b || !(b->db = fx_db()) || big_load(b) != 0) return -1;
    snprintf(b->prof.name, sizeof b->prof.name, "test-24h");
    b->prof.default_hours = 24;
    b->prof.target_pct = 90;
    b->prof.rank_min_judged = 1;
    snprintf(b->prof.sha256, sizeof b->prof.sha256, "test");
    snprintf(b->dir, sizeof b->dir, "/tmp/nv_pdfbig_XXXXXX");
    if (metrics_judge(b->db, &b->prof, &eb) != NV_OK || !mkdtemp(b->dir)) return -1;
    snprintf(b->out, sizeof b->out, "%s/a", b->dir);
    snprintf(b->out30, sizeof b->out30, "%s/w30", b->dir);
    mkdir(b->out, 0755);
    mkdir(b->out30, 0755);
    nv_tz tz = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, D);
    report_set_window(&b->r, &tz, day, day);
    b->r.db = b->db;
    b->r.templates_dir = "templates";
    b->r.out_dir = b->out;
    b->r.profile = &b->prof;
    b->r.org_name = "City of Long Department Names";
    nv_report w30;
    report_set_window(&w30, &tz, day - 29, day); /* the league table's window */
    int ok = metrics_compute(b->db, b->r.d0, b->r.d1, &t, &eb) == NV_OK &&
             metrics_write_open_data(&t, b->out, b->r.report_date, &eb) == NV_OK &&
             metrics_compute(b->db, w30.d0, w30.d1, &t30, &eb) == NV_OK &&
             metrics_write_open_data(&t30, b->out30, w30.report_date, &eb) == NV_OK &&
             pdf_write_md(&b->r, &eb) == NV_OK && pdf_write_notice(&b->r, &eb) == NV_OK;
    if (!ok) fprintf(stderr, "big setup: %s\n", eb.msg);
    metrics_table_free(&t);
    metrics_table_free(&t30);
    *state = b;
    return ok ? 0 : -1;
}

static int big_teardown(void **state)
{
    big_fx *b = *state;
    char cmd[128];
    if (!b) return 0;
    db_close(b->db);
    snprintf(cmd, sizeof cmd, "rm -rf %s", b->dir);
    int rc = getenv("NV_PDF_KEEP") ? 0 : system(cmd);
    free(b);
    return rc == 0 ? 0 : -1;
}

static void test_big_hand_totals(void **state)
{
    big_fx *b = *state;
    char path[256], line[512], want_s[128];
    snprintf(path, sizeof path, "%s/open-data/sla_by_wing.csv", b->out);
    FILE *c = fopen(path, "r");
    assert_non_null(c);
    snprintf(want_s, sizeof want_s, "2024-12-10,ALL,%lld,%lld,%lld,%lld,%lld,",
             (long long)b->received, (long long)b->resolved, (long long)b->rejected,
             (long long)b->met, (long long)b->breached);
    int found = 0, wings = 0;
    while (fgets(line, sizeof line, c)) {
        found |= strncmp(line, want_s, strlen(want_s)) == 0;
        wings += strncmp(line, "2024-12-10,\"Wing ", 17) == 0; /* quoted: the names hold commas */
    }
    fclose(c);
    if (!found) fprintf(stderr, "no open-data line '%s'\n", want_s);
    assert_true(found);
    assert_int_equal(wings, BIG_W);
}

static void test_big_valid_and_laid_out(void **state)
{
    big_fx *b = *state;
    assert_int_equal(sh("qpdf --check %s/md-daily-report.pdf >/dev/null 2>&1", b->out), 0);
    assert_int_equal(sh("qpdf --check %s/notice-board.pdf >/dev/null 2>&1", b->out), 0);
    assert_int_equal(sh("python3 tests/pdf_check.py layout %s/md-daily-report.pdf", b->out), 0);
    assert_int_equal(sh("python3 tests/pdf_check.py layout %s/notice-board.pdf", b->out), 0);
}

static void test_big_notice_one_page_top_and_other(void **state)
{
    big_fx *b = *state;
    char path[256];
    assert_int_equal(sh("pdfinfo %s/notice-board.pdf 2>/dev/null | grep -q '^Pages: *1$'", b->out),
                     0);
    /* shown wings, "Other wings" = the sum of the rest, the note's numbers,
     * the total: against the open data (whose ALL row is the hand count) */
    assert_int_equal(sh("python3 tests/pdf_check.py figures-notice %s/notice-board.pdf "
                        "%s/open-data/sla_by_wing.csv templates/pdf/notice.ini",
                        b->out, b->out),
                     0);
    snprintf(path, sizeof path, "%s/notice-board.pdf", b->out);
    char *s = pdf_text_of(path, 0);
    assert_non_null(s);
    want(s, "Other wings");
    want(s, "अन्य विंग");
    want(s, "of 40;");
    want(s, PDF_ELLIPSIS); /* the names are cut */
    /* the wings shown are the busiest, busiest first: received on D and in
     * the month to date (D plus the 5 records of D-1 of every wing), by
     * hand; ties by name */
    int vol[BIG_W], order[BIG_W], shown = 0;
    for (int w = 0; w < BIG_W; w++) {
        vol[w] = 0;
        for (int x = 0; x < BIG_X; x++)
            vol[w] += 2 * big_k(w, x) + (x % 2 == 0);
        order[w] = w;
    }
    for (int i = 1; i < BIG_W; i++) /* insertion sort: volume down, then number */
        for (int j = i; j > 0 && vol[order[j]] > vol[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1], order[j - 1] = t;
        }
    const char *p = strstr(s, "The tables show the ");
    assert_non_null(p);
    assert_int_equal(sscanf(p, "The tables show the %d", &shown), 1);
    assert_true(shown >= 2 && shown < BIG_W - 1);
    const char *at = s;
    for (int i = 0; i < shown; i++) { /* in the first table, in this order */
        char head[16];
        snprintf(head, sizeof head, "Wing %02d ", order[i]);
        const char *q = strstr(at, head);
        if (!q) fprintf(stderr, "notice: '%s' (rank %d) missing or out of order\n", head, i + 1);
        assert_non_null(q);
        at = q + 1;
    }
    char head[16]; /* the first wing not shown is not on the page */
    snprintf(head, sizeof head, "Wing %02d ", order[shown]);
    assert_null(strstr(s, head));
    free(s);
}

static void test_big_md_figures_and_pages(void **state)
{
    big_fx *b = *state;
    char path[256];
    assert_int_equal(sh("python3 tests/pdf_check.py figures-md %s/md-daily-report.pdf "
                        "%s/open-data/sla_by_wing.csv",
                        b->out, b->out),
                     0);
    assert_int_equal(sh("python3 tests/pdf_check.py league %s/md-daily-report.pdf "
                        "%s/open-data/sla_by_xen.csv",
                        b->out, b->out30),
                     0);
    snprintf(path, sizeof path, "%s/md-daily-report.pdf", b->out);
    char *s = pdf_text_of(path, 0);
    assert_non_null(s);
    want(s, "(continued)");
    want(s, PDF_ELLIPSIS);
    assert_null(strstr(s, b->xen[7][3])); /* 60 characters never fit the XEN column */
    free(s);
    /* 400 league rows: many pages, each "page n of m" */
    assert_int_equal(
        sh("n=$(pdfinfo %s/md-daily-report.pdf 2>/dev/null | awk '/^Pages:/{print $2}');"
           " [ \"$n\" -ge 8 ] && [ \"$(pdftotext %s/md-daily-report.pdf - 2>/dev/null | "
           "grep -c \"of $n$\")\" = \"$n\" ]",
           b->out, b->out),
        0);
}

/* pdf_cut: the result fits, is a prefix of the name plus the ellipsis, and
 * never ends inside a Devanagari syllable; pdf_bookmark takes a y outside
 * the page. */
static void test_cut_and_bookmark(void **state)
{
    big_fx *b = *state;
    nv_errbuf eb;
    pdf_doc d;
    char out[256];
    assert_int_equal(pdf_open(&d, &b->r, NULL, "t", &eb), NV_OK);
    assert_int_equal(pdf_add_page(&d, 0, &eb), NV_OK);
    const char *names[2] = {b->wing[3], "तकनीकी विभाग क्षेत्रीय कार्यालय उत्तर"};
    for (int k = 0; k < 2; k++)
        for (double mw = 10; mw < 400; mw += 7) {
            int cut = pdf_cut(&d, names[k], 0, 10, mw, out, sizeof out);
            size_t n = strlen(out), e = strlen(PDF_ELLIPSIS);
            if (!cut) {
                assert_string_equal(out, names[k]);
                continue;
            }
            assert_true(n >= e && strcmp(out + n - e, PDF_ELLIPSIS) == 0);
            assert_true(strncmp(out, names[k], n - e) == 0);
            if (n > e) assert_true(pdf_width(&d, out, 0, 10) <= mw);
            /* Devanagari (3 bytes a code point here): the cut is not
             * before a sign or matra (U+0900..0903, U+093A..094F) nor
             * after a virama (U+094D) */
            if (k == 1 && n > e) {
                const unsigned char *q = (const unsigned char *)names[k] + n - e;
                unsigned next = ((q[0] & 15u) << 12) | ((q[1] & 63u) << 6) | (q[2] & 63u);
                unsigned last = ((q[-3] & 15u) << 12) | ((q[-2] & 63u) << 6) | (q[-1] & 63u);
                if (q[0] != ' ') {
                    assert_false(next >= 0x093A && next <= 0x094F);
                    assert_false(next >= 0x0900 && next <= 0x0903);
                }
                assert_int_not_equal(last, 0x094D);
            }
        }
    assert_int_equal(pdf_cut(&d, "short", 0, 10, 400, out, sizeof out), 0);
    assert_string_equal(out, "short");
    assert_int_equal(pdf_bookmark(&d, "below", -50, &eb), NV_OK);
    assert_int_equal(pdf_bookmark(&d, "above", d.h + 100, &eb), NV_OK);
    pdf_close(&d);
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
        cmocka_unit_test(test_template_per_organisation),
        cmocka_unit_test(test_hand_figs_are_the_hand_count),
        cmocka_unit_test(test_period_md_compares_with_previous_period),
        cmocka_unit_test(test_period_notice_shows_period_and_previous),
        cmocka_unit_test(test_league_ranks_equal_metrics_rank),
    };
    const struct CMUnitTest big[] = {
        cmocka_unit_test(test_big_hand_totals),
        cmocka_unit_test(test_big_valid_and_laid_out),
        cmocka_unit_test(test_big_notice_one_page_top_and_other),
        cmocka_unit_test(test_big_md_figures_and_pages),
        cmocka_unit_test(test_cut_and_bookmark),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    return rc + cmocka_run_group_tests(big, big_setup, big_teardown);
}
