/* pdf.h — the two PDFs of OUTPUTS.md, made with libharu.
 *
 * pdf_write_md() writes r->out_dir/md-daily-report.pdf, the MD's A4 report:
 *   page 1 "at a glance" — the organisation's received, resolved, compliance,
 *   breached, open (pending_end) and overdue (overdue_end) for the window,
 *   each beside the previous day and the average of the 7 days before the
 *   window, with the change (a period: see below); the wing table (every open-data column of
 *   sla_by_wing.csv); a 30-day trend chart (received bars, compliance line,
 *   target line) drawn with paths; the three things most needing attention.
 *   Then the XEN league table per wing (ranked as metrics_rank ranks, over
 *   the 30 days ending with the last day, and the 30 days ending 7 days
 *   earlier for the previous rank; a period: below), breaches by category, risk flags (counts per
 * wing and severity, the top ones with evidence, and the statement that a flag is a reason to look,
 * not a finding), and data-quality notes.
 *
 *   "Needs attention" rule: candidates are (a) each wing x category backlog
 *   overdue at the end of the window, scored overdue + overdue-by-more-than-
 *   7-days (long-overdue records count twice); (b) each wing whose compliance
 *   in the window is below the profile's target, scored by its breaches in
 *   the window; (c) each wing's HIGH-severity risk flags in the window,
 *   scored by their number. The three highest scores are shown (ties: wing,
 *   then category, by name). Every score is a count of records needing
 *   action, so the kinds compare.
 *
 * pdf_write_notice() writes r->out_dir/notice-board.pdf, the public one-page
 *   notice (A4, or A3 with r->page_a3, everything scaled by sqrt 2): for the
 *   window and for the month to date (1st of the month of r->last_day to
 *   r->last_day), per wing and for the organisation, received, resolved and
 *   compliance_pct ("resolved within the time limit / समय सीमा में
 *   निस्तारित"), exactly as the open data writes them; how to complain and
 *   where to escalate. Every text comes from templates/pdf/notice.ini in
 *   English and Hindi. Nothing personal or internal (no names, numbers,
 *   accounts, no risk flags).
 *
 * Period reports (r->first_day < r->last_day, `--from`). METRICS.md: a
 *   period's figures are over the whole period, shown beside the previous
 *   period's (the same number of days just before) with the change. So:
 *   - Texts: every [text] KEY has a KEY_period twin where the day wording
 *     would be wrong ("Report period / रिपोर्ट अवधि", "Open at end of
 *     period", "Previous period / पिछली अवधि", ...); dates read "FROM to TO".
 *   - MD tiles: line 1 is the previous period and the change; a caption
 *     over the tiles names it ("... of the same length (26 days): FROM to
 *     TO"). Line 2, the day's "7-day avg", becomes "Daily avg: A (before:
 *     B)": received, resolved and breached divided by the days, open and
 *     overdue the mean of their end-of-day values, for the period and the
 *     previous period; compliance has no line 2 (a pooled figure is never
 *     averaged).
 *   - Trend: the period day by day when it is longer than 30 days, else the
 *     30 days ending with the last day.
 *   - League table: a period of 30 days or more ranks over itself, "Prev" is
 *     the rank over the previous period; a shorter period ranks like a day
 *     (the 30 days ending with the last day; Prev: ending 7 days earlier).
 *     Open and Overdue are always at the end of the report's window.
 *   - Breaches by category: the period and the previous period (a day: the
 *     day and the 7 days ending with it).
 *   - Notice board: two tables, "The period / अवधि: FROM to TO" and
 *     "Previous period / पिछली अवधि: FROM to TO". The month to date of the
 *     last day is left out: beside a period it overlaps it in part and
 *     reads as a second, different total for the same days; the previous
 *     period answers the public's question "better or worse than before?".
 *
 * Speed: each document reads every window once. The MD takes the day (or
 *   period) and the previous one from metrics_compute (they carry the
 *   backlog at their ends); the trend, the week and the league windows come
 *   from one day cube (below) of the 37 days ending with the last day; the
 *   backlog averages from one pass of pdf_stock for all their instants. The
 *   notice takes its second table from a cube. 242k-record set, report day
 *   2025-01-04: both PDFs 1.9 s -> 0.5 s CPU.
 *
 * Numerals: Latin digits (0-9) everywhere, in the Hindi text too — the
 *   international form of Indian numerals used by UPPCL's own notices and by
 *   the open data, so a figure reads and searches the same in both
 *   languages. Counts are written as plain integers and percentages/hours
 *   with metrics_fmt_pct / metrics_fmt_hours, so the text of the PDFs holds
 *   the open-data figures character for character; "-" stands for an empty
 *   figure.
 *
 * Both files: embedded TrueType fonts (DejaVu Sans, Noto Sans Devanagari via
 *   shape.h), compressed, an outline entry per section, header and footer on
 *   every page (report day, "data as of" = r->d1 in r->tz, page n of m),
 *   creation date = the report's last day, no clock: byte-identical on a
 *   rerun. Written to outfile_tmpname() and renamed into place.
 *
 * Layout texts: templates/pdf/md.ini and templates/pdf/notice.ini (a missing
 * file or key is NV_ERR_CONFIG naming both). Figures: metrics.h (the judged
 * columns must be current: metrics_judge() runs before). Errors: NV_ERR_DB,
 * NV_ERR_RENDER (libharu / HarfBuzz, with the libharu error code), NV_ERR_IO. */
#ifndef NIVARAN_PDF_H
#define NIVARAN_PDF_H

#include <hpdf.h>

#include "nivaran/err.h"
#include "nivaran/metrics.h"
#include "nivaran/report.h"
#include "nivaran/shape.h"

nv_err pdf_write_md(const nv_report *r, nv_errbuf *eb);
nv_err pdf_write_notice(const nv_report *r, nv_errbuf *eb);

/* ---- Shared by pdf_md.c and pdf_notice.c (pdf_common.c); not an API for
 * other modules. ---------------------------------------------------------- */

/* A layout template: every key of an INI file, in file order. */
typedef struct {
    struct pdf_kv {
        char *sec, *key, *val;
    } * v;
    size_t n, cap;
    char path[1024];
} pdf_tpl;

/* Loads templates_dir/pdf/NAME.ini. Free with pdf_tpl_free(). */
nv_err pdf_tpl_load(const char *templates_dir, const char *name, pdf_tpl *t, nv_errbuf *eb);
/* The organisation's own template when there is one: pdf/NAME.SLUG.ini,
 * SLUG = org in lower case with each run of other characters than letters
 * and digits as one '-' ("City of Boston" -> notice.city-of-boston.ini);
 * else (or org NULL) pdf/NAME.ini, as pdf_tpl_load. */
nv_err pdf_tpl_load_org(const char *templates_dir, const char *name, const char *org, pdf_tpl *t,
                        nv_errbuf *eb);
void pdf_tpl_free(pdf_tpl *t);
/* The value of sec.key, or NULL. */
const char *pdf_tpl_get(const pdf_tpl *t, const char *sec, const char *key);
/* Like pdf_tpl_get but a missing key is NV_ERR_CONFIG naming file and key. */
nv_err pdf_tpl_need(const pdf_tpl *t, const char *sec, const char *key, const char **out,
                    nv_errbuf *eb);
/* Splits a two-language value "English | हिन्दी" (either part may be empty)
 * into en and hi (buffers of size n each, trimmed). */
void pdf_tpl_split(const char *val, char *en, char *hi, size_t n);

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
nv_err pdf_open(pdf_doc *d, const nv_report *r, const pdf_tpl *t, const char *title, nv_errbuf *eb);
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

/* ---- The day cube (pdf_common.c): the additive figures of METRICS.md
 * (received, resolved, rejected, met, breached) per XEN and local day over
 * a span of days, and the resolution times, read in one pass so that every
 * window inside the span (the trend's days, the week, the league table's two
 * 30-day windows, the month to date) costs no further database work.
 *
 * Reading: the records registered in the span (registered index, one table
 * read each), then the ids of records disposed or judged in the span from
 * the disposed and judged_at indexes alone; only those the first pass did
 * not see (registered before the span) are read, by id. A record counts
 * exactly as in queries/fig_window.sql (TIME_ANOMALY left out of received,
 * resolved and rejected; a judgement counts when judged_at is in the day).
 * Memory: 40 bytes per XEN and day, 16 per resolution in the span (with
 * times), and one bit per record id (the "seen" bitmap, freed on return).
 * pending_end and overdue_end are not in the cube (they are states at an
 * instant, not events): tables made from it have them 0. */
typedef struct {
    char wing[64], xen_id[96];
} pdf_cube_xen;

typedef struct {
    int32_t x, day; /* XEN index, day index in the span */
    int64_t s;      /* disposed - registered, seconds */
} pdf_cube_time;

typedef struct {
    int64_t first_day; /* local day of index 0 */
    int ndays;
    int64_t *bound; /* ndays + 1 day starts (instants) */
    int times;      /* resolution times kept */
    pdf_cube_xen *x;
    size_t nx, xcap;
    nv_xen_index ix; /* on (wing, xen_id), into x */
    int64_t *cnt;    /* [x][day][5]: received, resolved, rejected, met, breached */
    pdf_cube_time *t;
    size_t nt, tcap;
} pdf_cube;

/* Reads the cube of local days first_day..last_day in zone tz; with times,
 * the resolution times too. c is the caller's: free with pdf_cube_free()
 * (also after a failure). NV_ERR_DB, NV_ERR_NOMEM. */
nv_err pdf_cube_load(sqlite3 *db, const nv_tz *tz, int64_t first_day, int64_t last_day, int times,
                     pdf_cube *c, nv_errbuf *eb);
void pdf_cube_free(pdf_cube *c);
/* The organisation's figures (all XENs) over days a..b of the span (local
 * days, inclusive, clipped to the span); no percentiles, no pending. */
void pdf_cube_sum(const pdf_cube *c, int64_t a, int64_t b, nv_figs *out);
/* The figures of days a..b (inside the span; else NV_ERR_INTERNAL) laid out
 * as metrics_compute() lays them out: wing rows (ALL included) then XEN
 * rows; the XEN rows are those of ref's XEN rows (the list metrics_compute
 * gives for a window with the same end) plus any XEN with figures in the
 * window that ref lacks (none when ref has the same end).
 * Percentiles need a cube with times (else absent). pending_end and
 * overdue_end are 0. out is the caller's: metrics_table_free(). */
nv_err pdf_cube_table(const pdf_cube *c, const nv_fig_table *ref, int64_t a, int64_t b,
                      nv_fig_table *out, nv_errbuf *eb);

/* "2024-12-02 00:00 +05:30": the end of the report's last day. */
void pdf_asof(const nv_report *r, char *buf, size_t n);
/* The report's days as readers see them: "2024-12-10" for a day,
 * "2024-11-01 to 2024-12-10" for a period. buf at least 32 bytes. */
void pdf_range(const nv_report *r, char *buf, size_t n);
/* A count as plain digits (the open data's form). */
void pdf_fmt_int(int64_t v, char *buf, size_t n);
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
    const pdf_tpl *t;
    const nv_report *r;
    int period;                      /* a period report: KEY_period texts */
    double left, width, top, bottom; /* the text frame; a new page starts at top */
    double *y;                       /* the layout cursor, moved down */
} pdf_comp_ctx;
nv_err pdf_comp_kpi(pdf_comp_ctx *c, nv_errbuf *eb);
nv_err pdf_comp_section(pdf_comp_ctx *c, nv_errbuf *eb);

#endif
