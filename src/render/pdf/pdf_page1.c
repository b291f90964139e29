/* pdf_page1.c — the MD report's page 1 beyond its tiles (pdf_md.c draws
 * the rest): the backlog at the end of the window by age band, the service
 * figures of the window's complaint closures (service.h), each beside the
 * previous window's, and the compliance target beside the compliance
 * tile's figure. It renders the night's figures and computes none. Texts
 * are md.ini [text] svc_* and band* (KEY_period for a period). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nivaran/compute/service.h"
#include "pdf_int.h"

#define P1_TXT 512
#define C_INK 0x1A1A1A
#define C_MUTED 0x5A5A5A
#define C_STRIPE 0xF2F5F8
#define C_BAND 0x1F3A5F

/* The English text of [text] key (key_period for a period, when there is
 * one), with {sources} replaced by sources (NULL: left as it is). */
static nv_err p1_tx(const pdf_comp_ctx *c, const char *key, const char *sources, char *out,
                    size_t n, nv_errbuf *eb)
{
    const char *v = NULL;
    char pk[96], en[P1_TXT], hi[P1_TXT];
    if (c->period && snprintf(pk, sizeof pk, "%s_period", key) < (int)sizeof pk)
        v = tpl_get(c->t, "text", pk);
    nv_err e = v ? NV_OK : tpl_need(c->t, "text", key, &v, eb);
    if (e) return e;
    tpl_split(v, en, hi, sizeof en);
    const char *kv[2] = {"sources", sources ? sources : "{sources}"};
    pdf_subst(en, kv, 1, out, n);
    return NV_OK;
}

/* "Day before: 60.1 (+2.2 pp)", from the figures as shown (tenths), so
 * that the change is the difference of the two printed figures. */
static nv_err p1_prev_line(const pdf_comp_ctx *c, const nv_svc_ratio *cur, const nv_svc_ratio *prev,
                           char *out, size_t n, nv_errbuf *eb)
{
    char lab[P1_TXT], ps[32];
    int64_t ct, pt;
    nv_err e = p1_tx(c, "yesterday", NULL, lab, sizeof lab, eb);
    if (e) return e;
    service_fmt_pct(prev, ps);
    if (!service_pct_tenths(prev, &pt)) {
        snprintf(out, n, "%s: -", lab);
        return NV_OK;
    }
    if (!service_pct_tenths(cur, &ct)) {
        snprintf(out, n, "%s: %s", lab, ps);
        return NV_OK;
    }
    int64_t d = ct - pt, a = d < 0 ? -d : d;
    snprintf(out, n, "%s: %s (%s%" PRId64 ".%" PRId64 " pp)", lab, ps, d < 0 ? "-" : "+", a / 10,
             a % 10);
    return NV_OK;
}

#define P1_H 44    /* the cells' height */
#define P1_GAP 8   /* between cells */
#define P1_CELLS 4 /* the backlog, then up to three service figures */

/* The backlog cell at x (width w): its title, then each band's label and
 * count on a line of its own. */
static nv_err p1_bands(const pdf_comp_ctx *c, const nv_service *s, double x, double w,
                       nv_errbuf *eb)
{
    static const char *keys[FIG_BANDS] = {"band0", "band1", "band2", "band3"};
    char lab[P1_TXT], num[32];
    double y = *c->y;
    nv_err e = p1_tx(c, "bands", NULL, lab, sizeof lab, eb);
    if (e || (e = pdf_rect(c->d, x, y - P1_H, w, P1_H, C_STRIPE, eb)) ||
        (e = pdf_text(c->d, x + 6, y - 9, lab, 0, 7.5, PDF_LEFT, w - 12, C_MUTED, eb)))
        return e;
    for (int b = 0; b < FIG_BANDS && e == NV_OK; b++) {
        double by = y - 18 - b * 8.2;
        pdf_fmt_int(s->band[b], num, sizeof num);
        double nw = pdf_width(c->d, num, 1, 7.5);
        if ((e = p1_tx(c, keys[b], NULL, lab, sizeof lab, eb)) ||
            (e = pdf_text(c->d, x + 6, by, lab, 0, 7.5, PDF_LEFT, w - nw - 18, C_INK, eb)))
            break;
        e = pdf_text(c->d, x + w - 6, by, num, 1, 7.5, PDF_RIGHT, 0, C_INK, eb);
    }
    return e;
}

/* A service figure's cell at x (width w): label, the window's figure ("-"
 * when empty), the previous window's with the change. */
static nv_err p1_figure(const pdf_comp_ctx *c, const nv_service *s, int f, double x, double w,
                        nv_errbuf *eb)
{
    static const char *keys[NV_SVC_N] = {"svc_otp", "svc_reopened", "svc_satisfied"};
    char lab[P1_TXT], val[32], line[P1_TXT + 64];
    double y = *c->y;
    nv_err e = p1_tx(c, keys[f], s->carry[f].sources, lab, sizeof lab, eb);
    if (e || (e = p1_prev_line(c, &s->cur[f], &s->prev[f], line, sizeof line, eb))) return e;
    service_fmt_pct(&s->cur[f], val);
    if (!val[0]) snprintf(val, sizeof val, "-");
    if ((e = pdf_rect(c->d, x, y - P1_H, w, P1_H, C_STRIPE, eb)) ||
        (e = pdf_text(c->d, x + 6, y - 9, lab, 0, 7.5, PDF_LEFT, w - 12, C_MUTED, eb)) ||
        (e = pdf_text(c->d, x + 6, y - 27, val, 1, 15, PDF_LEFT, w - 12, C_INK, eb)))
        return e;
    return pdf_text(c->d, x + 6, y - 38.5, line, 0, 7, PDF_LEFT, w - 12, C_INK, eb);
}

/* One row of cells: the backlog, then one cell per service figure some
 * layout of the organisation carries (none for an organisation whose
 * exports carry none of them). */
static nv_err p1_row(const pdf_comp_ctx *c, const nv_service *s, nv_errbuf *eb)
{
    const double w = (c->width - (P1_CELLS - 1) * P1_GAP) / P1_CELLS;
    double x = c->left;
    nv_err e = p1_bands(c, s, x, w, eb);
    for (int f = 0; f < NV_SVC_N && e == NV_OK; f++) {
        if (s->carry[f].n == 0) continue;
        x += w + P1_GAP;
        e = p1_figure(c, s, f, x, w, eb);
    }
    *c->y -= P1_H + 4;
    return e;
}

nv_err pdf_page1_service(pdf_comp_ctx *c, nv_errbuf *eb)
{
    nv_service own;
    const nv_service *s = NULL;
    nv_err e = service_of_report(c->r, &own, &s, eb);
    return e ? e : p1_row(c, s, eb);
}

nv_err pdf_page1_target(pdf_doc *d, const nv_tpl *t, const nv_report *r, double x_right, double y,
                        nv_errbuf *eb)
{
    const char *v = NULL;
    char en[P1_TXT], hi[P1_TXT], line[P1_TXT + 32];
    nv_err e = tpl_need(t, "text", "target_beside", &v, eb);
    if (e) return e;
    tpl_split(v, en, hi, sizeof en);
    char pct[32];
    snprintf(pct, sizeof pct, "%g", r->profile ? r->profile->target_pct : 90);
    const char *kv[2] = {"target", pct};
    pdf_subst(en, kv, 1, line, sizeof line);
    return pdf_text(d, x_right, y, line, 0, 9, PDF_RIGHT, 0, C_MUTED, eb);
}
