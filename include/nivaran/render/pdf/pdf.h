/* pdf.h — the two PDFs of OUTPUTS.md, made with libharu.
 *
 * pdf_write_md() writes r->out_dir/md-daily-report.pdf, the MD's A4 report:
 *   page 1 "at a glance" — the organisation's received, resolved, compliance,
 *   breached, open (pending_end) and overdue (overdue_end) for the window,
 *   each beside the previous day and the average of the 7 days before the
 *   window, with the change (a period: see below), the profile's target
 *   beside compliance; a row of cells (pdf_page1.c): the backlog at the end
 *   of the window by age band (under 24 h, 24-48 h, 2-7 days, 7 days and
 *   more: the figures engine's bands) and the service figures of
 *   service.h (OTP-confirmed, reopened, satisfied: only those some layout of
 *   the organisation carries), each beside the previous day's; the wing table (every open-data
 * column of sla_by_wing.csv); a 30-day trend chart (received bars, compliance line, target line)
 * drawn with paths; the three things most needing attention. Then the XEN league table per wing
 * (ranked as metrics_rank ranks, over the 30 days ending with the last day, and the 30 days ending
 * 7 days earlier for the previous rank; a period: below), breaches by category, risk flags (counts
 * per wing and severity, the top ones with evidence, and the statement that a flag is a reason to
 * look, not a finding), and data-quality notes.
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
 *   where to escalate (the template's contacts: phone, office, web). Every
 *   text comes from templates/pdf/notice.ini in English and Hindi: the time
 *   limit in plain words ([limit], filled with the run's profile's hours),
 *   the days as a reader says them ([months]: "1-20 Dec 2024 / 1-20
 *   दिसंबर 2024", a single day "1 Dec 2024"). On the 1st of a month the
 *   month to date is the day: one table. The records no template maps to
 *   a wing (UNMAPPED, "Other") have a row only in a table where they hold
 *   something. Nothing personal or internal (no names, numbers, accounts,
 *   no risk flags).
 *
 * Period reports (r->first_day < r->last_day, `--from`). METRICS.md: a
 *   period's figures are over the whole period, shown beside the previous
 *   period's (the same number of days just before) with the change. So:
 *   - Texts: every [text] KEY has a KEY_period twin where the day wording
 *     would be wrong ("Report period / रिपोर्ट अवधि", "Open at end of
 *     period", "Previous period / पिछली अवधि", ...); the MD's dates read
 *     "FROM to TO", the notice's in words ("2-31 Jan 2025").
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
 *   - Notice board: two tables, "The period: 2-31 Jan 2025 / अवधि: 2-31
 *     जनवरी 2025" and "Previous period: ... / पिछली अवधि: ...". The month to date of the
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

#include "nivaran/core/err.h"
#include "nivaran/core/report.h"

/* Writes r->out_dir/md-daily-report.pdf from r's figures (r->fig, or built
 * here when NULL: figures.h) and listings, in the organisation's words.
 * Nothing is left under the final name on failure. Errors above. */
nv_err pdf_write_md(const nv_report *r, nv_errbuf *eb);

/* Writes r->out_dir/notice-board.pdf likewise, from the organisation's own
 * notice template (templates/pdf/notice.SLUG.ini, else notice.ini). */
nv_err pdf_write_notice(const nv_report *r, nv_errbuf *eb);

#endif
