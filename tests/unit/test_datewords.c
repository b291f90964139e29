/* test_datewords.c — days as a reader says them (datewords.h): hand-written
 * expectations for a single day, a run within a month, across months and
 * across years, in both languages of the notice board's [months]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nivaran/core/datewords.h"
#include "nivaran/core/nvtime.h"

static void test_ranges(void **state)
{
    (void)state;
    nv_tpl t;
    nv_months m;
    nv_errbuf eb;
    assert_int_equal(tpl_load("templates", "pdf", "notice", &t, &eb), NV_OK);
    assert_int_equal(datewords_months(&t, "months", &m, &eb), NV_OK);
    tpl_free(&t);
    static const struct {
        int y0, m0, d0, y1, m1, d1;
        const char *en, *hi;
    } cases[] = {
        {2024, 12, 1, 2024, 12, 1, "1 Dec 2024", "1 दिसंबर 2024"},
        {2024, 12, 1, 2024, 12, 20, "1-20 Dec 2024", "1-20 दिसंबर 2024"},
        {2024, 11, 25, 2024, 12, 5, "25 Nov - 5 Dec 2024", "25 नवंबर - 5 दिसंबर 2024"},
        {2024, 12, 25, 2025, 1, 5, "25 Dec 2024 - 5 Jan 2025", "25 दिसंबर 2024 - 5 जनवरी 2025"},
        {2025, 2, 28, 2025, 2, 28, "28 Feb 2025", "28 फ़रवरी 2025"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char en[DATEWORDS_MAX], hi[DATEWORDS_MAX];
        int64_t a = nvt_days_from_civil(cases[i].y0, cases[i].m0, cases[i].d0);
        int64_t b = nvt_days_from_civil(cases[i].y1, cases[i].m1, cases[i].d1);
        datewords_range(&m, 0, a, b, en, sizeof en);
        datewords_range(&m, 1, a, b, hi, sizeof hi);
        assert_string_equal(en, cases[i].en);
        assert_string_equal(hi, cases[i].hi);
    }
}

/* A template without all twelve months is refused, naming the key. */
static void test_missing_month(void **state)
{
    (void)state;
    nv_tpl t;
    nv_months m;
    nv_errbuf eb;
    assert_int_equal(tpl_load("templates", "pdf", "md", &t, &eb), NV_OK);
    assert_int_equal(datewords_months(&t, "months", &m, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "1"));
    tpl_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_missing_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
