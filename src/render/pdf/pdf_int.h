/* pdf_int.h — the internals of the module, shared by its source files; not an
 * API for any other module (include/nivaran/render/pdf/pdf.h is its manual). */
#ifndef NIVARAN_PDF_INT_H
#define NIVARAN_PDF_INT_H

#include <hpdf.h>

#include "nivaran/compute/figures.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/render/pdf/pdf.h"
#include "nivaran/render/pdf/shape.h"
#include "nivaran/core/datewords.h"
#include "nivaran/core/names.h"
#include "nivaran/core/tpl.h"
#include "nivaran/core/words.h"

/* ---- Shared by pdf_md.c and pdf_notice.c (pdf_common.c); not an API for
 * other modules. ---------------------------------------------------------- */

#define PDF_MAX_PAGES 5000 /* a sanity bound: NV_ERR_RENDER beyond it */
#define PDF_LEFT 0
#define PDF_CENTRE 1
#define PDF_RIGHT 2

/* One document being drawn. */
typedef struct {
    HPDF_Doc doc;
    nv_shaper *sh;
    HPDF_Page *pages; /* every page, in order (freed by pdf_close) */
    int n_pages, cap_pages;
    HPDF_Page page; /* current page */
    double w, h;    /* page size, points */
    double y;       /* layout cursor (pdf_md.c) */
    HPDF_Outline outline_root;
    HPDF_STATUS herr, hdetail; /* the last libharu error, from the handler */
    int dry;                   /* measuring a layout: pdf_text, pdf_rect, pdf_line, pdf_bookmark
                                  (and so pdf_wrap, pdf_text_cut) draw nothing and succeed */
} pdf_doc;

/* Opens a document: error handler into d, compression ALL, fonts (from the
 * template's [fonts] keys latin, latin_bold, deva, deva_bold, else the
 * defaults of shape.h), info (title, creation date = r's last day 00:00
 * local). */
nv_err pdf_open(pdf_doc *d, const nv_report *r, const nv_tpl *t, const char *title, nv_errbuf *eb);
void pdf_close(pdf_doc *d);
/* Adds a page (A4 or A3 portrait) and makes it current. */
nv_err pdf_add_page(pdf_doc *d, int a3, nv_errbuf *eb);
/* Saves to outfile_tmpname(path) and renames into place. */
nv_err pdf_save(pdf_doc *d, const char *path, nv_errbuf *eb);
/* NV_ERR_RENDER naming what failed and libharu's error. */
nv_err pdf_fail(pdf_doc *d, const char *what, nv_errbuf *eb);

/* Text anchored at x by align (PDF_LEFT / PDF_CENTRE / PDF_RIGHT); with
 * max_w > 0 the size shrinks until the text fits in max_w. Colour rgb
 * 0xRRGGBB. */
nv_err pdf_text(pdf_doc *d, double x, double y, const char *s, int bold, double size, int align,
                double max_w, unsigned rgb, nv_errbuf *eb);
/* Width of s at size. */
double pdf_width(pdf_doc *d, const char *s, int bold, double size);

/* Names (wings, XENs, categories: any length, from any export) fit their
 * column by these; figures never go through them (pdf_text shrinks a
 * figure instead, so that no digit is ever lost).
 * pdf_cut() copies s into out (n bytes) when it fits in max_w at size (and
 * in out); else the longest prefix that fits with PDF_ELLIPSIS after it,
 * measured, cut only before a code point that starts a syllable (never
 * inside a UTF-8 sequence, before a combining mark or after a virama), its
 * trailing spaces dropped. Returns 1 when cut. With max_w too small for
 * any prefix, out is the ellipsis alone.
 * pdf_text_cut() draws s like pdf_text: as it is when it fits in max_w;
 * else shrunk when PDF_MIN_SCALE of the size is enough; else cut (pdf_cut)
 * at that smallest size. */
#define PDF_ELLIPSIS "\xE2\x80\xA6" /* U+2026 */
#define PDF_MIN_SCALE 0.8
int pdf_cut(pdf_doc *d, const char *s, int bold, double size, double max_w, char *out, size_t n);
nv_err pdf_text_cut(pdf_doc *d, double x, double y, const char *s, int bold, double size, int align,
                    double max_w, unsigned rgb, nv_errbuf *eb);
nv_err pdf_rect(pdf_doc *d, double x, double y, double w, double h, unsigned rgb, nv_errbuf *eb);
nv_err pdf_line(pdf_doc *d, double x0, double y0, double x1, double y1, double width, unsigned rgb,
                nv_errbuf *eb);
/* A top-level bookmark to the current page, at height y (clamped to the
 * page: libharu refuses a destination below its bottom). */
nv_err pdf_bookmark(pdf_doc *d, const char *title, double y, nv_errbuf *eb);

/* Writes lines of s, word-wrapped to max_w, from baseline y downwards (line
 * height lh), at most max_lines (the last ends with "..." when cut);
 * returns the number of lines in *used. */
nv_err pdf_wrap(pdf_doc *d, double x, double y, const char *s, int bold, double size, double max_w,
                double lh, int max_lines, unsigned rgb, int *used, nv_errbuf *eb);

/* "2024-12-02 00:00 IST": the end of the report's last day, with the
 * zone's name (names_zone). */
void pdf_asof(const nv_report *r, char *buf, size_t n);
/* The report's days as readers see them: "2024-12-10" for a day,
 * "2024-11-01 to 2024-12-10" for a period. buf at least 32 bytes. */
void pdf_range(const nv_report *r, char *buf, size_t n);
/* A count as plain digits (the open data's form; people read pdf_count). */
void pdf_fmt_int(int64_t v, char *buf, size_t n);
/* The readers' forms (pdf_names.c, core/names.h with r->names; r or its
 * names NULL: codes, Western grouping, "n/a"):
 * pdf_count() a count with the organisation's digit grouping (1,23,456 for
 *   KESCO, 1,234,567 for the cities): every count people read;
 * pdf_count_tenths() a non-negative mean with one decimal, its integer part
 *   grouped the same way ("1,791.7");
 * pdf_name() / pdf_name_hi() the plain name of a code of kind (names_kind:
 *   NAMES_CATEGORY, NAMES_FLAG, NAMES_WING, NAMES_STATUS), else the code;
 * pdf_na() the words for a figure without data;
 * pdf_prev_na() sets *v and *avg_prev (figures of the previous window) to
 *   NAN when prev has no data at all (nodata_figs), and *avg_week when week
 *   (non-NULL) has none: the tiles then say n/a, not 0 and a bogus change;
 * pdf_fmt_delta() a change: "+12", "-3", "0" (decimals 1: "+1.5", "0.0"). */
void pdf_count(const nv_report *r, int64_t v, char *buf, size_t n);
void pdf_count_tenths(const nv_report *r, double v, char *buf, size_t n);
const char *pdf_name(const nv_report *r, int kind, const char *code);
const char *pdf_name_hi(const nv_report *r, int kind, const char *code);
const char *pdf_na(const nv_report *r);
void pdf_prev_na(const nv_figs *prev, const nv_figs *week, double *v, double *avg_prev,
                 double *avg_week);
void pdf_fmt_delta(double v, int decimals, char *buf, size_t n);
/* metrics_fmt_pct, with "-" for an empty figure. */
void pdf_fmt_pct(const nv_figs *f, char *buf);

/* Copies tpl into out (len bytes) with each {NAME} of kv's n pairs (NAME,
 * value, NAME, value, ...) replaced by its value; other text as it is. */
void pdf_subst(const char *tpl, const char *const *kv, int n, char *out, size_t len);

/* ---- Compensation in the MD's report (pdf_comp.c), when r->comp is set:
 * it renders compensation.h's figures and computes nothing. Texts are md.ini
 * [text] comp_* (KEY_period for a period). Rupees with Indian grouping
 * (numfmt.h), as "₹1,23,450".
 * pdf_comp_kpi(): page 1's liability band at *y: the month to date's owed
 *   rupees (large) and records, and the rupees accruing at the end of the
 *   window, with the clock and "before the annual cap".
 * pdf_comp_section(): the section: which clock it uses (statutory, beside
 *   the run's SLA profile) and the cap; per wing (then the organisation)
 *   owed records and rupees in the window and in the month to date, and
 *   accruing at the end of the window (the same for both: they end
 *   together); how much of the owed sum lies on records returned to the
 *   applicant at least once; the five XENs with the most rupees owed in the
 *   month to date (ties: wing, xen_id; none owed: not listed). */
typedef struct {
    pdf_doc *d;
    const nv_tpl *t;
    const nv_report *r;
    int period;                      /* a period report: KEY_period texts */
    double left, width, top, bottom; /* the text frame; a new page starts at top */
    double *y;                       /* the layout cursor, moved down */
} pdf_comp_ctx;
nv_err pdf_comp_kpi(pdf_comp_ctx *c, nv_errbuf *eb);
nv_err pdf_comp_section(pdf_comp_ctx *c, nv_errbuf *eb);

/* ---- The MD report's page 1 beyond its tiles (pdf_page1.c), in the frame
 * of a pdf_comp_ctx; renders service.h's figures (r->svc, or its own when
 * NULL) and computes nothing. Texts are md.ini [text] (KEY_period for a
 * period).
 * pdf_page1_service(): at *y, the backlog at the end of the window by age
 *   band (bands, band0..band3: label, count), then one cell per service
 *   figure some layout of the organisation carries (svc_otp, svc_reopened,
 *   svc_satisfied, {sources} = the layouts' sources): the window's figure
 *   ("-" when empty) and the previous window's (yesterday) with the change
 *   in percentage points; *y moves below them.
 * pdf_page1_target(): [text] target_beside ({target} = the profile's
 *   target), right-aligned at x_right on baseline y. */
nv_err pdf_page1_service(pdf_comp_ctx *c, nv_errbuf *eb);
nv_err pdf_page1_target(pdf_doc *d, const nv_tpl *t, const nv_report *r, double x_right, double y,
                        nv_errbuf *eb);

/* ---- The notice board's words (pdf_notice_words.c).
 * pdf_notice_limit(): the time limit in plain words at *y, in a band of the
 *   width: [limit] one ({hours}: the profile's, when every category has the
 *   same) or range ({min}, {max}: its shortest and longest), English on
 *   the left, the second language on the right; *y moves below it.
 * pdf_notice_days(): days first_day..last_day as the reader says them in
 *   both languages of m (datewords.h) into en and hi (n bytes each). */
nv_err pdf_notice_limit(pdf_doc *d, const nv_tpl *t, const nv_report *r, double left, double width,
                        double *y, nv_errbuf *eb);
void pdf_notice_days(const nv_months *m, int64_t first_day, int64_t last_day, char *en, char *hi,
                     size_t n);

#endif
