/* pdf_notice_words.c — the notice board's words beyond its tables
 * (pdf_notice.c draws the rest): the time limit in plain words, from the
 * run's SLA profile and the template's [limit]; the report's days as a
 * reader says them, from the template's [months]. */
#include <stdio.h>
#include <string.h>

#include "pdf_int.h"

#define NW_TXT 512
#define C_LIMIT_BG 0xFFF4D6
#define C_LIMIT_INK 0x5A3A00

/* Hours as written: "24", "7.5". */
static void hours_text(double h, char *buf, size_t n)
{
    snprintf(buf, n, "%.1f", h);
    size_t k = strlen(buf);
    if (k > 2 && strcmp(buf + k - 2, ".0") == 0) buf[k - 2] = 0;
}

nv_err pdf_notice_limit(pdf_doc *d, const nv_tpl *t, const nv_report *r, double left, double width,
                        double *y, nv_errbuf *eb)
{
    const nv_profile *p = r->profile;
    double lo = p ? p->default_hours : 24, hi = lo;
    for (int i = 0; p && i < p->n; i++) {
        if (p->items[i].hours < lo) lo = p->items[i].hours;
        if (p->items[i].hours > hi) hi = p->items[i].hours;
    }
    char hl[32], hh[32], en[NW_TXT], hin[NW_TXT], a[NW_TXT], b[NW_TXT];
    hours_text(lo, hl, sizeof hl);
    hours_text(hi, hh, sizeof hh);
    const char *kv[6] = {"hours", hl, "min", hl, "max", hh};
    const char *v = NULL;
    nv_err e = tpl_need(t, "limit", lo == hi ? "one" : "range", &v, eb);
    if (e) return e;
    tpl_split(v, a, b, sizeof a);
    pdf_subst(a, kv, 3, en, sizeof en);
    pdf_subst(b, kv, 3, hin, sizeof hin);
    const double h = 20, half = width / 2;
    *y -= 6;
    if ((e = pdf_rect(d, left, *y - h, width, h, C_LIMIT_BG, eb)) ||
        (e = pdf_rect(d, left, *y - h, 5, h, C_LIMIT_INK, eb)) ||
        (e = pdf_text(d, left + 12, *y - 14, en, 1, 11.5, PDF_LEFT, half - 18, C_LIMIT_INK, eb)) ||
        (e = pdf_text(d, left + half + 6, *y - 14.5, hin, 1, 12.5, PDF_LEFT, half - 12, C_LIMIT_INK,
                      eb)))
        return e;
    *y -= h;
    return NV_OK;
}

void pdf_notice_days(const nv_months *m, int64_t first_day, int64_t last_day, char *en, char *hi,
                     size_t n)
{
    datewords_range(m, 0, first_day, last_day, en, n);
    datewords_range(m, 1, first_day, last_day, hi, n);
}
