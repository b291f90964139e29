/* xlsx.h — the wing heads' workbooks, wing-<wing>.xlsx (OUTPUTS.md), written
 * with libxlsxwriter in constant_memory mode.
 *
 * One workbook per wing of the organisation: the wings of the org_xen table
 * and the wings found in records (queries/xlsx_wings.sql), except 'UNMAPPED'
 * (records whose category no template knows belong to no wing head; the MD's
 * PDF notes them). The file name is the wing in lower case, characters other
 * than a-z, 0-9, '-' and '_' replaced by '-': wing-technical.xlsx.
 *
 * Layout lives in templates_dir/workbook.ini (see that file's header for the
 * schema): the workbook's properties, the Summary's words, and one [sheet:ID]
 * section per sheet in order, each naming its query (queries/xlsx_*.sql) and
 * followed by its [col:ID:FIELD] sections in column order (result column,
 * heading_en, heading_hi, type, width, conditional format). A new column or
 * sheet is a template change (plus a query file for a new sheet).
 *
 * Windows (report day D = r->last_day, zone = meta 'timezone', else r->tz):
 *   report window   [r->d0, r->d1)                 (one day, or the period)
 *   30 days         the 30 days ending with D       (ranking, trend)
 *   records window  the earlier of r->first_day and D-29, to D inclusive:
 *                   the Records sheet holds the wing's records REGISTERED in it.
 * Previous periods per METRICS.md: the same number of days just before; for
 * the month to date, days 1..min(day of D, length of that month) of the
 * previous month.
 *
 * The workbooks are written side by side, sheet by sheet. A table sheet's
 * query normally takes :wing and runs once per workbook; a split sheet's
 * (template key split = COLUMN, for Records) takes no :wing and runs once
 * for all: each row goes to the workbook of the wing in its COLUMN (rows of
 * wings without a workbook are left out), so the records window is read
 * once, not once per wing.
 *
 * Then the workbooks are closed (libxlsxwriter assembles each sheet's XML
 * from its temporary file and deflates it: most of the cost) side by side,
 * in up to one process per online processor: the caller closes the largest
 * bin of workbooks, a fork()ed child each other bin, and waits for them
 * (processes, because libxlsxwriter's close is not thread-safe: gmtime()).
 * A child reports its first error through a pipe; a failed workbook does
 * not stop the others. The children's CPU time counts in the caller's
 * RUSAGE_CHILDREN (manifest.c adds it). stdio buffers are flushed before
 * the fork, and a child ends with _exit().
 *
 * Sheets' queries may use these named parameters (bound when present):
 *   :wing, :d0, :d1 (report window), :p0, :p1 (previous period),
 *   :t0 (start of the 30 days; :d1 ends them), :w0 (start of the records
 *   window), :report_day (r->report_date, for officer-level flags).
 * Every figure window is computed once for all workbooks: the report window
 * and its previous period by metrics_compute() (as the open data), the last
 * 7 days, the month to date, their previous periods, the 30 days of the
 * ranking and the 30-day trend from one pass over the records
 * (xlsx_win_fill, equal to metrics_compute() on each window; ranked by
 * metrics_rank_table()). Figures by XEN reach the sheets through a temp
 * table temp.xlsx_xen (columns listed in queries/xlsx_by_xen.sql), the
 * trend through temp.xlsx_trend, created and dropped by xlsx_write_wings on
 * r->db.
 *
 * Column types: int, num (a plain number), pct (percent, one decimal), hours
 * (hours, two decimals), secs_h (whole seconds shown as hours, rounded as
 * metrics_fmt_hours does), change_pct / change_h (signed differences),
 * datetime (an instant, written as an Excel datetime in the zone), text,
 * masked_mobile (98XXXXXX21). Numbers are written as numbers, never text;
 * NULL leaves the cell empty. Text longer than Excel's 32,767 characters is
 * cut and ends with XLSX_CUT_MARKER.
 *
 * Document properties: title, subject, author "nivaran", company (the
 * template's, else r->org_name), keywords, comments; created fixed to the
 * report day (00:00 UTC of D), so a rerun writes byte-identical files. */
#ifndef NIVARAN_XLSX_H
#define NIVARAN_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "nivaran/err.h"
#include "nivaran/metrics.h"
#include "nivaran/report.h"

#define XLSX_CUT_MARKER " [… cut: text longer than Excel allows]"

/* Writes every wing's workbook into r->out_dir, each to outfile_tmpname()
 * then outfile_rename(). Needs the judgement columns current
 * (metrics_judge()) and the flag table filled. Errors: NV_ERR_CONFIG (bad
 * template, naming file and line), NV_ERR_DB, NV_ERR_RENDER (libxlsxwriter,
 * with its message and the file), NV_ERR_IO, NV_ERR_NOMEM. On error no
 * partial workbook is left under its final name. */
nv_err xlsx_write_wings(const nv_report *r, nv_errbuf *eb);

/* Most wings xlsx_write_wings writes a workbook for. */
#define XLSX_MAX_WINGS 256

/* The wings that get a workbook, in order (for callers that list outputs):
 * fills up to max names (each up to 64 bytes) and sets *n. */
nv_err xlsx_list_wings(const nv_report *r, char (*names)[64], size_t max, size_t *n, nv_errbuf *eb);

/* "wing-technical.xlsx" for "TECHNICAL" into buf (size n); -1 when it does
 * not fit. */
int xlsx_file_name(const char *wing, char *buf, size_t n);

/* Writes the masked form of a mobile (first two and last two digits kept,
 * X between: "9876543221" -> "98XXXXXX21"; 4 characters or fewer: all X)
 * into buf (size n). */
void xlsx_mask_mobile(const char *mobile, char *buf, size_t n);

/* Copies s into buf (size n) fit for a cell: control characters other than
 * tab and line feed become spaces, invalid UTF-8 bytes become '?', and text
 * over 32,767 characters is cut with XLSX_CUT_MARKER. Returns the number of
 * characters (code points) written. buf must hold at least
 * min(strlen(s), 4 * 32767) + 1 bytes. */
size_t xlsx_cell_text(const char *s, char *buf, size_t n);

/* 1 when s is fit for a cell as it is (what xlsx_cell_text would copy
 * unchanged: valid UTF-8, no control character but tab and line feed, at
 * most 32,767 characters), with its number of characters in *chars; else 0
 * (*chars untouched): then use xlsx_cell_text. */
int xlsx_cell_clean(const char *s, size_t *chars);

/* ---- internal to the xlsx module (src/xlsx*.c); not for other callers ---- */

#define XLSX_MAX_SHEETS 16
#define XLSX_MAX_COLS 64
#define XLSX_MAX_NOTES 12

typedef enum {
    XT_INT,
    XT_NUM,
    XT_PCT,
    XT_HOURS,
    XT_SECS_H,
    XT_CHANGE_PCT,
    XT_CHANGE_H,
    XT_DATETIME,
    XT_TEXT,
    XT_MASKED_MOBILE
} xlsx_type;

typedef enum { XC_NONE, XC_BELOW_TARGET, XC_NONZERO, XC_DATABAR, XC_SEVERITY } xlsx_cond;

typedef struct {
    char field[64];
    char heading_en[96];
    char heading_hi[192];
    xlsx_type type;
    double width;
    xlsx_cond cond;
    char list[256]; /* "A|B|C": an Excel drop-down of these values on the data rows */
} xlsx_col;

typedef struct {
    char id[32];
    char kind[16]; /* "summary" or "table" */
    char name[32]; /* sheet name, <= 31 characters */
    char query[64];
    char split[64]; /* a split sheet: query's column telling each row's wing */
    char title_en[160], title_hi[320];
    char notes[XLSX_MAX_NOTES][400]; /* lines under the title */
    int n_notes;
    int freeze_cols;
    int total_row; /* table sheets: a "Total" row summing int columns */
    xlsx_col cols[XLSX_MAX_COLS];
    int n_cols;
} xlsx_sheet_tpl;

/* Summary words: label keys ("received.en", "day.hi", ...) and values. */
#define XLSX_MAX_LABELS 96
typedef struct {
    char title[200], subject[200], company[120], keywords[200], comments[400];
    double max_width;
    double max_rows; /* rows a table sheet may fill (at most Excel's limit less
                        two); the rows beyond are counted in a note under it */
    xlsx_sheet_tpl sheets[XLSX_MAX_SHEETS];
    int n_sheets;
    struct {
        char key[48];
        char value[400];
    } labels[XLSX_MAX_LABELS];
    int n_labels;
    char path[1024];
} xlsx_tpl;

/* Loads templates_dir/workbook.ini into *t (caller's storage; nothing to
 * free). NV_ERR_CONFIG with file, line and reason. */
nv_err xlsx_tpl_load(const char *templates_dir, xlsx_tpl *t, nv_errbuf *eb);

/* The label's value, or key itself when the template lacks it. */
const char *xlsx_tpl_label(const xlsx_tpl *t, const char *key);

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

typedef struct {
    struct lxw_format *title, *subtitle, *note, *header, *group, *text, *wrap, *integer, *num, *pct,
        *hours, *chg_int, *chg_pct, *chg_h, *datetime, *date, *link, *label, *total_label,
        *total_int, *bad, *warn;
} xlsx_fmts;

/* Everything one run of xlsx_write_wings shares across wings and sheets. */
typedef struct {
    const nv_report *r;
    const xlsx_tpl *t;
    nv_tz tz;             /* zone of the datetimes written */
    int64_t day;          /* report day D (local days since epoch) */
    int64_t t0, w0;       /* starts of the 30 days and of the records window */
    int64_t p0, p1;       /* previous period of the report window */
    int64_t wk0, wkp0;    /* week [wk0, d1), previous [wkp0, wk0) */
    int64_t m0, mp0, mp1; /* month to date [m0, d1), previous [mp0, mp1) */
    nv_fig_table fday, fprev, fweek, fweekp, fmtd, fmtdp;
    const char *wing;
    struct lxw_workbook *wb;
    xlsx_fmts f;
    char *buf; /* cell text scratch, bufn bytes */
    size_t bufn;
    char path[4096], tmp[4096], tmpdir[4096];
    char *vbuf[XLSX_MAX_SHEETS]; /* stdio buffers of the sheets' temporary files */
    int n_vbuf;
    uint64_t rows; /* table rows written: the largest workbook is closed first */
} xlsx_ctx;

/* Days of the Summary's trend: the 30 ending with D (temp.xlsx_days). */
#define XLSX_TREND_DAYS 30

/* The windows besides the report window and its previous period, in this
 * order: last 7 days, the 7 before, month to date, its previous period, the
 * 30 days of the ranking. */
enum { XLSX_WIN_WEEK, XLSX_WIN_WEEKP, XLSX_WIN_MTD, XLSX_WIN_MTDP, XLSX_WIN_30, XLSX_WIN_N };

/* From one pass over the records (queries/xlsx_windows.sql), for all wings:
 * fills c->fweek, fweekp, fmtd, fmtdp and *rank30 (the 30 days), each equal
 * to metrics_compute() over its window (with a row for each XEN row of
 * c->fday, which must be filled); and temp.xlsx_trend (xlsx_temp.sql, to be
 * created) with the 30-day trend of each of wings[0..n). The tables are the
 * caller's (metrics_table_free); on error none is set (xlsx_win.c). */
nv_err xlsx_win_fill(xlsx_ctx *c, const char (*wings)[64], size_t n, nv_fig_table *rank30,
                     nv_errbuf *eb);
/* Writes the Summary sheet (xlsx_summary.c). */
nv_err xlsx_summary_sheet(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet *ws,
                          nv_errbuf *eb);
/* NV_ERR_RENDER naming the workbook, the step and libxlsxwriter's message. */
nv_err xlsx_lxw_fail(const xlsx_ctx *c, int lxw_error, const char *what, nv_errbuf *eb);

/* Checks a libxlsxwriter call inside a function with `nv_err rc`, an
 * xlsx_ctx *c, an nv_errbuf *eb and a `done:` label: on an error, rc gets
 * xlsx_lxw_fail()'s message and control goes to done. */
#define XW(call)                                                                                   \
    do {                                                                                           \
        lxw_error e_ = (call);                                                                     \
        if (e_ != LXW_NO_ERROR) {                                                                  \
            rc = xlsx_lxw_fail(c, e_, #call, eb);                                                  \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)
/* Replaces {wing} {date} {tz} {profile} {target} {org} of in into out. */
void xlsx_subst(const xlsx_ctx *c, const char *in, char *out, size_t n);
/* Binds the named parameters of xlsx.h that st uses, for wing c->wing. */
nv_err xlsx_bind(const xlsx_ctx *c, sqlite3_stmt *st, nv_errbuf *eb);
/* "EN / HI" (or EN alone) of label KEY into out. */
void xlsx_label2(const xlsx_ctx *c, const char *key, char *out, size_t n);
/* Start instant of local day `day` in the workbook's zone. */
int64_t xlsx_day_start(const xlsx_ctx *c, int64_t day);

#endif
