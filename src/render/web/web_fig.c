/* web_fig.c — the web module's figures, text templates and escaping. See
 * include/nivaran/render/web/web.h. */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/store/db.h"
#include "nivaran/compute/figures.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/render/web/web.h"
#include "web_int.h"

/* ---- figures ------------------------------------------------------------ */

/* A copy of table t into out (the page's figures outlive the night's). */
static nv_err table_copy(const nv_fig_table *t, nv_fig_table *out, nv_errbuf *eb)
{
    *out = *t;
    out->rows = malloc((t->n ? t->n : 1) * sizeof *out->rows);
    if (!out->rows) return nv_errf(eb, NV_ERR_NOMEM, "web page: out of memory");
    if (t->n) memcpy(out->rows, t->rows, t->n * sizeof *out->rows);
    return NV_OK;
}

/* Every figure of the page, from the night's figures (figures.h): the day
 * (as the open data), the month to date or the previous period (as the
 * notice board), the trend (as the workbooks' Summary) and the backlog's
 * age bands (as the workbooks' Open backlog, summed over every wing). */
nv_err web_figures(const nv_report *r, nv_web_figs *f, nv_errbuf *eb)
{
    nv_figures own;
    const nv_figures *fg = NULL;
    nv_fig_group *g = NULL;
    size_t ng = 0;
    memset(f, 0, sizeof *f);
    int period = r->last_day > r->first_day;
    nv_err e = figures_of_report(r, &own, &fg, eb);
    if (e) goto done;
    const nv_fig_window *w = &fg->w[period ? NV_FIG_PREV : NV_FIG_MTD];
    char fa[11], fb[11];
    nvt_format_ymd(w->first_day, fa);
    nvt_format_ymd(w->last_day, fb);
    snprintf(f->month_range, sizeof f->month_range, period ? "%s to %s" : "%s/%s", fa, fb);
    f->month_first = w->first_day, f->month_last = w->last_day;
    if ((e = table_copy(figures_table(fg, NV_FIG_REPORT), &f->day, eb)) ||
        (e = table_copy(&w->t, &f->month, eb)))
        goto done;
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        int64_t day = r->last_day - (WEB_TREND_DAYS - 1) + i;
        nv_figs d;
        figures_days(fg, NULL, day, day, &d);
        nvt_format_ymd(day, f->trend[i].date);
        f->trend[i].received = d.received, f->trend[i].resolved = d.resolved;
        f->trend[i].met = d.met, f->trend[i].breached = d.breached;
    }
    if ((e = figures_groups(fg, FIG_BY_XEN, r->first_day, r->last_day, &g, &ng, eb))) goto done;
    for (size_t i = 0; i < ng; i++)
        for (int b = 0; b < WEB_BANDS; b++)
            f->band[b] += g[i].band[b];
    const nv_fig_row *all = metrics_find(&f->day, "ALL", "");
    if (!all) {
        e = nv_errf(eb, NV_ERR_INTERNAL, "web page: no ALL row");
        goto done;
    }
    f->pending = all->f.pending_end, f->overdue = all->f.overdue_end;
done:
    free(g);
    figures_free(&own);
    if (e) web_figs_free(f);
    return e;
}

void web_figs_free(nv_web_figs *f)
{
    metrics_table_free(&f->day);
    metrics_table_free(&f->month);
}

/* ---- escaping and numbers ----------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (n == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))) return 0;
    if (n == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))) return 0;
    return n;
}

void web_html_escape(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = utf8_len(p);
        if (n == 0)
            fprintf(f, "\\x%02X", *p), n = 1;
        else if (*p == '&')
            fputs("&amp;", f);
        else if (*p == '<')
            fputs("&lt;", f);
        else if (*p == '>')
            fputs("&gt;", f);
        else if (*p == '"')
            fputs("&quot;", f);
        else if (*p == '\'')
            fputs("&#39;", f);
        else if (*p < 0x20 && *p != '\n' && *p != '\t')
            fputc(' ', f);
        else
            fwrite(p, 1, n, f);
        p += n;
    }
}

void web_json_escape(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = utf8_len(p);
        if (n == 0)
            fprintf(f, "\\\\x%02X", *p), n = 1;
        else if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\u%04x", *p);
        else
            fwrite(p, 1, n, f);
        p += n;
    }
}

void web_fmt_grouped(int64_t v, int indian, char *buf)
{
    char d[24];
    int neg = v < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = snprintf(d, sizeof d, "%llu", (unsigned long long)u), k = 0;
    if (neg) buf[k++] = '-';
    for (int i = 0; i < n; i++) {
        int left = n - i; /* digits from here to the end */
        if (i > 0 && (indian ? (left == 3 || (left > 3 && (left - 3) % 2 == 0)) : left % 3 == 0))
            buf[k++] = ',';
        buf[k++] = d[i];
    }
    buf[k] = '\0';
}
