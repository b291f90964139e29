/* fixture.h — test-only helpers: an in-memory database with the real schema,
 * and hand-written records inserted directly (bypassing the loader), so that
 * figures and flags can be checked against values worked out by hand.
 * Header-only; include after <cmocka.h>. */
#ifndef NIVARAN_TEST_FIXTURE_H
#define NIVARAN_TEST_FIXTURE_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nivaran/compute/metrics.h"
#include "nivaran/compute/profile.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/store/db.h"

/* An IST wall-clock time as an instant. */
static inline int64_t fx_ist(int y, int mo, int d, int h, int mi)
{
    nv_tz tz = nvt_ist();
    return nvt_local_to_utc(&tz, y, mo, d, h, mi, 0);
}

/* A profile built in C (not from a template): default hours, one optional
 * category exception, a fake sha256 standing for "this template". */
static inline nv_profile fx_profile(const char *sha, double def, const char *cat, double hours)
{
    nv_profile p;
    memset(&p, 0, sizeof p);
    snprintf(p.name, sizeof p.name, "test-%s", sha);
    p.default_hours = def;
    p.target_pct = 90;
    p.rank_min_judged = 20;
    if (cat) {
        snprintf(p.items[0].category, sizeof p.items[0].category, "%s", cat);
        p.items[0].hours = hours;
        p.n = 1;
    }
    snprintf(p.sha256, sizeof p.sha256, "%s", sha);
    return p;
}

/* metrics_judge(db, p), which must succeed. */
static inline void fx_judge(sqlite3 *db, const nv_profile *p)
{
    nv_errbuf eb;
    nv_err e = metrics_judge(db, p, &eb);
    if (e) fprintf(stderr, "judge: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

/* A fresh in-memory database with the schema applied; NULL on failure. */
static inline sqlite3 *fx_db(void)
{
    sqlite3 *db = NULL;
    nv_errbuf eb;
    if (db_open(":memory:", &db, &eb) != NV_OK) {
        fprintf(stderr, "fx_db: %s\n", eb.msg);
        return NULL;
    }
    if (db_exec_named(db, "indexes", &eb) != NV_OK) {
        fprintf(stderr, "fx_db: %s\n", eb.msg);
        db_close(db);
        return NULL;
    }
    return db;
}

/* One record; unset pointers are NULL in the database; status defaults to
 * OPEN; source to "1912"; wing/xen/category to UNMAPPED/UNASSIGNED. Each
 * record comes as a load of its own (load_id above every stored one), so
 * it is stale for the next flag pass, as a loaded record is. */
typedef struct {
    const char *source, *record_id, *category, *wing, *xen_id, *subdivision, *status;
    const char *mobile, *account, *closed_by, *feedback, *raw_status;
    int64_t registered, disposed, last_updated, due;
    int has_disposed, has_due_col, has_due, is_application;
    int otp; /* 0 = not given (NULL), 1 = Y, 2 = N */
} fx_rec;

static inline int fx_add(sqlite3 *db, const fx_rec *r)
{
    static const char *sql =
        "INSERT INTO record(source, record_id, layout, is_application, category, wing, xen_id,"
        " subdivision, subdivision_key, raw_status, status, registered, disposed, last_updated,"
        " has_due_col, due, mobile, account, closed_by, otp_verified, feedback, raw, load_id, line)"
        " VALUES (?1, ?2, 'fixture', ?3, ?4, ?5, ?6, ?7, lower(?7), ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15, ?16, ?17, ?18, ?19, ?2,"
        " (SELECT coalesce(max(load_id), 0) + 1 FROM record), 0)";
    sqlite3_stmt *st = NULL;
    int rc = -1;
    const char *status = r->status ? r->status : "OPEN";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) goto done;
    sqlite3_bind_text(st, 1, r->source ? r->source : "1912", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->record_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->is_application);
    sqlite3_bind_text(st, 4, r->category ? r->category : "UNMAPPED", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->wing ? r->wing : "UNMAPPED", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, r->xen_id ? r->xen_id : "UNASSIGNED", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, r->subdivision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, r->raw_status ? r->raw_status : status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, r->registered);
    if (r->has_disposed) sqlite3_bind_int64(st, 11, r->disposed);
    sqlite3_bind_int64(st, 12,
                       r->last_updated ? r->last_updated
                                       : (r->has_disposed ? r->disposed : r->registered));
    sqlite3_bind_int(st, 13, r->has_due_col);
    if (r->has_due) sqlite3_bind_int64(st, 14, r->due);
    sqlite3_bind_text(st, 15, r->mobile, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 16, r->account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, r->closed_by, -1, SQLITE_STATIC);
    if (r->otp) sqlite3_bind_int(st, 18, r->otp == 1 ? 1 : 0);
    sqlite3_bind_text(st, 19, r->feedback, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_DONE)
        rc = 0;
    else
        fprintf(stderr, "fx_add %s: %s\n", r->record_id, sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    return rc;
}

/* Adds the KESCO org chart's XENs used by fixtures: one per wing plus
 * extras, as org_xen rows. */
static inline int fx_org(sqlite3 *db, const char *const *xen_wing_pairs, int n)
{
    for (int i = 0; i < n; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "INSERT INTO org_xen VALUES ('%s', '%s', '')",
                 xen_wing_pairs[2 * i], xen_wing_pairs[2 * i + 1]);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return -1;
    }
    return 0;
}

#endif
