/* shape.h — mixed Latin / Devanagari text on libharu pages.
 *
 * libharu does no shaping, so Devanagari written with it directly shows
 * broken conjuncts and misplaced matras. A shaper splits a UTF-8 string into
 * script runs:
 *  - Devanagari runs (U+0900..U+097F, U+A8E0..U+A8FF, ZWJ/ZWNJ, and the
 *    spaces/punctuation between them) are shaped with HarfBuzz (script DEVA,
 *    language hi) using Noto Sans Devanagari; each glyph outline
 *    (hb_font_get_glyph_shape, quadratic segments converted to cubic) is
 *    drawn as a filled path; the same text is then laid over it invisibly
 *    (text rendering mode HPDF_INVISIBLE, horizontally scaled to the shaped
 *    width) in the embedded UTF-8 Noto font, so it can be searched and copied
 *    (pdftotext extracts it in logical order);
 *  - every other run (Latin, digits, '₹', punctuation) is ordinary text in
 *    the embedded UTF-8 DejaVu Sans font.
 * Both take the page's current fill colour. Numerals are whatever the caller
 * writes (nivaran writes Latin digits everywhere, see pdf.h).
 *
 * A shaper belongs to one HPDF_Doc: it loads the fonts into it. It holds no
 * global state. Failures: NV_ERR_RENDER naming the font or libharu call. */
#ifndef NIVARAN_SHAPE_H
#define NIVARAN_SHAPE_H

#include <hpdf.h>
#include <stddef.h>

#include "nivaran/core/err.h"

typedef struct nv_shaper nv_shaper; /* opaque */

/* TrueType files: [0] regular, [1] bold. */
typedef struct {
    const char *latin[2]; /* e.g. DejaVuSans.ttf, DejaVuSans-Bold.ttf */
    const char *deva[2];  /* NotoSansDevanagari-Regular.ttf, -Bold.ttf */
} nv_font_paths;

/* The fonts of a Debian system with fonts-dejavu-core and fonts-noto-core. */
nv_font_paths shape_default_fonts(void);

/* Calls HPDF_UseUTFEncodings(doc), loads and embeds the four fonts into doc
 * and opens them in HarfBuzz. *out is the caller's, to free with
 * shape_close() (before or after HPDF_Free). */
nv_err shape_open(HPDF_Doc doc, const nv_font_paths *fp, nv_shaper **out, nv_errbuf *eb);
void shape_close(nv_shaper *s);

/* The embedded Latin (DejaVu) font, bold != 0 for bold. */
HPDF_Font shape_latin_font(const nv_shaper *s, int bold);

/* Width in points of utf8 drawn at size by shape_draw() (shaped advances for
 * Devanagari runs, font widths for the rest). */
double shape_width(nv_shaper *s, const char *utf8, int bold, double size);

/* Draws utf8 with its baseline starting at (x, y). Must be called outside a
 * text object (BT/ET) and outside a path. Afterwards the page's text
 * rendering mode is FILL and horizontal scaling 100. */
nv_err shape_draw(nv_shaper *s, HPDF_Page page, const char *utf8, int bold, double size, double x,
                  double y, nv_errbuf *eb);

/* The glyph ids (in drawing order) of the Devanagari runs drawn by the last
 * shape_draw() call on s; *n receives their number. The array belongs to s
 * and is valid until the next shape_draw() or shape_close(). */
const unsigned *shape_last_glyphs(const nv_shaper *s, size_t *n);

/* 1 when code point cp belongs to a Devanagari run (the test above), else 0. */
int shape_is_deva(unsigned cp);

#endif
