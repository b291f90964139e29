/* pdf_common.c — drawing helpers and layout templates shared by the two
 * PDFs. See include/nivaran/render/pdf/pdf.h. */
#include "pdf_int.h"

#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/store/db.h"
#include "nivaran/core/names.h"
#include "nivaran/core/outfile.h"
#include "nivaran/core/words.h"

/* ---- the document ------------------------------------------------------- */

static void on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    pdf_doc *d = user;
    d->herr = e;
    d->hdetail = detail;
}

nv_err pdf_fail(pdf_doc *d, const char *what, nv_errbuf *eb)
{
    return nv_errf(eb, NV_ERR_RENDER, "libharu: %s failed (error 0x%04X, detail %u)", what,
                   (unsigned)d->herr, (unsigned)d->hdetail);
}

static const char *font_key(const nv_tpl *t, const char *key, const char *dflt)
{
    const char *v = t ? tpl_get(t, "fonts", key) : NULL;
    return v ? v : dflt;
}

static HPDF_Date report_date(const nv_report *r)
{
    int y, m, dd;
    nvt_civil_from_days(r->last_day, &y, &m, &dd);
    int64_t t0 = nvt_day_start(&r->tz, y, m, dd);
    int off = nvt_offset_at(&r->tz, t0);
    int a = off < 0 ? -off : off;
    HPDF_Date dt = {y, m, dd, 0, 0, 0, off < 0 ? '-' : '+', a / 3600, a % 3600 / 60};
    if (off == 0) dt.ind = 'Z';
    return dt;
}

nv_err pdf_open(pdf_doc *d, const nv_report *r, const nv_tpl *t, const char *title, nv_errbuf *eb)
{
    memset(d, 0, sizeof *d);
    nv_font_paths dflt = shape_default_fonts();
    nv_font_paths fp = {
        {font_key(t, "latin", dflt.latin[0]), font_key(t, "latin_bold", dflt.latin[1])},
        {font_key(t, "deva", dflt.deva[0]), font_key(t, "deva_bold", dflt.deva[1])}};
    d->doc = HPDF_New(on_hpdf_error, d);
    if (!d->doc) return nv_errf(eb, NV_ERR_NOMEM, "libharu: cannot create a document");
    if (HPDF_SetCompressionMode(d->doc, HPDF_COMP_ALL) != HPDF_OK)
        return pdf_fail(d, "SetCompressionMode", eb);
    nv_err e = shape_open(d->doc, &fp, &d->sh, eb);
    if (e != NV_OK) return e;
    if (HPDF_SetInfoDateAttr(d->doc, HPDF_INFO_CREATION_DATE, report_date(r)) != HPDF_OK)
        return pdf_fail(d, "SetInfoDateAttr", eb);
    if (HPDF_SetInfoAttr(d->doc, HPDF_INFO_TITLE, title) != HPDF_OK ||
        HPDF_SetInfoAttr(d->doc, HPDF_INFO_CREATOR, "nivaran") != HPDF_OK)
        return pdf_fail(d, "SetInfoAttr", eb);
    if (HPDF_SetPageMode(d->doc, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
        return pdf_fail(d, "SetPageMode", eb);
    return NV_OK;
}

void pdf_close(pdf_doc *d)
{
    shape_close(d->sh);
    d->sh = NULL;
    if (d->doc) HPDF_Free(d->doc);
    d->doc = NULL;
    free(d->pages);
    d->pages = NULL;
    d->n_pages = d->cap_pages = 0;
}

nv_err pdf_add_page(pdf_doc *d, int a3, nv_errbuf *eb)
{
    if (d->n_pages == PDF_MAX_PAGES)
        return nv_errf(eb, NV_ERR_RENDER, "pdf: more than %d pages", PDF_MAX_PAGES);
    if (d->n_pages == d->cap_pages) {
        int cap = d->cap_pages ? 2 * d->cap_pages : 16;
        HPDF_Page *v = realloc(d->pages, (size_t)cap * sizeof *v);
        if (!v) return nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
        d->pages = v;
        d->cap_pages = cap;
    }
    HPDF_Page p = HPDF_AddPage(d->doc);
    if (!p) return pdf_fail(d, "AddPage", eb);
    if (HPDF_Page_SetSize(p, a3 ? HPDF_PAGE_SIZE_A3 : HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT) !=
        HPDF_OK)
        return pdf_fail(d, "Page_SetSize", eb);
    d->pages[d->n_pages++] = p;
    d->page = p;
    d->w = HPDF_Page_GetWidth(p);
    d->h = HPDF_Page_GetHeight(p);
    return NV_OK;
}

nv_err pdf_save(pdf_doc *d, const char *path, nv_errbuf *eb)
{
    char tmp[4200];
    if (outfile_tmpname(path, tmp, sizeof tmp) < 0)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", path);
    if (HPDF_SaveToFile(d->doc, tmp) != HPDF_OK) {
        remove(tmp);
        return nv_errf(eb, NV_ERR_IO, "%s: libharu cannot write it (error 0x%04X, detail %u)", tmp,
                       (unsigned)d->herr, (unsigned)d->hdetail);
    }
    return outfile_rename(tmp, path, eb);
}

/* ---- drawing ------------------------------------------------------------ */

static nv_err set_fill(pdf_doc *d, unsigned rgb, nv_errbuf *eb)
{
    if (HPDF_Page_SetRGBFill(d->page, (rgb >> 16 & 255) / 255.0f, (rgb >> 8 & 255) / 255.0f,
                             (rgb & 255) / 255.0f) != HPDF_OK)
        return pdf_fail(d, "SetRGBFill", eb);
    return NV_OK;
}

double pdf_width(pdf_doc *d, const char *s, int bold, double size)
{
    return shape_width(d->sh, s, bold, size);
}

nv_err pdf_text(pdf_doc *d, double x, double y, const char *s, int bold, double size, int align,
                double max_w, unsigned rgb, nv_errbuf *eb)
{
    if (d->dry) return NV_OK;
    if (!*s) return NV_OK;
    double w = shape_width(d->sh, s, bold, size);
    if (max_w > 0 && w > max_w) {
        size *= max_w / w;
        w = max_w;
    }
    if (align == PDF_CENTRE)
        x -= w / 2;
    else if (align == PDF_RIGHT)
        x -= w;
    nv_err e = set_fill(d, rgb, eb);
    if (e != NV_OK) return e;
    e = shape_draw(d->sh, d->page, s, bold, size, x, y, eb);
    return e;
}

/* A combining mark or a joiner: a cut before it would split a syllable
 * (Devanagari signs, nukta, matras, virama; general combining marks). */
static int cut_combining(unsigned cp)
{
    return (cp >= 0x0900 && cp <= 0x0903) || (cp >= 0x093A && cp <= 0x094F) ||
           (cp >= 0x0951 && cp <= 0x0957) || cp == 0x0962 || cp == 0x0963 ||
           (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200C || cp == 0x200D;
}

/* Byte length of the UTF-8 sequence starting with c (1 for a stray byte). */
static size_t cut_seqlen(unsigned char c)
{
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

static unsigned cut_cp(const unsigned char *p, size_t len)
{
    if (len == 1) return p[0];
    unsigned v = p[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++)
        v = (v << 6) | (p[i] & 0x3F);
    return v;
}

/* Writes into out (n bytes) the first k bytes of s, trailing spaces
 * dropped, then the ellipsis. */
static void cut_put(const char *s, size_t k, char *out, size_t n)
{
    while (k > 0 && s[k - 1] == ' ')
        k--;
    snprintf(out, n, "%.*s" PDF_ELLIPSIS, (int)k, s);
}

int pdf_cut(pdf_doc *d, const char *s, int bold, double size, double max_w, char *out, size_t n)
{
    size_t len = strlen(s);
    if (pdf_width(d, s, bold, size) <= max_w && len < n) {
        memcpy(out, s, len + 1);
        return 0;
    }
    /* the cut points: before each code point that starts a syllable, and
     * with the ellipsis still fitting in out */
    size_t *pos = malloc((len + 1) * sizeof *pos), np = 0;
    if (!pos || n < sizeof PDF_ELLIPSIS) {
        free(pos);
        if (n) out[0] = '\0';
        return 1;
    }
    unsigned prev = 0;
    for (size_t i = 0; i < len;) {
        size_t k = cut_seqlen((unsigned char)s[i]);
        if (i + k > len) k = len - i;
        unsigned cp = cut_cp((const unsigned char *)s + i, k);
        if (i > 0 && !cut_combining(cp) && prev != 0x094D && i + sizeof PDF_ELLIPSIS <= n)
            pos[np++] = i;
        prev = cp;
        i += k;
    }
    /* the longest prefix that fits (widths grow with the prefix) */
    size_t lo = 0, hi = np; /* pos[0 .. lo) fit */
    char *buf = malloc(len + sizeof PDF_ELLIPSIS);
    while (buf && lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        cut_put(s, pos[mid - 1], buf, len + sizeof PDF_ELLIPSIS);
        if (pdf_width(d, buf, bold, size) <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    cut_put(s, lo ? pos[lo - 1] : 0, out, n);
    free(buf);
    free(pos);
    return 1;
}

nv_err pdf_text_cut(pdf_doc *d, double x, double y, const char *s, int bold, double size, int align,
                    double max_w, unsigned rgb, nv_errbuf *eb)
{
    double w = pdf_width(d, s, bold, size);
    if (w <= max_w) return pdf_text(d, x, y, s, bold, size, align, 0, rgb, eb);
    if (w * PDF_MIN_SCALE <= max_w) return pdf_text(d, x, y, s, bold, size, align, max_w, rgb, eb);
    size_t n = strlen(s) + sizeof PDF_ELLIPSIS;
    char *c = malloc(n);
    if (!c) return nv_errf(eb, NV_ERR_NOMEM, "pdf: out of memory");
    pdf_cut(d, s, bold, size * PDF_MIN_SCALE, max_w, c, n);
    nv_err e = pdf_text(d, x, y, c, bold, size * PDF_MIN_SCALE, align, max_w, rgb, eb);
    free(c);
    return e;
}

nv_err pdf_rect(pdf_doc *d, double x, double y, double w, double h, unsigned rgb, nv_errbuf *eb)
{
    if (d->dry) return NV_OK;
    nv_err e = set_fill(d, rgb, eb);
    if (e != NV_OK) return e;
    if (HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h) !=
            HPDF_OK ||
        HPDF_Page_Fill(d->page) != HPDF_OK)
        return pdf_fail(d, "Rectangle", eb);
    return NV_OK;
}

nv_err pdf_line(pdf_doc *d, double x0, double y0, double x1, double y1, double width, unsigned rgb,
                nv_errbuf *eb)
{
    if (d->dry) return NV_OK;
    if (HPDF_Page_SetRGBStroke(d->page, (rgb >> 16 & 255) / 255.0f, (rgb >> 8 & 255) / 255.0f,
                               (rgb & 255) / 255.0f) != HPDF_OK ||
        HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)width) != HPDF_OK ||
        HPDF_Page_MoveTo(d->page, (HPDF_REAL)x0, (HPDF_REAL)y0) != HPDF_OK ||
        HPDF_Page_LineTo(d->page, (HPDF_REAL)x1, (HPDF_REAL)y1) != HPDF_OK ||
        HPDF_Page_Stroke(d->page) != HPDF_OK)
        return pdf_fail(d, "line", eb);
    return NV_OK;
}

nv_err pdf_bookmark(pdf_doc *d, const char *title, double y, nv_errbuf *eb)
{
    if (d->dry) return NV_OK;
    HPDF_Outline o = HPDF_CreateOutline(d->doc, NULL, title, NULL);
    if (!o) return pdf_fail(d, "CreateOutline", eb);
    HPDF_Destination dst = HPDF_Page_CreateDestination(d->page);
    if (!dst) return pdf_fail(d, "CreateDestination", eb);
    /* libharu refuses a negative top (and a top above the page makes no
     * sense): a y outside the page is clamped to it */
    if (!(y >= 0)) y = 0;
    if (y > d->h) y = d->h;
    if (HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)y, 1) != HPDF_OK ||
        HPDF_Outline_SetDestination(o, dst) != HPDF_OK)
        return pdf_fail(d, "Outline_SetDestination", eb);
    return NV_OK;
}

/* Copies words of s from *pos into line while they fit in max_w. */
static void wrap_take(pdf_doc *d, const char **pos, char *line, size_t n, int bold, double size,
                      double max_w)
{
    const char *p = *pos;
    size_t len = 0;
    line[0] = '\0';
    while (*p == ' ')
        p++;
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t wl = end ? (size_t)(end - p) : strlen(p);
        size_t need = len + (len ? 1 : 0) + wl;
        if (need + 1 > n) break;
        char save[1024];
        memcpy(save, line, len + 1);
        if (len) line[len++] = ' ';
        memcpy(line + len, p, wl);
        line[len + wl] = '\0';
        if (len > 1 && pdf_width(d, line, bold, size) > max_w) {
            memcpy(line, save, strlen(save) + 1);
            len = strlen(line);
            break;
        }
        len += wl;
        p += wl;
        while (*p == ' ')
            p++;
    }
    if (len == 0 && *p) { /* one word wider than the line: take it whole */
        const char *end = strchr(p, ' ');
        size_t wl = end ? (size_t)(end - p) : strlen(p);
        if (wl >= n) wl = n - 1;
        memcpy(line, p, wl);
        line[wl] = '\0';
        p += wl;
    }
    *pos = p;
}

nv_err pdf_wrap(pdf_doc *d, double x, double y, const char *s, int bold, double size, double max_w,
                double lh, int max_lines, unsigned rgb, int *used, nv_errbuf *eb)
{
    char line[1024];
    const char *p = s;
    int k = 0;
    while (*p && k < max_lines) {
        wrap_take(d, &p, line, sizeof line - 4, bold, size, max_w);
        while (*p == ' ')
            p++;
        if (k == max_lines - 1 && *p) strcat(line, "...");
        nv_err e = pdf_text(d, x, y - k * lh, line, bold, size, PDF_LEFT, max_w, rgb, eb);
        if (e != NV_OK) return e;
        k++;
    }
    *used = k;
    return NV_OK;
}

/* ---- formats ------------------------------------------------------------ */

void pdf_asof(const nv_report *r, char *buf, size_t n)
{
    char iso[40], zone[32];
    nvt_format_iso(&r->tz, r->d1, iso);
    names_zone(r->names, &r->tz, r->d1, zone, sizeof zone);
    /* "2024-12-02T00:00:00+05:30" -> "2024-12-02 00:00 IST" */
    snprintf(buf, n, "%.10s %.5s %s", iso, iso + 11, zone);
}

void pdf_range(const nv_report *r, char *buf, size_t n)
{
    char a[11], b[11];
    nvt_format_ymd(r->first_day, a);
    nvt_format_ymd(r->last_day, b);
    if (r->first_day == r->last_day)
        snprintf(buf, n, "%s", b);
    else
        snprintf(buf, n, "%s to %s", a, b);
}

void pdf_fmt_int(int64_t v, char *buf, size_t n)
{
    snprintf(buf, n, "%lld", (long long)v);
}

void pdf_fmt_pct(const nv_figs *f, char *buf)
{
    metrics_fmt_pct(f, buf);
    if (!buf[0]) strcpy(buf, "-");
}

void pdf_subst(const char *tpl, const char *const *kv, int n, char *out, size_t len)
{
    size_t k = 0;
    if (len == 0) return;
    while (*tpl && k + 1 < len) {
        int hit = -1;
        size_t kl = 0;
        if (*tpl == '{')
            for (int i = 0; i < n && hit < 0; i++) {
                kl = strlen(kv[2 * i]);
                if (strncmp(tpl + 1, kv[2 * i], kl) == 0 && tpl[1 + kl] == '}') hit = i;
            }
        if (hit < 0) {
            out[k++] = *tpl++;
            continue;
        }
        int w = snprintf(out + k, len - k, "%s", kv[2 * hit + 1]);
        k = w > 0 && (size_t)w < len - k ? k + (size_t)w : len - 1;
        tpl += kl + 2;
    }
    out[k] = '\0';
}
