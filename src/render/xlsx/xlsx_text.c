/* xlsx_text.c — cell text helpers of the workbook writer: file names, mobile
 * masking, and text made fit for an Excel cell. See include/nivaran/render/xlsx/xlsx.h. */
#include <stdio.h>
#include <string.h>

#include "nivaran/core/outfile.h"
#include "xlsx_int.h"

#define XLSX_STR_MAX 32767 /* Excel's limit, in characters */

int xlsx_file_name(const char *wing, char *buf, size_t n)
{
    size_t len = strlen(wing);
    if (len + sizeof "wing-.xlsx" > n) return -1;
    size_t k = 0;
    k += (size_t)snprintf(buf, n, "wing-");
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)wing[i];
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch - 'A' + 'a');
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) ch = '_';
        buf[k++] = (char)ch;
    }
    snprintf(buf + k, n - k, ".xlsx");
    return 0;
}

int xlsx_file_names(const char (*wings)[64], size_t n, char (*names)[96])
{
    for (size_t i = 0; i < n; i++)
        if (xlsx_file_name(wings[i], names[i], 96) != 0) return -1;
    unsigned char clash[XLSX_MAX_WINGS] = {0};
    if (n > XLSX_MAX_WINGS) return -1;
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            if (!strcmp(names[i], names[k])) clash[i] = clash[k] = 1;
    for (size_t i = 0; i < n; i++) {
        if (!clash[i]) continue;
        nv_sha256 *h = outfile_sha_new();
        char hex[65];
        if (!h || outfile_sha_update(h, wings[i], strlen(wings[i])) != 0 ||
            outfile_sha_final(h, hex) != 0) {
            outfile_sha_free(h);
            return -1;
        }
        outfile_sha_free(h);
        size_t stem = strlen(names[i]) - strlen(".xlsx");
        if (stem + 1 + 8 + sizeof ".xlsx" > 96) return -1;
        snprintf(names[i] + stem, 96 - stem, "-%.8s.xlsx", hex);
    }
    return 0;
}

void xlsx_mask_mobile(const char *mobile, char *buf, size_t n)
{
    size_t len = strlen(mobile);
    if (n == 0) return;
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        int keep = len > 4 && (i < 2 || i >= len - 2);
        buf[k++] = keep ? mobile[i] : 'X';
    }
    buf[k] = 0;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static int utf8_seq(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        return 4;
    }
    return 0;
}

/* U+FFFE and U+FFFF (EF BF BE, EF BF BF): valid UTF-8, but not characters
 * XML allows, so a sheet holding one is malformed. */
static int xml_nonchar(const unsigned char *p, int len)
{
    return len == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

/* Characters s will have once sanitised (CR dropped, bad bytes one each). */
static size_t text_chars(const unsigned char *s)
{
    size_t chars = 0;
    while (*s) {
        int k = utf8_seq(s);
        if (*s != '\r') chars++;
        s += k ? k : 1;
    }
    return chars;
}

int xlsx_cell_clean(const char *s, size_t *chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    while (*p) {
        if (*p >= 0x20 && *p < 0x80) { /* the common case: ASCII, not a control */
            p++;
        } else if (*p < 0x20) { /* tab and line feed stay; CR and others change */
            if (*p != '\t' && *p != '\n') return 0;
            p++;
        } else {
            int len = utf8_seq(p);
            if (len == 0 || xml_nonchar(p, len)) return 0;
            p += len;
        }
        if (++k > XLSX_STR_MAX) return 0;
    }
    *chars = k;
    return 1;
}

size_t xlsx_cell_text(const char *s, char *buf, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t total = text_chars(p);
    size_t marker_chars = text_chars((const unsigned char *)XLSX_CUT_MARKER);
    size_t keep = total <= XLSX_STR_MAX ? total : XLSX_STR_MAX - marker_chars;
    size_t k = 0, chars = 0;
    if (n == 0) return 0;
    while (*p && chars < keep) {
        int len = utf8_seq(p);
        if (*p == '\r') {
            p++;
            continue;
        }
        if (len == 0 || xml_nonchar(p, len)) { /* invalid byte, or a non-character */
            if (k + 2 > n) break;
            buf[k++] = '?';
            p += len ? len : 1;
        } else {
            if (k + (size_t)len + 1 > n) break;
            if (len == 1 && *p < 0x20 && *p != '\t' && *p != '\n')
                buf[k++] = ' ';
            else
                memcpy(buf + k, p, (size_t)len), k += (size_t)len;
            p += len;
        }
        chars++;
    }
    if (chars < total) { /* cut: add the marker when it fits */
        size_t ml = strlen(XLSX_CUT_MARKER);
        if (k + ml + 1 <= n) {
            memcpy(buf + k, XLSX_CUT_MARKER, ml);
            k += ml;
            chars += marker_chars;
        }
    }
    buf[k] = 0;
    return chars;
}
