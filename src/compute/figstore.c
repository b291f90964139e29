/* figstore.c — the figures' counting rules, and their day store
 * (migrate_007.sql); see figures.h and figures_int.h.
 *
 * fs_record() is the one place the rules of figures.h are applied to a
 * record. Its contributions fall on days that do not depend on the cube
 * (local days, or a cube's bins for a read of the records,
 * figstore_scan()): received on the day it was registered, resolved or
 * rejected (with its time) on the day it was disposed, met or breached on
 * the day it was judged, and the backlog's differences on the day after it
 * was registered (+1) and after it was disposed (-1).
 *
 * The store keeps their sums per (local day, wing, XEN, category) in
 * fig_cell. A record changed since the last figures keeps the state the
 * store counted in record.fig_old (figstate.h); figstore_sync() takes those
 * states out of the cells and puts the records' current ones in. A cube is
 * then the cells of its days, the sum of the earlier backlog differences,
 * and the records pending at its end (figstore_end.sql).
 *
 * The self-check's examined records (figures_exam()) are kept the same way:
 * counted on the registration day, and on the disposal day by how many days
 * before it the record was registered (0 to 29, 30 for more), so that
 * "registered or disposed in the 30 days" counts a record once.
 *
 * A cell's data (little-endian): a byte 1; a byte m and m pairs (slot byte,
 * 8-byte count) of its non-zero counts; a 4-byte n and n 8-byte resolution
 * times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "nivaran/store/db.h"
#include "nivaran/store/figstate.h"

/* A cell's counts: the events (EV_*), the records with an event on the day,
 * the self-check by registration and by disposal lag. */
enum {
    S_SEEN = EV_N,
    S_EXR,                           /* [FIG_EXAM_N]: registered on the day */
    S_EXD = S_EXR + FIG_EXAM_N,      /* [lag][FIG_EXAM_N]: disposed on it, lag days after (lag 0
                                      * .. 30, 30: 30 days or more) */
    S_REG = S_EXD + 31 * FIG_EXAM_N, /* the records registered on the day, whatever their
                                      * state: also fig_cell.reg, for the XEN and wing
                                      * lists (fig_xens_store.sql) */
    S_N,
};

typedef struct {
    int64_t day;
    char *key; /* wing, NUL, xen_id, NUL, category, NUL */
    size_t klen;
    uint64_t h;
    int64_t pend, over, n[S_N];
    int64_t *add, *rm; /* resolution times to put in, to take out */
    size_t nadd, cadd, nrm, crm;
} fs_cell;

typedef struct {
    fs_cell **cell;
    size_t n, cap;
    size_t *slot; /* index + 1, 0 = empty; nslot a power of two > 2n */
    size_t nslot;
} fs_map;

/* A record's state (figstate.h), counted sign times (+1 or -1). */
typedef struct {
    int sign;
    nv_figstate f;
} fs_rec;

/* What a record's instants are counted on: the local days of tz (the
 * store), or, tz NULL, the bins of a cube (bound[0..nb]: -1 before it, k
 * for [bound[k], bound[k+1]), nb after it). */
typedef struct {
    const nv_tz *tz;
    const int64_t *bound;
    int nb;
} fs_days;

static int64_t fs_day(const fs_days *d, int64_t t)
{
    if (d->tz) return nvt_local_day(d->tz, t);
    int lo = 0, hi = d->nb + 1; /* the first k with bound[k] > t, minus 1 */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (d->bound[mid] > t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo - 1;
}

static uint64_t fs_hash(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void fs_map_free(fs_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->cell[i]->key);
        free(m->cell[i]->add);
        free(m->cell[i]->rm);
        free(m->cell[i]);
    }
    free(m->cell);
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static int fs_map_grow(fs_map *m)
{
    size_t ns = m->nslot ? 2 * m->nslot : 1024;
    size_t *s = calloc(ns, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < m->n; i++) {
        size_t j = (size_t)m->cell[i]->h & (ns - 1);
        while (s[j])
            j = (j + 1) & (ns - 1);
        s[j] = i + 1;
    }
    free(m->slot);
    m->slot = s;
    m->nslot = ns;
    return 0;
}

/* The cell (day, key of r), added empty when new; NULL when out of memory. */
static fs_cell *fs_map_get(fs_map *m, const fs_rec *r, uint64_t kh, int64_t day)
{
    uint64_t h = fs_hash((const char *)&day, sizeof day, kh);
    size_t klen = r->f.lw + r->f.lx + r->f.lc + 3;
    if (m->nslot) {
        size_t j = (size_t)h & (m->nslot - 1);
        for (; m->slot[j]; j = (j + 1) & (m->nslot - 1)) {
            fs_cell *c = m->cell[m->slot[j] - 1];
            if (c->h == h && c->day == day && c->klen == klen && !strcmp(c->key, r->f.wing) &&
                !strcmp(c->key + r->f.lw + 1, r->f.xen) &&
                !strcmp(c->key + r->f.lw + r->f.lx + 2, r->f.cat))
                return c;
        }
    }
    if (2 * (m->n + 1) >= m->nslot && fs_map_grow(m) != 0) return NULL;
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        fs_cell **v = realloc(m->cell, cap * sizeof *v);
        if (!v) return NULL;
        m->cell = v;
        m->cap = cap;
    }
    fs_cell *c = calloc(1, sizeof *c);
    if (!c || !(c->key = malloc(klen))) {
        free(c);
        return NULL;
    }
    memcpy(c->key, r->f.wing, r->f.lw + 1);
    memcpy(c->key + r->f.lw + 1, r->f.xen, r->f.lx + 1);
    memcpy(c->key + r->f.lw + r->f.lx + 2, r->f.cat, r->f.lc + 1);
    c->klen = klen;
    c->day = day;
    c->h = h;
    size_t j = (size_t)h & (m->nslot - 1);
    while (m->slot[j])
        j = (j + 1) & (m->nslot - 1);
    m->slot[j] = m->n + 1;
    m->cell[m->n++] = c;
    return c;
}

static int fs_push(int64_t **v, size_t *n, size_t *cap, int64_t x)
{
    if (*n == *cap) {
        size_t c2 = *cap ? 2 * *cap : 8;
        int64_t *p = realloc(*v, c2 * sizeof *p);
        if (!p) return -1;
        *v = p;
        *cap = c2;
    }
    (*v)[(*n)++] = x;
    return 0;
}

/* The hash of r's key (wing, XEN, category). */
static uint64_t fs_key_hash(const fs_rec *r)
{
    uint64_t kh = fs_hash(r->f.wing, r->f.lw + 1, 14695981039346656037ULL);
    kh = fs_hash(r->f.xen, r->f.lx + 1, kh);
    return fs_hash(r->f.cat, r->f.lc + 1, kh);
}

/* Adds sign times one count of slot on day. */
static int fs_count(fs_map *m, const fs_rec *r, uint64_t kh, int64_t day, int slot)
{
    fs_cell *c = fs_map_get(m, r, kh, day);
    if (!c) return -1;
    c->n[slot] += r->sign;
    return 0;
}

/* The backlog (or overdue, over) from day a on, until day b when has_b. */
static int fs_span(fs_map *m, const fs_rec *r, uint64_t kh, int64_t a, int has_b, int64_t b,
                   int over)
{
    if (has_b && a >= b) return 0;
    fs_cell *c = fs_map_get(m, r, kh, a);
    if (!c) return -1;
    *(over ? &c->over : &c->pend) += r->sign;
    if (!has_b) return 0;
    if (!(c = fs_map_get(m, r, kh, b))) return -1;
    *(over ? &c->over : &c->pend) -= r->sign;
    return 0;
}

/* The self-check's counts of r into slot base of day. */
static int fs_exam(fs_map *m, const fs_rec *r, uint64_t kh, int64_t day, int base)
{
    fs_cell *c = fs_map_get(m, r, kh, day);
    if (!c) return -1;
    int res = strcmp(r->f.status, "RESOLVED") == 0;
    c->n[base + FIG_EXAM_MOBILE] += r->sign * r->f.mobile;
    c->n[base + FIG_EXAM_RES_CLOSER] += r->sign * (res && r->f.closer);
    c->n[base + FIG_EXAM_RES_APP] += r->sign * (res && r->f.app);
    c->n[base + FIG_EXAM_RES_OTHER] += r->sign * (res && !r->f.app);
    return 0;
}

/* Record r's contributions, by the rules of figures.h, on d's days. */
static int fs_record(fs_map *m, const fs_days *d, const fs_rec *r)
{
    uint64_t kh = fs_key_hash(r);
    int64_t rd = fs_day(d, r->f.reg), dd = r->f.has_disp ? fs_day(d, r->f.disp) : 0;
    int open = !r->f.has_disp, closed = !open && strcmp(r->f.status, "OPEN") != 0;
    if (fs_count(m, r, kh, rd, S_SEEN) || (!open && fs_count(m, r, kh, dd, S_SEEN)) ||
        fs_count(m, r, kh, rd, S_REG))
        return -1;
    if (r->f.has_judged && fs_count(m, r, kh, fs_day(d, r->f.judged), S_SEEN)) return -1;
    if (!r->f.anom && fs_count(m, r, kh, rd, EV_RECEIVED)) return -1;
    if (!r->f.anom && !open && !closed && fs_count(m, r, kh, dd, EV_OPEN_DISPOSED)) return -1;
    if (!r->f.anom && closed) {
        int res = strcmp(r->f.status, "RESOLVED") == 0;
        if (fs_count(m, r, kh, dd, res ? EV_RESOLVED : EV_REJECTED)) return -1;
        fs_cell *c = res ? fs_map_get(m, r, kh, dd) : NULL;
        if (res && (!c || (r->sign > 0 ? fs_push(&c->add, &c->nadd, &c->cadd, r->f.disp - r->f.reg)
                                       : fs_push(&c->rm, &c->nrm, &c->crm, r->f.disp - r->f.reg))))
            return -1;
    }
    if (!r->f.anom) {
        int64_t lag = dd - rd > 30 ? 30 : dd - rd;
        if (fs_exam(m, r, kh, rd, S_EXR)) return -1;
        if (!open && fs_exam(m, r, kh, dd, S_EXD + (int)lag * FIG_EXAM_N)) return -1;
    }
    int met = r->f.outcome && strcmp(r->f.outcome, "MET") == 0;
    if (r->f.has_judged && (met || (r->f.outcome && strcmp(r->f.outcome, "BREACHED") == 0)) &&
        fs_count(m, r, kh, fs_day(d, r->f.judged), met ? EV_MET : EV_BREACHED))
        return -1;
    if (!open && r->f.anom) return 0;
    if (fs_span(m, r, kh, rd + 1, !open, dd + 1, 0)) return -1;
    if (!r->f.has_dl) return 0;
    int64_t cd = fs_day(d, r->f.dl > r->f.reg ? r->f.dl : r->f.reg) + 1;
    return fs_span(m, r, kh, cd, !open, dd + 1, 1);
}

static const char *fs_text(sqlite3_stmt *st, int i, size_t *n)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    *n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return s ? (const char *)s : "";
}

/* The record of st's columns from o on: figstore_all.sql's. */
static void fs_row(sqlite3_stmt *st, int o, fs_rec *r)
{
    size_t ignore;
    nv_figstate *f = &r->f;
    r->sign = sqlite3_column_int(st, o) < 0 ? -1 : 1;
    f->wing = fs_text(st, o + 1, &f->lw);
    f->xen = fs_text(st, o + 2, &f->lx);
    f->cat = fs_text(st, o + 3, &f->lc);
    f->reg = sqlite3_column_int64(st, o + 4);
    f->has_disp = sqlite3_column_type(st, o + 5) != SQLITE_NULL;
    f->disp = sqlite3_column_int64(st, o + 5);
    f->anom = sqlite3_column_int(st, o + 6) != 0;
    f->status = fs_text(st, o + 7, &ignore);
    f->has_judged = sqlite3_column_type(st, o + 8) != SQLITE_NULL;
    f->judged = sqlite3_column_int64(st, o + 8);
    f->outcome = sqlite3_column_type(st, o + 9) == SQLITE_NULL ? NULL : fs_text(st, o + 9, &ignore);
    f->has_dl = sqlite3_column_type(st, o + 10) != SQLITE_NULL;
    f->dl = sqlite3_column_int64(st, o + 10);
    f->app = sqlite3_column_int(st, o + 11) != 0;
    f->mobile = sqlite3_column_int(st, o + 12) != 0;
    f->closer = sqlite3_column_int(st, o + 13) != 0;
}

/* A row of figstore_dirty.sql: its kept state out (when not new), its
 * current one in; -1 when out of memory, -2 when the kept state is damaged. */
static int fs_dirty(fs_map *m, const fs_days *d, sqlite3_stmt *st)
{
    fs_rec r;
    const unsigned char *b = sqlite3_column_blob(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    if (b && n) {
        if (figstate_decode(b, n, &r.f) != 0) return -2;
        r.sign = -1;
        if (fs_record(m, d, &r) != 0) return -1;
    }
    fs_row(st, 1, &r);
    return fs_record(m, d, &r);
}

/* The store's marks: the largest rec and load_id it has counted. */
typedef struct {
    int64_t rec, load;
} fs_marks;

/* Every row of the query name (figstore_all, or figstore_dirty when mk is
 * given, its :max and :load bound to mk's) into m; *bad = 1 when a kept
 * state is damaged. */
static nv_err fs_read(sqlite3 *db, const char *name, const fs_marks *mk, const fs_days *d,
                      fs_map *m, int *bad, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, name, &st, eb);
    if (e) return e;
    int rc = SQLITE_OK, dirty = mk != NULL;
    if (dirty &&
        (sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":max"), mk->rec) != SQLITE_OK ||
         sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":load"), mk->load) !=
             SQLITE_OK)) {
        sqlite3_finalize(st);
        return db_fail(db, eb, name);
    }
    fs_rec r;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = dirty ? fs_dirty(m, d, st) : (fs_row(st, 0, &r), fs_record(m, d, &r));
        if (k == -2) {
            *bad = 1;
            break;
        }
        if (k != 0) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory (day store)");
            break;
        }
    }
    if (!e && !*bad && rc != SQLITE_DONE) e = db_fail(db, eb, name);
    sqlite3_finalize(st);
    return e;
}

/* ---- a cell's data ------------------------------------------------------ */

static void put_le(unsigned char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The data of counts n and times t (nt): malloc'd, *len bytes; NULL when
 * out of memory. */
static unsigned char *cell_encode(const int64_t *n, const int64_t *t, size_t nt, size_t *len)
{
    int m = 0;
    for (int i = 0; i < S_N; i++)
        m += n[i] != 0;
    *len = 2 + 9 * (size_t)m + 4 + 8 * nt;
    unsigned char *b = malloc(*len), *p = b;
    if (!b) return NULL;
    *p++ = 1;
    *p++ = (unsigned char)m;
    for (int i = 0; i < S_N; i++)
        if (n[i]) {
            *p++ = (unsigned char)i;
            put_le(p, (uint64_t)n[i], 8);
            p += 8;
        }
    put_le(p, (uint64_t)nt, 4);
    p += 4;
    for (size_t i = 0; i < nt; i++, p += 8)
        put_le(p, (uint64_t)t[i], 8);
    return b;
}

/* Decodes data b (len bytes) into n (zeroed first); *t points into b at
 * *nt times, to read with get_le(). -1 when b is not a cell's data. */
static int cell_decode(const unsigned char *b, size_t len, int64_t *n, const unsigned char **t,
                       size_t *nt)
{
    memset(n, 0, S_N * sizeof *n);
    if (len < 6 || b[0] != 1 || len < 2 + 9 * (size_t)b[1] + 4) return -1;
    const unsigned char *p = b + 2;
    for (int i = 0; i < b[1]; i++, p += 9) {
        if (p[0] >= S_N) return -1;
        n[p[0]] = (int64_t)get_le(p + 1, 8);
    }
    *nt = (size_t)get_le(p, 4);
    p += 4;
    if ((size_t)(b + len - p) != 8 * *nt) return -1;
    *t = p;
    return 0;
}

/* ---- filling and updating ----------------------------------------------- */

static int bind_cell(sqlite3_stmt *st, const fs_cell *c)
{
    size_t lw = strlen(c->key), lx = strlen(c->key + lw + 1);
    return sqlite3_bind_int64(st, 1, c->day) != SQLITE_OK ||
           sqlite3_bind_text(st, 2, c->key, -1, SQLITE_STATIC) != SQLITE_OK ||
           sqlite3_bind_text(st, 3, c->key + lw + 1, -1, SQLITE_STATIC) != SQLITE_OK ||
           sqlite3_bind_text(st, 4, c->key + lw + lx + 2, -1, SQLITE_STATIC) != SQLITE_OK;
}

/* Writes cell c with counts n and times t (or deletes it when all are 0). */
static nv_err cell_write(sqlite3 *db, sqlite3_stmt *put, sqlite3_stmt *del, const fs_cell *c,
                         const int64_t *n, const int64_t *t, size_t nt, nv_errbuf *eb)
{
    int empty = c->pend == 0 && c->over == 0 && nt == 0;
    for (int i = 0; empty && i < S_N; i++)
        empty = n[i] == 0;
    sqlite3_stmt *st = empty ? del : put;
    size_t len = 0;
    unsigned char *b = empty ? NULL : cell_encode(n, t, nt, &len);
    if (!empty && !b) return nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory (day store)");
    int bad = bind_cell(st, c) ||
              (!empty && (sqlite3_bind_int64(st, 5, c->pend) != SQLITE_OK ||
                          sqlite3_bind_int64(st, 6, c->over) != SQLITE_OK ||
                          sqlite3_bind_blob(st, 7, b, (int)len, SQLITE_STATIC) != SQLITE_OK ||
                          sqlite3_bind_int64(st, 8, n[S_REG]) != SQLITE_OK));
    nv_err e =
        bad || sqlite3_step(st) != SQLITE_DONE ? db_fail(db, eb, "figures: day store cell") : NV_OK;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(b);
    return e;
}

/* Adds the stored cell under c into c (its counts, backlog, and times into
 * c->add); *bad = 1 when the stored data is damaged. */
static nv_err cell_merge(sqlite3 *db, sqlite3_stmt *get, fs_cell *c, int *bad, nv_errbuf *eb)
{
    int64_t n[S_N];
    const unsigned char *t = NULL;
    size_t nt = 0;
    nv_err e = NV_OK;
    if (bind_cell(get, c)) return db_fail(db, eb, "figures: day store cell");
    int rc = sqlite3_step(get);
    if (rc == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(get, 2);
        size_t len = (size_t)sqlite3_column_bytes(get, 2);
        if (!b || cell_decode(b, len, n, &t, &nt) != 0) {
            *bad = 1;
        } else {
            c->pend += sqlite3_column_int64(get, 0);
            c->over += sqlite3_column_int64(get, 1);
            for (int i = 0; i < S_N; i++)
                c->n[i] += n[i];
            for (size_t i = 0; i < nt && !e; i++)
                if (fs_push(&c->add, &c->nadd, &c->cadd, (int64_t)get_le(t + 8 * i, 8)))
                    e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory (day store)");
        }
    } else if (rc != SQLITE_DONE) {
        e = db_fail(db, eb, "figures: day store cell");
    }
    sqlite3_reset(get);
    sqlite3_clear_bindings(get);
    return e;
}

/* Takes c's removed times out of its added ones; -1 when one is missing or
 * a count went below 0 (the store no longer matches the records). */
static int cell_settle(fs_cell *c)
{
    for (size_t i = 0; i < c->nrm; i++) {
        size_t j = 0;
        while (j < c->nadd && c->add[j] != c->rm[i])
            j++;
        if (j == c->nadd) return -1;
        c->add[j] = c->add[--c->nadd];
    }
    c->nrm = 0;
    for (int i = 0; i < S_N; i++)
        if (c->n[i] < 0) return -1;
    return 0;
}

/* Writes every cell of m, each merged with the stored one first when
 * merge; *bad as cell_merge(), or when cell_settle() fails. */
static nv_err fs_write(sqlite3 *db, fs_map *m, int merge, int *bad, nv_errbuf *eb)
{
    sqlite3_stmt *get = NULL, *put = NULL, *del = NULL;
    nv_err e = NV_OK;
    if ((merge && (e = db_prepare_named(db, "figstore_cell_get", &get, eb))) ||
        (e = db_prepare_named(db, "figstore_cell_put", &put, eb)) ||
        (e = db_prepare_named(db, "figstore_cell_del", &del, eb)))
        goto done;
    for (size_t i = 0; i < m->n && !e && !*bad; i++) {
        fs_cell *c = m->cell[i];
        if (merge && (e = cell_merge(db, get, c, bad, eb))) break;
        if (*bad || (*bad = cell_settle(c) != 0)) break;
        e = cell_write(db, put, del, c, c->n, c->add, c->nadd, eb);
    }
done:
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    return e;
}

/* The store's name of tz's days. */
static void fs_tz_key(const nv_tz *tz, char *buf, size_t n)
{
    snprintf(buf, n, "%d %d", tz->std_offset_s, (int)tz->dst);
}

/* One integer from the query name (0 when no row), its first parameter,
 * if any, bound to arg. */
static nv_err fs_int(sqlite3 *db, const char *name, int64_t arg, int64_t *v, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, name, &st, eb);
    if (e) return e;
    int rc = sqlite3_bind_parameter_count(st) > 0 && sqlite3_bind_int64(st, 1, arg) != SQLITE_OK
                 ? SQLITE_ERROR
                 : sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) e = db_fail(db, eb, name);
    sqlite3_finalize(st);
    return e;
}

/* Notes in meta that the store has counted every record up to the largest
 * rec and load_id there are now (figstore_dirty.sql's :max and :load). */
static nv_err fs_mark(sqlite3 *db, nv_errbuf *eb)
{
    int64_t max = 0, load = 0;
    char buf[32], lbuf[32];
    nv_err e = fs_int(db, "figstore_nrec", 0, &max, eb);
    if (!e) e = fs_int(db, "figstore_nload", 0, &load, eb);
    snprintf(buf, sizeof buf, "%lld", (long long)max);
    snprintf(lbuf, sizeof lbuf, "%lld", (long long)load);
    if (!e) e = db_meta_set(db, "figstore_rec", buf, eb);
    return e ? e : db_meta_set(db, "figstore_load", lbuf, eb);
}

/* The marks fs_mark() noted into *mk; 0 when there are none (or they do
 * not read as numbers), -1 when meta cannot be read. */
static int fs_marks_get(sqlite3 *db, fs_marks *mk)
{
    char rec[32], load[32];
    long long r = 0, l = 0;
    int hr = db_meta_get(db, "figstore_rec", rec, sizeof rec);
    int hl = hr > 0 ? db_meta_get(db, "figstore_load", load, sizeof load) : 0;
    if (hr < 0 || hl < 0) return -1;
    if (hr == 0 || hl == 0 || sscanf(rec, "%lld", &r) != 1 || sscanf(load, "%lld", &l) != 1)
        return 0;
    mk->rec = r;
    mk->load = l;
    return 1;
}

/* Empties the store and fills it from every record. */
static nv_err fs_fill(sqlite3 *db, const nv_tz *tz, nv_errbuf *eb)
{
    fs_map m = {0};
    int bad = 0;
    char key[64];
    fs_tz_key(tz, key, sizeof key);
    fs_days d = {tz, NULL, 0};
    nv_err e = db_exec_named(db, "figstore_drop", eb);
    if (!e) e = fs_read(db, "figstore_all", NULL, &d, &m, &bad, eb);
    if (!e) e = fs_write(db, &m, 0, &bad, eb);
    if (!e && bad) e = nv_errf(eb, NV_ERR_INTERNAL, "figures: the day store's fill lost a count");
    if (!e) e = db_meta_set(db, "figstore_tz", key, eb);
    if (!e) e = fs_mark(db, eb);
    fs_map_free(&m);
    return e;
}

/* Counts anew the records changed since the last figures, the store's
 * marks mk (records above mk->rec are new); *bad = 1 when the store no
 * longer matches them. */
static nv_err fs_apply(sqlite3 *db, const nv_tz *tz, const fs_marks *mk, int *bad, nv_errbuf *eb)
{
    fs_map m = {0};
    fs_days d = {tz, NULL, 0};
    nv_err e = fs_read(db, "figstore_dirty", mk, &d, &m, bad, eb);
    if (!e && !*bad) e = fs_write(db, &m, 1, bad, eb);
    if (!e && !*bad) e = db_exec_named(db, "figstore_clean", eb);
    if (!e && !*bad) e = fs_mark(db, eb);
    fs_map_free(&m);
    return e;
}

static nv_err fs_sync(sqlite3 *db, const nv_tz *tz, int refill, int *usable, nv_errbuf *eb)
{
    char have[64], want[64];
    fs_tz_key(tz, want, sizeof want);
    int has = db_meta_get(db, "figstore_tz", have, sizeof have);
    if (has < 0) return db_fail(db, eb, "figures: day store");
    /* the records a load changed are found by load_id (the flag pass's
     * index, which it may not have built yet) */
    nv_err e = db_exec_named(db, "figstore_index", eb);
    if (!e) e = db_exec_named(db, "flag_stale_index", eb);
    if (!e) e = db_exec_named(db, "fig_index", eb);
    if (e) return e;
    if (!refill && has && strcmp(have, want) != 0) return NV_OK; /* another zone's */
    *usable = 1;
    if (refill || !has) return fs_fill(db, tz, eb);
    fs_marks mk;
    int64_t nd = 0, nrec = 0;
    int hm = fs_marks_get(db, &mk);
    if (hm < 0) return db_fail(db, eb, "figures: day store");
    if (hm == 0) return fs_fill(db, tz, eb);
    if ((e = fs_int(db, "figstore_dirty_n", mk.load, &nd, eb)) ||
        (e = fs_int(db, "figstore_nrec", 0, &nrec, eb)))
        return e;
    if (nd == 0) return NV_OK;
    if (nd > nrec / 2) return fs_fill(db, tz, eb); /* most records changed: read them all */
    int bad = 0;
    if ((e = fs_apply(db, tz, &mk, &bad, eb)) || !bad) return e;
    return fs_fill(db, tz, eb);
}

nv_err figstore_sync(sqlite3 *db, const nv_tz *tz, int refill, int *usable, nv_errbuf *eb)
{
    *usable = 0;
    nv_err e = db_exec(db, "SAVEPOINT figstore", eb);
    if (e) return e;
    e = fs_sync(db, tz, refill, usable, eb);
    if (e) {
        sqlite3_exec(db, "ROLLBACK TO figstore", NULL, NULL, NULL);
        *usable = 0;
    }
    if (e) {
        sqlite3_exec(db, "RELEASE figstore", NULL, NULL, NULL);
        return e;
    }
    return db_exec(db, "RELEASE figstore", eb);
}

/* ---- a cube from the store ------------------------------------------------ */

static const char *cube_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* The backlog at the start of day lo: bin 0's backlog. */
static nv_err cube_fold(sqlite3 *db, nv_figcube *c, int64_t lo, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "figstore_fold", &st, eb);
    if (e) return e;
    int rc = sqlite3_bind_int64(st, 1, lo) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cube_xen *v = figcube_get(c, cube_text(st, 0), cube_text(st, 1), cube_text(st, 2));
        if (!v) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
        v->pend[0] += sqlite3_column_int64(st, 3);
        v->over[0] += sqlite3_column_int64(st, 4);
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: day store backlog");
    sqlite3_finalize(st);
    return e;
}

/* A cell of bin k (0 <= k <= nb: the day after the end holds only backlog
 * differences; k = 0's are in the backlog at the start) with counts n,
 * backlog differences pend and over, and nt times (from t, or from the
 * little-endian bytes tb) into c. */
static int cube_put(nv_figcube *c, int k, const char *key, const int64_t *n, int64_t pend,
                    int64_t over, const int64_t *t, const unsigned char *tb, size_t nt)
{
    int live = (k < c->nb && n[S_SEEN] > 0) || (k > 0 && (pend || over));
    if (k < 0 || k > c->nb || !live) return 0;
    size_t lw = strlen(key), lx = strlen(key + lw + 1);
    cube_xen *v = figcube_get(c, key, key + lw + 1, key + lw + lx + 2);
    if (!v) return -1;
    if (k > 0) v->pend[k] += pend, v->over[k] += over;
    if (k == c->nb) return 0;
    for (int i = 0; i < EV_N; i++)
        v->cnt[(size_t)k * EV_N + i] += n[i];
    for (size_t i = 0; i < nt; i++)
        if (figcube_time_add(v, k, t ? t[i] : (int64_t)get_le(tb + 8 * i, 8)) != 0) return -1;
    if (c->exam_a < 0 || k < c->exam_a) return 0;
    /* registered on the day, or disposed on it and registered before the
     * 30 days: more than k - exam_a days earlier */
    for (int x = 0; x < FIG_EXAM_N; x++) {
        v->exam[x] += n[S_EXR + x];
        for (int lag = k - c->exam_a + 1; lag <= 30; lag++)
            v->exam[x] += n[S_EXD + lag * FIG_EXAM_N + x];
    }
    return 0;
}

/* The cells of the cube's days and of the day after its end. */
static nv_err cube_cells(sqlite3 *db, nv_figcube *c, int64_t lo, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int64_t n[S_N];
    char key[256];
    nv_err e = db_prepare_named(db, "figstore_range", &st, eb);
    if (e) return e;
    int rc = (sqlite3_bind_int64(st, 1, lo) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, lo + c->nb) == SQLITE_OK)
                 ? SQLITE_ROW
                 : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = (int)(sqlite3_column_int64(st, 0) - lo);
        const unsigned char *t = NULL, *b = sqlite3_column_blob(st, 6);
        size_t nt = 0;
        if (!b || cell_decode(b, (size_t)sqlite3_column_bytes(st, 6), n, &t, &nt) != 0) {
            e = nv_errf(eb, NV_ERR_DB, "figures: a damaged cell of the day store (day %d)", k);
            break;
        }
        snprintf(key, sizeof key, "%.63s%c%.95s%c%.63s", cube_text(st, 1), 0, cube_text(st, 2), 0,
                 cube_text(st, 3));
        if (cube_put(c, k, key, n, sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), NULL,
                     t, nt) != 0) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: day store");
    sqlite3_finalize(st);
    return e;
}

/* The records pending at the cube's end. */
static nv_err cube_end(sqlite3 *db, nv_figcube *c, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "figstore_end", &st, eb);
    if (e) return e;
    int rc = sqlite3_bind_int64(st, 1, c->bound[c->nb]) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cube_xen *v = figcube_get(c, cube_text(st, 0), cube_text(st, 1), cube_text(st, 2));
        if (!v) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
        figcube_end_add(c, v, sqlite3_column_int64(st, 3),
                        sqlite3_column_type(st, 4) != SQLITE_NULL, sqlite3_column_int64(st, 4));
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: backlog at the end");
    sqlite3_finalize(st);
    return e;
}

nv_err figstore_cube(sqlite3 *db, nv_figcube *c, int64_t lo, nv_errbuf *eb)
{
    nv_err e = cube_fold(db, c, lo, eb);
    if (!e) e = cube_cells(db, c, lo, eb);
    if (!e) e = cube_end(db, c, eb);
    return e;
}

/* The cells of m (days: c's bins) into c: the backlog at its start from
 * every cell before its second bin, summed per key first. */
static nv_err cube_from_map(nv_figcube *c, fs_map *m, nv_errbuf *eb)
{
    fs_map fold = {0};
    nv_err e = NV_OK;
    for (size_t i = 0; i < m->n && !e; i++) {
        fs_cell *x = m->cell[i], *f;
        if (x->day > 0 || (!x->pend && !x->over)) continue;
        fs_rec r = {0};
        r.f.wing = x->key, r.f.lw = strlen(x->key);
        r.f.xen = x->key + r.f.lw + 1, r.f.lx = strlen(r.f.xen);
        r.f.cat = r.f.xen + r.f.lx + 1, r.f.lc = strlen(r.f.cat);
        uint64_t kh = fs_key_hash(&r);
        if (!(f = fs_map_get(&fold, &r, kh, 0)))
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
        else
            f->pend += x->pend, f->over += x->over;
    }
    for (size_t i = 0; i < fold.n && !e; i++) {
        fs_cell *f = fold.cell[i];
        if (!f->pend && !f->over) continue;
        size_t lw = strlen(f->key), lx = strlen(f->key + lw + 1);
        cube_xen *v = figcube_get(c, f->key, f->key + lw + 1, f->key + lw + lx + 2);
        if (!v)
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
        else
            v->pend[0] += f->pend, v->over[0] += f->over;
    }
    for (size_t i = 0; i < m->n && !e; i++) {
        fs_cell *x = m->cell[i];
        if (x->day < 0 || x->day > c->nb) continue;
        if (cell_settle(x) != 0)
            e = nv_errf(eb, NV_ERR_INTERNAL, "figures: a count below 0 in a read of the records");
        else if (cube_put(c, (int)x->day, x->key, x->n, x->pend, x->over, x->add, NULL, x->nadd))
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
    }
    fs_map_free(&fold);
    return e;
}

nv_err figstore_scan(sqlite3 *db, nv_figcube *c, nv_errbuf *eb)
{
    fs_map m = {0};
    fs_days d = {NULL, c->bound, c->nb};
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "fig_scan", &st, eb);
    if (e) return e;
    int rc = (sqlite3_bind_int64(st, 1, c->bound[0]) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, c->bound[c->nb]) == SQLITE_OK)
                 ? SQLITE_ROW
                 : SQLITE_ERROR;
    fs_rec r;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fs_row(st, 0, &r);
        if (fs_record(&m, &d, &r) != 0) {
            e = nv_errf(eb, NV_ERR_NOMEM, "figures: out of memory");
            break;
        }
    }
    if (!e && rc != SQLITE_DONE) e = db_fail(db, eb, "figures: records");
    sqlite3_finalize(st);
    if (!e) e = cube_from_map(c, &m, eb);
    fs_map_free(&m);
    if (!e) e = cube_end(db, c, eb);
    return e;
}
