/* web_fig.c — the web module's figures, text templates and escaping. See
 * include/nivaran/web.h. */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/db.h"
#include "nivaran/nvtime.h"
#include "nivaran/web.h"
#include "web_int.h"

/* ---- figures ------------------------------------------------------------ */

static int64_t day_start(const nv_report *r, int64_t day)
{
    int y, m, d;
    nvt_civil_from_days(day, &y, &m, &d);
    return nvt_day_start(&r->tz, y, m, d);
}

/* Adds the organisation's backlog at r->d1 by age band, wing by wing, with
 * the workbooks' Open backlog query (queries/xlsx_backlog.sql): the page's
 * bands are the workbooks' bands summed over the wings. */
static nv_err fig_backlog(const nv_report *r, nv_web_figs *f, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(r->db, "xlsx_backlog", &st, eb);
    if (e) return e;
    int iw = sqlite3_bind_parameter_index(st, ":wing"),
        id = sqlite3_bind_parameter_index(st, ":d1");
    for (size_t i = 0; i < f->day.n_wing && e == NV_OK; i++) {
        const char *w = f->day.rows[i].wing;
        if (strcmp(w, "ALL") == 0) continue;
        if (sqlite3_reset(st) != SQLITE_OK || sqlite3_bind_text(st, iw, w, -1, SQLITE_STATIC) ||
            sqlite3_bind_int64(st, id, r->d1)) {
            e = db_fail(r->db, eb, "xlsx_backlog");
            break;
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            for (int b = 0; b < WEB_BANDS; b++)
                f->band[b] += sqlite3_column_int64(st, 2 + b);
        if (rc != SQLITE_DONE) e = db_fail(r->db, eb, "xlsx_backlog");
    }
    sqlite3_finalize(st);
    return e;
}

/* Each day of the trend over its own window, as the workbooks' Summary
 * trend defines it (received, resolved, met, breached of that local day). */
static nv_err fig_trend(const nv_report *r, nv_web_figs *f, nv_errbuf *eb)
{
    nv_err e = NV_OK;
    for (int i = 0; i < WEB_TREND_DAYS && e == NV_OK; i++) {
        int64_t day = r->last_day - (WEB_TREND_DAYS - 1) + i;
        nv_fig_table t = {0};
        nvt_format_ymd(day, f->trend[i].date);
        e = metrics_compute(r->db, day_start(r, day), day_start(r, day + 1), &t, eb);
        const nv_fig_row *all = e == NV_OK ? metrics_find(&t, "ALL", "") : NULL;
        if (e == NV_OK && !all) e = nv_errf(eb, NV_ERR_INTERNAL, "web page: no ALL row");
        if (e == NV_OK) {
            f->trend[i].received = all->f.received, f->trend[i].resolved = all->f.resolved;
            f->trend[i].met = all->f.met, f->trend[i].breached = all->f.breached;
        }
        metrics_table_free(&t);
    }
    return e;
}

/* To be replaced by the figures struct of the figure engine (issue 10):
 * every figure of the page, through the public APIs the other renderers use
 * (metrics_compute over each window, the workbooks' backlog query), so that
 * the page equals the open data (the day), the notice board (the month to
 * date, or the previous period) and the workbooks (the trend, the bands). */
nv_err web_figures(const nv_report *r, nv_web_figs *f, nv_errbuf *eb)
{
    memset(f, 0, sizeof *f);
    int period = r->last_day > r->first_day, y, m, d;
    int64_t len = r->last_day - r->first_day + 1;
    char fa[11], fb[11];
    nvt_civil_from_days(r->last_day, &y, &m, &d);
    int64_t a = period ? r->first_day - len : nvt_days_from_civil(y, m, 1);
    int64_t b = period ? r->first_day - 1 : r->last_day;
    nvt_format_ymd(a, fa);
    nvt_format_ymd(b, fb);
    snprintf(f->month_range, sizeof f->month_range, period ? "%s to %s" : "%s/%s", fa, fb);
    nv_err e = metrics_compute(r->db, r->d0, r->d1, &f->day, eb);
    if (e == NV_OK) e = metrics_compute(r->db, day_start(r, a), day_start(r, b + 1), &f->month, eb);
    if (e == NV_OK) e = fig_trend(r, f, eb);
    if (e == NV_OK) e = fig_backlog(r, f, eb);
    const nv_fig_row *all = e == NV_OK ? metrics_find(&f->day, "ALL", "") : NULL;
    if (e == NV_OK && !all) e = nv_errf(eb, NV_ERR_INTERNAL, "web page: no ALL row");
    if (e == NV_OK) f->pending = all->f.pending_end, f->overdue = all->f.overdue_end;
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
