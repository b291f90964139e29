/* purge.h — erasing consumers' personal data (OUTPUTS.md, DPDP Act 2023).
 *
 * A record disposed before the cut-off, the start of (report day - N days)
 * in the organisation's zone, loses its name, mobile, account, address,
 * closing remarks and raw row, in the record and in the flag pass's
 * remembered keys (flag_seen; the other working tables are temporary), and
 * is marked purged: it keeps its id, figures and flags (the flag pass leaves
 * a purged record's flags as they were) and a later export row for it
 * changes nothing (queries/ingest_upsert.sql). secure_delete is set on the
 * connection first, so the erased values are overwritten in the database
 * file. Each purge is logged in purge_log. N is at least PURGE_MIN_DAYS, so
 * that no flag rule's window still needs the erased values. */
#ifndef NIVARAN_PURGE_H
#define NIVARAN_PURGE_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/core/nvtime.h"

#define PURGE_MIN_DAYS 90

typedef struct {
    int64_t cutoff;  /* instant: records disposed before it */
    int64_t records; /* erased (or, dry run, that would be) */
} nv_purge_result;

/* Purges, inside the caller's transaction, the records of db disposed
 * before the start of day - n_days (local days since epoch, zone tz);
 * dry_run counts them and changes nothing (nothing logged). NV_ERR_USAGE when
 * n_days < PURGE_MIN_DAYS; NV_ERR_DB on a query failure. Fills *out. */
nv_err purge_personal(sqlite3 *db, const nv_tz *tz, int64_t day, int n_days, int dry_run,
                      nv_purge_result *out, nv_errbuf *eb);

#endif
