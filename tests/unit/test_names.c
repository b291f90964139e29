/* test_names.c — plain names of codes (core/names): a fixture templates
 * folder written here (names by hand), the per-organisation file read over
 * the base, the fallback to the code, Hindi, the refusals; the shipped
 * names.ini against the codes of spec FLAGS.md / VERIFY.md / EXPORTS.md;
 * the grouping of counts (hand-written strings) and the zone's name. */
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

#include "nivaran/core/names.h"

static char dir[256];

static void put(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/org/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/nv_names_%ld", (long)getpid());
    char p[300];
    snprintf(p, sizeof p, "%s/org", dir);
    mkdir(dir, 0700);
    mkdir(p, 0700);
    put("names.ini", "[format]\ngrouping = indian\nzone = IST\nna = n/a | उपलब्ध नहीं\n"
                     "[category]\nNO_SUPPLY = No supply | बिजली नहीं\nMETER = Meter fault\n"
                     "[wing]\nTECHNICAL = Technical | तकनीकी\n"
                     "[flag]\nFAST_CLOSE = Closed too fast | बहुत जल्दी बंद\n");
    put("names.town-of-x.ini", "[format]\ngrouping = western\nzone =\n"
                               "[category]\nNO_SUPPLY = Power out\n[status]\nOPEN = Open\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_base(void **state)
{
    (void)state;
    nv_names n;
    nv_errbuf eb;
    assert_int_equal(names_load(dir, "KESCO", &n, &eb), NV_OK); /* no names.kesco.ini */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "NO_SUPPLY", NAMES_EN), "No supply");
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "NO_SUPPLY", NAMES_HI), "बिजली नहीं");
    /* no Hindi: the English name */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "METER", NAMES_HI), "Meter fault");
    /* no name: the code exactly as it is, in either language */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "Street Light Outages", NAMES_EN),
                        "Street Light Outages");
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "VOLTAGE", NAMES_HI), "VOLTAGE");
    /* the kinds are apart: a wing code is not a category's */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "TECHNICAL", NAMES_EN), "TECHNICAL");
    assert_string_equal(names_get(&n, NAMES_WING, "TECHNICAL", NAMES_HI), "तकनीकी");
    assert_string_equal(names_get(&n, NAMES_FLAG, "FAST_CLOSE", NAMES_EN), "Closed too fast");
    assert_string_equal(names_get(&n, NAMES_STATUS, "OPEN", NAMES_EN), "OPEN");
    assert_string_equal(names_get(&n, NAMES_STATUS, NULL, NAMES_EN), "");
    assert_string_equal(names_na(&n, NAMES_EN), "n/a");
    assert_string_equal(names_na(&n, NAMES_HI), "उपलब्ध नहीं");
    char b[NUMFMT_MAX];
    assert_int_equal(names_count(&n, 1234567, b, sizeof b), 9);
    assert_string_equal(b, "12,34,567");
    assert_string_equal(names_xlsx_int(&n), NUMFMT_XLSX_INDIAN);
    names_free(&n);
}

static void test_org_over_base(void **state)
{
    (void)state;
    nv_names n;
    nv_errbuf eb;
    assert_int_equal(names_load(dir, "Town of X", &n, &eb), NV_OK);
    assert_non_null(strstr(n.path, "names.town-of-x.ini"));
    /* replaced by the organisation's own, Hindi with it */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "NO_SUPPLY", NAMES_EN), "Power out");
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "NO_SUPPLY", NAMES_HI), "Power out");
    /* the base's others kept, the organisation's added */
    assert_string_equal(names_get(&n, NAMES_CATEGORY, "METER", NAMES_EN), "Meter fault");
    assert_string_equal(names_get(&n, NAMES_STATUS, "OPEN", NAMES_EN), "Open");
    char b[NUMFMT_MAX];
    names_count(&n, 1234567, b, sizeof b);
    assert_string_equal(b, "1,234,567");
    assert_string_equal(names_xlsx_int(&n), "#,##0");
    names_free(&n);
}

static void test_refusals(void **state)
{
    (void)state;
    nv_names n;
    nv_errbuf eb;
    put("names.bad-a.ini", "[format]\ngrouping = chinese\n");
    assert_int_equal(names_load(dir, "bad a", &n, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "names.bad-a.ini: line 2"));
    assert_non_null(strstr(eb.msg, "indian or western"));
    names_free(&n);
    put("names.bad-b.ini", "[categories]\nX = y\n");
    assert_int_equal(names_load(dir, "bad b", &n, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "unknown section [categories]"));
    names_free(&n);
    assert_int_equal(names_load("/nonexistent", NULL, &n, &eb), NV_ERR_CONFIG);
    names_free(&n);
    /* no names at all: codes, Western, n/a */
    assert_string_equal(names_get(NULL, NAMES_FLAG, "FAST_CLOSE", NAMES_HI), "FAST_CLOSE");
    char b[NUMFMT_MAX];
    assert_int_equal(names_count(NULL, -1234567, b, sizeof b), 10);
    assert_string_equal(b, "-1,234,567");
    assert_string_equal(names_na(NULL, NAMES_HI), "n/a");
}

/* Every code of the spec has an English and a Hindi name in KESCO's file. */
static void test_shipped(void **state)
{
    (void)state;
    static const char *const flags[] = {"TIME_ANOMALY",       "FAST_CLOSE",    "BULK_CLOSE",
                                        "TOUT_PHONE",         "QUEUE_JUMP",    "REPEAT_AFTER_CLOSE",
                                        "CALLBACK_NOT_FIXED", "DEADLINE_HUG",  "HIGH_REJECTION",
                                        "UNVERIFIED_CLOSE",   "DISSATISFIED",  "FAST_CLOSE_RATE",
                                        "REPEAT_RATE",        "NOT_FIXED_RATE"};
    static const char *const cats[] = {"NO_SUPPLY",   "LINE_BREAKDOWN",  "TRANSFORMER",
                                       "VOLTAGE",     "SAFETY",          "BILLING",
                                       "PAYMENT",     "DISCONNECTION",   "NAME_CHANGE",
                                       "LOAD_CHANGE", "CATEGORY_CHANGE", "METER",
                                       "SMART_METER", "NEW_CONNECTION",  "INDUSTRIAL_CONNECTION"};
    static const char *const wings[] = {"TECHNICAL", "COMMERCIAL", "TESTING", "PROJECT",
                                        "UNMAPPED"};
    static const char *const st[] = {"OPEN", "RESOLVED", "REJECTED"};
    const struct {
        names_kind k;
        const char *const *v;
        size_t n;
    } all[] = {{NAMES_FLAG, flags, 14},
               {NAMES_CATEGORY, cats, 15},
               {NAMES_WING, wings, 5},
               {NAMES_STATUS, st, 3}};
    nv_names n;
    nv_errbuf eb;
    assert_int_equal(names_load("templates", "KESCO", &n, &eb), NV_OK);
    for (size_t a = 0; a < 4; a++)
        for (size_t i = 0; i < all[a].n; i++) {
            const char *en = names_get(&n, all[a].k, all[a].v[i], NAMES_EN);
            const char *hi = names_get(&n, all[a].k, all[a].v[i], NAMES_HI);
            if (strcmp(en, all[a].v[i]) == 0 || strcmp(hi, en) == 0 ||
                (unsigned char)hi[0] != 0xE0) /* Devanagari: U+0900.. starts E0 A4/A5 */
                fail_msg("%s: en '%s' hi '%s'", all[a].v[i], en, hi);
        }
    assert_int_equal(n.grouping, NUMFMT_INDIAN);
    names_free(&n);
    /* the four cities: Western grouping */
    const char *orgs[] = {"City of Boston", "New York City", "City of Los Angeles",
                          "Baltimore City"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(names_load("templates", orgs[i], &n, &eb), NV_OK);
        assert_int_equal(n.grouping, NUMFMT_WESTERN);
        names_free(&n);
    }
}

static void test_zone(void **state)
{
    (void)state;
    nv_tz tz;
    nv_errbuf eb;
    char b[32];
    /* 2024-07-01T12:00Z (US summer), 2024-12-01T12:00Z (winter) */
    const int64_t summer = 1719835200, winter = 1733054400;
    assert_int_equal(nvt_tz_parse("America/New_York", &tz, &eb), NV_OK);
    names_zone(NULL, &tz, summer, b, sizeof b);
    assert_string_equal(b, "EDT");
    names_zone(NULL, &tz, winter, b, sizeof b);
    assert_string_equal(b, "EST");
    assert_int_equal(nvt_tz_parse("America/Los_Angeles", &tz, &eb), NV_OK);
    names_zone(NULL, &tz, summer, b, sizeof b);
    assert_string_equal(b, "PDT");
    assert_int_equal(nvt_tz_parse("Asia/Kolkata", &tz, &eb), NV_OK);
    names_zone(NULL, &tz, winter, b, sizeof b);
    assert_string_equal(b, "IST");
    assert_int_equal(nvt_tz_parse("+05:45", &tz, &eb), NV_OK);
    names_zone(NULL, &tz, winter, b, sizeof b);
    assert_string_equal(b, "UTC+05:45");
    assert_int_equal(nvt_tz_parse("-0330", &tz, &eb), NV_OK);
    names_zone(NULL, &tz, winter, b, sizeof b);
    assert_string_equal(b, "UTC-03:30");
    /* the template's name wins */
    nv_names n = {0};
    snprintf(n.zone[0], sizeof n.zone[0], "NPT");
    names_zone(&n, &tz, winter, b, sizeof b);
    assert_string_equal(b, "NPT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base),     cmocka_unit_test(test_org_over_base),
        cmocka_unit_test(test_refusals), cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_zone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
