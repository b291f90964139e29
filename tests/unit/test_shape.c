/* test_shape.c — Devanagari shaping and drawing (src/render/pdf/shape.c).
 *
 * The glyphs the shaper draws are compared with an independent HarfBuzz
 * shaping of the same text (own face, own buffer); conjuncts must form; the
 * PDF must pass qpdf --check and pdftotext must give the text back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <hb.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/render/pdf/shape.h"

typedef struct {
    HPDF_Doc doc;
    HPDF_Page page;
    nv_shaper *sh;
    char dir[64];
} fx;

static void on_err(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fprintf(stderr, "libharu error 0x%04X detail %u\n", (unsigned)e, (unsigned)d);
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    nv_errbuf eb;
    nv_font_paths fp = shape_default_fonts();
    f->doc = HPDF_New(on_err, NULL);
    if (!f->doc) return -1;
    HPDF_SetCompressionMode(f->doc, HPDF_COMP_ALL);
    if (shape_open(f->doc, &fp, &f->sh, &eb) != NV_OK) {
        fprintf(stderr, "%s\n", eb.msg);
        return -1;
    }
    f->page = HPDF_AddPage(f->doc);
    snprintf(f->dir, sizeof f->dir, "/tmp/nv_shape_XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    shape_close(f->sh);
    HPDF_Free(f->doc);
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    if (system(cmd) != 0) return -1;
    free(f);
    return 0;
}

/* Independent shaping: a fresh face of the font file, script and language
 * guessed by HarfBuzz from the text. */
static unsigned hb_reference(const char *path, const char *text, unsigned *gids, unsigned cap,
                             double *adv_units, int no_kern)
{
    hb_feature_t nokern[2];
    hb_feature_from_string("-kern", -1, &nokern[0]);
    hb_feature_from_string("-liga", -1, &nokern[1]);
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, no_kern ? nokern : NULL, no_kern ? 2 : 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    *adv_units = 0;
    for (unsigned i = 0; i < n && i < cap; i++) {
        gids[i] = info[i].codepoint;
        *adv_units += pos[i].x_advance;
    }
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return n;
}

static size_t count_codepoints(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if ((*s & 0xC0) != 0x80) n++;
    return n;
}

static void check_same_glyphs(fx *f, const char *text, int bold)
{
    nv_errbuf eb;
    nv_font_paths fp = shape_default_fonts();
    unsigned ref[128];
    double adv;
    unsigned nref = hb_reference(fp.deva[bold], text, ref, 128, &adv, 0);
    assert_int_equal(shape_draw(f->sh, f->page, text, bold, 20, 50, 700, &eb), NV_OK);
    size_t n;
    const unsigned *g = shape_last_glyphs(f->sh, &n);
    assert_int_equal(n, nref);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(g[i], ref[i]);
    hb_blob_t *blob = hb_blob_create_from_file(fp.deva[bold]);
    hb_face_t *face = hb_face_create(blob, 0);
    double want = adv * 20.0 / hb_face_get_upem(face);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    assert_true(fabs(shape_width(f->sh, text, bold, 20) - want) < 1e-6);
}

static void test_glyphs_equal_harfbuzz(void **state)
{
    fx *f = *state;
    check_same_glyphs(f, "शिकायत निवारण", 0);
    check_same_glyphs(f, "क्षेत्र", 0);
    check_same_glyphs(f, "समय सीमा में निस्तारित", 1);
}

static void test_conjuncts_form(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    size_t n;
    /* क + ् + ष: three code points, one conjunct glyph. */
    assert_int_equal(shape_draw(f->sh, f->page, "क्ष", 0, 20, 50, 600, &eb), NV_OK);
    shape_last_glyphs(f->sh, &n);
    assert_int_equal(count_codepoints("क्ष"), 3);
    assert_true(n < 3);
    /* the i-matra is drawn before its consonant: कि gives [ि-glyph, क-glyph],
     * so the first glyph drawn is not the nominal glyph of क */
    hb_blob_t *blob = hb_blob_create_from_file(shape_default_fonts().deva[0]);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_codepoint_t ka;
    assert_true(hb_font_get_nominal_glyph(font, 0x0915, &ka));
    assert_int_equal(shape_draw(f->sh, f->page, "कि", 0, 20, 50, 560, &eb), NV_OK);
    const unsigned *g = shape_last_glyphs(f->sh, &n);
    assert_int_equal(n, 2);
    assert_int_not_equal(g[0], ka);
    assert_int_equal(g[1], ka);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

static void test_latin_runs_not_shaped(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    size_t n;
    assert_int_equal(shape_draw(f->sh, f->page, "Received 1,234 ₹ 93.5%", 0, 12, 50, 500, &eb),
                     NV_OK);
    shape_last_glyphs(f->sh, &n);
    assert_int_equal(n, 0);
    /* DejaVu advances, independently via HarfBuzz on the Latin font */
    unsigned g[64];
    double adv;
    hb_reference(shape_default_fonts().latin[0], "Received 1,234 ₹ 93.5%", g, 64, &adv, 1);
    hb_blob_t *blob = hb_blob_create_from_file(shape_default_fonts().latin[0]);
    hb_face_t *face = hb_face_create(blob, 0);
    double want = adv * 12.0 / hb_face_get_upem(face);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    /* libharu widths are in 1/1000 em, so allow rounding per glyph */
    assert_true(fabs(shape_width(f->sh, "Received 1,234 ₹ 93.5%", 0, 12) - want) < 0.15);
}

static void test_pdf_extracts_text(void **state)
{
    fx *f = *state;
    nv_errbuf eb;
    const char *lines[] = {"शिकायत निवारण", "Received / प्राप्त 1234", "क्षेत्र (Area)"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(shape_draw(f->sh, f->page, lines[i], i == 1, 18, 60, 400 - 40 * i, &eb),
                         NV_OK);
    char path[128], cmd[512], out[4096];
    snprintf(path, sizeof path, "%s/t.pdf", f->dir);
    assert_int_equal(HPDF_SaveToFile(f->doc, path), HPDF_OK);
    snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t k = fread(out, 1, sizeof out - 1, p);
    out[k] = '\0';
    pclose(p);
    for (int i = 0; i < 3; i++) {
        if (!strstr(out, lines[i])) fprintf(stderr, "missing [%s] in:\n%s\n", lines[i], out);
        assert_non_null(strstr(out, lines[i]));
    }
}

static void test_bad_font_fails_cleanly(void **state)
{
    (void)state;
    nv_errbuf eb;
    nv_shaper *sh = NULL;
    nv_font_paths fp = shape_default_fonts();
    fp.deva[1] = "/nonexistent/font.ttf";
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_int_equal(shape_open(doc, &fp, &sh, &eb), NV_ERR_RENDER);
    assert_null(sh);
    assert_non_null(strstr(eb.msg, "/nonexistent/font.ttf"));
    HPDF_Free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyphs_equal_harfbuzz),  cmocka_unit_test(test_conjuncts_form),
        cmocka_unit_test(test_latin_runs_not_shaped),  cmocka_unit_test(test_pdf_extracts_text),
        cmocka_unit_test(test_bad_font_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
