/* words.c — see include/nivaran/core/words.h. */
#include "nivaran/core/words.h"

#include <ini.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const KEYS[WORDS_N] = {"officer", "Officer",   "officers", "Officers",
                                          "unit",    "Unit",      "units",    "Units",
                                          "head",    "a_officer", "A_officer"};

int words_org_path(const char *dir, const char *base, const char *org, char *buf, size_t n)
{
    char slug[128];
    size_t k = 0;
    int dash = 0;
    for (const char *p = org ? org : ""; *p && k + 2 < sizeof slug; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && k) slug[k++] = '-';
            slug[k++] = c;
            dash = 0;
        } else
            dash = 1;
    }
    slug[k] = 0;
    if (k && (size_t)snprintf(buf, n, "%s/%s.%s.ini", dir, base, slug) < n &&
        access(buf, F_OK) == 0)
        return 0;
    return (size_t)snprintf(buf, n, "%s/%s.ini", dir, base) < n ? 0 : -1;
}

/* Trims the spaces around s[0 .. len) into dst (n bytes). */
static void trim_into(char *dst, size_t n, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= n) len = n - 1;
    memcpy(dst, s, len);
    dst[len] = 0;
}

typedef struct {
    nv_words *w;
    int seen[WORDS_N];
    char err[256];
} words_ctx;

static int words_put(void *user, const char *sec, const char *key, const char *val)
{
    words_ctx *c = user;
    if (strcmp(sec, "words") != 0) {
        snprintf(c->err, sizeof c->err, "unknown section [%.100s]", sec);
        return 0;
    }
    if (strcmp(key, "languages") == 0) {
        c->w->bilingual = strstr(val, "hi") != NULL;
        return 1;
    }
    for (int i = 0; i < WORDS_N; i++)
        if (strcmp(key, KEYS[i]) == 0) {
            const char *bar = strchr(val, '|');
            size_t len = bar ? (size_t)(bar - val) : strlen(val);
            trim_into(c->w->word[i][WORDS_EN], sizeof c->w->word[i][0], val, len);
            trim_into(c->w->word[i][WORDS_HI], sizeof c->w->word[i][0], bar ? bar + 1 : "",
                      bar ? strlen(bar + 1) : 0);
            c->seen[i] = 1;
            return 1;
        }
    snprintf(c->err, sizeof c->err, "unknown key '%.100s'", key);
    return 0;
}

nv_err words_load(const char *templates_dir, const char *org, nv_words *w, nv_errbuf *eb)
{
    char dir[4096];
    words_ctx c = {.w = w};
    memset(w, 0, sizeof *w);
    if ((size_t)snprintf(dir, sizeof dir, "%s/org", templates_dir) >= sizeof dir ||
        words_org_path(dir, "words", org, w->path, sizeof w->path) != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/org: path too long", templates_dir);
    int rc = ini_parse(w->path, words_put, &c);
    if (rc == -1) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open the words template", w->path);
    if (rc != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: line %d: %s", w->path, rc,
                       c.err[0] ? c.err : "not a valid INI line");
    for (int i = 0; i < WORDS_N; i++)
        if (!c.seen[i] || !w->word[i][WORDS_EN][0])
            return nv_errf(eb, NV_ERR_CONFIG, "%s: [words] lacks the key %s", w->path, KEYS[i]);
    return NV_OK;
}

void words_apply(const nv_words *w, int lang, const char *s, char *out, size_t n)
{
    size_t k = 0;
    if (!n) return;
    while (*s) {
        const char *put = NULL;
        size_t skip = 0;
        if (*s == '{' && w)
            for (int i = 0; i < WORDS_N && !put; i++) {
                size_t len = strlen(KEYS[i]);
                if (strncmp(s + 1, KEYS[i], len) == 0 && s[1 + len] == '}') {
                    put = w->word[i][lang];
                    if (!put[0]) put = w->word[i][WORDS_EN];
                    skip = len + 2;
                }
            }
        if (!put) {
            put = s;
            skip = 1;
            while ((s[skip] & 0xC0) == 0x80)
                skip++; /* a whole UTF-8 sequence */
        }
        size_t len = put == s ? skip : strlen(put);
        if (k + len >= n) break;
        memcpy(out + k, put, len);
        k += len;
        s += skip;
    }
    out[k] = 0;
}
