/* sqlfn.c — see include/nivaran/store/sqlfn.h. */
#include "nivaran/store/sqlfn.h"

#include "nivaran/store/clock.h"
#include "nivaran/store/figstate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double sqlfn_quantile7(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, cmp_double);
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

double sqlfn_tukey_upper(double *v, size_t n)
{
    double q1 = sqlfn_quantile7(v, n, 0.25);
    double q3 = sqlfn_quantile7(v, n, 0.75);
    return q3 + 1.5 * (q3 - q1);
}

/* Aggregate state: a growable array of doubles. */
typedef struct {
    double *v;
    size_t n, cap;
    int oom;
} agg_state;

static void agg_push(sqlite3_context *ctx, sqlite3_value *x)
{
    agg_state *s = sqlite3_aggregate_context(ctx, sizeof *s);
    if (!s) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (sqlite3_value_type(x) == SQLITE_NULL || s->oom) return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        double *nv = sqlite3_realloc64(s->v, cap * sizeof *nv);
        if (!nv) {
            s->oom = 1;
            return;
        }
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = sqlite3_value_double(x);
}

static void tukey_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    agg_push(ctx, argv[0]);
}

static void tukey_final(sqlite3_context *ctx)
{
    agg_state *s = sqlite3_aggregate_context(ctx, 0);
    if (!s || s->n == 0) {
        sqlite3_result_null(ctx);
    } else if (s->oom) {
        sqlite3_result_error_nomem(ctx);
    } else {
        sqlite3_result_double(ctx, sqlfn_tukey_upper(s->v, s->n));
    }
    if (s) sqlite3_free(s->v);
}

nv_err sqlfn_register(sqlite3 *db, nv_errbuf *eb)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(db, "nv_tukey_upper", 1, flags, NULL, NULL, tukey_step,
                                tukey_final) != SQLITE_OK ||
        sqlite3_create_function(db, "nv_figstate", 13, flags, NULL, figstate_sqlfn, NULL, NULL) !=
            SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "registering SQL functions: %s", sqlite3_errmsg(db));
    return clock_register(db, eb);
}
