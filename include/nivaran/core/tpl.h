/* tpl.h — the text templates of the reports (templates/SUB/NAME.ini): every
 * key of an INI file in file order, a value continued on indented lines
 * joined with a space (libinih reads lines of at most 200 bytes), chosen by
 * organisation, with the organisation's words put in. Used by the PDFs
 * (templates/pdf/) and the web page (templates/web/). */
#ifndef NIVARAN_TPL_H
#define NIVARAN_TPL_H

#include <stddef.h>

#include "nivaran/core/err.h"
#include "nivaran/core/words.h"

typedef struct {
    struct tpl_kv {
        char *sec, *key, *val;
    } * v;
    size_t n, cap;
    char path[1024];
} nv_tpl;

/* Loads templates_dir/SUB/NAME.ini into t. Free with tpl_free() (also after
 * a failure). NV_ERR_CONFIG naming the file (and line), NV_ERR_NOMEM. */
nv_err tpl_load(const char *templates_dir, const char *sub, const char *name, nv_tpl *t,
                nv_errbuf *eb);
/* The organisation's own template when there is one: SUB/NAME.SLUG.ini,
 * SLUG as words_org_path() makes it ("City of Boston" ->
 * notice.city-of-boston.ini); else (or org NULL) SUB/NAME.ini. */
nv_err tpl_load_org(const char *templates_dir, const char *sub, const char *name, const char *org,
                    nv_tpl *t, nv_errbuf *eb);
/* Puts the organisation's words (words.h) into every value of t: the
 * placeholders of each language's part replaced by that language's words,
 * and the second part ("| हिन्दी") dropped when w is not bilingual.
 * NV_ERR_NOMEM. */
nv_err tpl_words(nv_tpl *t, const nv_words *w, nv_errbuf *eb);
void tpl_free(nv_tpl *t);
/* The value of sec.key, or NULL. Owned by t. */
const char *tpl_get(const nv_tpl *t, const char *sec, const char *key);
/* Like tpl_get but a missing key is NV_ERR_CONFIG naming file and key. */
nv_err tpl_need(const nv_tpl *t, const char *sec, const char *key, const char **out, nv_errbuf *eb);
/* Splits a two-language value "First | second" (either part may be empty)
 * into a and b (buffers of n bytes each, trimmed; b "" without a '|'). */
void tpl_split(const char *val, char *a, char *b, size_t n);

/* A template or config value as a number in [lo, hi] (strtod; trailing
 * blanks allowed): 0 and *out set, or -1 when it is not one (*out kept). */
int tpl_parse_num(const char *v, double lo, double hi, double *out);

#endif
