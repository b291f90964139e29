/* compensation.c — the schedule, the amounts and the sums of
 * COMPENSATION.md; see include/nivaran/compute/compensation.h. The CSV files are in
 * compensation_out.c. */
#include "nivaran/compute/compensation.h"

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/db.h"

/* ---- the schedule ---------------------------------------------------------- */

typedef struct {
    nv_comp_schedule *s;
    char err[512];
} sched_ctx;

static int sched_fail(sched_ctx *c, const char *fmt, const char *a, const char *b)
{
    if (!c->err[0]) snprintf(c->err, sizeof c->err, fmt, a, b);
    return 0;
}

/* A whole number of rupees, 0..10^9, written in full; -1 when not. */
static int parse_rupees(const char *v, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (end == v || *end || errno || x < 0 || x > 1000000000) return -1;
    *out = x;
    return 0;
}

static int sched_rate(sched_ctx *c, const char *name, const char *value)
{
    nv_comp_schedule *s = c->s;
    int64_t r;
    if (parse_rupees(value, &r) != 0)
        return sched_fail(c, "%s: rupees per day must be a whole number, not '%s'", name, value);
    if (strlen(name) >= sizeof s->rates[0].category)
        return sched_fail(c, "category '%s' too long%s", name, "");
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->rates[i].category, name) == 0)
            return sched_fail(c, "category '%s' given twice%s", name, "");
    if (s->n >= COMP_MAX_RATES) return sched_fail(c, "too many categories (at '%s')%s", name, "");
    snprintf(s->rates[s->n].category, sizeof s->rates[0].category, "%s", name);
    s->rates[s->n++].rupees_per_day = r;
    return 1;
}

static int sched_handler(void *user, const char *section, const char *name, const char *value)
{
    sched_ctx *c = user;
    nv_comp_schedule *s = c->s;
    if (!name) return 1;
    if (strcmp(section, "rates") == 0) return sched_rate(c, name, value);
    if (strcmp(section, "compensation") != 0)
        return sched_fail(c, "key '%s' in unknown section [%s]", name, section);
    char *dst = strcmp(name, "name") == 0           ? s->name
                : strcmp(name, "organisation") == 0 ? s->organisation
                                                    : NULL;
    size_t n = dst == s->name ? sizeof s->name : sizeof s->organisation;
    if (!dst) return sched_fail(c, "unknown key '%s' in [compensation]%s", name, "");
    if (strlen(value) >= n) return sched_fail(c, "%s: '%s' too long", name, value);
    snprintf(dst, n, "%s", value);
    return 1;
}

/* Parses path into s. */
static nv_err sched_parse(const char *path, nv_comp_schedule *s, nv_errbuf *eb)
{
    sched_ctx c = {.s = s};
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = ini_parse(path, sched_handler, &c);
    if (rc < 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read the compensation schedule", path);
    if (rc > 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%d: %s", path, rc,
                       c.err[0] ? c.err : "not an INI line");
    if (!s->organisation[0])
        return nv_errf(eb, NV_ERR_CONFIG, "%s: [compensation] organisation missing", path);
    return NV_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini file names of dir, sorted, into *names (caller frees each and the
 * array); *n 0 when dir does not exist. */
static nv_err ini_names(const char *dir, char ***names, size_t *n, nv_errbuf *eb)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? NV_OK : nv_errf(eb, NV_ERR_CONFIG, "%s: %s", dir, strerror(errno));
    struct dirent *de;
    size_t cap = 0;
    nv_err e = NV_OK;
    while (e == NV_OK && (de = readdir(d))) {
        size_t k = strlen(de->d_name);
        if (k < 5 || de->d_name[0] == '.' || strcmp(de->d_name + k - 4, ".ini") != 0) continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            char **v = realloc(*names, cap * sizeof *v);
            if (!v) {
                e = nv_errf(eb, NV_ERR_NOMEM, "out of memory listing %s", dir);
                break;
            }
            *names = v;
        }
        if (!((*names)[*n] = strdup(de->d_name)))
            e = nv_errf(eb, NV_ERR_NOMEM, "out of memory listing %s", dir);
        else
            (*n)++;
    }
    closedir(d);
    if (*n) qsort(*names, *n, sizeof **names, name_cmp);
    return e;
}

nv_err comp_load(const char *templates_dir, const char *org, nv_comp_schedule *s, int *found,
                 nv_errbuf *eb)
{
    char dir[512], path[sizeof s->path];
    char **names = NULL;
    size_t n = 0;
    nv_profile prof;
    *found = 0;
    memset(s, 0, sizeof *s);
    if (snprintf(dir, sizeof dir, "%s/compensation", templates_dir) >= (int)sizeof dir)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: path too long", templates_dir);
    nv_err e = ini_names(dir, &names, &n, eb);
    for (size_t i = 0; i < n && e == NV_OK && !*found; i++) {
        if (snprintf(path, sizeof path, "%s/%.255s", dir, names[i]) >= (int)sizeof path)
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: path too long", dir);
        else if ((e = sched_parse(path, s, eb)) == NV_OK)
            *found = org && !strcmp(s->organisation, org);
    }
    if (e == NV_OK && *found && (e = profile_load(templates_dir, COMP_CLOCK, &prof, eb)) == NV_OK)
        for (int i = 0; i < s->n; i++)
            s->rates[i].hours = profile_hours(&prof, s->rates[i].category);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (e || !*found) {
        *found = 0;
        memset(s, 0, sizeof *s);
    }
    return e;
}

int64_t comp_rate(const nv_comp_schedule *s, const char *category, double *hours)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->rates[i].category, category) == 0) {
            if (hours) *hours = s->rates[i].hours;
            return s->rates[i].rupees_per_day;
        }
    return 0;
}

int64_t comp_days_late(int64_t end, int64_t deadline)
{
    if (end <= deadline) return 0;
    return (end - deadline + 86399) / 86400;
}

/* ---- the sums ---------------------------------------------------------------- */

/* A wing or XEN being summed over both windows. */
typedef struct {
    char wing[64], xen_id[96];
    nv_comp_sum s[2]; /* period, month */
} acc_group;

typedef struct {
    acc_group *v;
    size_t n, cap;
    size_t hint;
} acc_set;

/* The group (wing, xen) of a, added when absent; NULL when out of memory. */
static acc_group *acc_get(acc_set *a, const char *wing, const char *xen)
{
    if (a->hint < a->n && !strcmp(a->v[a->hint].wing, wing) && !strcmp(a->v[a->hint].xen_id, xen))
        return &a->v[a->hint];
    for (size_t i = 0; i < a->n; i++)
        if (!strcmp(a->v[i].wing, wing) && !strcmp(a->v[i].xen_id, xen)) return &a->v[a->hint = i];
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        acc_group *v = realloc(a->v, cap * sizeof *v);
        if (!v) return NULL;
        a->v = v;
        a->cap = cap;
    }
    acc_group *g = &a->v[a->n];
    memset(g, 0, sizeof *g);
    snprintf(g->wing, sizeof g->wing, "%s", wing);
    snprintf(g->xen_id, sizeof g->xen_id, "%s", xen);
    a->hint = a->n++;
    return g;
}

static void sum_add(nv_comp_sum *s, int accruing, int64_t rupees, int64_t returned)
{
    if (accruing) {
        s->accruing_records++;
        s->accruing_rupees += rupees;
        return;
    }
    s->owed_records++;
    s->owed_rupees += rupees;
    if (returned > 0) {
        s->owed_returned_records++;
        s->owed_returned_rupees += rupees;
    }
}

static int group_cmp(const void *pa, const void *pb)
{
    const nv_comp_group *a = pa, *b = pb;
    int c = strcmp(a->wing, b->wing);
    return c ? c : strcmp(a->xen_id, b->xen_id);
}

/* Window k (0 period, 1 month) of the groups: wings (with ALL) and XENs. */
static nv_err window_make(const acc_set *wings, const acc_set *xens, int k, nv_comp_window *w,
                          nv_errbuf *eb)
{
    w->wings = calloc(wings->n + 1, sizeof *w->wings);
    w->xens = calloc(xens->n + 1, sizeof *w->xens);
    if (!w->wings || !w->xens) return nv_errf(eb, NV_ERR_NOMEM, "out of memory (compensation)");
    for (size_t i = 0; i < wings->n; i++) {
        nv_comp_group *g = &w->wings[w->n_wings++];
        snprintf(g->wing, sizeof g->wing, "%s", wings->v[i].wing);
        g->s = wings->v[i].s[k];
    }
    nv_comp_group *all = &w->wings[w->n_wings++];
    snprintf(all->wing, sizeof all->wing, "ALL");
    all->s = w->all;
    for (size_t i = 0; i < xens->n; i++) {
        nv_comp_group *g = &w->xens[w->n_xens++];
        snprintf(g->wing, sizeof g->wing, "%s", xens->v[i].wing);
        snprintf(g->xen_id, sizeof g->xen_id, "%s", xens->v[i].xen_id);
        g->s = xens->v[i].s[k];
    }
    qsort(w->wings, w->n_wings, sizeof *w->wings, group_cmp);
    qsort(w->xens, w->n_xens, sizeof *w->xens, group_cmp);
    return NV_OK;
}

const nv_comp_group *comp_find(const nv_comp_window *w, const char *wing, const char *xen_id)
{
    const nv_comp_group *v = xen_id && xen_id[0] ? w->xens : w->wings;
    size_t n = xen_id && xen_id[0] ? w->n_xens : w->n_wings;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].wing, wing) && (!xen_id || !xen_id[0] || !strcmp(v[i].xen_id, xen_id)))
            return &v[i];
    return NULL;
}

/* ---- the ledger's rows ---------------------------------------------------------- */

/* Copies s (NULL stays NULL: offset SIZE_MAX) into the pool; its offset. */
static int pool_add(nv_comp *c, const char *s, size_t *off)
{
    if (!s) {
        *off = (size_t)-1;
        return 0;
    }
    size_t k = strlen(s) + 1;
    if (c->pool_len + k > c->pool_cap) {
        size_t cap = c->pool_cap ? c->pool_cap : 1 << 16;
        while (cap < c->pool_len + k)
            cap *= 2;
        char *p = realloc(c->pool, cap);
        if (!p) return -1;
        c->pool = p;
        c->pool_cap = cap;
    }
    memcpy(c->pool + c->pool_len, s, k);
    *off = c->pool_len;
    c->pool_len += k;
    return 0;
}

/* A row's strings are pool offsets (cast into the pointers) until every row
 * is in: the pool moves while it grows. */
static void *off_ptr(size_t off)
{
    return (void *)(uintptr_t)off;
}

static void rows_fix(nv_comp *c)
{
    for (size_t i = 0; i < c->n_rows; i++) {
        const char **f[6] = {&c->rows[i].record_id, &c->rows[i].source, &c->rows[i].account,
                             &c->rows[i].category,  &c->rows[i].wing,   &c->rows[i].xen_id};
        for (int k = 0; k < 6; k++) {
            size_t off = (size_t)(uintptr_t)*f[k];
            *f[k] = off == (size_t)-1 ? NULL : c->pool + off;
        }
    }
}

static int row_cmp(const void *pa, const void *pb)
{
    const nv_comp_row *a = pa, *b = pb;
    if (a->accruing != b->accruing) return a->accruing - b->accruing;
    int k = strcmp(a->record_id, b->record_id);
    return k ? k : strcmp(a->source, b->source);
}

/* Appends r to the ledger with its strings: wing and xen_id given, source,
 * record_id and account read by p's detail statement (record rec). */
static nv_err row_push(nv_comp *c, size_t *cap, sqlite3_stmt *detail, sqlite3 *db, int64_t rec,
                       const nv_comp_row *r, const char *wing, const char *xen, const char *cat,
                       nv_errbuf *eb)
{
    if (c->n_rows == *cap) {
        size_t n = *cap ? 2 * *cap : 1024;
        nv_comp_row *v = realloc(c->rows, n * sizeof *v);
        if (!v) return nv_errf(eb, NV_ERR_NOMEM, "out of memory (compensation ledger)");
        c->rows = v;
        *cap = n;
    }
    sqlite3_reset(detail);
    if (sqlite3_bind_int64(detail, 1, rec) != SQLITE_OK)
        return db_fail(db, eb, "compensation: binding");
    if (sqlite3_step(detail) != SQLITE_ROW) return db_fail(db, eb, "compensation: a ledger row");
    nv_comp_row *o = &c->rows[c->n_rows];
    *o = *r;
    const char **f[6] = {&o->source,   &o->record_id, &o->account,
                         &o->category, &o->wing,      &o->xen_id};
    const char *v[6] = {(const char *)sqlite3_column_text(detail, 0),
                        (const char *)sqlite3_column_text(detail, 1),
                        (const char *)sqlite3_column_text(detail, 2),
                        cat,
                        wing,
                        xen};
    for (int k = 0; k < 6; k++) {
        size_t off;
        if (pool_add(c, k == 2 || v[k] ? v[k] : "", &off) != 0)
            return nv_errf(eb, NV_ERR_NOMEM, "out of memory (compensation ledger)");
        *f[k] = off_ptr(off);
    }
    c->n_rows++;
    return NV_OK;
}

/* ---- the pass ---------------------------------------------------------------- */

typedef struct {
    nv_comp *c;
    sqlite3 *db;
    sqlite3_stmt *detail; /* comp_detail.sql */
    acc_set wings, xens;
    size_t row_cap;
} pass;

/* One candidate record of queries/comp_records.sql: rec, category,
 * registered, disposed (NULL: open), wing, xen_id, return_count. */
static nv_err pass_row(pass *p, sqlite3_stmt *st, nv_errbuf *eb)
{
    nv_comp *c = p->c;
    double hours = 0;
    const char *cat = (const char *)sqlite3_column_text(st, 1);
    int64_t rate = cat ? comp_rate(&c->sched, cat, &hours) : 0;
    if (rate <= 0) return NV_OK;
    nv_comp_row r = {0};
    r.registered = sqlite3_column_int64(st, 2);
    r.sop_deadline = r.registered + llround(hours * 3600.0);
    int disposed_null = sqlite3_column_type(st, 3) == SQLITE_NULL;
    int64_t disposed = sqlite3_column_int64(st, 3);
    int64_t d1 = c->period.d1;
    r.accruing = disposed_null || disposed >= d1; /* else RESOLVED in the window */
    r.days_late = comp_days_late(r.accruing ? d1 : disposed, r.sop_deadline);
    if (r.days_late <= 0) return NV_OK;
    r.rupees_per_day = rate;
    r.rupees = r.days_late * rate;
    r.returned = sqlite3_column_int64(st, 6);
    if (!r.accruing) {
        r.has_disposed = 1;
        r.disposed = disposed;
        r.pay_by = disposed + (int64_t)COMP_PAY_DAYS * 86400;
    }
    int in_period = r.accruing || disposed >= c->period.d0;
    int in_month = r.accruing || disposed >= c->month.d0;
    const char *wing = (const char *)sqlite3_column_text(st, 4);
    const char *xen = (const char *)sqlite3_column_text(st, 5);
    wing = wing ? wing : "";
    xen = xen ? xen : "";
    acc_group *gw = acc_get(&p->wings, wing, "");
    acc_group *gx = acc_get(&p->xens, wing, xen);
    if (!gw || !gx) return nv_errf(eb, NV_ERR_NOMEM, "out of memory (compensation)");
    if (in_period) {
        sum_add(&c->period.all, r.accruing, r.rupees, r.returned);
        sum_add(&gw->s[0], r.accruing, r.rupees, r.returned);
        sum_add(&gx->s[0], r.accruing, r.rupees, r.returned);
    }
    if (in_month) {
        sum_add(&c->month.all, r.accruing, r.rupees, r.returned);
        sum_add(&gw->s[1], r.accruing, r.rupees, r.returned);
        sum_add(&gx->s[1], r.accruing, r.rupees, r.returned);
    }
    if (!in_period) return NV_OK;
    return row_push(c, &p->row_cap, p->detail, p->db, sqlite3_column_int64(st, 0), &r, wing, xen,
                    cat, eb);
}

/* The org chart's wings and XENs, so that each has a row. */
static nv_err pass_org(pass *p, sqlite3 *db, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "comp_org", &st, eb);
    int rc;
    while (e == NV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(st, 0);
        const char *x = (const char *)sqlite3_column_text(st, 1);
        if (!acc_get(&p->wings, w ? w : "", "") || !acc_get(&p->xens, w ? w : "", x ? x : ""))
            e = nv_errf(eb, NV_ERR_NOMEM, "out of memory (compensation)");
    }
    if (e == NV_OK && rc != SQLITE_DONE) e = db_fail(db, eb, "compensation: the org chart");
    sqlite3_finalize(st);
    return e;
}

static nv_err pass_records(pass *p, sqlite3 *db, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_comp *c = p->c;
    int64_t lo = c->period.d0 < c->month.d0 ? c->period.d0 : c->month.d0;
    nv_err e = db_exec_named(db, "comp_index", eb);
    if (e || (e = db_prepare_named(db, "comp_detail", &p->detail, eb)) ||
        (e = db_prepare_named(db, "comp_records", &st, eb)))
        return e;
    int rc = SQLITE_DONE;
    double min_h = -1; /* the shortest limit of a compensable category */
    for (int i = 0; i < c->sched.n; i++)
        if (c->sched.rates[i].rupees_per_day > 0 && (min_h < 0 || c->sched.rates[i].hours < min_h))
            min_h = c->sched.rates[i].hours;
    if (sqlite3_bind_int64(st, 1, lo) != SQLITE_OK ||
        sqlite3_bind_int64(st, 2, c->period.d1) != SQLITE_OK ||
        sqlite3_bind_int64(st, 3, min_h > 0 ? llround(min_h * 3600.0) : 0) != SQLITE_OK)
        e = db_fail(db, eb, "compensation: binding");
    while (e == NV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        e = pass_row(p, st, eb);
    if (e == NV_OK && rc != SQLITE_DONE) e = db_fail(db, eb, "compensation: reading records");
    sqlite3_finalize(st);
    return e;
}

nv_err comp_compute(sqlite3 *db, int64_t d0, int64_t d1, int64_t m0, nv_comp *c, nv_errbuf *eb)
{
    pass p = {.c = c, .db = db};
    memset(&c->period, 0, sizeof c->period);
    memset(&c->month, 0, sizeof c->month);
    c->rows = NULL;
    c->n_rows = 0;
    c->pool = NULL;
    c->pool_len = c->pool_cap = 0;
    c->period.d0 = d0;
    c->period.d1 = c->month.d1 = d1;
    c->month.d0 = m0;
    nv_err e = pass_org(&p, db, eb);
    if (e == NV_OK) e = pass_records(&p, db, eb);
    if (e == NV_OK) {
        rows_fix(c);
        if (c->n_rows > 1) qsort(c->rows, c->n_rows, sizeof *c->rows, row_cmp);
        e = window_make(&p.wings, &p.xens, 0, &c->period, eb);
    }
    if (e == NV_OK) e = window_make(&p.wings, &p.xens, 1, &c->month, eb);
    sqlite3_finalize(p.detail);
    free(p.wings.v);
    free(p.xens.v);
    return e;
}

void comp_free(nv_comp *c)
{
    if (!c) return;
    free(c->rows);
    free(c->pool);
    free(c->period.wings);
    free(c->period.xens);
    free(c->month.wings);
    free(c->month.xens);
    c->rows = NULL;
    c->pool = NULL;
    c->n_rows = c->pool_len = c->pool_cap = 0;
    memset(&c->period, 0, sizeof c->period);
    memset(&c->month, 0, sizeof c->month);
}
