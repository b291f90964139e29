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

/* ---- templates ---------------------------------------------------------- */

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

static int tpl_put(void *user, const char *sec, const char *key, const char *val)
{
    web_tpl *t = user;
    if (t->n > 0 && strcmp(t->v[t->n - 1].sec, sec) == 0 && strcmp(t->v[t->n - 1].key, key) == 0) {
        struct web_kv *kv = &t->v[t->n - 1]; /* a continuation line */
        size_t a = strlen(kv->val), b = strlen(val);
        char *p = realloc(kv->val, a + b + 2);
        if (!p) return 0;
        p[a] = ' ';
        memcpy(p + a + 1, val, b + 1);
        kv->val = p;
        return 1;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct web_kv *v = realloc(t->v, cap * sizeof *v);
        if (!v) return 0;
        t->v = v;
        t->cap = cap;
    }
    struct web_kv *kv = &t->v[t->n];
    kv->sec = dupstr(sec), kv->key = dupstr(key), kv->val = dupstr(val);
    if (!kv->sec || !kv->key || !kv->val) {
        free(kv->sec), free(kv->key), free(kv->val);
        return 0;
    }
    t->n++;
    return 1;
}

nv_err web_tpl_load(const char *templates_dir, const char *org, web_tpl *t, nv_errbuf *eb)
{
    char slug[200];
    size_t k = 0;
    int dash = 0;
    memset(t, 0, sizeof *t);
    for (const char *p = org ? org : ""; *p && k + 2 < sizeof slug; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && k > 0) slug[k++] = '-';
            slug[k++] = c;
            dash = 0;
        } else
            dash = 1;
    }
    slug[k] = 0;
    int n = snprintf(t->path, sizeof t->path, "%s/web/web.%s.ini", templates_dir, slug);
    if (k == 0 || n >= (int)sizeof t->path || access(t->path, F_OK) != 0)
        n = snprintf(t->path, sizeof t->path, "%s/web/web.ini", templates_dir);
    if (n >= (int)sizeof t->path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/web: path too long", templates_dir);
    int rc = ini_parse(t->path, tpl_put, t);
    if (rc == 0) return NV_OK;
    if (rc == -1) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open the web template", t->path);
    if (rc == -2) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", t->path);
    return nv_errf(eb, NV_ERR_CONFIG, "%s: line %d: not a valid INI line", t->path, rc);
}

void web_tpl_free(web_tpl *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].sec), free(t->v[i].key), free(t->v[i].val);
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

const char *web_tpl_get(const web_tpl *t, const char *sec, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].sec, sec) == 0 && strcmp(t->v[i].key, key) == 0) return t->v[i].val;
    return NULL;
}

nv_err web_tpl_need(const web_tpl *t, const char *sec, const char *key, const char **out,
                    nv_errbuf *eb)
{
    *out = web_tpl_get(t, sec, key);
    if (*out) return NV_OK;
    return nv_errf(eb, NV_ERR_CONFIG, "%s: [%s] %s is missing", t->path, sec, key);
}

static void trim_copy(char *dst, const char *s, size_t len, size_t n)
{
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= n) len = n - 1;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

void web_split(const char *val, char *a, char *b, size_t n)
{
    const char *bar = strchr(val, '|');
    trim_copy(a, val, bar ? (size_t)(bar - val) : strlen(val), n);
    if (bar)
        trim_copy(b, bar + 1, strlen(bar + 1), n);
    else
        b[0] = '\0';
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
