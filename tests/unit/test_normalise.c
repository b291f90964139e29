/* test_normalise.c — time formats, mobiles, logins, keys, UTF-8.
 * Every expected instant was computed independently with GNU date, e.g.
 *   date -u -d "2024-12-01 10:32:05 +0530" +%s   -> 1733029325
 * and is written here as a literal with that command's input in a comment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nivaran/load/normalise.h"

static int64_t tm_ok(const char *s, norm_timefmt f, const nv_tz *tz)
{
    int64_t t = -1;
    int rc = norm_time(s, strlen(s), f, tz, &t);
    if (rc != 0) fail_msg("norm_time(\"%s\", %d) failed", s, (int)f);
    return t;
}

static int tm_bad(const char *s, norm_timefmt f)
{
    nv_tz ist = nvt_ist();
    int64_t t = 12345;
    int rc = norm_time(s, strlen(s), f, &ist, &t);
    if (rc != -1) fail_msg("norm_time(\"%s\", %d) accepted: %lld", s, (int)f, (long long)t);
    assert_int_equal(t, 12345); /* untouched on failure */
    return 1;
}

static nv_tz zone(const char *spec)
{
    nv_tz tz;
    nv_errbuf eb;
    assert_int_equal(nvt_tz_parse(spec, &tz, &eb), NV_OK);
    return tz;
}

static void test_timefmt_names(void **state)
{
    (void)state;
    assert_int_equal(norm_timefmt_parse("dmy12"), NORM_TF_DMY12);
    assert_int_equal(norm_timefmt_parse("iso8601"), NORM_TF_ISO8601);
    assert_int_equal(norm_timefmt_parse("dmony"), NORM_TF_DMONY);
    assert_int_equal(norm_timefmt_parse("mdy12"), NORM_TF_MDY12);
    assert_int_equal(norm_timefmt_parse("ymd24"), NORM_TF_YMD24);
    assert_int_equal(norm_timefmt_parse("mdy"), NORM_TF_MDY);
    assert_int_equal(norm_timefmt_parse("dmy"), -1);
    assert_int_equal(norm_timefmt_parse(""), -1);
    assert_int_equal(norm_timefmt_parse("DMY12"), -1);
    assert_int_equal(norm_timefmt_parse(NULL), -1);
}

static void test_dmy12(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    /* 2024-12-01 10:32:05 +0530 */
    assert_int_equal(tm_ok("01/12/2024 10:32:05 AM", NORM_TF_DMY12, &ist), 1733029325);
    /* surrounding spaces ignored, lower-case am, no space before it */
    assert_int_equal(tm_ok("  01/12/2024 10:32:05am ", NORM_TF_DMY12, &ist), 1733029325);
    /* seconds optional: 2024-12-01 10:32:00 +0530 */
    assert_int_equal(tm_ok("01/12/2024 10:32 AM", NORM_TF_DMY12, &ist), 1733029320);
    /* 2024-12-01 23:59:59 +0530 */
    assert_int_equal(tm_ok("01/12/2024 11:59:59 PM", NORM_TF_DMY12, &ist), 1733077799);
    /* one-digit day, month and hour, a tab: 2024-02-01 21:05:00 +0530 */
    assert_int_equal(tm_ok("1/2/2024\t9:05 PM", NORM_TF_DMY12, &ist), 1706801700);
    /* day first: 2024-02-29 10:00:00 +0530 (leap day) */
    assert_int_equal(tm_ok("29/02/2024 10:00:00 AM", NORM_TF_DMY12, &ist), 1709181000);
}

static void test_dmy12_midnight_noon(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    /* 12:xx AM is just after midnight: 2024-12-01 00:00:00 +0530 */
    assert_int_equal(tm_ok("01/12/2024 12:00:00 AM", NORM_TF_DMY12, &ist), 1732991400);
    /* 2024-12-01 00:59:59 +0530 */
    assert_int_equal(tm_ok("01/12/2024 12:59:59 AM", NORM_TF_DMY12, &ist), 1732994999);
    /* 12:xx PM is just after noon: 2024-12-01 12:00:00 +0530 */
    assert_int_equal(tm_ok("01/12/2024 12:00:00 PM", NORM_TF_DMY12, &ist), 1733034600);
    /* 2024-12-01 12:30:00 +0530 */
    assert_int_equal(tm_ok("01/12/2024 12:30:00 PM", NORM_TF_DMY12, &ist), 1733036400);
    /* hour 0 or above 12 is not a 12-hour clock */
    tm_bad("01/12/2024 00:30:00 AM", NORM_TF_DMY12);
    tm_bad("01/12/2024 0:30:00 PM", NORM_TF_DMY12);
    tm_bad("01/12/2024 13:00:00 PM", NORM_TF_DMY12);
    tm_bad("01/12/2024 23:00:00 AM", NORM_TF_DMY12);
}

static void test_dmy12_invalid(void **state)
{
    (void)state;
    tm_bad("31/02/2024 10:00:00 AM", NORM_TF_DMY12); /* 31 February */
    tm_bad("29/02/2023 10:00:00 AM", NORM_TF_DMY12); /* 2023 is not a leap year */
    tm_bad("01/13/2024 10:00:00 AM", NORM_TF_DMY12); /* 13th month */
    tm_bad("00/12/2024 10:00:00 AM", NORM_TF_DMY12); /* day 0 */
    tm_bad("01/12/2024 10:60:00 AM", NORM_TF_DMY12); /* minute 60 */
    tm_bad("01/12/2024 10:59:60 AM", NORM_TF_DMY12); /* second 60 */
    tm_bad("01/12/2024 10:32:05", NORM_TF_DMY12);    /* no AM/PM */
    tm_bad("01/12/2024 10:32:05 XM", NORM_TF_DMY12);
    tm_bad("01/12/2024", NORM_TF_DMY12);           /* no time */
    tm_bad("01/12/24 10:32:05 AM", NORM_TF_DMY12); /* 2-digit year */
    tm_bad("01/12/2024 10:32:05 AM x", NORM_TF_DMY12);
    tm_bad("01-12-2024 10:32:05 AM", NORM_TF_DMY12);
    tm_bad("", NORM_TF_DMY12);
    tm_bad("   ", NORM_TF_DMY12);
    tm_bad("001/12/2024 10:32:05 AM", NORM_TF_DMY12);
    tm_bad("01/12/2024 10:3:05 AM", NORM_TF_DMY12);
}

static void test_iso8601(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    nv_tz utc = zone("UTC");
    /* 2024-12-01 10:32:00 +0530 */
    assert_int_equal(tm_ok("2024-12-01T10:32:00+05:30", NORM_TF_ISO8601, &utc), 1733029320);
    assert_int_equal(tm_ok("2024-12-01T10:32:00+0530", NORM_TF_ISO8601, &utc), 1733029320);
    assert_int_equal(tm_ok("2024-12-01T05:02:00Z", NORM_TF_ISO8601, &ist), 1733029320);
    /* no offset: the zone of the layout */
    assert_int_equal(tm_ok("2024-12-01T10:32:00", NORM_TF_ISO8601, &ist), 1733029320);
    /* fraction dropped; a space for the 'T' */
    assert_int_equal(tm_ok("2024-12-01 10:32:00.999+05:30", NORM_TF_ISO8601, &utc), 1733029320);
    assert_int_equal(tm_ok("2024-12-01T10:32+05:30", NORM_TF_ISO8601, &utc), 1733029320);
    /* 2024-12-01 10:32:00 -0500 */
    assert_int_equal(tm_ok("2024-12-01T10:32:00-05:00", NORM_TF_ISO8601, &ist), 1733067120);
    /* 2024-12-01 10:32:00 +0000 */
    assert_int_equal(tm_ok("2024-12-01T10:32:00+00", NORM_TF_ISO8601, &ist), 1733049120);
    /* the offset carries the instant across midnight: 2024-12-31 23:59:00 +0530 */
    assert_int_equal(tm_ok("2024-12-31T18:29:00Z", NORM_TF_ISO8601, &ist), 1735669740);
    tm_bad("2024-12-01T10:32:00+15:00", NORM_TF_ISO8601);
    tm_bad("2024-12-01T10:32:00+05:60", NORM_TF_ISO8601);
    tm_bad("2024-12-01T10:32:00+5:30", NORM_TF_ISO8601);
    tm_bad("2024-12-01T10:32:00.+05:30", NORM_TF_ISO8601);
    tm_bad("2024-12-01T24:00:00+05:30", NORM_TF_ISO8601);
    tm_bad("2024-02-30T10:00:00Z", NORM_TF_ISO8601);
    tm_bad("2024-12-01", NORM_TF_ISO8601);
    tm_bad("2024-12-01T10:32:00ZZ", NORM_TF_ISO8601);
    tm_bad("2024-1-01T10:32:00Z", NORM_TF_ISO8601);
}

static void test_dmony(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    /* 2024-12-01 10:32:00 +0530 */
    assert_int_equal(tm_ok("01-Dec-2024 10:32", NORM_TF_DMONY, &ist), 1733029320);
    assert_int_equal(tm_ok("01-DEC-2024 10:32:00", NORM_TF_DMONY, &ist), 1733029320);
    assert_int_equal(tm_ok("1-dec-2024 10:32", NORM_TF_DMONY, &ist), 1733029320);
    /* 24-hour: 2024-12-01 23:59:59 +0530 */
    assert_int_equal(tm_ok("01-Dec-2024 23:59:59", NORM_TF_DMONY, &ist), 1733077799);
    /* 2024-02-29 10:00:00 +0530 */
    assert_int_equal(tm_ok("29-Feb-2024 10:00", NORM_TF_DMONY, &ist), 1709181000);
    tm_bad("29-Feb-2023 10:00", NORM_TF_DMONY);
    tm_bad("31-Apr-2024 10:00", NORM_TF_DMONY);
    tm_bad("01-Dek-2024 10:32", NORM_TF_DMONY);
    tm_bad("01-Dec-2024 10:32 PM", NORM_TF_DMONY);
    tm_bad("01-Dec-2024", NORM_TF_DMONY);
    tm_bad("01-12-2024 10:32", NORM_TF_DMONY);
}

static void test_mdy12(void **state)
{
    (void)state;
    nv_tz ny = zone("America/New_York");
    nv_tz la = zone("America/Los_Angeles");
    /* Baltimore, summer time: 2018-04-12 11:11:26 EDT */
    assert_int_equal(tm_ok("04/12/2018 11:11:26 AM", NORM_TF_MDY12, &ny), 1523545886);
    /* LA, winter: 2017-12-31 23:59:58 PST */
    assert_int_equal(tm_ok("12/31/2017 11:59:58 PM", NORM_TF_MDY12, &la), 1514793598);
    /* midnight in 12-hour form: 2000-01-01 00:00:00 EST */
    assert_int_equal(tm_ok("01/01/2000 12:00:00 AM", NORM_TF_MDY12, &ny), 946702800);
    tm_bad("13/01/2018 10:00:00 AM", NORM_TF_MDY12);
    tm_bad("02/29/2019 10:00:00 AM", NORM_TF_MDY12);
    tm_bad("04/12/2018 13:11:26 PM", NORM_TF_MDY12);
}

static void test_ymd24(void **state)
{
    (void)state;
    nv_tz ny = zone("America/New_York");
    /* Boston: 2019-01-01 04:11:00 EST */
    assert_int_equal(tm_ok("2019-01-01 04:11:00", NORM_TF_YMD24, &ny), 1546333860);
    /* with a fraction: 2019-10-01 15:05:06 EDT */
    assert_int_equal(tm_ok("2019-10-01 15:05:06.493", NORM_TF_YMD24, &ny), 1569956706);
    /* either side of the March 2019 change: 01:30 EST and 03:30 EDT */
    assert_int_equal(tm_ok("2019-03-10 01:30:00", NORM_TF_YMD24, &ny), 1552199400);
    assert_int_equal(tm_ok("2019-03-10 03:30:00", NORM_TF_YMD24, &ny), 1552203000);
    tm_bad("2019-01-01T04:11:00", NORM_TF_YMD24);
    tm_bad("2019-01-01 04:11:00Z", NORM_TF_YMD24);
    tm_bad("2019-01-01 04:11:00-05:00", NORM_TF_YMD24);
    tm_bad("2019-13-01 04:11:00", NORM_TF_YMD24);
    tm_bad("2019-01-01 04:11:00.", NORM_TF_YMD24);
}

static void test_mdy(void **state)
{
    (void)state;
    nv_tz ny = zone("America/New_York");
    /* NYC re-saved by Excel: 2018-10-21 00:00:00 EDT */
    assert_int_equal(tm_ok("10/21/18 0:00", NORM_TF_MDY, &ny), 1540094400);
    assert_int_equal(tm_ok("10/21/2018 0:00", NORM_TF_MDY, &ny), 1540094400);
    /* 2018-10-21 13:05:09 EDT */
    assert_int_equal(tm_ok("10/21/2018 13:05:09", NORM_TF_MDY, &ny), 1540141509);
    assert_int_equal(tm_ok("10/21/18 13:05:09", NORM_TF_MDY, &ny), 1540141509);
    /* 2-digit year 00 is 2000: 2000-01-01 00:00:00 EST */
    assert_int_equal(tm_ok("1/1/00 0:00", NORM_TF_MDY, &ny), 946702800);
    tm_bad("10/21/218 0:00", NORM_TF_MDY);
    tm_bad("10/21/18 24:00", NORM_TF_MDY);
    tm_bad("21/10/18 0:00", NORM_TF_MDY);
    tm_bad("10/21/18", NORM_TF_MDY);
    tm_bad("10/21/18 0:00 AM", NORM_TF_MDY);
}

static void test_time_not_nul_terminated(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    /* only n bytes are read: the rest of the buffer is another field */
    const char buf[] = "01-Dec-2024 10:32,junk";
    int64_t t = 0;
    assert_int_equal(norm_time(buf, 17, NORM_TF_DMONY, &ist, &t), 0);
    assert_int_equal(t, 1733029320);
    assert_int_equal(norm_time(buf, 18, NORM_TF_DMONY, &ist, &t), -1);
    /* an embedded NUL is not a time */
    assert_int_equal(norm_time("01-Dec-2024 10:32\0", 18, NORM_TF_DMONY, &ist, &t), -1);
    assert_int_equal(norm_time("01-Dec-2024 10:32", 17, NORM_TF_COUNT, &ist, &t), -1);
}

static void test_mobile(void **state)
{
    (void)state;
    const char *same[] = {"9876543210",      "009876543210",  "+919876543210",
                          "+91 98765 43210", " 98765-43210 ", "919876543210"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char out[11] = "xxxxxxxxxx";
        assert_int_equal(norm_mobile(same[i], out), 1);
        assert_string_equal(out, "9876543210");
    }
    char out[11] = "xxxxxxxxxx";
    assert_int_equal(norm_mobile("", out), 0);
    assert_string_equal(out, "");
    assert_int_equal(norm_mobile("  NA ", out), 0);
    assert_int_equal(norm_mobile(NULL, out), 0);
    assert_int_equal(norm_mobile("98765", out), -1);
    assert_string_equal(out, "");
    assert_int_equal(norm_mobile("+91 98765 4321", out), 1); /* 11 digits: the last ten */
    assert_string_equal(out, "1987654321");
    assert_int_equal(norm_mobile("987654321", out), -1); /* nine digits */
    /* spreadsheet-mangled numbers have lost digits: not a mobile */
    assert_int_equal(norm_mobile("9.87654321E+09", out), -1);
    assert_string_equal(out, "");
    assert_int_equal(norm_mobile("9876543210.0", out), -1);
    assert_int_equal(norm_mobile("98765x43210", out), -1);
    assert_int_equal(norm_mobile("(0) 98765-43210", out), 1);
    assert_string_equal(out, "9876543210");
}

static void test_login(void **state)
{
    (void)state;
    char out[64];
    norm_login(" Er. XEN-T07 ", out, sizeof out);
    assert_string_equal(out, "ER. XEN-T07");
    norm_login("SHRI   xen-c02", out, sizeof out);
    assert_string_equal(out, "SHRI XEN-C02"); /* titles are not stripped */
    norm_login("\txen-t01 (XEN\t", out, sizeof out);
    assert_string_equal(out, "XEN-T01 (XEN");
    norm_login("je_kesco_12", out, sizeof out);
    assert_string_equal(out, "JE_KESCO_12");
    norm_login("   ", out, sizeof out);
    assert_string_equal(out, "");
    norm_login(NULL, out, sizeof out);
    assert_string_equal(out, "");
    /* non-ASCII bytes kept as they are: "अभियंता  a" */
    norm_login("\xE0\xA4\x85\xE0\xA4\xAD\xE0\xA4\xBF  a", out, sizeof out);
    assert_string_equal(out, "\xE0\xA4\x85\xE0\xA4\xAD\xE0\xA4\xBF A");
    /* too small: cut, never half a character, never a trailing space */
    norm_login("abc def", out, 5);
    assert_string_equal(out, "ABC");
    norm_login("ab\xE0\xA4\x85", out, 5); /* 'ab' + 3-byte char needs 6 */
    assert_string_equal(out, "AB");
    norm_login("ab\xE0\xA4\x85", out, 6);
    assert_string_equal(out, "AB\xE0\xA4\x85");
    norm_login("abc", out, 1);
    assert_string_equal(out, "");
}

static void test_key(void **state)
{
    (void)state;
    char out[64];
    norm_key("  Kidwai   Nagar ", out, sizeof out);
    assert_string_equal(out, "kidwai nagar");
    norm_key("KIDWAI NAGAR", out, sizeof out);
    assert_string_equal(out, "kidwai nagar");
    norm_key("Electricity Connection (HT/LT Industrial)", out, sizeof out);
    assert_string_equal(out, "electricity connection (ht/lt industrial)");
    norm_key("", out, sizeof out);
    assert_string_equal(out, "");
}

static void test_trim(void **state)
{
    (void)state;
    char a[] = " \t abc def \t ";
    assert_ptr_equal(norm_trim(a), a);
    assert_string_equal(a, "abc def");
    char b[] = "   ";
    assert_string_equal(norm_trim(b), "");
    char c[] = "x";
    assert_string_equal(norm_trim(c), "x");
    assert_null(norm_trim(NULL));
}

static void test_utf8(void **state)
{
    (void)state;
#define OK8(s) assert_int_equal(norm_utf8_valid(s, sizeof(s) - 1), 1)
#define BAD8(s) assert_int_equal(norm_utf8_valid(s, sizeof(s) - 1), 0)
    OK8("");
    OK8("plain ASCII, 123");
    OK8("\xE0\xA4\xAC\xE0\xA4\xBF\xE0\xA4\x9C\xE0\xA4\xB2\xE0\xA5\x80"); /* बिजली */
    OK8("\xC2\xA0");                                                     /* U+00A0 */
    OK8("\xED\x9F\xBF");                                                 /* U+D7FF */
    OK8("\xEE\x80\x80");                                                 /* U+E000 */
    OK8("\xF0\x90\x80\x80");                                             /* U+10000 */
    OK8("\xF4\x8F\xBF\xBF");                                             /* U+10FFFF */
    BAD8("a\0b");                                                        /* NUL */
    BAD8("\xC0\xAF");                                                    /* overlong '/' */
    BAD8("\xC1\xBF");                                                    /* overlong */
    BAD8("\xE0\x80\xAF");                                                /* overlong 3-byte */
    BAD8("\xE0\x9F\xBF");     /* overlong 3-byte (U+07FF) */
    BAD8("\xF0\x8F\xBF\xBF"); /* overlong 4-byte (U+FFFF) */
    BAD8("\xED\xA0\x80");     /* surrogate U+D800 */
    BAD8("\xED\xBF\xBF");     /* surrogate U+DFFF */
    BAD8("\xF4\x90\x80\x80"); /* U+110000 */
    BAD8("\xF5\x80\x80\x80"); /* beyond */
    BAD8("\xFF");
    BAD8("\x80");         /* stray continuation */
    BAD8("\xE0\xA4");     /* truncated */
    BAD8("\xE0\xA4\x41"); /* bad continuation */
    BAD8("\xF0\x90\x80"); /* truncated 4-byte */
    BAD8("\xE9");         /* Latin-1 'é' */
    /* only n bytes count */
    assert_int_equal(norm_utf8_valid("ab\xE0\xA4\xAC", 2), 1);
    assert_int_equal(norm_utf8_valid("ab\xE0\xA4\xAC", 4), 0);
    assert_int_equal(norm_utf8_valid(NULL, 0), 1);
#undef OK8
#undef BAD8
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timefmt_names),
        cmocka_unit_test(test_dmy12),
        cmocka_unit_test(test_dmy12_midnight_noon),
        cmocka_unit_test(test_dmy12_invalid),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_dmony),
        cmocka_unit_test(test_mdy12),
        cmocka_unit_test(test_ymd24),
        cmocka_unit_test(test_mdy),
        cmocka_unit_test(test_time_not_nul_terminated),
        cmocka_unit_test(test_mobile),
        cmocka_unit_test(test_login),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
