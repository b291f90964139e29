/* clock.h — the SLA clock of METRICS.md as SQL functions, so that the
 * judgement pass (queries/judge_stale.sql) and the load (queries/
 * ingest_upsert.sql, which judges the rows it stores while the clock is
 * armed) apply one rule, written once, here.
 *
 *   nv_clock_on()            1 while the clock is armed with a profile's
 *                            limits (clock_arm), else 0.
 *   nv_deadline(has_due_col, due, registered, category)
 *                            the record's deadline: its own due (NULL: no
 *                            deadline) when its layout maps a due-date
 *                            column, else registered + the category's limit
 *                            (the profile's default for a category it does
 *                            not list). NULL while the clock is disarmed.
 *   nv_outcome(ta, dl, status, disposed)
 *                            NULL when ta (time anomaly: disposed before
 *                            registered) is 1 or dl is NULL; else, disposed
 *                            by dl (status not OPEN): 'MET' when RESOLVED,
 *                            NULL (a rejection in time is not judged);
 *                            otherwise 'BREACHED' (open, or disposed later).
 *   nv_judged_at(ta, dl, status, disposed)
 *                            when that outcome holds: disposed for MET, dl
 *                            for BREACHED, NULL when there is none.
 *
 * An open record is BREACHED at its deadline even while that is still
 * ahead: every figure selects judged_at within its window, and disposing the
 * record makes the load judge it again. */
#ifndef NIVARAN_CLOCK_H
#define NIVARAN_CLOCK_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/err.h"

/* One category's limit, in seconds. */
typedef struct {
    const char *category;
    int64_t secs;
} nv_clock_limit;

/* Registers the four functions on db, disarmed. Called by sqlfn_register()
 * on every handle. Fails with NV_ERR_DB (or NV_ERR_NOMEM). */
nv_err clock_register(sqlite3 *db, nv_errbuf *eb);

/* Arms the clock of db with n limits (lim is copied; the caller keeps it)
 * and the default limit for a category not among them. Statements prepared
 * before are re-prepared by SQLite on their next step. Fails with
 * NV_ERR_NOMEM, or NV_ERR_DB when a statement of db is running. */
nv_err clock_arm(sqlite3 *db, const nv_clock_limit *lim, size_t n, int64_t default_secs,
                 nv_errbuf *eb);

/* Disarms the clock of db (nv_clock_on() 0, nv_deadline() NULL). Fails as
 * clock_arm(). */
nv_err clock_disarm(sqlite3 *db, nv_errbuf *eb);

#endif
