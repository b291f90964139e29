/* web_int.h — internals of the web module (web.c, web_fig.c, web_pkg.c):
 * its text templates. Not an API for other modules; see include/nivaran/render/web/web.h. */
#ifndef NIVARAN_WEB_INT_H
#define NIVARAN_WEB_INT_H

#include <stddef.h>

#include "nivaran/core/err.h"

/* A text template: every key of templates/web/NAME.ini, in file order. A
 * value longer than one line continues on indented lines (joined with a
 * space), as in the PDF templates. */
typedef struct {
    struct web_kv {
        char *sec, *key, *val;
    } * v;
    size_t n, cap;
    char path[1024];
} web_tpl;

/* Loads templates_dir/web/web.SLUG.ini when the organisation org has one
 * (SLUG: org in lower case, each run of other characters than letters and
 * digits one '-'), else templates_dir/web/web.ini. Free with
 * web_tpl_free() (also after a failure). NV_ERR_CONFIG, NV_ERR_NOMEM. */
nv_err web_tpl_load(const char *templates_dir, const char *org, web_tpl *t, nv_errbuf *eb);
void web_tpl_free(web_tpl *t);
/* The value of sec.key, or NULL. */
const char *web_tpl_get(const web_tpl *t, const char *sec, const char *key);
/* Like web_tpl_get; a missing key is NV_ERR_CONFIG naming file and key. */
nv_err web_tpl_need(const web_tpl *t, const char *sec, const char *key, const char **out,
                    nv_errbuf *eb);
/* Splits "FIRST | SECOND" into a and b (n bytes each, trimmed; b "" when
 * there is no '|'). */
void web_split(const char *val, char *a, char *b, size_t n);

/* The open-data files the package describes (web_pkg.c): one entry per
 * CSV of open-data/, its fields in header order. type is a Table Schema
 * type, or "report_date": a date in a day's package, a string ("FROM/TO")
 * in a period's. */
typedef struct {
    const char *name, *type, *description;
} web_field;
typedef struct {
    const char *name; /* the file's name without .csv */
    const char *title, *description;
    const web_field *fields;
    size_t n_fields;
} web_resource;

/* The table of open-data files (static, constant); *n its length. */
const web_resource *web_resources(size_t *n);

#endif
