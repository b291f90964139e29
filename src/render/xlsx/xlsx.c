/* xlsx.c — the wing heads' workbooks: windows and figures shared by all
 * wings, one workbook per wing, and the template-driven table sheets.
 * See include/nivaran/render/xlsx/xlsx.h. The Summary sheet is in xlsx_summary.c, the
 * template loader in xlsx_tpl.c, text helpers in xlsx_text.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "nivaran/core/names.h"
#include "nivaran/store/db.h"
#include "nivaran/core/outfile.h"
#include "nivaran/store/queries.h"
#include "nivaran/compute/verify.h"
#include "xlsx_int.h"

#define XLSX_TEXT_BUF (4 * 32767 + 256)
#define XLSX_VBUF (64 * 1024) /* stdio buffer of a sheet's temporary file */

nv_err xlsx_lxw_fail(const xlsx_ctx *c, int lxw_err, const char *what, nv_errbuf *eb)
{
    return nv_errf(eb, NV_ERR_RENDER, "%s: %s: %s", c->path[0] ? c->path : "workbook", what,
                   lxw_strerror((lxw_error)lxw_err));
}

int64_t xlsx_day_start(const xlsx_ctx *c, int64_t day)
{
    int y, m, d;
    nvt_civil_from_days(day, &y, &m, &d);
    return nvt_day_start(&c->tz, y, m, d);
}

static void put(char **o, size_t *left, const char *s)
{
    size_t len = strlen(s);
    if (len >= *left) len = *left ? *left - 1 : 0;
    memcpy(*o, s, len);
    *o += len;
    *left -= len;
}

void xlsx_subst(const xlsx_ctx *c, const char *in, char *out, size_t n)
{
    char target[32], wing[400], zone[32];
    char *o = out;
    size_t left = n;
    snprintf(target, sizeof target, "%g", c->r->profile ? c->r->profile->target_pct : 90.0);
    snprintf(wing, sizeof wing, "%s", names_get(c->r->names, NAMES_WING, c->wing, NAMES_EN));
    xlsx_zone(c, zone, sizeof zone);
    while (*in && left > 1) {
        const char *v = NULL;
        size_t skip = 0;
        static const char *keys[] = {"{wing}", "{date}", "{tz}", "{profile}", "{target}", "{org}"};
        if (*in == '{')
            for (size_t k = 0; k < 6 && !v; k++)
                if (strncmp(in, keys[k], strlen(keys[k])) == 0) {
                    skip = strlen(keys[k]);
                    v = k == 0   ? wing
                        : k == 1 ? c->r->report_date
                        : k == 2 ? zone
                        : k == 3 ? (c->r->profile ? c->r->profile->name : "")
                        : k == 4 ? target
                                 : (c->r->org_name ? c->r->org_name : "");
                }
        if (v) {
            put(&o, &left, v);
            in += skip;
        } else {
            *o++ = *in++;
            left--;
        }
    }
    *o = 0;
}

void xlsx_label2(const xlsx_ctx *c, const char *key, char *out, size_t n)
{
    char k[64], en[512], hi[512];
    snprintf(k, sizeof k, "%s.en", key);
    xlsx_subst(c, xlsx_tpl_label(c->t, k), en, sizeof en);
    snprintf(k, sizeof k, "%s.hi", key);
    const char *h = xlsx_tpl_label(c->t, k);
    if (strcmp(h, k) == 0) h = "";
    xlsx_subst(c, h, hi, sizeof hi);
    if (hi[0])
        snprintf(out, n, "%s / %s", en, hi);
    else
        snprintf(out, n, "%s", en);
}

static nv_err bind_i64(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0 && sqlite3_bind_int64(st, i, v) != SQLITE_OK) return NV_ERR_DB;
    return NV_OK;
}

nv_err xlsx_bind(const xlsx_ctx *c, sqlite3_stmt *st, nv_errbuf *eb)
{
    const nv_report *r = c->r;
    int i = sqlite3_bind_parameter_index(st, ":wing");
    if (i > 0 && sqlite3_bind_text(st, i, c->wing, -1, SQLITE_TRANSIENT) != SQLITE_OK)
        return db_fail(r->db, eb, "xlsx bind :wing");
    i = sqlite3_bind_parameter_index(st, ":report_day");
    if (i > 0 && sqlite3_bind_text(st, i, r->report_date, -1, SQLITE_TRANSIENT) != SQLITE_OK)
        return db_fail(r->db, eb, "xlsx bind :report_day");
    i = sqlite3_bind_parameter_index(st, ":predictable");
    if (i > 0 && sqlite3_bind_text(st, i, verify_predictable_note(c->bilingual), -1,
                                   SQLITE_STATIC) != SQLITE_OK)
        return db_fail(r->db, eb, "xlsx bind :predictable");
    i = sqlite3_bind_parameter_index(st, ":worst");
    if (i > 0) {
        char worst[256];
        xlsx_label2(c, "worst", worst, sizeof worst);
        if (sqlite3_bind_text(st, i, worst, -1, SQLITE_TRANSIENT) != SQLITE_OK)
            return db_fail(r->db, eb, "xlsx bind :worst");
    }
    if (bind_i64(st, ":d0", r->d0) || bind_i64(st, ":d1", r->d1) || bind_i64(st, ":p0", c->p0) ||
        bind_i64(st, ":p1", c->p1) || bind_i64(st, ":t0", c->t0) || bind_i64(st, ":w0", c->w0))
        return db_fail(r->db, eb, "xlsx bind");
    return NV_OK;
}

/* ---------------------------------------------------------------- formats */

static lxw_format *fmt_new(lxw_workbook *wb, const char *num, int bold, double size,
                           lxw_color_t color, lxw_color_t bg, int wrap)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f) return NULL;
    format_set_font_name(f, "Arial");
    if (num) format_set_num_format(f, num);
    if (bold) format_set_bold(f);
    if (size > 0) format_set_font_size(f, size);
    if (color) format_set_font_color(f, color);
    if (bg) format_set_bg_color(f, bg);
    if (wrap) format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static nv_err fmts_make(xlsx_ctx *c, nv_errbuf *eb)
{
    lxw_workbook *wb = c->wb;
    xlsx_fmts *f = &c->f;
    f->title = fmt_new(wb, NULL, 1, 14, 0x1F3864, 0, 0);
    f->subtitle = fmt_new(wb, NULL, 0, 10, 0x595959, 0, 0);
    f->note = fmt_new(wb, NULL, 0, 9, 0x404040, 0, 0);
    f->header = fmt_new(wb, NULL, 1, 10, 0, 0xDDEBF7, 1);
    f->group = fmt_new(wb, NULL, 1, 10, 0, 0xBDD7EE, 0);
    f->text = fmt_new(wb, NULL, 0, 10, 0, 0, 0);
    f->wrap = fmt_new(wb, NULL, 0, 10, 0, 0, 1);
    f->integer = fmt_new(wb, names_xlsx_int(c->r->names), 0, 10, 0, 0, 0);
    f->num = fmt_new(wb, "General", 0, 10, 0, 0, 0);
    f->pct = fmt_new(wb, "0.0", 0, 10, 0, 0, 0);
    f->hours = fmt_new(wb, "0.00", 0, 10, 0, 0, 0);
    f->chg_int = fmt_new(wb, "+#,##0;-#,##0;0", 0, 10, 0, 0, 0);
    f->chg_pct = fmt_new(wb, "+0.0;-0.0;0.0", 0, 10, 0, 0, 0);
    f->chg_h = fmt_new(wb, "+0.00;-0.00;0.00", 0, 10, 0, 0, 0);
    f->datetime = fmt_new(wb, "yyyy-mm-dd hh:mm", 0, 10, 0, 0, 0);
    f->date = fmt_new(wb, "yyyy-mm-dd", 0, 10, 0, 0, 0);
    f->link = fmt_new(wb, NULL, 0, 10, 0x0563C1, 0, 0);
    f->label = fmt_new(wb, NULL, 1, 10, 0, 0, 0);
    f->total_label = fmt_new(wb, NULL, 1, 10, 0, 0xF2F2F2, 0);
    f->total_int = fmt_new(wb, names_xlsx_int(c->r->names), 1, 10, 0, 0xF2F2F2, 0);
    f->days = fmt_new(wb, "0.0", 0, 10, 0, 0, 0);
    f->bad = workbook_add_format(wb);
    f->warn = workbook_add_format(wb);
    lxw_format **all = (lxw_format **)f;
    for (size_t i = 0; i < sizeof *f / sizeof(lxw_format *); i++)
        if (!all[i]) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory for formats", c->path);
    format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    format_set_bg_color(f->bad, 0xFFC7CE);
    format_set_font_color(f->bad, 0x9C0006);
    format_set_bg_color(f->warn, 0xFFEB9C);
    format_set_font_color(f->warn, 0x9C5700);
    return NV_OK;
}

/* ----------------------------------------------------------- table sheets */

static lxw_format *type_format(const xlsx_ctx *c, xlsx_type t)
{
    switch (t) {
    case XT_INT:
        return c->f.integer;
    case XT_NUM:
        return c->f.num;
    case XT_PCT:
        return c->f.pct;
    case XT_HOURS:
    case XT_SECS_H:
        return c->f.hours;
    case XT_SECS_D:
        return c->f.days;
    case XT_CHANGE_PCT:
        return c->f.chg_pct;
    case XT_CHANGE_H:
        return c->f.chg_h;
    case XT_DATETIME:
        return c->f.datetime;
    default:
        return c->f.text;
    }
}

/* Rounds half away from zero to `dec` decimals. */
static double round_dec(double v, int dec)
{
    double k = dec == 1 ? 10.0 : 100.0;
    return v >= 0 ? floor(v * k + 0.5) / k : -floor(-v * k + 0.5) / k;
}

/* Seconds as hours to two decimals, rounded half away from zero in
 * integers: the number metrics_fmt_hours() writes (hundredths / 100.0 is the
 * double nearest that decimal, as strtod of its text would give). */
static double secs_to_hours(int64_t s)
{
    return (double)metrics_hours_hundredths(s) / 100.0;
}

/* Seconds as days to one decimal, rounded half away from zero in integers
 * (tenths / 10.0, the double nearest that decimal). */
static double secs_to_days(int64_t s)
{
    int64_t a = s < 0 ? -s : s, t = (a * 20 + 86400) / 172800;
    return (double)(s < 0 ? -t : t) / 10.0;
}

int xlsx_type_text(xlsx_type t)
{
    return t == XT_TEXT || t == XT_MASKED_MOBILE;
}

int xlsx_type_int(xlsx_type t)
{
    return t == XT_INT || t == XT_SECS_H || t == XT_SECS_D || t == XT_DATETIME;
}

void xlsx_cell_get(const xlsx_col *k, const col_state *cs, sqlite3_stmt *st, xlsx_val *v)
{
    memset(v, 0, sizeof *v);
    if (xlsx_type_text(k->type)) {
        v->s = (const char *)sqlite3_column_text(st, cs->idx);
        v->has = v->s != NULL;
        if (v->s) v->n = (uint32_t)sqlite3_column_bytes(st, cs->idx);
    } else if (sqlite3_column_type(st, cs->idx) != SQLITE_NULL) {
        v->has = 1;
        if (xlsx_type_int(k->type))
            v->i = sqlite3_column_int64(st, cs->idx);
        else
            v->d = sqlite3_column_double(st, cs->idx);
    }
}

/* The number a numeric column shows, from its value v (v->has). */
static double cell_number(const xlsx_ctx *c, xlsx_type t, const xlsx_val *v)
{
    switch (t) {
    case XT_INT:
        return (double)v->i;
    case XT_PCT:
    case XT_CHANGE_PCT:
        return round_dec(v->d, 1);
    case XT_HOURS:
    case XT_CHANGE_H:
        return round_dec(v->d, 2);
    case XT_SECS_H:
        return secs_to_hours(v->i);
    case XT_SECS_D:
        return secs_to_days(v->i);
    case XT_DATETIME:
        return (double)(v->i + nvt_offset_at(&c->tz, v->i)) / 86400.0 + 25569.0;
    default:
        return v->d;
    }
}

/* Digits of the integer part of |v| (v finite, |v| < 1e15). */
static size_t int_digits(double v)
{
    double a = fabs(v);
    size_t n = 1;
    for (double p = 10; p <= a && n < 16; p *= 10)
        n++;
    return n;
}

/* Width in characters of a number as the column shows it: "#,##0" for
 * int, two decimals otherwise (an allowance for the sign or a separator). */
static size_t num_chars(xlsx_type t, double v)
{
    char buf[64];
    if (t == XT_DATETIME) return 16;
    if (fabs(v) >= 1e15 || t == XT_NUM || v != v) { /* the general case, by printf */
        snprintf(buf, sizeof buf, t == XT_INT ? "%.0f" : "%.2f", v);
        size_t n = strlen(buf);
        return t == XT_INT ? n + (n - 1) / 3 : n + 1;
    }
    if (t == XT_INT) { /* whole numbers: as "%.0f" prints them */
        size_t n = int_digits(v) + (signbit(v) ? 1 : 0);
        return n + (n - 1) / 3;
    }
    /* already rounded to two decimals or fewer: "%.2f" is the integer part,
     * a point and two digits */
    double r = floor(fabs(v) * 100 + 0.5) / 100;
    return int_digits(r) + (signbit(v) ? 1 : 0) + 3 + 1;
}

/* Writes value v of column k at (row, col). */
static nv_err write_cell(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         const xlsx_col *k, col_state *cs, const xlsx_val *v, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    if (!v->has) return NV_OK;
    if (xlsx_type_text(k->type)) {
        const char *s = v->s;
        char m[64], m2[400];
        size_t chars;
        if (k->names) s = xlsx_name(c, k->names - 1, s, m2, sizeof m2);
        if (k->type == XT_MASKED_MOBILE) {
            xlsx_mask_mobile(s, m, sizeof m);
            s = m;
        }
        if (!xlsx_cell_clean(s, &chars)) { /* else written as it is */
            chars = xlsx_cell_text(s, c->buf, c->bufn);
            s = c->buf;
        }
        if (chars > cs->chars) cs->chars = chars;
        XW(worksheet_write_string(ws, row, col, s, c->f.text));
    } else {
        double n = cell_number(c, k->type, v);
        size_t chars = num_chars(k->type, n);
        if (chars > cs->chars) cs->chars = chars;
        cs->total += n;
        XW(worksheet_write_number(ws, row, col, n, type_format(c, k->type)));
    }
done:
    return rc;
}

/* Title, notes and the header row; returns the header row in *hdr. */
static nv_err table_head(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, col_state *cs,
                         lxw_row_t *hdr, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char a[640], b[400];
    lxw_row_t row = 0;
    xlsx_subst(c, s->title_en, a, sizeof a);
    if (s->title_hi[0]) {
        xlsx_subst(c, s->title_hi, b, sizeof b);
        snprintf(a + strlen(a), sizeof a - strlen(a), " / %s", b);
    }
    XW(worksheet_set_row(ws, row, 20, NULL));
    XW(worksheet_write_string(ws, row++, 0, a, c->f.title));
    for (int i = 0; i < s->n_notes; i++) {
        xlsx_subst(c, s->notes[i], a, sizeof a);
        XW(worksheet_write_string(ws, row++, 0, a, c->f.note));
    }
    if (s->plain_header) { /* Hindi in a row of its own, then an empty row */
        int hindi = 0;
        for (int j = 0; j < s->n_cols; j++)
            if (s->cols[j].heading_hi[0]) {
                XW(worksheet_write_string(ws, row, (lxw_col_t)j, s->cols[j].heading_hi, c->f.note));
                hindi = 1;
            }
        row += (lxw_row_t)hindi + 1;
    }
    XW(worksheet_set_row(ws, row, 30, NULL));
    for (int j = 0; j < s->n_cols; j++) {
        const xlsx_col *k = &s->cols[j];
        if (k->heading_hi[0] && !s->plain_header)
            snprintf(a, sizeof a, "%s / %s", k->heading_en, k->heading_hi);
        else
            snprintf(a, sizeof a, "%s", k->heading_en);
        XW(worksheet_write_string(ws, row, (lxw_col_t)j, a, c->f.header));
        /* the heading wraps at " / ": each half should fit */
        size_t en = xlsx_cell_text(k->heading_en, c->buf, c->bufn);
        size_t hi = xlsx_cell_text(k->heading_hi, c->buf, c->bufn);
        cs[j].chars = en > hi ? en : hi;
    }
    *hdr = row;
done:
    return rc;
}

/* Finds each column's field among the query's result columns. */
static nv_err map_columns(const xlsx_ctx *c, const xlsx_sheet_tpl *s, sqlite3_stmt *st,
                          col_state *cs, nv_errbuf *eb)
{
    int n = sqlite3_column_count(st);
    for (int j = 0; j < s->n_cols; j++) {
        cs[j].idx = -1;
        for (int i = 0; i < n; i++)
            if (strcmp(sqlite3_column_name(st, i), s->cols[j].field) == 0) cs[j].idx = i;
        if (cs[j].idx < 0)
            return nv_errf(eb, NV_ERR_CONFIG, "%s: [col:%s:%s]: query %s has no column '%s'",
                           c->t->path, s->id, s->cols[j].field, s->query, s->cols[j].field);
    }
    return NV_OK;
}

static nv_err table_conds(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t first,
                          lxw_row_t last, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    double target = c->r->profile ? c->r->profile->target_pct : 90.0;
    for (int j = 0; j < s->n_cols && first <= last; j++) {
        lxw_col_t col = (lxw_col_t)j;
        lxw_conditional_format cf;
        memset(&cf, 0, sizeof cf);
        switch (s->cols[j].cond) {
        case XC_NONE:
            continue;
        case XC_BELOW_TARGET:
            cf.type = LXW_CONDITIONAL_TYPE_CELL;
            cf.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
            cf.value = target;
            cf.format = c->f.bad;
            /* an empty cell (nothing judged) is not below target */
            lxw_conditional_format blank;
            memset(&blank, 0, sizeof blank);
            blank.type = LXW_CONDITIONAL_TYPE_BLANKS;
            blank.stop_if_true = LXW_TRUE;
            XW(worksheet_conditional_format_range(ws, first, col, last, col, &blank));
            break;
        case XC_NONZERO:
            cf.type = LXW_CONDITIONAL_TYPE_CELL;
            cf.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
            cf.value = 0;
            cf.format = c->f.warn;
            break;
        case XC_DATABAR:
            cf.type = LXW_CONDITIONAL_DATA_BAR;
            cf.bar_color = 0x63BE7B;
            cf.bar_solid = LXW_TRUE;
            break;
        case XC_MARKED:
            cf.type = LXW_CONDITIONAL_TYPE_NO_BLANKS;
            cf.format = c->f.bad;
            break;
        case XC_SEVERITY:
            cf.type = LXW_CONDITIONAL_TYPE_CELL;
            cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
            cf.format = c->f.bad;
            cf.value_string = "\"HIGH\"";
            XW(worksheet_conditional_format_range(ws, first, col, last, col, &cf));
            cf.value_string = "\"BREACHED\"";
            XW(worksheet_conditional_format_range(ws, first, col, last, col, &cf));
            cf.value_string = "\"MEDIUM\"";
            cf.format = c->f.warn;
            break;
        }
        XW(worksheet_conditional_format_range(ws, first, col, last, col, &cf));
    }
done:
    return rc;
}

static nv_err table_total(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t row,
                          const col_state *cs, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char label[256];
    xlsx_label2(c, "total", label, sizeof label);
    XW(worksheet_write_string(ws, row, 0, label, c->f.total_label));
    for (int j = 1; j < s->n_cols; j++)
        if (s->cols[j].type == XT_INT)
            XW(worksheet_write_number(ws, row, (lxw_col_t)j, cs[j].total, c->f.total_int));
        else
            XW(worksheet_write_blank(ws, row, (lxw_col_t)j, c->f.total_label));
done:
    return rc;
}

static nv_err table_widths(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws,
                           const col_state *cs, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    for (int j = 0; j < s->n_cols; j++) {
        double w = (double)cs[j].chars + 2;
        if (w < s->cols[j].width) w = s->cols[j].width;
        if (w > c->t->max_width) w = c->t->max_width;
        lxw_format *f = s->cols[j].type == XT_TEXT && w >= c->t->max_width ? c->f.wrap : NULL;
        XW(worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, w, f));
    }
done:
    return rc;
}

/* The last row a table sheet may fill: [workbook] max_rows data rows under
 * the header (default and at most Excel's limit less the two rows kept for
 * the Total row and the note that says how many rows were cut). */
lxw_row_t xlsx_last_data_row(const xlsx_ctx *c, lxw_row_t hdr)
{
    double max = c->t->max_rows > 0 ? c->t->max_rows : (double)LXW_ROW_MAX - 3;
    double last = (double)hdr + max;
    return last > (double)LXW_ROW_MAX - 3 ? (lxw_row_t)(LXW_ROW_MAX - 3) : (lxw_row_t)last;
}

void xlsx_row_get(const xlsx_sheet_tpl *s, const col_state *cs, sqlite3_stmt *st, xlsx_val *v)
{
    for (int j = 0; j < s->n_cols; j++)
        xlsx_cell_get(&s->cols[j], &cs[j], st, &v[j]);
}

nv_err xlsx_row_put(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, col_state *cs,
                    lxw_row_t row, const xlsx_val *v, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    for (int j = 0; j < s->n_cols && rc == NV_OK; j++)
        rc = write_cell(c, ws, row, (lxw_col_t)j, &s->cols[j], &cs[j], &v[j], eb);
    c->rows++;
    return rc;
}

/* The query's rows from row first on; *last = the last row written (first
 * - 1 when none). */
static nv_err table_rows(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, sqlite3_stmt *st,
                         col_state *cs, lxw_row_t first, lxw_row_t *last, int64_t *cut,
                         nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    lxw_row_t row = first;
    xlsx_val v[XLSX_MAX_COLS];
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (row > xlsx_last_data_row(c, first - 1)) {
            (*cut)++;
            continue;
        }
        xlsx_row_get(s, cs, st, v);
        if ((rc = xlsx_row_put(c, s, ws, cs, row, v, eb)) != NV_OK) return rc;
        row++;
    }
    if (step != SQLITE_DONE) return db_fail(c->r->db, eb, s->query);
    *last = row - 1;
    return NV_OK;
}

/* When a sheet had more rows than Excel holds (cut > 0), says so in the row
 * under its table (after the Total row, in constant_memory's row order):
 * the sheet is complete up to Excel's limit and names how many rows were
 * left out, instead of losing the workbook. */
nv_err xlsx_table_cut_note(xlsx_ctx *c, lxw_worksheet *ws, lxw_row_t last, int64_t cut,
                           nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char note[256];
    if (cut <= 0) return NV_OK;
    snprintf(note, sizeof note,
             "%lld more rows not shown: an Excel sheet holds at most %u rows / "
             "%lld और पंक्तियाँ नहीं दिखाई गईं: एक्सेल शीट की सीमा",
             (long long)cut, (unsigned)LXW_ROW_MAX, (long long)cut);
    XW(worksheet_write_string(ws, last + 2, 0, note, NULL));
done:
    return rc;
}

/* Title, notes and header of a table sheet (hdr = the header row), frozen
 * under the header. */
nv_err xlsx_table_start(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, col_state *cs,
                        lxw_row_t *hdr, nv_errbuf *eb)
{
    nv_err rc = table_head(c, s, ws, cs, hdr, eb);
    if (rc != NV_OK) return rc;
    worksheet_freeze_panes(ws, *hdr + 1, (lxw_col_t)s->freeze_cols);
    XW(worksheet_repeat_rows(ws, *hdr, *hdr));
done:
    return rc;
}

/* The drop-downs of the columns whose template names a list (col key
 * list = A|B|C) over the data rows first .. last (VERIFY.md's Outcome and
 * Review columns): Excel data validation, a value outside the list refused. */
static nv_err table_lists(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, lxw_row_t first,
                          lxw_row_t last, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    for (int j = 0; j < s->n_cols; j++) {
        char buf[256], *vals[17] = {0}, *save = NULL;
        int n = 0;
        if (!s->cols[j].list[0]) continue;
        snprintf(buf, sizeof buf, "%s", s->cols[j].list);
        for (char *t = strtok_r(buf, "|", &save); t && n < 16; t = strtok_r(NULL, "|", &save))
            vals[n++] = t;
        lxw_data_validation dv;
        memset(&dv, 0, sizeof dv);
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = vals;
        dv.ignore_blank = LXW_VALIDATION_ON;
        dv.show_error = LXW_VALIDATION_ON;
        XW(worksheet_data_validation_range(ws, first, (lxw_col_t)j, last, (lxw_col_t)j, &dv));
    }
done:
    return rc;
}

/* After the rows (hdr + 1 .. last): the filter and conditional formats over
 * them (libxlsxwriter keeps those until the workbook is closed, so
 * constant_memory needs no count first), the Total row, the widths. */
nv_err xlsx_table_finish(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws,
                         const col_state *cs, lxw_row_t hdr, lxw_row_t last, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    XW(worksheet_autofilter(ws, hdr, 0, last, (lxw_col_t)(s->n_cols - 1)));
    if (last > hdr && (rc = table_conds(c, s, ws, hdr + 1, last, eb)) != NV_OK) goto done;
    if (last > hdr && (rc = table_lists(c, s, ws, hdr + 1, last, eb)) != NV_OK) goto done;
    if (s->total_row && last > hdr && (rc = table_total(c, s, ws, last + 1, cs, eb)) != NV_OK)
        goto done;
    rc = table_widths(c, s, ws, cs, eb);
done:
    return rc;
}

/* Prepares the sheet's query with the named parameters bound (for c's wing)
 * and maps the template's columns onto its result. A query that takes no
 * :wing must be a split sheet's (one query for every workbook). */
nv_err xlsx_table_query(xlsx_ctx *c, const xlsx_sheet_tpl *s, sqlite3_stmt **st, col_state *cs,
                        nv_errbuf *eb)
{
    nv_err rc = db_prepare_named(c->r->db, s->query, st, eb);
    if (rc == NV_OK) rc = xlsx_bind(c, *st, eb);
    if (rc == NV_OK) rc = map_columns(c, s, *st, cs, eb);
    int wing = sqlite3_bind_parameter_index(*st, ":wing") > 0;
    if (rc == NV_OK && !s->split[0] && !wing)
        rc = nv_errf(eb, NV_ERR_CONFIG,
                     "%s: [sheet:%s]: query %s takes no :wing (name the "
                     "column that tells the wing with split =)",
                     c->t->path, s->id, s->query);
    if (rc == NV_OK && s->split[0] && wing)
        rc = nv_errf(eb, NV_ERR_CONFIG, "%s: [sheet:%s]: query %s of a split sheet takes :wing",
                     c->t->path, s->id, s->query);
    return rc;
}

/* A table sheet of one wing's workbook: its query's rows under the header. */
static nv_err table_sheet(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet *ws, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    sqlite3_stmt *st = NULL;
    col_state cs[XLSX_MAX_COLS];
    lxw_row_t hdr = 0, last = 0;
    int64_t cut = 0;
    memset(cs, 0, sizeof cs);
    if ((rc = xlsx_table_query(c, s, &st, cs, eb)) == NV_OK &&
        (rc = xlsx_table_start(c, s, ws, cs, &hdr, eb)) == NV_OK &&
        (rc = table_rows(c, s, ws, st, cs, hdr + 1, &last, &cut, eb)) == NV_OK &&
        (rc = xlsx_table_finish(c, s, ws, cs, hdr, last, eb)) == NV_OK)
        rc = xlsx_table_cut_note(c, ws, last, cut, eb);
    sqlite3_finalize(st);
    return rc;
}

/* --------------------------------------------------------------- workbook */

static nv_err wing_props(xlsx_ctx *c, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char title[400], subject[400], company[240], keywords[400], comments[800];
    const xlsx_tpl *t = c->t;
    xlsx_subst(c, t->title, title, sizeof title);
    xlsx_subst(c, t->subject, subject, sizeof subject);
    xlsx_subst(c, t->company[0] ? t->company : "{org}", company, sizeof company);
    xlsx_subst(c, t->keywords, keywords, sizeof keywords);
    xlsx_subst(c, t->comments, comments, sizeof comments);
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = title;
    p.subject = subject;
    p.author = "nivaran";
    p.company = company;
    p.keywords = keywords;
    p.comments = comments;
    p.category = "SLA report";
    p.created = (time_t)(c->day * 86400); /* the report day: reruns are byte-identical */
    XW(workbook_set_properties(c->wb, &p));
done:
    return rc;
}

/* ---- what libxlsxwriter 1.1.4 has no call for ----------------------------
 * Its API neither buffers a constant_memory sheet's temporary file nor
 * discards a workbook unwritten (lxw_workbook_free is not in its manual);
 * these two functions are the only places that reach into its structs. */

/* The temporary file a constant_memory sheet streams its rows through, or
 * NULL. */
static FILE *lxw_sheet_tmpfile(lxw_worksheet *ws)
{
    return ws->optimize_tmpfile;
}

/* Closes the sheets' temporary files (flushed before a fork) and frees wb
 * without writing it. */
static void lxw_book_free_unwritten(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile) fclose(ws->optimize_tmpfile);
        ws->optimize_tmpfile = ws->file = NULL;
    }
    lxw_workbook_free(wb);
}

nv_err xlsx_sheet_add(xlsx_ctx *c, const xlsx_sheet_tpl *s, lxw_worksheet **ws, nv_errbuf *eb)
{
    *ws = workbook_add_worksheet(c->wb, s->name);
    if (!*ws) return nv_errf(eb, NV_ERR_RENDER, "%s: cannot add sheet '%s'", c->path, s->name);
    /* constant_memory streams the sheet's rows through a temporary file that
     * nothing has touched yet: a larger stdio buffer than the default 4 KiB
     * turns ~100,000 small writes and reads per 400 MB into ~6,000 (the
     * buffer is freed after workbook_close; without it, the default stays) */
    FILE *tmp = lxw_sheet_tmpfile(*ws);
    char *vb = tmp && c->n_vbuf < XLSX_MAX_SHEETS ? malloc(XLSX_VBUF) : NULL;
    if (vb && setvbuf(tmp, vb, _IOFBF, XLSX_VBUF) == 0)
        c->vbuf[c->n_vbuf++] = vb;
    else
        free(vb);
    /* landscape, one page wide, the footer; xlsx_table_start() repeats the header */
    return xlsx_print_setup(c, *ws, -1, -1, eb);
}

/* Every sheet of the template into each of books[0..n) (n > 0), sheet by
 * sheet. */
static nv_err books_sheets(xlsx_ctx *books, size_t n, xlsx_split *sp, nv_errbuf *eb)
{
    const xlsx_tpl *t = books[0].t;
    nv_err rc = NV_OK;
    for (int k = 0; k < t->n_sheets && rc == NV_OK; k++) {
        const xlsx_sheet_tpl *s = &t->sheets[k];
        if (s->split[0]) { /* its rows come in xlsx_books_finish() */
            rc = xlsx_split_start(sp, books, n, s, eb);
            continue;
        }
        for (size_t i = 0; i < n && rc == NV_OK; i++) {
            lxw_worksheet *ws = NULL;
            if ((rc = xlsx_sheet_add(&books[i], s, &ws, eb)) != NV_OK) break;
            if (strcmp(s->kind, "summary") == 0)
                rc = xlsx_summary_sheet(&books[i], s, ws, eb);
            else
                rc = table_sheet(&books[i], s, ws, eb);
        }
    }
    for (size_t i = 0; i < n && rc == NV_OK && books[0].r->comp; i++)
        rc = xlsx_comp_sheet(&books[i], eb); /* no schedule: no sheet */
    return rc;
}

/* Starts c's workbook for wing under its tmp name, with its properties and
 * formats. */
static nv_err book_open(xlsx_ctx *c, const char *wing, const char *name, nv_errbuf *eb)
{
    nv_err rc;
    c->wing = wing;
    if (snprintf(c->path, sizeof c->path, "%s/%s", c->r->out_dir, name) >= (int)sizeof c->path ||
        outfile_tmpname(c->path, c->tmp, sizeof c->tmp) != 0 ||
        snprintf(c->tmpdir, sizeof c->tmpdir, "%s", c->r->out_dir) >= (int)sizeof c->tmpdir)
        return nv_errf(eb, NV_ERR_IO, "%s: output path too long", c->r->out_dir);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = c->tmpdir, .use_zip64 = 0};
    c->wb = workbook_new_opt(c->tmp, &opt);
    if (!c->wb) return nv_errf(eb, NV_ERR_RENDER, "%s: cannot create the workbook", c->tmp);
    if ((rc = wing_props(c, eb)) == NV_OK) rc = fmts_make(c, eb);
    return rc;
}

/* Closes c's workbook (libxlsxwriter frees it in any case): renamed into
 * place when ok and written, else its tmp file removed. */
nv_err xlsx_book_close(xlsx_ctx *c, int ok, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    if (!c->wb) return NV_OK;
    lxw_error e = workbook_close(c->wb);
    c->wb = NULL;
    for (int i = 0; i < c->n_vbuf; i++)
        free(c->vbuf[i]);
    c->n_vbuf = 0;
    if (ok && e != LXW_NO_ERROR)
        rc = nv_errf(eb, NV_ERR_RENDER, "%s: writing the workbook: %s", c->tmp, lxw_strerror(e));
    if (!ok || rc != NV_OK) {
        unlink(c->tmp);
        return rc;
    }
    return outfile_rename(c->tmp, c->path, eb);
}

/* Frees c's workbook without writing it, in the process that left its
 * writing to a child that has ended: the sheets' temporary files (flushed
 * before the fork) are closed, then the objects freed. */
void xlsx_book_discard(xlsx_ctx *c)
{
    if (!c->wb) return;
    lxw_book_free_unwritten(c->wb);
    c->wb = NULL;
    for (int i = 0; i < c->n_vbuf; i++)
        free(c->vbuf[i]);
    c->n_vbuf = 0;
}

/* The workbooks of wings[0..n), written side by side (a split sheet's query
 * runs once for all of them), then finished and closed in parallel
 * (xlsx_books.c). */
static nv_err books_write(const xlsx_ctx *c, const char (*wings)[64], size_t n, xlsx_meanwhile *mw,
                          nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    nv_errbuf ignore;
    xlsx_split sp = {.n = 0};
    if (n == 0) return NV_OK;
    xlsx_ctx *books = calloc(n, sizeof *books);
    char(*names)[96] = calloc(n, sizeof *names);
    if (!books || !names) {
        free(books);
        free(names);
        return nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbooks");
    }
    if (xlsx_file_names(wings, n, names) != 0)
        rc = nv_errf(eb, NV_ERR_IO, "%s: a wing's workbook name is too long", c->r->out_dir);
    for (size_t i = 0; i < n && rc == NV_OK; i++) {
        books[i] = *c;
        rc = book_open(&books[i], wings[i], names[i], eb);
    }
    if (rc == NV_OK) rc = books_sheets(books, n, &sp, eb);
    if (rc == NV_OK)
        rc = xlsx_books_finish(books, n, &sp, 1, mw, eb);
    else
        xlsx_books_finish(books, n, &sp, 0, NULL, &ignore);
    xlsx_split_free(&sp);
    free(books);
    free(names);
    return rc;
}

nv_err xlsx_list_wings(const nv_report *r, char (*names)[64], size_t max, size_t *n, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int step, store = r->fig && r->fig->store_current;
    *n = 0;
    nv_err rc = db_prepare_named(r->db, store ? "xlsx_wings_store" : "xlsx_wings", &st, eb);
    if (rc != NV_OK) return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(st, 0);
        if (!w || strlen(w) >= 64) continue;
        if (*n >= max) {
            rc = nv_errf(eb, NV_ERR_INTERNAL, "more than %zu wings", max);
            break;
        }
        snprintf(names[(*n)++], 64, "%s", w);
    }
    if (rc == NV_OK && step != SQLITE_DONE) rc = db_fail(r->db, eb, "xlsx_wings");
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------- figures for all wings */

static nv_err ctx_windows(xlsx_ctx *c, nv_errbuf *eb)
{
    const nv_report *r = c->r;
    char tz[64];
    c->tz = r->tz;
    if (db_meta_get(r->db, "timezone", tz, sizeof tz) == 1 && tz[0]) {
        nv_err rc = nvt_tz_parse(tz, &c->tz, eb);
        if (rc != NV_OK) return rc;
    } else if (!c->tz.name[0] && c->tz.std_offset_s == 0) {
        c->tz = nvt_ist();
    }
    int64_t D = r->last_day, ndays = r->last_day - r->first_day + 1;
    int y, m, d, py, pm;
    c->day = D;
    c->t0 = xlsx_day_start(c, D - 29);
    c->w0 = xlsx_day_start(c, r->first_day < D - 29 ? r->first_day : D - 29);
    c->p0 = xlsx_day_start(c, r->first_day - ndays);
    c->p1 = r->d0;
    c->wk0 = xlsx_day_start(c, D - 6);
    c->wkp0 = xlsx_day_start(c, D - 13);
    nvt_civil_from_days(D, &y, &m, &d);
    c->m0 = nvt_day_start(&c->tz, y, m, 1);
    py = m == 1 ? y - 1 : y;
    pm = m == 1 ? 12 : m - 1;
    int64_t pfirst = nvt_days_from_civil(py, pm, 1);
    int64_t plen = nvt_days_from_civil(y, m, 1) - pfirst;
    c->mp0 = xlsx_day_start(c, pfirst);
    c->mp1 = xlsx_day_start(c, pfirst + (d < plen ? d : plen));
    return NV_OK;
}

/* The windows of the night's figures (figures.h) that the sheets show. */
static void ctx_figures(xlsx_ctx *c, const nv_figures *fig)
{
    c->fig = fig;
    c->fday = figures_table(fig, NV_FIG_REPORT);
    c->fprev = figures_table(fig, NV_FIG_PREV);
    c->fweek = figures_table(fig, NV_FIG_WEEK);
    c->fweekp = figures_table(fig, NV_FIG_WEEKP);
    c->fmtd = figures_table(fig, NV_FIG_MTD);
    c->fmtdp = figures_table(fig, NV_FIG_MTDP);
    c->f30 = figures_table(fig, NV_FIG_R30);
}

static int bind_pct(sqlite3_stmt *st, int i, const nv_figs *f, int64_t *t);

/* Binds v[0 .. n) to parameters from first on. */
static int bind_all(sqlite3_stmt *st, int first, const int64_t *v, int n)
{
    for (int i = 0; i < n; i++)
        if (sqlite3_bind_int64(st, first + i, v[i]) != SQLITE_OK) return -1;
    return 0;
}

/* One category row of temp.xlsx_cat. */
static nv_err cat_insert(xlsx_ctx *c, sqlite3_stmt *st, const nv_fig_group *g, nv_errbuf *eb)
{
    const nv_figs *f = &g->f;
    const int64_t n[6] = {f->received, f->resolved, f->rejected,
                          f->met,      f->breached, f->met + f->breached};
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (sqlite3_bind_text(st, 1, g->wing, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, g->key, -1, SQLITE_STATIC) != SQLITE_OK || bind_all(st, 3, n, 6))
        return db_fail(c->r->db, eb, "xlsx_temp_cat_ins");
    bind_pct(st, 9, f, NULL);
    if (f->has_median) sqlite3_bind_int64(st, 10, f->median_s);
    if (f->has_p90) sqlite3_bind_int64(st, 11, f->p90_s);
    sqlite3_bind_int64(st, 12, f->pending_end);
    sqlite3_bind_int64(st, 13, f->overdue_end);
    if (sqlite3_step(st) != SQLITE_DONE) return db_fail(c->r->db, eb, "xlsx_temp_cat_ins");
    return NV_OK;
}

/* One XEN row of temp.xlsx_backlog. */
static nv_err backlog_insert(xlsx_ctx *c, sqlite3_stmt *st, const nv_fig_group *g, nv_errbuf *eb)
{
    const int64_t n[6] = {g->f.pending_end, g->band[0], g->band[1],
                          g->band[2],       g->band[3], g->f.overdue_end};
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (sqlite3_bind_text(st, 1, g->wing, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, g->key, -1, SQLITE_STATIC) != SQLITE_OK || bind_all(st, 3, n, 6))
        return db_fail(c->r->db, eb, "xlsx_temp_backlog_ins");
    if (g->f.pending_end > 0) sqlite3_bind_int64(st, 9, g->oldest_s);
    if (sqlite3_step(st) != SQLITE_DONE) return db_fail(c->r->db, eb, "xlsx_temp_backlog_ins");
    return NV_OK;
}

/* temp.xlsx_cat (the categories with a figure in the window) and
 * temp.xlsx_backlog (the chart's XENs and those with a record pending). */
static nv_err groups_store(xlsx_ctx *c, nv_errbuf *eb)
{
    const nv_report *r = c->r;
    nv_fig_group *g = NULL;
    size_t n = 0;
    sqlite3_stmt *st = NULL;
    nv_err rc = figures_groups(c->fig, FIG_BY_CATEGORY, r->first_day, r->last_day, &g, &n, eb);
    if (rc == NV_OK) rc = db_prepare_named(r->db, "xlsx_temp_cat_ins", &st, eb);
    for (size_t i = 0; rc == NV_OK && i < n; i++)
        if (g[i].present) rc = cat_insert(c, st, &g[i], eb);
    sqlite3_finalize(st);
    st = NULL;
    free(g);
    g = NULL;
    if (rc == NV_OK) rc = figures_groups(c->fig, FIG_BY_XEN, r->first_day, r->last_day, &g, &n, eb);
    if (rc == NV_OK) rc = db_prepare_named(r->db, "xlsx_temp_backlog_ins", &st, eb);
    for (size_t i = 0; rc == NV_OK && i < n; i++)
        if (g[i].in_chart || g[i].f.pending_end > 0) rc = backlog_insert(c, st, &g[i], eb);
    sqlite3_finalize(st);
    free(g);
    return rc;
}

/* Each wing's 30-day trend into temp.xlsx_trend (xlsx_temp.sql): received,
 * resolved, met and breached per day, from the night's figures. */
static nv_err trend_store(xlsx_ctx *c, const char (*wings)[64], size_t n, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err rc = db_prepare_named(c->r->db, "xlsx_trend_ins", &st, eb);
    for (size_t w = 0; rc == NV_OK && w < n; w++)
        for (int64_t day = c->day - (XLSX_TREND_DAYS - 1); rc == NV_OK && day <= c->day; day++) {
            nv_figs f;
            figures_days(c->fig, wings[w], day, day, &f);
            const int64_t v[4] = {f.received, f.resolved, f.met, f.breached};
            sqlite3_reset(st);
            if (sqlite3_bind_text(st, 1, wings[w], -1, SQLITE_STATIC) != SQLITE_OK ||
                sqlite3_bind_int64(st, 2, day) != SQLITE_OK)
                rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
            for (int k = 0; rc == NV_OK && k < 4; k++)
                if (sqlite3_bind_int64(st, 3 + k, v[k]) != SQLITE_OK)
                    rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
            if (rc == NV_OK && sqlite3_step(st) != SQLITE_DONE)
                rc = db_fail(c->r->db, eb, "xlsx_trend_ins");
        }
    sqlite3_finalize(st);
    return rc;
}

/* Binds compliance (tenths / 10.0) or NULL when nothing was judged;
 * returns whether it was present, the tenths in *t. */
static int bind_pct(sqlite3_stmt *st, int i, const nv_figs *f, int64_t *t)
{
    int64_t x = 0;
    int has = metrics_pct_tenths(f, &x);
    if (has)
        sqlite3_bind_double(st, i, (double)x / 10.0);
    else
        sqlite3_bind_null(st, i);
    if (t) *t = x;
    return has;
}

/* Binds hours (hundredths / 100.0), or NULL when absent. */
static void bind_hours(sqlite3_stmt *st, int i, int has, int64_t seconds)
{
    if (has)
        sqlite3_bind_double(st, i, (double)metrics_hours_hundredths(seconds) / 100.0);
    else
        sqlite3_bind_null(st, i);
}

/* One XEN row of the scratch table: report window, previous, 30 days; its
 * place ord in the ranking's order and whether it is among the worst three. */
static nv_err xen_insert(xlsx_ctx *c, sqlite3_stmt *st, const nv_fig_row *x, const nv_rank_row *rk,
                         int64_t ord, int worst, nv_errbuf *eb)
{
    int64_t cur = 0, prev = 0;
    int has_cur, has_prev;
    const nv_fig_row *p = metrics_find(c->fprev, x->wing, x->xen_id);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_text(st, 1, x->wing, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->xen_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, rk ? rk->rank : 0);
    sqlite3_bind_int64(st, 4, x->f.received);
    sqlite3_bind_int64(st, 5, x->f.resolved);
    sqlite3_bind_int64(st, 6, x->f.rejected);
    sqlite3_bind_int64(st, 7, x->f.met);
    sqlite3_bind_int64(st, 8, x->f.breached);
    has_cur = bind_pct(st, 9, &x->f, &cur);
    bind_hours(st, 10, x->f.has_median, x->f.median_s);
    bind_hours(st, 11, x->f.has_p90, x->f.p90_s);
    sqlite3_bind_int64(st, 12, x->f.pending_end);
    sqlite3_bind_int64(st, 13, x->f.overdue_end);
    has_prev = 0;
    if (p) {
        has_prev = bind_pct(st, 14, &p->f, &prev);
        sqlite3_bind_int64(st, 16, p->f.received);
    }
    /* the change in points: a difference of tenths, exact */
    if (has_cur && has_prev) sqlite3_bind_double(st, 15, (double)(cur - prev) / 10.0);
    if (rk) {
        sqlite3_bind_int64(st, 17, rk->f.met + rk->f.breached);
        bind_pct(st, 18, &rk->f, NULL);
        bind_hours(st, 19, rk->f.has_median, rk->f.median_s);
    }
    sqlite3_bind_int64(st, 20, ord);
    sqlite3_bind_int(st, 21, worst);
    if (sqlite3_step(st) != SQLITE_DONE) return db_fail(c->r->db, eb, "xlsx_temp_xen_ins");
    return NV_OK;
}

/* The XENs ranked in wing (rk: metrics_rank_table's rows). */
static int wing_ranked(const nv_rank_row *rk, size_t n, const char *wing)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (rk[i].rank > 0 && strcmp(rk[i].wing, wing) == 0) k++;
    return k;
}

/* temp.xlsx_xen (each XEN's report-window, previous and 30-day figures,
 * ranked on rank30, in the ranking's order) and temp.xlsx_days. */
static nv_err ctx_scratch(xlsx_ctx *c, const nv_fig_table *rank30, nv_errbuf *eb)
{
    sqlite3 *db = c->r->db;
    sqlite3_stmt *st = NULL;
    nv_rank_row *rk = NULL;
    size_t nrk = 0;
    int min = c->r->profile ? c->r->profile->rank_min_judged : 20;
    nv_err rc = metrics_rank_table(rank30, min, &rk, &nrk, eb);
    if (rc == NV_OK) rc = db_prepare_named(db, "xlsx_temp_xen_ins", &st, eb);
    for (size_t i = c->fday->n_wing; rc == NV_OK && i < c->fday->n; i++) {
        const nv_fig_row *x = &c->fday->rows[i];
        size_t j = 0;
        while (j < nrk &&
               (strcmp(rk[j].wing, x->wing) != 0 || strcmp(rk[j].xen_id, x->xen_id) != 0))
            j++;
        const nv_rank_row *r = j < nrk ? &rk[j] : NULL;
        int ranked = r ? wing_ranked(rk, nrk, r->wing) : 0;
        /* the worst three: the last three ranks of a wing that ranks more */
        int worst = r && r->rank > 0 && ranked > 3 && r->rank > ranked - 3;
        rc = xen_insert(c, st, x, r, r ? (int64_t)j : (int64_t)(nrk + i), worst, eb);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == NV_OK) rc = db_prepare_named(db, "xlsx_temp_day_ins", &st, eb);
    for (int64_t day = c->day - (XLSX_TREND_DAYS - 1); rc == NV_OK && day <= c->day; day++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, day);
        sqlite3_bind_int64(st, 2, xlsx_day_start(c, day));
        sqlite3_bind_int64(st, 3, xlsx_day_start(c, day + 1));
        if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, eb, "xlsx_temp_day_ins");
    }
    sqlite3_finalize(st);
    free(rk);
    return rc;
}

nv_err xlsx_write_wings(const nv_report *r, nv_errbuf *eb)
{
    return xlsx_write_wings_meanwhile(r, NULL, NULL, eb);
}

nv_err xlsx_write_wings_meanwhile(const nv_report *r, xlsx_meanwhile_fn meanwhile, void *ctx,
                                  nv_errbuf *eb)
{
    xlsx_meanwhile mw = {meanwhile, ctx, 0};
    nv_err rc;
    xlsx_ctx c;
    nv_figures own = {0};
    nv_words words;
    const nv_figures *fig = NULL;
    char(*wings)[64] = NULL;
    size_t n = 0;
    memset(&c, 0, sizeof c);
    c.r = r;
    xlsx_tpl *t = malloc(sizeof *t);
    c.buf = malloc(XLSX_TEXT_BUF);
    wings = malloc(XLSX_MAX_WINGS * sizeof *wings);
    c.bufn = XLSX_TEXT_BUF;
    if (!t || !c.buf || !wings) {
        rc = nv_errf(eb, NV_ERR_NOMEM, "out of memory for the workbooks");
        goto done;
    }
    c.t = t;
    if ((rc = words_load(r->templates_dir, r->org_name, &words, eb)) != NV_OK ||
        (rc = xlsx_tpl_load(r->templates_dir, &words, t, eb)) != NV_OK)
        goto done;
    xlsx_tpl_drop_unfilled(t, r->unfilled);
    c.bilingual = words.bilingual;
    if ((rc = ctx_windows(&c, eb)) != NV_OK) goto done;
    if ((rc = xlsx_list_wings(r, wings, XLSX_MAX_WINGS, &n, eb)) != NV_OK) goto done;
    if ((rc = figures_of_report(r, &own, &fig, eb)) != NV_OK) goto done;
    ctx_figures(&c, fig);
    if ((rc = db_exec_named(r->db, "xlsx_temp", eb)) != NV_OK) goto done;
    if ((rc = xlsx_subdiv_store(r, eb)) != NV_OK) goto done;
    if ((rc = trend_store(&c, (const char(*)[64])wings, n, eb)) != NV_OK) goto done;
    if ((rc = groups_store(&c, eb)) != NV_OK) goto done;
    if ((rc = ctx_scratch(&c, c.f30, eb)) != NV_OK) goto done;
    rc = books_write(&c, (const char(*)[64])wings, n, &mw, eb);
    if (rc == NV_OK && meanwhile && !mw.called) rc = meanwhile(ctx, eb); /* no workbook */
done:
    if (r->db) {
        nv_errbuf ignore;
        db_exec_named(r->db, "xlsx_temp_drop", &ignore);
    }
    figures_free(&own);
    free(wings);
    free(c.buf);
    free(t);
    return rc;
}
