/* test_profile.c — SLA profile templates: the shipped md-24h and statutory
 * against METRICS.md's table, their sha256 against sha256sum, and every
 * refusal (named file, line and reason). */
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

#include "nivaran/compute/profile.h"

/* sha256 of a file by the sha256sum tool (an independent path). */
static void sha256sum(const char *path, char hex[65])
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%64s", hex), 1);
    pclose(p);
}

static void test_md24h(void **state)
{
    (void)state;
    nv_profile p;
    nv_errbuf eb;
    assert_int_equal(profile_load("templates", "md-24h", &p, &eb), NV_OK);
    assert_string_equal(p.name, "md-24h");
    assert_true(p.default_hours == 24);
    assert_true(p.target_pct == 90);
    assert_int_equal(p.rank_min_judged, 20);
    assert_int_equal(p.n, 0);
    const char *cats[] = {"NO_SUPPLY", "BILLING", "INDUSTRIAL_CONNECTION", "UNMAPPED", "x"};
    for (size_t i = 0; i < 5; i++)
        assert_true(profile_hours(&p, cats[i]) == 24);
    char hex[65];
    sha256sum("templates/profiles/md-24h.ini", hex);
    assert_string_equal(p.sha256, hex);
    assert_string_equal(p.path, "templates/profiles/md-24h.ini");
}

/* METRICS.md's statutory table, written out here. */
static void test_statutory(void **state)
{
    (void)state;
    static const struct {
        const char *cat;
        double h;
    } t[] = {{"NO_SUPPLY", 4},
             {"LINE_BREAKDOWN", 6},
             {"TRANSFORMER", 6},
             {"VOLTAGE", 240},
             {"SAFETY", 4},
             {"BILLING", 168},
             {"PAYMENT", 168},
             {"DISCONNECTION", 24},
             {"METER", 168},
             {"SMART_METER", 168},
             {"NEW_CONNECTION", 168},
             {"LOAD_CHANGE", 168},
             {"NAME_CHANGE", 168},
             {"CATEGORY_CHANGE", 168},
             {"INDUSTRIAL_CONNECTION", 360},
             {"UNMAPPED", 24},
             {"Animal Issues", 24}};
    nv_profile p;
    nv_errbuf eb;
    assert_int_equal(profile_load("templates", "statutory", &p, &eb), NV_OK);
    assert_string_equal(p.name, "statutory");
    assert_int_equal(p.n, 15);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (profile_hours(&p, t[i].cat) != t[i].h)
            fail_msg("%s: %g hours, want %g", t[i].cat, profile_hours(&p, t[i].cat), t[i].h);
    }
    char hex[65];
    sha256sum("templates/profiles/statutory.ini", hex);
    assert_string_equal(p.sha256, hex);
}

/* Writes dir/profiles/NAME.ini with text. */
static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/profiles", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/profiles/%s.ini", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect_refused(const char *dir, const char *name, const char *text, const char *what)
{
    nv_profile p;
    nv_errbuf eb = {{0}};
    if (text) put(dir, name, text);
    nv_err e = profile_load(dir, name, &p, &eb);
    assert_int_equal(e, NV_ERR_CONFIG);
    if (!strstr(eb.msg, what)) fail_msg("message '%s' lacks '%s'", eb.msg, what);
}

static void test_refusals(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv_profile_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char want[600];
    /* a missing file names the path */
    snprintf(want, sizeof want, "%s/profiles/nope.ini", dir);
    expect_refused(dir, "nope", NULL, want);
    /* an unknown key names the file and its line */
    snprintf(want, sizeof want, "%s/profiles/a.ini:3: unknown key 'colour'", dir);
    expect_refused(dir, "a", "[profile]\ndefault_hours = 24\ncolour = red\n", want);
    expect_refused(dir, "b", "[profile]\ndefault_hours = 24\n[hours]\nNO_SUPPLY = four\n",
                   "b.ini:4: NO_SUPPLY: bad number of hours 'four'");
    expect_refused(dir, "c", "[profile]\ndefault_hours = 24\n[hours]\nNO_SUPPLY = 0\n", "c.ini:4:");
    expect_refused(dir, "d", "[profile]\ntarget_pct = 90\n", "default_hours missing");
    expect_refused(dir, "e", "[profile]\ndefault_hours = 24\n[colours]\nred = 1\n",
                   "e.ini:4: key 'red' in unknown section [colours]");
    expect_refused(dir, "f", "[profile]\ndefault_hours = 24\ntarget_pct = 101\n", "f.ini:3:");
    expect_refused(dir, "g", "[profile]\ndefault_hours = 24\nrank_min_judged = 2.5\n", "g.ini:3:");
    expect_refused(dir, "h", "[profile]\nname = other\ndefault_hours = 24\n",
                   "differs from the file name");
    expect_refused(dir, "i", "[profile]\ndefault_hours = 24\n[hours]\nMETER = 1\nMETER = 2\n",
                   "i.ini:5: category 'METER' given twice");
    expect_refused(dir, "j", "[profile]\ndefault_hours = 24\nthis is not ini\n", "j.ini:3:");
    expect_refused(dir, "../etc/passwd", NULL, "bad SLA profile name");
    expect_refused(dir, "", NULL, "bad SLA profile name");
    /* a good one with fractions, comments and a BOM */
    put(dir, "ok",
        "\xEF\xBB\xBF# comment\n[profile]\nname = ok\ndefault_hours = 1.5\n"
        "target_pct = 95.5\nrank_min_judged = 5\n[hours]\nSAFETY = 0.25 ; inline\n");
    nv_profile p;
    nv_errbuf eb;
    nv_err e = profile_load(dir, "ok", &p, &eb);
    if (e) fprintf(stderr, "%s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    assert_true(p.default_hours == 1.5);
    assert_true(p.target_pct == 95.5);
    assert_int_equal(p.rank_min_judged, 5);
    assert_true(profile_hours(&p, "SAFETY") == 0.25);
    assert_true(profile_hours(&p, "METER") == 1.5);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md24h),
        cmocka_unit_test(test_statutory),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
