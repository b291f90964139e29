/* names.c — see include/nivaran/core/names.h. */
#include "nivaran/core/names.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/core/tpl.h"
#include "nivaran/core/words.h"

static const char *const SECTIONS[NAMES_KINDS] = {"category", "flag", "wing", "status"};

typedef struct {
    nv_names *n;
    nv_err e;
    char err[256];
} names_ctx;

static struct names_entry *names_find(const nv_names *n, int kind, const char *code)
{
    for (size_t i = 0; n && i < n->n; i++)
        if (n->v[i].kind == kind && strcmp(n->v[i].code, code) == 0) return &n->v[i];
    return NULL;
}

/* Copies src into dst (n bytes), cut when longer. */
static void copy_cut(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) len = n - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

/* A [format] key. 1 taken, 0 refused (c->err says why). */
static int names_format(names_ctx *c, const char *key, const char *val)
{
    nv_names *n = c->n;
    char a[160], b[160];
    tpl_split(val, a, b, sizeof a);
    if (strcmp(key, "grouping") == 0) {
        if (strcmp(a, "indian") != 0 && strcmp(a, "western") != 0) {
            snprintf(c->err, sizeof c->err, "grouping '%.60s': indian or western", a);
            return 0;
        }
        n->grouping = a[0] == 'i' ? NUMFMT_INDIAN : NUMFMT_WESTERN;
    } else if (strcmp(key, "zone") == 0 || strcmp(key, "zone_dst") == 0)
        copy_cut(n->zone[key[4] == '_'], sizeof n->zone[0], a);
    else if (strcmp(key, "na") == 0) {
        copy_cut(n->na[NAMES_EN], sizeof n->na[0], a[0] ? a : "n/a");
        copy_cut(n->na[NAMES_HI], sizeof n->na[0], b);
    } else {
        snprintf(c->err, sizeof c->err, "unknown key '%.100s' in [format]", key);
        return 0;
    }
    return 1;
}

static int names_put(void *user, const char *sec, const char *key, const char *val)
{
    names_ctx *c = user;
    nv_names *n = c->n;
    if (strcmp(sec, "format") == 0) return names_format(c, key, val);
    int kind = -1;
    for (int i = 0; i < NAMES_KINDS; i++)
        if (strcmp(sec, SECTIONS[i]) == 0) kind = i;
    if (kind < 0) {
        snprintf(c->err, sizeof c->err, "unknown section [%.100s]", sec);
        return 0;
    }
    if (strlen(key) >= sizeof n->v[0].code) {
        snprintf(c->err, sizeof c->err, "code '%.60s...' too long", key);
        return 0;
    }
    struct names_entry *e = names_find(n, kind, key);
    if (!e) {
        if (n->n == n->cap) {
            size_t cap = n->cap ? 2 * n->cap : 64;
            struct names_entry *v = realloc(n->v, cap * sizeof *v);
            if (!v) {
                c->e = NV_ERR_NOMEM;
                return 0;
            }
            n->v = v;
            n->cap = cap;
        }
        e = &n->v[n->n++];
        memset(e, 0, sizeof *e);
        e->kind = kind;
        copy_cut(e->code, sizeof e->code, key);
    }
    tpl_split(val, e->name[NAMES_EN], e->name[NAMES_HI], sizeof e->name[0]);
    return 1;
}

/* Reads path over what n holds. */
static nv_err names_read(nv_names *n, const char *path, nv_errbuf *eb)
{
    names_ctx c = {.n = n};
    int rc = ini_parse(path, names_put, &c);
    if (c.e == NV_ERR_NOMEM) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", path);
    if (rc == -1) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open the names template", path);
    if (rc != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: line %d: %s", path, rc,
                       c.err[0] ? c.err : "not a valid INI line");
    return NV_OK;
}

nv_err names_load(const char *templates_dir, const char *org, nv_names *n, nv_errbuf *eb)
{
    char dir[4096];
    nv_err e;
    memset(n, 0, sizeof *n);
    snprintf(n->na[NAMES_EN], sizeof n->na[0], "n/a");
    if ((size_t)snprintf(dir, sizeof dir, "%s/org", templates_dir) >= sizeof dir ||
        (size_t)snprintf(n->path, sizeof n->path, "%s/names.ini", dir) >= sizeof n->path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/org: path too long", templates_dir);
    if ((e = names_read(n, n->path, eb))) return e;
    char own[4096];
    if (words_org_path(dir, "names", org, own, sizeof own) != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/org: path too long", templates_dir);
    if (strcmp(own, n->path) == 0) return NV_OK;
    copy_cut(n->path, sizeof n->path, own);
    return names_read(n, own, eb);
}

void names_free(nv_names *n)
{
    free(n->v);
    n->v = NULL;
    n->n = n->cap = 0;
}

const char *names_get(const nv_names *n, names_kind kind, const char *code, int lang)
{
    if (!code) return "";
    const struct names_entry *e = names_find(n, (int)kind, code);
    if (!e || !e->name[NAMES_EN][0]) return code;
    return lang == NAMES_HI && e->name[NAMES_HI][0] ? e->name[NAMES_HI] : e->name[NAMES_EN];
}

int names_count(const nv_names *n, int64_t v, char *buf, size_t len)
{
    return numfmt_group(v, n ? n->grouping : NUMFMT_WESTERN, buf, len);
}

const char *names_xlsx_int(const nv_names *n)
{
    return n && n->grouping == NUMFMT_INDIAN ? NUMFMT_XLSX_INDIAN : "#,##0";
}

void names_zone(const nv_names *n, const nv_tz *tz, int64_t utc, char *buf, size_t len)
{
    static const struct {
        int off;
        const char *std, *dst;
    } known[] = {{19800, "IST", "IST"},  {0, "UTC", "UTC"},      {-18000, "EST", "EDT"},
                 {-21600, "CST", "CDT"}, {-25200, "MST", "MDT"}, {-28800, "PST", "PDT"}};
    int off = nvt_offset_at(tz, utc);
    int dst = off != tz->std_offset_s;
    if (n && n->zone[dst][0]) {
        snprintf(buf, len, "%s", n->zone[dst]);
        return;
    }
    if (n && n->zone[0][0] && !dst) {
        snprintf(buf, len, "%s", n->zone[0]);
        return;
    }
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].off == tz->std_offset_s && (tz->dst == NVT_DST_US || !dst) &&
            (known[i].off != 19800 || tz->dst == NVT_DST_NONE)) {
            snprintf(buf, len, "%s", dst ? known[i].dst : known[i].std);
            return;
        }
    int a = off < 0 ? -off : off;
    snprintf(buf, len, "UTC%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

const char *names_na(const nv_names *n, int lang)
{
    if (!n || !n->na[NAMES_EN][0]) return "n/a";
    return lang == NAMES_HI && n->na[NAMES_HI][0] ? n->na[NAMES_HI] : n->na[NAMES_EN];
}
