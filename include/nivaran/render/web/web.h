/* web.h — the public web page and the open data package (PUBLIC.md).
 *
 * web_write() writes, in r->out_dir (the staging day folder):
 *   public/index.html — one self-contained page (CSS inline, no script, no
 *     request but the links to the day's open-data files), in two languages
 *     with each part's lang marked, mobile first (360 px without sideways
 *     scrolling) and printable on A4 (@media print). Sections: the report day
 *     and "data as of"; the time limit in plain words (from r->profile: "every
 *     complaint within 24 hours" when every category has the same hours, else
 *     the range); the day's and the month's received, resolved and
 *     compliance_pct per wing and for the organisation (the notice board's
 *     tables, every wing shown: a page has no one-page limit); the 30-day
 *     compliance trend as an inline SVG (role img, a text alternative) and
 *     the same numbers in a table; the backlog at the end of the day by age
 *     (METRICS.md's bands, counts only); the month's compensation when given;
 *     how to complain and escalate; definitions; the open-data links.
 *   open-data/datapackage.json — a Frictionless Data Package v1 describing
 *     every CSV of open-data/ that the resource table (web_pkg.c) knows.
 *
 * Texts: templates/web/web.ini, or web.SLUG.ini for an organisation that has
 * its own (SLUG as the notice board's: "City of Boston" -> city-of-boston).
 * Every text is "FIRST | SECOND" in the languages of [page] lang (e.g.
 * "en, hi"); an empty second part shows the first alone. Every text and
 * name is HTML-escaped; a byte that is not valid UTF-8 is written as \xNN.
 * Figures are written exactly as the open data writes them (plain integers,
 * metrics_fmt_pct), "-" for an empty one. Nothing personal or internal: the
 * page reads figures only (no names, numbers, accounts, addresses, officer
 * logins or risk flags).
 *
 * Both files are written atomically (outfile.h) and depend only on the
 * database and the templates: byte-identical on a rerun. Errors:
 * NV_ERR_CONFIG (template missing or lacking a key, naming both), NV_ERR_DB,
 * NV_ERR_IO, NV_ERR_NOMEM, NV_ERR_INTERNAL (an open-data header differs from
 * the resource table). */
#ifndef NIVARAN_WEB_H
#define NIVARAN_WEB_H

#include <stdint.h>
#include <stdio.h>

#include "nivaran/core/err.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/core/report.h"

#define WEB_TREND_DAYS 30
#define WEB_BANDS 4 /* backlog age bands: < 24 h, 24-48 h, 2-7 days, 7 days and more */

/* One day of the trend: METRICS.md's figures over that local day. */
typedef struct {
    char date[11]; /* YYYY-MM-DD */
    int64_t received, resolved, met, breached;
} nv_web_day;

/* Every figure the page shows. */
typedef struct {
    nv_fig_table day;     /* the window, as metrics_compute() (= the open data) */
    nv_fig_table month;   /* a day: the month to date; a period: the previous period */
    char month_range[48]; /* the second table's days as shown ("FROM/TO", "FROM to TO") */
    int64_t month_first, month_last;  /* the second table's local days, inclusive: the
                                         page says them in words ([months], datewords.h) */
    nv_web_day trend[WEB_TREND_DAYS]; /* the 30 days ending with the last day */
    int64_t band[WEB_BANDS];          /* pending at r->d1 by age d1 - registered */
    int64_t pending, overdue;         /* the organisation's pending_end, overdue_end */
} nv_web_figs;

/* The month's compensation (COMPENSATION.md), when known: what is owed to
 * consumers for services done late in the month to date. */
typedef struct {
    int64_t owed_records;
    int64_t owed_rupees;
} nv_web_comp;

/* Gathers f for report r (the window's figures, the month's or the previous
 * period's, the trend, the backlog bands). f is the caller's: free with
 * web_figs_free() (also after a failure). NV_ERR_DB, NV_ERR_NOMEM. */
nv_err web_figures(const nv_report *r, nv_web_figs *f, nv_errbuf *eb);
void web_figs_free(nv_web_figs *f);

/* Writes r->out_dir/public/index.html from f; comp NULL = no compensation
 * block. Reads r's templates_dir, org_name, profile, window and labels. */
nv_err web_write_page(const nv_report *r, const nv_web_figs *f, const nv_web_comp *comp,
                      nv_errbuf *eb);

/* Writes r->out_dir/open-data/datapackage.json describing the CSVs of
 * r->out_dir/open-data/ that the resource table holds (a table entry whose
 * file is absent is left out; a file whose header differs from its entry is
 * NV_ERR_INTERNAL). Call after the CSVs are written. */
nv_err web_write_package(const nv_report *r, nv_errbuf *eb);

/* The night's public web outputs: web_figures(), web_write_page() and
 * web_write_package(). comp as web_write_page. */
nv_err web_write(const nv_report *r, const nv_web_comp *comp, nv_errbuf *eb);

/* s HTML-escaped (& < > " ') onto f; invalid UTF-8 bytes as \xNN. */
void web_html_escape(FILE *f, const char *s);
/* s as the inside of a JSON string onto f (" \ and controls escaped,
 * invalid UTF-8 bytes as \\xNN text). */
void web_json_escape(FILE *f, const char *s);
/* v with Indian digit grouping (12,34,567) into buf (at least 32 bytes);
 * with western grouping (1,234,567) when indian is 0. */
void web_fmt_grouped(int64_t v, int indian, char *buf);

#endif
