/* pdf_md.c — md-daily-report.pdf, the MD's daily report. See
 * include/nivaran/render/pdf/pdf.h (contents, the "needs attention" rule). Page 1 is
 * the summary; the sections of templates/pdf/md.ini [layout] order follow;
 * header and footer ("page n of m") are drawn on every page at the end,
 * once the number of pages is known. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/verify.h"
#include "pdf_int.h"

#define MW 595.276
#define MH 841.89
#define ML 40.0
#define TOP (MH - 54)
#define BOTTOM 52.0
#define C_INK 0x1A1A1A
#define C_BAND 0x1F3A5F
#define C_HEAD 0xDCE6F0
#define C_STRIPE 0xF2F5F8
#define C_MUTED 0x5A5A5A
#define C_GOOD 0x1B7A3A
#define C_BAD 0xB3261E
#define C_BAR 0x9DB5CF
#define C_WHITE 0xFFFFFF
#define TREND_DAYS 30 /* the trend of a day, or of a period up to 30 days */
#define RANK_DAYS 30  /* the league table's window (METRICS.md, Rankings) */
#define TXT 512

typedef struct {
    char wing[64], cat[48];
    int64_t overdue, over7;
} od_row;

typedef struct {
    char wing[64];
    int64_t n[3]; /* HIGH, MEDIUM, LOW */
} flag_wing;

typedef struct {
    int64_t score;
    char k1[64], k2[48];
    char text[TXT];
} attn;

typedef struct {
    pdf_doc d;
    nv_tpl t;
    const nv_report *r;
    int64_t len;                    /* window length in days */
    int period;                     /* len > 1: a period report */
    char prev_range[48];            /* the previous window, "FROM to TO" or "DAY" */
    nv_figures own;                 /* the figures when r->fig is NULL */
    const nv_figures *fig;          /* the night's figures (figures.h) */
    nv_words w;                     /* the organisation's words (words.h) */
    const nv_fig_table *cur, *prev; /* window, previous window (of fig) */
    nv_figs week;                   /* a day: the 7 days before it (organisation) */
    /* open / overdue: a day: mean at the ends of the 7 days before it; a
     * period: mean at the ends of its days (avg) and of the previous
     * period's days (pavg) */
    double avg_open, avg_overdue, pavg_open, pavg_overdue;
    int64_t tr_first; /* trend: local days tr_first .. last_day */
    int ntr;
    int64_t *tr_rcv, *tr_met, *tr_brd;
    od_row *od;
    size_t n_od;
    flag_wing *fw;
    size_t n_fw;
    int rank_span;                        /* league over the period itself (len >= 30) */
    const nv_fig_table *rank_t, *rankp_t; /* the league windows, when not cur/prev */
    nv_rank_row *rk, *rkp;
    size_t n_rk, n_rkp;
    double y;
    char cont[TXT]; /* the table group tbody() continues on a new page, or "" */
} md;

typedef struct {
    const char *head;
    double w;
    int align;
} col;

/* ---- helpers ------------------------------------------------------------ */

/* The text of [text] key; for a period, key_period when the template has
 * it (so "Open at end of day" becomes "Open at end of period"). */
static nv_err tx(md *m, const char *key, char *en, char *hi, nv_errbuf *eb)
{
    const char *v = NULL;
    char pk[96];
    if (m->period && snprintf(pk, sizeof pk, "%s_period", key) < (int)sizeof pk)
        v = tpl_get(&m->t, "text", pk);
    nv_err e = v ? NV_OK : tpl_need(&m->t, "text", key, &v, eb);
    if (e == NV_OK) tpl_split(v, en, hi, TXT);
    return e;
}

/* The English text of [text] key (tx) with each {name[i]} replaced by
 * val[i], into out (n bytes): the report's sentences about the data come
 * from the template, their figures and codes from here. */
static nv_err tx_fill(md *m, const char *key, const char *const *name, const char *const *val,
                      int nv, char *out, size_t n, nv_errbuf *eb)
{
    char en[TXT], hi[TXT];
    const char *kv[16];
    nv_err e = tx(m, key, en, hi, eb);
    if (e) return e;
    if (nv > 8) return nv_errf(eb, NV_ERR_INTERNAL, "pdf: too many fields for [text] %s", key);
    for (int i = 0; i < nv; i++)
        kv[2 * i] = name[i], kv[2 * i + 1] = val[i];
    pdf_subst(en, kv, nv, out, n);
    return NV_OK;
}

static nv_err bind2(sqlite3 *db, sqlite3_stmt *st, int64_t a, int64_t b, nv_errbuf *eb)
{
    if (sqlite3_bind_int64(st, 1, a) != SQLITE_OK || sqlite3_bind_int64(st, 2, b) != SQLITE_OK)
        return db_fail(db, eb, "pdf: binding");
    return NV_OK;
}

static void col_text(sqlite3_stmt *st, int i, char *buf, size_t n)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    snprintf(buf, n, "%s", s ? (const char *)s : "");
}

/* Masks every run of 10 or more digits but its first and last two. */
static void mask_numbers(char *s)
{
    for (char *p = s; *p;) {
        size_t k = 0;
        while (p[k] >= '0' && p[k] <= '9')
            k++;
        if (k >= 10)
            for (size_t i = 2; i + 2 < k; i++)
                p[i] = 'X';
        p += k ? k : 1;
    }
}

static void fmt_time(const nv_report *r, sqlite3_stmt *st, int i, char *buf)
{
    char iso[40];
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        strcpy(buf, "-");
        return;
    }
    nvt_format_iso(&r->tz, sqlite3_column_int64(st, i), iso);
    snprintf(buf, 20, "%.10s %.5s", iso, iso + 11);
}

/* ---- figures ------------------------------------------------------------ */

/* The backlog averages of the tiles (see md). */
static nv_err load_stock(md *m, nv_errbuf *eb)
{
    const nv_report *r = m->r;
    (void)eb;
    int n = m->period ? (int)(2 * m->len) : 7;
    /* a day: the ends of days D-7 .. D-1; a period: of the previous
     * period's days and of its own, in time order */
    for (int k = 0; k < n; k++) {
        nv_figs f;
        int64_t day = m->period ? r->first_day - m->len + k : r->first_day - 7 + k;
        figures_days(m->fig, NULL, day, day, &f);
        int prev = m->period && k < m->len;
        double w = m->period ? 1.0 / (double)m->len : 1.0 / 7;
        *(prev ? &m->pavg_open : &m->avg_open) += f.pending_end * w;
        *(prev ? &m->pavg_overdue : &m->avg_overdue) += f.overdue_end * w;
    }
    return NV_OK;
}

/* The trend: received, met and breached per day from the cube. */
static nv_err load_trend(md *m, nv_errbuf *eb)
{
    m->tr_rcv = calloc(3 * (size_t)m->ntr, sizeof *m->tr_rcv);
    if (!m->tr_rcv) return nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
    m->tr_met = m->tr_rcv + m->ntr;
    m->tr_brd = m->tr_rcv + 2 * m->ntr;
    for (int i = 0; i < m->ntr; i++) {
        nv_figs f;
        figures_days(m->fig, NULL, m->tr_first + i, m->tr_first + i, &f);
        m->tr_rcv[i] = f.received, m->tr_met[i] = f.met, m->tr_brd[i] = f.breached;
    }
    return NV_OK;
}

/* The backlog overdue at the end of the window per wing and category, and
 * how much of it by more than 7 days (figures_groups). */
static nv_err load_overdue(md *m, nv_errbuf *eb)
{
    nv_fig_group *g = NULL;
    size_t n = 0;
    nv_err e = figures_groups(m->fig, FIG_BY_CATEGORY, m->r->first_day, m->r->last_day, &g, &n, eb);
    for (size_t i = 0; e == NV_OK && i < n; i++) {
        if (g[i].f.overdue_end == 0) continue;
        od_row *v = realloc(m->od, (m->n_od + 1) * sizeof *v);
        if (!v) {
            e = nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
            break;
        }
        m->od = v;
        od_row *o = &m->od[m->n_od++];
        snprintf(o->wing, sizeof o->wing, "%s", g[i].wing);
        snprintf(o->cat, sizeof o->cat, "%.*s", (int)sizeof o->cat - 1, g[i].key);
        o->overdue = g[i].f.overdue_end;
        o->over7 = g[i].over7;
    }
    free(g);
    return e;
}

static nv_err bind_flags(md *m, sqlite3_stmt *st, nv_errbuf *eb)
{
    nv_err e = bind2(m->r->db, st, m->r->d0, m->r->d1, eb);
    if (e == NV_OK && sqlite3_bind_text(st, 3, m->r->report_date, -1, SQLITE_STATIC) != SQLITE_OK)
        e = db_fail(m->r->db, eb, "pdf: binding");
    return e;
}

static nv_err load_flag_wings(md *m, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(m->r->db, "pdf_flags_wing", &st, eb);
    if (e) return e;
    if ((e = bind_flags(m, st, eb))) goto done;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char wing[64], sev[16];
        col_text(st, 0, wing, sizeof wing);
        col_text(st, 1, sev, sizeof sev);
        if (m->n_fw == 0 || strcmp(m->fw[m->n_fw - 1].wing, wing) != 0) {
            flag_wing *v = realloc(m->fw, (m->n_fw + 1) * sizeof *v);
            if (!v) {
                e = nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
                goto done;
            }
            m->fw = v;
            memset(&m->fw[m->n_fw], 0, sizeof *v);
            snprintf(m->fw[m->n_fw++].wing, sizeof v->wing, "%s", wing);
        }
        int s = strcmp(sev, "HIGH") == 0 ? 0 : strcmp(sev, "MEDIUM") == 0 ? 1 : 2;
        m->fw[m->n_fw - 1].n[s] += sqlite3_column_int64(st, 2);
    }
    if (rc != SQLITE_DONE) e = db_fail(m->r->db, eb, "pdf: flags per wing");
done:
    sqlite3_finalize(st);
    return e;
}

/* The league windows (pdf.h): a period of 30 days or more ranks over
 * itself, the previous rank over the previous period; otherwise the 30
 * days ending with the last day, and the 30 days ending 7 days earlier. */
static nv_err load_league(md *m, nv_errbuf *eb)
{
    const nv_report *r = m->r;
    int min = r->profile ? r->profile->rank_min_judged : 20;
    m->rank_t = figures_table(m->fig, NV_FIG_R30);
    m->rankp_t = figures_table(m->fig, NV_FIG_R30P);
    nv_err e = metrics_rank_table(m->rank_span ? m->cur : m->rank_t, min, &m->rk, &m->n_rk, eb);
    if (e ||
        (e = metrics_rank_table(m->rank_span ? m->prev : m->rankp_t, min, &m->rkp, &m->n_rkp, eb)))
        return e;
    return NV_OK; /* metrics_rank_table's order: by wing, ranked by rank, then the unranked */
}

/* Every figure of the report, from the night's figures (figures.h): the
 * window and the previous one, the week before a day, the trend's days and
 * the league windows. A period: the same over
 * the previous period; a cube of the trend's days (and, under 30 days, of
 * the league windows). */
static nv_err load_figures(md *m, nv_errbuf *eb)
{
    const nv_report *r = m->r;
    int64_t L = m->len, f = r->first_day, l = r->last_day;
    m->rank_span = m->period && L >= RANK_DAYS;
    m->ntr = L > TREND_DAYS ? (int)L : TREND_DAYS;
    m->tr_first = l - m->ntr + 1;
    char a[11], b[11];
    nvt_format_ymd(f - L, a);
    nvt_format_ymd(f - 1, b);
    if (m->period)
        snprintf(m->prev_range, sizeof m->prev_range, "%s to %s", a, b);
    else
        snprintf(m->prev_range, sizeof m->prev_range, "%s", b);
    nv_err e = figures_of_report(r, &m->own, &m->fig, eb);
    if (e) return e;
    m->cur = figures_table(m->fig, NV_FIG_REPORT);
    m->prev = figures_table(m->fig, NV_FIG_PREV);
    if (!m->period) figures_days(m->fig, NULL, f - 7, f - 1, &m->week);
    if ((e = load_stock(m, eb)) || (e = load_trend(m, eb)) || (e = load_overdue(m, eb)) ||
        (e = load_flag_wings(m, eb)) || (e = load_league(m, eb)))
        return e;
    return NV_OK;
}

/* ---- layout primitives ---------------------------------------------------- */

static nv_err need(md *m, double h, nv_errbuf *eb)
{
    if (m->y - h >= BOTTOM) return NV_OK;
    nv_err e = pdf_add_page(&m->d, 0, eb);
    m->y = TOP;
    return e;
}

static nv_err heading(md *m, const char *key, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], line[2 * TXT + 8];
    nv_err e = tx(m, key, en, hi, eb);
    if (e || (e = need(m, 60, eb))) return e;
    m->y -= 8;
    if ((e = pdf_bookmark(&m->d, en, m->y + 10, eb))) return e;
    snprintf(line, sizeof line, "%s   %s", en, hi);
    snprintf(m->cont, sizeof m->cont, "%s", en); /* a table of the section continues under it */
    if ((e = pdf_text(&m->d, ML, m->y - 14, line, 1, 13, PDF_LEFT, MW - 2 * ML, C_BAND, eb)))
        return e;
    if ((e = pdf_line(&m->d, ML, m->y - 19, MW - ML, m->y - 19, 1, C_BAND, eb))) return e;
    m->y -= 28;
    return NV_OK;
}

/* One table row at the cursor; bg 0 = none. */
static nv_err trow(md *m, const col *c, int nc, const char *const *cells, int bold, double size,
                   unsigned bg, nv_errbuf *eb)
{
    double rh = size + 6.5, x = ML, w = 0;
    for (int i = 0; i < nc; i++)
        w += c[i].w;
    nv_err e = bg ? pdf_rect(&m->d, ML, m->y - rh, w, rh, bg, eb) : NV_OK;
    for (int i = 0; i < nc && e == NV_OK; i++) {
        double ax = c[i].align == PDF_RIGHT    ? x + c[i].w - 3
                    : c[i].align == PDF_CENTRE ? x + c[i].w / 2
                                               : x + 3;
        /* names (left-aligned) are cut to the column, figures shrunk */
        if (c[i].align == PDF_LEFT)
            e = pdf_text_cut(&m->d, ax, m->y - rh + 4.5, cells[i], bold, size, c[i].align,
                             c[i].w - 5, C_INK, eb);
        else
            e = pdf_text(&m->d, ax, m->y - rh + 4.5, cells[i], bold, size, c[i].align, c[i].w - 5,
                         C_INK, eb);
        x += c[i].w;
    }
    m->y -= rh;
    return e;
}

/* The header row: each column's heading is its key's text in the
 * template's [columns] (English: the tables are read in one language). */
static nv_err thead(md *m, const col *c, int nc, double size, nv_errbuf *eb)
{
    const char *h[16];
    char hi[TXT];
    char txt[16][TXT];
    for (int i = 0; i < nc; i++) {
        const char *v = NULL;
        nv_err e = tpl_need(&m->t, "columns", c[i].head, &v, eb);
        if (e) return e;
        tpl_split(v, txt[i], hi, TXT);
        h[i] = txt[i];
    }
    return trow(m, c, nc, h, 1, size, C_HEAD, eb);
}

/* A body row; on a page break the table continues on the next page under
 * m->cont (when set: the group's name, "(continued)") and its header row. */
static nv_err tbody(md *m, const col *c, int nc, const char *const *cells, int bold, double size,
                    int stripe, nv_errbuf *eb)
{
    if (m->y - (size + 6.5) < BOTTOM) {
        nv_err e = need(m, 2 * size + 13 + 15, eb);
        if (!e && m->cont[0]) {
            char line[sizeof m->cont + 16];
            snprintf(line, sizeof line, "%s (continued)", m->cont);
            e = pdf_text_cut(&m->d, ML, m->y - 11, line, 1, 9.5, PDF_LEFT, MW - 2 * ML, C_BAND, eb);
            m->y -= 15;
        }
        if (e || (e = thead(m, c, nc, size, eb))) return e;
    }
    return trow(m, c, nc, cells, bold, size, stripe ? C_STRIPE : 0, eb);
}

/* Word-wrapped paragraph at the cursor. */
static nv_err para(md *m, const char *s, int bold, double size, unsigned rgb, int max_lines,
                   nv_errbuf *eb)
{
    int used;
    double lh = size * 1.35;
    nv_err e = need(m, lh * 2, eb);
    if (e) return e;
    e = pdf_wrap(&m->d, ML, m->y - size, s, bold, size, MW - 2 * ML, lh, max_lines, rgb, &used, eb);
    m->y -= lh * used + 3;
    return e;
}

/* The template's sentence for an empty section, in words. */
static nv_err empty_note(md *m, const char *key, nv_errbuf *eb)
{
    char en[TXT], hi[TXT];
    nv_err e = tx(m, key, en, hi, eb);
    return e ? e : para(m, en, 0, 9, C_MUTED, 2, eb);
}

/* ---- page 1: at a glance -------------------------------------------------- */

typedef struct {
    const char *key;
    double cur, prev, avg, pavg; /* values (compliance: percent, or NAN); pavg:
                                    the previous period's daily average */
    char shown[32];              /* the window's figure as the open data writes it */
    int pct;                     /* a percentage: changes in percentage points */
} kpi;

static double pct_of(const nv_figs *f)
{
    double p;
    return metrics_compliance(f, &p) ? p : NAN;
}

/* Line 2 of a tile. A day: the 7-day average and the change from it. A
 * period: the daily average of the period and of the previous period
 * (counts: total / days; open and overdue: the mean of their end-of-day
 * values); none for compliance, a pooled figure that is never averaged. */
static nv_err tile_line2(md *m, const kpi *k, char *out, size_t n, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], ben[TXT], bhi[TXT], b[32], av[48] = "", pav[48];
    nv_err e = tx(m, "avg7", en, hi, eb);
    if (e) return e;
    if (!isnan(k->avg)) pdf_count_tenths(m->r, k->avg, av, sizeof av);
    if (m->period) {
        if (k->pct)
            out[0] = '\0';
        else if ((e = tx(m, "before", ben, bhi, eb)) == NV_OK && isnan(k->pavg))
            snprintf(out, n, "%s: %s (%s: %s)", en, av, ben, pdf_na(m->r));
        else if (e == NV_OK) {
            pdf_count_tenths(m->r, k->pavg, pav, sizeof pav);
            snprintf(out, n, "%s: %s (%s: %s)", en, av, ben, pav);
        }
        return e;
    }
    if (isnan(k->avg))
        snprintf(out, n, "%s: %s", en, pdf_na(m->r));
    else if (k->pct) {
        pdf_fmt_delta(k->cur - k->avg, 1, b, sizeof b);
        snprintf(out, n, "%s: %.1f (%s%s)", en, k->avg, isnan(k->cur) ? "-" : b,
                 isnan(k->cur) ? "" : " pp");
    } else {
        pdf_fmt_delta(k->cur - k->avg, 1, b, sizeof b);
        snprintf(out, n, "%s: %s (%s)", en, av, isnan(k->cur) ? "-" : b);
    }
    return NV_OK;
}

static nv_err tile(md *m, double x, double y, double w, const kpi *k, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], yen[TXT], yhi[TXT], l1[TXT + 128], l2[2 * TXT + 160], a[32];
    nv_err e;
    if ((e = tx(m, k->key, en, hi, eb)) || (e = tx(m, "yesterday", yen, yhi, eb)) ||
        (e = tile_line2(m, k, l2, sizeof l2, eb)))
        return e;
    unsigned vc = C_INK;
    double target = m->r->profile ? m->r->profile->target_pct : 90;
    if (k->pct && !isnan(k->cur)) vc = k->cur >= target ? C_GOOD : C_BAD;
    if ((e = pdf_rect(&m->d, x, y - 74, w, 74, C_STRIPE, eb)) ||
        (e = pdf_text(&m->d, x + 6, y - 13, en, 0, 8.5, PDF_LEFT, w - 12, C_MUTED, eb)) ||
        (e = pdf_text(&m->d, x + 6, y - 39, k->shown, 1, 21, PDF_LEFT, w - 12, vc, eb)) ||
        (k->pct && (e = pdf_page1_target(&m->d, &m->t, m->r, x + w - 6, y - 39, eb))))
        return e;
    const char *unit = k->pct ? " pp" : "";
    if (isnan(k->prev))
        snprintf(l1, sizeof l1, "%s: %s", yen, pdf_na(m->r));
    else {
        char pv[48];
        if (k->pct)
            snprintf(pv, sizeof pv, "%.1f", k->prev);
        else
            pdf_count(m->r, (int64_t)llround(k->prev), pv, sizeof pv);
        pdf_fmt_delta(k->cur - k->prev, k->pct, a, sizeof a);
        snprintf(l1, sizeof l1, "%s: %s (%s%s)", yen, pv, isnan(k->cur) ? "-" : a,
                 isnan(k->cur) ? "" : unit);
    }
    if ((e = pdf_text(&m->d, x + 6, y - 55, l1, 0, 8, PDF_LEFT, w - 12, C_INK, eb))) return e;
    return pdf_text(&m->d, x + 6, y - 67, l2, 0, 8, PDF_LEFT, w - 12, C_INK, eb);
}

static nv_err draw_tiles(md *m, nv_errbuf *eb)
{
    const nv_fig_row *c = metrics_find(m->cur, "ALL", ""), *p = metrics_find(m->prev, "ALL", "");
    if (!c || !p) return nv_errf(eb, NV_ERR_INTERNAL, "md report: figures lack the ALL row");
    const nv_figs *w = &m->week;
    double L = (double)m->len;
    /* a day: the 7-day average; a period: the daily averages of it and of
     * the previous period */
    kpi k[6] = {
        {"kpi_received", c->f.received, p->f.received, 0, 0, "", 0},
        {"kpi_resolved", c->f.resolved, p->f.resolved, 0, 0, "", 0},
        {"kpi_compliance", pct_of(&c->f), pct_of(&p->f), pct_of(w), NAN, "", 1},
        {"kpi_breached", c->f.breached, p->f.breached, 0, 0, "", 0},
        {"kpi_open", c->f.pending_end, p->f.pending_end, m->avg_open, m->pavg_open, "", 0},
        {"kpi_overdue", c->f.overdue_end, p->f.overdue_end, m->avg_overdue, m->pavg_overdue, "", 0},
    };
    const int64_t flow[3][3] = {{c->f.received, p->f.received, w->received},
                                {c->f.resolved, p->f.resolved, w->resolved},
                                {c->f.breached, p->f.breached, w->breached}};
    for (int i = 0; i < 3; i++) {
        kpi *q = &k[i == 2 ? 3 : i];
        q->avg = m->period ? flow[i][0] / L : flow[i][2] / 7.0;
        q->pavg = flow[i][1] / L;
    }
    for (int i = 0; i < 6; i++) /* a previous window without data: n/a */
        pdf_prev_na(&p->f, m->period ? NULL : w, &k[i].prev, &k[i].pavg, &k[i].avg);
    int64_t raw[6] = {c->f.received, c->f.resolved,    0,
                      c->f.breached, c->f.pending_end, c->f.overdue_end};
    double tw = (MW - 2 * ML - 2 * 8) / 3;
    nv_err e = NV_OK;
    for (int i = 0; i < 6 && e == NV_OK; i++) {
        if (i == 2)
            pdf_fmt_pct(&c->f, k[i].shown);
        else
            pdf_count(m->r, raw[i], k[i].shown, sizeof k[i].shown);
        e = tile(m, ML + (i % 3) * (tw + 8), m->y - (i / 3) * 82, tw, &k[i], eb);
    }
    m->y -= 2 * 82 + 4;
    return e;
}

static void wing_cells(const nv_report *r, const nv_fig_row *row, char c[11][40])
{
    const nv_figs *f = &row->f;
    snprintf(c[0], 40, "%.39s", pdf_name(r, NAMES_WING, row->wing));
    pdf_count(r, f->received, c[1], 40);
    pdf_count(r, f->resolved, c[2], 40);
    pdf_count(r, f->rejected, c[3], 40);
    pdf_count(r, f->met, c[4], 40);
    pdf_count(r, f->breached, c[5], 40);
    pdf_fmt_pct(f, c[6]);
    metrics_fmt_hours(f->has_median, f->median_s, c[7]);
    metrics_fmt_hours(f->has_p90, f->p90_s, c[8]);
    if (!c[7][0]) strcpy(c[7], "-");
    if (!c[8][0]) strcpy(c[8], "-");
    pdf_count(r, f->pending_end, c[9], 40);
    pdf_count(r, f->overdue_end, c[10], 40);
}

static nv_err draw_wing_table(md *m, nv_errbuf *eb)
{
    static const col cols[11] = {
        {"unit", 82, PDF_LEFT},        {"received", 46, PDF_RIGHT}, {"resolved", 46, PDF_RIGHT},
        {"rejected", 44, PDF_RIGHT},   {"met", 40, PDF_RIGHT},      {"breached", 44, PDF_RIGHT},
        {"compliance", 44, PDF_RIGHT}, {"median_h", 44, PDF_RIGHT}, {"p90_h", 42, PDF_RIGHT},
        {"open", 40, PDF_RIGHT},       {"overdue", 43, PDF_RIGHT}};
    char c[11][40];
    const char *cells[11];
    for (int i = 0; i < 11; i++)
        cells[i] = c[i];
    nv_err e = heading(m, "wings", eb);
    if (e || (e = thead(m, cols, 11, 8, eb))) return e;
    for (size_t i = 0; i < m->cur->n_wing && e == NV_OK; i++) {
        if (strcmp(m->cur->rows[i].wing, "ALL") == 0) continue;
        wing_cells(m->r, &m->cur->rows[i], c);
        e = tbody(m, cols, 11, cells, 0, 8, i % 2, eb);
    }
    const nv_fig_row *all = metrics_find(m->cur, "ALL", "");
    if (e || !all) return e;
    wing_cells(m->r, all, c);
    snprintf(c[0], 40, "ALL (%s)", m->r->org_name ? m->r->org_name : "");
    if (!m->r->org_name) strcpy(c[0], "ALL");
    if ((e = tbody(m, cols, 11, cells, 1, 8, 0, eb))) return e;
    if (m->cur->n_wing > 1) return NV_OK;
    m->y -= 3;
    return empty_note(m, "wings_none", eb);
}

/* ---- page 1: trend chart -------------------------------------------------- */

static nv_err chart_axes(md *m, double x0, double y0, double w, double h, int64_t vmax,
                         nv_errbuf *eb)
{
    char buf[32];
    double target = m->r->profile ? m->r->profile->target_pct : 90;
    nv_err e = pdf_line(&m->d, x0, y0, x0 + w, y0, 0.6, C_MUTED, eb);
    for (int p = 0; p <= 100 && e == NV_OK; p += 50) {
        snprintf(buf, sizeof buf, "%d%%", p);
        e = pdf_text(&m->d, x0 + w + 4, y0 + h * p / 100 - 3, buf, 0, 7, PDF_LEFT, 0, C_BAD, eb);
    }
    if (e) return e;
    pdf_count(m->r, vmax, buf, sizeof buf);
    if ((e = pdf_text(&m->d, x0 - 4, y0 + h - 3, buf, 0, 7, PDF_RIGHT, 0, C_MUTED, eb)) ||
        (e = pdf_text(&m->d, x0 - 4, y0 - 3, "0", 0, 7, PDF_RIGHT, 0, C_MUTED, eb)))
        return e;
    /* a date under every 5th day (30 days), or under about 8 days of a
     * longer period, counted back from the last day */
    int step = m->ntr <= 40 ? 5 : (m->ntr + 7) / 8;
    for (int i = m->ntr - 1; i >= 0; i -= step) {
        char ymd[11];
        nvt_format_ymd(m->tr_first + i, ymd);
        snprintf(buf, sizeof buf, "%.2s-%.2s", ymd + 8, ymd + 5);
        /* centred under its day, kept within the axis (clear of the
         * percent labels on the right) */
        double lw = pdf_width(&m->d, buf, 0, 7), x = x0 + (i + 0.5) * w / m->ntr - lw / 2;
        if (x + lw > x0 + w) x = x0 + w - lw;
        if (x < x0) x = x0;
        if ((e = pdf_text(&m->d, x, y0 - 10, buf, 0, 7, PDF_LEFT, 0, C_MUTED, eb))) return e;
    }
    /* the target, dashed */
    double ty = y0 + h * target / 100;
    HPDF_UINT16 dash[2] = {3, 2};
    if (HPDF_Page_SetDash(m->d.page, dash, 2, 0) != HPDF_OK) return pdf_fail(&m->d, "SetDash", eb);
    if ((e = pdf_line(&m->d, x0, ty, x0 + w, ty, 0.6, C_GOOD, eb))) return e;
    if (HPDF_Page_SetDash(m->d.page, NULL, 0, 0) != HPDF_OK) return pdf_fail(&m->d, "SetDash", eb);
    char en[TXT], hi[TXT];
    if ((e = tx(m, "target", en, hi, eb))) return e;
    snprintf(buf, sizeof buf, "%.20s %.0f%%", en, target);
    return pdf_text(&m->d, x0 + 2, ty + 2, buf, 0, 6.5, PDF_LEFT, 0, C_GOOD, eb);
}

static nv_err chart_line(md *m, double x0, double y0, double w, double h, nv_errbuf *eb)
{
    HPDF_Page pg = m->d.page;
    int started = 0;
    if (HPDF_Page_SetRGBStroke(pg, 0.70f, 0.15f, 0.12f) != HPDF_OK ||
        HPDF_Page_SetLineWidth(pg, 1.4f) != HPDF_OK)
        return pdf_fail(&m->d, "chart line", eb);
    for (int i = 0; i < m->ntr; i++) {
        int64_t j = m->tr_met[i] + m->tr_brd[i];
        if (j == 0) continue;
        double x = x0 + (i + 0.5) * w / m->ntr, y = y0 + h * m->tr_met[i] / (double)j;
        /* a day with nothing judged breaks the line: no slope is drawn
         * across days without a figure */
        int joined = started && i > 0 && m->tr_met[i - 1] + m->tr_brd[i - 1] > 0;
        HPDF_STATUS s = joined ? HPDF_Page_LineTo(pg, (HPDF_REAL)x, (HPDF_REAL)y)
                               : HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)y);
        if (s != HPDF_OK) return pdf_fail(&m->d, "chart line", eb);
        started = 1;
    }
    if (started && HPDF_Page_Stroke(pg) != HPDF_OK) return pdf_fail(&m->d, "chart line", eb);
    double dot = m->ntr <= 62 ? 3 : 1.6;
    for (int i = 0; i < m->ntr; i++) { /* a dot on every judged day */
        int64_t j = m->tr_met[i] + m->tr_brd[i];
        if (j == 0) continue;
        double x = x0 + (i + 0.5) * w / m->ntr, y = y0 + h * m->tr_met[i] / (double)j;
        nv_err e = pdf_rect(&m->d, x - dot / 2, y - dot / 2, dot, dot, 0xB3261E, eb);
        if (e) return e;
    }
    return NV_OK;
}

static nv_err draw_trend(md *m, nv_errbuf *eb)
{
    const double h = 66, x0 = ML + 26, w = MW - 2 * ML - 26 - 24;
    /* the period itself when longer than the 30 days; the heading goes
     * with its chart to a new page when the chart would not fit */
    nv_err e = need(m, 28 + h + 24, eb);
    if (e || (e = heading(m, m->ntr > TREND_DAYS ? "trend_span" : "trend", eb))) return e;
    double y0 = m->y - h - 6;
    int64_t vmax = 1;
    for (int i = 0; i < m->ntr; i++)
        if (m->tr_rcv[i] > vmax) vmax = m->tr_rcv[i];
    /* a round axis maximum: 1, 2 or 5 times a power of ten */
    int64_t p = 1;
    while (p * 10 < vmax)
        p *= 10;
    vmax = vmax <= p ? p : vmax <= 2 * p ? 2 * p : vmax <= 5 * p ? 5 * p : 10 * p;
    double bw = w / m->ntr;
    for (int i = 0; i < m->ntr && e == NV_OK; i++)
        if (m->tr_rcv[i] > 0)
            e = pdf_rect(&m->d, x0 + i * bw + bw * 0.15, y0, bw * 0.7, h * m->tr_rcv[i] / vmax,
                         C_BAR, eb);
    if (e || (e = chart_axes(m, x0, y0, w, h, vmax, eb)) || (e = chart_line(m, x0, y0, w, h, eb)))
        return e;
    int any = 0;
    for (int i = 0; i < m->ntr; i++)
        any |= m->tr_rcv[i] || m->tr_met[i] || m->tr_brd[i];
    if (!any) {
        char en[TXT], hi[TXT];
        if ((e = tx(m, "trend_none", en, hi, eb)) ||
            (e = pdf_text(&m->d, x0 + w / 2, y0 + h / 2, en, 0, 10, PDF_CENTRE, w, C_MUTED, eb)))
            return e;
    }
    m->y = y0 - 18;
    return NV_OK;
}

/* ---- page 1: needs attention ---------------------------------------------- */

static int attn_cmp(const void *a, const void *b)
{
    const attn *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    int c = strcmp(x->k1, y->k1);
    return c ? c : strcmp(x->k2, y->k2);
}

static nv_err attn_push(attn **v, size_t *n, nv_errbuf *eb)
{
    attn *a = realloc(*v, (*n + 1) * sizeof **v);
    if (!a) return nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
    *v = a;
    memset(&a[*n], 0, sizeof **v);
    (*n)++;
    return NV_OK;
}

/* Candidates of the rule in pdf.h, sorted best first. */
static const char *const ATTN_OD[] = {"code", "n", "category", "n7"};
static const char *const ATTN_TG[] = {"code", "pct", "target", "n"};
static const char *const ATTN_FL[] = {"code", "n"};

static nv_err attn_collect(md *m, attn **v, size_t *n, nv_errbuf *eb)
{
    char n1[32], n2[32];
    double target = m->r->profile ? m->r->profile->target_pct : 90;
    nv_err e = NV_OK;
    for (size_t i = 0; i < m->n_od && e == NV_OK; i++) {
        const od_row *o = &m->od[i];
        if ((e = attn_push(v, n, eb))) break;
        attn *a = &(*v)[*n - 1];
        a->score = o->overdue + o->over7;
        snprintf(a->k1, sizeof a->k1, "%s", o->wing);
        snprintf(a->k2, sizeof a->k2, "%s", o->cat);
        pdf_count(m->r, o->overdue, n1, sizeof n1);
        pdf_count(m->r, o->over7, n2, sizeof n2);
        const char *val[] = {pdf_name(m->r, NAMES_WING, o->wing), n1,
                             pdf_name(m->r, NAMES_CATEGORY, o->cat), n2};
        e = tx_fill(m, "attn_overdue", ATTN_OD, val, 4, a->text, sizeof a->text, eb);
    }
    for (size_t i = 0; i < m->cur->n_wing && e == NV_OK; i++) {
        const nv_fig_row *r = &m->cur->rows[i];
        double p = pct_of(&r->f);
        char ps[32];
        if (strcmp(r->wing, "ALL") == 0 || isnan(p) || p >= target || r->f.breached == 0) continue;
        if ((e = attn_push(v, n, eb))) break;
        attn *a = &(*v)[*n - 1];
        a->score = r->f.breached;
        metrics_fmt_pct(&r->f, ps);
        snprintf(a->k1, sizeof a->k1, "%s", r->wing);
        snprintf(n1, sizeof n1, "%.0f", target);
        pdf_count(m->r, r->f.breached, n2, sizeof n2);
        const char *val[] = {pdf_name(m->r, NAMES_WING, r->wing), ps, n1, n2};
        e = tx_fill(m, "attn_target", ATTN_TG, val, 4, a->text, sizeof a->text, eb);
    }
    for (size_t i = 0; i < m->n_fw && e == NV_OK; i++) {
        if (m->fw[i].n[0] == 0) continue;
        if ((e = attn_push(v, n, eb))) break;
        attn *a = &(*v)[*n - 1];
        a->score = m->fw[i].n[0];
        snprintf(a->k1, sizeof a->k1, "%s", m->fw[i].wing);
        pdf_count(m->r, m->fw[i].n[0], n1, sizeof n1);
        const char *val[] = {pdf_name(m->r, NAMES_WING, m->fw[i].wing), n1};
        e = tx_fill(m, "attn_flags", ATTN_FL, val, 2, a->text, sizeof a->text, eb);
    }
    if (e == NV_OK && *n > 1) qsort(*v, *n, sizeof **v, attn_cmp);
    return e;
}

static nv_err draw_attention(md *m, nv_errbuf *eb)
{
    attn *v = NULL;
    size_t n = 0;
    char en[TXT], hi[TXT], line[TXT + 8];
    nv_err e = heading(m, "attention", eb);
    if (e || (e = attn_collect(m, &v, &n, eb))) goto done;
    if (n == 0) {
        if ((e = tx(m, "attention_none", en, hi, eb)) == NV_OK)
            e = para(m, en, 0, 10, C_INK, 2, eb);
    }
    for (size_t i = 0; i < n && i < 3 && e == NV_OK; i++) {
        snprintf(line, sizeof line, "%zu. %s", i + 1, v[i].text);
        e = para(m, line, 1, 10, C_INK, 2, eb);
    }
    if (e == NV_OK && (e = tx(m, "attention_rule", en, hi, eb)) == NV_OK)
        e = para(m, en, 0, 7, C_MUTED, 3, eb);
done:
    free(v);
    return e;
}

/* The compensation renderer's view of m (pdf_comp.c). */
static pdf_comp_ctx comp_ctx(md *m)
{
    return (pdf_comp_ctx){&m->d, &m->t, m->r, m->period, ML, MW - 2 * ML, TOP, BOTTOM, &m->y};
}

static nv_err draw_glance(md *m, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], sen[TXT], shi[TXT], line[2 * TXT];
    nv_err e;
    if ((e = tx(m, "title", en, hi, eb)) || (e = tx(m, "subtitle", sen, shi, eb))) return e;
    if ((e = pdf_bookmark(&m->d, "At a glance", MH, eb))) return e;
    char range[48];
    pdf_range(m->r, range, sizeof range);
    snprintf(line, sizeof line, "%s %s: %s", m->r->org_name ? m->r->org_name : "", en, range);
    if ((e = pdf_text(&m->d, ML, m->y - 18, line, 1, 17, PDF_LEFT, MW - 2 * ML, C_BAND, eb)) ||
        (e = pdf_text(&m->d, ML, m->y - 36, hi, 1, 12, PDF_LEFT, MW - 2 * ML, C_BAND, eb)) ||
        (e = pdf_text(&m->d, ML, m->y - 50, sen, 0, 8.5, PDF_LEFT, MW - 2 * ML, C_MUTED, eb)))
        return e;
    m->y -= 60;
    if (m->r->complete && (m->r->complete->n_missing || m->r->complete->n_excused)) {
        char names[256], xnames[256];
        complete_names(m->r->complete, 0, names, sizeof names);
        complete_names(m->r->complete, 1, xnames, sizeof xnames);
        snprintf(line, sizeof line, "INCOMPLETE DATA: no data for the day from %s%s%s%s%s",
                 names[0] ? names : "", names[0] && xnames[0] ? "; " : "",
                 xnames[0] ? "excused (known to be down): " : "", xnames,
                 m->r->withhold_public ? ". The public outputs are withheld." : ".");
        if ((e = para(m, line, 1, 10, C_BAD, 3, eb))) return e;
    }
    if (m->period) { /* what the tiles compare with */
        if ((e = tx(m, "compared", en, hi, eb))) return e;
        snprintf(line, sizeof line, "%s (%lld days): %s", en, (long long)m->len, m->prev_range);
        if ((e = pdf_text(&m->d, ML, m->y - 4, line, 1, 9, PDF_LEFT, MW - 2 * ML, C_INK, eb)))
            return e;
        m->y -= 14;
    }
    pdf_comp_ctx cc = comp_ctx(m);
    if ((e = draw_tiles(m, eb)) || (m->r->comp && (e = pdf_comp_kpi(&cc, eb))) ||
        (e = pdf_page1_service(&cc, eb)) || (e = draw_wing_table(m, eb)) ||
        (e = draw_trend(m, eb)) || (e = draw_attention(m, eb)))
        return e;
    return NV_OK;
}

/* ---- the XEN league table ---------------------------------------------------- */

static int prev_rank(const md *m, const char *wing, const char *xen)
{
    for (size_t i = 0; i < m->n_rkp; i++)
        if (strcmp(m->rkp[i].xen_id, xen) == 0 && strcmp(m->rkp[i].wing, wing) == 0)
            return m->rkp[i].rank;
    return 0;
}

static nv_err draw_league(md *m, nv_errbuf *eb)
{
    static const col cols[12] = {
        {"rank", 24, PDF_RIGHT},     {"prev_rank", 24, PDF_RIGHT},  {"officer", 130, PDF_LEFT},
        {"received", 40, PDF_RIGHT}, {"resolved", 40, PDF_RIGHT},   {"met", 30, PDF_RIGHT},
        {"breached", 38, PDF_RIGHT}, {"compliance", 36, PDF_RIGHT}, {"median_h", 38, PDF_RIGHT},
        {"p90_h", 40, PDF_RIGHT},    {"open", 36, PDF_RIGHT},       {"overdue", 38, PDF_RIGHT}};
    char c[12][96], en[TXT], hi[TXT];
    const char *cells[12];
    for (int i = 0; i < 12; i++)
        cells[i] = c[i];
    nv_err e = heading(m, "league", eb);
    if (e || (e = tx(m, m->rank_span ? "league_note_span" : "league_note", en, hi, eb)) ||
        (e = para(m, en, 0, 7.5, C_MUTED, 3, eb)))
        return e;
    if (m->n_rk == 0) return empty_note(m, "league_none", eb);
    for (size_t i = 0; i < m->n_rk && e == NV_OK; i++) {
        const nv_rank_row *r = &m->rk[i];
        if (i == 0 || strcmp(r->wing, m->rk[i - 1].wing) != 0) {
            snprintf(c[0], sizeof c[0], "%s", pdf_name(m->r, NAMES_WING, r->wing));
            if ((e = need(m, 60, eb))) break;
            m->y -= 4;
            if ((e = pdf_text_cut(&m->d, ML, m->y - 11, c[0], 1, 10.5, PDF_LEFT, MW - 2 * ML,
                                  C_BAND, eb)))
                break;
            snprintf(m->cont, sizeof m->cont, "%s", c[0]);
            m->y -= 15;
            if ((e = thead(m, cols, 12, 7.5, eb))) break;
        }
        int pr = prev_rank(m, r->wing, r->xen_id);
        if (r->rank)
            snprintf(c[0], sizeof c[0], "%d", r->rank);
        else
            strcpy(c[0], "-");
        if (pr)
            snprintf(c[1], sizeof c[1], "%d", pr);
        else
            strcpy(c[1], "-");
        snprintf(c[2], sizeof c[2], "%s", r->xen_id);
        pdf_count(m->r, r->f.received, c[3], 96);
        pdf_count(m->r, r->f.resolved, c[4], 96);
        pdf_count(m->r, r->f.met, c[5], 96);
        pdf_count(m->r, r->f.breached, c[6], 96);
        pdf_fmt_pct(&r->f, c[7]);
        metrics_fmt_hours(r->f.has_median, r->f.median_s, c[8]);
        metrics_fmt_hours(r->f.has_p90, r->f.p90_s, c[9]);
        if (!c[8][0]) strcpy(c[8], "-");
        if (!c[9][0]) strcpy(c[9], "-");
        /* the league window ends with the report's: its backlog is cur's */
        const nv_fig_row *now = metrics_find(m->cur, r->wing, r->xen_id);
        pdf_count(m->r, now ? now->f.pending_end : 0, c[10], 96);
        pdf_count(m->r, now ? now->f.overdue_end : 0, c[11], 96);
        e = tbody(m, cols, 12, cells, 0, 7.5, i % 2, eb);
    }
    m->cont[0] = '\0';
    return e;
}

/* ---- breaches by category ------------------------------------------------------ */

typedef struct {
    char cat[48];
    int64_t day, week, od, od7;
} cat_row;

static cat_row *cat_get(cat_row **v, size_t *n, const char *cat)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].cat, cat) == 0) return &(*v)[i];
    cat_row *a = realloc(*v, (*n + 1) * sizeof **v);
    if (!a) return NULL;
    *v = a;
    memset(&a[*n], 0, sizeof **v);
    snprintf(a[*n].cat, sizeof a->cat, "%s", cat);
    return &a[(*n)++];
}

static int cat_cmp(const void *a, const void *b)
{
    const cat_row *x = a, *y = b;
    if (x->day != y->day) return x->day > y->day ? -1 : 1;
    if (x->week != y->week) return x->week > y->week ? -1 : 1;
    if (x->od != y->od) return x->od > y->od ? -1 : 1;
    return strcmp(x->cat, y->cat);
}

/* Breaches per category (all wings): in the window, and in the 7 days
 * ending with a day (a period: in the previous period); then the overdue
 * backlog of load_overdue. */
static nv_err load_cats(md *m, cat_row **v, size_t *n, nv_errbuf *eb)
{
    nv_fig_group *now = NULL, *wide = NULL;
    size_t nn = 0, nw = 0;
    const nv_report *r = m->r;
    int64_t w0 = m->period ? r->first_day - m->len : r->last_day - 6;
    int64_t w1 = m->period ? r->first_day - 1 : r->last_day;
    nv_err e = figures_groups(m->fig, FIG_BY_CATEGORY, r->first_day, r->last_day, &now, &nn, eb);
    if (!e) e = figures_groups(m->fig, FIG_BY_CATEGORY, w0, w1, &wide, &nw, eb);
    for (size_t i = 0; e == NV_OK && i < nn + nw; i++) {
        const nv_fig_group *g = i < nn ? &now[i] : &wide[i - nn];
        if (g->f.breached == 0) continue;
        char k[48]; /* cat_row's length */
        snprintf(k, sizeof k, "%.47s", g->key);
        cat_row *c = cat_get(v, n, k);
        if (!c)
            e = nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
        else
            *(i < nn ? &c->day : &c->week) += g->f.breached;
    }
    for (size_t i = 0; i < m->n_od && e == NV_OK; i++) {
        cat_row *c = cat_get(v, n, m->od[i].cat);
        if (!c)
            e = nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
        else
            c->od += m->od[i].overdue, c->od7 += m->od[i].over7;
    }
    free(now);
    free(wide);
    return e;
}

static nv_err draw_breaches(md *m, nv_errbuf *eb)
{
    col cols[5] = {{"category", 130, PDF_LEFT},
                   {"breached_window", 120, PDF_RIGHT},
                   {"breached_7days", 85, PDF_RIGHT},
                   {"overdue_now", 85, PDF_RIGHT},
                   {"overdue_7days", 95, PDF_RIGHT}};
    if (m->period) cols[2].head = "breached_prev";
    cat_row *v = NULL;
    size_t n = 0;
    char c[5][48];
    const char *cells[5] = {c[0], c[1], c[2], c[3], c[4]};
    nv_err e = heading(m, "breaches", eb);
    if (e || (e = load_cats(m, &v, &n, eb))) goto done;
    if (n > 1) qsort(v, n, sizeof *v, cat_cmp);
    if (n == 0) {
        e = empty_note(m, "breaches_none", eb);
        goto done;
    }
    if ((e = thead(m, cols, 5, 8.5, eb))) goto done;
    for (size_t i = 0; i < n && e == NV_OK; i++) {
        snprintf(c[0], sizeof c[0], "%s", pdf_name(m->r, NAMES_CATEGORY, v[i].cat));
        pdf_count(m->r, v[i].day, c[1], 48);
        pdf_count(m->r, v[i].week, c[2], 48);
        pdf_count(m->r, v[i].od, c[3], 48);
        pdf_count(m->r, v[i].od7, c[4], 48);
        e = tbody(m, cols, 5, cells, 0, 8.5, i % 2, eb);
    }
done:
    free(v);
    return e;
}

/* ---- risk flags ----------------------------------------------------------------- */

static nv_err draw_flag_counts(md *m, nv_errbuf *eb)
{
    static const col cols[5] = {{"unit", 155, PDF_LEFT},
                                {"high", 70, PDF_RIGHT},
                                {"medium", 70, PDF_RIGHT},
                                {"low", 70, PDF_RIGHT},
                                {"all", 70, PDF_RIGHT}};
    char c[5][64];
    const char *cells[5] = {c[0], c[1], c[2], c[3], c[4]};
    int64_t tot[3] = {0, 0, 0};
    nv_err e = thead(m, cols, 5, 8.5, eb);
    for (size_t i = 0; i < m->n_fw && e == NV_OK; i++) {
        snprintf(c[0], sizeof c[0], "%s", pdf_name(m->r, NAMES_WING, m->fw[i].wing));
        for (int s = 0; s < 3; s++) {
            pdf_count(m->r, m->fw[i].n[s], c[1 + s], 64);
            tot[s] += m->fw[i].n[s];
        }
        pdf_count(m->r, m->fw[i].n[0] + m->fw[i].n[1] + m->fw[i].n[2], c[4], 64);
        e = tbody(m, cols, 5, cells, 0, 8.5, i % 2, eb);
    }
    if (e) return e;
    strcpy(c[0], "ALL");
    for (int s = 0; s < 3; s++)
        pdf_count(m->r, tot[s], c[1 + s], 64);
    pdf_count(m->r, tot[0] + tot[1] + tot[2], c[4], 64);
    e = tbody(m, cols, 5, cells, 1, 8.5, 0, eb);
    m->y -= 8;
    return e;
}

static nv_err draw_one_flag(md *m, sqlite3_stmt *st, nv_errbuf *eb)
{
    char code[48], sev[16], wing[64], xen[96], id[128], src[64], reg[24], disp[24];
    char line[600], ev[1024];
    col_text(st, 0, code, sizeof code);
    col_text(st, 1, sev, sizeof sev);
    col_text(st, 2, wing, sizeof wing);
    col_text(st, 3, xen, sizeof xen);
    col_text(st, 4, id, sizeof id);
    col_text(st, 5, src, sizeof src);
    fmt_time(m->r, st, 6, reg);
    fmt_time(m->r, st, 7, disp);
    col_text(st, 8, ev, sizeof ev);
    mask_numbers(ev);
    /* long names are cut so that the line keeps its size and its dates */
    char w2[sizeof wing + 4], x2[sizeof xen + 4];
    pdf_cut(&m->d, pdf_name(m->r, NAMES_WING, wing), 1, 8, 110, w2, sizeof w2);
    pdf_cut(&m->d, xen, 1, 8, 110, x2, sizeof x2);
    if (sqlite3_column_type(st, 4) == SQLITE_NULL)
        snprintf(line, sizeof line, "%s  %s  -  %s / %s (officer level)", sev,
                 pdf_name(m->r, NAMES_FLAG, code), w2, x2);
    else
        snprintf(line, sizeof line, "%s  %s  -  %s / %s  -  %s %s, registered %s, disposed %s", sev,
                 pdf_name(m->r, NAMES_FLAG, code), w2, x2, src, id, reg, disp);
    nv_err e = need(m, 36, eb);
    unsigned col = strcmp(sev, "HIGH") == 0 ? C_BAD : C_INK;
    if (e || (e = pdf_text(&m->d, ML, m->y - 9, line, 1, 8, PDF_LEFT, MW - 2 * ML, col, eb)))
        return e;
    m->y -= 11;
    int used;
    if ((e = pdf_wrap(&m->d, ML + 12, m->y - 8, ev, 0, 8, MW - 2 * ML - 12, 10, 2, C_INK, &used,
                      eb)))
        return e;
    m->y -= 10 * used + 5;
    return NV_OK;
}

static nv_err draw_flags(md *m, nv_errbuf *eb)
{
    char en[TXT], hi[TXT];
    sqlite3_stmt *st = NULL;
    const char *top = tpl_get(&m->t, "layout", "top_flags");
    nv_err e = heading(m, "flags", eb);
    if (e || (e = tx(m, "flags_disclaimer", en, hi, eb)) || (e = para(m, en, 1, 9, C_INK, 3, eb)) ||
        (e = para(m, hi, 0, 9, C_INK, 2, eb)))
        return e;
    if (m->n_fw == 0) {
        if ((e = tx(m, "flags_none", en, hi, eb)) == NV_OK) e = para(m, en, 0, 9, C_INK, 2, eb);
        return e;
    }
    if ((e = draw_flag_counts(m, eb))) return e;
    if ((e = db_prepare_named(m->r->db, "pdf_flags_top", &st, eb))) return e;
    if ((e = bind_flags(m, st, eb))) goto done;
    if (sqlite3_bind_int(st, 4, top ? atoi(top) : 12) != SQLITE_OK) {
        e = db_fail(m->r->db, eb, "pdf: binding");
        goto done;
    }
    int rc;
    while (e == NV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        e = draw_one_flag(m, st, eb);
    if (e == NV_OK && rc != SQLITE_DONE) e = db_fail(m->r->db, eb, "pdf: top flags");
done:
    sqlite3_finalize(st);
    return e;
}

/* ---- call-backs and reviews (VERIFY.md; figures of verify_figures()) --------- */

static void fmt_rate(int64_t num, int64_t den, char *buf, size_t n)
{
    if (den > 0)
        snprintf(buf, n, "%.1f%%", 100.0 * (double)num / (double)den);
    else
        snprintf(buf, n, "-");
}

static nv_err draw_verify_calls(md *m, const nv_verify_fig *f, nv_errbuf *eb)
{
    static const col cols[6] = {{"unit", 135, PDF_LEFT},      {"calls_listed", 68, PDF_RIGHT},
                                {"outcomes", 68, PDF_RIGHT},  {"reached", 68, PDF_RIGHT},
                                {"not_fixed", 68, PDF_RIGHT}, {"not_fixed_pct", 68, PDF_RIGHT}};
    char c[6][64];
    const char *cells[6] = {c[0], c[1], c[2], c[3], c[4], c[5]};
    int64_t t[4] = {0, 0, 0, 0};
    nv_err e = thead(m, cols, 6, 8.5, eb);
    for (size_t i = 0; i <= f->n_wings && !e; i++) {
        const nv_verify_wing *w = i < f->n_wings ? &f->wings[i] : NULL;
        int64_t v[4] = {w ? w->listed : t[0], w ? w->returned : t[1], w ? w->reached : t[2],
                        w ? w->not_fixed : t[3]};
        snprintf(c[0], sizeof c[0], "%s", w ? pdf_name(m->r, NAMES_WING, w->wing) : "ALL");
        for (int k = 0; k < 4; k++) {
            pdf_count(m->r, v[k], c[1 + k], 64);
            if (w) t[k] += v[k];
        }
        fmt_rate(v[3], v[2], c[5], 64);
        e = tbody(m, cols, 6, cells, !w, 8.5, w ? i % 2 : 0, eb);
    }
    m->y -= 8;
    return e;
}

static nv_err draw_verify_reviews(md *m, const nv_verify_fig *f, nv_errbuf *eb)
{
    static const col cols[5] = {{"unit", 135, PDF_LEFT},
                                {"review_open", 85, PDF_RIGHT},
                                {"under_inquiry", 85, PDF_RIGHT},
                                {"explained", 85, PDF_RIGHT},
                                {"confirmed", 85, PDF_RIGHT}};
    char c[5][64];
    const char *cells[5] = {c[0], c[1], c[2], c[3], c[4]};
    int64_t t[4] = {0, 0, 0, 0};
    nv_err e = thead(m, cols, 5, 8.5, eb);
    for (size_t i = 0; i <= f->n_wings && !e; i++) {
        const nv_verify_wing *w = i < f->n_wings ? &f->wings[i] : NULL;
        int64_t v[4] = {w ? w->open : t[0], w ? w->inquiry : t[1], w ? w->explained : t[2],
                        w ? w->confirmed : t[3]};
        snprintf(c[0], sizeof c[0], "%s", w ? pdf_name(m->r, NAMES_WING, w->wing) : "ALL");
        for (int k = 0; k < 4; k++) {
            pdf_count(m->r, v[k], c[1 + k], 64);
            if (w) t[k] += v[k];
        }
        e = tbody(m, cols, 5, cells, !w, 8.5, w ? i % 2 : 0, eb);
    }
    m->y -= 8;
    return e;
}

static nv_err draw_verify_check(md *m, const nv_verify_fig *f, nv_errbuf *eb)
{
    static const col cols[6] = {{"rule", 130, PDF_LEFT},    {"rule_of", 55, PDF_LEFT},
                                {"flagged", 65, PDF_RIGHT}, {"examined", 65, PDF_RIGHT},
                                {"share", 55, PDF_RIGHT},   {"mark", 105, PDF_LEFT}};
    char c[6][64];
    const char *cells[6] = {c[0], c[1], c[2], c[3], c[4], c[5]};
    nv_err e = thead(m, cols, 6, 8.5, eb);
    for (size_t i = 0; i < f->n_checks && !e; i++) {
        const nv_verify_check *k = &f->checks[i];
        snprintf(c[0], sizeof c[0], "%s", pdf_name(m->r, NAMES_FLAG, k->rule));
        snprintf(c[1], sizeof c[1], "%s",
                 k->officer ? m->w.word[WORDS_OFFICERS][WORDS_EN] : "records");
        pdf_count(m->r, k->flagged, c[2], 64);
        pdf_count(m->r, k->examined, c[3], 64);
        fmt_rate(k->flagged, k->examined, c[4], 64);
        snprintf(c[5], sizeof c[5], "%s", k->check ? "check the threshold" : "");
        e = tbody(m, cols, 6, cells, k->check, 8.5, i % 2, eb);
    }
    m->y -= 8;
    return e;
}

static nv_err draw_verify(md *m, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], note[512];
    nv_flag_cfg fcfg;
    nv_verify_cfg vcfg;
    nv_verify_fig f = {0};
    nv_err e = heading(m, "verify", eb);
    if (e || (e = flags_load_cfg(m->r->templates_dir, &fcfg, eb)) ||
        (e = verify_load_cfg(m->r->templates_dir, &vcfg, eb)) ||
        (e = verify_figures(m->r->db, m->r, &fcfg, &vcfg, &f, eb)))
        return e;
    if (f.has_list && !f.salted) { /* English, then the Hindi after " / " */
        snprintf(note, sizeof note, "%s", verify_predictable_note(m->w.bilingual));
        char *sep = strstr(note, " / ");
        if (sep) *sep = 0;
        if ((e = para(m, note, 1, 9, C_BAD, 2, eb)) ||
            (sep && (e = para(m, sep + 3, 0, 9, C_BAD, 2, eb))))
            goto done;
    }
    if ((e = tx(m, "verify_calls", en, hi, eb)) || (e = para(m, en, 0, 9, C_INK, 3, eb)) ||
        (e = draw_verify_calls(m, &f, eb)) || (e = tx(m, "verify_reviews", en, hi, eb)) ||
        (e = para(m, en, 0, 9, C_INK, 3, eb)) || (e = draw_verify_reviews(m, &f, eb)) ||
        (e = tx(m, "verify_check", en, hi, eb)) || (e = para(m, en, 0, 9, C_INK, 3, eb)))
        goto done;
    e = draw_verify_check(m, &f, eb);
done:
    verify_figures_free(&f);
    return e;
}

/* ---- data quality --------------------------------------------------------------- */

static nv_err note(md *m, const char *s, int *count, nv_errbuf *eb)
{
    char line[1300];
    snprintf(line, sizeof line, "- %s", s);
    (*count)++;
    return para(m, line, 0, 9, C_INK, 3, eb);
}

static nv_err quality_inputs(md *m, int *count, nv_errbuf *eb)
{
    char s[1200];
    nv_err e = NV_OK;
    for (size_t i = 0; i < m->r->n_inputs && e == NV_OK; i++) {
        const nv_input_result *in = &m->r->inputs[i];
        if (in->error) {
            char n1[32];
            pdf_count(m->r, in->rows_read, n1, sizeof n1);
            const char *name[] = {"file", "n", "reason"}, *val[] = {in->path, n1, in->error};
            e = tx_fill(m, "dq_refused", name, val, 3, s, sizeof s, eb);
        } else if (in->rows_rejected > 0) {
            char n1[32], n2[32];
            pdf_count(m->r, in->rows_rejected, n1, sizeof n1);
            pdf_count(m->r, in->rows_read, n2, sizeof n2);
            const char *name[] = {"file", "n", "total"}, *val[] = {in->path, n1, n2};
            e = tx_fill(m, "dq_rejected", name, val, 3, s, sizeof s, eb);
        } else
            continue;
        if (e == NV_OK) e = note(m, s, count, eb);
    }
    return e;
}

/* Without inputs (the report command): the records of src registered or
 * disposed in the window, from the counts of one pdf_dq_source pass. */
typedef struct {
    char src[64];
    int64_t n;
} src_count;

static nv_err source_counts(md *m, src_count *v, int *nv, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    *nv = 0;
    nv_err e = db_prepare_named(m->r->db, "pdf_dq_source", &st, eb);
    if (e || (e = bind2(m->r->db, st, m->r->d0, m->r->d1, eb))) goto done;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (*nv < 32) {
            col_text(st, 0, v[*nv].src, sizeof v[*nv].src);
            v[(*nv)++].n = sqlite3_column_int64(st, 1);
        }
    if (rc != SQLITE_DONE) e = db_fail(m->r->db, eb, "pdf: rows per source");
done:
    sqlite3_finalize(st);
    return e;
}

/* A source with no file (or no rows) this run; without inputs (the report
 * command) a source none of whose records was registered or disposed in
 * the window. */
/* The sources expected every day, comma-separated into buf: md.ini's
 * [layout] sources when given, else r->sources (the sources of the
 * organisation's layouts, which the job looks up). */
static nv_err expected_sources(md *m, char *buf, size_t n, nv_errbuf *eb)
{
    const char *list = tpl_get(&m->t, "layout", "sources");
    (void)eb;
    buf[0] = 0;
    if (list) {
        snprintf(buf, n, "%s", list);
        return NV_OK;
    }
    snprintf(buf, n, "%s", m->r->sources ? m->r->sources : "");
    return NV_OK;
}

static const char *const SRC[] = {"source"};

static nv_err quality_sources(md *m, int *count, nv_errbuf *eb)
{
    char buf[256], s[400];
    src_count sc[32];
    int nsc = 0;
    nv_err e = expected_sources(m, buf, sizeof buf, eb);
    if (e) return e;
    if (m->r->n_inputs == 0 && (e = source_counts(m, sc, &nsc, eb))) return e;
    char *save = NULL;
    for (char *src = strtok_r(buf, ", ", &save); src && e == NV_OK;
         src = strtok_r(NULL, ", ", &save)) {
        int files = 0;
        int64_t rows = 0;
        for (size_t i = 0; i < m->r->n_inputs; i++)
            if (m->r->inputs[i].source && strcmp(m->r->inputs[i].source, src) == 0)
                files++, rows += m->r->inputs[i].rows_loaded;
        if (m->r->n_inputs == 0) {
            for (int i = 0; i < nsc; i++)
                if (strcmp(sc[i].src, src) == 0) rows = sc[i].n;
            if (rows > 0) continue;
            e = tx_fill(m, "dq_no_record", SRC, (const char *const *)&src, 1, s, sizeof s, eb);
        } else if (files == 0)
            e = tx_fill(m, "dq_no_file", SRC, (const char *const *)&src, 1, s, sizeof s, eb);
        else if (rows == 0) {
            char n1[32];
            snprintf(n1, sizeof n1, "%d", files);
            const char *name[] = {"source", "n"}, *val[] = {src, n1};
            e = tx_fill(m, files == 1 ? "dq_no_rows_one" : "dq_no_rows", name, val, 2, s, sizeof s,
                        eb);
        } else
            continue;
        if (e == NV_OK) e = note(m, s, count, eb);
    }
    return e;
}

static nv_err quality_db(md *m, int *count, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    char a[96], b[256], s[600];
    int rc, k = 0;
    nv_err e = db_prepare_named(m->r->db, "pdf_dq_unmapped", &st, eb);
    if (e || (e = bind2(m->r->db, st, m->r->d0, m->r->d1, eb))) goto done;
    while (e == NV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (++k > 10) continue; /* count the rest */
        col_text(st, 0, a, sizeof a);
        col_text(st, 1, b, sizeof b);
        char n1[32];
        pdf_count(m->r, sqlite3_column_int64(st, 2), n1, sizeof n1);
        const char *name[] = {"n", "source", "category"}, *val[] = {n1, a, b};
        e = tx_fill(m, b[0] ? "dq_unmapped_named" : "dq_unmapped", name, val, 3, s, sizeof s, eb);
        if (e == NV_OK) e = note(m, s, count, eb);
    }
    if (e == NV_OK && rc != SQLITE_DONE) e = db_fail(m->r->db, eb, "pdf: unmapped categories");
    if (e == NV_OK && k > 10) {
        char n1[32];
        snprintf(n1, sizeof n1, "%d", k - 10);
        const char *name[] = {"n"}, *val[] = {n1};
        e = tx_fill(m, "dq_unmapped_more", name, val, 1, s, sizeof s, eb);
        if (e == NV_OK) e = note(m, s, count, eb);
    }
    k = 0;
    sqlite3_finalize(st);
    st = NULL;
    if (e || (e = db_prepare_named(m->r->db, "pdf_dq_noxen", &st, eb)) ||
        (e = bind2(m->r->db, st, m->r->d0, m->r->d1, eb)))
        goto done;
    while (e == NV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (++k > 10) continue; /* count the rest */
        col_text(st, 0, a, sizeof a);
        col_text(st, 1, b, sizeof b);
        char n1[32];
        pdf_count(m->r, sqlite3_column_int64(st, 2), n1, sizeof n1);
        const char *name[] = {"subdivision", "code", "n"}, *val[] = {b[0] ? b : "(blank)", a, n1};
        e = tx_fill(m, "dq_noxen", name, val, 3, s, sizeof s, eb);
        if (e == NV_OK) e = note(m, s, count, eb);
    }
    if (e == NV_OK && rc != SQLITE_DONE) e = db_fail(m->r->db, eb, "pdf: subdivisions without XEN");
    if (e == NV_OK && k > 10) {
        char n1[32];
        snprintf(n1, sizeof n1, "%d", k - 10);
        const char *name[] = {"n"}, *val[] = {n1};
        e = tx_fill(m, "dq_noxen_more", name, val, 1, s, sizeof s, eb);
        if (e == NV_OK) e = note(m, s, count, eb);
    }
done:
    sqlite3_finalize(st);
    return e;
}

static nv_err draw_quality(md *m, nv_errbuf *eb)
{
    char en[TXT], hi[TXT];
    int count = 0;
    nv_err e = heading(m, "quality", eb);
    if (e || (e = quality_inputs(m, &count, eb)) || (e = quality_sources(m, &count, eb)) ||
        (e = quality_db(m, &count, eb)))
        return e;
    if (count == 0 && (e = tx(m, "quality_none", en, hi, eb)) == NV_OK)
        e = para(m, en, 0, 9, C_INK, 2, eb);
    return e;
}

/* ---- frame and document ------------------------------------------------------ */

static nv_err draw_frame(md *m, nv_errbuf *eb)
{
    char ten[TXT], thi[TXT], ren[TXT], rhi[TXT], aen[TXT], ahi[TXT], pen[TXT], phi[TXT];
    char oen[TXT], ohi[TXT], asof[64], left[700], right[700], foot[200];
    nv_err e;
    if ((e = tx(m, "title", ten, thi, eb)) || (e = tx(m, "report_day", ren, rhi, eb)) ||
        (e = tx(m, "as_of", aen, ahi, eb)) || (e = tx(m, "page", pen, phi, eb)) ||
        (e = tx(m, "of", oen, ohi, eb)))
        return e;
    pdf_asof(m->r, asof, sizeof asof);
    char range[48];
    pdf_range(m->r, range, sizeof range);
    snprintf(left, sizeof left, "%.64s %.200s  |  %.100s %.47s",
             m->r->org_name ? m->r->org_name : "", ten, ren, range);
    snprintf(right, sizeof right, "%.100s %.63s", aen, asof);
    for (int i = 0; i < m->d.n_pages && e == NV_OK; i++) {
        m->d.page = m->d.pages[i];
        snprintf(foot, sizeof foot, "%.40s %d %.20s %d", pen, i + 1, oen, m->d.n_pages);
        if ((e = pdf_text(&m->d, ML, MH - 28, left, 0, 8, PDF_LEFT, 330, C_MUTED, eb)) ||
            (e = pdf_text(&m->d, MW - ML, MH - 28, right, 0, 8, PDF_RIGHT, 180, C_MUTED, eb)) ||
            (e = pdf_line(&m->d, ML, MH - 34, MW - ML, MH - 34, 0.5, C_MUTED, eb)) ||
            (e = pdf_line(&m->d, ML, 38, MW - ML, 38, 0.5, C_MUTED, eb)) ||
            (e = pdf_text(&m->d, MW / 2, 26, foot, 0, 8, PDF_CENTRE, 0, C_MUTED, eb)) ||
            (e = pdf_text(&m->d, ML, 26, "nivaran", 0, 7, PDF_LEFT, 0, C_MUTED, eb)))
            break;
        if (m->r->profile) {
            snprintf(foot, sizeof foot, "SLA profile %.64s", m->r->profile->name);
            e = pdf_text(&m->d, MW - ML, 26, foot, 0, 7, PDF_RIGHT, 0, C_MUTED, eb);
        }
    }
    return e;
}

static nv_err draw_sections(md *m, nv_errbuf *eb)
{
    const char *order;
    char buf[256], *save = NULL;
    nv_err e = tpl_need(&m->t, "layout", "order", &order, eb);
    if (e) return e;
    snprintf(buf, sizeof buf, "%s", order);
    for (char *s = strtok_r(buf, ", ", &save); s && e == NV_OK; s = strtok_r(NULL, ", ", &save)) {
        if (strcmp(s, "compensation") == 0 && !m->r->comp) continue; /* no schedule: no trace */
        /* the first section after page 1 starts a page; the others follow
         * on when at least a short table fits */
        if (m->d.n_pages == 1) {
            if ((e = pdf_add_page(&m->d, 0, eb))) break;
            m->y = TOP;
        } else {
            m->y -= 10;
            if ((e = need(m, 150, eb))) break;
        }
        if (strcmp(s, "league") == 0)
            e = draw_league(m, eb);
        else if (strcmp(s, "breaches") == 0)
            e = draw_breaches(m, eb);
        else if (strcmp(s, "flags") == 0)
            e = draw_flags(m, eb);
        else if (strcmp(s, "quality") == 0)
            e = draw_quality(m, eb);
        else if (strcmp(s, "compensation") == 0) {
            pdf_comp_ctx cc = comp_ctx(m);
            e = pdf_comp_section(&cc, eb);
        } else if (strcmp(s, "verify") == 0)
            e = draw_verify(m, eb);
        else
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: [layout] order: unknown section '%s'", m->t.path,
                        s);
    }
    return e;
}

static nv_err md_draw(md *m, nv_errbuf *eb)
{
    char path[4096];
    nv_err e;
    m->len = m->r->last_day - m->r->first_day + 1;
    m->period = m->len > 1;
    if ((e = tpl_load_org(m->r->templates_dir, "pdf", "md", m->r->org_name, &m->t, eb)) ||
        (e = words_load(m->r->templates_dir, m->r->org_name, &m->w, eb)) ||
        (e = tpl_words(&m->t, &m->w, eb)))
        return e;
    if ((e = load_figures(m, eb))) return e;
    char en[TXT], hi[TXT];
    const char *title = NULL; /* the document's title: the day report's */
    if ((e = tpl_need(&m->t, "text", "title", &title, eb))) return e;
    tpl_split(title, en, hi, TXT);
    if ((e = pdf_open(&m->d, m->r, &m->t, en, eb))) return e;
    if ((e = pdf_add_page(&m->d, 0, eb))) return e;
    m->y = TOP;
    if ((e = draw_glance(m, eb)) || (e = draw_sections(m, eb)) || (e = draw_frame(m, eb))) return e;
    if (snprintf(path, sizeof path, "%s/md-daily-report.pdf", m->r->out_dir) >= (int)sizeof path)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", m->r->out_dir);
    return pdf_save(&m->d, path, eb);
}

nv_err pdf_write_md(const nv_report *r, nv_errbuf *eb)
{
    md m;
    memset(&m, 0, sizeof m);
    m.r = r;
    nv_err e = md_draw(&m, eb);
    pdf_close(&m.d);
    tpl_free(&m.t);
    figures_free(&m.own);
    free(m.tr_rcv);
    free(m.od);
    free(m.fw);
    free(m.rk);
    free(m.rkp);
    return e;
}
