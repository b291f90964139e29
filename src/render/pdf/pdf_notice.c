/* pdf_notice.c — notice-board.pdf, the public one-page notice in Hindi and
 * English. See include/nivaran/render/pdf/pdf.h. Drawn in A4 points; on A3 the page's
 * matrix scales everything by sqrt 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/compute/compensation.h"
#include "nivaran/compute/figures.h"
#include "nivaran/core/numfmt.h"
#include "nivaran/compute/nodata.h"
#include "pdf_int.h"

#define NW 595.276
#define NH 841.89
#define NM 36.0 /* margin */
#define C_INK 0x1A1A1A
#define C_BAND 0x1F3A5F
#define C_WHITE 0xFFFFFF
#define C_HEAD 0xDCE6F0
#define C_STRIPE 0xF2F5F8
#define C_MUTED 0x555555

/* A wing shown on the notice, or folded into "Other wings". */
typedef struct {
    const char *wing;
    int64_t vol;  /* received in both tables: the order of the top wings */
    int64_t vol1; /* received in the first table */
    long tpl;     /* position in the template's [wings], or -1 */
} nwing;

typedef struct {
    pdf_doc d;
    nv_tpl t;
    const nv_report *r;
    int period; /* a period report (--from) */
    nwing *w;   /* every wing of both tables, ALL aside: the
                   shown ones first (n_shown), then the rest */
    size_t n_w, n_shown;
    nv_figures own;                  /* the figures when r->fig is NULL */
    const nv_figures *fig;           /* the night's figures (figures.h) */
    const nv_fig_table *day, *month; /* the window; the month to date (a day) or the
                                previous period (a period) */
    nv_months months;                /* [months]: the month names of both languages */
    char days[2][DATEWORDS_MAX];     /* the window's days in words (English, Hindi) */
    char mdays[2][DATEWORDS_MAX];    /* the second table's */
    int same;                        /* the second table's days are the window's (the 1st) */
    double y;                        /* cursor, A4 points from the bottom */
} notice;

/* The two-language text of [sec] key, into en / hi (512 bytes each); for a
 * period, of key_period when the template has it. */
static nv_err tx(notice *n, const char *sec, const char *key, char *en, char *hi, nv_errbuf *eb)
{
    const char *v = NULL;
    char pk[96];
    if (n->period && snprintf(pk, sizeof pk, "%s_period", key) < (int)sizeof pk)
        v = tpl_get(&n->t, sec, pk);
    nv_err e = v ? NV_OK : tpl_need(&n->t, sec, key, &v, eb);
    if (e == NV_OK) tpl_split(v, en, hi, 512);
    return e;
}

static nv_err draw_band(notice *n, nv_errbuf *eb)
{
    char en[512], hi[512], oen[512], ohi[512];
    nv_err e;
    if ((e = tx(n, "text", "title", en, hi, eb)) || (e = tx(n, "text", "org", oen, ohi, eb)))
        return e;
    if ((e = pdf_rect(&n->d, 0, NH - 102, NW, 102, C_BAND, eb))) return e;
    if ((e = pdf_text(&n->d, NW / 2, NH - 35, hi, 1, 26, PDF_CENTRE, NW - 2 * NM, C_WHITE, eb)) ||
        (e = pdf_text(&n->d, NW / 2, NH - 60, en, 1, 20, PDF_CENTRE, NW - 2 * NM, C_WHITE, eb)) ||
        (e = pdf_text(&n->d, NW / 2, NH - 78, ohi, 0, 11.5, PDF_CENTRE, NW - 2 * NM, C_WHITE,
                      eb)) ||
        (e = pdf_text(&n->d, NW / 2, NH - 94, oen, 0, 10.5, PDF_CENTRE, NW - 2 * NM, C_WHITE, eb)))
        return e;
    n->y = NH - 102;
    return NV_OK;
}

static nv_err draw_dates(notice *n, nv_errbuf *eb)
{
    char en[512], hi[512], aen[512], ahi[512], line[1500], asof[64];
    nv_err e;
    if ((e = tx(n, "text", "report_day", en, hi, eb)) || (e = tx(n, "text", "as_of", aen, ahi, eb)))
        return e;
    pdf_asof(n->r, asof, sizeof asof);
    snprintf(line, sizeof line, "%s: %s / %s: %s", en, n->days[0], hi, n->days[1]);
    /* dates that need the whole width: "data as of" goes below */
    int two = pdf_width(&n->d, line, 1, 10) > 330;
    if ((e = pdf_text(&n->d, NM, n->y - 22, line, 1, 13, PDF_LEFT, two ? NW - 2 * NM : 330, C_INK,
                      eb)))
        return e;
    snprintf(line, sizeof line, "%s / %s: %s", aen, ahi, asof);
    if ((e = pdf_text(&n->d, NW - NM, n->y - (two ? 36 : 22), line, 0, 10, PDF_RIGHT,
                      two ? 320 : NW - 2 * NM - 338, C_INK, eb)))
        return e;
    n->y -= two ? 39 : 28;
    return NV_OK;
}

/* Column right edges (the wing column is left-aligned at NM). */
static const double col_x[4] = {NM, 280, 370, NW - NM};

static nv_err table_head(notice *n, nv_errbuf *eb)
{
    static const char *keys[4] = {"wing", "received", "resolved", "pct"};
    char en[512], hi[512];
    nv_err e = pdf_rect(&n->d, NM, n->y - 29, NW - 2 * NM, 29, C_HEAD, eb);
    for (int i = 0; i < 4 && e == NV_OK; i++) {
        if ((e = tx(n, "text", keys[i], en, hi, eb))) return e;
        double w = i == 0 ? 140 : i == 3 ? 178 : 80;
        double x = i == 0 ? NM + 6 : col_x[i] - 6;
        int al = i == 0 ? PDF_LEFT : PDF_RIGHT;
        if ((e = pdf_text(&n->d, x, n->y - 12, en, 1, 10, al, w, C_INK, eb))) return e;
        e = pdf_text(&n->d, x, n->y - 25.5, hi, 1, 11, al, w, C_INK, eb);
    }
    n->y -= 29;
    return e;
}

/* One row; na: the table's days hold no data (a period's previous period
 * before the first export): its cells say n/a, not 0. */
static nv_err table_row(notice *n, const char *label, const nv_figs *f, int bold, int stripe,
                        int na, nv_errbuf *eb)
{
    char cells[3][40];
    nv_err e = NV_OK;
    const double rh = 20.5;
    if (stripe) e = pdf_rect(&n->d, NM, n->y - rh, NW - 2 * NM, rh, C_STRIPE, eb);
    if (e) return e;
    pdf_count(n->r, f->received, cells[0], sizeof cells[0]);
    pdf_count(n->r, f->resolved, cells[1], sizeof cells[1]);
    pdf_fmt_pct(f, cells[2]);
    for (int i = 0; na && i < 3; i++)
        snprintf(cells[i], sizeof cells[i], "%s", pdf_na(n->r));
    double base = n->y - rh + 5.5;
    /* the label ends where the first figure (grouped: 1,07,140) begins */
    double lw = col_x[1] - 6 - pdf_width(&n->d, cells[0], bold, 17) - 8 - (NM + 6);
    if ((e = pdf_text_cut(&n->d, NM + 6, base, label, bold, 15, PDF_LEFT, lw < 150 ? lw : 150,
                          C_INK, eb)))
        return e;
    for (int i = 0; i < 3; i++)
        if ((e = pdf_text(&n->d, col_x[i + 1] - 6, base, cells[i], bold, 17, PDF_RIGHT, 0, C_INK,
                          eb)))
            return e;
    n->y -= rh;
    return NV_OK;
}

/* The wing label "English  हिन्दी" of the template, or the code itself. */
static void wing_label(notice *n, const char *wing, char *buf, size_t len)
{
    char en[512], hi[512];
    const char *v = tpl_get(&n->t, "wings", wing);
    if (!v) {
        snprintf(buf, len, "%s", wing);
        return;
    }
    tpl_split(v, en, hi, sizeof en);
    snprintf(buf, len, "%s  %s", en, hi);
}

/* The figures of wing w in t (zeros when t lacks it). */
static nv_figs wing_figs(const nv_fig_table *t, const char *w)
{
    const nv_fig_row *row = metrics_find(t, w, "");
    nv_figs z = {0};
    return row ? row->f : z;
}

/* Nothing received, resolved, rejected or judged. */
static int figs_empty(const nv_figs *f)
{
    return f->received == 0 && f->resolved == 0 && f->rejected == 0 && f->met + f->breached == 0;
}

/* The shown wings (n->w[0 .. n_shown)), then "Other wings" (the sum of the
 * rest, when there is a rest), then the organisation's total. The records
 * no template maps to a wing (UNMAPPED, "Other") have a row only in a table
 * where they hold something: an empty "Other" tells no one anything. */
static nv_err table_rows(notice *n, const nv_fig_table *t, int na, nv_errbuf *eb)
{
    char label[1100], en[512], hi[512];
    int k = 0;
    nv_err e = NV_OK;
    for (size_t i = 0; i < n->n_shown && e == NV_OK; i++) {
        nv_figs f = wing_figs(t, n->w[i].wing);
        if (strcmp(n->w[i].wing, "UNMAPPED") == 0 && figs_empty(&f)) continue;
        wing_label(n, n->w[i].wing, label, sizeof label);
        e = table_row(n, label, &f, 0, k++ % 2, na, eb);
    }
    if (e == NV_OK && n->n_shown < n->n_w) {
        nv_figs rest = {0};
        for (size_t i = n->n_shown; i < n->n_w; i++) {
            nv_figs f = wing_figs(t, n->w[i].wing);
            rest.received += f.received, rest.resolved += f.resolved, rest.rejected += f.rejected;
            rest.met += f.met, rest.breached += f.breached;
        }
        if ((e = tx(n, "other", "label", en, hi, eb))) return e;
        snprintf(label, sizeof label, "%s  %s", en, hi);
        e = table_row(n, label, &rest, 0, k++ % 2, na, eb);
    }
    if (e) return e;
    const nv_fig_row *all = metrics_find(t, "ALL", "");
    if (!all) return nv_errf(eb, NV_ERR_INTERNAL, "notice board: figures lack the ALL row");
    if ((e = tx(n, "text", "total", en, hi, eb))) return e;
    snprintf(label, sizeof label, "%s  %s", en, hi);
    if ((e = pdf_line(&n->d, NM, n->y, NW - NM, n->y, 1, C_INK, eb))) return e;
    return table_row(n, label, &all->f, 1, 0, na, eb);
}

static nv_err draw_table(notice *n, const char *key, const nv_fig_table *t,
                         const char (*days)[DATEWORDS_MAX], nv_errbuf *eb)
{
    char en[512], hi[512], line[1500];
    nv_err e = tx(n, "text", key, en, hi, eb);
    if (e) return e;
    snprintf(line, sizeof line, "%s: %s / %s: %s", en, days[0], hi, days[1]);
    n->y -= 7;
    if ((e = pdf_bookmark(&n->d, en, n->y, eb))) return e;
    if ((e = pdf_text(&n->d, NM, n->y - 18, line, 1, 16, PDF_LEFT, NW - 2 * NM, C_BAND, eb)))
        return e;
    n->y -= 23.5;
    const nv_fig_row *all = metrics_find(t, "ALL", "");
    /* a period's previous period without data: n/a (compute/nodata) */
    int na = n->period && t == n->month && all && nodata_figs(&all->f);
    if ((e = table_head(n, eb)) || (e = table_rows(n, t, na, eb))) return e;
    if (all && all->f.received == 0 && all->f.resolved == 0 && all->f.met + all->f.breached == 0) {
        /* nothing at all in these days: say so */
        if ((e = tx(n, "empty", "none", en, hi, eb))) return e;
        snprintf(line, sizeof line, "%s / %s", en, hi);
        if ((e = pdf_text(&n->d, NM + 6, n->y - 14, line, 0, 11, PDF_LEFT, NW - 2 * NM - 12,
                          C_MUTED, eb)))
            return e;
        n->y -= 18;
    }
    return NV_OK;
}

/* A help box: heading, then items "English | हिन्दी" side by side. */
static nv_err draw_help(notice *n, const char *sec, nv_errbuf *eb)
{
    char en[512], hi[512];
    const double half = (NW - 2 * NM) / 2;
    nv_err e = tx(n, sec, "heading", en, hi, eb);
    if (e) return e;
    n->y -= 7;
    if ((e = pdf_bookmark(&n->d, en, n->y, eb))) return e;
    if ((e = pdf_rect(&n->d, NM, n->y - 22, NW - 2 * NM, 22, C_BAND, eb)) ||
        (e = pdf_text(&n->d, NM + 6, n->y - 16, en, 1, 14, PDF_LEFT, half - 12, C_WHITE, eb)) ||
        (e = pdf_text(&n->d, NM + half + 6, n->y - 16, hi, 1, 15, PDF_LEFT, half - 12, C_WHITE,
                      eb)))
        return e;
    n->y -= 22;
    for (size_t i = 0; i < n->t.n; i++) {
        if (strcmp(n->t.v[i].sec, sec) != 0 || strcmp(n->t.v[i].key, "heading") == 0) continue;
        tpl_split(n->t.v[i].val, en, hi, sizeof en);
        if ((e = pdf_text(&n->d, NM + 6, n->y - 13.5, en, 0, 10.5, PDF_LEFT, half - 12, C_INK,
                          eb)) ||
            (e = pdf_text(&n->d, NM + half + 6, n->y - 13.5, hi, 0, 11.5, PDF_LEFT, half - 12,
                          C_INK, eb)))
            return e;
        n->y -= 15.5;
    }
    return NV_OK;
}

/* Copies tpl into out replacing {shown}, {total} and {rest} by the
 * numbers of wings shown, in all, and folded into "Other wings". */
static void fill_counts(const notice *n, const char *tpl, char *out, size_t len)
{
    static const char *keys[3] = {"{shown}", "{total}", "{rest}"};
    size_t vals[3] = {n->n_shown, n->n_w, n->n_w - n->n_shown}, k = 0;
    while (*tpl && k + 1 < len) {
        int hit = -1;
        for (int i = 0; i < 3 && hit < 0; i++)
            if (strncmp(tpl, keys[i], strlen(keys[i])) == 0) hit = i;
        if (hit < 0) {
            out[k++] = *tpl++;
            continue;
        }
        int w = snprintf(out + k, len - k, "%zu", vals[hit]);
        k = w > 0 && (size_t)w < len - k ? k + (size_t)w : len - 1;
        tpl += strlen(keys[hit]);
    }
    out[k] = '\0';
}

static nv_err draw_notes(notice *n, nv_errbuf *eb)
{
    char en[512], hi[512], line[600];
    int used;
    nv_err e = NV_OK;
    n->y -= 6;
    if (n->n_shown < n->n_w) { /* which wings the tables show, and why */
        if ((e = tx(n, "other", "note", en, hi, eb))) return e;
        fill_counts(n, en, line, sizeof line);
        if ((e = pdf_wrap(&n->d, NM, n->y - 10, line, 1, 8.5, NW - 2 * NM, 11, 2, C_INK, &used,
                          eb)))
            return e;
        n->y -= 11 * used;
        fill_counts(n, hi, line, sizeof line);
        if ((e = pdf_wrap(&n->d, NM, n->y - 10, line, 1, 9, NW - 2 * NM, 12, 2, C_INK, &used, eb)))
            return e;
        n->y -= 12 * used;
    }
    if (n->r->complete && n->r->complete->n_excused) { /* a source known to be down */
        char names[256];
        complete_names(n->r->complete, 1, names, sizeof names);
        snprintf(line, sizeof line, "No data was received for this day from: %s.", names);
        if ((e = pdf_wrap(&n->d, NM, n->y - 10, line, 1, 8.5, NW - 2 * NM, 11, 2, C_INK, &used,
                          eb)))
            return e;
        n->y -= 11 * used;
        snprintf(line, sizeof line, "इस दिन इनसे कोई आँकड़े नहीं मिले: %s।", names);
        if ((e = pdf_wrap(&n->d, NM, n->y - 10, line, 1, 9, NW - 2 * NM, 12, 2, C_INK, &used, eb)))
            return e;
        n->y -= 12 * used;
    }
    if ((e = tx(n, "text", "pct_note", en, hi, eb))) return e;
    if ((e = pdf_wrap(&n->d, NM, n->y - 10, en, 0, 8.5, NW - 2 * NM, 11, 2, C_MUTED, &used, eb)))
        return e;
    n->y -= 11 * used;
    if ((e = pdf_wrap(&n->d, NM, n->y - 10, hi, 0, 9, NW - 2 * NM, 12, 2, C_MUTED, &used, eb)))
        return e;
    n->y -= 12 * used;
    return NV_OK;
}

/* Compensation (COMPENSATION.md), only with a schedule (r->comp): the month
 * to date's rupees owed and services done late for the organisation as a
 * whole (a period report: the period's, as its tables, with the KEY_period
 * texts), how to claim, the cap and the clock, in the room the page has
 * left: [compensation] owed as a bold line of English then one of Hindi,
 * each other key but heading (the outline's entry) as one small line
 * "English / Hindi", each shrunk to the width when longer; {rupees}
 * ("1,23,450", Indian grouping) and {services} filled in. */
static nv_err draw_comp(notice *n, nv_errbuf *eb)
{
    const nv_comp *c = n->r->comp;
    const nv_comp_sum *m = n->period ? &c->period.all : &c->month.all;
    char en[512], hi[512], line[1100], rs[NUMFMT_MAX], sv[32], key[64];
    const double w = NW - 2 * NM;
    numfmt_group(m->owed_rupees, NUMFMT_INDIAN, rs, sizeof rs);
    pdf_count(n->r, m->owed_records, sv, sizeof sv);
    const char *kv[] = {"rupees", rs, "services", sv};
    nv_err e = tx(n, "compensation", "heading", en, hi, eb);
    if (e || (e = pdf_bookmark(&n->d, en, n->y, eb))) return e;
    for (size_t i = 0; i < n->t.n && e == NV_OK; i++) {
        const struct tpl_kv *v = &n->t.v[i];
        size_t kl = strlen(v->key);
        int twin = kl > 7 && strcmp(v->key + kl - 7, "_period") == 0;
        if (strcmp(v->sec, "compensation") != 0 || strcmp(v->key, "heading") == 0 || twin) continue;
        snprintf(key, sizeof key, "%s", v->key);
        if ((e = tx(n, "compensation", key, en, hi, eb))) break; /* KEY_period for a period */
        if (strcmp(key, "owed") != 0) { /* a note: one small line, both languages */
            char both[1030];
            snprintf(both, sizeof both, "%s / %s", en, hi);
            pdf_subst(both, kv, 2, line, sizeof line);
            e = pdf_text(&n->d, NM, n->y - 7, line, 0, 7, PDF_LEFT, w, C_MUTED, eb);
            n->y -= 8.5;
            continue;
        }
        pdf_subst(en, kv, 2, line, sizeof line);
        if ((e = pdf_text(&n->d, NM, n->y - 8.5, line, 1, 9, PDF_LEFT, w, C_BAND, eb))) break;
        n->y -= 10;
        pdf_subst(hi, kv, 2, line, sizeof line);
        e = pdf_text(&n->d, NM, n->y - 9, line, 1, 9.5, PDF_LEFT, w, C_BAND, eb);
        n->y -= 11;
    }
    return e;
}

/* The room the footer needs under the last section. */
#define FOOT_ROOM (NM + 30)

static nv_err draw_footer(notice *n, nv_errbuf *eb)
{
    char en[512], hi[512];
    nv_err e = tx(n, "text", "open_data", en, hi, eb);
    if (e) return e;
    if ((e = pdf_line(&n->d, NM, NM + 24, NW - NM, NM + 24, 0.5, C_MUTED, eb)) ||
        (e = pdf_text(&n->d, NM, NM + 12, en, 0, 9, PDF_LEFT, NW - 2 * NM, C_MUTED, eb)) ||
        (e = pdf_text(&n->d, NM, NM, hi, 0, 9.5, PDF_LEFT, NW - 2 * NM, C_MUTED, eb)))
        return e;
    if (n->y < FOOT_ROOM)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: the notice does not fit on one page; shorten it",
                       n->t.path);
    return NV_OK;
}

/* Sections in the order of [layout] order. */
static nv_err draw_sections(notice *n, nv_errbuf *eb)
{
    const char *order;
    nv_err e = tpl_need(&n->t, "layout", "order", &order, eb);
    if (e) return e;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", order);
    for (char *s = strtok(buf, ", "); s && e == NV_OK; s = strtok(NULL, ", ")) {
        if (strcmp(s, "day") == 0)
            e = draw_table(n, "day", n->day, n->days, eb);
        else if (strcmp(s, "month") == 0) { /* on the 1st the day's table is the month's */
            if (n->same || (e = draw_table(n, "month", n->month, n->mdays, eb)) == NV_OK)
                e = draw_notes(n, eb);
        } else if (strcmp(s, "limit") == 0)
            e = pdf_notice_limit(&n->d, &n->t, n->r, NM, NW - 2 * NM, &n->y, eb);
        else if (strcmp(s, "compensation") == 0) {
            if (n->r->comp) e = draw_comp(n, eb); /* no schedule: no trace */
        } else if (strcmp(s, "complain") == 0 || strcmp(s, "escalate") == 0)
            e = draw_help(n, s, eb);
        else
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: [layout] order: unknown section '%s'", n->t.path,
                        s);
    }
    return e;
}

/* The window's figures and the second table's (the month to date of a
 * day, the previous period of a period), from the night's figures. */
static nv_err notice_figures(notice *n, nv_errbuf *eb)
{
    nv_err e = figures_of_report(n->r, &n->own, &n->fig, eb);
    if (e) return e;
    const nv_fig_window *w = &n->fig->w[n->period ? NV_FIG_PREV : NV_FIG_MTD];
    pdf_notice_days(&n->months, n->r->first_day, n->r->last_day, n->days[0], n->days[1],
                    sizeof n->days[0]);
    pdf_notice_days(&n->months, w->first_day, w->last_day, n->mdays[0], n->mdays[1],
                    sizeof n->mdays[0]);
    n->same = w->first_day == n->r->first_day && w->last_day == n->r->last_day;
    n->day = figures_table(n->fig, NV_FIG_REPORT);
    n->month = &w->t;
    return NV_OK;
}

/* Template wings in the template's order, then the others by name. */
static int nwing_tpl_cmp(const void *a, const void *b)
{
    const nwing *x = a, *y = b;
    if ((x->tpl < 0) != (y->tpl < 0)) return x->tpl < 0 ? 1 : -1;
    if (x->tpl != y->tpl) return x->tpl < y->tpl ? -1 : 1;
    return strcmp(x->wing, y->wing);
}

/* By received in both tables, then in the first, then by name. */
static int nwing_vol_cmp(const void *a, const void *b)
{
    const nwing *x = a, *y = b;
    if (x->vol != y->vol) return x->vol > y->vol ? -1 : 1;
    if (x->vol1 != y->vol1) return x->vol1 > y->vol1 ? -1 : 1;
    return strcmp(x->wing, y->wing);
}

static long tpl_wing_pos(const notice *n, const char *wing)
{
    long k = 0;
    for (size_t i = 0; i < n->t.n; i++) {
        if (strcmp(n->t.v[i].sec, "wings") != 0) continue;
        if (strcmp(n->t.v[i].key, wing) == 0) return k;
        k++;
    }
    return -1;
}

/* Lays the page out without drawing (pdf_doc.dry) with the first
 * n->n_shown wings shown: *fits = 1 when it leaves the footer its room. */
static nv_err measure(notice *n, int *fits, nv_errbuf *eb)
{
    n->d.dry = 1;
    nv_err e = draw_band(n, eb);
    if (e == NV_OK && (e = draw_dates(n, eb)) == NV_OK) e = draw_sections(n, eb);
    n->d.dry = 0;
    *fits = n->y >= FOOT_ROOM;
    return e;
}

/* The wings of both tables, as many as one page holds: all of them when
 * they fit and are at most [layout] max_wing_rows (template wings in the
 * template's order, then the others by name); else the k with the most
 * complaints received in the two tables together, in that order, and one
 * "Other wings" row summing the rest, k the largest (below max_wing_rows)
 * that fits, measured. */
static nv_err choose_wings(notice *n, nv_errbuf *eb)
{
    const nv_fig_table *tb[2] = {n->day, n->month};
    const char *mx = tpl_get(&n->t, "layout", "max_wing_rows");
    long max = mx ? strtol(mx, NULL, 10) : 6;
    if (max < 2)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: [layout] max_wing_rows must be 2 or more",
                       n->t.path);
    n->w = calloc(n->day->n_wing + n->month->n_wing + 1, sizeof *n->w);
    if (!n->w) return nv_errf(eb, NV_ERR_NOMEM, "notice board: out of memory");
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < tb[k]->n_wing; i++) {
            const char *w = tb[k]->rows[i].wing;
            if (strcmp(w, "ALL") == 0 || (k == 1 && metrics_find(n->day, w, ""))) continue;
            n->w[n->n_w++].wing = w;
        }
    for (size_t i = 0; i < n->n_w; i++) {
        nwing *x = &n->w[i];
        x->vol1 = wing_figs(n->day, x->wing).received;
        x->vol = x->vol1 + wing_figs(n->month, x->wing).received;
        x->tpl = tpl_wing_pos(n, x->wing);
    }
    int fits = 0;
    nv_err e = NV_OK;
    if (n->n_w <= (size_t)max) {
        if (n->n_w > 1) qsort(n->w, n->n_w, sizeof *n->w, nwing_tpl_cmp);
        n->n_shown = n->n_w;
        if ((e = measure(n, &fits, eb)) || fits) return e;
    }
    /* folding one wing into "Other wings" saves no room: fold two or more */
    if (n->n_w > 1) qsort(n->w, n->n_w, sizeof *n->w, nwing_vol_cmp);
    size_t k = n->n_w < (size_t)max ? n->n_w : (size_t)max;
    n->n_shown = k >= 2 ? k - 2 + (n->n_w > (size_t)max) : 0;
    for (; n->n_shown > 0; n->n_shown--)
        if ((e = measure(n, &fits, eb)) || fits) return e;
    return NV_OK; /* not even one wing: draw_footer says the notice does not fit */
}

static nv_err notice_draw(notice *n, nv_errbuf *eb)
{
    nv_err e;
    char path[4096];
    if ((e = tpl_load_org(n->r->templates_dir, "pdf", "notice", n->r->org_name, &n->t, eb)))
        return e;
    if ((e = datewords_months(&n->t, "months", &n->months, eb)) || (e = notice_figures(n, eb)))
        return e;
    if ((e = pdf_open(&n->d, n->r, &n->t, "Complaint redressal notice board", eb))) return e;
    if ((e = pdf_add_page(&n->d, n->r->page_a3, eb))) return e;
    if (n->r->page_a3) {
        double k = n->d.w / NW;
        if (HPDF_Page_Concat(n->d.page, (HPDF_REAL)k, 0, 0, (HPDF_REAL)k, 0, 0) != HPDF_OK)
            return pdf_fail(&n->d, "Page_Concat", eb);
    }
    if ((e = choose_wings(n, eb)) || (e = draw_band(n, eb)) || (e = draw_dates(n, eb)) ||
        (e = draw_sections(n, eb)) || (e = draw_footer(n, eb)))
        return e;
    if (snprintf(path, sizeof path, "%s/notice-board.pdf", n->r->out_dir) >= (int)sizeof path)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", n->r->out_dir);
    return pdf_save(&n->d, path, eb);
}

nv_err pdf_write_notice(const nv_report *r, nv_errbuf *eb)
{
    notice n;
    if (r->withhold_public) return NV_OK; /* a public figure from half the data misleads */
    memset(&n, 0, sizeof n);
    n.r = r;
    n.period = r->last_day > r->first_day;
    nv_err e = notice_draw(&n, eb);
    pdf_close(&n.d);
    tpl_free(&n.t);
    figures_free(&n.own);
    free(n.w);
    return e;
}
