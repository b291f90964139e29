/* layout.c — export layouts as templates. See include/nivaran/load/layout.h. */
#include "nivaran/load/layout.h"

#include <dirent.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nivaran/load/normalise.h"

static const char *const field_names[LF_COUNT] = {
    "record_id",         "registered",   "disposed",      "disposed_resolved",
    "disposed_rejected", "last_updated", "status",        "category",
    "subdivision",       "mobile",       "account",       "name",
    "address",           "closed_by",    "officer_typed", "channel",
    "otp_verified",      "feedback",     "reopen_count",  "return_count",
    "remarks",           "due",          "wing",          "xen"};

/* Fields that may list several columns. */
static int field_multi(nv_lfield f)
{
    return f == LF_CATEGORY || f == LF_LAST_UPDATED || f == LF_XEN;
}

const char *layout_field_name(nv_lfield f)
{
    return (f >= 0 && f < LF_COUNT) ? field_names[f] : "?";
}

const char *layout_status_name(nv_lstatus s)
{
    return s == LS_RESOLVED ? "RESOLVED" : s == LS_REJECTED ? "REJECTED" : "OPEN";
}

struct wing_entry {
    char category[64];
    char wing[64];
};

struct nv_layouts {
    size_t n;
    nv_layout **items;
    size_t n_wings;
    struct wing_entry *wings;
};

/* ---- template parsing ------------------------------------------------- */

typedef struct {
    nv_layout *l;
    const char *templates_dir;
    char err[512];
} parse_ctx;

/* Copies s trimmed into out (size n); 0 when it does not fit. */
static int copy_trim(const char *s, char *out, size_t n)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= n) return 0;
    memcpy(out, s, len);
    out[len] = 0;
    return 1;
}

/* Splits a ','-separated list into cols (max m) of LAYOUT_NAME_MAX each;
 * returns the count, or -1 when too many or too long. Empty items skipped. */
static int split_list(const char *v, char (*cols)[LAYOUT_NAME_MAX], int have, int m)
{
    int n = have;
    while (*v) {
        const char *c = strchr(v, ',');
        size_t len = c ? (size_t)(c - v) : strlen(v);
        char item[LAYOUT_NAME_MAX * 2];
        if (len >= sizeof item) return -1;
        memcpy(item, v, len);
        item[len] = 0;
        char t[LAYOUT_NAME_MAX];
        if (!copy_trim(item, t, sizeof t)) return -1;
        if (*t) {
            if (n >= m) return -1;
            memcpy(cols[n++], t, sizeof t);
        }
        v += len;
        if (*v == ',') v++;
    }
    return n;
}

static int set_formats(parse_ctx *pc, const char *v)
{
    char names[LAYOUT_MAX_FORMATS][LAYOUT_NAME_MAX];
    int n = split_list(v, names, 0, LAYOUT_MAX_FORMATS);
    if (n <= 0) {
        snprintf(pc->err, sizeof pc->err, "time_format: give 1 to %d formats", LAYOUT_MAX_FORMATS);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        int f = norm_timefmt_parse(names[i]);
        if (f < 0) {
            snprintf(pc->err, sizeof pc->err, "unknown time format '%.100s'", names[i]);
            return 0;
        }
        pc->l->formats[i] = (norm_timefmt)f;
    }
    pc->l->n_formats = n;
    return 1;
}

static int on_layout_key(parse_ctx *pc, const char *name, const char *value)
{
    nv_layout *l = pc->l;
    char *dst = NULL;
    size_t cap = LAYOUT_NAME_MAX;
    if (!strcmp(name, "header")) {
        int n = split_list(value, l->header, l->n_header, LAYOUT_MAX_HEADER);
        if (n < 0) {
            snprintf(pc->err, sizeof pc->err, "header: too many or too long columns");
            return 0;
        }
        l->n_header = n;
        return 1;
    }
    if (!strcmp(name, "name"))
        dst = l->name;
    else if (!strcmp(name, "source"))
        dst = l->source;
    else if (!strcmp(name, "organisation"))
        dst = l->organisation;
    else if (!strcmp(name, "org_chart"))
        dst = l->org_chart;
    if (dst) {
        if (!copy_trim(value, dst, cap) || !*dst) {
            snprintf(pc->err, sizeof pc->err, "%s: empty or too long", name);
            return 0;
        }
        if (dst == l->org_chart && !strcasecmp(dst, "none")) *dst = 0;
        return 1;
    }
    if (!strcmp(name, "optional")) {
        if (strcmp(value, "yes") && strcmp(value, "no")) {
            snprintf(pc->err, sizeof pc->err, "optional: yes or no");
            return 0;
        }
        l->optional = value[0] == 'y';
        return 1;
    }
    if (!strcmp(name, "is_application")) {
        if (strcmp(value, "0") && strcmp(value, "1")) {
            snprintf(pc->err, sizeof pc->err, "is_application: 0 or 1");
            return 0;
        }
        l->is_application = value[0] == '1';
        return 1;
    }
    if (!strcmp(name, "categories")) {
        if (!strcmp(value, "map"))
            l->passthrough = 0;
        else if (!strcmp(value, "passthrough"))
            l->passthrough = 1;
        else {
            snprintf(pc->err, sizeof pc->err, "categories: map or passthrough");
            return 0;
        }
        return 1;
    }
    if (!strcmp(name, "time_format")) return set_formats(pc, value);
    if (!strcmp(name, "time_zone")) {
        nv_errbuf eb;
        if (nvt_tz_parse(value, &l->tz, &eb) != NV_OK) {
            snprintf(pc->err, sizeof pc->err, "%.400s", eb.msg);
            return 0;
        }
        return 1;
    }
    snprintf(pc->err, sizeof pc->err, "unknown key '%s' in [layout]", name);
    return 0;
}

static int on_field_key(parse_ctx *pc, const char *name, const char *value)
{
    for (int f = 0; f < LF_COUNT; f++) {
        if (strcmp(name, field_names[f])) continue;
        nv_lcols *c = &pc->l->fields[f];
        if (c->n) {
            snprintf(pc->err, sizeof pc->err, "field '%s' given twice", name);
            return 0;
        }
        int n = split_list(value, c->col, 0, field_multi((nv_lfield)f) ? LAYOUT_MAX_COLS : 1);
        if (n <= 0) {
            snprintf(pc->err, sizeof pc->err, "field '%s': %s", name,
                     n == 0 ? "no column" : "too many or too long columns");
            return 0;
        }
        c->n = n;
        return 1;
    }
    snprintf(pc->err, sizeof pc->err, "unknown field '%s'", name);
    return 0;
}

static int on_status_key(parse_ctx *pc, const char *name, const char *value)
{
    nv_layout *l = pc->l;
    nv_lstatus s;
    if (!strcmp(value, "OPEN"))
        s = LS_OPEN;
    else if (!strcmp(value, "RESOLVED"))
        s = LS_RESOLVED;
    else if (!strcmp(value, "REJECTED"))
        s = LS_REJECTED;
    else {
        snprintf(pc->err, sizeof pc->err, "status '%s': OPEN, RESOLVED or REJECTED", name);
        return 0;
    }
    void *p = realloc(l->status, (l->n_status + 1) * sizeof *l->status);
    if (!p) return 0;
    l->status = p;
    norm_key(name, l->status[l->n_status].key, sizeof l->status[0].key);
    l->status[l->n_status++].status = s;
    return 1;
}

static int on_category_key(parse_ctx *pc, const char *name, const char *value)
{
    nv_layout *l = pc->l;
    void *p = realloc(l->cat, (l->n_cat + 1) * sizeof *l->cat);
    if (!p) return 0;
    l->cat = p;
    struct nv_lcat_entry *e = &l->cat[l->n_cat];
    if (strlen(name) >= sizeof e->key || !copy_trim(value, e->category, sizeof e->category) ||
        !*e->category) {
        snprintf(pc->err, sizeof pc->err, "category '%s': too long or empty", name);
        return 0;
    }
    norm_key(name, e->key, sizeof e->key);
    l->n_cat++;
    return 1;
}

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *pc = user;
    /* A continuation line of `header` arrives as another `header` call. */
    if (!strcmp(section, "layout")) return on_layout_key(pc, name, value);
    if (!strcmp(section, "fields")) return on_field_key(pc, name, value);
    if (!strcmp(section, "status")) return on_status_key(pc, name, value);
    if (!strcmp(section, "categories")) return on_category_key(pc, name, value);
    snprintf(pc->err, sizeof pc->err, "unknown section [%s]", section);
    return 0;
}

/* inih silently splits lines longer than its buffer: refuse them first. */
static nv_err check_line_lengths(const char *path, nv_errbuf *eb)
{
    FILE *f = fopen(path, "r");
    if (!f) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open layout template", path);
    int c, line = 1;
    size_t len = 0;
    nv_err e = NV_OK;
    while ((c = fgetc(f)) != EOF) {
        if (c == '\n') {
            line++;
            len = 0;
        } else if (++len >= INI_MAX_LINE - 1) {
            e = nv_errf(eb, NV_ERR_CONFIG,
                        "%s:%d: line longer than %d characters (continue "
                        "lists on lines that begin with a space)",
                        path, line, INI_MAX_LINE - 2);
            break;
        }
    }
    fclose(f);
    return e;
}

/* Checks a parsed layout for completeness. */
static nv_err layout_validate(nv_layout *l, nv_errbuf *eb)
{
    static const nv_lfield required[] = {LF_RECORD_ID, LF_REGISTERED, LF_STATUS, LF_CATEGORY};
    if (!*l->name) return nv_errf(eb, NV_ERR_CONFIG, "%s: no name in [layout]", l->path);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!l->fields[required[i]].n)
            return nv_errf(eb, NV_ERR_CONFIG, "%s: field '%s' is required", l->path,
                           field_names[required[i]]);
    if (!l->n_formats) return nv_errf(eb, NV_ERR_CONFIG, "%s: no time_format", l->path);
    if (!l->n_status) return nv_errf(eb, NV_ERR_CONFIG, "%s: no [status] entries", l->path);
    if (!l->passthrough && !l->n_cat)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: no [categories] (or categories = passthrough)",
                       l->path);
    if (!*l->source) memcpy(l->source, l->name, sizeof l->source);
    if (!*l->organisation) memcpy(l->organisation, l->name, sizeof l->organisation);
    return NV_OK;
}

nv_err layout_load(const char *path, const char *templates_dir, nv_layout **out, nv_errbuf *eb)
{
    *out = NULL;
    nv_layout *l = calloc(1, sizeof *l);
    if (!l) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    nv_err e = NV_OK;
    snprintf(l->path, sizeof l->path, "%s", path);
    l->tz = nvt_ist();
    if ((e = check_line_lengths(path, eb))) goto fail;
    parse_ctx pc = {.l = l, .templates_dir = templates_dir};
    int rc = ini_parse(path, on_ini, &pc);
    if (rc < 0) {
        e = nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read layout template", path);
        goto fail;
    }
    if (rc > 0) {
        e = nv_errf(eb, NV_ERR_CONFIG, "%s:%d: %s", path, rc, *pc.err ? pc.err : "syntax error");
        goto fail;
    }
    if ((e = layout_validate(l, eb))) goto fail;
    if (*l->org_chart) {
        char p[2048];
        snprintf(p, sizeof p, "%s/org/%s", templates_dir, l->org_chart);
        if ((e = org_load(p, &l->org, eb))) goto fail;
    }
    *out = l;
    return NV_OK;
fail:
    layout_free(l);
    return e;
}

void layout_free(nv_layout *l)
{
    if (!l) return;
    org_free(l->org);
    free(l->status);
    free(l->cat);
    free(l);
}

/* ---- the set of layouts and wings.ini ---------------------------------- */

static int on_wings(void *user, const char *section, const char *name, const char *value)
{
    nv_layouts *set = user;
    if (strcmp(section, "wings")) return 0;
    void *p = realloc(set->wings, (set->n_wings + 1) * sizeof *set->wings);
    if (!p) return 0;
    set->wings = p;
    struct wing_entry *w = &set->wings[set->n_wings];
    if (!copy_trim(name, w->category, sizeof w->category) ||
        !copy_trim(value, w->wing, sizeof w->wing) || !*w->wing)
        return 0;
    set->n_wings++;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted *.ini names of dir; caller frees each and the array. */
static nv_err list_ini(const char *dir, char ***names, size_t *n, nv_errbuf *eb)
{
    DIR *d = opendir(dir);
    *names = NULL;
    *n = 0;
    if (!d) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open layouts folder", dir);
    struct dirent *de;
    nv_err e = NV_OK;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".ini") || de->d_name[0] == '.') continue;
        char **p = realloc(*names, (*n + 1) * sizeof **names);
        if (!p || !(p[*n] = strdup(de->d_name))) {
            if (p) *names = p;
            e = nv_errf(eb, NV_ERR_NOMEM, "out of memory");
            break;
        }
        *names = p;
        (*n)++;
    }
    closedir(d);
    if (*n) qsort(*names, *n, sizeof **names, cmp_str);
    return e;
}

static nv_err load_all(nv_layouts *set, const char *templates_dir, nv_errbuf *eb)
{
    char dir[2048], path[4096];
    char **names = NULL;
    size_t n = 0;
    snprintf(dir, sizeof dir, "%s/layouts", templates_dir);
    nv_err e = list_ini(dir, &names, &n, eb);
    if (!e && !(set->items = calloc(n ? n : 1, sizeof *set->items)))
        e = nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !e && i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        nv_layout *l = NULL;
        if ((e = layout_load(path, templates_dir, &l, eb))) break;
        if (layouts_find(set, l->name)) {
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: layout name '%s' used twice", path, l->name);
            layout_free(l);
            break;
        }
        set->items[set->n++] = l;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (!e && set->n == 0) e = nv_errf(eb, NV_ERR_CONFIG, "%s: no layout templates", dir);
    return e;
}

nv_err layouts_load(const char *templates_dir, nv_layouts **out, nv_errbuf *eb)
{
    *out = NULL;
    nv_layouts *set = calloc(1, sizeof *set);
    if (!set) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    nv_err e = load_all(set, templates_dir, eb);
    if (!e) {
        char path[4096];
        snprintf(path, sizeof path, "%s/wings.ini", templates_dir);
        int rc = ini_parse(path, on_wings, set);
        if (rc < 0)
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read", path);
        else if (rc > 0)
            e = nv_errf(eb, NV_ERR_CONFIG, "%s:%d: expected CATEGORY = WING in [wings]", path, rc);
    }
    if (e) {
        layouts_free(set);
        return e;
    }
    *out = set;
    return NV_OK;
}

void layouts_free(nv_layouts *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->n; i++)
        layout_free(set->items[i]);
    free(set->items);
    free(set->wings);
    free(set);
}

size_t layouts_count(const nv_layouts *set)
{
    return set->n;
}

const nv_layout *layouts_at(const nv_layouts *set, size_t i)
{
    return i < set->n ? set->items[i] : NULL;
}

const nv_layout *layouts_find(const nv_layouts *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->items[i]->name, name)) return set->items[i];
    return NULL;
}

const char *layouts_wing(const nv_layouts *set, const char *category)
{
    for (size_t i = 0; i < set->n_wings; i++)
        if (!strcmp(set->wings[i].category, category)) return set->wings[i].wing;
    return NULL;
}

/* ---- recognition and binding ------------------------------------------- */

/* Index of column name in the header row (trimmed compare), or -1. */
static int header_index(const char *const *fields, size_t n, const char *name)
{
    size_t want = strlen(name);
    for (size_t i = 0; i < n; i++) {
        const char *s = fields[i];
        size_t len = strlen(s);
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            len--;
        if (len == want && !memcmp(s, name, len)) return (int)i;
    }
    return -1;
}

/* Number of columns l requires when all are present in the header, else -1
 * with the first missing column in *missing. */
static int layout_match(const nv_layout *l, const char *const *fields, size_t n,
                        const char **missing)
{
    int count = 0;
    for (int i = 0; i < l->n_header; i++, count++)
        if (header_index(fields, n, l->header[i]) < 0) {
            *missing = l->header[i];
            return -1;
        }
    for (int f = 0; f < LF_COUNT; f++)
        for (int j = 0; j < l->fields[f].n; j++, count++)
            if (header_index(fields, n, l->fields[f].col[j]) < 0) {
                *missing = l->fields[f].col[j];
                return -1;
            }
    return count;
}

const nv_layout *layouts_recognise(const nv_layouts *set, const char *const *fields, size_t n)
{
    const nv_layout *best = NULL;
    int best_count = -1;
    for (size_t i = 0; i < set->n; i++) {
        const char *missing = NULL;
        int c = layout_match(set->items[i], fields, n, &missing);
        if (c > best_count) {
            best = set->items[i];
            best_count = c;
        }
    }
    return best_count >= 0 ? best : NULL;
}

nv_err layout_bind(const nv_layout *l, const char *const *fields, size_t n, nv_lbinding *b,
                   nv_errbuf *eb)
{
    const char *missing = NULL;
    if (layout_match(l, fields, n, &missing) < 0)
        return nv_errf(eb, NV_ERR_FORMAT, "header has no column '%s' of layout %s", missing,
                       l->name);
    b->nfields = n;
    for (int f = 0; f < LF_COUNT; f++)
        for (int j = 0; j < LAYOUT_MAX_COLS; j++)
            b->idx[f][j] = j < l->fields[f].n ? header_index(fields, n, l->fields[f].col[j]) : -1;
    return NV_OK;
}

/* ---- value look-ups ---------------------------------------------------- */

int layout_status(const nv_layout *l, const char *raw, size_t len)
{
    char tmp[LAYOUT_NAME_MAX], key[LAYOUT_NAME_MAX];
    if (len >= sizeof tmp) return -1;
    memcpy(tmp, raw, len);
    tmp[len] = 0;
    norm_key(tmp, key, sizeof key);
    for (size_t i = 0; i < l->n_status; i++)
        if (!strcmp(l->status[i].key, key)) return (int)l->status[i].status;
    return -1;
}

const char *layout_category(const nv_layout *l, const char *input)
{
    char key[256];
    if (strlen(input) >= sizeof key) return NULL;
    norm_key(input, key, sizeof key);
    for (size_t i = 0; i < l->n_cat; i++)
        if (!strcmp(l->cat[i].key, key)) return l->cat[i].category;
    return NULL;
}

int layout_time(const nv_layout *l, const char *s, size_t n, int64_t *out)
{
    for (int i = 0; i < l->n_formats; i++)
        if (norm_time(s, n, l->formats[i], &l->tz, out) == 0) return 0;
    return -1;
}

/* Appends ",word" (no comma first) to buf of n bytes when it fits. */
static void list_add(char *buf, size_t n, const char *word)
{
    size_t len = strlen(buf);
    if (len + strlen(word) + 2 < n) snprintf(buf + len, n - len, "%s%s", len ? "," : "", word);
}

nv_err layouts_of_org(const char *templates_dir, const char *org, nv_org_layouts *out,
                      nv_errbuf *eb)
{
    nv_layouts *set = NULL;
    int filled[LF_COUNT] = {0};
    memset(out, 0, sizeof *out);
    if (!org) return NV_OK;
    nv_err e = layouts_load(templates_dir, &set, eb);
    for (size_t i = 0; e == NV_OK && i < layouts_count(set); i++) {
        const nv_layout *l = layouts_at(set, i);
        if (strcmp(l->organisation, org) != 0) continue;
        out->n_layouts++;
        for (int f = 0; f < LF_COUNT; f++)
            filled[f] |= l->fields[f].n > 0;
        int again = 0; /* a source of several of the organisation's layouts: once */
        for (size_t j = 0; j < i && !again; j++)
            again = strcmp(layouts_at(set, j)->organisation, l->organisation) == 0 &&
                    strcmp(layouts_at(set, j)->source, l->source) == 0;
        if (!again) list_add(out->sources, sizeof out->sources, l->source);
    }
    for (int f = 0; e == NV_OK && out->n_layouts && f < LF_COUNT; f++)
        if (!filled[f])
            list_add(out->unfilled, sizeof out->unfilled, layout_field_name((nv_lfield)f));
    layouts_free(set);
    return e;
}
