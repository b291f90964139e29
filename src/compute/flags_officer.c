/* flags_officer.c — the officer-level rules of FLAGS.md (see flags_officer()
 * in include/nivaran/compute/flags.h): per-XEN rates over the officer window from
 * queries/flag_officer_rates.sql, the upper Tukey fence of the eligible XENs'
 * rates (type-7 quartiles, sqlfn_quantile7), and the flags above it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/compute/flags.h"
#include "nivaran/store/sqlfn.h"

#define N_RATES (FLAG_COUNT - FLAGS_FIRST_OFFICER)

typedef struct {
    char xen_id[96];
    char wing[64];
    int64_t resolved;
    int64_t num[N_RATES], den[N_RATES];
} xen_rates;

typedef struct {
    xen_rates *v;
    size_t n, cap;
} xen_list;

static const char *txt(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static void row_to_rates(sqlite3_stmt *st, xen_rates *x)
{
    int64_t c[12];
    for (int i = 2; i < 12; i++)
        c[i] = sqlite3_column_int64(st, i);
    memset(x, 0, sizeof *x);
    snprintf(x->xen_id, sizeof x->xen_id, "%s", txt(st, 0));
    snprintf(x->wing, sizeof x->wing, "%s", txt(st, 1));
    x->resolved = c[2];
    /* resolved, rejected, hug_num, hug_den, unverified, complaints_resolved,
     * dissatisfied, with_feedback, fast_close, repeat: columns 2..11 */
    x->num[0] = c[4], x->den[0] = c[5];        /* DEADLINE_HUG */
    x->num[1] = c[3], x->den[1] = c[2] + c[3]; /* HIGH_REJECTION */
    x->num[2] = c[6], x->den[2] = c[7];        /* UNVERIFIED_CLOSE */
    x->num[3] = c[8], x->den[3] = c[9];        /* DISSATISFIED */
    x->num[4] = c[10], x->den[4] = c[2];       /* FAST_CLOSE_RATE */
    x->num[5] = c[11], x->den[5] = c[2];       /* REPEAT_RATE */
}

/* The window's rates: from the records disposed in [w0, w1) (from_records),
 * else from the running sums of the local days [first, last]. */
typedef struct {
    int from_records;
    int64_t w0, w1, first, last;
} rate_window;

static nv_err bind_window(sqlite3_stmt *st, const nv_flag_cfg *cfg, const rate_window *w,
                          nv_errbuf *eb)
{
    nv_err e;
    if (!w->from_records)
        return (e = flags_bind_i64(st, ":first", w->first, eb))
                   ? e
                   : flags_bind_i64(st, ":last", w->last, eb);
    if ((e = flags_bind_i64(st, ":w0", w->w0, eb)) || (e = flags_bind_i64(st, ":w1", w->w1, eb)))
        return e;
    return flags_bind_i64(st, ":hug", cfg->deadline_hug_s, eb);
}

static nv_err read_rates(sqlite3 *db, const nv_flag_cfg *cfg, const rate_window *w, xen_list *out,
                         nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_DONE;
    const char *q = w->from_records ? "flag_officer_rates" : "flag_xen_rates";
    nv_err e = db_prepare_named(db, q, &st, eb);
    if (!e) e = bind_window(st, cfg, w, eb);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 32;
            xen_rates *nv = realloc(out->v, cap * sizeof *nv);
            if (!nv) {
                e = nv_errf(eb, NV_ERR_NOMEM, "officer rates: out of memory");
                break;
            }
            out->v = nv;
            out->cap = cap;
        }
        row_to_rates(st, &out->v[out->n++]);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, q);
    sqlite3_finalize(st);
    return e;
}

/* Percent of x (>= 0) with d decimals, rounded half away from zero, "12.3%"; buf of 64. */
static void fmt_pct(double x, int d, char *buf)
{
    long long scale = 1;
    for (int i = 0; i < d; i++)
        scale *= 10;
    long long v = llround(100.0 * x * (double)scale);
    if (d == 0)
        snprintf(buf, 64, "%lld%%", v);
    else
        snprintf(buf, 64, "%lld.%0*lld%%", v / scale, d, v % scale);
}

static const char *const rate_phrase[N_RATES] = {
    "resolutions came in the last %s before the SLA deadline",
    "disposals were rejections",
    "resolved complaints were closed without OTP verification",
    "resolved complaints with feedback were NOT SATISFIED",
    "resolutions carry a FAST_CLOSE flag",
    "resolutions carry a REPEAT_AFTER_CLOSE flag",
};

typedef struct {
    double q1, q3, fence;
    size_t n;
} fence_info;

static void officer_evidence(const nv_report *r, const nv_flag_cfg *cfg, int k, const xen_rates *x,
                             const fence_info *f, const char *window, char *buf, size_t n)
{
    double rate = (double)x->num[k] / (double)x->den[k];
    char rt[64], ft[64], q1[64], q3[64], what[160], hug[48];
    long long hug_min = (long long)(cfg->deadline_hug_s / 60);
    int d = 1;
    do {
        fmt_pct(rate, d, rt);
        fmt_pct(f->fence, d, ft);
    } while (strcmp(rt, ft) == 0 && ++d < 6);
    fmt_pct(f->q1, d, q1);
    fmt_pct(f->q3, d, q3);
    snprintf(hug, sizeof hug, "%lld min", hug_min);
    snprintf(what, sizeof what, rate_phrase[k], hug);
    snprintf(buf, n,
             "report day %s, %s: %lld of %lld %s (%s), above the upper fence %s "
             "(Q1 %s, Q3 %s, %zu XENs with %d or more resolutions)",
             r->report_date, window, (long long)x->num[k], (long long)x->den[k], what, rt, ft, q1,
             q3, f->n, cfg->officer_min_resolved);
}

/* The fence of code k over the eligible XENs with a defined rate; 0 when
 * there are none. */
static nv_err rate_fence(const xen_list *l, const nv_flag_cfg *cfg, int k, fence_info *f,
                         nv_errbuf *eb)
{
    double *v = malloc((l->n ? l->n : 1) * sizeof *v);
    memset(f, 0, sizeof *f);
    if (!v) return nv_errf(eb, NV_ERR_NOMEM, "officer rates: out of memory");
    for (size_t i = 0; i < l->n; i++) {
        const xen_rates *x = &l->v[i];
        if (x->resolved >= cfg->officer_min_resolved && x->den[k] > 0)
            v[f->n++] = (double)x->num[k] / (double)x->den[k];
    }
    if (f->n > 0) {
        f->q1 = sqlfn_quantile7(v, f->n, 0.25);
        f->q3 = sqlfn_quantile7(v, f->n, 0.75);
        f->fence = f->q3 + cfg->officer_tukey_k * (f->q3 - f->q1);
    }
    free(v);
    return NV_OK;
}

static nv_err flag_outliers(sqlite3 *db, const nv_flag_cfg *cfg, const nv_report *r,
                            const xen_list *l, const char *window, nv_errbuf *eb)
{
    sqlite3_stmt *ins = NULL;
    char ev[1024];
    nv_err e = db_prepare_named(db, "flag_insert", &ins, eb);
    for (int k = 0; !e && k < N_RATES; k++) {
        fence_info f;
        if ((e = rate_fence(l, cfg, k, &f, eb))) break;
        if (f.n == 0 || !(f.fence > 0)) continue; /* a fence of 0 flags no one */
        for (size_t i = 0; !e && i < l->n; i++) {
            const xen_rates *x = &l->v[i];
            if (x->resolved < cfg->officer_min_resolved || x->den[k] <= 0 ||
                x->num[k] < cfg->officer_min_numerator)
                continue;
            double rate = (double)x->num[k] / (double)x->den[k];
            if (!(rate > f.fence + 1e-9)) continue;
            officer_evidence(r, cfg, k, x, &f, window, ev, sizeof ev);
            e = flags_store(db, ins, (nv_flag_code)(FLAGS_FIRST_OFFICER + k), cfg, -1,
                            r->report_date, x->wing, x->xen_id, ev, eb);
        }
    }
    sqlite3_finalize(ins);
    return e;
}

nv_err flags_officer(sqlite3 *db, const nv_flag_cfg *cfg, const nv_report *r, int from_records,
                     nv_errbuf *eb)
{
    static const char *sp = "flags_officer";
    xen_list l = {0};
    int y, m, d;
    char a[16], b[16], window[96];
    int64_t first = r->last_day - (cfg->officer_window_days - 1);
    nvt_civil_from_days(first, &y, &m, &d);
    const rate_window w = {from_records, nvt_day_start(&r->tz, y, m, d), r->d1, first, r->last_day};
    nvt_format_ymd(first, a);
    nvt_format_ymd(r->last_day, b);
    snprintf(window, sizeof window, "%d days %s to %s", cfg->officer_window_days, a, b);

    sqlite3_stmt *del = NULL;
    nv_err e = flags_savepoint(db, sp, eb);
    if (e) return e;
    if ((e = db_prepare_named(db, "flag_officer_delete", &del, eb)) ||
        (e = flags_bind_text(del, ":report_day", r->report_date, eb)))
        goto fail;
    if (sqlite3_step(del) != SQLITE_DONE) {
        e = db_fail(db, eb, "flag_officer_delete");
        goto fail;
    }
    if ((e = read_rates(db, cfg, &w, &l, eb)) || (e = flag_outliers(db, cfg, r, &l, window, eb)))
        goto fail;
    sqlite3_finalize(del);
    free(l.v);
    return flags_release(db, sp, eb);
fail:
    sqlite3_finalize(del);
    free(l.v);
    flags_rollback_to(db, sp);
    return e;
}
