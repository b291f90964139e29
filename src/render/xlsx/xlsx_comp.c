/* xlsx_comp.c — the Compensation sheet of a wing workbook (COMPENSATION.md):
 * the wing's month-to-date table by XEN, then its ledger rows of the report
 * window. Renders c->r->comp (compensation.h) and computes nothing; rows are
 * written top to bottom (constant_memory). Words: templates/workbook.ini
 * [labels] comp_*. See include/nivaran/render/xlsx/xlsx.h. */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "nivaran/compute/compensation.h"
#include "nivaran/core/numfmt.h"
#include "xlsx_int.h"

/* The sheet's formats: rupees with Indian grouping, plain and in bold. */
typedef struct {
    lxw_format *rs, *rs_total;
} comp_fmts;

static nv_err comp_fmts_make(xlsx_ctx *c, comp_fmts *k, nv_errbuf *eb)
{
    k->rs = workbook_add_format(c->wb);
    k->rs_total = workbook_add_format(c->wb);
    if (!k->rs || !k->rs_total)
        return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory for formats", c->path);
    lxw_format *f[2] = {k->rs, k->rs_total};
    for (int i = 0; i < 2; i++) {
        format_set_font_name(f[i], "Arial");
        format_set_font_size(f[i], 10);
        format_set_num_format(f[i], NUMFMT_XLSX_INDIAN);
        format_set_align(f[i], LXW_ALIGN_VERTICAL_TOP);
    }
    format_set_bold(k->rs_total);
    format_set_bg_color(k->rs_total, 0xF2F2F2);
    return NV_OK;
}

/* An instant as an Excel datetime in the workbook's zone. */
static double excel_time(const xlsx_ctx *c, int64_t utc)
{
    return (double)(utc + nvt_offset_at(&c->tz, utc)) / 86400.0 + 25569.0;
}

/* A label "EN / HI" with the sheet's placeholders filled in. */
static void label(const xlsx_ctx *c, const char *key, char *out, size_t n)
{
    char raw[900];
    xlsx_label2(c, key, raw, sizeof raw);
    xlsx_subst(c, raw, out, n);
}

static nv_err head_row(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t row, const char *const *h, int n,
                       nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    XW(worksheet_set_row(ws, row, 30, NULL));
    for (int i = 0; i < n; i++)
        XW(worksheet_write_string(ws, row, (lxw_col_t)i, h[i], c->f.header));
done:
    return rc;
}

/* Month to date by XEN of the wing, and the wing's total; *row moves on. */
static nv_err xen_table(xlsx_ctx *c, lxw_worksheet *ws, const comp_fmts *k, lxw_row_t *row,
                        nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    const nv_comp_window *m = &c->r->comp->month;
    static const char *const keys[6] = {"comp_xen",    "comp_owed_n", "comp_owed_rs",
                                        "comp_ret_rs", "comp_acc_n",  "comp_acc_rs"};
    char h[6][400], a[900];
    const char *hp[6];
    for (int i = 0; i < 6; i++) {
        label(c, keys[i], h[i], sizeof h[i]);
        hp[i] = h[i];
    }
    label(c, "comp_month", a, sizeof a);
    XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.label));
    if ((rc = head_row(c, ws, (*row)++, hp, 6, eb))) goto done;
    nv_comp_sum t = {0};
    for (size_t i = 0; i < m->n_xens; i++) {
        const nv_comp_group *g = &m->xens[i];
        if (strcmp(g->wing, c->wing) != 0) continue;
        const double v[5] = {(double)g->s.owed_records, (double)g->s.owed_rupees,
                             (double)g->s.owed_returned_rupees, (double)g->s.accruing_records,
                             (double)g->s.accruing_rupees};
        XW(worksheet_write_string(ws, *row, 0, g->xen_id, c->f.text));
        for (int j = 0; j < 5; j++)
            XW(worksheet_write_number(ws, *row, (lxw_col_t)(j + 1), v[j],
                                      j == 0 || j == 3 ? c->f.integer : k->rs));
        (*row)++;
        t.owed_records += g->s.owed_records;
        t.owed_rupees += g->s.owed_rupees;
        t.owed_returned_rupees += g->s.owed_returned_rupees;
        t.accruing_records += g->s.accruing_records;
        t.accruing_rupees += g->s.accruing_rupees;
    }
    label(c, "comp_total", a, sizeof a);
    const double v[5] = {(double)t.owed_records, (double)t.owed_rupees,
                         (double)t.owed_returned_rupees, (double)t.accruing_records,
                         (double)t.accruing_rupees};
    XW(worksheet_write_string(ws, *row, 0, a, c->f.total_label));
    for (int j = 0; j < 5; j++)
        XW(worksheet_write_number(ws, *row, (lxw_col_t)(j + 1), v[j],
                                  j == 0 || j == 3 ? c->f.total_int : k->rs_total));
    *row += 2;
done:
    return rc;
}

static nv_err text_cell(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                        nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    size_t chars;
    if (!s) return NV_OK;
    if (!xlsx_cell_clean(s, &chars)) {
        xlsx_cell_text(s, c->buf, c->bufn);
        s = c->buf;
    }
    XW(worksheet_write_string(ws, row, col, s, c->f.text));
done:
    return rc;
}

/* One ledger row, the columns of internal/compensation.csv but wing. */
static nv_err ledger_row(xlsx_ctx *c, lxw_worksheet *ws, const comp_fmts *k, lxw_row_t row,
                         const nv_comp_row *r, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    const char *txt[6] = {r->accruing ? "accruing" : "owed",
                          r->record_id,
                          r->source,
                          r->account,
                          r->category,
                          r->xen_id};
    for (int i = 0; i < 6; i++)
        if ((rc = text_cell(c, ws, row, (lxw_col_t)i, txt[i], eb))) goto done;
    XW(worksheet_write_number(ws, row, 6, excel_time(c, r->registered), c->f.datetime));
    XW(worksheet_write_number(ws, row, 7, excel_time(c, r->sop_deadline), c->f.datetime));
    if (r->has_disposed)
        XW(worksheet_write_number(ws, row, 8, excel_time(c, r->disposed), c->f.datetime));
    XW(worksheet_write_number(ws, row, 9, (double)r->days_late, c->f.integer));
    XW(worksheet_write_number(ws, row, 10, (double)r->rupees_per_day, k->rs));
    XW(worksheet_write_number(ws, row, 11, (double)r->rupees, k->rs));
    if (r->has_disposed)
        XW(worksheet_write_number(ws, row, 12, excel_time(c, r->pay_by), c->f.datetime));
    XW(worksheet_write_number(ws, row, 13, (double)r->returned, c->f.integer));
done:
    return rc;
}

static nv_err ledger(xlsx_ctx *c, lxw_worksheet *ws, const comp_fmts *k, lxw_row_t *row,
                     nv_errbuf *eb)
{
    static const char *const h[14] = {"status",         "record_id",
                                      "source",         "account",
                                      "category",       "xen_id",
                                      "registered",     "sop_deadline",
                                      "disposed",       "days_late",
                                      "rupees_per_day", "rupees",
                                      "pay_by",         "returned_to_applicant"};
    const nv_comp *comp = c->r->comp;
    char a[900];
    nv_err rc = NV_OK;
    label(c, "comp_ledger", a, sizeof a);
    XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.label));
    if ((rc = head_row(c, ws, (*row)++, h, 14, eb))) goto done;
    lxw_row_t first = *row;
    for (size_t i = 0; i < comp->n_rows && rc == NV_OK; i++)
        if (strcmp(comp->rows[i].wing, c->wing) == 0)
            rc = ledger_row(c, ws, k, (*row)++, &comp->rows[i], eb);
    if (rc == NV_OK && *row == first) {
        label(c, "comp_none", a, sizeof a);
        XW(worksheet_write_string(ws, (*row)++, 0, a, c->f.note));
    }
done:
    return rc;
}

nv_err xlsx_comp_sheet(xlsx_ctx *c, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    comp_fmts k;
    char a[900];
    lxw_row_t row = 0;
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, XLSX_COMP_SHEET);
    if (!ws)
        return nv_errf(eb, NV_ERR_RENDER, "%s: cannot add sheet '%s'", c->path, XLSX_COMP_SHEET);
    if ((rc = xlsx_print_setup(c, ws, 0, 2, eb))) goto done; /* title and clock repeated */
    if ((rc = comp_fmts_make(c, &k, eb))) goto done;
    label(c, "comp_title", a, sizeof a);
    XW(worksheet_set_row(ws, row, 20, NULL));
    XW(worksheet_write_string(ws, row++, 0, a, c->f.title));
    static const char *const notes[2] = {"comp_clock.en", "comp_clock.hi"};
    for (int i = 0; i < 2; i++) {
        xlsx_subst(c, xlsx_tpl_label(c->t, notes[i]), a, sizeof a);
        XW(worksheet_write_string(ws, row++, 0, a, c->f.note));
    }
    worksheet_freeze_panes(ws, row, 0); /* title and clock stay in view */
    row++;
    if ((rc = xen_table(c, ws, &k, &row, eb)) || (rc = ledger(c, ws, &k, &row, eb))) goto done;
    static const double widths[14] = {12, 18, 14, 14, 16, 12, 17, 17, 17, 10, 14, 12, 17, 12};
    for (int i = 0; i < 14; i++)
        XW(worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
done:
    return rc;
}
