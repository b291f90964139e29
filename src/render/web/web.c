/* web.c — public/index.html, the public web page (PUBLIC.md). See
 * include/nivaran/render/web/web.h. The page is written top to bottom into one
 * stream; a template error is kept in the page (pg.e) and ends the writing. */
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/core/datewords.h"
#include "nivaran/compute/nodata.h"
#include "nivaran/core/names.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/core/outfile.h"
#include "nivaran/render/web/web.h"
#include "web_int.h"

#define TXT 1024

typedef struct {
    const nv_report *r;
    const nv_web_figs *f;
    const nv_web_comp *comp;
    nv_tpl t;
    FILE *o;
    char lang[2][16]; /* [page] lang: of the first and second parts */
    int period;
    char range[64];   /* the report's days as shown: "2024-12-31", "FROM to TO" */
    nv_months months; /* [months]: the month names of both languages */
    char days[2][DATEWORDS_MAX], mdays[2][DATEWORDS_MAX]; /* the tables' days in words,
                                                             in each language */
    const char **wing; /* the wings of both tables, ALL aside, in order */
    size_t n_wing;
    nv_err e; /* the first error; every writer does nothing once set */
    nv_errbuf *eb;
} page;

/* A placeholder and its value, for fill(). */
typedef struct {
    const char *key, *val;
} sub;

/* Copies tpl into out (len bytes), each {key} of subs replaced. */
static void fill(const char *tpl, const sub *s, int ns, char *out, size_t len)
{
    size_t k = 0;
    while (*tpl && k + 1 < len) {
        int hit = -1;
        for (int i = 0; i < ns && hit < 0; i++)
            if (*tpl == '{' && strncmp(tpl + 1, s[i].key, strlen(s[i].key)) == 0 &&
                tpl[1 + strlen(s[i].key)] == '}')
                hit = i;
        if (hit < 0) {
            out[k++] = *tpl++;
            continue;
        }
        int w = snprintf(out + k, len - k, "%s", s[hit].val);
        k = w > 0 && (size_t)w < len - k ? k + (size_t)w : len - 1;
        tpl += strlen(s[hit].key) + 2;
    }
    out[k] = 0;
}

/* The text of [sec] key (of key_period for a period, when there is one). */
static const char *text(page *p, const char *sec, const char *key)
{
    char pk[96];
    const char *v = NULL;
    if (p->e) return NULL;
    if (p->period && snprintf(pk, sizeof pk, "%s_period", key) < (int)sizeof pk)
        v = tpl_get(&p->t, sec, pk);
    if (!v) p->e = tpl_need(&p->t, sec, key, &v, p->eb);
    return v;
}

/* Writes the two-language value v, placeholders filled (those of the first
 * part from s, of the second from s2): each part in a span with its lang,
 * the second with class l2 (its own line). */
static void put2_langs(page *p, const char *v, const sub *s, const sub *s2, int ns)
{
    char a[TXT], b[TXT], fa[TXT], fb[TXT];
    if (p->e || !v) return;
    tpl_split(v, a, b, TXT);
    fill(a, s, ns, fa, TXT);
    fill(b, s2, ns, fb, TXT);
    fprintf(p->o, "<span lang=\"%s\">", p->lang[0]);
    web_html_escape(p->o, fa);
    fputs("</span>", p->o);
    if (!fb[0]) return;
    fprintf(p->o, " <span lang=\"%s\" class=\"l2\">", p->lang[1]);
    web_html_escape(p->o, fb);
    fputs("</span>", p->o);
}

static void put2(page *p, const char *v, const sub *s, int ns)
{
    put2_langs(p, v, s, s, ns);
}

static void say(page *p, const char *sec, const char *key, const sub *s, int ns)
{
    put2(p, text(p, sec, key), s, ns);
}

/* An element <tag attrs>TEXT</tag> with the text of [sec] key. */
static void el(page *p, const char *tag, const char *attrs, const char *sec, const char *key,
               const sub *s, int ns)
{
    if (p->e) return;
    fprintf(p->o, "<%s%s%s>", tag, attrs ? " " : "", attrs ? attrs : "");
    say(p, sec, key, s, ns);
    fprintf(p->o, "</%s>\n", tag);
}

/* el() with placeholders of their own in each language (dates in words). */
static void el_langs(page *p, const char *tag, const char *attrs, const char *sec, const char *key,
                     const sub *s, const sub *s2, int ns)
{
    if (p->e) return;
    fprintf(p->o, "<%s%s%s>", tag, attrs ? " " : "", attrs ? attrs : "");
    put2_langs(p, text(p, sec, key), s, s2, ns);
    fprintf(p->o, "</%s>\n", tag);
}

static const char css[] =
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;color:#1a1a1a;background:#fff;line-height:1.45;font-size:16px;"
    "font-family:\"Noto Sans\",\"Noto Sans Devanagari\",\"Mangal\",\"Nirmala UI\",Arial,"
    "sans-serif}"
    ":lang(hi){font-family:\"Noto Sans Devanagari\",\"Mangal\",\"Nirmala UI\",sans-serif}"
    "header{background:#1f3a5f;color:#fff;padding:14px 12px}"
    "header .in{max-width:956px;margin:0 auto}"
    "header h1{margin:0 0 4px;font-size:1.4rem;line-height:1.3}"
    "header p{margin:2px 0}"
    ".l2{display:block;font-size:.88em;font-weight:normal}"
    "main,footer{padding:0 12px;max-width:980px;margin:0 auto}"
    "section{margin:20px 0}"
    "h2{font-size:1.15rem;color:#1f3a5f;border-bottom:2px solid #1f3a5f;margin:0 0 8px;"
    "padding-bottom:2px;line-height:1.3}"
    "h2 .l2{color:#333}"
    "table{width:100%;border-collapse:collapse;font-size:.92rem;"
    "font-variant-numeric:tabular-nums}"
    "caption{text-align:left;font-weight:bold;padding:4px 0}"
    "th,td{padding:5px 4px;border-bottom:1px solid #c8d0da;text-align:right;vertical-align:top;"
    "overflow-wrap:break-word}"
    "th:first-child,td:first-child{text-align:left}"
    "thead th{background:#dce6f0;font-size:.8rem}"
    ".trend tbody th{white-space:nowrap}"
    "tbody tr:nth-child(even){background:#f2f5f8}"
    "tr.total th,tr.total td{font-weight:bold;border-top:2px solid #1a1a1a}"
    ".limit{font-size:1.15rem;font-weight:bold;background:#fff4d6;border-left:6px solid #8a5a00;"
    "padding:8px 10px;margin:0}"
    ".comp{background:#e8f3ea;border-left:6px solid #2e6b3a;padding:8px 10px}"
    ".note{font-size:.88rem;color:#333}"
    "svg{display:block;width:100%;height:auto;max-width:760px}"
    "ul{padding-left:1.2em;margin:4px 0}"
    "li{margin:4px 0}"
    "dt{font-weight:bold;margin-top:8px}dd{margin:0 0 0 1em}"
    "a{color:#0b4f9c;text-decoration:underline}"
    "footer{font-size:.85rem;color:#333;border-top:1px solid #c8d0da;padding-top:8px;"
    "margin-bottom:20px}"
    "@media (min-width:760px){body{font-size:17px}.cols{display:grid;"
    "grid-template-columns:1fr 1fr;gap:0 24px}.cols section{margin-top:0}"
    ".tgrid{display:grid;grid-template-columns:3fr 2fr;gap:0 24px;align-items:start}}"
    "@media print{@page{size:A4;margin:12mm}body{font-size:10pt}"
    "header{background:none;color:#000;border-bottom:3px solid #000;padding:0 0 6px}"
    "main,footer{padding:0;max-width:none}section{margin:8px "
    "0;padding-top:3pt;break-inside:avoid}h2{break-after:avoid;line-height:1.6}"
    "table,dl,ul,svg{break-inside:avoid}table{font-size:8.5pt}th,td{padding:2px 3px}"
    ".trend td,.trend th{padding:0 3px}a{color:#000}"
    ".cols{display:grid;grid-template-columns:1fr 1fr;gap:0 18px}.cols section{margin-top:0}"
    ".tgrid{display:grid;grid-template-columns:1fr 1fr;gap:0 18px;align-items:start}}";

/* <head> and the header band: organisation, title, report day, as of. */
static void put_head(page *p)
{
    char a[TXT], b[TXT], iso[40], asof[64], zone[32];
    const char *title = text(p, "text", "title"), *range = p->range;
    if (p->e) return;
    nvt_format_iso(&p->r->tz, p->r->d1, iso);
    names_zone(p->r->names, &p->r->tz, p->r->d1, zone, sizeof zone); /* IST, not +05:30 */
    snprintf(asof, sizeof asof, "%.10s %.5s %s", iso, iso + 11, zone);
    tpl_split(title, a, b, TXT);
    fprintf(p->o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            p->lang[0]);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          p->o);
    web_html_escape(p->o, a);
    if (b[0]) fputs(" / ", p->o), web_html_escape(p->o, b);
    fputs(" &#8212; ", p->o);
    web_html_escape(p->o, range);
    fprintf(p->o, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><div class=\"in\">\n",
            css);
    sub s[2] = {{"date", p->days[0]}, {"asof", asof}},
        s2[2] = {{"date", p->days[1]}, {"asof", asof}};
    el(p, "p", NULL, "text", "org", NULL, 0);
    el(p, "h1", NULL, "text", "title", NULL, 0);
    el_langs(p, "p", NULL, "text", "report_day", s, s2, 2);
    el(p, "p", NULL, "text", "as_of", s, 2);
    if (!p->e) fputs("</div></header>\n<main>\n", p->o);
}

/* Hours as written: "24", "7.5". */
static void fmt_hours(double h, char *buf, size_t n)
{
    snprintf(buf, n, "%.1f", h);
    size_t k = strlen(buf);
    if (k > 2 && strcmp(buf + k - 2, ".0") == 0) buf[k - 2] = 0;
}

/* The time limit in plain words, from the profile's hours. */
static void put_limit(page *p)
{
    const nv_profile *pr = p->r->profile;
    double lo = pr ? pr->default_hours : 24, hi = lo;
    for (int i = 0; pr && i < pr->n; i++) {
        if (pr->items[i].hours < lo) lo = pr->items[i].hours;
        if (pr->items[i].hours > hi) hi = pr->items[i].hours;
    }
    char hl[32], hh[32];
    fmt_hours(lo, hl, sizeof hl);
    fmt_hours(hi, hh, sizeof hh);
    sub s[3] = {{"hours", hl}, {"min", hl}, {"max", hh}};
    if (p->e) return;
    fputs("<section aria-labelledby=\"s-limit\">\n", p->o);
    el(p, "h2", "id=\"s-limit\"", "limit", "heading", NULL, 0);
    el(p, "p", "class=\"limit\"", "limit", lo == hi ? "one" : "range", s, 3);
    if (!p->e) fputs("</section>\n", p->o);
}

/* The figures of wing w in t (zeros when t lacks it). */
static nv_figs wfigs(const nv_fig_table *t, const char *w)
{
    const nv_fig_row *row = metrics_find(t, w, "");
    nv_figs z = {0};
    return row ? row->f : z;
}

/* Digit grouping of the page's counts: [page] grouping of its template
 * when set, else the organisation's (names.h). */
static int page_indian(const page *p)
{
    const char *g = tpl_get(&p->t, "page", "grouping");
    if (g) return strcmp(g, "western") != 0;
    return p->r->names && p->r->names->grouping == NUMFMT_INDIAN;
}

/* A count as readers read it, into buf (at least 32 bytes). */
static const char *count(const page *p, int64_t v, char *buf)
{
    web_fmt_grouped(v, page_indian(p), buf);
    return buf;
}

/* A table row; na: the window has no data (the cells say n/a). */
static void put_row(page *p, const char *wing, const char *label, const nv_figs *f, int total,
                    int na)
{
    char pct[32], rc[32], rs[32], two[2 * 160 + 4];
    metrics_fmt_pct(f, pct);
    fprintf(p->o, "<tr%s data-wing=\"", total ? " class=\"total\"" : "");
    web_html_escape(p->o, wing);
    fputs("\"><th scope=\"row\">", p->o);
    const char *en = names_get(p->r->names, NAMES_WING, wing, NAMES_EN);
    if (!label && en != wing) { /* no [wings] label: the organisation's plain name */
        int hi = strcmp(p->lang[1], "hi") == 0; /* the second part in Hindi */
        snprintf(two, sizeof two, "%s%s%s", en, hi ? " | " : "",
                 hi ? names_get(p->r->names, NAMES_WING, wing, NAMES_HI) : "");
        label = two;
    }
    if (label)
        put2(p, label, NULL, 0);
    else /* nor a name: the code as it is */
        web_html_escape(p->o, wing);
    const char *nas = names_na(p->r->names, NAMES_EN);
    fprintf(p->o,
            "</th><td data-f=\"received\">%s</td><td data-f=\"resolved\">%s</td>"
            "<td data-f=\"compliance_pct\">%s</td></tr>\n",
            na ? nas : count(p, f->received, rc), na ? nas : count(p, f->resolved, rs),
            na       ? nas
            : pct[0] ? pct
                     : "-");
}

/* One figure table: every wing, then the organisation's total. */
static void put_table(page *p, const char *id, const char *key, const nv_fig_table *t,
                      const char (*days)[DATEWORDS_MAX])
{
    sub s[1] = {{"days", days[0]}}, s2[1] = {{"days", days[1]}};
    if (p->e) return;
    fprintf(p->o, "<section aria-labelledby=\"s-%s\">\n", id);
    char attrs[40];
    snprintf(attrs, sizeof attrs, "id=\"s-%s\"", id);
    el_langs(p, "h2", attrs, "tables", key, s, s2, 1);
    fprintf(p->o, "<table id=\"t-%s\">\n<thead><tr>", id);
    static const char *heads[4] = {"wing", "received", "resolved", "pct"};
    for (int i = 0; i < 4; i++)
        el(p, "th", "scope=\"col\"", "tables", heads[i], NULL, 0);
    if (p->e) return;
    fputs("</tr></thead>\n<tbody>\n", p->o);
    nv_figs all = wfigs(t, "ALL");
    /* a previous period without data (a period's second table): n/a */
    int na = p->period && t == &p->f->month && nodata_figs(&all);
    for (size_t i = 0; i < p->n_wing; i++) {
        nv_figs f = wfigs(t, p->wing[i]);
        put_row(p, p->wing[i], tpl_get(&p->t, "wings", p->wing[i]), &f, 0, na);
    }
    put_row(p, "ALL", text(p, "tables", "total"), &all, 1, na);
    if (!p->e) fputs("</tbody>\n</table>\n</section>\n", p->o);
}

static void put_tables(page *p)
{
    if (p->e) return;
    fputs("<div class=\"cols\">\n", p->o);
    put_table(p, "day", "day", &p->f->day, p->days);
    /* on the 1st the month to date is the day: one table, as the notice board */
    if (p->f->month_first != p->r->first_day || p->f->month_last != p->r->last_day)
        put_table(p, "month", "month", &p->f->month, p->mdays);
    if (!p->e) fputs("</div>\n", p->o);
    el(p, "p", "class=\"note\"", "tables", "pct_note", NULL, 0);
}

/* The trend chart's geometry (SVG user units). */
#define SW 400.0
#define SH 228.0
#define PX0 42.0  /* plot left */
#define PX1 392.0 /* plot right */
#define PY0 12.0  /* plot top (100 %) */
#define PY1 192.0 /* plot bottom (0 %) */

static double trend_x(int i)
{
    return PX0 + (PX1 - PX0) * i / (WEB_TREND_DAYS - 1);
}

static double trend_y(double pct)
{
    return PY1 - (PY1 - PY0) * pct / 100.0;
}

/* Compliance of one trend day, as nv_figs for metrics_fmt_pct. */
static nv_figs day_figs(const nv_web_day *d)
{
    nv_figs f = {0};
    f.received = d->received, f.resolved = d->resolved, f.met = d->met, f.breached = d->breached;
    return f;
}

/* The chart's text alternative: first and last day, pooled compliance,
 * lowest and highest day, the target (visible, and the SVG's label). */
static void put_trend_alt(page *p)
{
    nv_figs pool = {0};
    int lo = -1, hi = -1;
    double plo = 0, phi = 0, v;
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        nv_figs f = day_figs(&p->f->trend[i]);
        pool.met += f.met, pool.breached += f.breached;
        if (!metrics_compliance(&f, &v)) continue;
        if (lo < 0 || v < plo) lo = i, plo = v;
        if (hi < 0 || v > phi) hi = i, phi = v;
    }
    char pooled[32], slo[32], shi[32], target[32];
    nv_figs flo = lo >= 0 ? day_figs(&p->f->trend[lo]) : pool;
    nv_figs fhi = hi >= 0 ? day_figs(&p->f->trend[hi]) : pool;
    metrics_fmt_pct(&pool, pooled);
    metrics_fmt_pct(&flo, slo);
    metrics_fmt_pct(&fhi, shi);
    fmt_hours(p->r->profile ? p->r->profile->target_pct : 90, target, sizeof target);
    sub s[8] = {{"first", p->f->trend[0].date},
                {"last", p->f->trend[WEB_TREND_DAYS - 1].date},
                {"pooled", pooled},
                {"min", slo},
                {"min_date", lo >= 0 ? p->f->trend[lo].date : ""},
                {"max", shi},
                {"max_date", hi >= 0 ? p->f->trend[hi].date : ""},
                {"target", target}};
    el(p, "p", "id=\"trend-alt\"", "trend", lo >= 0 ? "alt" : "alt_none", s, 8);
}

static void put_trend_svg(page *p)
{
    FILE *o = p->o;
    double target = p->r->profile ? p->r->profile->target_pct : 90;
    fprintf(o,
            "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"trend-alt\" "
            "focusable=\"false\">\n",
            SW, SH);
    for (int g = 0; g <= 100; g += 25)
        fprintf(o,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c8d0da\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\" "
                "fill=\"#333\">%d%%</text>\n",
                PX0, trend_y(g), PX1, trend_y(g), PX0 - 6, trend_y(g) + 4, g);
    fprintf(o,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8a5a00\" "
            "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
            PX0, trend_y(target), PX1, trend_y(target));
    int pen = 0;
    double v;
    fputs("<path fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2.5\" d=\"", o);
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        nv_figs f = day_figs(&p->f->trend[i]);
        if (!metrics_compliance(&f, &v)) { /* nothing judged: a gap */
            pen = 0;
            continue;
        }
        fprintf(o, "%s%.1f %.1f", pen ? " L" : (i ? " M" : "M"), trend_x(i), trend_y(v));
        pen = 1;
    }
    fputs("\"/>\n", o);
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        nv_figs f = day_figs(&p->f->trend[i]);
        if (metrics_compliance(&f, &v))
            fprintf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f3a5f\"/>\n", trend_x(i),
                    trend_y(v));
    }
    static const int ticks[3] = {0, WEB_TREND_DAYS / 2, WEB_TREND_DAYS - 1};
    for (int k = 0; k < 3; k++)
        fprintf(o,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"%s\" "
                "fill=\"#333\">%s</text>\n",
                trend_x(ticks[k]), PY1 + 19,
                k == 0   ? "start"
                : k == 1 ? "middle"
                         : "end",
                p->f->trend[ticks[k]].date);
    fputs("</svg>\n", o);
}

static void put_trend_table(page *p)
{
    if (p->e) return;
    fputs("<table class=\"trend\" id=\"t-trend\">\n<thead><tr>", p->o);
    static const char *heads[5] = {"date", "received", "resolved", "judged", "pct"};
    for (int i = 0; i < 5; i++)
        el(p, "th", "scope=\"col\"", "trend", heads[i], NULL, 0);
    if (p->e) return;
    fputs("</tr></thead>\n<tbody>\n", p->o);
    for (int i = 0; i < WEB_TREND_DAYS; i++) {
        const nv_web_day *d = &p->f->trend[i];
        nv_figs f = day_figs(d);
        char pct[32], a[32], b[32], c[32];
        metrics_fmt_pct(&f, pct);
        fprintf(p->o,
                "<tr data-date=\"%s\"><th scope=\"row\">%s</th><td data-f=\"received\">%s</td>"
                "<td data-f=\"resolved\">%s</td><td data-f=\"judged\">%s</td>"
                "<td data-f=\"compliance_pct\">%s</td></tr>\n",
                d->date, d->date, count(p, d->received, a), count(p, d->resolved, b),
                count(p, d->met + d->breached, c), pct[0] ? pct : "-");
    }
    fputs("</tbody>\n</table>\n", p->o);
}

static void put_trend(page *p)
{
    if (p->e) return;
    fputs("<section aria-labelledby=\"s-trend\">\n", p->o);
    el(p, "h2", "id=\"s-trend\"", "trend", "heading", NULL, 0);
    fputs("<div class=\"tgrid\"><div>\n", p->o);
    put_trend_alt(p);
    if (p->e) return;
    put_trend_svg(p);
    char target[32];
    fmt_hours(p->r->profile ? p->r->profile->target_pct : 90, target, sizeof target);
    sub s[1] = {{"target", target}};
    el(p, "p", "class=\"note\"", "trend", "legend", s, 1);
    if (p->e) return;
    fputs("</div><div>\n", p->o);
    put_trend_table(p);
    if (!p->e) fputs("</div></div>\n", p->o);
    if (!p->e) fputs("</section>\n", p->o);
}

/* The backlog at the end of the day by age band, counts only. */
static void put_backlog(page *p)
{
    static const char *keys[WEB_BANDS] = {"band0", "band1", "band2", "band3"};
    char n[32];
    if (p->e) return;
    fputs("<section aria-labelledby=\"s-backlog\">\n", p->o);
    el(p, "h2", "id=\"s-backlog\"", "backlog", "heading", NULL, 0);
    fputs("<table id=\"t-backlog\">\n<thead><tr>", p->o);
    el(p, "th", "scope=\"col\"", "backlog", "age", NULL, 0);
    el(p, "th", "scope=\"col\"", "backlog", "count", NULL, 0);
    if (p->e) return;
    fputs("</tr></thead>\n<tbody>\n", p->o);
    for (int b = 0; b < WEB_BANDS && !p->e; b++) {
        fprintf(p->o, "<tr data-band=\"%d\"><th scope=\"row\">", b);
        say(p, "backlog", keys[b], NULL, 0);
        fprintf(p->o, "</th><td>%s</td></tr>\n", count(p, p->f->band[b], n));
    }
    fputs("<tr class=\"total\" data-band=\"all\"><th scope=\"row\">", p->o);
    say(p, "backlog", "total", NULL, 0);
    fprintf(p->o, "</th><td>%s</td></tr>\n<tr data-band=\"overdue\"><th scope=\"row\">",
            count(p, p->f->pending, n));
    say(p, "backlog", "overdue", NULL, 0);
    fprintf(p->o, "</th><td>%s</td></tr>\n</tbody>\n</table>\n", count(p, p->f->overdue, n));
    if (!p->e) fputs("</section>\n", p->o);
}

/* The month's compensation, only when given. */
static void put_comp(page *p)
{
    if (p->e || !p->comp) return;
    int indian = page_indian(p);
    char rupees[32], records[32];
    web_fmt_grouped(p->comp->owed_rupees, indian, rupees);
    web_fmt_grouped(p->comp->owed_records, indian, records);
    sub s[2] = {{"rupees", rupees}, {"records", records}};
    fputs("<section aria-labelledby=\"s-comp\" id=\"compensation\">\n", p->o);
    el(p, "h2", "id=\"s-comp\"", "compensation", "heading", NULL, 0);
    el(p, "p", "class=\"comp\"", "compensation", "owed", s, 2);
    el(p, "p", "class=\"note\"", "compensation", "cap", NULL, 0);
    if (!p->e) fputs("</section>\n", p->o);
}

/* A list section: heading, then every other key of [sec] in file order. */
static void put_list(page *p, const char *sec)
{
    if (p->e) return;
    fprintf(p->o, "<section aria-labelledby=\"s-%s\">\n", sec);
    char attrs[64];
    snprintf(attrs, sizeof attrs, "id=\"s-%s\"", sec);
    el(p, "h2", attrs, sec, "heading", NULL, 0);
    if (p->e) return;
    fputs("<ul>\n", p->o);
    for (size_t i = 0; i < p->t.n; i++) {
        if (strcmp(p->t.v[i].sec, sec) || !strcmp(p->t.v[i].key, "heading")) continue;
        fputs("<li>", p->o);
        put2(p, p->t.v[i].val, NULL, 0);
        fputs("</li>\n", p->o);
    }
    fputs("</ul>\n</section>\n", p->o);
}

/* Definitions: each term_NAME of [definitions] with its def_NAME. */
static void put_definitions(page *p)
{
    if (p->e) return;
    fputs("<section aria-labelledby=\"s-definitions\">\n", p->o);
    el(p, "h2", "id=\"s-definitions\"", "definitions", "heading", NULL, 0);
    if (p->e) return;
    fputs("<dl>\n", p->o);
    for (size_t i = 0; i < p->t.n && !p->e; i++) {
        const struct tpl_kv *kv = &p->t.v[i];
        if (strcmp(kv->sec, "definitions") || strncmp(kv->key, "term_", 5)) continue;
        char dk[96];
        snprintf(dk, sizeof dk, "def_%s", kv->key + 5);
        fputs("<dt>", p->o);
        put2(p, kv->val, NULL, 0);
        fputs("</dt>\n", p->o);
        el(p, "dd", NULL, "definitions", dk, NULL, 0);
    }
    if (!p->e) fputs("</dl>\n</section>\n", p->o);
}

/* Links to the day's open-data files: every resource of the package that
 * the day folder holds, and the package itself. */
static void put_links(page *p)
{
    size_t n;
    const web_resource *res = web_resources(&n);
    if (p->e) return;
    fputs("<section aria-labelledby=\"s-open-data\">\n", p->o);
    el(p, "h2", "id=\"s-open-data\"", "open_data", "heading", NULL, 0);
    el(p, "p", NULL, "open_data", "intro", NULL, 0);
    if (p->e) return;
    fputs("<ul>\n", p->o);
    for (size_t i = 0; i < n; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/open-data/%s.csv", p->r->out_dir, res[i].name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fclose(f);
        fprintf(p->o, "<li><a href=\"open-data/%s.csv\">%s.csv</a>", res[i].name, res[i].name);
        const char *d = tpl_get(&p->t, "open_data", res[i].name);
        if (d) fputs(": ", p->o), put2(p, d, NULL, 0);
        fputs("</li>\n", p->o);
    }
    fputs("<li><a href=\"open-data/datapackage.json\">datapackage.json</a>", p->o);
    const char *d = tpl_get(&p->t, "open_data", "datapackage");
    if (d) fputs(": ", p->o), put2(p, d, NULL, 0);
    fputs("</li>\n</ul>\n</section>\n", p->o);
}

static void put_foot(page *p)
{
    if (p->e) return;
    fputs("</main>\n<footer>\n", p->o);
    el(p, "p", NULL, "text", "footer", NULL, 0);
    if (!p->e) fputs("</footer>\n</body>\n</html>\n", p->o);
}

/* Sections in the order of [page] order. */
static void put_sections(page *p)
{
    const char *order = text(p, "page", "order");
    char buf[256];
    if (p->e) return;
    snprintf(buf, sizeof buf, "%s", order);
    char *save = NULL;
    for (char *s = strtok_r(buf, ", ", &save); s && !p->e; s = strtok_r(NULL, ", ", &save)) {
        if (!strcmp(s, "limit"))
            put_limit(p);
        else if (!strcmp(s, "tables"))
            put_tables(p);
        else if (!strcmp(s, "trend"))
            put_trend(p);
        else if (!strcmp(s, "backlog"))
            put_backlog(p);
        else if (!strcmp(s, "compensation"))
            put_comp(p);
        else if (!strcmp(s, "complain") || !strcmp(s, "escalate"))
            put_list(p, s);
        else if (!strcmp(s, "definitions"))
            put_definitions(p);
        else if (!strcmp(s, "open_data"))
            put_links(p);
        else if (!strcmp(s, "cols_begin"))
            fputs("<div class=\"cols\">\n", p->o);
        else if (!strcmp(s, "cols_end"))
            fputs("</div>\n", p->o);
        else
            p->e = nv_errf(p->eb, NV_ERR_CONFIG, "%s: [page] order: unknown section '%s'",
                           p->t.path, s);
    }
}

/* Position of wing w in the template's [wings], or -1. */
static long tpl_pos(const nv_tpl *t, const char *w)
{
    long k = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->v[i].sec, "wings")) continue;
        if (!strcmp(t->v[i].key, w)) return k;
        k++;
    }
    return -1;
}

/* Template wings in the template's order, then the others by name
 * (insertion sort: a handful of wings). */
static nv_err order_wings(page *p)
{
    const nv_fig_table *tb[2] = {&p->f->day, &p->f->month};
    p->wing = calloc(tb[0]->n_wing + tb[1]->n_wing + 1, sizeof *p->wing);
    if (!p->wing) return nv_errf(p->eb, NV_ERR_NOMEM, "web page: out of memory");
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < tb[k]->n_wing; i++) {
            const char *w = tb[k]->rows[i].wing;
            if (!strcmp(w, "ALL") || (k == 1 && metrics_find(tb[0], w, ""))) continue;
            size_t j = p->n_wing++;
            long pw = tpl_pos(&p->t, w);
            for (; j > 0; j--) {
                long pj = tpl_pos(&p->t, p->wing[j - 1]);
                int before = pw >= 0 && (pj < 0 || pw < pj);
                if (!before && (pw >= 0) == (pj >= 0) && pw == pj)
                    before = strcmp(w, p->wing[j - 1]) < 0;
                if (!before) break;
                p->wing[j] = p->wing[j - 1];
            }
            p->wing[j] = w;
        }
    return NV_OK;
}

static void page_langs(page *p)
{
    const char *l = tpl_get(&p->t, "page", "lang");
    char a[64], b[64];
    tpl_split(l ? l : "en", a, b, sizeof a);
    snprintf(p->lang[0], sizeof p->lang[0], "%.15s", a[0] ? a : "en");
    snprintf(p->lang[1], sizeof p->lang[1], "%.15s", b[0] ? b : p->lang[0]);
}

/* public/open-data -> ../open-data, so that the page's links to the open
 * data ("open-data/x.csv") hold both in the day folder and through
 * OUT/public-latest (a link to the newest day's public/); replaced
 * atomically (a temporary link renamed over it). */
static nv_err link_open_data(const char *dir, nv_errbuf *eb)
{
    char link[4300], tmp[4320];
    snprintf(link, sizeof link, "%s/open-data", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", link);
    unlink(tmp);
    if (symlink("../open-data", tmp) != 0 || rename(tmp, link) != 0) {
        int err = errno;
        unlink(tmp);
        return nv_errf(eb, NV_ERR_IO, "%s: cannot link the open data: %s", link, strerror(err));
    }
    return NV_OK;
}

nv_err web_write_page(const nv_report *r, const nv_web_figs *f, const nv_web_comp *comp,
                      nv_errbuf *eb)
{
    page p = {.r = r, .f = f, .comp = comp, .eb = eb, .period = r->last_day > r->first_day};
    char dir[4096], path[4200];
    nv_outfile o;
    o.f = NULL;
    if (snprintf(dir, sizeof dir, "%s/public", r->out_dir) >= (int)sizeof dir)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", r->out_dir);
    snprintf(path, sizeof path, "%s/index.html", dir);
    if ((p.e = tpl_load_org(r->templates_dir, "web", "web", r->org_name, &p.t, eb))) goto done;
    page_langs(&p);
    if ((p.e = datewords_months(&p.t, "months", &p.months, eb))) goto done;
    for (int l = 0; l < 2; l++) {
        datewords_range(&p.months, l, r->first_day, r->last_day, p.days[l], DATEWORDS_MAX);
        datewords_range(&p.months, l, f->month_first, f->month_last, p.mdays[l], DATEWORDS_MAX);
    }
    char fa[11], fb[11];
    nvt_format_ymd(r->first_day, fa);
    nvt_format_ymd(r->last_day, fb);
    if (p.period)
        snprintf(p.range, sizeof p.range, "%s to %s", fa, fb);
    else
        snprintf(p.range, sizeof p.range, "%s", fb);
    if ((p.e = order_wings(&p)) || (p.e = outfile_mkdirs(dir, eb)) ||
        (p.e = outfile_open(&o, path, eb)))
        goto done;
    p.o = o.f;
    put_head(&p);
    put_sections(&p);
    put_foot(&p);
    if (p.e) goto done;
    p.e = outfile_commit(&o, eb);
    o.f = NULL;
    if (!p.e) p.e = link_open_data(dir, eb);
done:
    if (o.f) outfile_abort(&o);
    tpl_free(&p.t);
    free(p.wing);
    return p.e;
}

nv_err web_write(const nv_report *r, const nv_web_comp *comp, nv_errbuf *eb)
{
    nv_web_figs f;
    nv_err e = web_figures(r, &f, eb);
    if (e == NV_OK) e = web_write_page(r, &f, comp, eb);
    if (e == NV_OK) e = web_write_package(r, eb);
    web_figs_free(&f);
    return e;
}
