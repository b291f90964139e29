/* report.c — see include/nivaran/core/report.h. */
#include "nivaran/core/report.h"

#include <stdio.h>

void report_set_window(nv_report *r, const nv_tz *tz, int64_t first_day, int64_t last_day)
{
    int y, m, d;
    char a[11], b[11];
    r->tz = *tz;
    r->first_day = first_day;
    r->last_day = last_day;
    nvt_civil_from_days(first_day, &y, &m, &d);
    r->d0 = nvt_day_start(tz, y, m, d);
    nvt_civil_from_days(last_day + 1, &y, &m, &d);
    r->d1 = nvt_day_start(tz, y, m, d);
    nvt_format_ymd(first_day, a);
    nvt_format_ymd(last_day, b);
    if (first_day == last_day) {
        snprintf(r->label, sizeof r->label, "%s", b);
        snprintf(r->report_date, sizeof r->report_date, "%s", b);
    } else {
        snprintf(r->label, sizeof r->label, "%s_%s", a, b);
        snprintf(r->report_date, sizeof r->report_date, "%s/%s", a, b);
    }
}
