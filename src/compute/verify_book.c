/* verify_book.c — a filled wing workbook read back (VERIFY.md), through the
 * workbook reader (xlsxread.h): the About sheet identifies it (Organisation,
 * Wing, Report day: the label in column A, the value in column B of the same
 * row), then the Call-backs sheet (columns headed Call-back key, Outcome,
 * Note) and the risk-flag sheet (Flag key, Review, Review note, Reviewed
 * by) are read row by row; every other sheet and cell is ignored. Headings
 * are matched on their English words: the heading itself, or its text
 * before " / " (the Hindi that follows may be anything). The sheets are
 * found by name, whatever their order in the file; the risk-flag sheet's
 * name is the one templates/workbook.ini gives it ("Risk flags"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/load/xlsxread.h"
#include "verify_int.h"

/* A part inflating past this is refused (a zip bomb). */
#define BOOK_MAX_PART ((uint64_t)200 << 20)
#define SHEET_CALLS "Call-backs"
#define SHEET_FLAGS "Risk flags"

enum { K_ABOUT, K_CALLS, K_FLAGS };
enum { C_KEY, C_VAL, C_NOTE, C_WHO, C_N };

typedef struct {
    rv_ctx *x;
    const char *sheet;
    int kind;
    uint32_t hdr;       /* header row, 0 = not found yet */
    uint32_t col[C_N];  /* columns of the header (0 = absent) */
    uint32_t row;       /* the row being gathered */
    char *cell[C_N];    /* its cells of interest (NULL = empty) */
    uint32_t hcol[C_N]; /* headings seen on the current row */
    char org[128], wing[64], day[32];
    int has_org, has_wing, has_day;
    nv_err e;
} book_rd;

static const char *const heads[2][C_N] = {{"Call-back key", "Outcome", "Note", NULL},
                                          {"Flag key", "Review", "Review note", "Reviewed by"}};

/* 1 when text is the heading en, alone or followed by " / ...". */
static int heading_is(const char *text, size_t len, const char *en)
{
    size_t n = strlen(en);
    if (len < n || memcmp(text, en, n) != 0) return 0;
    return len == n || (len >= n + 3 && !memcmp(text + n, " / ", 3));
}

static void row_clear(book_rd *b)
{
    for (int i = 0; i < C_N; i++) {
        free(b->cell[i]);
        b->cell[i] = NULL;
        b->hcol[i] = 0;
    }
}

static void row_flush(book_rd *b)
{
    rv_ctx *x = b->x;
    if (b->e || !b->row) return;
    if (b->kind == K_ABOUT) {
        const char *l = b->cell[C_KEY], *v = b->cell[C_VAL] ? b->cell[C_VAL] : "";
        if (l && !strcmp(l, "Organisation") && !b->has_org)
            b->has_org = snprintf(b->org, sizeof b->org, "%s", v) >= 0;
        else if (l && !strcmp(l, "Wing") && !b->has_wing)
            b->has_wing = snprintf(b->wing, sizeof b->wing, "%s", v) >= 0;
        else if (l && !strcmp(l, "Report day") && !b->has_day)
            b->has_day = snprintf(b->day, sizeof b->day, "%s", v) >= 0;
        return;
    }
    if (!b->hdr) {
        if (!b->hcol[C_KEY]) return;
        b->hdr = b->row;
        memcpy(b->col, b->hcol, sizeof b->col);
        return;
    }
    const char *key = b->cell[C_KEY];
    if (!key || !*key || key[0] == '#') return; /* not a row of the list */
    const char *fday = strlen(b->day) >= 10 ? b->day + strlen(b->day) - 10 : b->day;
    if (b->kind == K_CALLS)
        b->e = rv_outcome(x, b->sheet, (long)b->row, key, b->cell[C_VAL], b->cell[C_NOTE], NULL,
                          b->wing, fday, 1);
    else
        b->e = rv_review(x, b->sheet, (long)b->row, key, b->cell[C_VAL], b->cell[C_NOTE],
                         b->cell[C_WHO], b->wing, fday);
}

static int on_cell(void *ud, uint32_t row, uint32_t col, const char *text, size_t len)
{
    book_rd *b = ud;
    if (row != b->row) {
        row_flush(b);
        row_clear(b);
        b->row = row;
    }
    if (b->e) return 1;
    int slot = -1;
    if (b->kind == K_ABOUT) {
        slot = col == 1 ? C_KEY : col == 2 ? C_VAL : -1;
    } else if (!b->hdr) {
        const char *const *h = heads[b->kind == K_FLAGS];
        for (int i = 0; i < C_N; i++)
            if (h[i] && !b->hcol[i] && heading_is(text, len, h[i])) {
                b->hcol[i] = col;
                break;
            }
        return 0;
    } else {
        for (int i = 0; i < C_N; i++)
            if (b->col[i] == col) slot = i;
    }
    if (slot < 0) return 0;
    free(b->cell[slot]);
    if (!(b->cell[slot] = strndup(text, len))) {
        b->e = nv_errf(b->x->eb, NV_ERR_NOMEM, "out of memory (reading %s)", b->x->path);
        return 1;
    }
    rv_trim(b->cell[slot]);
    return 0;
}

/* Reads one sheet with b (kind and sheet set); a malformed sheet refuses
 * the rest of it (row 0) and keeps what was read before. */
static nv_err read_sheet(nv_xlsxread *r, book_rd *b)
{
    nv_errbuf eb2;
    nv_err e = xlsxread_sheet(r, b->sheet, on_cell, b, &eb2);
    if (!b->e) row_flush(b);
    row_clear(b);
    b->row = 0;
    if (b->e) return b->e;
    if (e == NV_ERR_NOMEM) return nv_errf(b->x->eb, e, "%s", eb2.msg);
    if (e)
        rv_refuse(b->x, b->sheet, 0, "%s", eb2.msg);
    else if (b->kind != K_ABOUT && !b->hdr)
        rv_refuse(b->x, b->sheet, 0, "no header row with %s", heads[b->kind == K_FLAGS][C_KEY]);
    else if (b->kind != K_ABOUT && !b->col[C_VAL])
        rv_refuse(b->x, b->sheet, 0, "no %s column", heads[b->kind == K_FLAGS][C_VAL]);
    return NV_OK;
}

static int has_sheet(const nv_xlsxread *r, const char *name)
{
    for (size_t i = 0; i < xlsxread_sheet_count(r); i++)
        if (!strcmp(xlsxread_sheet_name(r, i), name)) return 1;
    return 0;
}

/* 1 when wing is a wing of the database (org chart or records). */
static int known_wing(sqlite3 *db, const char *wing)
{
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 WHERE EXISTS (SELECT 1 FROM org_xen WHERE wing = ?1) OR "
                           "EXISTS (SELECT 1 FROM callback WHERE wing = ?1) OR "
                           "EXISTS (SELECT 1 FROM flag WHERE wing = ?1)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, wing, -1, SQLITE_STATIC) == SQLITE_OK)
        ok = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return ok;
}

/* The About sheet: *ok = 1 when it identifies a workbook of this
 * database; else the file is refused whole. */
static nv_err read_about(nv_xlsxread *r, book_rd *b, int *ok)
{
    rv_ctx *x = b->x;
    int y, m, d;
    *ok = 0;
    if (!has_sheet(r, "About")) {
        rv_refuse(x, "", 0, "not a wing workbook of nivaran (no About sheet)");
        return NV_OK;
    }
    b->kind = K_ABOUT;
    b->sheet = "About";
    int64_t before = x->s->refused;
    nv_err e = read_sheet(r, b);
    if (e || x->s->refused > before) return e;
    const char *last = strlen(b->day) >= 10 ? b->day + strlen(b->day) - 10 : "";
    if (!b->has_org || !b->has_wing || !b->has_day)
        rv_refuse(x, "About", 0,
                  "not a wing workbook of nivaran (no Organisation, Wing and "
                  "Report day)");
    else if (strcmp(b->org, x->org) != 0)
        rv_refuse(x, "About", 0, "a workbook of %s, not of %s", b->org, x->org);
    else if (nvt_parse_ymd(last, &y, &m, &d) != 0)
        rv_refuse(x, "About", 0, "Report day '%s' is not a day", b->day);
    else if (!known_wing(x->db, b->wing))
        rv_refuse(x, "About", 0, "wing '%s' is not a wing of %s", b->wing, x->org);
    else
        *ok = 1;
    return NV_OK;
}

nv_err rv_book(rv_ctx *x)
{
    nv_xlsxread *r = NULL;
    nv_errbuf eb2;
    book_rd b;
    int ok = 0;
    nv_err e = NV_OK;
    memset(&b, 0, sizeof b);
    b.x = x;
    nv_err oe = xlsxread_open(x->path, BOOK_MAX_PART, &r, &eb2);
    if (oe == NV_ERR_NOMEM) return nv_errf(x->eb, oe, "%s", eb2.msg);
    if (oe) {
        rv_refuse(x, "", 0, "%s", eb2.msg);
        return NV_OK;
    }
    if ((e = read_about(r, &b, &ok)) || !ok) goto done;
    if (!has_sheet(r, SHEET_CALLS) && !has_sheet(r, SHEET_FLAGS)) {
        rv_refuse(x, "", 0, "no " SHEET_CALLS " or " SHEET_FLAGS " sheet");
        goto done;
    }
    x->s->files++;
    static const struct {
        const char *name;
        int kind;
    } sheets[] = {{SHEET_CALLS, K_CALLS}, {SHEET_FLAGS, K_FLAGS}};
    for (size_t i = 0; i < 2 && !e; i++) {
        if (!has_sheet(r, sheets[i].name)) continue;
        b.sheet = sheets[i].name;
        b.kind = sheets[i].kind;
        b.hdr = 0;
        memset(b.col, 0, sizeof b.col);
        e = read_sheet(r, &b);
    }
done:
    xlsxread_close(r);
    return e;
}
