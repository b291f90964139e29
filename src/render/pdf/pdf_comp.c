/* pdf_comp.c — compensation in the MD's report (COMPENSATION.md): the
 * month's liability on page 1 and the section "Compensation owed to
 * consumers". Renders r->comp (compensation.h) and computes nothing. Texts
 * come from templates/pdf/md.ini [text] comp_*; rupees are written with
 * Indian digit grouping (numfmt.h). See include/nivaran/render/pdf/pdf.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/compute/compensation.h"
#include "nivaran/core/numfmt.h"
#include "pdf_int.h"

#define C_INK 0x1A1A1A
#define C_BAND 0x1F3A5F
#define C_HEAD 0xDCE6F0
#define C_STRIPE 0xF2F5F8
#define C_MUTED 0x5A5A5A
#define C_BAD 0xB3261E
#define TXT 512
#define TOP_XENS 5

/* "₹1,23,450" */
static void rupees(int64_t v, char *buf, size_t n)
{
    char g[NUMFMT_MAX];
    numfmt_group(v, NUMFMT_INDIAN, g, sizeof g);
    snprintf(buf, n, "\xE2\x82\xB9%s", g);
}

/* [text] key (key_period for a period when present), split. */
static nv_err ctx_tx(const pdf_comp_ctx *c, const char *key, char *en, char *hi, nv_errbuf *eb)
{
    const char *v = NULL;
    char pk[96];
    if (c->period && snprintf(pk, sizeof pk, "%s_period", key) < (int)sizeof pk)
        v = tpl_get(c->t, "text", pk);
    nv_err e = v ? NV_OK : tpl_need(c->t, "text", key, &v, eb);
    if (e == NV_OK) tpl_split(v, en, hi, TXT);
    return e;
}

static nv_err ctx_need(pdf_comp_ctx *c, double h, nv_errbuf *eb)
{
    if (*c->y - h >= c->bottom) return NV_OK;
    nv_err e = pdf_add_page(c->d, 0, eb);
    *c->y = c->top;
    return e;
}

static nv_err ctx_para(pdf_comp_ctx *c, const char *s, double size, unsigned rgb, nv_errbuf *eb)
{
    int used = 0;
    double lh = size * 1.35;
    nv_err e = ctx_need(c, 2 * lh, eb);
    if (e) return e;
    e = pdf_wrap(c->d, c->left, *c->y - size, s, 0, size, c->width, lh, 4, rgb, &used, eb);
    *c->y -= lh * used + 3;
    return e;
}

/* ---- page 1 ---- */

nv_err pdf_comp_kpi(pdf_comp_ctx *c, nv_errbuf *eb)
{
    const nv_comp_sum *m = &c->r->comp->month.all;
    char en[TXT], hi[TXT], len_[TXT], lhi[TXT], label[2 * TXT + 8], line[2 * TXT];
    char owed[48], acc[48], on[32], an[32];
    nv_err e;
    if ((e = ctx_tx(c, "comp_kpi", en, hi, eb)) || (e = ctx_tx(c, "comp_kpi_line", len_, lhi, eb)))
        return e;
    rupees(m->owed_rupees, owed, sizeof owed);
    rupees(m->accruing_rupees, acc, sizeof acc);
    pdf_count(c->r, m->owed_records, on, sizeof on);
    pdf_count(c->r, m->accruing_records, an, sizeof an);
    const char *kv[] = {"owed", owed, "owed_n", on, "accruing", acc, "accruing_n", an};
    pdf_subst(len_, kv, 4, line, sizeof line);
    snprintf(label, sizeof label, "%s   %s", en, hi);
    if ((e = ctx_need(c, 42, eb))) return e;
    double y = *c->y;
    if ((e = pdf_rect(c->d, c->left, y - 38, c->width, 38, C_STRIPE, eb)) ||
        (e = pdf_text(c->d, c->left + 6, y - 12, label, 0, 8.5, PDF_LEFT, c->width - 12, C_MUTED,
                      eb)) ||
        (e = pdf_text(c->d, c->left + 6, y - 31, owed, 1, 15, PDF_LEFT, 120, C_BAD, eb)))
        return e;
    double x = c->left + 12 + pdf_width(c->d, owed, 1, 15);
    if (x > c->left + 130) x = c->left + 130;
    if ((e = pdf_text(c->d, x, y - 30, line, 0, 8.5, PDF_LEFT, c->left + c->width - x - 6, C_INK,
                      eb)))
        return e;
    *c->y -= 46;
    return NV_OK;
}

/* ---- the section ---- */

typedef struct {
    const char *head;
    double w;
    int align;
} ccol;

static nv_err ctx_row(pdf_comp_ctx *c, const ccol *col, int nc, const char *const *cells, int bold,
                      unsigned bg, nv_errbuf *eb)
{
    const double size = 8, rh = size + 6.5;
    double x = c->left, w = 0;
    for (int i = 0; i < nc; i++)
        w += col[i].w;
    nv_err e = bg ? pdf_rect(c->d, c->left, *c->y - rh, w, rh, bg, eb) : NV_OK;
    for (int i = 0; i < nc && e == NV_OK; i++) {
        double ax = col[i].align == PDF_RIGHT ? x + col[i].w - 3 : x + 3;
        if (col[i].align == PDF_LEFT)
            e = pdf_text_cut(c->d, ax, *c->y - rh + 4.5, cells[i], bold, size, PDF_LEFT,
                             col[i].w - 5, C_INK, eb);
        else
            e = pdf_text(c->d, ax, *c->y - rh + 4.5, cells[i], bold, size, col[i].align,
                         col[i].w - 5, C_INK, eb);
        x += col[i].w;
    }
    *c->y -= rh;
    return e;
}

static nv_err ctx_head(pdf_comp_ctx *c, const ccol *col, int nc, nv_errbuf *eb)
{
    const char *h[12];
    for (int i = 0; i < nc; i++)
        h[i] = col[i].head;
    nv_err e = ctx_need(c, 3 * 14.5, eb);
    return e ? e : ctx_row(c, col, nc, h, 1, C_HEAD, eb);
}

/* A body row; on a page break the table goes on under its header row. */
static nv_err ctx_body(pdf_comp_ctx *c, const ccol *col, int nc, const char *const *cells, int bold,
                       int stripe, nv_errbuf *eb)
{
    if (*c->y - 14.5 < c->bottom) {
        nv_err e = ctx_head(c, col, nc, eb);
        if (e) return e;
    }
    return ctx_row(c, col, nc, cells, bold, stripe ? C_STRIPE : 0, eb);
}

static nv_err section_heading(pdf_comp_ctx *c, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], line[2 * TXT + 8];
    nv_err e = ctx_tx(c, "comp", en, hi, eb);
    if (e || (e = ctx_need(c, 60, eb))) return e;
    *c->y -= 8;
    if ((e = pdf_bookmark(c->d, en, *c->y + 10, eb))) return e;
    snprintf(line, sizeof line, "%s   %s", en, hi);
    if ((e = pdf_text(c->d, c->left, *c->y - 14, line, 1, 13, PDF_LEFT, c->width, C_BAND, eb)) ||
        (e = pdf_line(c->d, c->left, *c->y - 19, c->left + c->width, *c->y - 19, 1, C_BAND, eb)))
        return e;
    *c->y -= 28;
    return NV_OK;
}

/* The wing table: owed in the window and in the month, accruing at d1. */
static nv_err wing_table(pdf_comp_ctx *c, nv_errbuf *eb)
{
    char den[TXT], dhi[TXT];
    nv_err e = ctx_tx(c, "comp_window", den, dhi, eb);
    if (e) return e;
    char h1[TXT + 16], h2[TXT + 16];
    snprintf(h1, sizeof h1, "%.40s: owed", den);
    snprintf(h2, sizeof h2, "%.40s: \xE2\x82\xB9 owed", den);
    const ccol col[7] = {{"Wing", 95, PDF_LEFT},
                         {h1, 72, PDF_RIGHT},
                         {h2, 75, PDF_RIGHT},
                         {"Month: owed", 64, PDF_RIGHT},
                         {"Month: \xE2\x82\xB9 owed", 76, PDF_RIGHT},
                         {"Accruing", 56, PDF_RIGHT},
                         {"\xE2\x82\xB9 accruing", 77, PDF_RIGHT}};
    const nv_comp *k = c->r->comp;
    if ((e = ctx_head(c, col, 7, eb))) return e;
    char v[7][64];
    const char *cells[7] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
    for (int pass = 0; pass < 2 && e == NV_OK; pass++) /* the wings, then ALL */
        for (size_t i = 0; i < k->period.n_wings && e == NV_OK; i++) {
            const nv_comp_group *g = &k->period.wings[i];
            int all = strcmp(g->wing, "ALL") == 0;
            if (all != pass) continue;
            const nv_comp_group *mg = comp_find(&k->month, g->wing, "");
            nv_comp_sum ms = mg ? mg->s : (nv_comp_sum){0};
            snprintf(v[0], sizeof v[0], "%s",
                     all && c->r->org_name ? c->r->org_name : pdf_name(c->r, NAMES_WING, g->wing));
            pdf_count(c->r, g->s.owed_records, v[1], sizeof v[1]);
            rupees(g->s.owed_rupees, v[2], sizeof v[2]);
            pdf_count(c->r, ms.owed_records, v[3], sizeof v[3]);
            rupees(ms.owed_rupees, v[4], sizeof v[4]);
            pdf_count(c->r, g->s.accruing_records, v[5], sizeof v[5]);
            rupees(g->s.accruing_rupees, v[6], sizeof v[6]);
            e = ctx_body(c, col, 7, cells, all, (int)(i % 2), eb);
        }
    *c->y -= 6;
    return e;
}

static int top_cmp(const void *pa, const void *pb)
{
    const nv_comp_group *a = *(const nv_comp_group *const *)pa;
    const nv_comp_group *b = *(const nv_comp_group *const *)pb;
    if (a->s.owed_rupees != b->s.owed_rupees) return a->s.owed_rupees > b->s.owed_rupees ? -1 : 1;
    int k = strcmp(a->wing, b->wing);
    return k ? k : strcmp(a->xen_id, b->xen_id);
}

/* The five XENs with the most rupees owed in the month to date (ties: wing,
 * then xen_id); XENs with nothing owed are not listed. */
static nv_err top_xens(pdf_comp_ctx *c, nv_errbuf *eb)
{
    const nv_comp_window *m = &c->r->comp->month;
    char en[TXT], hi[TXT], line[2 * TXT + 8];
    nv_err e = ctx_tx(c, "comp_top", en, hi, eb);
    if (e) return e;
    snprintf(line, sizeof line, "%s   %s", en, hi);
    if ((e = ctx_need(c, 40, eb)) ||
        (e = pdf_text(c->d, c->left, *c->y - 11, line, 1, 9.5, PDF_LEFT, c->width, C_BAND, eb)))
        return e;
    *c->y -= 16;
    const nv_comp_group **v = calloc(m->n_xens + 1, sizeof *v);
    if (!v) return nv_errf(eb, NV_ERR_NOMEM, "md report: out of memory");
    size_t n = 0;
    for (size_t i = 0; i < m->n_xens; i++)
        if (m->xens[i].s.owed_rupees > 0) v[n++] = &m->xens[i];
    qsort(v, n, sizeof *v, top_cmp);
    const ccol col[6] = {{"#", 22, PDF_RIGHT},
                         {"XEN", 110, PDF_LEFT},
                         {"Wing", 95, PDF_LEFT},
                         {"Owed", 60, PDF_RIGHT},
                         {"\xE2\x82\xB9 owed", 90, PDF_RIGHT},
                         {"Of it, returned", 100, PDF_RIGHT}};
    char s[6][96];
    const char *cells[6] = {s[0], s[1], s[2], s[3], s[4], s[5]};
    if (n == 0) {
        e = ctx_tx(c, "comp_top_none", en, hi, eb);
        if (e == NV_OK) e = ctx_para(c, en, 9, C_MUTED, eb);
    } else
        e = ctx_head(c, col, 6, eb);
    for (size_t i = 0; i < n && i < TOP_XENS && e == NV_OK; i++) {
        snprintf(s[0], sizeof s[0], "%zu", i + 1);
        snprintf(s[1], sizeof s[1], "%s", v[i]->xen_id);
        snprintf(s[2], sizeof s[2], "%s", pdf_name(c->r, NAMES_WING, v[i]->wing));
        pdf_count(c->r, v[i]->s.owed_records, s[3], sizeof s[3]);
        rupees(v[i]->s.owed_rupees, s[4], sizeof s[4]);
        rupees(v[i]->s.owed_returned_rupees, s[5], sizeof s[5]);
        e = ctx_body(c, col, 6, cells, 0, (int)(i % 2), eb);
    }
    free(v);
    *c->y -= 6;
    return e;
}

/* The clock used, the cap, and how much of the owed sum lies on records
 * returned to the applicant. */
static nv_err notes(pdf_comp_ctx *c, nv_errbuf *eb)
{
    const nv_comp *k = c->r->comp;
    char en[TXT], hi[TXT], line[3 * TXT];
    char a[48], b[48], bn[32], m1[48], m2[48], m2n[32];
    nv_err e = ctx_tx(c, "comp_returned", en, hi, eb);
    if (e) return e;
    rupees(k->period.all.owed_rupees, a, sizeof a);
    rupees(k->period.all.owed_returned_rupees, b, sizeof b);
    pdf_count(c->r, k->period.all.owed_returned_records, bn, sizeof bn);
    rupees(k->month.all.owed_rupees, m1, sizeof m1);
    rupees(k->month.all.owed_returned_rupees, m2, sizeof m2);
    pdf_count(c->r, k->month.all.owed_returned_records, m2n, sizeof m2n);
    const char *kv[] = {"owed",       a,  "returned",       b,  "returned_n",       bn,
                        "month_owed", m1, "month_returned", m2, "month_returned_n", m2n};
    pdf_subst(en, kv, 6, line, sizeof line);
    return ctx_para(c, line, 8.5, C_INK, eb);
}

nv_err pdf_comp_section(pdf_comp_ctx *c, nv_errbuf *eb)
{
    char en[TXT], hi[TXT], line[3 * TXT];
    const char *prof = c->r->profile ? c->r->profile->name : "";
    nv_err e = section_heading(c, eb);
    if (e || (e = ctx_tx(c, "comp_clock", en, hi, eb))) return e;
    const char *kv[] = {"clock", COMP_CLOCK, "profile", prof};
    pdf_subst(en, kv, 2, line, sizeof line);
    if ((e = ctx_para(c, line, 8.5, C_MUTED, eb)) || (e = wing_table(c, eb)) ||
        (e = notes(c, eb)) || (e = top_xens(c, eb)))
        return e;
    return NV_OK;
}
