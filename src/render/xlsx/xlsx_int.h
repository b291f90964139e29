/* xlsx_int.h — the internals of the module, shared by its source files; not an
 * API for any other module (include/nivaran/render/xlsx/xlsx.h is its manual). */
#ifndef NIVARAN_XLSX_INT_H
#define NIVARAN_XLSX_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/compute/figures.h"
#include "nivaran/core/words.h"
#include "nivaran/render/xlsx/xlsx.h"

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
    XT_SECS_D, /* seconds shown as days, one decimal */
    XT_CHANGE_PCT,
    XT_CHANGE_H,
    XT_DATETIME,
    XT_TEXT,
    XT_MASKED_MOBILE
} xlsx_type;

typedef enum {
    XC_NONE,
    XC_BELOW_TARGET,
    XC_NONZERO,
    XC_DATABAR,
    XC_SEVERITY,
    XC_MARKED /* any text in red (By XEN's worst three) */
} xlsx_cond;

typedef struct {
    char field[64];
    char heading_en[96];
    char heading_hi[192];
    xlsx_type type;
    double width;
    xlsx_cond cond;
    char needs[32]; /* a canonical layout field the column shows, or "": left out of
                       the workbooks of an organisation none of whose layouts maps it */
    char list[256]; /* "A|B|C": an Excel drop-down of these values on the data rows */
    int names;      /* 0, or 1 + a names_kind: the code shown by its plain name (names.h) */
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
    int total_row;    /* table sheets: a "Total" row summing int columns */
    int plain_header; /* header = plain: one header row of the English headings,
                         the Hindi ones in a row of their own above it, then an
                         empty row (a pivot table's source: one header row
                         directly above the data, nothing else touching it) */
    xlsx_col cols[XLSX_MAX_COLS];
    int n_cols;
} xlsx_sheet_tpl;

/* ---- table sheets (xlsx.c) ---- */

/* Per column of a table sheet: where its value is in the result row, the
 * widest text written, and the running total. */
typedef struct {
    int idx;
    size_t chars;
    double total;
} col_state;

/* One cell's value as its column's type reads it from a result row: a text
 * column's text (s, n bytes, NUL-terminated; valid while the row is), an
 * integer column's i (xlsx_type_int), another numeric column's d. has = 0:
 * NULL, an empty cell. */
typedef struct {
    int has;
    uint32_t n;
    const char *s;
    int64_t i;
    double d;
} xlsx_val;

/* Whether a column of type t shows text (its value is the result's text). */
int xlsx_type_text(xlsx_type t);
/* Whether a numeric column of type t reads an integer (sqlite3_column_int64)
 * from the result row, not a real. */
int xlsx_type_int(xlsx_type t);
/* Column k's value in st's current row (cs->idx) into *v. */
void xlsx_cell_get(const xlsx_col *k, const col_state *cs, sqlite3_stmt *st, xlsx_val *v);

/* Summary words: label keys ("received.en", "day.hi", ...) and values. */
#define XLSX_MAX_LABELS 96
typedef struct {
    char title[200], subject[200], company[120], keywords[200], comments[400];
    double max_width;
    char footer[200];     /* [workbook] footer: left part of every sheet's footer */
    char footer_page[80]; /* footer_page: right part; {page} {pages} */
    double max_rows;      /* rows a table sheet may fill (at most Excel's limit less
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
 * free), with the organisation's words w put into its texts and, when w
 * is not bilingual, its Hindi keys left out (words.h; w NULL: the texts as
 * written). NV_ERR_CONFIG with file, line and reason. */
nv_err xlsx_tpl_load(const char *templates_dir, const nv_words *w, xlsx_tpl *t, nv_errbuf *eb);

/* Leaves out of t every column whose `needs` field is in the comma-separated
 * list unfilled (NULL: none). */
void xlsx_tpl_drop_unfilled(xlsx_tpl *t, const char *unfilled);

/* The label's value, or key itself when the template lacks it. */
const char *xlsx_tpl_label(const xlsx_tpl *t, const char *key);

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

typedef struct {
    struct lxw_format *title, *subtitle, *note, *header, *group, *text, *wrap, *integer, *num, *pct,
        *hours, *chg_int, *chg_pct, *chg_h, *datetime, *date, *link, *label, *total_label,
        *total_int, *bad, *warn, *days;
} xlsx_fmts;

/* Everything one run of xlsx_write_wings shares across wings and sheets. */
typedef struct {
    const nv_report *r;
    const xlsx_tpl *t;
    nv_tz tz;              /* zone of the datetimes written */
    int64_t day;           /* report day D (local days since epoch) */
    int64_t t0, w0;        /* starts of the 30 days and of the records window */
    int64_t p0, p1;        /* previous period of the report window */
    int64_t wk0, wkp0;     /* week [wk0, d1), previous [wkp0, wk0) */
    int64_t m0, mp0, mp1;  /* month to date [m0, d1), previous [mp0, mp1) */
    const nv_figures *fig; /* the night's figures (figures.h) */
    int bilingual;         /* the organisation's reports carry Hindi (words.h) */
    const nv_fig_table *fday, *fprev, *fweek, *fweekp, *fmtd, *fmtdp, *f30; /* of fig */
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

/* ---- table sheets and workbooks (xlsx.c) ---- */

/* The template's columns of sheet s from st's current row into
 * v[0..s->n_cols) (cs: the columns' places, from xlsx_table_query()). */
void xlsx_row_get(const xlsx_sheet_tpl *s, const col_state *cs, sqlite3_stmt *st, xlsx_val *v);
/* Writes the values v[0..s->n_cols) at row of ws (names, masks, cleaning,
 * number formats as the columns' types say), widening cs's widths and
 * adding to its totals. NV_ERR_RENDER from libxlsxwriter. */
nv_err xlsx_row_put(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet *ws, col_state *cs,
                    uint32_t row, const xlsx_val *v, nv_errbuf *eb);
/* Prepares sheet s's query (caller finalizes *st) with its parameters bound
 * for c's wing, and maps the template's columns onto its result into cs.
 * NV_ERR_CONFIG when a column or the :wing rule does not fit, NV_ERR_DB. */
nv_err xlsx_table_query(xlsx_ctx *c, const xlsx_sheet_tpl *s, sqlite3_stmt **st, col_state *cs,
                        nv_errbuf *eb);
/* Title, notes and header of table sheet s on ws, frozen under the header
 * (its row into *hdr); cs's widths start from the headings. */
nv_err xlsx_table_start(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet *ws,
                        col_state *cs, uint32_t *hdr, nv_errbuf *eb);
/* Under the rows hdr + 1 .. last of ws: filter, conditional formats,
 * drop-downs, the Total row, the column widths. */
nv_err xlsx_table_finish(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet *ws,
                         const col_state *cs, uint32_t hdr, uint32_t last, nv_errbuf *eb);
/* When cut > 0 rows did not fit, the note saying so two rows under last. */
nv_err xlsx_table_cut_note(xlsx_ctx *c, struct lxw_worksheet *ws, uint32_t last, int64_t cut,
                           nv_errbuf *eb);
/* The last row a table sheet whose header is row hdr may fill. */
uint32_t xlsx_last_data_row(const xlsx_ctx *c, uint32_t hdr);
/* Adds sheet s to c's workbook (into *ws) with its print setup and a large
 * buffer on its temporary file. NV_ERR_RENDER. */
nv_err xlsx_sheet_add(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet **ws,
                      nv_errbuf *eb);
/* Closes c's workbook (libxlsxwriter frees it in any case): renamed into
 * place when ok and written, else its temporary file removed. */
nv_err xlsx_book_close(xlsx_ctx *c, int ok, nv_errbuf *eb);
/* Frees c's workbook without writing it, in the process that left it to a
 * worker that has ended (its sheets' files flushed before the fork). */
void xlsx_book_discard(xlsx_ctx *c);

/* ---- split sheets, the workers that finish the workbooks (xlsx_books.c) ---- */

/* One workbook's part of a split sheet. */
typedef struct {
    struct lxw_worksheet *ws;
    uint32_t hdr, row; /* header row; next row to write */
    int64_t cut;       /* rows beyond Excel's limit, not written */
    col_state cs[XLSX_MAX_COLS];
} xlsx_split_part;

/* The split sheets of a night's workbooks, started and waiting for their
 * rows: sheet s[k], its parts p[k][0..n) (one per workbook), its query
 * st[k] (p[k][0].cs holds the columns' places in it) and the column of it
 * that tells the wing. */
typedef struct {
    const xlsx_sheet_tpl *s[XLSX_MAX_SHEETS];
    xlsx_split_part *p[XLSX_MAX_SHEETS];
    sqlite3_stmt *st[XLSX_MAX_SHEETS]; /* its query, prepared and bound */
    int key[XLSX_MAX_SHEETS];
    int n;
} xlsx_split;

/* Adds split sheet s (s->split names its wing column) to each of
 * books[0..n) with its title and header, and records it in sp (free with
 * xlsx_split_free() in any case); its rows come in xlsx_books_finish().
 * NV_ERR_CONFIG when its query lacks the column, NV_ERR_RENDER, NV_ERR_NOMEM. */
nv_err xlsx_split_start(xlsx_split *sp, xlsx_ctx *books, size_t n, const xlsx_sheet_tpl *s,
                        nv_errbuf *eb);
void xlsx_split_free(xlsx_split *sp);
/* What the caller runs while the workers finish (xlsx_write_wings_meanwhile);
 * called: set once it has run. */
typedef struct {
    xlsx_meanwhile_fn fn; /* NULL: nothing */
    void *ctx;
    int called;
} xlsx_meanwhile;

/* Fills the split sheets of sp from their queries (each row to its wing's
 * workbook), finishes them and closes books[0..n): in up to one worker
 * process per processor, this process reading the database (see
 * xlsx_books.c); here when a worker cannot be started or there is one
 * processor. Once the rows are out, mw->fn runs here (when ok and no error
 * came first). ok = 0: nothing is written, the workbooks' files are
 * removed (a stopped worker's tmp files too). The first error (a worker's
 * or mw->fn's included) in eb. */
nv_err xlsx_books_finish(xlsx_ctx *books, size_t n, xlsx_split *sp, int ok, xlsx_meanwhile *mw,
                         nv_errbuf *eb);

/* Days of the Summary's trend: the 30 ending with D (temp.xlsx_days). */
#define XLSX_TREND_DAYS 30

/* Writes the Summary sheet (xlsx_summary.c). */
nv_err xlsx_summary_sheet(xlsx_ctx *c, const xlsx_sheet_tpl *s, struct lxw_worksheet *ws,
                          nv_errbuf *eb);
/* Writes the sheet "Compensation" (xlsx_comp.c), when c->r->comp is set:
 * title and the clock it counts on (statutory, beside the run's profile;
 * before the annual cap), the month to date by XEN of the wing (owed
 * records, rupees, rupees on records returned to the applicant, accruing
 * records and rupees at d1) with the wing's total, then the wing's ledger
 * rows of the report window (compensation.h's rows, the columns of
 * internal/compensation.csv but wing; times as Excel datetimes in the
 * zone). Rupees in Indian grouping (NUMFMT_XLSX_INDIAN). After the template's
 * sheets, so it is the last sheet; its rows above the first table (title,
 * clock) are frozen. */
nv_err xlsx_comp_sheet(xlsx_ctx *c, nv_errbuf *eb);
#define XLSX_COMP_SHEET "Compensation" /* its name (the Summary links to it) */
/* Print setup of a sheet (xlsx_print.c): A4 landscape, fitted to one page
 * wide, rows first .. last (first <= last) repeated on every page when
 * first >= 0, and the footer of the template ([workbook] footer, footer_page:
 * the report day and wing on the left, the page number on the right). */
nv_err xlsx_print_setup(xlsx_ctx *c, struct lxw_worksheet *ws, int first, int last, nv_errbuf *eb);
/* The Excel footer string ("&L...&R...") of c's workbook into out (n bytes,
 * at most 255 characters: the left part is cut at a character boundary). */
void xlsx_footer(const xlsx_ctx *c, char *out, size_t n);
/* temp.xlsx_subdiv from the org chart in force (xlsx_subdiv.c): each
 * subdivision by its matching key (normalise.h norm_key, as the loader keys
 * record.subdivision_key), spelled as in the chart; nothing without a chart.
 * NV_ERR_DB. */
nv_err xlsx_subdiv_store(const nv_report *r, nv_errbuf *eb);
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
/* The names of the workbooks (xlsx_names.c; core/names.h, c->r->names):
 * xlsx_names_kind() the column key `names` (category, flag, wing, status)
 *   as 1 + its names_kind, or 0 when it is none of them;
 * xlsx_name() the plain name of code ("English / हिन्दी" in a bilingual
 *   workbook when the Hindi differs), else the code, into buf (n bytes);
 * xlsx_zone() the zone's name at the end of the report (IST, EST ...). */
int xlsx_names_kind(const char *value);
const char *xlsx_name(const xlsx_ctx *c, int kind, const char *code, char *buf, size_t n);
void xlsx_zone(const xlsx_ctx *c, char *buf, size_t n);

/* Replaces {wing} (by its plain name) {date} {tz} (the zone's name) {profile}
 * {target} {org} of in into out. */
void xlsx_subst(const xlsx_ctx *c, const char *in, char *out, size_t n);
/* Binds the named parameters of xlsx.h that st uses, for wing c->wing. */
nv_err xlsx_bind(const xlsx_ctx *c, sqlite3_stmt *st, nv_errbuf *eb);
/* "EN / HI" (or EN alone) of label KEY into out. */
void xlsx_label2(const xlsx_ctx *c, const char *key, char *out, size_t n);
/* Start instant of local day `day` in the workbook's zone. */
int64_t xlsx_day_start(const xlsx_ctx *c, int64_t day);

#endif
