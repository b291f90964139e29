/* flags_int.h — internals shared by src/compute/flags*.c (not part of the
 * module's manual, include/nivaran/compute/flags.h). */
#ifndef NIVARAN_FLAGS_INT_H
#define NIVARAN_FLAGS_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/compute/flags.h"

/* A named integer parameter of a query (":span"). */
typedef struct {
    const char *name;
    int64_t v;
} fl_param;

/* Runs every statement of queries/NAME.sql in order, binding each of the n
 * parameters p that the statement has (a script's statements need not all
 * have them). NV_ERR_INTERNAL for an unknown name, NV_ERR_DB. */
nv_err flags_exec_script(sqlite3 *db, const char *name, const fl_param *p, int n, nv_errbuf *eb);

/* Registers nv_flag_day(t) on db: the local day (days since 1970-01-01) of
 * the instant t in tz (NULL for NULL), read by queries/flag_xen_*.sql.
 * NV_ERR_DB, NV_ERR_NOMEM. */
nv_err flags_xen_register(sqlite3 *db, const nv_tz *tz, nv_errbuf *eb);

/* The officer-level running sums of queries/migrate_005_flags.sql after a
 * pass: rebuilt from every record (full), else brought up to date for the
 * affected set temp.flag_todo (queries/flag_xen_update.sql). Record flags
 * and judgements must be current; nv_flag_day registered. */
nv_err flags_xen_update(sqlite3 *db, const nv_flag_cfg *cfg, int full, nv_errbuf *eb);

/* The key of what every stored flag depends on besides the records: the
 * sha256 (hex, into key[65]) of the effective thresholds and severities of
 * cfg (not the [incremental] speed keys), the profile's sha256, the
 * database's zone (meta 'timezone') and NV_VERSION. NV_ERR_NOMEM. */
nv_err flags_config_key(sqlite3 *db, const nv_flag_cfg *cfg, const char *profile_sha256,
                        char key[65], nv_errbuf *eb);

#endif
