/* normalise.c — see include/nivaran/load/normalise.h.
 *
 * Time parsing is a small hand-written scanner per format (no sscanf, no
 * strptime, no locale): a cursor walks the n bytes (no NUL needed), every
 * number has a fixed digit count range, nothing may follow the time but
 * spaces, and the date is checked with nvt_valid_date() (years 1900..2999,
 * real calendar days) before it becomes an instant. What each format takes:
 *   - day, month and hour may have 1 or 2 digits ("1/12/2024 9:05 AM");
 *     minutes and seconds have 2; years 4 (mdy: 2 or 4, yy -> 20yy);
 *   - seconds are optional in every format;
 *   - AM/PM in any case, with or without spaces before it; hour 1..12 only;
 *   - the date and the time are separated by one or more spaces or tabs
 *     (iso8601 also 'T' or 't');
 *   - fractions of a second ('.' or ',' then digits; iso8601 and ymd24 only)
 *     are truncated;
 *   - offsets (iso8601 only): Z, +hh:mm, +hhmm, +hh, at most 14:59.
 * Logins and keys treat space, tab, CR, LF, VT and FF as spaces. */
#include "nivaran/load/normalise.h"

#include <string.h>

/* ---- a cursor over the text ---------------------------------------------- */

typedef struct {
    const char *p, *e;
} cur;

static int at(const cur *c, char ch)
{
    return c->p < c->e && *c->p == ch;
}

static int eat(cur *c, char ch)
{
    if (!at(c, ch)) return 0;
    c->p++;
    return 1;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Reads min..max decimal digits into *v; 0 when there are not enough. */
static int num(cur *c, int min, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && c->p < c->e && is_digit(*c->p)) {
        x = x * 10 + (*c->p - '0');
        c->p++;
        n++;
    }
    if (n < min || (c->p < c->e && is_digit(*c->p))) return 0;
    *v = x;
    return 1;
}

/* Exactly two digits, whatever follows ("+0530" is "05" then "30"). */
static int two(cur *c, int *v)
{
    if (c->e - c->p < 2 || !is_digit(c->p[0]) || !is_digit(c->p[1])) return 0;
    *v = (c->p[0] - '0') * 10 + (c->p[1] - '0');
    c->p += 2;
    return 1;
}

/* One or more spaces or tabs. */
static int gap(cur *c)
{
    const char *s = c->p;
    while (c->p < c->e && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
    return c->p > s;
}

static char lower(char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
}

/* ---- pieces shared by the formats ---------------------------------------- */

typedef struct {
    int y, mo, d, h, mi, s;
    int has_off; /* the text carried its own offset */
    int off;     /* seconds east of UTC */
} fields;

/* "H:MM" or "H:MM:SS" (hour 1..2 digits; minutes, seconds 2 digits). */
static int clock_hms(cur *c, fields *f)
{
    f->s = 0;
    if (!num(c, 1, 2, &f->h) || !eat(c, ':') || !num(c, 2, 2, &f->mi)) return 0;
    if (eat(c, ':') && !num(c, 2, 2, &f->s)) return 0;
    return 1;
}

/* Optional ".123" or ",123" fraction of a second, dropped. */
static int fraction(cur *c)
{
    if (!at(c, '.') && !at(c, ',')) return 1;
    c->p++;
    const char *s = c->p;
    while (c->p < c->e && is_digit(*c->p))
        c->p++;
    return c->p > s;
}

/* " AM" / " PM" (any case, spaces before it optional) turning a 12-hour
 * clock into a 24-hour one: 12 AM is 0, 12 PM is 12, 1..11 PM add 12. */
static int meridiem(cur *c, fields *f)
{
    gap(c);
    if (c->e - c->p < 2 || lower(c->p[1]) != 'm') return 0;
    char a = lower(c->p[0]);
    if (a != 'a' && a != 'p') return 0;
    c->p += 2;
    if (f->h < 1 || f->h > 12) return 0;
    if (f->h == 12) f->h = 0;
    if (a == 'p') f->h += 12;
    return 1;
}

/* "Z", "+05:30", "+0530" or "+05"; nothing at all leaves has_off 0. */
static int offset(cur *c, fields *f)
{
    if (eat(c, 'Z') || eat(c, 'z')) {
        f->has_off = 1;
        f->off = 0;
        return 1;
    }
    int sign = at(c, '+') ? 1 : at(c, '-') ? -1 : 0;
    if (!sign) return 1;
    c->p++;
    int h, m = 0;
    if (!two(c, &h)) return 0;
    if (eat(c, ':')) {
        if (!num(c, 2, 2, &m)) return 0;
    } else if (c->p < c->e && !num(c, 2, 2, &m)) {
        return 0;
    }
    if (h > 14 || m > 59) return 0;
    f->has_off = 1;
    f->off = sign * (h * 3600 + m * 60);
    return 1;
}

/* "YYYY-MM-DD" */
static int date_ymd(cur *c, fields *f)
{
    return num(c, 4, 4, &f->y) && eat(c, '-') && num(c, 2, 2, &f->mo) && eat(c, '-') &&
           num(c, 2, 2, &f->d);
}

static int month_name(cur *c, int *mo)
{
    static const char names[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    if (c->e - c->p < 3) return 0;
    char m[3] = {lower(c->p[0]), lower(c->p[1]), lower(c->p[2])};
    for (int i = 0; i < 12; i++) {
        if (memcmp(m, names[i], 3) == 0) {
            *mo = i + 1;
            c->p += 3;
            return 1;
        }
    }
    return 0;
}

/* ---- the formats ---------------------------------------------------------- */

/* dmy12 "dd/mm/yyyy hh:mm[:ss] AM" and mdy12 "mm/dd/yyyy hh:mm[:ss] PM". */
static int parse_12h(cur *c, fields *f, int day_first)
{
    int a, b;
    if (!num(c, 1, 2, &a) || !eat(c, '/') || !num(c, 1, 2, &b) || !eat(c, '/') ||
        !num(c, 4, 4, &f->y) || !gap(c) || !clock_hms(c, f) || !meridiem(c, f))
        return 0;
    f->d = day_first ? a : b;
    f->mo = day_first ? b : a;
    return 1;
}

/* iso8601 "2024-12-01T10:32[:00[.5]][Z|+05:30]" ('T', 't' or spaces). */
static int parse_iso(cur *c, fields *f)
{
    if (!date_ymd(c, f)) return 0;
    if (!eat(c, 'T') && !eat(c, 't') && !gap(c)) return 0;
    return clock_hms(c, f) && fraction(c) && offset(c, f);
}

/* dmony "01-Dec-2024 10:32[:05]" (24-hour). */
static int parse_dmony(cur *c, fields *f)
{
    return num(c, 1, 2, &f->d) && eat(c, '-') && month_name(c, &f->mo) && eat(c, '-') &&
           num(c, 4, 4, &f->y) && gap(c) && clock_hms(c, f);
}

/* ymd24 "2019-01-07 08:15:00[.493]" (24-hour, no offset). */
static int parse_ymd24(cur *c, fields *f)
{
    return date_ymd(c, f) && gap(c) && clock_hms(c, f) && fraction(c);
}

/* mdy "10/21/18 0:00" (2-digit year = 2000 + yy) or "10/21/2018 0:00[:00]". */
static int parse_mdy(cur *c, fields *f)
{
    const char *ys;
    if (!num(c, 1, 2, &f->mo) || !eat(c, '/') || !num(c, 1, 2, &f->d) || !eat(c, '/')) return 0;
    ys = c->p;
    if (!num(c, 2, 4, &f->y)) return 0;
    if (c->p - ys == 2)
        f->y += 2000;
    else if (c->p - ys != 4)
        return 0;
    return gap(c) && clock_hms(c, f);
}

int norm_timefmt_parse(const char *s)
{
    static const char *const names[NORM_TF_COUNT] = {"dmy12", "iso8601", "dmony",
                                                     "mdy12", "ymd24",   "mdy"};
    if (!s) return -1;
    for (int i = 0; i < NORM_TF_COUNT; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

int norm_time(const char *s, size_t n, norm_timefmt f, const nv_tz *tz, int64_t *out)
{
    if (!s) return -1;
    cur c = {s, s + n};
    while (c.p < c.e && (*c.p == ' ' || *c.p == '\t'))
        c.p++;
    while (c.e > c.p && (c.e[-1] == ' ' || c.e[-1] == '\t'))
        c.e--;
    if (c.p == c.e) return -1;
    fields t = {0};
    int ok = 0;
    switch (f) {
    case NORM_TF_DMY12:
        ok = parse_12h(&c, &t, 1);
        break;
    case NORM_TF_MDY12:
        ok = parse_12h(&c, &t, 0);
        break;
    case NORM_TF_ISO8601:
        ok = parse_iso(&c, &t);
        break;
    case NORM_TF_DMONY:
        ok = parse_dmony(&c, &t);
        break;
    case NORM_TF_YMD24:
        ok = parse_ymd24(&c, &t);
        break;
    case NORM_TF_MDY:
        ok = parse_mdy(&c, &t);
        break;
    default:
        return -1;
    }
    if (!ok || c.p != c.e) return -1;
    if (!nvt_valid_date(t.y, t.mo, t.d) || t.h > 23 || t.mi > 59 || t.s > 59) return -1;
    if (t.has_off) {
        *out = nvt_days_from_civil(t.y, t.mo, t.d) * 86400 + t.h * 3600 + t.mi * 60 + t.s - t.off;
    } else {
        if (!tz) return -1;
        *out = nvt_local_to_utc(tz, t.y, t.mo, t.d, t.h, t.mi, t.s);
    }
    return 0;
}

/* ---- mobiles ---------------------------------------------------------------- */

int norm_mobile(const char *s, char out[11])
{
    char last[10];
    size_t nd = 0;
    int other = 0;
    out[0] = 0;
    if (!s) return 0;
    for (; *s; s++) {
        if (!is_digit(*s)) {
            /* the separators of a typed number; anything else (a letter, a
             * decimal point: Excel's 9.87654321E+09) means its digits are
             * not the number's */
            other |= !strchr(" \t+-()", *s);
            continue;
        }
        last[nd % 10] = *s; /* a ring of the last ten digits */
        nd++;
    }
    if (nd == 0) return 0;
    if (nd < 10 || other) return -1;
    for (size_t i = 0; i < 10; i++)
        out[i] = last[(nd + i) % 10];
    out[10] = 0;
    return 1;
}

/* ---- names ------------------------------------------------------------------ */

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

/* Trims, collapses inner whitespace runs to one space and maps ASCII letters
 * to upper (up = 1) or lower case; truncates at a UTF-8 character boundary
 * when out is too small. */
static void squeeze(const char *s, char *out, size_t n, int up)
{
    if (!out || n == 0) return;
    size_t k = 0;
    int pending = 0;
    if (s) {
        for (; *s; s++) {
            char ch = *s;
            if (is_ws(ch)) {
                pending = k > 0;
                continue;
            }
            if (pending) {
                if (k + 1 >= n) break;
                out[k++] = ' ';
                pending = 0;
            }
            if (k + 1 >= n) break;
            if (up && ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
            if (!up && ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
            out[k++] = ch;
        }
        if (*s) { /* truncated: no half character, no trailing space */
            size_t j = k;
            while (j > 0 && k - j < 4 && ((unsigned char)out[j - 1] & 0xC0) == 0x80)
                j--;
            if (j > 0 && (unsigned char)out[j - 1] >= 0xC0) {
                unsigned lead = (unsigned char)out[j - 1];
                size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                if (k - (j - 1) < len) k = j - 1;
            }
            while (k > 0 && out[k - 1] == ' ')
                k--;
        }
    }
    out[k] = 0;
}

void norm_login(const char *s, char *out, size_t n)
{
    squeeze(s, out, n, 1);
}

void norm_key(const char *s, char *out, size_t n)
{
    squeeze(s, out, n, 0);
}

char *norm_trim(char *s)
{
    if (!s) return s;
    size_t b = 0, e = strlen(s);
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (b) memmove(s, s + b, e - b);
    s[e - b] = 0;
    return s;
}

/* ---- UTF-8 ------------------------------------------------------------------ */

int norm_utf8_valid(const char *s, size_t n)
{
    if (!s) return n == 0;
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        unsigned c = *p;
        if (c >= 0x01 && c < 0x80) {
            p++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c == 0xE0)
            need = 2, lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            need = 2, hi = 0x9F; /* no surrogates */
        else if (c >= 0xE1 && c <= 0xEF)
            need = 2;
        else if (c == 0xF0)
            need = 3, lo = 0x90; /* no overlongs */
        else if (c >= 0xF1 && c <= 0xF3)
            need = 3;
        else if (c == 0xF4)
            need = 3, hi = 0x8F; /* <= U+10FFFF */
        else
            return 0; /* NUL, a stray continuation, C0/C1, F5..FF */
        if ((size_t)(e - p) <= need) return 0;
        if (p[1] < lo || p[1] > hi) return 0;
        for (size_t i = 2; i <= need; i++)
            if ((p[i] & 0xC0) != 0x80) return 0;
        p += need + 1;
    }
    return 1;
}
