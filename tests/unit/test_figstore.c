/* test_figstore.c — the figures' day store (src/compute/figstore.c) after
 * the changes a night makes: records replaced by a load (the real
 * ingest_upsert.sql), a new one, the judgement, and a purge. The figures
 * from the store are checked against values worked out by hand below, and
 * every table row against the figures of a full read of the records
 * (FIG_FULL), an independent path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/compute/profile.h"
#include "nivaran/core/report.h"
#include "nivaran/store/db.h"

/* Replaces (or adds) a record through the load's own statement; 1 when
 * applied. */
/* Binds one row's parameters, numbered as ingest_upsert.sql's, to st. */
static void bind_row(sqlite3_stmt *st, const char *id, const char *wing, const char *xen,
                     const char *cat, const char *status, int64_t reg, int64_t disp,
                     int64_t updated)
{
    const char *text[32] = {[0] = "1912", [1] = id,      [2] = "fixture", [4] = cat, [5] = wing,
                            [6] = xen,    [10] = status, [11] = status,   [28] = id, [31] = NULL};
    for (int i = 0; i < 32; i++)
        if (text[i]) assert_int_equal(sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC), 0);
    assert_int_equal(sqlite3_bind_int(st, 4, 0), 0);
    assert_int_equal(sqlite3_bind_int64(st, 13, reg), 0);
    if (disp >= 0) assert_int_equal(sqlite3_bind_int64(st, 14, disp), 0);
    assert_int_equal(sqlite3_bind_int64(st, 15, updated), 0);
    assert_int_equal(sqlite3_bind_int(st, 16, 0), 0);
    assert_int_equal(sqlite3_bind_int(st, 26, 0), 0);
    assert_int_equal(sqlite3_bind_int(st, 27, 0), 0);
    assert_int_equal(sqlite3_bind_int(st, 30, 1), 0);
    assert_int_equal(sqlite3_bind_int(st, 31, 1), 0);
}

/* A load's id: above every stored record's, as a new load row's is (load
 * rows are never deleted). */
static int64_t next_load(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT coalesce(max(load_id), 0) + 1 FROM record", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

/* Stores a row as the loader does (ingest.c's row_store): the upsert, then,
 * when it applied, the keys it leaves to ingest_rekey.sql. Returns
 * sqlite3_changes() of the upsert. */
static int upsert(sqlite3 *db, const char *id, const char *wing, const char *xen, const char *cat,
                  const char *status, int64_t reg, int64_t disp, int64_t updated)
{
    sqlite3_stmt *st = NULL;
    nv_errbuf eb;
    int64_t load = next_load(db); /* a load of its own */
    assert_int_equal(db_prepare_named(db, "ingest_upsert", &st, &eb), NV_OK);
    bind_row(st, id, wing, xen, cat, status, reg, disp, updated);
    assert_int_equal(sqlite3_bind_int64(st, 30, load), 0);
    assert_int_equal(sqlite3_bind_int(st, 33, 1), 0); /* stale, unjudged (?34..?36 NULL) */
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    int n = sqlite3_changes(db);
    sqlite3_finalize(st);
    if (n == 0) return n;
    assert_int_equal(db_prepare_named(db, "ingest_rekey", &st, &eb), NV_OK);
    bind_row(st, id, wing, xen, cat, status, reg, disp, updated);
    assert_int_equal(sqlite3_bind_int64(st, 30, load), 0);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    return n;
}

static void judge(sqlite3 *db)
{
    nv_errbuf eb;
    nv_profile p;
    assert_int_equal(profile_load("templates", "md-24h", &p, &eb), NV_OK);
    if (metrics_judge(db, &p, &eb) != NV_OK) fail_msg("judge: %s", eb.msg);
}

/* Erases the personal data of the records disposed before cut, through the
 * purge's own statement. */
static void purge(sqlite3 *db, int64_t cut)
{
    sqlite3_stmt *st = NULL;
    nv_errbuf eb;
    assert_int_equal(db_prepare_named(db, "purge_records", &st, &eb), NV_OK);
    assert_int_equal(sqlite3_bind_int64(st, 1, cut), 0);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static const nv_fig_row *row_of(const nv_fig_table *t, const char *wing, const char *xen)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].wing, wing) && !strcmp(t->rows[i].xen_id, xen)) return &t->rows[i];
    fail_msg("no row %s/%s", wing, xen);
    return NULL;
}

static void same_figs(const nv_figs *a, const nv_figs *b, const char *what)
{
    if (a->received != b->received || a->resolved != b->resolved || a->rejected != b->rejected ||
        a->met != b->met || a->breached != b->breached || a->pending_end != b->pending_end ||
        a->overdue_end != b->overdue_end || a->has_median != b->has_median ||
        (a->has_median && (a->median_s != b->median_s || a->p90_s != b->p90_s)))
        fail_msg("%s: the store and the full read differ", what);
}

typedef struct {
    const char *xen; /* NULL: every key */
    int64_t n[FIG_EXAM_N], resolved;
} exam_sum;

static int exam_add(void *ctx, const char *wing, const char *xen, const char *cat,
                    const int64_t n[FIG_EXAM_N], int64_t resolved)
{
    exam_sum *s = ctx;
    (void)wing, (void)cat;
    if (s->xen && strcmp(xen, s->xen) != 0) return 0;
    for (int i = 0; i < FIG_EXAM_N; i++)
        s->n[i] += n[i];
    s->resolved += resolved;
    return 0;
}

static exam_sum exam_of(const nv_figures *f, const char *xen)
{
    exam_sum s = {xen, {0}, 0};
    assert_int_equal(figures_exam(f, exam_add, &s), 0);
    return s;
}

/* Every window's every row, and the self-check's counts, equal between
 * the two builds. */
static void same_as_full(sqlite3 *db, const nv_figures *f)
{
    nv_figures full;
    nv_errbuf eb;
    assert_int_equal(
        figures_build_mode(db, &f->tz, f->first_day, f->last_day, FIG_FULL, &full, &eb), NV_OK);
    for (int w = 0; w < NV_FIG_N; w++) {
        const nv_fig_table *a = figures_table(f, w), *b = figures_table(&full, w);
        assert_int_equal(a->n, b->n);
        for (size_t i = 0; i < a->n; i++) {
            char what[256];
            snprintf(what, sizeof what, "window %d row %s/%s", w, a->rows[i].wing,
                     a->rows[i].xen_id);
            assert_string_equal(a->rows[i].wing, b->rows[i].wing);
            assert_string_equal(a->rows[i].xen_id, b->rows[i].xen_id);
            same_figs(&a->rows[i].f, &b->rows[i].f, what);
        }
    }
    exam_sum x = exam_of(f, NULL), y = exam_of(&full, NULL);
    for (int i = 0; i < FIG_EXAM_N; i++)
        assert_int_equal(x.n[i], y.n[i]);
    assert_int_equal(x.resolved, y.resolved);
    figures_free(&full);
}

/* A database with the XENs X1 (TECHNICAL) and X2 (COMMERCIAL) and record A:
 * X1, NO_SUPPLY, with a mobile, registered 18 Dec 10:00 and resolved at
 * 14:00 (IST). */
static sqlite3 *db_with_a(void)
{
    sqlite3 *db = fx_db();
    assert_non_null(db);
    const char *org[] = {"X1", "TECHNICAL", "X2", "COMMERCIAL"};
    assert_int_equal(fx_org(db, org, 2), 0);
    fx_rec a = {.record_id = "A",
                .wing = "TECHNICAL",
                .xen_id = "X1",
                .category = "NO_SUPPLY",
                .status = "RESOLVED",
                .mobile = "9876543210"};
    a.registered = fx_ist(2024, 12, 18, 10, 0);
    a.disposed = fx_ist(2024, 12, 18, 14, 0), a.has_disposed = 1;
    assert_int_equal(fx_add(db, &a), 0);
    return db;
}

static void test_night_changes(void **state)
{
    (void)state;
    nv_errbuf eb;
    nv_figures f;
    nv_tz ist = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, 20);
    sqlite3 *db = db_with_a();
    fx_rec b = {.record_id = "B", .wing = "TECHNICAL", .xen_id = "X1", .category = "NO_SUPPLY"};
    b.registered = fx_ist(2024, 12, 19, 9, 0);
    fx_rec c = {.record_id = "C",
                .wing = "COMMERCIAL",
                .xen_id = "X2",
                .category = "BILLING",
                .status = "RESOLVED"};
    c.registered = fx_ist(2024, 12, 10, 9, 0);
    c.disposed = fx_ist(2024, 12, 19, 9, 0), c.has_disposed = 1;
    assert_int_equal(fx_add(db, &b) | fx_add(db, &c), 0);
    /* four records of October, before every window, that the night leaves
     * alone: with them its three changes are fewer than half the records,
     * so the store counts them anew rather than refill (figstore.c) */
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "OLD%d", i);
        fx_rec o = {.record_id = id,
                    .wing = "TECHNICAL",
                    .xen_id = "X1",
                    .category = "NO_SUPPLY",
                    .status = "RESOLVED"};
        o.registered = fx_ist(2024, 10, 1 + i, 9, 0);
        o.disposed = fx_ist(2024, 10, 1 + i, 10, 0), o.has_disposed = 1;
        assert_int_equal(fx_add(db, &o), 0);
    }
    judge(db);
    /* the first figures fill the store */
    assert_int_equal(figures_build(db, &ist, day, day, &f, &eb), NV_OK);
    const nv_fig_table *t = figures_table(&f, NV_FIG_R30);
    assert_int_equal(row_of(t, "TECHNICAL", "")->f.received, 2);
    assert_int_equal(row_of(t, "TECHNICAL", "")->f.pending_end, 1);
    assert_int_equal(exam_of(&f, "X1").n[FIG_EXAM_MOBILE], 1);
    figures_free(&f);

    /* a night: B resolved 26 h after it came, A moved to X2 (a late
     * correction of a record already counted), D new and open */
    int64_t later = fx_ist(2024, 12, 20, 12, 0);
    assert_int_equal(upsert(db, "B", "TECHNICAL", "X1", "NO_SUPPLY", "RESOLVED", b.registered,
                            fx_ist(2024, 12, 20, 11, 0), later),
                     1);
    assert_int_equal(upsert(db, "A", "COMMERCIAL", "X2", "BILLING", "RESOLVED",
                            fx_ist(2024, 12, 18, 10, 0), fx_ist(2024, 12, 18, 14, 0), later),
                     1);
    assert_int_equal(upsert(db, "D", "TECHNICAL", "X1", "NO_SUPPLY", "OPEN",
                            fx_ist(2024, 12, 20, 8, 0), -1, later),
                     1);
    judge(db);
    assert_int_equal(figures_build(db, &ist, day, day, &f, &eb), NV_OK);
    t = figures_table(&f, NV_FIG_R30);
    /* by hand, 21 Nov .. 20 Dec: TECHNICAL holds B (resolved in 26 h,
     * breached at its deadline 20 Dec 09:00) and D (open; its deadline,
     * 21 Dec 08:00, is after the window); COMMERCIAL holds C (9 days,
     * breached at 11 Dec 09:00) and A (4 h, met) */
    const nv_fig_row *tech = row_of(t, "TECHNICAL", ""), *com = row_of(t, "COMMERCIAL", "");
    assert_int_equal(tech->f.received, 2);
    assert_int_equal(tech->f.resolved, 1);
    assert_int_equal(tech->f.met, 0);
    assert_int_equal(tech->f.breached, 1);
    assert_int_equal(tech->f.pending_end, 1);
    assert_int_equal(tech->f.median_s, 26 * 3600);
    assert_int_equal(com->f.received, 2);
    assert_int_equal(com->f.resolved, 2);
    assert_int_equal(com->f.met, 1);
    assert_int_equal(com->f.breached, 1);
    assert_int_equal(com->f.median_s, 4 * 3600);
    assert_int_equal(com->f.p90_s, 9 * 86400);
    assert_int_equal(row_of(t, "ALL", "")->f.received, 4);
    /* the day itself: D received, B resolved */
    t = figures_table(&f, NV_FIG_REPORT);
    assert_int_equal(row_of(t, "TECHNICAL", "")->f.received, 1);
    assert_int_equal(row_of(t, "TECHNICAL", "")->f.resolved, 1);
    assert_int_equal(row_of(t, "COMMERCIAL", "")->f.resolved, 0);
    /* the self-check's counts moved with A: its mobile is X2's now; the
     * load's row carries no mobile (the upsert binds none) */
    exam_sum x1 = exam_of(&f, "X1"), x2 = exam_of(&f, "X2");
    assert_int_equal(x1.n[FIG_EXAM_MOBILE] + x2.n[FIG_EXAM_MOBILE], 0);
    assert_int_equal(x1.n[FIG_EXAM_RES_OTHER], 1);
    assert_int_equal(x2.n[FIG_EXAM_RES_OTHER], 2);
    assert_int_equal(x2.resolved, 2);
    same_as_full(db, &f);
    figures_free(&f);

    /* a purge of C's personal data: nothing a figure counts changes, and
     * the store still equals a full read */
    purge(db, fx_ist(2024, 12, 19, 10, 0));
    assert_int_equal(figures_build(db, &ist, day, day, &f, &eb), NV_OK);
    same_as_full(db, &f);
    figures_free(&f);
    db_close(db);
}

/* A record with a mobile, purged: the self-check no longer counts its
 * mobile, as a full read would not. */
static void test_purge_mobile(void **state)
{
    (void)state;
    nv_errbuf eb;
    nv_figures f;
    nv_tz ist = nvt_ist();
    int64_t day = nvt_days_from_civil(2024, 12, 20);
    sqlite3 *db = db_with_a();
    judge(db);
    assert_int_equal(figures_build(db, &ist, day, day, &f, &eb), NV_OK);
    assert_int_equal(exam_of(&f, "X1").n[FIG_EXAM_MOBILE], 1);
    same_as_full(db, &f);
    figures_free(&f);
    purge(db, fx_ist(2024, 12, 19, 0, 0));
    assert_int_equal(figures_build(db, &ist, day, day, &f, &eb), NV_OK);
    assert_int_equal(exam_of(&f, "X1").n[FIG_EXAM_MOBILE], 0);
    assert_int_equal(exam_of(&f, "X1").n[FIG_EXAM_RES_OTHER], 1);
    same_as_full(db, &f);
    figures_free(&f);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_night_changes),
                                       cmocka_unit_test(test_purge_mobile)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
