/* profile.c — see include/nivaran/compute/profile.h. */
#include "nivaran/compute/profile.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/core/outfile.h"

/* Parser state handed to ini_parse's callback. */
typedef struct {
    nv_profile *p;
    int line; /* lines seen by the handler, for messages */
    int has_default;
    char err[512]; /* first error, "" when none */
} prof_ctx;

static int prof_fail(prof_ctx *c, const char *fmt, const char *a, const char *b)
{
    if (!c->err[0]) snprintf(c->err, sizeof c->err, fmt, a, b);
    return 0;
}

/* A finite number >= 0 written in full; -1 when not. */
static int parse_num(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != 0 || errno != 0 || !isfinite(v) || v < 0) return -1;
    *out = v;
    return 0;
}

static int prof_profile_key(prof_ctx *c, const char *name, const char *value)
{
    nv_profile *p = c->p;
    double v;
    if (strcmp(name, "name") == 0) {
        if (strlen(value) >= sizeof p->name) return prof_fail(c, "name '%s' too long%s", value, "");
        snprintf(p->name, sizeof p->name, "%s", value);
        return 1;
    }
    if (strcmp(name, "default_hours") != 0 && strcmp(name, "target_pct") != 0 &&
        strcmp(name, "rank_min_judged") != 0)
        return prof_fail(c, "unknown key '%s' in [profile]%s", name, "");
    if (parse_num(value, &v) != 0) return prof_fail(c, "%s: bad number '%s'", name, value);
    if (strcmp(name, "default_hours") == 0) {
        if (v <= 0) return prof_fail(c, "%s: must be more than 0, not '%s'", name, value);
        p->default_hours = v;
        c->has_default = 1;
    } else if (strcmp(name, "target_pct") == 0) {
        if (v > 100) return prof_fail(c, "%s: must be 0..100, not '%s'", name, value);
        p->target_pct = v;
    } else if (strcmp(name, "rank_min_judged") == 0) {
        if (v != floor(v) || v > 1e9)
            return prof_fail(c, "%s: must be a whole number, not '%s'", name, value);
        p->rank_min_judged = (int)v;
    }
    return 1;
}

static int prof_hours_key(prof_ctx *c, const char *name, const char *value)
{
    nv_profile *p = c->p;
    double v;
    if (parse_num(value, &v) != 0 || v <= 0)
        return prof_fail(c, "%s: bad number of hours '%s'", name, value);
    if (strlen(name) >= sizeof p->items[0].category)
        return prof_fail(c, "category '%s' too long%s", name, "");
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->items[i].category, name) == 0)
            return prof_fail(c, "category '%s' given twice%s", name, "");
    if (p->n >= PROFILE_MAX_CATEGORIES)
        return prof_fail(c, "too many categories (at '%s')%s", name, "");
    snprintf(p->items[p->n].category, sizeof p->items[p->n].category, "%s", name);
    p->items[p->n].hours = v;
    p->n++;
    return 1;
}

static int prof_handler(void *user, const char *section, const char *name, const char *value)
{
    prof_ctx *c = user;
    if (!name) return 1; /* new section notification (when enabled) */
    if (strcmp(section, "profile") == 0) return prof_profile_key(c, name, value);
    if (strcmp(section, "hours") == 0) return prof_hours_key(c, name, value);
    return prof_fail(c, "key '%s' in unknown section [%s]", name, section);
}

/* A profile name is a plain file stem: letters, digits, '-', '_', '.'. */
static int name_ok(const char *name)
{
    if (!name[0] || name[0] == '.' || strlen(name) >= 64) return 0;
    for (const char *s = name; *s; s++) {
        char ch = *s;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.'))
            return 0;
    }
    return 1;
}

nv_err profile_load(const char *templates_dir, const char *name, nv_profile *out, nv_errbuf *eb)
{
    prof_ctx c;
    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.p = out;
    if (!name_ok(name)) return nv_errf(eb, NV_ERR_CONFIG, "bad SLA profile name '%s'", name);
    int k = snprintf(out->path, sizeof out->path, "%s/profiles/%s.ini", templates_dir, name);
    if (k < 0 || (size_t)k >= sizeof out->path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/profiles/%s.ini: path too long", templates_dir, name);
    if (access(out->path, R_OK) != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: no such SLA profile (%s)", out->path,
                       strerror(errno));
    out->target_pct = 90;
    out->rank_min_judged = 20;
    int rc = ini_parse(out->path, prof_handler, &c);
    if (rc < 0) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read the SLA profile", out->path);
    if (rc > 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%d: %s", out->path, rc,
                       c.err[0] ? c.err : "not an INI line");
    if (!c.has_default)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: [profile] default_hours missing", out->path);
    if (!out->name[0]) snprintf(out->name, sizeof out->name, "%s", name);
    if (strcmp(out->name, name) != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: name = %s differs from the file name %s", out->path,
                       out->name, name);
    return outfile_sha256(out->path, out->sha256, eb);
}

double profile_hours(const nv_profile *p, const char *category)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->items[i].category, category) == 0) return p->items[i].hours;
    return p->default_hours;
}
