/* nvtime.c — see include/nivaran/core/nvtime.h. */
#include "nivaran/core/nvtime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

nv_tz nvt_ist(void)
{
    nv_tz tz = {19800, NVT_DST_NONE, "Asia/Kolkata"};
    return tz;
}

/* Howard Hinnant's days_from_civil. */
int64_t nvt_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void nvt_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (mm <= 2));
    *m = mm;
    *d = dd;
}

int nvt_valid_date(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

static int parse_offset(const char *s, int *out)
{
    int sign;
    if (*s == '+')
        sign = 1;
    else if (*s == '-')
        sign = -1;
    else
        return -1;
    s++;
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1])) return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    s += 2;
    if (*s == ':') s++;
    int mi = 0;
    if (*s) {
        if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2]) return -1;
        mi = (s[0] - '0') * 10 + (s[1] - '0');
    }
    if (h > 14 || mi > 59) return -1;
    *out = sign * (h * 3600 + mi * 60);
    return 0;
}

nv_err nvt_tz_parse(const char *spec, nv_tz *out, nv_errbuf *eb)
{
    static const struct {
        const char *name;
        int off;
        nvt_dst_rule dst;
    } known[] = {
        {"Asia/Kolkata", 19800, NVT_DST_NONE},
        {"IST", 19800, NVT_DST_NONE},
        {"UTC", 0, NVT_DST_NONE},
        {"America/New_York", -18000, NVT_DST_US},
        {"America/Chicago", -21600, NVT_DST_US},
        {"America/Denver", -25200, NVT_DST_US},
        {"America/Los_Angeles", -28800, NVT_DST_US},
    };
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", spec);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(spec, known[i].name) == 0) {
            out->std_offset_s = known[i].off;
            out->dst = known[i].dst;
            return NV_OK;
        }
    }
    const char *p = spec;
    if (strncmp(p, "UTC", 3) == 0) p += 3;
    if (parse_offset(p, &out->std_offset_s) == 0) return NV_OK;
    return nv_errf(eb, NV_ERR_CONFIG, "unknown time zone '%s'", spec);
}

/* Day (days since epoch) of the n-th Sunday (n >= 1) of month m of year y. */
static int64_t nth_sunday(int y, int m, int n)
{
    int64_t first = nvt_days_from_civil(y, m, 1);
    int wd = (int)((first + 4) % 7); /* 1970-01-01 was a Thursday; 0 = Sunday */
    if (wd < 0) wd += 7;
    return first + (7 - wd) % 7 + 7 * (n - 1);
}

int nvt_offset_at(const nv_tz *tz, int64_t utc)
{
    if (tz->dst != NVT_DST_US) return tz->std_offset_s;
    int y, m, d;
    nvt_civil_from_days(floor_div(utc + tz->std_offset_s, 86400), &y, &m, &d);
    /* DST starts 02:00 local standard time, ends 02:00 local daylight time. */
    int64_t start = nth_sunday(y, 3, 2) * 86400 + 2 * 3600 - tz->std_offset_s;
    int64_t end = nth_sunday(y, 11, 1) * 86400 + 2 * 3600 - (tz->std_offset_s + 3600);
    if (utc >= start && utc < end) return tz->std_offset_s + 3600;
    return tz->std_offset_s;
}

int64_t nvt_local_to_utc(const nv_tz *tz, int y, int mo, int d, int h, int mi, int s)
{
    int64_t local = nvt_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    int64_t guess = local - tz->std_offset_s;
    if (tz->dst == NVT_DST_NONE) return guess;
    int64_t dst_guess = local - (tz->std_offset_s + 3600);
    /* Prefer the standard reading when it is self-consistent. */
    if (nvt_offset_at(tz, guess) == tz->std_offset_s) return guess;
    if (nvt_offset_at(tz, dst_guess) == tz->std_offset_s + 3600) return dst_guess;
    return guess;
}

int64_t nvt_day_start(const nv_tz *tz, int y, int m, int d)
{
    return nvt_local_to_utc(tz, y, m, d, 0, 0, 0);
}

int64_t nvt_local_day_start(const nv_tz *tz, int64_t day)
{
    int y, m, d;
    nvt_civil_from_days(day, &y, &m, &d);
    return nvt_day_start(tz, y, m, d);
}

int nvt_parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return -1;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return nvt_valid_date(*y, *m, *d) ? 0 : -1;
}

void nvt_format_ymd(int64_t days, char *buf)
{
    int y, m, d;
    char tmp[64];
    nvt_civil_from_days(days, &y, &m, &d);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, d);
    memcpy(buf, tmp, 11);
    buf[10] = 0;
}

int64_t nvt_local_day(const nv_tz *tz, int64_t utc)
{
    return floor_div(utc + nvt_offset_at(tz, utc), 86400);
}

void nvt_format_iso(const nv_tz *tz, int64_t utc, char *buf)
{
    int off = nvt_offset_at(tz, utc);
    int64_t local = utc + off;
    int64_t days = floor_div(local, 86400);
    int64_t sod = local - days * 86400;
    int y, m, d;
    nvt_civil_from_days(days, &y, &m, &d);
    int aoff = off < 0 ? -off : off;
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y % 10000, m, d,
             (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60), off < 0 ? '-' : '+',
             aoff / 3600, aoff / 60 % 60);
    memcpy(buf, tmp, 26);
    buf[25] = 0;
}
