/* figstate.h — a record's figure fields as one value: what the figures'
 * day store (migrate_007.sql, src/compute/figstore.c) counted of it.
 *
 * A load, the judgement and the purge keep, in record.fig_old, the state a
 * record had before its first change since the last figures (the SQL
 * function nv_figstate(), registered by sqlfn_register(); an empty blob for
 * a record that is new since then). The next figures take that state out of
 * the store and put the current one in. */
#ifndef NIVARAN_FIGSTATE_H
#define NIVARAN_FIGSTATE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The fields the figures read of a record (fig_scan.sql's columns; of the
 * mobile and the closing login only whether there is one). Strings are
 * NUL-terminated, lw/lx/lc their lengths; each instant valid when has_. */
typedef struct {
    const char *wing, *xen, *cat, *status, *outcome; /* outcome NULL: none */
    size_t lw, lx, lc;
    int64_t reg, disp, judged, dl;
    int has_disp, has_judged, has_dl, anom, app, mobile, closer;
} nv_figstate;

/* The SQL function nv_figstate(wing, xen_id, category, registered,
 * disposed, time_anomaly, status, judged_at, outcome, deadline,
 * is_application, mobile, closed_by): the state as a blob. For
 * sqlite3_create_function(); fails with SQLITE_NOMEM or a text error. */
void figstate_sqlfn(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* Reads a blob of nv_figstate() (n bytes, n > 0) into *s, whose strings
 * point into b (which must outlive *s). -1 when b is not one. */
int figstate_decode(const unsigned char *b, size_t n, nv_figstate *s);

#endif
