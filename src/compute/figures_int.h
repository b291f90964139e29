/* figures_int.h — the cube's insides, shared by figures.c (the cube and
 * its reads) and figstore.c (the day store that fills it without reading
 * every record). Not a public interface. */
#ifndef NIVARAN_FIGURES_INT_H
#define NIVARAN_FIGURES_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "nivaran/compute/figures.h"

/* The events counted per bin; EV_OPEN_DISPOSED is an open record with a
 * disposal time in the bin (a closed date on an open status), which counts
 * in no figure but makes its category present in the window. */
enum { EV_RECEIVED, EV_RESOLVED, EV_REJECTED, EV_MET, EV_BREACHED, EV_OPEN_DISPOSED, EV_N };

typedef struct {
    int32_t bin;
    int64_t s;
} cube_time;

/* One (wing, XEN, category) of the cube. */
typedef struct {
    char wing[64], xen_id[96], category[64];
    char ikey[168];          /* xen_id, 0x1F, category: the index's second name */
    int64_t band[FIG_BANDS]; /* pending at the cube's end, by age (figures.h) */
    int64_t over7;           /* of those, past their deadline by more than 7 days */
    int in_chart;            /* an XEN of the org chart (category "") */
    int64_t *cnt;            /* [bin][EV_N] */
    int64_t *pend;           /* [k], k = 0..nb: pending at bound[k] (differences while reading) */
    int64_t *over;           /* overdue likewise */
    int64_t oldest; /* age of the oldest record pending at the cube's end, seconds (0: none) */
    int64_t exam[FIG_EXAM_N]; /* the self-check's examined records (figures_exam()) */
    cube_time *tv;            /* the resolution times while reading */
    size_t nt, tcap;
    int64_t *ts;  /* after reading: the times ordered by bin */
    size_t *toff; /* [k], k = 0..nb: where bin k's times start in ts */
} cube_xen;

struct nv_figcube {
    int nb;
    int64_t *bound;
    int exam_a; /* first bin of the self-check's 30 days (to nb - 1); -1: none */
    cube_xen *x;
    size_t nx, cap;
    nv_xen_index ix;
    size_t *order; /* the XENs sorted by wing then xen_id */
    size_t last;   /* the key figcube_get() found last */
};

/* The key (wing, xen, cat), added with zero figures when new (names cut to
 * the fields); NULL when out of memory. */
cube_xen *figcube_get(nv_figcube *c, const char *wing, const char *xen, const char *cat);

/* One more resolution time s in bin of v; -1 when out of memory. */
int figcube_time_add(cube_xen *v, int bin, int64_t s);

/* A record of v pending at the cube's end, registered at reg (deadline dl
 * when has_dl): its age band, overdue by 7 days, and the oldest. */
void figcube_end_add(const nv_figcube *c, cube_xen *v, int64_t reg, int has_dl, int64_t dl);

/* ---- the day store (figstore.c) ---------------------------------------- */

/* Brings the day store up to date for days in tz: with refill, or when the
 * database has none, fills it from every record (and creates its triggers
 * and index); else applies the changes its triggers recorded (or refills
 * when they outnumber the records). *usable = 1 when the store's days are
 * in tz (a store of another zone is left alone: usable 0). Inside a
 * savepoint: on failure nothing changed. NV_ERR_DB, NV_ERR_NOMEM. */
nv_err figstore_sync(sqlite3 *db, const nv_tz *tz, int refill, int *usable, nv_errbuf *eb);

/* Adds the store's cells into c, whose bins are the local days lo .. lo +
 * c->nb - 1 (keys of the org chart already in c): the counts, times and
 * self-check of the cube's days, the backlog at its start and its changes,
 * and the records pending at its end (figstore_end.sql). NV_ERR_DB,
 * NV_ERR_NOMEM. */
nv_err figstore_cube(sqlite3 *db, nv_figcube *c, int64_t lo, nv_errbuf *eb);

/* Reads the records with an event in c's bins or pending in them
 * (fig_scan.sql) and adds their contributions into c as figstore_cube()
 * adds the store's: the full path, and any cube of instants (bins that are
 * not local days). NV_ERR_DB, NV_ERR_NOMEM. */
nv_err figstore_scan(sqlite3 *db, nv_figcube *c, nv_errbuf *eb);

#endif
