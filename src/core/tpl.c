/* tpl.c — see include/nivaran/core/tpl.h. */
#include "nivaran/core/tpl.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

/* libinih reads lines of at most 200 bytes; a longer text continues on
 * indented lines, which it reports as the same key again: joined with a
 * space. */
static int tpl_append(struct tpl_kv *kv, const char *val)
{
    size_t a = strlen(kv->val), b = strlen(val);
    char *p = realloc(kv->val, a + b + 2);
    if (!p) return 0;
    p[a] = ' ';
    memcpy(p + a + 1, val, b + 1);
    kv->val = p;
    return 1;
}

static int tpl_put(void *user, const char *sec, const char *key, const char *val)
{
    nv_tpl *t = user;
    if (t->n > 0 && strcmp(t->v[t->n - 1].sec, sec) == 0 && strcmp(t->v[t->n - 1].key, key) == 0)
        return tpl_append(&t->v[t->n - 1], val);
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct tpl_kv *v = realloc(t->v, cap * sizeof *v);
        if (!v) return 0;
        t->v = v;
        t->cap = cap;
    }
    struct tpl_kv *kv = &t->v[t->n];
    kv->sec = dupstr(sec);
    kv->key = dupstr(key);
    kv->val = dupstr(val);
    if (!kv->sec || !kv->key || !kv->val) {
        free(kv->sec), free(kv->key), free(kv->val);
        return 0;
    }
    t->n++;
    return 1;
}

nv_err tpl_load(const char *templates_dir, const char *sub, const char *name, nv_tpl *t,
                nv_errbuf *eb)
{
    memset(t, 0, sizeof *t);
    if (snprintf(t->path, sizeof t->path, "%s/%s/%s.ini", templates_dir, sub, name) >=
        (int)sizeof t->path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/%s/%s.ini: path too long", templates_dir, sub, name);
    int rc = ini_parse(t->path, tpl_put, t);
    if (rc == 0) return NV_OK;
    tpl_free(t);
    if (rc == -1) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open the layout template", t->path);
    if (rc == -2) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", t->path);
    return nv_errf(eb, NV_ERR_CONFIG, "%s: line %d: not a valid INI line", t->path, rc);
}

nv_err tpl_load_org(const char *templates_dir, const char *sub, const char *name, const char *org,
                    nv_tpl *t, nv_errbuf *eb)
{
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s/%s", templates_dir, sub);
    if (words_org_path(dir, name, org, path, sizeof path) != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/%s.ini: path too long", dir, name);
    const char *base = strrchr(path, '/') + 1;
    char own[256];
    snprintf(own, sizeof own, "%.*s", (int)(strlen(base) - 4), base); /* without .ini */
    return tpl_load(templates_dir, sub, own, t, eb);
}

nv_err tpl_words(nv_tpl *t, const nv_words *w, nv_errbuf *eb)
{
    for (size_t i = 0; i < t->n; i++) {
        struct tpl_kv *kv = &t->v[i];
        const char *bar = strchr(kv->val, '|');
        size_t n = 4 * strlen(kv->val) + 1024, k;
        char *out = malloc(n), *part = malloc(n);
        if (!out || !part) {
            free(out), free(part);
            return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", t->path);
        }
        snprintf(part, n, "%.*s", (int)(bar ? (size_t)(bar - kv->val) : strlen(kv->val)), kv->val);
        words_apply(w, WORDS_EN, part, out, n);
        if (bar && w->bilingual) {
            k = strlen(out);
            snprintf(out + k, n - k, "|");
            words_apply(w, WORDS_HI, bar + 1, out + k + 1, n - k - 1);
        }
        free(part);
        free(kv->val);
        kv->val = out;
    }
    return NV_OK;
}

void tpl_free(nv_tpl *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].sec);
        free(t->v[i].key);
        free(t->v[i].val);
    }
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

const char *tpl_get(const nv_tpl *t, const char *sec, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].sec, sec) == 0 && strcmp(t->v[i].key, key) == 0) return t->v[i].val;
    return NULL;
}

nv_err tpl_need(const nv_tpl *t, const char *sec, const char *key, const char **out, nv_errbuf *eb)
{
    *out = tpl_get(t, sec, key);
    if (!*out)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: the key [%s] %s is missing", t->path, sec, key);
    return NV_OK;
}

static void trim_copy(char *dst, const char *s, size_t len, size_t n)
{
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= n) len = n - 1;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

void tpl_split(const char *val, char *en, char *hi, size_t n)
{
    const char *bar = strchr(val, '|');
    if (!bar) {
        trim_copy(en, val, strlen(val), n);
        hi[0] = '\0';
        return;
    }
    trim_copy(en, val, (size_t)(bar - val), n);
    trim_copy(hi, bar + 1, strlen(bar + 1), n);
}

int tpl_parse_num(const char *v, double lo, double hi, double *out)
{
    char *end = NULL;
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || errno) return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end || !(d >= lo && d <= hi)) return -1;
    *out = d;
    return 0;
}
