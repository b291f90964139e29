/* xlsx_summary.c — the Summary sheet of a wing workbook: links to every
 * sheet, the wing's report-window, week and month-to-date figures beside the
 * previous period's with the change, a "how to read this" note, and two
 * native charts (compliance by XEN; the 30-day trend) over data blocks
 * written below the note. Words come from templates/workbook.ini. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "nivaran/compute/nodata.h"
#include "nivaran/core/names.h"
#include "nivaran/store/db.h"
#include "xlsx_int.h"

#define N_FIGS 10
static const char *const fig_keys[N_FIGS] = {"received", "resolved",   "rejected", "met",
                                             "breached", "compliance", "median",   "p90",
                                             "pending",  "overdue"};

/* Kind of a figure row: 0 count, 1 percent, 2 hours. */
static int fig_kind(int i)
{
    return i == 5 ? 1 : (i == 6 || i == 7) ? 2 : 0;
}

static double round_to(double v, int dec)
{
    double k = dec == 1 ? 10.0 : 100.0;
    return v >= 0 ? floor(v * k + 0.5) / k : -floor(-v * k + 0.5) / k;
}

/* Figure i of f as the open data writes it; 0 when empty. */
static int fig_value(const nv_figs *f, int i, double *v)
{
    switch (i) {
    case 0:
        *v = (double)f->received;
        return 1;
    case 1:
        *v = (double)f->resolved;
        return 1;
    case 2:
        *v = (double)f->rejected;
        return 1;
    case 3:
        *v = (double)f->met;
        return 1;
    case 4:
        *v = (double)f->breached;
        return 1;
    case 5: {
        int64_t t;
        if (!metrics_pct_tenths(f, &t)) return 0;
        *v = (double)t / 10.0;
        return 1;
    }
    case 6:
        if (!f->has_median) return 0;
        *v = (double)metrics_hours_hundredths(f->median_s) / 100.0;
        return 1;
    case 7:
        if (!f->has_p90) return 0;
        *v = (double)metrics_hours_hundredths(f->p90_s) / 100.0;
        return 1;
    case 8:
        *v = (double)f->pending_end;
        return 1;
    default:
        *v = (double)f->overdue_end;
        return 1;
    }
}

static nv_figs wing_figs(const xlsx_ctx *c, const nv_fig_table *t)
{
    nv_figs zero;
    memset(&zero, 0, sizeof zero);
    const nv_fig_row *row = metrics_find(t, c->wing, "");
    return row ? row->f : zero;
}

/* Title, as-of line and links to the other sheets: rows 0..2. */
static nv_err sum_head(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char a[800], b[400], url[128];
    xlsx_subst(c, s->title_en, a, sizeof a);
    xlsx_subst(c, s->title_hi, b, sizeof b);
    if (b[0]) snprintf(a + strlen(a), sizeof a - strlen(a), " / %s", b);
    XW(worksheet_set_row(ws, 0, 22, NULL));
    XW(worksheet_write_string(ws, 0, 0, a, c->f.title));
    xlsx_label2(c, "asof", a, sizeof a);
    XW(worksheet_write_string(ws, 1, 0, a, c->f.subtitle));
    xlsx_label2(c, "sheets", a, sizeof a);
    XW(worksheet_write_string(ws, 2, 0, a, c->f.label));
    lxw_col_t col = 1;
    for (int i = 0; i < c->t->n_sheets; i++) {
        const char *name = c->t->sheets[i].name;
        if (&c->t->sheets[i] == s) continue;
        char q[80];
        size_t k = 0;
        for (const char *p = name; *p && k + 2 < sizeof q; p++) { /* ' doubled */
            if (*p == '\'') q[k++] = '\'';
            q[k++] = *p;
        }
        q[k] = 0;
        snprintf(url, sizeof url, "internal:'%s'!A1", q);
        XW(worksheet_write_url_opt(ws, 2, col++, url, c->f.link, name, NULL));
    }
    if (c->r->comp) /* the sheet xlsx_comp_sheet() adds last */
        XW(worksheet_write_url_opt(ws, 2, col++, "internal:'" XLSX_COMP_SHEET "'!A1", c->f.link,
                                   XLSX_COMP_SHEET, NULL));
    if (c->r->complete && c->r->complete->n_missing) { /* row 3: the day is incomplete */
        char names[256];
        complete_names(c->r->complete, 0, names, sizeof names);
        snprintf(a, sizeof a,
                 "INCOMPLETE DATA: no data for the day from %s; public outputs withheld", names);
        XW(worksheet_write_string(ws, 3, 0, a, c->f.title));
    }
done:
    return rc;
}

/* The figure table: rows 4..15. Returns the next free row in *next. */
static nv_err sum_figures(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t *next, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char a[600];
    const nv_fig_table *cur[3] = {c->fday, c->fweek, c->fmtd};
    const nv_fig_table *prev[3] = {c->fprev, c->fweekp, c->fmtdp};
    const char *groups[3] = {c->r->first_day == c->r->last_day ? "day" : "period", "week", "month"};
    const char *sub[3] = {"this", "prev", "change"};
    lxw_format *fmt[3] = {c->f.integer, c->f.pct, c->f.hours};
    lxw_format *chg[3] = {c->f.chg_int, c->f.chg_pct, c->f.chg_h};
    int na[3]; /* the organisation had no data at all in the previous window: n/a */
    for (int g = 0; g < 3; g++) {
        const nv_fig_row *all = metrics_find(prev[g], "ALL", "");
        na[g] = nodata_figs(all ? &all->f : NULL);
    }
    XW(worksheet_write_blank(ws, 4, 0, c->f.group));
    for (int g = 0; g < 3; g++) {
        xlsx_label2(c, groups[g], a, sizeof a);
        lxw_col_t c0 = (lxw_col_t)(1 + 3 * g);
        XW(worksheet_merge_range(ws, 4, c0, 4, (lxw_col_t)(c0 + 2), a, c->f.group));
    }
    xlsx_label2(c, "figure", a, sizeof a);
    XW(worksheet_set_row(ws, 5, 30, NULL)); /* rows in order: constant_memory */
    XW(worksheet_write_string(ws, 5, 0, a, c->f.header));
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 3; k++) {
            xlsx_label2(c, sub[k], a, sizeof a);
            XW(worksheet_write_string(ws, 5, (lxw_col_t)(1 + 3 * g + k), a, c->f.header));
        }
    for (int i = 0; i < N_FIGS; i++) {
        lxw_row_t row = (lxw_row_t)(6 + i);
        int kind = fig_kind(i);
        xlsx_label2(c, fig_keys[i], a, sizeof a);
        XW(worksheet_write_string(ws, row, 0, a, c->f.label));
        for (int g = 0; g < 3; g++) {
            nv_figs fc = wing_figs(c, cur[g]), fp = wing_figs(c, prev[g]);
            double vc = 0, vp = 0;
            int hc = fig_value(&fc, i, &vc), hp = fig_value(&fp, i, &vp);
            lxw_col_t c0 = (lxw_col_t)(1 + 3 * g);
            if (hc) XW(worksheet_write_number(ws, row, c0, vc, fmt[kind]));
            if (na[g]) {
                const char *t = names_na(c->r->names, NAMES_EN);
                XW(worksheet_write_string(ws, row, c0 + 1, t, c->f.text));
                XW(worksheet_write_string(ws, row, c0 + 2, t, c->f.text));
                continue;
            }
            if (hp) XW(worksheet_write_number(ws, row, c0 + 1, vp, fmt[kind]));
            if (hc && hp) {
                double d = kind == 0 ? vc - vp : round_to(vc - vp, kind == 1 ? 1 : 2);
                XW(worksheet_write_number(ws, row, c0 + 2, d, chg[kind]));
            }
        }
    }
    /* compliance under target stands out (this and previous columns) */
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
    cf.value = c->r->profile ? c->r->profile->target_pct : 90.0;
    cf.format = c->f.bad;
    for (int g = 0; g < 3; g++) {
        lxw_col_t c0 = (lxw_col_t)(1 + 3 * g);
        lxw_conditional_format blank;
        memset(&blank, 0, sizeof blank);
        blank.type = LXW_CONDITIONAL_TYPE_BLANKS;
        blank.stop_if_true = LXW_TRUE;
        XW(worksheet_conditional_format_range(ws, 11, c0, 11, c0 + 1, &blank));
        XW(worksheet_conditional_format_range(ws, 11, c0, 11, c0 + 1, &cf));
    }
    *next = 6 + N_FIGS + 1;
done:
    return rc;
}

static nv_err sum_notes(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t *row,
                        nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char a[800];
    xlsx_label2(c, "howto", a, sizeof a);
    XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.label));
    for (int i = 0; i < s->n_notes; i++) {
        xlsx_subst(c, s->notes[i], a, sizeof a);
        XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.note));
    }
    (*row)++;
done:
    return rc;
}

/* A header row of n label keys at row. */
static nv_err block_header(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t row, const char *const *keys,
                           int n, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char a[600];
    XW(worksheet_set_row(ws, row, 30, NULL));
    for (int i = 0; i < n; i++) {
        xlsx_label2(c, keys[i], a, sizeof a);
        XW(worksheet_write_string(ws, row, (lxw_col_t)i, a, c->f.header));
    }
done:
    return rc;
}

static lxw_chart *chart_new(xlsx_ctx *c, uint8_t type, const char *title_key)
{
    char a[600];
    lxw_chart *ch = workbook_add_chart(c->wb, type);
    if (!ch) return NULL;
    xlsx_label2(c, title_key, a, sizeof a);
    chart_title_set_name(ch, a);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, 100);
    return ch;
}

/* Adds a series over column col of rows [r0, r1] named by label key. */
static lxw_chart_series *chart_series(xlsx_ctx *c, lxw_chart *ch, const char *sheet, lxw_row_t r0,
                                      lxw_row_t r1, lxw_col_t col, const char *key)
{
    char a[600];
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se) return NULL;
    chart_series_set_categories(se, sheet, r0, 0, r1, 0);
    chart_series_set_values(se, sheet, r0, col, r1, col);
    xlsx_label2(c, key, a, sizeof a);
    chart_series_set_name(se, a);
    return se;
}

/* The XEN chart's value axis starts a little under the lowest of its
 * values and the target (lo): at the multiple of 5 at least 2 points below
 * it, 0 at least; it ends at 100. */
static double xen_axis_min(double lo)
{
    double m = floor((lo - 2.0) / 5.0) * 5.0;
    return m < 0 ? 0 : m > 95 ? 95 : m;
}

/* The chart over the XEN block (rows r0..r1 of s): the day's and the 30
 * days' compliance of each XEN as points (a dot plot: its axis need not
 * start at 0, as bars would), the target as a dashed line across them, the
 * value axis from xen_axis_min(lo) to 100. (libxlsxwriter 1.1.4 cannot
 * combine a column chart with a line.) */
static nv_err xen_chart_insert(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws,
                               lxw_row_t r0, lxw_row_t r1, double lo, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    lxw_chart *ch = chart_new(c, LXW_CHART_LINE, "chart_xen");
    lxw_chart_series *day = ch ? chart_series(c, ch, s->name, r0, r1, 1, "this") : NULL;
    lxw_chart_series *d30 = ch ? chart_series(c, ch, s->name, r0, r1, 2, "day30") : NULL;
    lxw_chart_series *tg = ch ? chart_series(c, ch, s->name, r0, r1, 4, "target") : NULL;
    if (!day || !d30 || !tg) {
        rc = nv_errf(eb, NV_ERR_RENDER, "%s: cannot make the XEN chart", c->path);
        goto done;
    }
    lxw_chart_line none = {.none = LXW_TRUE};
    lxw_chart_line stroke = {
        .color = 0xC00000, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(day, &none);
    chart_series_set_line(d30, &none);
    chart_series_set_marker_type(day, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_type(d30, LXW_CHART_MARKER_DIAMOND);
    chart_series_set_marker_size(day, 8);
    chart_series_set_marker_size(d30, 7);
    chart_series_set_line(tg, &stroke);
    chart_series_set_marker_type(tg, LXW_CHART_MARKER_NONE);
    chart_axis_set_min(ch->y_axis, xen_axis_min(lo));
    chart_axis_set_max(ch->y_axis, 100);
    lxw_chart_options o = {.x_scale = 1.5, .y_scale = 1.2};
    XW(worksheet_insert_chart_opt(ws, 4, 11, ch, &o));
done:
    return rc;
}

/* Compliance by XEN: data block at *row (XENs only, UNASSIGNED left out:
 * xlsx_xen_chart.sql) and its chart beside the figure table, with the
 * target (a column of the block) as a line. */
static nv_err sum_xen_chart(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t *row,
                            nv_errbuf *eb)
{
    static const char *const keys[] = {"xen", "this", "day30", "rank", "target"};
    nv_err rc = NV_OK;
    sqlite3_stmt *st = NULL;
    lxw_row_t r0 = *row + 1, r = r0;
    int step;
    double target = c->r->profile ? c->r->profile->target_pct : 90.0, lo = target;
    char a[600];
    xlsx_label2(c, "chart_xen", a, sizeof a);
    XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.label));
    if ((rc = block_header(c, ws, (*row)++, keys, 5, eb)) != NV_OK) goto done;
    r0 = *row;
    r = r0;
    if ((rc = db_prepare_named(c->r->db, "xlsx_xen_chart", &st, eb)) != NV_OK) goto done;
    if ((rc = xlsx_bind(c, st, eb)) != NV_OK) goto done;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        XW(worksheet_write_string(ws, r, 0, (const char *)sqlite3_column_text(st, 0), c->f.text));
        for (int k = 1; k <= 3; k++)
            if (sqlite3_column_type(st, k) != SQLITE_NULL) {
                double v = sqlite3_column_double(st, k);
                if (k < 3 && v < lo) lo = v;
                XW(worksheet_write_number(ws, r, (lxw_col_t)k, v,
                                          k == 3 ? c->f.integer : c->f.pct));
            }
        XW(worksheet_write_number(ws, r, 4, target, c->f.pct));
        r++;
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(c->r->db, eb, "xlsx_xen_chart");
        goto done;
    }
    *row = r + 1;
    if (r > r0) rc = xen_chart_insert(c, s, ws, r0, r - 1, lo, eb); /* no XEN: no chart */
done:
    sqlite3_finalize(st);
    return rc;
}

/* One trend row: date, received, resolved, met, breached, compliance, target. */
static nv_err trend_row(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t r, sqlite3_stmt *st,
                        nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    nv_figs f;
    double v;
    memset(&f, 0, sizeof f);
    XW(worksheet_write_number(ws, r, 0, (double)sqlite3_column_int64(st, 0) + 25569.0, c->f.date));
    for (int k = 1; k <= 4; k++)
        XW(worksheet_write_number(ws, r, (lxw_col_t)k, (double)sqlite3_column_int64(st, k),
                                  c->f.integer));
    f.met = sqlite3_column_int64(st, 3);
    f.breached = sqlite3_column_int64(st, 4);
    if (fig_value(&f, 5, &v)) XW(worksheet_write_number(ws, r, 5, v, c->f.pct));
    XW(worksheet_write_number(ws, r, 6, c->r->profile ? c->r->profile->target_pct : 90.0,
                              c->f.pct));
done:
    return rc;
}

static nv_err sum_trend(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t *row,
                        lxw_row_t chart_row, nv_errbuf *eb)
{
    static const char *const keys[] = {"date",     "received",   "resolved", "met",
                                       "breached", "compliance", "target"};
    nv_err rc = NV_OK;
    sqlite3_stmt *st = NULL;
    int step;
    char a[600];
    xlsx_label2(c, "chart_trend", a, sizeof a);
    XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.label));
    if ((rc = block_header(c, ws, (*row)++, keys, 7, eb)) != NV_OK) goto done;
    lxw_row_t r0 = *row, r = r0;
    if ((rc = db_prepare_named(c->r->db, "xlsx_trend", &st, eb)) != NV_OK) goto done;
    if ((rc = xlsx_bind(c, st, eb)) != NV_OK) goto done;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = trend_row(c, ws, r++, st, eb)) != NV_OK) goto done;
    if (step != SQLITE_DONE) {
        rc = db_fail(c->r->db, eb, "xlsx_trend");
        goto done;
    }
    *row = r + 1;
    lxw_chart *ch = chart_new(c, LXW_CHART_LINE, "chart_trend");
    lxw_chart_series *s1 = ch ? chart_series(c, ch, s->name, r0, r - 1, 5, "compliance") : NULL;
    lxw_chart_series *s2 = ch ? chart_series(c, ch, s->name, r0, r - 1, 6, "target") : NULL;
    if (!s1 || !s2) {
        rc = nv_errf(eb, NV_ERR_RENDER, "%s: cannot make the trend chart", c->path);
        goto done;
    }
    chart_series_set_marker_type(s1, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_type(s2, LXW_CHART_MARKER_NONE);
    chart_axis_set_num_format(ch->x_axis, "dd mmm");
    lxw_chart_options o = {.x_scale = 1.5, .y_scale = 1.2};
    XW(worksheet_insert_chart_opt(ws, chart_row, 11, ch, &o));
done:
    sqlite3_finalize(st);
    return rc;
}

nv_err xlsx_summary_sheet(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    lxw_row_t row = 0;
    if ((rc = sum_head(c, s, ws, eb)) != NV_OK) goto done;
    if ((rc = sum_figures(c, ws, &row, eb)) != NV_OK) goto done;
    if ((rc = sum_notes(c, s, ws, &row, eb)) != NV_OK) goto done;
    if ((rc = sum_xen_chart(c, s, ws, &row, eb)) != NV_OK) goto done;
    if ((rc = sum_trend(c, s, ws, &row, 24, eb)) != NV_OK) goto done;
    XW(worksheet_set_column(ws, 0, 0, 40, NULL));
    XW(worksheet_set_column(ws, 1, 9, 12, NULL));
    worksheet_freeze_panes(ws, 3, 0);
    XW(worksheet_repeat_rows(ws, 0, 1)); /* title and as-of line on every page */
done:
    return rc;
}
