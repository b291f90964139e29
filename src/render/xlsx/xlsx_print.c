/* xlsx_print.c — print setup of every sheet of a wing workbook: A4
 * landscape, one page wide, the header rows repeated, and a footer naming
 * the organisation, wing and report day beside the page number (words of
 * templates/workbook.ini, [workbook] footer and footer_page). */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "xlsx_int.h"

#define FOOTER_MAX 254 /* bytes: under Excel's (and libxlsxwriter's) 255 */

/* Appends s to out[len..] with every '&' doubled (a literal ampersand among
 * Excel's header and footer codes; one followed by G or [ gets a space, so
 * that it never reads as the picture code &G or &[Picture]), whole UTF-8
 * characters only, out never past max bytes; returns the new length. */
static size_t put_escaped(char *out, size_t len, size_t max, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t clen = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        int amp = *p == '&', gap = amp && (p[1] == 'G' || p[1] == '[');
        size_t need = amp ? 2 + (size_t)gap : clen;
        if (strnlen((const char *)p, clen) < clen || len + need > max) break;
        if (amp)
            memcpy(out + len, gap ? "&& " : "&&", need);
        else
            memcpy(out + len, p, clen);
        len += need;
        p += clen;
    }
    out[len] = 0;
    return len;
}

void xlsx_footer(const xlsx_ctx *c, char *out, size_t n)
{
    char left[800], page[200], right[200];
    const char *t = c->t->footer[0] ? c->t->footer : "{org} {wing} -- {date}";
    const char *pg = c->t->footer_page[0] ? c->t->footer_page : "{page} / {pages}";
    size_t k = 0, max = n - 1 < FOOTER_MAX ? n - 1 : FOOTER_MAX;
    if (n < 16) {
        if (n) out[0] = 0;
        return;
    }
    xlsx_subst(c, t, left, sizeof left);
    xlsx_subst(c, pg, page, sizeof page);
    /* the page codes: {page} -> &P, {pages} -> &N, the rest escaped */
    for (const char *p = page; *p && k + 4 < sizeof right; p++) {
        if (strncmp(p, "{pages}", 7) == 0 || strncmp(p, "{page}", 6) == 0) {
            int all = p[5] == 's';
            memcpy(right + k, all ? "&N" : "&P", 2);
            k += 2;
            p += all ? 6 : 5;
        } else if (*p == '&') {
            memcpy(right + k, "&& ", 3);
            k += 3;
        } else {
            right[k++] = *p;
        }
    }
    right[k] = 0;
    if (k + 4 > max) k = 0, right[0] = 0; /* cannot happen with a sane template */
    memcpy(out, "&L", 2);
    size_t len = put_escaped(out, 2, max - (k ? k + 2 : 0), left);
    if (k) {
        memcpy(out + len, "&R", 2);
        memcpy(out + len + 2, right, k + 1);
    }
}

nv_err xlsx_print_setup(xlsx_ctx *c, lxw_worksheet *ws, int first, int last, nv_errbuf *eb)
{
    nv_err rc = NV_OK;
    char footer[1024];
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);       /* A4 */
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many long as it takes */
    if (first >= 0 && last >= first)
        XW(worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last));
    xlsx_footer(c, footer, sizeof footer);
    XW(worksheet_set_footer(ws, footer));
done:
    return rc;
}
