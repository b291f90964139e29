/* test_xlsxread.c — the workbook reader on fixtures made at test time: one
 * written here with libxlsxwriter (shared strings, and constant_memory's
 * inline strings as nivaran's wing workbooks have them), one saved by
 * openpyxl and one written by hand as XML (tests/xlsxread_fixtures.py), and
 * the same workbooks saved again by LibreOffice when soffice is installed.
 * Every expected cell list below is what the fixture wrote, worked out by
 * hand ("row,col=text" per cell, in row then column order). Bad input: not
 * a zip, a cut zip, a CRC mismatch, no workbook part, malformed XML, a DTD,
 * a missing shared string, a part that lies about its size and a real zip
 * bomb (300 MB of zeros compressed), each NV_ERR_FORMAT with its reason.
 * Memory: of a million shared strings only those the sheet uses are kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "nivaran/load/xlsxread.h"

#define SCRATCH "tests/tmp/unit_xlsxread"
#define LIMIT (200ull << 20) /* issue 13: "say 200 MB" */

static const char *py; /* a python3 that has openpyxl */

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

/* The cells seen, "row,col=text\n" each; stops after `stop_after` when set. */
typedef struct {
    char s[8192];
    size_t len;
    int n, stop_after;
} seen;

static int collect(void *ud, uint32_t row, uint32_t col, const char *text, size_t len)
{
    seen *v = ud;
    assert_int_equal(strlen(text), len); /* NUL-terminated at len */
    int w = snprintf(v->s + v->len, sizeof v->s - v->len, "%u,%u=%s\n", row, col, text);
    assert_true(w > 0 && (size_t)w < sizeof v->s - v->len);
    v->len += (size_t)w;
    v->n++;
    return v->stop_after && v->n >= v->stop_after;
}

/* The cells of one sheet, or NULL with the error in eb / *e. */
static const char *cells_of(nv_xlsxread *x, const char *sheet, seen *v, nv_err *e, nv_errbuf *eb)
{
    memset(v, 0, sizeof *v);
    *e = xlsxread_sheet(x, sheet, collect, v, eb);
    return *e ? NULL : v->s;
}

static void expect_sheet(const char *path, const char *sheet, const char *want)
{
    nv_xlsxread *x = NULL;
    nv_errbuf eb = {{0}};
    nv_err e = xlsxread_open(path, LIMIT, &x, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    seen v;
    const char *got = cells_of(x, sheet, &v, &e, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    assert_string_equal(got, want);
    xlsxread_close(x);
}

static void expect_names(const char *path, const char *const *names, size_t n)
{
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    assert_int_equal(xlsxread_open(path, LIMIT, &x, &eb), NV_OK);
    assert_int_equal(xlsxread_sheet_count(x), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(xlsxread_sheet_name(x, i), names[i]);
    assert_null(xlsxread_sheet_name(x, n));
    xlsxread_close(x);
}

/* ---- the fixtures' expected cells (see tests/xlsxread_fixtures.py) ---- */

/* Data of openpyxl.xlsx: F2 (a formula, no cached value), B3 (cleared, kept
 * for its style) and C3 (empty string) are not reported. */
static const char OPENPYXL_DATA[] = "1,1=Flag key\n1,2=Review\n"
                                    "2,1=K-1\n2,2=EXPLAINED\n2,3=42\n2,4=1.5\n2,5=TRUE\n"
                                    "3,1=शिकायत\n"
                                    "12,28=far\n";
/* First of crafted.xlsx: rows 1-2 and their cells have no r; A2 is <c/>;
 * B2 is "bo"+"ld" (the <rPh> X is not text); C1 is shared string 1, two
 * runs; C4 is string 2 without its phonetic run; D4 a false boolean. */
static const char CRAFTED_FIRST[] = "1,1=in A1\n1,2=7\n1,3=Rich text & more\n"
                                    "2,2=bold\n"
                                    "4,3=漢字\n4,4=FALSE\n";
/* Second: D2 is the empty shared string 3; F2 and G2 have escapes. */
static const char CRAFTED_SECOND[] = "2,2=zero\n2,3=ab\n2,5=#N/A\n2,6=a\nb_x0041_\n2,7=tab\tend\n";

/* The libxlsxwriter fixture: Summary then Risk flags (tabs), written with
 * shared strings, or with constant_memory's inline strings. B2 is a blank
 * cell with a format (present, empty); D3 a formula with its result 2;
 * Summary!A6 holds a BEL (U+0007) and a tab. */
static const char XW_FLAGS[] = "1,1=Flag key\n1,2=Review\n1,3=Score\n"
                               "2,1=FAST_CLOSE:K-17\n2,3=0.25\n"
                               "3,1=BULK_CLOSE:K-9\n3,2=CONFIRMED\n3,3=3\n3,4=2\n";
static const char XW_SUMMARY[] = "1,1=कानपुर विद्युत आपूर्ति\n2,2=TRUE\n5,3=-1.5\n"
                                 "6,1=bell\a! tab\tend\n";

static void write_xw(const char *path, int constant_memory)
{
    lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                                .tmpdir = SCRATCH};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    assert_non_null(wb);
    lxw_worksheet *su = workbook_add_worksheet(wb, "Summary");
    lxw_worksheet *rf = workbook_add_worksheet(wb, "Risk flags");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    assert_non_null(su);
    assert_non_null(rf);
    assert_int_equal(worksheet_write_string(su, 0, 0, "कानपुर विद्युत आपूर्ति", NULL), 0);
    assert_int_equal(worksheet_write_boolean(su, 1, 1, 1, NULL), 0);
    assert_int_equal(worksheet_write_number(su, 4, 2, -1.5, NULL), 0);
    /* a control character XML cannot hold: libxlsxwriter writes _x0007_ */
    assert_int_equal(worksheet_write_string(su, 5, 0, "bell\a! tab\tend", NULL), 0);
    const char *hdr[] = {"Flag key", "Review", "Score"};
    for (int c = 0; c < 3; c++)
        assert_int_equal(worksheet_write_string(rf, 0, c, hdr[c], bold), 0);
    assert_int_equal(worksheet_write_string(rf, 1, 0, "FAST_CLOSE:K-17", NULL), 0);
    assert_int_equal(worksheet_write_blank(rf, 1, 1, bold), 0);
    assert_int_equal(worksheet_write_number(rf, 1, 2, 0.25, NULL), 0);
    assert_int_equal(worksheet_write_string(rf, 2, 0, "BULK_CLOSE:K-9", NULL), 0);
    assert_int_equal(worksheet_write_string(rf, 2, 1, "CONFIRMED", NULL), 0);
    assert_int_equal(worksheet_write_number(rf, 2, 2, 3, NULL), 0);
    assert_int_equal(worksheet_write_formula_num(rf, 2, 3, "=1+1", NULL, 2), 0);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static int setup(void **state)
{
    (void)state;
    if (sh("rm -rf " SCRATCH " && mkdir -p " SCRATCH) != 0) return -1;
    py = system("python3 -c 'import openpyxl' 2>/dev/null") == 0 ? "python3" : "/usr/bin/python3";
    return sh("%s tests/xlsxread_fixtures.py " SCRATCH, py);
}

/* ---- good workbooks ------------------------------------------------------ */

static void test_libxlsxwriter_shared_strings(void **state)
{
    (void)state;
    write_xw(SCRATCH "/xw_shared.xlsx", 0);
    const char *names[] = {"Summary", "Risk flags"};
    expect_names(SCRATCH "/xw_shared.xlsx", names, 2);
    /* the strings are in xl/sharedStrings.xml: t="s" cells */
    assert_int_equal(sh("unzip -p " SCRATCH "/xw_shared.xlsx xl/worksheets/sheet2.xml"
                        " | grep -q 't=\"s\"'"),
                     0);
    expect_sheet(SCRATCH "/xw_shared.xlsx", "Risk flags", XW_FLAGS);
    expect_sheet(SCRATCH "/xw_shared.xlsx", "Summary", XW_SUMMARY);
}

static void test_libxlsxwriter_inline_strings(void **state)
{
    (void)state;
    write_xw(SCRATCH "/xw_inline.xlsx", 1);
    /* constant_memory (nivaran's mode) writes t="inlineStr" cells */
    assert_int_equal(sh("unzip -p " SCRATCH "/xw_inline.xlsx xl/worksheets/sheet2.xml"
                        " | grep -q 't=\"inlineStr\"'"),
                     0);
    expect_sheet(SCRATCH "/xw_inline.xlsx", "Risk flags", XW_FLAGS);
    expect_sheet(SCRATCH "/xw_inline.xlsx", "Summary", XW_SUMMARY);
}

static void test_openpyxl(void **state)
{
    (void)state;
    const char *names[] = {"Call-backs", "Data", "About"};
    expect_names(SCRATCH "/openpyxl.xlsx", names, 3);
    expect_sheet(SCRATCH "/openpyxl.xlsx", "Data", OPENPYXL_DATA);
    expect_sheet(SCRATCH "/openpyxl.xlsx", "Call-backs", "1,1=K-1\n2,2=FIXED\n");
    expect_sheet(SCRATCH "/openpyxl.xlsx", "About", "1,1=Wing\n1,2=TECHNICAL\n");
}

static void test_crafted(void **state)
{
    (void)state;
    const char *names[] = {"First", "Second"};
    expect_names(SCRATCH "/crafted.xlsx", names, 2);
    expect_sheet(SCRATCH "/crafted.xlsx", "First", CRAFTED_FIRST);
    expect_sheet(SCRATCH "/crafted.xlsx", "Second", CRAFTED_SECOND);
}

static void test_stop_early_and_reuse(void **state)
{
    (void)state;
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    assert_int_equal(xlsxread_open(SCRATCH "/crafted.xlsx", LIMIT, &x, &eb), NV_OK);
    seen v;
    memset(&v, 0, sizeof v);
    v.stop_after = 2;
    assert_int_equal(xlsxread_sheet(x, "First", collect, &v, &eb), NV_OK);
    assert_string_equal(v.s, "1,1=in A1\n1,2=7\n");
    /* the same reader reads on, twice, any sheet */
    nv_err e;
    assert_string_equal(cells_of(x, "Second", &v, &e, &eb), CRAFTED_SECOND);
    assert_string_equal(cells_of(x, "First", &v, &e, &eb), CRAFTED_FIRST);
    /* a sheet that does not exist (names are case-sensitive) */
    assert_null(cells_of(x, "first", &v, &e, &eb));
    assert_int_equal(e, NV_ERR_FORMAT);
    assert_non_null(strstr(eb.msg, "no sheet named \"first\""));
    assert_non_null(strstr(eb.msg, "crafted.xlsx"));
    xlsxread_close(x);
    xlsxread_close(NULL);
}

/* A sheet using 4 of the 1,000,000 shared strings of bigsst.xlsx keeps only
 * those: peak memory grows by far less than the ~20 MB the strings would
 * take (the test runs first, before anything else raised the peak). */
static void test_only_used_shared_strings_kept(void **state)
{
    (void)state;
    assert_int_equal(sh("%s tests/xlsxread_fixtures.py " SCRATCH " bigsst", py), 0);
    struct rusage ru;
    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    long before = ru.ru_maxrss;
    expect_sheet(SCRATCH "/bigsst.xlsx", "Second",
                 "1,1=s0999999\n1,2=s0000005\n2,1=s0000005\n2,3=s0500000\n");
    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    fprintf(stderr, "  peak RSS %ld KB before, %ld KB after\n", before, ru.ru_maxrss);
    assert_true(ru.ru_maxrss - before < 8 * 1024);
    unlink(SCRATCH "/bigsst.xlsx");
}

/* ---- LibreOffice --------------------------------------------------------- */

static int have_soffice(void)
{
    return system("command -v soffice >/dev/null 2>&1") == 0;
}

/* path saved again by LibreOffice into SCRATCH/lo/ (same basename). */
static int lo_save(const char *path)
{
    return sh("cd " SCRATCH " && mkdir -p lo && HOME=$PWD/lo-home timeout 180 soffice --headless "
              "--convert-to xlsx --outdir lo %s >lo/log 2>&1",
              path);
}

static void test_libreoffice(void **state)
{
    (void)state;
    if (!have_soffice()) {
        fprintf(stderr, "test_libreoffice: soffice not installed (apt-get install "
                        "libreoffice-calc-nogui); skipped\n");
        skip();
    }
    write_xw(SCRATCH "/xw_inline.xlsx", 1);
    /* (not crafted.xlsx: LibreOffice reads its hand-written sheets as empty) */
    assert_int_equal(lo_save("xw_inline.xlsx openpyxl.xlsx"), 0);
    /* LibreOffice puts every string in xl/sharedStrings.xml */
    assert_int_equal(sh("unzip -p " SCRATCH "/lo/xw_inline.xlsx xl/worksheets/sheet2.xml"
                        " | grep -q 't=\"s\"'"),
                     0);
    expect_sheet(SCRATCH "/lo/xw_inline.xlsx", "Risk flags", XW_FLAGS);
    expect_sheet(SCRATCH "/lo/xw_inline.xlsx", "Summary", XW_SUMMARY);
    const char *names[] = {"Call-backs", "Data", "About"};
    expect_names(SCRATCH "/lo/openpyxl.xlsx", names, 3);
    /* LibreOffice drops the cleared and empty cells and keeps the formula,
     * now with its value 84 (= C2 * 2) */
    expect_sheet(SCRATCH "/lo/openpyxl.xlsx", "Data",
                 "1,1=Flag key\n1,2=Review\n"
                 "2,1=K-1\n2,2=EXPLAINED\n2,3=42\n2,4=1.5\n2,5=TRUE\n2,6=84\n"
                 "3,1=शिकायत\n"
                 "12,28=far\n");
    expect_sheet(SCRATCH "/lo/openpyxl.xlsx", "Call-backs", "1,1=K-1\n2,2=FIXED\n");
}

/* ---- bad input ------------------------------------------------------------ */

/* Opening (and, when sheet is given, reading it) fails with NV_ERR_FORMAT
 * and a message holding the file's name and `reason`; a sheet that fails
 * reports no cell at all. */
static void expect_refused(const char *file, uint64_t limit, const char *sheet, const char *reason)
{
    char path[256];
    snprintf(path, sizeof path, SCRATCH "/%s", file);
    nv_xlsxread *x = NULL;
    nv_errbuf eb = {{0}};
    nv_err e = xlsxread_open(path, limit, &x, &eb);
    if (sheet && e == NV_OK) {
        seen v;
        memset(&v, 0, sizeof v);
        e = xlsxread_sheet(x, sheet, collect, &v, &eb);
        assert_int_equal(v.n, 0);
    }
    xlsxread_close(x);
    fprintf(stderr, "  %s: %s\n", file, e ? eb.msg : "(accepted)");
    assert_int_equal(e, NV_ERR_FORMAT);
    assert_non_null(strstr(eb.msg, file));
    if (!strstr(eb.msg, reason)) fail_msg("\"%s\" lacks \"%s\"", eb.msg, reason);
    if (!sheet) assert_null(x);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_refused("bad_notzip.xlsx", LIMIT, NULL, "not a zip");
    expect_refused("bad_trunc.xlsx", LIMIT, NULL, "not a zip");
    expect_refused("bad_crc.xlsx", LIMIT, "First", "CRC mismatch");
    expect_refused("bad_noworkbook.xlsx", LIMIT, NULL, "xl/workbook.xml is missing");
    expect_refused("bad_malformed.xlsx", LIMIT, "Second", "malformed XML at line 1");
    expect_refused("bad_dtd.xlsx", LIMIT, "Second", "DTD");
    expect_refused("bad_badsst.xlsx", LIMIT, "Second",
                   "uses shared string 5, which xl/strings/words.xml does not have");
    expect_refused("bad_order.xlsx", LIMIT, "Second", "row 1 column 1 comes after row 1 column 2");
    expect_refused("bad_lie.xlsx", LIMIT, "Second", "xl/worksheets/sheet1.xml");
    /* a limit smaller than the workbook part refuses at open */
    expect_refused("crafted.xlsx", 100, NULL, "inflates past 100 bytes");
    /* the other sheets of a workbook stay readable when one is refused */
    expect_sheet(SCRATCH "/bad_malformed.xlsx", "First", CRAFTED_FIRST);
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    assert_int_equal(xlsxread_open(SCRATCH "/no-such-file.xlsx", LIMIT, &x, &eb), NV_ERR_IO);
    assert_null(x);
}

static void test_zip_bomb(void **state)
{
    (void)state;
    assert_int_equal(sh("%s tests/xlsxread_fixtures.py " SCRATCH " bomb", py), 0);
    struct stat st;
    assert_int_equal(stat(SCRATCH "/bad_bomb.xlsx", &st), 0);
    assert_true(st.st_size < (2 << 20)); /* small on disk, 300 MB inflated */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    expect_refused("bad_bomb.xlsx", LIMIT, "Second",
                   "xl/worksheets/sheet1.xml inflates past 209715200 bytes");
    /* the other sheet reads */
    expect_sheet(SCRATCH "/bad_bomb.xlsx", "First", CRAFTED_FIRST);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(secs < 2.0); /* refused on its declared size, not inflated */
    unlink(SCRATCH "/bad_bomb.xlsx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_used_shared_strings_kept),
        cmocka_unit_test(test_libxlsxwriter_shared_strings),
        cmocka_unit_test(test_libxlsxwriter_inline_strings),
        cmocka_unit_test(test_openpyxl),
        cmocka_unit_test(test_crafted),
        cmocka_unit_test(test_stop_early_and_reuse),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_zip_bomb),
        cmocka_unit_test(test_libreoffice),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
