/* normalise.h — from export text to canonical values: times, mobiles,
 * officers' logins, names for matching, UTF-8 checks. Pure functions. */
#ifndef NIVARAN_NORMALISE_H
#define NIVARAN_NORMALISE_H

#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/nvtime.h"

/* Time formats a layout template may name (templates write the string):
 *   "dmy12"   dd/mm/yyyy hh:mm:ss AM/PM  (1912; "12:xx AM" is just after
 *             midnight, "12:xx PM" just after noon; seconds optional)
 *   "iso8601" 2024-12-01T10:32:00+05:30, also "Z", no offset (zone of the
 *             layout), fractional seconds, and a space for the 'T'
 *   "dmony"   01-Dec-2024 10:32 (Nivesh Mitra; seconds optional; month
 *             name any case)
 *   "mdy12"   MM/DD/YYYY hh:mm:ss AM/PM (Baltimore, LA)
 *   "ymd24"   YYYY-MM-DD HH:MM:SS (Boston; fractional seconds allowed)
 *   "mdy"     M/D/YY H:MM or M/D/YYYY H:MM[:SS] (NYC re-saved by Excel)
 * Surrounding spaces are ignored. */
typedef enum {
    NORM_TF_DMY12,
    NORM_TF_ISO8601,
    NORM_TF_DMONY,
    NORM_TF_MDY12,
    NORM_TF_YMD24,
    NORM_TF_MDY,
    NORM_TF_COUNT
} norm_timefmt;

/* The format named s, or -1. */
int norm_timefmt_parse(const char *s);

/* Parses text s (length n) in format f; a value without its own offset is in
 * zone tz. Returns 0 and *out on success; -1 when s is not a valid time in
 * that format (including impossible dates such as 31/02). An empty string is
 * -1 too: the caller decides whether empty is allowed. */
int norm_time(const char *s, size_t n, norm_timefmt f, const nv_tz *tz, int64_t *out);

/* Mobile numbers: keeps the digits and returns the last 10 in out[11]
 * ("009876543210", "+91 98765 43210" -> "9876543210"). Returns 1 when a
 * number was found, 0 when s has no digits (absent), -1 when it has fewer
 * than 10 digits or holds anything but digits, spaces, tabs, '+', '-' and
 * parentheses (kept out: not a mobile; "9.87654321E+09", a number mangled
 * by a spreadsheet, has lost digits). */
int norm_mobile(const char *s, char out[11]);

/* An officer's login: trimmed, inner runs of spaces collapsed to one, upper
 * case (ASCII only; other bytes kept). Writes into out (size n). */
void norm_login(const char *s, char *out, size_t n);

/* A key for matching names (subdivisions, services): trimmed, inner runs of
 * spaces collapsed, ASCII lower case. Writes into out (size n). */
void norm_key(const char *s, char *out, size_t n);

/* Trims surrounding ASCII spaces and tabs, in place; returns s. */
char *norm_trim(char *s);

/* 1 when the n bytes at s are valid UTF-8 (no overlongs, no surrogates,
 * no NUL), else 0. */
int norm_utf8_valid(const char *s, size_t n);

#endif
