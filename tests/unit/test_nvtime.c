/* Unit tests of nvtime.c: civil dates, zones, DST, formatting. Expected
 * instants were computed independently with GNU date, e.g.
 * `TZ=America/New_York date -d '2018-03-11 03:00' +%s`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nivaran/core/nvtime.h"

static void test_civil_roundtrip(void **state)
{
    (void)state;
    assert_int_equal(nvt_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(nvt_days_from_civil(2024, 12, 1), 20058); /* date -d 2024-12-01Z +%s / 86400 */
    assert_int_equal(nvt_days_from_civil(2000, 3, 1), 11017);
    for (int64_t d = -1000; d < 40000; d += 37) {
        int y, m, dd;
        nvt_civil_from_days(d, &y, &m, &dd);
        assert_int_equal(nvt_days_from_civil(y, m, dd), d);
    }
}

static void test_valid_date(void **state)
{
    (void)state;
    assert_true(nvt_valid_date(2024, 2, 29));
    assert_false(nvt_valid_date(2025, 2, 29));
    assert_false(nvt_valid_date(2000, 2, 30));
    assert_true(nvt_valid_date(2000, 2, 29));
    assert_false(nvt_valid_date(1900, 2, 29));
    assert_false(nvt_valid_date(2024, 13, 1));
    assert_false(nvt_valid_date(2024, 4, 31));
    int y, m, d;
    assert_int_equal(nvt_parse_ymd("2024-12-01", &y, &m, &d), 0);
    assert_int_equal(y * 10000 + m * 100 + d, 20241201);
    assert_int_equal(nvt_parse_ymd("2024-02-30", &y, &m, &d), -1);
    assert_int_equal(nvt_parse_ymd("2024-2-3", &y, &m, &d), -1);
    assert_int_equal(nvt_parse_ymd("", &y, &m, &d), -1);
}

static void test_ist(void **state)
{
    (void)state;
    nv_tz ist = nvt_ist();
    /* TZ=Asia/Kolkata date -d '2024-12-01 10:32' +%s -> 1733029320 */
    assert_int_equal(nvt_local_to_utc(&ist, 2024, 12, 1, 10, 32, 0), 1733029320);
    /* day start 2024-12-01 IST = 2024-11-30T18:30Z = 1732991400 (TZ=Asia/Kolkata date) */
    assert_int_equal(nvt_day_start(&ist, 2024, 12, 1), 1732991400);
    char buf[32];
    nvt_format_iso(&ist, 1733029320, buf);
    assert_string_equal(buf, "2024-12-01T10:32:00+05:30");
    assert_int_equal(nvt_local_day(&ist, 1732991400), 20058);
    assert_int_equal(nvt_local_day(&ist, 1732991399), 20057);
}

static void test_us_dst(void **state)
{
    (void)state;
    nv_tz ny;
    nv_errbuf eb;
    assert_int_equal(nvt_tz_parse("America/New_York", &ny, &eb), NV_OK);
    /* 2018-03-11 01:59 EST = 1520751540; 03:00 EDT = 1520751600 */
    assert_int_equal(nvt_local_to_utc(&ny, 2018, 3, 11, 1, 59, 0), 1520751540);
    assert_int_equal(nvt_local_to_utc(&ny, 2018, 3, 11, 3, 0, 0), 1520751600);
    assert_int_equal(nvt_offset_at(&ny, 1520751599), -18000);
    assert_int_equal(nvt_offset_at(&ny, 1520751600), -14400);
    /* 2018-11-04: 01:59:59 EDT = 1541311199; 01:00 EST again = 1541311200 */
    assert_int_equal(nvt_offset_at(&ny, 1541311199), -14400);
    assert_int_equal(nvt_offset_at(&ny, 1541311200), -18000);
    /* 2018-10-21 00:00 EDT = 1540094400 */
    assert_int_equal(nvt_day_start(&ny, 2018, 10, 21), 1540094400);
    char buf[32];
    nvt_format_iso(&ny, 1540094400, buf);
    assert_string_equal(buf, "2018-10-21T00:00:00-04:00");
    nv_tz la;
    assert_int_equal(nvt_tz_parse("America/Los_Angeles", &la, &eb), NV_OK);
    /* TZ=America/Los_Angeles date -d '2018-01-02 09:25' +%s -> 1514913900 */
    assert_int_equal(nvt_local_to_utc(&la, 2018, 1, 2, 9, 25, 0), 1514913900);
}

static void test_tz_parse(void **state)
{
    (void)state;
    nv_tz tz;
    nv_errbuf eb;
    assert_int_equal(nvt_tz_parse("+05:30", &tz, &eb), NV_OK);
    assert_int_equal(tz.std_offset_s, 19800);
    assert_int_equal(nvt_tz_parse("UTC-0500", &tz, &eb), NV_OK);
    assert_int_equal(tz.std_offset_s, -18000);
    assert_int_equal(nvt_tz_parse("Mars/Olympus", &tz, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "Mars/Olympus"));
    assert_int_equal(nvt_tz_parse("+25:00", &tz, &eb), NV_ERR_CONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil_roundtrip),
        cmocka_unit_test(test_valid_date),
        cmocka_unit_test(test_ist),
        cmocka_unit_test(test_us_dst),
        cmocka_unit_test(test_tz_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
