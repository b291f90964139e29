/* clock.c — the SLA clock as SQL functions; see include/nivaran/store/clock.h. */
#include "nivaran/store/clock.h"

#include <stdlib.h>
#include <string.h>

/* A connection's clock: the limits sorted by category (bytes), owned by
 * nv_clock_on's registration (its destructor frees them); nv_deadline holds
 * the same pointer without a destructor. */
typedef struct {
    int armed;
    int64_t dflt;
    size_t n;
    char **cat;
    size_t *len;
    int64_t *secs;
} clock_state;

static void clock_free(void *p)
{
    clock_state *c = p;
    if (!c) return;
    for (size_t i = 0; i < c->n; i++)
        free(c->cat[i]);
    free(c->cat);
    free(c->len);
    free(c->secs);
    free(c);
}

static int lim_cmp(const void *a, const void *b)
{
    return strcmp(((const nv_clock_limit *)a)->category, ((const nv_clock_limit *)b)->category);
}

/* The limit of category s (n bytes): a binary search of the sorted names. */
static int64_t clock_limit(const clock_state *c, const unsigned char *s, size_t n)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, m = c->len[mid];
        int d = memcmp(c->cat[mid], s, m < n ? m : n);
        if (d == 0) d = m < n ? -1 : m > n;
        if (d == 0) return c->secs[mid];
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c->dflt;
}

static void fn_on(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const clock_state *c = sqlite3_user_data(cx);
    sqlite3_result_int(cx, c && c->armed);
}

static void fn_deadline(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const clock_state *c = sqlite3_user_data(cx);
    if (!c || !c->armed) {
        sqlite3_result_null(cx);
        return;
    }
    if (sqlite3_value_int(argv[0]) == 1) { /* the layout's own due date */
        if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
            sqlite3_result_null(cx);
        else
            sqlite3_result_int64(cx, sqlite3_value_int64(argv[1]));
        return;
    }
    const unsigned char *cat = sqlite3_value_text(argv[3]);
    size_t n = (size_t)sqlite3_value_bytes(argv[3]);
    int64_t lim = cat ? clock_limit(c, cat, n) : c->dflt;
    sqlite3_result_int64(cx, sqlite3_value_int64(argv[2]) + lim);
}

/* The outcome of argv = (ta, dl, status, disposed): none (a time anomaly,
 * no deadline, or a rejection by the deadline), MET (resolved by it), or
 * BREACHED (open, or disposed after it). */
enum { J_NONE, J_MET, J_BREACHED };

static int verdict(sqlite3_value **argv)
{
    if (sqlite3_value_int(argv[0]) == 1 || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return J_NONE;
    const char *st = (const char *)sqlite3_value_text(argv[2]);
    int in_time = st && strcmp(st, "OPEN") != 0 && sqlite3_value_type(argv[3]) != SQLITE_NULL &&
                  sqlite3_value_int64(argv[3]) <= sqlite3_value_int64(argv[1]);
    if (!in_time) return J_BREACHED;
    return strcmp(st, "RESOLVED") == 0 ? J_MET : J_NONE;
}

static void fn_outcome(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int v = verdict(argv);
    if (v == J_NONE)
        sqlite3_result_null(cx);
    else
        sqlite3_result_text(cx, v == J_MET ? "MET" : "BREACHED", -1, SQLITE_STATIC);
}

/* MET: judged at disposed; BREACHED: at the deadline. */
static void fn_judged_at(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int v = verdict(argv);
    if (v == J_NONE)
        sqlite3_result_null(cx);
    else
        sqlite3_result_int64(cx, sqlite3_value_int64(argv[v == J_MET ? 3 : 1]));
}

/* Installs c (NULL: disarmed) as db's clock; c is freed on failure. */
static nv_err clock_set(sqlite3 *db, clock_state *c, nv_errbuf *eb)
{
    /* nv_deadline first (it has no destructor), then nv_clock_on, whose
     * registration frees the previous state */
    if (sqlite3_create_function_v2(db, "nv_deadline", 4, SQLITE_UTF8, c, fn_deadline, NULL, NULL,
                                   NULL) != SQLITE_OK) {
        clock_free(c);
        return nv_errf(eb, NV_ERR_DB, "the SLA clock: %s", sqlite3_errmsg(db));
    }
    if (sqlite3_create_function_v2(db, "nv_clock_on", 0, SQLITE_UTF8, c, fn_on, NULL, NULL,
                                   clock_free) != SQLITE_OK) {
        /* SQLite has freed c: nv_deadline must not keep it */
        nv_err e = nv_errf(eb, NV_ERR_DB, "the SLA clock: %s", sqlite3_errmsg(db));
        sqlite3_create_function_v2(db, "nv_deadline", 4, SQLITE_UTF8, NULL, fn_deadline, NULL, NULL,
                                   NULL);
        return e;
    }
    return NV_OK;
}

nv_err clock_register(sqlite3 *db, nv_errbuf *eb)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(db, "nv_outcome", 4, flags, NULL, fn_outcome, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_create_function(db, "nv_judged_at", 4, flags, NULL, fn_judged_at, NULL, NULL) !=
            SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "the SLA clock: %s", sqlite3_errmsg(db));
    return clock_set(db, NULL, eb);
}

nv_err clock_arm(sqlite3 *db, const nv_clock_limit *lim, size_t n, int64_t default_secs,
                 nv_errbuf *eb)
{
    clock_state *c = calloc(1, sizeof *c);
    nv_clock_limit *s = n ? malloc(n * sizeof *s) : NULL;
    if (!c || (n && !s) || (n && !(c->cat = calloc(n, sizeof *c->cat))) ||
        (n && !(c->len = malloc(n * sizeof *c->len))) ||
        (n && !(c->secs = malloc(n * sizeof *c->secs))))
        goto nomem;
    if (n) memcpy(s, lim, n * sizeof *s);
    if (n) qsort(s, n, sizeof *s, lim_cmp);
    for (; c->n < n; c->n++) {
        if (!(c->cat[c->n] = strdup(s[c->n].category))) goto nomem;
        c->len[c->n] = strlen(s[c->n].category);
        c->secs[c->n] = s[c->n].secs;
    }
    free(s);
    c->armed = 1;
    c->dflt = default_secs;
    return clock_set(db, c, eb);
nomem:
    free(s);
    clock_free(c);
    return nv_errf(eb, NV_ERR_NOMEM, "the SLA clock: out of memory");
}

nv_err clock_disarm(sqlite3 *db, nv_errbuf *eb)
{
    return clock_set(db, NULL, eb);
}
