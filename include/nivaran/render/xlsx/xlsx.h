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
 * Then the workbooks are finished in up to one worker process per online
 * processor (r->xlsx_workers sets fewer, or none), the largest workbook
 * alone first: the caller fork()s them once every sheet but the split
 * sheets' rows is written, runs the split queries and streams each row's
 * cell values to the worker of its workbook over a socket; a worker writes
 * the rows, finishes the sheets and closes its workbooks (libxlsxwriter
 * assembles each sheet's XML from its temporary file and deflates it: most
 * of the cost). Processes, because libxlsxwriter is not thread-safe
 * (gmtime()); a worker never touches the database. A worker reports its
 * first error on its socket; a failed workbook does not stop the others; a
 * failure in the caller kills the workers. The workers' CPU time counts in
 * the caller's RUSAGE_CHILDREN (manifest.c adds it). stdio buffers are
 * flushed before the fork, and a worker ends with _exit(). Whoever writes
 * them, the workbooks are the same bytes.
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

#include "nivaran/core/err.h"
#include "nivaran/core/report.h"

#define XLSX_CUT_MARKER " [… cut: text longer than Excel allows]"

/* Writes every wing's workbook into r->out_dir, each to outfile_tmpname()
 * then outfile_rename(). Needs the judgement columns current
 * (metrics_judge()) and the flag table filled. Errors: NV_ERR_CONFIG (bad
 * template, naming file and line), NV_ERR_DB, NV_ERR_RENDER (libxlsxwriter,
 * with its message and the file), NV_ERR_IO, NV_ERR_NOMEM. On error no
 * partial workbook is left under its final name. */
nv_err xlsx_write_wings(const nv_report *r, nv_errbuf *eb);

/* Work for this process while the workers finish the workbooks: ctx is the
 * caller's; an error ends the workbooks (none is kept) and is returned. */
typedef nv_err (*xlsx_meanwhile_fn)(void *ctx, nv_errbuf *eb);

/* xlsx_write_wings(), calling meanwhile(ctx, eb) once in this process after
 * every workbook's rows are handed to their workers and before they are
 * waited for (both processors stay busy while the workbooks are deflated;
 * without workers, before this process closes them; with no workbook, at
 * the end). Not called when the workbooks fail first. Its error is
 * returned once the workers have ended or are stopped: no workbook's tmp
 * file is left, and a workbook is under its name only if a worker had
 * finished it. (A worker stopped inside libxlsxwriter's tmpfile() can
 * leave its empty tmp.XXXXXX in r->out_dir; run.c's failed run removes its
 * staged day folder whole.) */
nv_err xlsx_write_wings_meanwhile(const nv_report *r, xlsx_meanwhile_fn meanwhile, void *ctx,
                                  nv_errbuf *eb);

/* Most wings xlsx_write_wings writes a workbook for. */
#define XLSX_MAX_WINGS 256

/* The wings that get a workbook, in order (for callers that list outputs):
 * the org chart's and those found in records, UNMAPPED left out; fills up
 * to max names (each up to 64 bytes) and sets *n. Read from the figures'
 * day store when r->fig says it is current (figures.h), else from every
 * record. NV_ERR_DB; NV_ERR_INTERNAL when there are more than max. */
nv_err xlsx_list_wings(const nv_report *r, char (*names)[64], size_t max, size_t *n, nv_errbuf *eb);

/* "wing-technical.xlsx" for "TECHNICAL" into buf (size n): the code in
 * lower case, every character but a-z and 0-9 as '_' (OUTPUTS.md); -1 when
 * it does not fit. */
int xlsx_file_name(const char *wing, char *buf, size_t n);

/* The file names of wings[0..n) into names (96 bytes each): xlsx_file_name,
 * and where two wings would take one name ("ISD", "Isd"), each adds '-' and
 * the first 8 hex digits of the sha256 of its code. -1 when a name does not
 * fit or hashing fails. */
int xlsx_file_names(const char (*wings)[64], size_t n, char (*names)[96]);

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

#endif
