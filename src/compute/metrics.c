/* metrics.c — the SLA clock of METRICS.md (metrics_judge) and the figure
 * table helpers. See include/nivaran/compute/metrics.h. The window figures
 * (metrics_compute) are in metrics_fig.c; formatting, ranking and the
 * open-data files in metrics_out.c. */
#include "nivaran/compute/metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/clock.h"
#include "nivaran/store/db.h"

/* ---- the SLA clock ---------------------------------------------------- */

static int64_t hours_to_secs(double h)
{
    return (int64_t)llround(h * 3600.0);
}

/* The SLA clock of p's limits (clock.h); the caller owns *out. */
static nv_err judge_clock(const nv_profile *p, nv_clock **out, nv_errbuf *eb)
{
    nv_clock_limit lim[PROFILE_MAX_CATEGORIES];
    int n = p->n < PROFILE_MAX_CATEGORIES ? p->n : PROFILE_MAX_CATEGORIES;
    for (int i = 0; i < n; i++) {
        lim[i].category = p->items[i].category;
        lim[i].secs = hours_to_secs(p->items[i].hours);
    }
    return clock_new(lim, (size_t)n, hours_to_secs(p->default_hours), out, eb);
}

/* Arms db's nv_deadline() with p's limits (db owns the clock). */
static nv_err judge_arm(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    nv_clock *c = NULL;
    nv_err e = judge_clock(p, &c, eb);
    return e ? e : clock_arm(db, c, eb);
}

static nv_err judge_run(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    char old[128];
    sqlite3_stmt *st = NULL;
    nv_err e;
    int have = db_meta_get(db, "profile_sha256", old, sizeof old);
    if (have < 0) return db_fail(db, eb, "judge: reading meta profile_sha256");
    if (have == 0 || strcmp(old, p->sha256) != 0) {
        if ((e = db_exec_named(db, "judge_all", eb))) return e;
    }
    if ((e = judge_arm(db, p, eb))) return e;
    if ((e = db_prepare_named(db, "judge_stale", &st, eb))) return e;
    if (sqlite3_step(st) != SQLITE_DONE) e = db_fail(db, eb, "judge: the stale records");
    sqlite3_finalize(st);
    if (e) return e;
    if ((e = db_exec_named(db, "judge_index", eb))) return e;
    if ((e = db_meta_set(db, "profile_sha256", p->sha256, eb))) return e;
    return db_meta_set(db, "profile", p->name, eb);
}

nv_err metrics_judge(sqlite3 *db, const nv_profile *p, nv_errbuf *eb)
{
    /* A savepoint makes the judgement all or nothing, inside the caller's
     * transaction when there is one, on its own otherwise. */
    nv_err e = db_exec(db, "SAVEPOINT nv_judge", eb);
    if (e) return e;
    e = judge_run(db, p, eb);
    if (e) {
        sqlite3_exec(db, "ROLLBACK TO nv_judge; RELEASE nv_judge", NULL, NULL, NULL);
        return e;
    }
    return db_exec(db, "RELEASE nv_judge", eb);
}

nv_err metrics_judge_at_load(sqlite3 *db, const nv_profile *p, nv_clock **out, nv_errbuf *eb)
{
    char old[128];
    *out = NULL;
    int have = db_meta_get(db, "profile_sha256", old, sizeof old);
    if (have < 0) return db_fail(db, eb, "judge: reading meta profile_sha256");
    /* under another profile the judgement re-judges every record anyway */
    if (have == 0 || strcmp(old, p->sha256) != 0) return NV_OK;
    return judge_clock(p, out, eb);
}

void metrics_table_free(nv_fig_table *t)
{
    if (!t) return;
    free(t->rows);
    t->rows = NULL;
    t->n = t->n_wing = 0;
}

const nv_fig_row *metrics_find(const nv_fig_table *t, const char *wing, const char *xen_id)
{
    const char *x = xen_id ? xen_id : "";
    size_t lo = x[0] ? t->n_wing : 0, hi = x[0] ? t->n : t->n_wing;
    for (size_t i = lo; i < hi; i++)
        if (strcmp(t->rows[i].wing, wing) == 0 && strcmp(t->rows[i].xen_id, x) == 0)
            return &t->rows[i];
    return NULL;
}
