/* shape.c — see include/nivaran/render/pdf/shape.h. */
#include "nivaran/render/pdf/shape.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>

struct nv_shaper {
    HPDF_Doc doc;
    HPDF_Font latin[2];
    HPDF_Font deva_text; /* invisible layer (regular) */
    hb_blob_t *blob[2];
    hb_face_t *face[2];
    hb_font_t *font[2];
    unsigned upem[2];
    hb_buffer_t *buf;
    hb_draw_funcs_t *dfuncs;
    unsigned *gids; /* glyphs of the last shape_draw() */
    size_t n_gids, cap_gids;
    char *tmp; /* NUL-terminated copy of a run */
    size_t cap_tmp;
};

/* What the outline callbacks draw into. */
typedef struct {
    HPDF_Page page;
    double ox, oy, sc;
    HPDF_STATUS st;
    int any;
} draw_ctx;

nv_font_paths shape_default_fonts(void)
{
    nv_font_paths fp = {{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
                        {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
                         "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf"}};
    return fp;
}

int shape_is_deva(unsigned cp)
{
    return (cp >= 0x0900 && cp <= 0x097F) || (cp >= 0xA8E0 && cp <= 0xA8FF) || cp == 0x200C ||
           cp == 0x200D;
}

/* Decodes one UTF-8 code point at s (n bytes left); returns its length
 * (>= 1). Malformed bytes decode as U+FFFD, one byte each. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned v = len == 1 ? c : c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* Spaces and common punctuation (present in both fonts) belong to the run
 * they are in: a comma after a Devanagari word is shaped with it, so that a
 * final combining mark (ं) is not separated from its syllable by a glyph of
 * the other font (poppler would then attach the mark to the comma). */
static int is_neutral(unsigned cp)
{
    return cp == ' ' || cp == 0xA0 || (cp < 0x80 && strchr(",.;:!?()'\"-/%", (int)cp) != NULL);
}

/* Length of the run starting at s and whether it is Devanagari. Neutral
 * characters join the run they are in (leading ones the first run). */
static size_t next_run(const char *s, size_t n, int *deva)
{
    size_t i = 0;
    int kind = -1;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_next((const unsigned char *)s + i, n - i, &cp);
        if (!is_neutral(cp)) {
            int d = shape_is_deva(cp);
            if (kind < 0)
                kind = d;
            else if (d != kind)
                break;
        }
        i += k;
    }
    *deva = kind == 1;
    return i;
}

static void d_move(hb_draw_funcs_t *f, void *dd, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    draw_ctx *c = dd;
    if (c->st == HPDF_OK) c->st = HPDF_Page_MoveTo(c->page, c->ox + x * c->sc, c->oy + y * c->sc);
    c->any = 1;
}

static void d_line(hb_draw_funcs_t *f, void *dd, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    draw_ctx *c = dd;
    if (c->st == HPDF_OK) c->st = HPDF_Page_LineTo(c->page, c->ox + x * c->sc, c->oy + y * c->sc);
}

static void d_cubic(hb_draw_funcs_t *f, void *dd, hb_draw_state_t *st, float x1, float y1, float x2,
                    float y2, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    draw_ctx *c = dd;
    if (c->st == HPDF_OK)
        c->st =
            HPDF_Page_CurveTo(c->page, c->ox + x1 * c->sc, c->oy + y1 * c->sc, c->ox + x2 * c->sc,
                              c->oy + y2 * c->sc, c->ox + x * c->sc, c->oy + y * c->sc);
}

/* A quadratic Bézier (p0, q, p) as the cubic with controls p0 + 2/3 (q - p0)
 * and p + 2/3 (q - p). */
static void d_quad(hb_draw_funcs_t *f, void *dd, hb_draw_state_t *st, float qx, float qy, float x,
                   float y, void *u)
{
    float x0 = st->current_x, y0 = st->current_y;
    d_cubic(f, dd, st, x0 + 2.0f / 3.0f * (qx - x0), y0 + 2.0f / 3.0f * (qy - y0),
            x + 2.0f / 3.0f * (qx - x), y + 2.0f / 3.0f * (qy - y), x, y, u);
}

static void d_close(hb_draw_funcs_t *f, void *dd, hb_draw_state_t *st, void *u)
{
    (void)f, (void)st, (void)u;
    draw_ctx *c = dd;
    if (c->st == HPDF_OK) c->st = HPDF_Page_ClosePath(c->page);
}

static nv_err open_hb(nv_shaper *s, int i, const char *path, nv_errbuf *eb)
{
    s->blob[i] = hb_blob_create_from_file_or_fail(path);
    if (!s->blob[i]) return nv_errf(eb, NV_ERR_RENDER, "%s: cannot read font", path);
    s->face[i] = hb_face_create(s->blob[i], 0);
    s->upem[i] = hb_face_get_upem(s->face[i]);
    if (hb_face_get_glyph_count(s->face[i]) == 0 || s->upem[i] == 0)
        return nv_errf(eb, NV_ERR_RENDER, "%s: not a usable TrueType font", path);
    s->font[i] = hb_font_create(s->face[i]);
    return NV_OK;
}

static HPDF_Font load_pdf_font(HPDF_Doc doc, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
    return name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
}

nv_err shape_open(HPDF_Doc doc, const nv_font_paths *fp, nv_shaper **out, nv_errbuf *eb)
{
    nv_err e = NV_OK;
    nv_shaper *s = calloc(1, sizeof *s);
    if (!s) return nv_errf(eb, NV_ERR_NOMEM, "shaper: out of memory");
    s->doc = doc;
    if (HPDF_UseUTFEncodings(doc) != HPDF_OK) {
        e = nv_errf(eb, NV_ERR_RENDER, "libharu: UTF-8 encodings unavailable (0x%04X)",
                    (unsigned)HPDF_GetError(doc));
        goto fail;
    }
    for (int i = 0; i < 2; i++) {
        s->latin[i] = load_pdf_font(doc, fp->latin[i]);
        if (!s->latin[i]) {
            e = nv_errf(eb, NV_ERR_RENDER, "%s: libharu cannot load the font (0x%04X)",
                        fp->latin[i], (unsigned)HPDF_GetError(doc));
            goto fail;
        }
        if ((e = open_hb(s, i, fp->deva[i], eb)) != NV_OK) goto fail;
    }
    s->deva_text = load_pdf_font(doc, fp->deva[0]);
    if (!s->deva_text) {
        e = nv_errf(eb, NV_ERR_RENDER, "%s: libharu cannot load the font (0x%04X)", fp->deva[0],
                    (unsigned)HPDF_GetError(doc));
        goto fail;
    }
    s->buf = hb_buffer_create();
    s->dfuncs = hb_draw_funcs_create();
    if (!hb_buffer_allocation_successful(s->buf)) {
        e = nv_errf(eb, NV_ERR_NOMEM, "shaper: out of memory");
        goto fail;
    }
    hb_draw_funcs_set_move_to_func(s->dfuncs, d_move, NULL, NULL);
    hb_draw_funcs_set_line_to_func(s->dfuncs, d_line, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(s->dfuncs, d_quad, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(s->dfuncs, d_cubic, NULL, NULL);
    hb_draw_funcs_set_close_path_func(s->dfuncs, d_close, NULL, NULL);
    hb_draw_funcs_make_immutable(s->dfuncs);
    *out = s;
    return NV_OK;
fail:
    shape_close(s);
    return e;
}

void shape_close(nv_shaper *s)
{
    if (!s) return;
    for (int i = 0; i < 2; i++) {
        hb_font_destroy(s->font[i]);
        hb_face_destroy(s->face[i]);
        hb_blob_destroy(s->blob[i]);
    }
    hb_buffer_destroy(s->buf);
    hb_draw_funcs_destroy(s->dfuncs);
    free(s->gids);
    free(s->tmp);
    free(s);
}

HPDF_Font shape_latin_font(const nv_shaper *s, int bold)
{
    return s->latin[bold ? 1 : 0];
}

/* Shapes a Devanagari run into s->buf; returns its advance in font units. */
static double shape_run(nv_shaper *s, int bold, const char *run, size_t len)
{
    hb_buffer_clear_contents(s->buf);
    hb_buffer_add_utf8(s->buf, run, (int)len, 0, (int)len);
    hb_buffer_set_direction(s->buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(s->buf, HB_SCRIPT_DEVANAGARI);
    hb_buffer_set_language(s->buf, hb_language_from_string("hi", -1));
    hb_shape(s->font[bold], s->buf, NULL, 0);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    double adv = 0;
    for (unsigned i = 0; i < n; i++)
        adv += pos[i].x_advance;
    return adv;
}

/* A NUL-terminated copy of run in s->tmp, or NULL when out of memory. */
static const char *run_copy(nv_shaper *s, const char *run, size_t len)
{
    if (len + 1 > s->cap_tmp) {
        char *t = realloc(s->tmp, len + 64);
        if (!t) return NULL;
        s->tmp = t;
        s->cap_tmp = len + 64;
    }
    memcpy(s->tmp, run, len);
    s->tmp[len] = '\0';
    return s->tmp;
}

double shape_width(nv_shaper *s, const char *utf8, int bold, double size)
{
    bold = bold ? 1 : 0;
    size_t n = strlen(utf8);
    double w = 0;
    while (n > 0) {
        int deva;
        size_t len = next_run(utf8, n, &deva);
        if (deva) {
            w += shape_run(s, bold, utf8, len) * size / s->upem[bold];
        } else {
            HPDF_TextWidth tw =
                HPDF_Font_TextWidth(s->latin[bold], (const HPDF_BYTE *)utf8, (HPDF_UINT)len);
            w += tw.width * size / 1000.0;
        }
        utf8 += len;
        n -= len;
    }
    return w;
}

static nv_err keep_gids(nv_shaper *s, const hb_glyph_info_t *info, unsigned n, nv_errbuf *eb)
{
    if (s->n_gids + n > s->cap_gids) {
        size_t cap = (s->n_gids + n) * 2 + 16;
        unsigned *g = realloc(s->gids, cap * sizeof *g);
        if (!g) return nv_errf(eb, NV_ERR_NOMEM, "shaper: out of memory");
        s->gids = g;
        s->cap_gids = cap;
    }
    for (unsigned i = 0; i < n; i++)
        s->gids[s->n_gids++] = info[i].codepoint;
    return NV_OK;
}

static nv_err hpdf_fail(nv_shaper *s, const char *what, nv_errbuf *eb)
{
    return nv_errf(eb, NV_ERR_RENDER, "libharu: %s failed (error 0x%04X)", what,
                   (unsigned)HPDF_GetError(s->doc));
}

/* The invisible, searchable copy of a Devanagari run, stretched to the
 * shaped width w. */
static nv_err draw_invisible(nv_shaper *s, HPDF_Page page, const char *text, double size, double x,
                             double y, double w, nv_errbuf *eb)
{
    if (HPDF_Page_BeginText(page) != HPDF_OK) return hpdf_fail(s, "BeginText", eb);
    if (HPDF_Page_SetFontAndSize(page, s->deva_text, (HPDF_REAL)size) != HPDF_OK)
        return hpdf_fail(s, "SetFontAndSize", eb);
    if (HPDF_Page_SetTextRenderingMode(page, HPDF_INVISIBLE) != HPDF_OK)
        return hpdf_fail(s, "SetTextRenderingMode", eb);
    double natural = HPDF_Page_TextWidth(page, text);
    double hs = natural > 0 ? 100.0 * w / natural : 100.0;
    if (hs < HPDF_MIN_HORIZONTALSCALING) hs = HPDF_MIN_HORIZONTALSCALING;
    if (hs > HPDF_MAX_HORIZONTALSCALING) hs = HPDF_MAX_HORIZONTALSCALING;
    if (HPDF_Page_SetHorizontalScalling(page, (HPDF_REAL)hs) != HPDF_OK)
        return hpdf_fail(s, "SetHorizontalScalling", eb);
    if (HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, text) != HPDF_OK)
        return hpdf_fail(s, "TextOut", eb);
    if (HPDF_Page_SetHorizontalScalling(page, 100) != HPDF_OK)
        return hpdf_fail(s, "SetHorizontalScalling", eb);
    if (HPDF_Page_SetTextRenderingMode(page, HPDF_FILL) != HPDF_OK)
        return hpdf_fail(s, "SetTextRenderingMode", eb);
    if (HPDF_Page_EndText(page) != HPDF_OK) return hpdf_fail(s, "EndText", eb);
    return NV_OK;
}

/* Draws one shaped Devanagari run as filled outlines plus its invisible
 * text; *adv receives its width in points. */
static nv_err draw_deva(nv_shaper *s, HPDF_Page page, const char *run, size_t len, int bold,
                        double size, double x, double y, double *adv, nv_errbuf *eb)
{
    const char *text = run_copy(s, run, len);
    if (!text) return nv_errf(eb, NV_ERR_NOMEM, "shaper: out of memory");
    shape_run(s, bold, run, len);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(s->buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    nv_err e = keep_gids(s, info, n, eb);
    if (e != NV_OK) return e;
    draw_ctx c = {page, 0, 0, size / s->upem[bold], HPDF_OK, 0};
    double pen = 0;
    for (unsigned i = 0; i < n && c.st == HPDF_OK; i++) {
        c.ox = x + (pen + pos[i].x_offset) * c.sc;
        c.oy = y + pos[i].y_offset * c.sc;
        hb_font_get_glyph_shape(s->font[bold], info[i].codepoint, s->dfuncs, &c);
        pen += pos[i].x_advance;
    }
    if (c.st != HPDF_OK) return hpdf_fail(s, "glyph outline", eb);
    if (c.any && HPDF_Page_Fill(page) != HPDF_OK) return hpdf_fail(s, "Fill", eb);
    *adv = pen * c.sc;
    return draw_invisible(s, page, text, size, x, y, *adv, eb);
}

static nv_err draw_latin(nv_shaper *s, HPDF_Page page, const char *run, size_t len, int bold,
                         double size, double x, double y, double *adv, nv_errbuf *eb)
{
    const char *text = run_copy(s, run, len);
    if (!text) return nv_errf(eb, NV_ERR_NOMEM, "shaper: out of memory");
    if (HPDF_Page_BeginText(page) != HPDF_OK) return hpdf_fail(s, "BeginText", eb);
    if (HPDF_Page_SetFontAndSize(page, s->latin[bold], (HPDF_REAL)size) != HPDF_OK)
        return hpdf_fail(s, "SetFontAndSize", eb);
    if (HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, text) != HPDF_OK)
        return hpdf_fail(s, "TextOut", eb);
    if (HPDF_Page_EndText(page) != HPDF_OK) return hpdf_fail(s, "EndText", eb);
    *adv = HPDF_Page_TextWidth(page, text);
    return NV_OK;
}

nv_err shape_draw(nv_shaper *s, HPDF_Page page, const char *utf8, int bold, double size, double x,
                  double y, nv_errbuf *eb)
{
    bold = bold ? 1 : 0;
    s->n_gids = 0;
    size_t n = strlen(utf8);
    while (n > 0) {
        int deva;
        size_t len = next_run(utf8, n, &deva);
        double adv = 0;
        nv_err e = deva ? draw_deva(s, page, utf8, len, bold, size, x, y, &adv, eb)
                        : draw_latin(s, page, utf8, len, bold, size, x, y, &adv, eb);
        if (e != NV_OK) return e;
        x += adv;
        utf8 += len;
        n -= len;
    }
    return NV_OK;
}

const unsigned *shape_last_glyphs(const nv_shaper *s, size_t *n)
{
    *n = s->n_gids;
    return s->gids;
}
