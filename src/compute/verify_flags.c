/* verify_flags.c — what the call outcomes change in the flags (VERIFY.md):
 * CALLBACK_NOT_FIXED and NOT_FIXED_RATE; see include/nivaran/compute/verify.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/store/sqlfn.h"
#include "nivaran/compute/verify.h"

typedef struct {
    char xen[64], wing[64];
    int64_t reached, not_fixed;
} nfr_row;

static void pct(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.1f%%", 100.0 * v);
}

/* The XENs' counts over the 30 days ending last (caller frees *v). */
static nv_err nfr_rows(sqlite3 *db, const char *last, nfr_row **v, size_t *n, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc;
    *v = NULL;
    *n = 0;
    nv_err e = db_prepare_named(db, "verify_nfr_rates", &st, eb);
    if (e) return e;
    if (sqlite3_bind_text(st, 1, last, -1, SQLITE_TRANSIENT) != SQLITE_OK) {
        e = db_fail(db, eb, "verify_nfr_rates");
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            nfr_row *nv = realloc(*v, cap * sizeof *nv);
            if (!nv) {
                e = nv_errf(eb, NV_ERR_NOMEM, "out of memory (NOT_FIXED_RATE)");
                goto done;
            }
            *v = nv;
        }
        nfr_row *x = &(*v)[(*n)++];
        snprintf(x->xen, sizeof x->xen, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(x->wing, sizeof x->wing, "%s",
                 sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
        x->reached = sqlite3_column_int64(st, 2);
        x->not_fixed = sqlite3_column_int64(st, 3);
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "verify_nfr_rates");
done:
    sqlite3_finalize(st);
    return e;
}

static nv_err nfr_store(sqlite3 *db, const nv_report *r, const nfr_row *x, const char *ev,
                        nv_errbuf *eb)
{
    sqlite3_stmt *ins = NULL;
    nv_err e = db_prepare_named(db, "flag_insert", &ins, eb);
    if (e) return e;
    if (sqlite3_bind_text(ins, 1, "NOT_FIXED_RATE", -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(ins, 2, "MEDIUM", -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_null(ins, 3) != SQLITE_OK ||
        sqlite3_bind_text(ins, 4, r->report_date, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(ins, 5, x->wing, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(ins, 6, x->xen, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(ins, 7, ev, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(ins) != SQLITE_DONE)
        e = db_fail(db, eb, "storing NOT_FIXED_RATE");
    sqlite3_finalize(ins);
    return e;
}

/* NOT_FIXED_RATE for r: the fence over the eligible XENs, then each
 * eligible XEN above it with enough NOT FIXED. */
static nv_err nfr_flags(sqlite3 *db, const nv_verify_cfg *cfg, double k, const nv_report *r,
                        nv_errbuf *eb)
{
    char last[11], first[11], ev[512], rt[32], ft[32], q1s[32], q3s[32];
    nfr_row *v = NULL;
    size_t n = 0, m = 0;
    nvt_format_ymd(r->last_day, last);
    nvt_format_ymd(r->last_day - 29, first);
    nv_err e = nfr_rows(db, last, &v, &n, eb);
    double *rates = e ? NULL : malloc((n ? n : 1) * sizeof *rates);
    if (!e && !rates) e = nv_errf(eb, NV_ERR_NOMEM, "out of memory (NOT_FIXED_RATE)");
    for (size_t i = 0; !e && i < n; i++)
        if (v[i].reached >= cfg->nfr_min_reached)
            rates[m++] = (double)v[i].not_fixed / (double)v[i].reached;
    if (e || m == 0) goto done;
    double q1 = sqlfn_quantile7(rates, m, 0.25), q3 = sqlfn_quantile7(rates, m, 0.75);
    double fence = q3 + k * (q3 - q1);
    if (!(fence > 0)) goto done; /* a fence of 0 flags no one */
    pct(fence, ft, sizeof ft);
    pct(q1, q1s, sizeof q1s);
    pct(q3, q3s, sizeof q3s);
    for (size_t i = 0; !e && i < n; i++) {
        const nfr_row *x = &v[i];
        if (x->reached < cfg->nfr_min_reached || x->not_fixed < cfg->nfr_min_not_fixed) continue;
        double rate = (double)x->not_fixed / (double)x->reached;
        if (!(rate > fence + 1e-9)) continue;
        pct(rate, rt, sizeof rt);
        snprintf(ev, sizeof ev,
                 "report day %s, call-back lists %s to %s: %lld of %lld calls reached answered "
                 "NOT FIXED (%s), above the upper fence %s (Q1 %s, Q3 %s, %zu XENs with %d or "
                 "more calls reached)",
                 r->report_date, first, last, (long long)x->not_fixed, (long long)x->reached, rt,
                 ft, q1s, q3s, m, cfg->nfr_min_reached);
        e = nfr_store(db, r, x, ev, eb);
    }
done:
    free(rates);
    free(v);
    return e;
}

nv_err verify_flags(sqlite3 *db, const nv_verify_cfg *cfg, double tukey_k, const nv_report *r,
                    nv_errbuf *eb)
{
    sqlite3_stmt *del = NULL;
    nv_err e;
    if ((e = db_exec_named(db, "verify_cnf_delete", eb)) ||
        (e = db_exec_named(db, "verify_cnf_insert", eb)) ||
        (e = db_prepare_named(db, "verify_nfr_delete", &del, eb)))
        return e;
    if (sqlite3_bind_text(del, 1, r->report_date, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(del) != SQLITE_DONE)
        e = db_fail(db, eb, "verify_nfr_delete");
    sqlite3_finalize(del);
    return e ? e : nfr_flags(db, cfg, tukey_k, r, eb);
}
