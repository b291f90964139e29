/* verify_int.h — internals shared by src/compute/verify_review.c (lists, the rules
 * of a reading) and src/compute/verify_book.c (workbooks). Not for other modules. */
#ifndef NIVARAN_VERIFY_INT_H
#define NIVARAN_VERIFY_INT_H

#include <sqlite3.h>
#include <stdio.h>

#include "nivaran/compute/verify.h"

/* One reading of one file. */
typedef struct {
    sqlite3 *db;
    const char *org;     /* the database's organisation */
    const char *read_at; /* ISO 8601, history only */
    FILE *rej;           /* NULL: stderr only */
    nv_review_stats *s;
    const char *path;
    char sha[65];
    sqlite3_stmt *call_find, *call_get, *call_put, *flag_find, *flag_get, *flag_put;
    nv_errbuf *eb;
} rv_ctx;

/* Prints a refused row (file,sheet,row,reason) to stderr and the rejects
 * file, and counts it. */
void rv_refuse(rv_ctx *x, const char *sheet, long row, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A call outcome read from row of sheet: key 'day|record_id', value as
 * typed (NULL or empty = withdraw, only when withdraw is set; else nothing),
 * note, reviewer; wing NULL = any wing (the call centre's list), else the
 * workbook's wing; file_day NULL = the key's day. Refuses, stores or leaves
 * it (stats counted). NV_ERR_DB only. */
nv_err rv_outcome(rv_ctx *x, const char *sheet, long row, const char *key, const char *value,
                  const char *note, const char *reviewer, const char *wing, const char *file_day,
                  int withdraw);

/* A flag review read from row of sheet, as rv_outcome (an empty value
 * withdraws). */
nv_err rv_review(rv_ctx *x, const char *sheet, long row, const char *key, const char *value,
                 const char *note, const char *reviewer, const char *wing, const char *file_day);

/* A filled wing workbook (verify_book.c): the About, Call-backs and risk-flag
 * sheets. Refuses the file whole when it is not such a workbook. */
nv_err rv_book(rv_ctx *x);

/* Trims s in place (spaces, tabs, CR, LF at both ends) and returns it. */
char *rv_trim(char *s);

#endif
