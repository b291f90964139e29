/* flags_sweep.c — the full pass of the neighbour rules of FLAGS.md
 * (BULK_CLOSE, TOUT_PHONE, QUEUE_JUMP, REPEAT_AFTER_CLOSE) over every record:
 * see flags_sweep_all() in include/nivaran/compute/flags.h.
 *
 * Each rule reads one query (queries/flag_full_*_rows.sql) that lists the
 * records it can involve, ordered by its neighbour key (closing login,
 * mobile, queue, account and category) and then by time, and works through
 * one key's records (a group) at a time:
 *   - BULK_CLOSE: the windows [t, t + span] of every closing time t by two
 *     pointers with a count per subdivision; each record's best window among
 *     those holding it (t in [its time - span, its time]) by a monotone queue;
 *   - TOUT_PHONE: the window [t - w, t + w] of each record by two pointers
 *     with a count per account;
 *   - QUEUE_JUMP: resolutions in disposal order against a Fenwick tree of the
 *     queue's applications (by registration) still undisposed: the count of
 *     those registered by the head-start bound is a prefix sum, the oldest
 *     ones the first set positions;
 *   - REPEAT_AFTER_CLOSE: binary search of each resolution's window among the
 *     group's complaints (by registration).
 * TOUT_PHONE and REPEAT_AFTER_CLOSE read only the keys that have enough
 * records (counted in their index's order), most mobiles and accounts
 * being one consumer's with one complaint.
 * So the pass costs a sort of the records plus O(n log n) per group, where
 * the rules' per-record look-ups (queries/flag_rule_*.sql, kept for the
 * incremental pass) read whole neighbourhoods per record: quadratic in the
 * records per login or queue. Same flags; the unit tests compare both. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/compute/flags.h"

#define SW_NONE UINT32_MAX /* no string (SQL NULL) */
#define SW_KEYS 2

/* One record of a group; str[]: offsets into the group's arena. */
typedef struct {
    int64_t rec, t1, t2;
    uint32_t str[2];
    int32_t id;         /* dense id of str[0] within the group, -1 for NULL */
    unsigned char has2; /* t2 not NULL */
    unsigned char flag; /* the row's flag column (resolved) */
} sw_row;

/* Where a rule's row query puts each field (-1: absent); the first nkeys
 * columns are the group key. param: the query's parameter (NULL: none). */
typedef struct {
    const char *query;
    int nkeys, c_rec, c_t1, c_t2, c_flag, c_s0, c_s1;
    const char *param;
} sw_spec;

/* A growable array. */
typedef struct {
    void *p;
    size_t cap;
} sw_buf;

/* One rule's reading of its row query, a group at a time, and the work
 * arrays reused from group to group. */
typedef struct {
    sqlite3 *db;
    const nv_flag_cfg *cfg;
    const sw_spec *spec;
    sqlite3_stmt *st, *ins;
    nv_flag_code code;
    int rc;  /* the last sqlite3_step of st */
    int oom; /* an allocation failed */
    size_t klen[SW_KEYS];
    sw_row *rows;
    size_t n, alen;
    char *arena, *key;
    sw_buf b_rows, b_arena, b_key, b_cnt, b_wn, b_wsub, b_wlast, b_idx, b_sorted, b_pairs;
    int64_t *cnt, *w_n, *w_sub, *w_last; /* per id / per row of the group */
    size_t *idx;
    struct sw_sort {
        const char *s;
        size_t row;
    } * sorted;
    struct sw_pair {
        int64_t t;
        size_t row;
    } * pairs;
    char ids[512];
} sw_ctx;

/* Makes b hold at least need elements of size bytes; -1 when out of memory. */
static int grow(sw_buf *b, size_t need, size_t size)
{
    if (need <= b->cap) return 0;
    size_t c = b->cap ? b->cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(b->p, c * size);
    if (!q) return -1;
    b->p = q;
    b->cap = c;
    return 0;
}

static uint32_t arena_put(sw_ctx *x, int col)
{
    if (col < 0 || sqlite3_column_type(x->st, col) == SQLITE_NULL) return SW_NONE;
    const char *s = (const char *)sqlite3_column_text(x->st, col);
    size_t n = (size_t)sqlite3_column_bytes(x->st, col);
    if (!s || x->alen + n + 1 >= SW_NONE || grow(&x->b_arena, x->alen + n + 1, 1)) {
        x->oom = 1;
        return SW_NONE;
    }
    x->arena = x->b_arena.p;
    uint32_t at = (uint32_t)x->alen;
    memcpy(x->arena + at, s, n);
    x->arena[at + n] = 0;
    x->alen += n + 1;
    return at;
}

static const char *str_of(const sw_ctx *x, uint32_t at)
{
    return at == SW_NONE ? NULL : x->arena + at;
}

/* 1 when the current row of st has the group's key. */
static int same_key(const sw_ctx *x)
{
    const char *k = x->key;
    for (int i = 0; i < x->spec->nkeys; i++) {
        const char *s = (const char *)sqlite3_column_text(x->st, i);
        size_t n = (size_t)sqlite3_column_bytes(x->st, i);
        if (!s || n != x->klen[i] || memcmp(s, k, n) != 0) return 0;
        k += n + 1;
    }
    return 1;
}

static void set_key(sw_ctx *x)
{
    size_t len = 0;
    for (int i = 0; i < x->spec->nkeys; i++) {
        const char *s = (const char *)sqlite3_column_text(x->st, i);
        size_t n = (size_t)sqlite3_column_bytes(x->st, i);
        if (grow(&x->b_key, len + n + 1, 1)) {
            x->oom = 1;
            return;
        }
        x->key = x->b_key.p;
        if (n) memcpy(x->key + len, s, n);
        x->key[len + n] = 0;
        x->klen[i] = n;
        len += n + 1;
    }
}

static void add_row(sw_ctx *x)
{
    const sw_spec *p = x->spec;
    if (grow(&x->b_rows, x->n + 1, sizeof *x->rows)) {
        x->oom = 1;
        return;
    }
    x->rows = x->b_rows.p;
    sw_row *r = &x->rows[x->n++];
    r->rec = sqlite3_column_int64(x->st, p->c_rec);
    r->t1 = sqlite3_column_int64(x->st, p->c_t1);
    r->has2 = p->c_t2 >= 0 && sqlite3_column_type(x->st, p->c_t2) != SQLITE_NULL;
    r->t2 = r->has2 ? sqlite3_column_int64(x->st, p->c_t2) : 0;
    r->flag = p->c_flag >= 0 && sqlite3_column_int(x->st, p->c_flag) != 0;
    r->str[0] = arena_put(x, p->c_s0);
    r->str[1] = arena_put(x, p->c_s1);
    r->id = -1;
}

/* Reads the next group into x->rows (x->n = 0: no more). */
static nv_err group_next(sw_ctx *x, nv_errbuf *eb)
{
    x->n = 0;
    x->alen = 0;
    if (x->rc == SQLITE_DONE) return NV_OK;
    if (x->rc != SQLITE_ROW) return db_fail(x->db, eb, x->spec->query);
    set_key(x);
    do {
        add_row(x);
        x->rc = sqlite3_step(x->st);
    } while (!x->oom && x->rc == SQLITE_ROW && same_key(x));
    if (x->oom) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->spec->query);
    if (x->rc != SQLITE_ROW && x->rc != SQLITE_DONE) return db_fail(x->db, eb, x->spec->query);
    return NV_OK;
}

/* Work arrays for a group of x->n rows and nid ids (counts zeroed). */
static nv_err work_arrays(sw_ctx *x, size_t nid, nv_errbuf *eb)
{
    size_t n = x->n + 1;
    if (grow(&x->b_wn, n, sizeof(int64_t)) || grow(&x->b_wsub, n, sizeof(int64_t)) ||
        grow(&x->b_wlast, n, sizeof(int64_t)) || grow(&x->b_idx, n, sizeof(size_t)) ||
        grow(&x->b_cnt, nid + 1, sizeof(int64_t)))
        return nv_errf(eb, NV_ERR_NOMEM, "flag sweep: out of memory");
    x->w_n = x->b_wn.p;
    x->w_sub = x->b_wsub.p;
    x->w_last = x->b_wlast.p;
    x->idx = x->b_idx.p;
    x->cnt = x->b_cnt.p;
    memset(x->cnt, 0, (nid + 1) * sizeof(int64_t));
    return NV_OK;
}

static int cmp_sorted(const void *a, const void *b)
{
    return strcmp(((const struct sw_sort *)a)->s, ((const struct sw_sort *)b)->s);
}

/* Numbers the distinct str[0] of the group 0, 1, ... (rows' id; -1 for
 * NULL) by sorting them; returns the number of ids. */
static nv_err assign_ids(sw_ctx *x, size_t *nid, nv_errbuf *eb)
{
    size_t m = 0;
    if (grow(&x->b_sorted, x->n, sizeof *x->sorted))
        return nv_errf(eb, NV_ERR_NOMEM, "flag sweep: out of memory");
    x->sorted = x->b_sorted.p;
    for (size_t i = 0; i < x->n; i++) {
        x->rows[i].id = -1;
        if (x->rows[i].str[0] != SW_NONE)
            x->sorted[m++] = (struct sw_sort){x->arena + x->rows[i].str[0], i};
    }
    qsort(x->sorted, m, sizeof *x->sorted, cmp_sorted);
    int32_t id = -1;
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || strcmp(x->sorted[i].s, x->sorted[i - 1].s) != 0) id++;
        x->rows[x->sorted[i].row].id = id;
    }
    *nid = (size_t)(id + 1);
    return NV_OK;
}

/* Stores one hit (queries/flag_hit_insert.sql). */
static nv_err hit(sw_ctx *x, int64_t rec, const char *s, const int64_t v[4], const char *ids,
                  nv_errbuf *eb)
{
    static const char *const names[4] = {":a", ":b", ":c", ":d"};
    sqlite3_stmt *st = x->ins;
    nv_err e;
    sqlite3_reset(st);
    if ((e = flags_bind_i64(st, ":code", x->code, eb)) ||
        (e = flags_bind_i64(st, ":rec", rec, eb)) || (e = flags_bind_text(st, ":s", s, eb)) ||
        (e = flags_bind_text(st, ":ids", ids, eb)))
        return e;
    for (int i = 0; i < 4; i++)
        if ((e = flags_bind_i64(st, names[i], v[i], eb))) return e;
    if (sqlite3_step(st) != SQLITE_DONE) e = db_fail(x->db, eb, "flag_hit_insert");
    sqlite3_reset(st);
    return e;
}

/* The record ids (str[1]) of the first k (at most 5) of the rows listed,
 * space-separated, in x->ids. */
static const char *id_list(sw_ctx *x, const size_t *rows, size_t k)
{
    size_t len = 0;
    x->ids[0] = 0;
    for (size_t i = 0; i < k && i < 5; i++) {
        const char *s = str_of(x, x->rows[rows[i]].str[1]);
        int w = snprintf(x->ids + len, sizeof x->ids - len, "%s%s", i ? " " : "", s ? s : "");
        if (w < 0 || (size_t)w >= sizeof x->ids - len) break;
        len += (size_t)w;
    }
    return x->ids;
}

/* ---- BULK_CLOSE: rows of one login by disposal time (t1), subdivision str[0] ---- */

/* 1 when window a is worse than b (fewer records, or as many in fewer
 * subdivisions); equal windows: the earlier one is kept. */
static int bulk_worse(const sw_ctx *x, size_t a, size_t b)
{
    return x->w_n[a] < x->w_n[b] || (x->w_n[a] == x->w_n[b] && x->w_sub[a] < x->w_sub[b]);
}

/* The window [t_i, t_i + span] of every first row i of a closing time:
 * records, distinct subdivisions, last time. */
static void bulk_windows(sw_ctx *x)
{
    const sw_row *r = x->rows;
    int64_t span = x->cfg->bulk_span_s, distinct = 0;
    size_t hi = 0;
    for (size_t i = 0; i < x->n; i++) {
        while (hi < x->n && r[hi].t1 <= r[i].t1 + span) {
            if (r[hi].id >= 0 && x->cnt[r[hi].id]++ == 0) distinct++;
            hi++;
        }
        if (i == 0 || r[i].t1 != r[i - 1].t1) {
            x->w_n[i] = (int64_t)(hi - i);
            x->w_sub[i] = distinct;
            x->w_last[i] = r[hi - 1].t1;
        }
        if (r[i].id >= 0 && --x->cnt[r[i].id] == 0) distinct--;
    }
}

static nv_err bulk_group(sw_ctx *x, nv_errbuf *eb)
{
    const nv_flag_cfg *c = x->cfg;
    size_t nid, p = 0, qh = 0, qt = 0, *dq;
    nv_err e;
    if (x->n < (size_t)c->bulk_min_records) return NV_OK;
    if ((e = assign_ids(x, &nid, eb)) || (e = work_arrays(x, nid, eb))) return e;
    bulk_windows(x);
    dq = x->idx;
    const sw_row *r = x->rows;
    for (size_t k = 0; k < x->n; k++) {
        /* qualifying windows starting by t_k enter the queue, best first */
        for (; p < x->n && r[p].t1 <= r[k].t1; p++) {
            if ((p > 0 && r[p].t1 == r[p - 1].t1) || x->w_n[p] < c->bulk_min_records ||
                x->w_sub[p] < c->bulk_min_subdivisions)
                continue;
            while (qt > qh && bulk_worse(x, dq[qt - 1], p))
                qt--;
            dq[qt++] = p;
        }
        /* those starting before t_k - span do not hold row k */
        while (qt > qh && r[dq[qh]].t1 < r[k].t1 - c->bulk_span_s)
            qh++;
        if (qt == qh) continue;
        size_t s = dq[qh];
        const int64_t v[4] = {r[s].t1, x->w_last[s], x->w_n[s], x->w_sub[s]};
        if ((e = hit(x, r[k].rec, x->key, v, NULL, eb))) return e;
    }
    return NV_OK;
}

/* ---- TOUT_PHONE: rows of one mobile by registration (t1), account str[0],
 * record id str[1] ---- */

static nv_err tout_group(sw_ctx *x, nv_errbuf *eb)
{
    const nv_flag_cfg *c = x->cfg;
    const sw_row *r = x->rows;
    int64_t w = c->tout_window_s, distinct = 0;
    size_t nid, lo = 0, hi = 0;
    nv_err e;
    if (x->n < (size_t)c->tout_min_accounts) return NV_OK;
    if ((e = assign_ids(x, &nid, eb)) || (e = work_arrays(x, nid, eb))) return e;
    for (size_t k = 0; k < x->n; k++) {
        for (; hi < x->n && r[hi].t1 <= r[k].t1 + w; hi++)
            if (r[hi].id >= 0 && x->cnt[r[hi].id]++ == 0) distinct++;
        for (; r[lo].t1 < r[k].t1 - w; lo++)
            if (r[lo].id >= 0 && --x->cnt[r[lo].id] == 0) distinct--;
        if (distinct < c->tout_min_accounts) continue;
        for (size_t i = 0; i < 5 && lo + i < hi; i++)
            x->idx[i] = lo + i;
        const int64_t v[4] = {distinct, (int64_t)(hi - lo), r[lo].t1, r[hi - 1].t1};
        if ((e = hit(x, r[k].rec, x->key, v, id_list(x, x->idx, hi - lo), eb))) return e;
    }
    return NV_OK;
}

/* ---- QUEUE_JUMP: rows of one queue by registration (t1) and record id
 * (str[1]); t2 disposed, flag resolved ---- */

static void fen_add(int64_t *f, size_t n, size_t i, int64_t d)
{
    for (i++; i <= n; i += i & (~i + 1))
        f[i] += d;
}

static int64_t fen_sum(const int64_t *f, size_t i) /* positions [0, i) */
{
    int64_t s = 0;
    for (; i > 0; i -= i & (~i + 1))
        s += f[i];
    return s;
}

/* The position of the k-th (1-based) set position. */
static size_t fen_kth(const int64_t *f, size_t n, int64_t k)
{
    size_t pos = 0, step = 1;
    while (step * 2 <= n)
        step *= 2;
    for (; step; step /= 2)
        if (pos + step <= n && f[pos + step] < k) {
            pos += step;
            k -= f[pos];
        }
    return pos;
}

static int cmp_pair(const void *a, const void *b)
{
    const struct sw_pair *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

/* The disposed rows by disposal time, into x->idx; returns how many. */
static nv_err by_disposal(sw_ctx *x, size_t *nd, nv_errbuf *eb)
{
    size_t k = 0;
    if (grow(&x->b_pairs, x->n, sizeof *x->pairs))
        return nv_errf(eb, NV_ERR_NOMEM, "flag sweep: out of memory");
    x->pairs = x->b_pairs.p;
    for (size_t i = 0; i < x->n; i++)
        if (x->rows[i].has2) x->pairs[k++] = (struct sw_pair){x->rows[i].t2, i};
    qsort(x->pairs, k, sizeof *x->pairs, cmp_pair);
    for (size_t i = 0; i < k; i++)
        x->idx[i] = x->pairs[i].row;
    *nd = k;
    return NV_OK;
}

/* Rows with t1 <= t (rows sorted by t1). */
static size_t count_upto(const sw_row *r, size_t n, int64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].t1 <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static nv_err queue_answer(sw_ctx *x, size_t m, const int64_t *fen, nv_errbuf *eb)
{
    const sw_row *r = x->rows;
    size_t first[5];
    int64_t q = fen_sum(fen, count_upto(r, x->n, r[m].t1 - x->cfg->queue_head_start_s));
    if (q < x->cfg->queue_min_queued) return NV_OK;
    for (int64_t i = 0; i < 5 && i < q; i++)
        first[i] = fen_kth(fen, x->n, i + 1);
    const int64_t v[4] = {r[m].t2, q, r[first[0]].t1, 0};
    return hit(x, r[m].rec, NULL, v, id_list(x, first, (size_t)q), eb);
}

static nv_err queue_group(sw_ctx *x, nv_errbuf *eb)
{
    const sw_row *r = x->rows;
    size_t nd = 0;
    nv_err e;
    if (x->n < (size_t)x->cfg->queue_min_queued + 1) return NV_OK;
    if ((e = work_arrays(x, x->n, eb))) return e;
    /* x->cnt as a Fenwick tree over positions 1..n, every row undisposed */
    int64_t *fen = x->cnt;
    for (size_t i = 1; i <= x->n; i++)
        fen[i] = (int64_t)(i & (~i + 1));
    if ((e = by_disposal(x, &nd, eb))) return e;
    for (size_t j = 0, end; j < nd; j = end) {
        int64_t t = r[x->idx[j]].t2;
        /* disposed at t or before: no longer undisposed at t */
        for (end = j; end < nd && r[x->idx[end]].t2 == t; end++)
            fen_add(fen, x->n, x->idx[end], -1);
        for (size_t q = j; q < end; q++) {
            size_t m = x->idx[q];
            if (r[m].flag && r[m].t2 >= r[m].t1 && (e = queue_answer(x, m, fen, eb))) return e;
        }
    }
    return NV_OK;
}

/* ---- REPEAT_AFTER_CLOSE: complaints of one account and category by
 * registration (t1) and record id (str[1]); t2 disposed, flag resolved ---- */

/* The first of the listed rows v[0 .. nv) (by t1) with t1 >= t. */
static size_t first_at(const sw_row *r, const size_t *v, size_t nv, int64_t t)
{
    size_t a = 0, b = nv;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (r[v[mid]].t1 < t)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

static nv_err repeat_group(sw_ctx *x, nv_errbuf *eb)
{
    const sw_row *r = x->rows;
    size_t nv = 0, *v;
    nv_err e;
    if (x->n < 2) return NV_OK;
    if ((e = work_arrays(x, 0, eb))) return e;
    v = x->idx; /* the complaints that can count: no TIME_ANOMALY */
    for (size_t i = 0; i < x->n; i++)
        if (!r[i].has2 || r[i].t2 >= r[i].t1) v[nv++] = i;
    for (size_t m = 0; m < x->n; m++) {
        if (!r[m].flag || !r[m].has2 || r[m].t2 < r[m].t1) continue;
        int64_t d = r[m].t2;
        /* v[a .. b): registered in [d, d + window]; row m is among them when
         * registered at d (it cannot be later) */
        size_t a = first_at(r, v, nv, d), b = first_at(r, v, nv, d + x->cfg->repeat_window_s + 1);
        size_t n = b - a - (r[m].t1 >= d);
        if (n == 0) continue;
        size_t first = v[a] == m ? v[a + 1] : v[a];
        const int64_t val[4] = {d, r[first].t1, (int64_t)n, 0};
        if ((e = hit(x, r[m].rec, str_of(x, r[first].str[1]), val, NULL, eb))) return e;
    }
    return NV_OK;
}

/* ---- the passes ---- */

typedef nv_err (*group_fn)(sw_ctx *x, nv_errbuf *eb);

static nv_err sweep(sqlite3 *db, const nv_flag_cfg *cfg, const sw_spec *spec, nv_flag_code code,
                    int64_t param, group_fn fn, nv_errbuf *eb)
{
    sw_ctx x = {.db = db, .cfg = cfg, .spec = spec, .code = code};
    nv_err e;
    if ((e = db_prepare_named(db, spec->query, &x.st, eb)) ||
        (e = db_prepare_named(db, "flag_hit_insert", &x.ins, eb)) ||
        (spec->param && (e = flags_bind_i64(x.st, spec->param, param, eb))))
        goto done;
    x.rc = sqlite3_step(x.st);
    while (!(e = group_next(&x, eb)) && x.n > 0)
        if ((e = fn(&x, eb))) break;
done:
    sqlite3_finalize(x.st);
    sqlite3_finalize(x.ins);
    sw_buf *bufs[] = {&x.b_rows, &x.b_arena, &x.b_key, &x.b_cnt,    &x.b_wn,
                      &x.b_wsub, &x.b_wlast, &x.b_idx, &x.b_sorted, &x.b_pairs};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        free(bufs[i]->p);
    return e;
}

nv_err flags_sweep_all(sqlite3 *db, const nv_flag_cfg *cfg, nv_errbuf *eb)
{
    /* query, keys, rec, t1, t2, flag, s0, s1, parameter */
    static const sw_spec bulk = {"flag_full_bulk_rows", 1, 1, 2, -1, -1, 3, -1, NULL},
                         tout = {"flag_full_tout_rows", 1, 1, 2, -1, -1, 3, 4, ":min_accounts"},
                         queue = {"flag_full_queue_rows", 2, 2, 3, 4, 5, -1, 6, NULL},
                         repeat = {"flag_full_repeat_rows", 2, 2, 3, 4, 5, -1, 6, NULL};
    nv_err e;
    if ((e = sweep(db, cfg, &bulk, FLAG_BULK_CLOSE, 0, bulk_group, eb)) ||
        (e = sweep(db, cfg, &tout, FLAG_TOUT_PHONE, cfg->tout_min_accounts, tout_group, eb)) ||
        (e = sweep(db, cfg, &queue, FLAG_QUEUE_JUMP, 0, queue_group, eb)))
        return e;
    return sweep(db, cfg, &repeat, FLAG_REPEAT_AFTER_CLOSE, 0, repeat_group, eb);
}
