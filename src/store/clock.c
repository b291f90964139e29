/* clock.c — the SLA clock; see include/nivaran/store/clock.h. */
#include "nivaran/store/clock.h"

#include <stdlib.h>
#include <string.h>

struct nv_clock {
    int64_t dflt;
    size_t n;
    char **cat; /* sorted (bytes) */
    size_t *len;
    int64_t *secs;
};

void clock_free(nv_clock *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++)
        free(c->cat[i]);
    free(c->cat);
    free(c->len);
    free(c->secs);
    free(c);
}

static void clock_free_v(void *p)
{
    clock_free(p);
}

static int lim_cmp(const void *a, const void *b)
{
    return strcmp(((const nv_clock_limit *)a)->category, ((const nv_clock_limit *)b)->category);
}

nv_err clock_new(const nv_clock_limit *lim, size_t n, int64_t default_secs, nv_clock **out,
                 nv_errbuf *eb)
{
    nv_clock *c = calloc(1, sizeof *c);
    nv_clock_limit *s = n ? malloc(n * sizeof *s) : NULL;
    *out = NULL;
    if (!c ||
        (n && (!s || !(c->cat = calloc(n, sizeof *c->cat)) ||
               !(c->len = malloc(n * sizeof *c->len)) || !(c->secs = malloc(n * sizeof *c->secs)))))
        goto nomem;
    if (n) {
        memcpy(s, lim, n * sizeof *s);
        qsort(s, n, sizeof *s, lim_cmp);
    }
    for (; c->n < n; c->n++) {
        if (!(c->cat[c->n] = strdup(s[c->n].category))) goto nomem;
        c->len[c->n] = strlen(s[c->n].category);
        c->secs[c->n] = s[c->n].secs;
    }
    free(s);
    c->dflt = default_secs;
    *out = c;
    return NV_OK;
nomem:
    free(s);
    clock_free(c);
    return nv_errf(eb, NV_ERR_NOMEM, "the SLA clock: out of memory");
}

/* The limit of category s (n bytes): a binary search of the sorted names. */
static int64_t clock_limit(const nv_clock *c, const char *s, size_t n)
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

/* The deadline of r: 0 when it has none. */
static int clock_deadline(const nv_clock *c, const nv_clock_rec *r, int64_t *dl)
{
    if (r->has_due_col) {
        *dl = r->due;
        return r->has_due;
    }
    *dl = r->registered + (r->category ? clock_limit(c, r->category, r->category_len) : c->dflt);
    return 1;
}

/* The outcome: none (a time anomaly, no deadline, or a rejection by the
 * deadline), MET (resolved by it), or BREACHED (open, or disposed after). */
enum { J_NONE, J_MET, J_BREACHED };

static int verdict(int ta, int has_dl, int64_t dl, const char *status, int has_disp, int64_t disp)
{
    if (ta || !has_dl) return J_NONE;
    int in_time = status && strcmp(status, "OPEN") != 0 && has_disp && disp <= dl;
    if (!in_time) return J_BREACHED;
    return strcmp(status, "RESOLVED") == 0 ? J_MET : J_NONE;
}

static void judgement_set(nv_judgement *j, int v, int64_t disp)
{
    j->outcome = v == J_MET ? "MET" : v == J_BREACHED ? "BREACHED" : NULL;
    j->has_judged_at = v != J_NONE;
    j->judged_at = v == J_MET ? disp : v == J_BREACHED ? j->deadline : 0;
}

void clock_judge(const nv_clock *c, const nv_clock_rec *r, nv_judgement *out)
{
    memset(out, 0, sizeof *out);
    out->ta = r->has_disposed && r->disposed < r->registered;
    out->has_deadline = clock_deadline(c, r, &out->deadline);
    judgement_set(
        out,
        verdict(out->ta, out->has_deadline, out->deadline, r->status, r->has_disposed, r->disposed),
        r->disposed);
}

/* ---- the SQL functions ---------------------------------------------------- */

static int is_null(sqlite3_value *v)
{
    return sqlite3_value_type(v) == SQLITE_NULL;
}

static void fn_deadline(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const nv_clock *c = sqlite3_user_data(cx);
    if (!c) {
        sqlite3_result_null(cx);
        return;
    }
    nv_clock_rec r = {0};
    r.has_due_col = sqlite3_value_int(argv[0]) == 1;
    r.has_due = !is_null(argv[1]);
    r.due = sqlite3_value_int64(argv[1]);
    r.registered = sqlite3_value_int64(argv[2]);
    r.category = (const char *)sqlite3_value_text(argv[3]);
    r.category_len = (size_t)sqlite3_value_bytes(argv[3]);
    int64_t dl;
    if (clock_deadline(c, &r, &dl))
        sqlite3_result_int64(cx, dl);
    else
        sqlite3_result_null(cx);
}

/* The judgement of argv = (ta, dl, status, disposed). */
static void sql_judgement(sqlite3_value **argv, nv_judgement *j)
{
    memset(j, 0, sizeof *j);
    j->has_deadline = !is_null(argv[1]);
    j->deadline = sqlite3_value_int64(argv[1]);
    int64_t disp = sqlite3_value_int64(argv[3]);
    judgement_set(j,
                  verdict(sqlite3_value_int(argv[0]) == 1, j->has_deadline, j->deadline,
                          (const char *)sqlite3_value_text(argv[2]), !is_null(argv[3]), disp),
                  disp);
}

static void fn_outcome(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    nv_judgement j;
    sql_judgement(argv, &j);
    if (j.outcome)
        sqlite3_result_text(cx, j.outcome, -1, SQLITE_STATIC);
    else
        sqlite3_result_null(cx);
}

static void fn_judged_at(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    nv_judgement j;
    sql_judgement(argv, &j);
    if (j.has_judged_at)
        sqlite3_result_int64(cx, j.judged_at);
    else
        sqlite3_result_null(cx);
}

nv_err clock_arm(sqlite3 *db, nv_clock *c, nv_errbuf *eb)
{
    /* the registration owns c (SQLite frees it when it fails, too) */
    if (sqlite3_create_function_v2(db, "nv_deadline", 4, SQLITE_UTF8, c, fn_deadline, NULL, NULL,
                                   clock_free_v) != SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "the SLA clock: %s", sqlite3_errmsg(db));
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
    return clock_arm(db, NULL, eb);
}
