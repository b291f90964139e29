/* compensation_out.c — internal/compensation.csv and
 * open-data/compensation_by_wing.csv (COMPENSATION.md, OUTPUTS.md); see
 * include/nivaran/compute/compensation.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nivaran/compute/compensation.h"
#include "nivaran/core/outfile.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 2 && s[0] < 0xC2) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0;
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || s[0] > 0xF4 || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

/* A number as OUTPUTS.md reads one: [+-]?(digits[.digits]|.digits)([eE][+-]?digits)? */
static int is_number(const char *s)
{
    int d = 0;
    if (*s == '+' || *s == '-') s++;
    while (*s >= '0' && *s <= '9')
        s++, d++;
    if (*s == '.') {
        int f = 0;
        for (s++; *s >= '0' && *s <= '9'; s++)
            f++;
        if (f == 0) return 0; /* "1." is not one */
        d += f;
    }
    if (!d) return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == 0;
}

/* A text cell of an export: invalid bytes as \xNN, a leading apostrophe
 * when a spreadsheet would run it as a formula. */
static void text_field(FILE *f, const char *s, int last)
{
    char buf[1024];
    size_t k = 0;
    if (s && strchr("=+-@\t\r", s[0]) && s[0] && !is_number(s)) buf[k++] = '\'';
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && k + 5 < sizeof buf;) {
        size_t n = utf8_len(p);
        if (n == 0) {
            k += (size_t)snprintf(buf + k, sizeof buf - k, "\\x%02X", *p++);
            continue;
        }
        if (k + n + 1 >= sizeof buf) break;
        memcpy(buf + k, p, n);
        k += n;
        p += n;
    }
    buf[k] = 0;
    csvout_field(f, s ? buf : NULL, last);
}

static void int_field(FILE *f, int64_t v, int last)
{
    char b[32];
    snprintf(b, sizeof b, "%" PRId64, v);
    csvout_field(f, b, last);
}

static void time_field(FILE *f, const nv_tz *tz, int has, int64_t t)
{
    char iso[40];
    if (has) nvt_format_iso(tz, t, iso);
    csvout_field(f, has ? iso : NULL, 0);
}

static void ledger_row(FILE *f, const nv_tz *tz, const nv_comp_row *r)
{
    csvout_field(f, r->accruing ? "accruing" : "owed", 0);
    text_field(f, r->record_id, 0);
    text_field(f, r->source, 0);
    text_field(f, r->account, 0);
    text_field(f, r->category, 0);
    text_field(f, r->wing, 0);
    text_field(f, r->xen_id, 0);
    time_field(f, tz, 1, r->registered);
    time_field(f, tz, 1, r->sop_deadline);
    time_field(f, tz, r->has_disposed, r->disposed);
    int_field(f, r->days_late, 0);
    int_field(f, r->rupees_per_day, 0);
    int_field(f, r->rupees, 0);
    time_field(f, tz, r->has_disposed, r->pay_by);
    int_field(f, r->returned, 1);
}

static nv_err write_ledger(const nv_comp *c, const char *path, const nv_tz *tz, nv_errbuf *eb)
{
    nv_outfile o;
    nv_err e = outfile_open(&o, path, eb);
    if (e) return e;
    fputs("\xEF\xBB\xBF"
          "status,record_id,source,account,category,wing,xen_id,registered,sop_deadline,disposed,"
          "days_late,rupees_per_day,rupees,pay_by,returned_to_applicant\n",
          o.f);
    for (size_t i = 0; i < c->n_rows; i++)
        ledger_row(o.f, tz, &c->rows[i]);
    return outfile_commit(&o, eb);
}

static nv_err write_by_wing(const nv_comp *c, const char *path, const char *report_date,
                            nv_errbuf *eb)
{
    nv_outfile o;
    nv_err e = outfile_open(&o, path, eb);
    if (e) return e;
    fputs("report_date,wing,owed_records,owed_rupees,accruing_records,accruing_rupees\n", o.f);
    for (size_t i = 0; i < c->period.n_wings; i++) {
        const nv_comp_group *g = &c->period.wings[i];
        csvout_field(o.f, report_date, 0);
        text_field(o.f, g->wing, 0);
        int_field(o.f, g->s.owed_records, 0);
        int_field(o.f, g->s.owed_rupees, 0);
        int_field(o.f, g->s.accruing_records, 0);
        int_field(o.f, g->s.accruing_rupees, 1);
    }
    return outfile_commit(&o, eb);
}

nv_err comp_write_csv(const nv_comp *c, const char *out_dir, const nv_tz *tz,
                      const char *report_date, int public, nv_errbuf *eb)
{
    char dir[4096], path[4200];
    nv_err e;
    if (snprintf(dir, sizeof dir, "%s/internal", out_dir) >= (int)sizeof dir)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", out_dir);
    if ((e = outfile_mkdirs(dir, eb))) return e;
    snprintf(path, sizeof path, "%s/compensation.csv", dir);
    if ((e = write_ledger(c, path, tz, eb))) return e;
    if (!public) return NV_OK;
    snprintf(dir, sizeof dir, "%s/open-data", out_dir);
    if ((e = outfile_mkdirs(dir, eb))) return e;
    snprintf(path, sizeof path, "%s/compensation_by_wing.csv", dir);
    return write_by_wing(c, path, report_date, eb);
}
