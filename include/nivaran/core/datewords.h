/* datewords.h — days as a reader says them, in any language whose month
 * names a template gives: "1 Dec 2024", "1-20 Dec 2024", "25 Nov - 5 Dec
 * 2024", "25 Dec 2024 - 5 Jan 2025" (day, month name, year; Latin digits,
 * as every public output writes numbers). Pure functions: no allocation,
 * no globals.
 *
 * Month names come from a template section (the notice boards' and the
 * web page's [months]: keys 1 to 12, each "English | other language"),
 * read by datewords_months(). */
#ifndef NIVARAN_DATEWORDS_H
#define NIVARAN_DATEWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/core/tpl.h"

#define DATEWORDS_NAME 48 /* bytes of a month name */
#define DATEWORDS_MAX 160 /* bytes that always hold a range */

/* The month names of both languages of a template: name[lang][month - 1]. */
typedef struct {
    char name[2][12][DATEWORDS_NAME];
} nv_months;

/* Reads [sec] 1 .. 12 of t ("Jan | जनवरी"; a value without a second
 * language gives the first for both). NV_ERR_CONFIG naming the file and the
 * missing key. */
nv_err datewords_months(const nv_tpl *t, const char *sec, nv_months *out, nv_errbuf *eb);

/* Local days first_day .. last_day (inclusive; first_day <= last_day) in
 * the words of language lang (0 or 1) of m, into buf (n bytes,
 * DATEWORDS_MAX suffice; cut at n). */
void datewords_range(const nv_months *m, int lang, int64_t first_day, int64_t last_day, char *buf,
                     size_t n);

#endif
