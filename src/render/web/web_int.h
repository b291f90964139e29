/* web_int.h — internals of the web module (web.c, web_fig.c, web_pkg.c):
 * its text templates. Not an API for other modules; see include/nivaran/render/web/web.h. */
#ifndef NIVARAN_WEB_INT_H
#define NIVARAN_WEB_INT_H

#include <stddef.h>

#include "nivaran/core/err.h"
#include "nivaran/core/tpl.h"

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
