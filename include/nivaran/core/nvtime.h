/* nvtime.h — civil dates, time zones and instants.
 *
 * An instant is an int64_t count of seconds since 1970-01-01T00:00:00Z (UTC).
 * A time zone is a fixed standard offset plus an optional daylight-saving
 * rule (only the US rule of 2007 onwards is known: second Sunday of March
 * 02:00 local to first Sunday of November 02:00 local, +1 h). KESCO's files
 * are in IST (+05:30, no DST). Pure functions: no allocation, no globals. */
#ifndef NIVARAN_NVTIME_H
#define NIVARAN_NVTIME_H

#include <stdint.h>

#include "nivaran/core/err.h"

typedef enum { NVT_DST_NONE = 0, NVT_DST_US = 1 } nvt_dst_rule;

typedef struct {
    int std_offset_s; /* standard offset from UTC, seconds (IST: 19800) */
    nvt_dst_rule dst; /* daylight-saving rule */
    char name[48];    /* the spec it was parsed from, for messages */
} nv_tz;

/* The zone of KESCO's exports: Asia/Kolkata, +05:30. */
nv_tz nvt_ist(void);

/* Parses a zone spec: "Asia/Kolkata", "IST", "UTC", "America/New_York",
 * "America/Chicago", "America/Denver", "America/Los_Angeles", or a fixed
 * offset "+05:30" / "-0500" / "UTC+05:30". Returns NV_ERR_CONFIG on
 * anything else (message in eb). */
nv_err nvt_tz_parse(const char *spec, nv_tz *out, nv_errbuf *eb);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t nvt_days_from_civil(int y, int m, int d);
void nvt_civil_from_days(int64_t days, int *y, int *m, int *d);

/* 1 if y-m-d is a real calendar date (year 1900..2999), else 0. */
int nvt_valid_date(int y, int m, int d);

/* Offset from UTC in seconds in force at instant utc in zone tz. */
int nvt_offset_at(const nv_tz *tz, int64_t utc);

/* The instant of a local wall-clock time in tz. In a DST gap or overlap the
 * standard-time reading is taken. */
int64_t nvt_local_to_utc(const nv_tz *tz, int y, int mo, int d, int h, int mi, int s);

/* The instant at which local day y-m-d begins (00:00 local). */
int64_t nvt_day_start(const nv_tz *tz, int y, int m, int d);

/* The instant at which local day `day` (days since epoch) begins in tz: the
 * one conversion from a report's days to the instants its figures count
 * between. */
int64_t nvt_local_day_start(const nv_tz *tz, int64_t day);

/* Parses "YYYY-MM-DD" strictly. Returns 0 on success, -1 otherwise. */
int nvt_parse_ymd(const char *s, int *y, int *m, int *d);

/* Writes "YYYY-MM-DD" of days-since-epoch into buf (at least 11 bytes). */
void nvt_format_ymd(int64_t days, char *buf);

/* Writes ISO 8601 local time with offset, "2024-12-01T10:32:00+05:30",
 * into buf (at least 26 bytes). */
void nvt_format_iso(const nv_tz *tz, int64_t utc, char *buf);

/* Local calendar day (days since epoch) containing instant utc. */
int64_t nvt_local_day(const nv_tz *tz, int64_t utc);

#endif
