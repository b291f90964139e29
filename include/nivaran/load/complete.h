/* complete.h — is the day's data complete? (OUTPUTS.md, exit status 5)
 *
 * A layout of the organisation is missing for a day when no file of that
 * layout whose base name carries the day's date (YYYY-MM-DD) was ever loaded
 * (a file refused whole does not count), and no record of that layout was
 * last updated within the day (a layout without LAST_UPDATED stores the
 * later of registration and disposal there, see layout.h). The record's
 * stored last_updated is the latest row's: a row of the day superseded by a
 * later day's row counts through the later file's name only. A layout may
 * be excused: `optional = yes` in its template, or --allow-missing NAME. */
#ifndef NIVARAN_COMPLETE_H
#define NIVARAN_COMPLETE_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/core/err.h"

#define COMPLETE_MAX 32

typedef struct {
    size_t n;                            /* layouts of the organisation */
    char layout[COMPLETE_MAX][128];      /* their names, in template order */
    unsigned char missing[COMPLETE_MAX]; /* 1: sent nothing for the day */
    unsigned char excused[COMPLETE_MAX]; /* 1: optional or --allow-missing */
    size_t n_missing;                    /* missing and not excused: exit 5 */
    size_t n_excused;                    /* missing but excused: said in public */
} nv_complete;

/* Checks the layouts of templates_dir whose organisation is org for the
 * local day `day` (days since epoch; its instants [d0, d1)) against what db
 * holds, excusing allow[0..n_allow) by name. Fills *out. NV_ERR_CONFIG when
 * the templates cannot be read or allow names no layout; NV_ERR_DB on a
 * query failure. Nothing allocated. */
nv_err complete_check(sqlite3 *db, const char *templates_dir, const char *org, int64_t day,
                      int64_t d0, int64_t d1, const char (*allow)[64], int n_allow,
                      nv_complete *out, nv_errbuf *eb);

/* "kesco_1912, jhatpat" (the missing ones; excused ones when excused is
 * non-zero) into buf of size n. */
void complete_names(const nv_complete *c, int excused, char *buf, size_t n);

#endif
