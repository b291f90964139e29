/* test_web.c — the public web page and the data package (src/web*.c).
 *
 * HTML and JSON escaping, digit grouping (table-driven, worked by hand); a
 * page from a hand-built figures input (no database) shows those figures
 * exactly, in the cells the browser test reads, and the time limit in words
 * (one limit, or the range of a profile with per-category hours);
 * the compensation block renders only when given, with Indian grouping; a
 * name from an export is escaped; from a hand-written day in a database
 * (fixture.h) the page shows the hand-counted figures and none of the
 * records' mobiles, accounts or officer logins; the package's report_date
 * is a date for a day and a string for a period, a header that differs
 * from the resource table is refused; reruns are byte-identical; a missing
 * template key is NV_ERR_CONFIG. */
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
#include "nivaran/core/outfile.h"
#include "nivaran/core/report.h"
#include "nivaran/render/web/web.h"

/* The whole of a file, NUL-terminated (the caller frees), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = 0;
    fclose(f);
    return s;
}

/* What fn writes for s, through a memory stream. */
static char *escaped(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, s);
    fclose(f);
    return buf;
}

static void test_html_escape(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;"},
        {"हिन्दी", "हिन्दी"},
        {"a\xFF"
         "b",
         "a\\xFFb"},                         /* a stray byte */
        {"\xE0\xA4", "\\xE0\\xA4"},          /* a cut sequence */
        {"\xED\xA0\x80", "\\xED\\xA0\\x80"}, /* a surrogate */
        {"x\x01y", "x y"},                   /* a control character */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = escaped(web_html_escape, cases[i].in);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
}

static void test_json_escape(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\"b\\c", "a\\\"b\\\\c"}, {"l1\nl2\tt", "l1\\nl2\\tt"}, {"\x01", "\\u0001"},
        {"₹ कुल", "₹ कुल"},           {"\xC3", "\\\\xC3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = escaped(web_json_escape, cases[i].in);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
}

static void test_grouping(void **state)
{
    (void)state;
    static const struct {
        int64_t v;
        int indian;
        const char *out;
    } cases[] = {
        {0, 1, "0"},
        {999, 1, "999"},
        {1000, 1, "1,000"},
        {99999, 1, "99,999"},
        {100000, 1, "1,00,000"},
        {1234567, 1, "12,34,567"},
        {123456789, 1, "12,34,56,789"},
        {-123456, 1, "-1,23,456"},
        {1234567, 0, "1,234,567"},
        {100, 0, "100"},
        {123456789012, 0, "123,456,789,012"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        web_fmt_grouped(cases[i].v, cases[i].indian, buf);
        assert_string_equal(buf, cases[i].out);
    }
}

/* ---- a page from hand-built figures ------------------------------------ */

typedef struct {
    nv_profile prof;
    nv_report r;
    nv_web_figs f;
    char dir[64], page[128];
} hand;

static void put_row(nv_fig_table *t, const char *wing, int64_t rec, int64_t res, int64_t met,
                    int64_t br)
{
    nv_fig_row *x = &t->rows[t->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->wing, sizeof x->wing, "%s", wing);
    x->f.received = rec, x->f.resolved = res, x->f.met = met, x->f.breached = br;
    t->n_wing = t->n;
}

/* Day: TECHNICAL 12 received, 7 resolved, 7 met of 8 judged (87.5);
 * "<Ops & Co>" 3, 0, nothing judged (-); ALL their sums 15, 7, 7 of 8.
 * Month: the day's wings with TECHNICAL 300/290, 270 of 300 (90.0). Trend:
 * day i has i received, met i, breached 1 (day 0: 0 of 1 = 0.0). Bands
 * 5, 4, 3, 2 = 14 pending, 6 overdue. */
static void hand_figs(nv_web_figs *f)
{
    memset(f, 0, sizeof *f);
    f->day.rows = calloc(4, sizeof *f->day.rows);
    f->month.rows = calloc(4, sizeof *f->month.rows);
    put_row(&f->day, "<Ops & Co>", 3, 0, 0, 0);
    put_row(&f->day, "ALL", 15, 7, 7, 1);
    put_row(&f->day, "TECHNICAL", 12, 7, 7, 1);
    put_row(&f->month, "ALL", 300, 290, 270, 30);
    put_row(&f->month, "TECHNICAL", 300, 290, 270, 30);
    snprintf(f->month_range, sizeof f->month_range, "2024-12-01/2024-12-10");
    f->month_first = nvt_days_from_civil(2024, 12, 1);
    f->month_last = nvt_days_from_civil(2024, 12, 10);
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        nvt_format_ymd(nvt_days_from_civil(2024, 12, 10) - 29 + i, f->trend[i].date);
        f->trend[i].received = i, f->trend[i].met = i, f->trend[i].breached = 1;
    }
    for (int b = 0; b < WEB_BANDS; b++)
        f->band[b] = 5 - b;
    f->pending = 14, f->overdue = 6;
}

static int hand_setup(void **state)
{
    hand *h = calloc(1, sizeof *h);
    snprintf(h->dir, sizeof h->dir, "/tmp/nv_web_XXXXXX");
    if (!h || !mkdtemp(h->dir)) return -1;
    snprintf(h->page, sizeof h->page, "%s/public/index.html", h->dir);
    h->prof.default_hours = 24;
    h->prof.target_pct = 90;
    nv_tz tz = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, 10);
    report_set_window(&h->r, &tz, day, day);
    h->r.templates_dir = "templates";
    h->r.out_dir = h->dir;
    h->r.profile = &h->prof;
    h->r.org_name = "KESCO";
    hand_figs(&h->f);
    *state = h;
    return 0;
}

static int hand_teardown(void **state)
{
    hand *h = *state;
    web_figs_free(&h->f);
    outfile_rmtree(h->dir);
    free(h);
    return 0;
}

static char *hand_page(hand *h, const nv_web_comp *comp)
{
    nv_errbuf eb;
    nv_err e = web_write_page(&h->r, &h->f, comp, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    char *s = slurp(h->page);
    assert_non_null(s);
    return s;
}

static void want(const char *page, const char *s)
{
    if (!strstr(page, s)) fail_msg("the page lacks: %s", s);
}

static void test_hand_figures(void **state)
{
    hand *h = *state;
    char *s = hand_page(h, NULL);
    want(s, "<html lang=\"hi\">");
    want(s, "<tr data-wing=\"TECHNICAL\"><th scope=\"row\"><span lang=\"hi\">तकनीकी</span> <span "
            "lang=\"en\" class=\"l2\">Technical</span></th><td data-f=\"received\">12</td><td "
            "data-f=\"resolved\">7</td><td data-f=\"compliance_pct\">87.5</td></tr>");
    want(s, "<td data-f=\"received\">15</td><td data-f=\"resolved\">7</td><td "
            "data-f=\"compliance_pct\">87.5</td>");
    want(s, "<td data-f=\"received\">300</td><td data-f=\"resolved\">290</td><td "
            "data-f=\"compliance_pct\">90.0</td>");
    /* an export's wing name, escaped, with nothing judged */
    want(s, "data-wing=\"&lt;Ops &amp; Co&gt;\"><th scope=\"row\">&lt;Ops &amp; Co&gt;</th><td "
            "data-f=\"received\">3</td><td data-f=\"resolved\">0</td><td "
            "data-f=\"compliance_pct\">-</td>");
    assert_null(strstr(s, "<Ops"));
    /* the time limit in words, from the profile's 24 hours */
    want(s, "Every complaint within 24 hours");
    want(s, "हर शिकायत का निस्तारण 24 घंटे के भीतर");
    /* trend: day 0 is 0 of 1, day 29 is 29 of 30 (96.7); pooled 435 of 465 */
    want(s, "<tr data-date=\"2024-11-11\"><th scope=\"row\">2024-11-11</th><td "
            "data-f=\"received\">0</td><td data-f=\"resolved\">0</td><td "
            "data-f=\"judged\">1</td><td data-f=\"compliance_pct\">0.0</td></tr>");
    want(s, "<td data-f=\"judged\">30</td><td data-f=\"compliance_pct\">96.7</td>");
    want(s, "93.5% in time over the 30 days (target 90%); lowest 0.0% on 2024-11-11, highest "
            "96.7% on 2024-12-10.");
    want(s, "role=\"img\" aria-labelledby=\"trend-alt\"");
    /* backlog bands and totals */
    want(s, "<tr data-band=\"0\">");
    want(s, "Under 24 hours</span></th><td>5</td>");
    want(s, "7 days or more</span></th><td>2</td>");
    want(s, "All open</span></th><td>14</td>");
    want(s, "past the time limit</span></th><td>6</td>");
    /* no compensation block when none is given; no script; nothing fetched */
    assert_null(strstr(s, "id=\"compensation\""));
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "http"));
    free(s);
}

static void test_compensation_block(void **state)
{
    hand *h = *state;
    nv_web_comp c = {.owed_records = 1234, .owed_rupees = 1234567};
    char *s = hand_page(h, &c);
    want(s, "id=\"compensation\"");
    want(s, "This month ₹12,34,567 is owed to consumers for 1,234 services done late — claim it "
            "on 1912");
    want(s, "इस माह देर से हुई 1,234 सेवाओं के लिए उपभोक्ताओं को ₹12,34,567 देय है");
    want(s, "Before the annual cap.");
    free(s);
}

static void test_period_wording(void **state)
{
    hand *h = *state;
    nv_tz tz = nvt_ist();
    nv_report r = h->r;
    report_set_window(&r, &tz, nvt_days_from_civil(2024, 12, 6), nvt_days_from_civil(2024, 12, 10));
    nv_errbuf eb;
    assert_int_equal(web_write_page(&r, &h->f, NULL, &eb), NV_OK);
    char *s = slurp(h->page);
    /* the days in words, each language its own month names */
    want(s, "The period: 6-10 Dec 2024");
    want(s, "अवधि: 6-10 दिसंबर 2024");
    want(s, "Previous period: 1-10 Dec 2024"); /* the figures' own days */
    want(s, "पिछली अवधि: 1-10 दिसंबर 2024");
    want(s, "Open at the end of the period, by age");
    free(s);
}

/* A profile with per-category hours: the range in words, from the
 * smallest to the largest (the default 24 included). */
static void test_limit_range(void **state)
{
    hand *h = *state;
    h->prof.n = 2;
    snprintf(h->prof.items[0].category, sizeof h->prof.items[0].category, "NO_SUPPLY");
    h->prof.items[0].hours = 4;
    snprintf(h->prof.items[1].category, sizeof h->prof.items[1].category, "INDUSTRIAL");
    h->prof.items[1].hours = 360;
    char *s = hand_page(h, NULL);
    want(s, "Every complaint within the time limit of its kind: 4 to 360 hours");
    want(s, "समय सीमा में: 4 से 360 घंटे");
    assert_null(strstr(s, "Every complaint within 24 hours"));
    free(s);
}

static void test_missing_key(void **state)
{
    hand *h = *state;
    char tdir[128], path[200];
    snprintf(tdir, sizeof tdir, "%s/tpl", h->dir);
    snprintf(path, sizeof path, "%s/web", tdir);
    assert_int_equal(outfile_mkdirs(path, NULL), NV_OK);
    snprintf(path, sizeof path, "%s/web/web.ini", tdir);
    FILE *f = fopen(path, "w");
    fputs("[page]\nlang = en\norder = limit\n[months]\n", f);
    for (int m = 1; m <= 12; m++)
        fprintf(f, "%d = M%d\n", m, m);
    fclose(f);
    nv_report r = h->r;
    r.templates_dir = tdir;
    nv_errbuf eb;
    assert_int_equal(web_write_page(&r, &h->f, NULL, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "web.ini"));
    assert_non_null(strstr(eb.msg, "[text] title"));
}

/* ---- from a database --------------------------------------------------- */

/* 2024-12-10 (IST): A (TECHNICAL) registered 09:00, resolved 15:00: met;
 * B (TECHNICAL) registered 2024-12-08 10:00, open: breached at 12-09 10:00
 * (not the day), pending at d1 aged 62 h (band 2), overdue; C (COMMERCIAL)
 * registered 12-10 20:00, open: pending aged 4 h (band 0). Day: received 2
 * (A, C), resolved 1, met 1, breached 0 -> 100.0; ALL pending 2, overdue 1. */
static int db_setup(void **state)
{
    hand *h = NULL;
    if (hand_setup((void **)&h)) return -1;
    sqlite3 *db = fx_db();
    fx_rec a = {.record_id = "A1",
                .wing = "TECHNICAL",
                .xen_id = "XEN_T1",
                .status = "RESOLVED",
                .mobile = "9876501234",
                .account = "ACC7654321",
                .closed_by = "JE_SECRET9",
                .registered = fx_ist(2024, 12, 10, 9, 0),
                .disposed = fx_ist(2024, 12, 10, 15, 0),
                .has_disposed = 1};
    fx_rec b = {.record_id = "B2",
                .wing = "TECHNICAL",
                .xen_id = "XEN_T1",
                .mobile = "9123409876",
                .registered = fx_ist(2024, 12, 8, 10, 0)};
    fx_rec c = {.record_id = "C3",
                .wing = "COMMERCIAL",
                .xen_id = "XEN_C1",
                .account = "ACC1111999",
                .registered = fx_ist(2024, 12, 10, 20, 0)};
    nv_errbuf eb;
    if (!db || fx_add(db, &a) || fx_add(db, &b) || fx_add(db, &c) ||
        metrics_judge(db, &h->prof, &eb) != NV_OK)
        return -1;
    h->r.db = db;
    nv_fig_table t = {0};
    if (metrics_compute(db, h->r.d0, h->r.d1, &t, &eb) != NV_OK ||
        metrics_write_open_data(&t, h->dir, h->r.report_date, &eb) != NV_OK)
        return -1;
    metrics_table_free(&t);
    *state = h;
    return 0;
}

static int db_teardown(void **state)
{
    hand *h = *state;
    db_close(h->r.db);
    return hand_teardown(state);
}

static void test_db_page(void **state)
{
    hand *h = *state;
    nv_errbuf eb;
    nv_err e = web_write(&h->r, NULL, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    char *s = slurp(h->page);
    want(s, "<tr data-wing=\"TECHNICAL\">");
    want(s, "Technical</span></th><td data-f=\"received\">1</td><td data-f=\"resolved\">1</td><td "
            "data-f=\"compliance_pct\">100.0</td>");
    want(s, "KESCO total</span></th><td data-f=\"received\">2</td><td "
            "data-f=\"resolved\">1</td><td data-f=\"compliance_pct\">100.0</td>");
    want(s, "Under 24 hours</span></th><td>1</td>");
    want(s, "24 to 48 hours</span></th><td>0</td>");
    want(s, "2 to 7 days</span></th><td>1</td>");
    want(s, "All open</span></th><td>2</td>");
    want(s, "past the time limit</span></th><td>1</td>");
    /* the trend's 2024-12-09: B breached (judged at 12-09 10:00) */
    want(s,
         "<tr data-date=\"2024-12-09\"><th scope=\"row\">2024-12-09</th><td "
         "data-f=\"received\">0</td><td data-f=\"resolved\">0</td><td data-f=\"judged\">1</td><td "
         "data-f=\"compliance_pct\">0.0</td>");
    static const char *secret[] = {"9876501234", "9123409876", "ACC7654321",
                                   "ACC1111999", "JE_SECRET9", "A1",
                                   "B2",         "C3",         "XEN_T1"};
    for (size_t i = 0; i < sizeof secret / sizeof *secret; i++)
        if (strstr(s, secret[i])) fail_msg("the page shows %s", secret[i]);
    /* a rerun writes the same bytes */
    char pp[256];
    snprintf(pp, sizeof pp, "%s/open-data/datapackage.json", h->dir);
    char *pkg = slurp(pp);
    assert_int_equal(web_write(&h->r, NULL, &eb), NV_OK);
    char *s2 = slurp(h->page);
    char *pkg2 = slurp(pp);
    assert_string_equal(s, s2);
    assert_string_equal(pkg, pkg2);
    /* the package: a day's report_date is a date; both files described */
    want(pkg, "\"name\": \"kesco-complaint-figures-2024-12-10\"");
    want(pkg, "\"title\": \"KESCO complaint redressal figures, 2024-12-10\"");
    want(pkg, "\"title\": \"Government Open Data License - India\"");
    want(pkg, "\"path\": \"https://data.gov.in/government-open-data-license-india\"");
    want(pkg, "\"name\": \"report_date\",\n            \"type\": \"date\"");
    want(pkg, "\"path\": \"sla_by_xen.csv\"");
    want(pkg, "\"missingValues\": [\"\"]");
    free(s), free(s2), free(pkg), free(pkg2);
}

static void test_package_period_and_header(void **state)
{
    hand *h = *state;
    nv_tz tz = nvt_ist();
    nv_report r = h->r;
    nv_errbuf eb;
    char path[256];
    report_set_window(&r, &tz, nvt_days_from_civil(2024, 12, 6), nvt_days_from_civil(2024, 12, 10));
    assert_int_equal(web_write_package(&r, &eb), NV_OK);
    snprintf(path, sizeof path, "%s/open-data/datapackage.json", h->dir);
    char *pkg = slurp(path);
    want(pkg, "\"name\": \"report_date\",\n            \"type\": \"string\"");
    want(pkg, "\"name\": \"kesco-complaint-figures-2024-12-06_2024-12-10\"");
    free(pkg);
    /* a CSV whose header is not the table's is refused */
    snprintf(path, sizeof path, "%s/open-data/sla_by_wing.csv", h->dir);
    FILE *f = fopen(path, "w");
    fputs("report_date,wing,received\n", f);
    fclose(f);
    assert_int_equal(web_write_package(&r, &eb), NV_ERR_INTERNAL);
    assert_non_null(strstr(eb.msg, "sla_by_wing.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_grouping),
        cmocka_unit_test_setup_teardown(test_hand_figures, hand_setup, hand_teardown),
        cmocka_unit_test_setup_teardown(test_compensation_block, hand_setup, hand_teardown),
        cmocka_unit_test_setup_teardown(test_period_wording, hand_setup, hand_teardown),
        cmocka_unit_test_setup_teardown(test_limit_range, hand_setup, hand_teardown),
        cmocka_unit_test_setup_teardown(test_missing_key, hand_setup, hand_teardown),
        cmocka_unit_test_setup_teardown(test_db_page, db_setup, db_teardown),
        cmocka_unit_test_setup_teardown(test_package_period_and_header, db_setup, db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
