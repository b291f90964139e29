/* clock.h — the SLA clock of METRICS.md, written once: in C for the load,
 * which judges the rows it stores when the profile is unchanged
 * (ingest_set_clock(), binding the judgement as parameters of
 * queries/ingest_upsert.sql), and as SQL functions over the same code for
 * the judgement pass (queries/judge_stale.sql):
 *
 *   nv_deadline(has_due_col, due, registered, category)
 *                            the record's deadline under the armed clock
 *                            (clock_arm); NULL while disarmed.
 *   nv_outcome(ta, dl, status, disposed)
 *   nv_judged_at(ta, dl, status, disposed)
 *                            the outcome and when it was reached.
 *
 * The rule: the deadline is the record's own due (NULL: no deadline) when
 * its layout maps a due-date column, else registered + the category's limit
 * (the profile's default for a category it does not list). No outcome for
 * a time anomaly (ta: disposed before registered) or without a deadline;
 * else, disposed by the deadline (status not OPEN): MET at disposed when
 * RESOLVED, none for a rejection; otherwise (open, or disposed later)
 * BREACHED at the deadline, even while that is still ahead: every figure
 * selects judged_at within its window, and disposing the record makes the
 * load judge it again.
 *
 * (Functions in the upsert itself would cost more than the judgement they
 * save: SQLite keeps a statement journal for any statement that calls an
 * application function, and the bulk path writes 16 rows per statement.) */
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

/* A profile's limits, sorted for look-up. Opaque. */
typedef struct nv_clock nv_clock;

/* What the clock reads of a record (disposed and due valid when has_). */
typedef struct {
    int has_due_col, has_due, has_disposed;
    int64_t due, registered, disposed;
    const char *category, *status;
    size_t category_len;
} nv_clock_rec;

/* A record's judgement: ta (time anomaly), the deadline, the outcome
 * ("MET", "BREACHED" or NULL; static strings) and when it was reached. */
typedef struct {
    int ta, has_deadline, has_judged_at;
    int64_t deadline, judged_at;
    const char *outcome;
} nv_judgement;

/* A clock of n limits (lim is copied) and the default limit of a category
 * not among them. The caller owns *out (clock_free()). NV_ERR_NOMEM. */
nv_err clock_new(const nv_clock_limit *lim, size_t n, int64_t default_secs, nv_clock **out,
                 nv_errbuf *eb);

void clock_free(nv_clock *c);

/* The judgement of r under c. Never fails. */
void clock_judge(const nv_clock *c, const nv_clock_rec *r, nv_judgement *out);

/* Registers the three functions on db, disarmed. Called by sqlfn_register()
 * on every handle. Fails with NV_ERR_DB. */
nv_err clock_register(sqlite3 *db, nv_errbuf *eb);

/* Arms db's nv_deadline() with c (NULL: disarms it); db owns c from then
 * on, whether this succeeds or fails. Statements prepared before are
 * re-prepared by SQLite on their next step. Fails with NV_ERR_DB when a
 * statement of db is running. */
nv_err clock_arm(sqlite3 *db, nv_clock *c, nv_errbuf *eb);

#endif
