/* words.h — each organisation's reports in its own words.
 *
 * templates/org/words.ini (KESCO's) and words.SLUG.ini (another
 * organisation's, SLUG as words_org_path() makes it) name the level a
 * figure is counted per ("XEN"; a city's "queue") and the group a workbook
 * is for ("wing"; "department"), in English and, for a bilingual
 * organisation, Hindi; and whether its MD report and workbooks carry Hindi
 * at all. The MD report's and the workbooks' template loaders put these
 * words into every text that writes {officer}, {Officer}, {officers},
 * {Officers}, {unit}, {Unit}, {units}, {Units}, {head} (who the daily
 * report is for: KESCO's MD), {a_officer} or {A_officer} ("an XEN"), and drop the Hindi texts
 * of an organisation whose reports are in English alone. */
#ifndef NIVARAN_WORDS_H
#define NIVARAN_WORDS_H

#include <stddef.h>

#include "nivaran/core/err.h"

enum { WORDS_EN, WORDS_HI };
/* The words, in the order of nv_words.word. */
enum {
    WORDS_OFFICER,
    WORDS_OFFICER_CAP,
    WORDS_OFFICERS,
    WORDS_OFFICERS_CAP,
    WORDS_UNIT,
    WORDS_UNIT_CAP,
    WORDS_UNITS,
    WORDS_UNITS_CAP,
    WORDS_HEAD,
    WORDS_A_OFFICER,
    WORDS_A_OFFICER_CAP
};
#define WORDS_N 11 /* officer .. Units, head, a_officer, A_officer */

typedef struct {
    char word[WORDS_N][2][64]; /* [which][WORDS_EN / WORDS_HI] */
    int bilingual;             /* 1: the reports carry Hindi beside English */
    char path[4096];           /* the file read */
} nv_words;

/* The path of the organisation's own template DIR/BASE.SLUG.ini when that
 * file exists, else DIR/BASE.ini, into buf (n bytes). SLUG is org in lower
 * case with each run of characters other than a-z and 0-9 as one '-'
 * ("City of Boston" -> "city-of-boston"); org NULL or empty: BASE.ini.
 * Returns -1 when the path does not fit in buf, else 0. */
int words_org_path(const char *dir, const char *base, const char *org, char *buf, size_t n);

/* Reads templates_dir/org/words.ini, or the organisation's own
 * (words_org_path). NV_ERR_CONFIG naming the file and the key when it
 * cannot be read, a word is missing or a key is unknown. */
nv_err words_load(const char *templates_dir, const char *org, nv_words *w, nv_errbuf *eb);

/* Copies s into out (n bytes, always terminated) with every placeholder
 * above replaced by its word in language lang (WORDS_EN / WORDS_HI; a Hindi
 * word left empty takes the English one). Text past n is cut at a UTF-8
 * boundary. */
void words_apply(const nv_words *w, int lang, const char *s, char *out, size_t n);

#endif
