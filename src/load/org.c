/* org.c — the org chart. See include/nivaran/load/org.h. */
#include "nivaran/load/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/load/csvin.h"
#include "nivaran/store/db.h"
#include "nivaran/load/normalise.h"

#define ORG_MAX_SUBS 64

/* One XEN with its matching keys precomputed. */
typedef struct {
    nv_org_xen x;
    char wing_key[64];
    int n_subs;
    char sub_key[ORG_MAX_SUBS][96];
} org_entry;

struct nv_org {
    size_t n;
    org_entry *items;
};

void org_key(const char *s, char *buf, size_t n)
{
    norm_key(s, buf, n);
}

/* Splits e->x.subdivisions on ';' into keys. -1 when too many or empty. */
static int split_subs(org_entry *e)
{
    const char *p = e->x.subdivisions;
    while (*p) {
        const char *c = strchr(p, ';');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        char item[256];
        if (len >= sizeof item) return -1;
        memcpy(item, p, len);
        item[len] = 0;
        char key[96];
        org_key(item, key, sizeof key);
        if (*key) {
            if (e->n_subs >= ORG_MAX_SUBS) return -1;
            memcpy(e->sub_key[e->n_subs++], key, sizeof key);
        }
        p += len;
        if (*p == ';') p++;
    }
    return e->n_subs ? 0 : -1;
}

static int copy_field(const nv_csvrow *row, size_t i, char *out, size_t n)
{
    if (row->lens[i] >= n) return 0;
    memcpy(out, row->fields[i], row->lens[i] + 1);
    norm_trim(out);
    return *out != 0;
}

/* Checks one parsed XEN against those before it: unique id, and no
 * (wing, subdivision) claimed twice. */
static nv_err org_check(const nv_org *org, const org_entry *e, const char *path, long line,
                        nv_errbuf *eb)
{
    for (size_t i = 0; i < org->n; i++) {
        const org_entry *o = &org->items[i];
        if (!strcmp(o->x.xen_id, e->x.xen_id))
            return nv_errf(eb, NV_ERR_CONFIG, "%s:%ld: XEN %s listed twice", path, line,
                           e->x.xen_id);
        if (strcmp(o->wing_key, e->wing_key)) continue;
        for (int a = 0; a < o->n_subs; a++)
            for (int b = 0; b < e->n_subs; b++)
                if (!strcmp(o->sub_key[a], e->sub_key[b]))
                    return nv_errf(eb, NV_ERR_CONFIG,
                                   "%s:%ld: subdivision '%s' of wing %s is already %s's", path,
                                   line, e->sub_key[b], e->x.wing, o->x.xen_id);
    }
    return NV_OK;
}

static nv_err org_add_row(nv_org *org, const nv_csvrow *row, const char *path, nv_errbuf *eb)
{
    org_entry e;
    memset(&e, 0, sizeof e);
    if (row->status != CSVIN_ROW_OK || row->nfields != 3)
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%ld: expected 3 fields xen_id,wing,subdivisions",
                       path, row->line);
    if (!copy_field(row, 0, e.x.xen_id, sizeof e.x.xen_id) ||
        !copy_field(row, 1, e.x.wing, sizeof e.x.wing) ||
        !copy_field(row, 2, e.x.subdivisions, sizeof e.x.subdivisions))
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%ld: empty or too long field", path, row->line);
    org_key(e.x.wing, e.wing_key, sizeof e.wing_key);
    if (split_subs(&e) < 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%ld: no (or too many, too long) subdivisions", path,
                       row->line);
    nv_err err = org_check(org, &e, path, row->line, eb);
    if (err) return err;
    org_entry *p = realloc(org->items, (org->n + 1) * sizeof *p);
    if (!p) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    org->items = p;
    org->items[org->n++] = e;
    return NV_OK;
}

static int is_header(const nv_csvrow *row)
{
    static const char *const want[3] = {"xen_id", "wing", "subdivisions"};
    if (row->nfields != 3) return 0;
    for (int i = 0; i < 3; i++) {
        char buf[32];
        if (!copy_field(row, (size_t)i, buf, sizeof buf) || strcmp(buf, want[i])) return 0;
    }
    return 1;
}

nv_err org_load(const char *path, nv_org **out, nv_errbuf *eb)
{
    nv_csvin *r = NULL;
    nv_csvrow row;
    *out = NULL;
    nv_org *org = calloc(1, sizeof *org);
    if (!org) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    nv_err e = csvin_open(path, &r, eb);
    if (e) {
        char msg[sizeof eb->msg];
        memcpy(msg, eb->msg, sizeof msg);
        e = nv_errf(eb, NV_ERR_CONFIG, "org chart: %s", msg);
        goto fail;
    }
    int rc = csvin_next(r, &row, eb);
    if (rc <= 0 || !is_header(&row)) {
        e = rc < 0
                ? NV_ERR_CONFIG
                : nv_errf(eb, NV_ERR_CONFIG, "%s:1: header must be xen_id,wing,subdivisions", path);
        goto fail;
    }
    while ((rc = csvin_next(r, &row, eb)) > 0)
        if ((e = org_add_row(org, &row, path, eb))) goto fail;
    if (rc < 0) {
        e = NV_ERR_CONFIG;
        goto fail;
    }
    if (org->n == 0) {
        e = nv_errf(eb, NV_ERR_CONFIG, "%s: no XEN in the org chart", path);
        goto fail;
    }
    csvin_close(r);
    *out = org;
    return NV_OK;
fail:
    csvin_close(r);
    org_free(org);
    return e;
}

void org_free(nv_org *org)
{
    if (!org) return;
    free(org->items);
    free(org);
}

size_t org_count(const nv_org *org)
{
    return org ? org->n : 0;
}

const nv_org_xen *org_xen(const nv_org *org, size_t i)
{
    return org && i < org->n ? &org->items[i].x : NULL;
}

const char *org_lookup(const nv_org *org, const char *wing, const char *subdivision)
{
    char wk[64], sk[96];
    if (!org || !wing || !subdivision) return NULL;
    org_key(wing, wk, sizeof wk);
    org_key(subdivision, sk, sizeof sk);
    if (!*sk) return NULL;
    for (size_t i = 0; i < org->n; i++) {
        const org_entry *e = &org->items[i];
        if (strcmp(e->wing_key, wk)) continue;
        for (int j = 0; j < e->n_subs; j++)
            if (!strcmp(e->sub_key[j], sk)) return e->x.xen_id;
    }
    return NULL;
}

nv_err org_store(const nv_org *org, sqlite3 *db, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_exec_named(db, "ingest_org_clear", eb);
    if (e) return e;
    if ((e = db_prepare_named(db, "ingest_org_insert", &st, eb))) return e;
    for (size_t i = 0; i < org->n; i++) {
        const nv_org_xen *x = &org->items[i].x;
        if (sqlite3_bind_text(st, 1, x->xen_id, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_text(st, 2, x->wing, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_text(st, 3, x->subdivisions, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_DONE) {
            e = db_fail(db, eb, "storing the org chart");
            break;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return e;
}
