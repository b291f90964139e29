/* sqlfn.h — SQL functions SQLite 3.40 lacks, registered on every handle.
 *
 *   nv_tukey_upper(x)    aggregate: Q3 + 1.5 * (Q3 - Q1) of the non-NULL x,
 *                        quartiles by linear interpolation between order
 *                        statistics (R type 7); NULL when n = 0.
 *   nv_figstate(...)     a record's figure fields as a blob (figstate.h).
 *   nv_deadline(), nv_outcome(), nv_judged_at()
 *                        the SLA clock (clock.h), registered disarmed.
 *
 * The same computation is exposed to C for callers holding arrays. (The
 * figures' nearest-rank percentile is metrics_figs_pctl(), in C only.) */
#ifndef NIVARAN_SQLFN_H
#define NIVARAN_SQLFN_H

#include <sqlite3.h>
#include <stddef.h>

#include "nivaran/core/err.h"

/* Registers the functions above on db (db_open() does, on every handle).
 * Fails with NV_ERR_DB. */
nv_err sqlfn_register(sqlite3 *db, nv_errbuf *eb);

/* Sorts v in place and returns the type-7 quantile q of it. n must be > 0. */
double sqlfn_quantile7(double *v, size_t n, double q);

/* Sorts v in place and returns the upper Tukey fence Q3 + 1.5 IQR. n > 0. */
double sqlfn_tukey_upper(double *v, size_t n);

#endif
