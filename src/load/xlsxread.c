/* xlsxread.c — streaming .xlsx reader over libminizip and expat (see
 * include/nivaran/load/xlsxread.h). Each part is inflated in CHUNK-sized pieces
 * and fed to a namespace-aware expat parser whose handlers keep only what
 * the current pass needs. */
#include "nivaran/load/xlsxread.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

#define CHUNK (64 * 1024)
#define MAX_ROW 1048576u
#define MAX_COL 16384u
#define NS_SEP '|'

#define MAX_ENTRIES 100000 /* zip entries; a workbook has a few dozen */

/* One zip entry, found once at open: locating a part is a binary search and
 * a jump, never a walk of a central directory that may be corrupt. */
typedef struct {
    char *name;
    unz64_file_pos pos;
} xr_entry;

struct nv_xlsxread {
    unzFile zf;
    xr_entry *ents; /* sorted by name, distinct (the first of duplicates) */
    size_t nents;
    char *path;
    uint64_t max_part;
    size_t nsheets, nparts;
    char **names; /* sheet names, workbook order */
    char **parts; /* zip part of each sheet (nparts of them allocated) */
    char *sst;    /* shared strings part, or NULL */
};

/* A growable byte buffer, always NUL-terminated once anything was added. */
typedef struct {
    char *p;
    size_t len, cap;
} xr_buf;

static int buf_add(xr_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}

static void buf_clear(xr_buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = 0;
}

/* What every pass's handler data starts with: the parser, the first error
 * a handler met (its message already in eb), and a request to stop. */
typedef struct {
    XML_Parser p;
    nv_err err;
    int stop;
    nv_errbuf *eb;
    const nv_xlsxread *x;
    const char *part;
} xr_ctx;

static void ctx_fail(xr_ctx *c, nv_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ctx_fail(xr_ctx *c, nv_err e, const char *fmt, ...)
{
    if (c->err) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->err = nv_errf(c->eb, e, "%s: %s: %s", c->x->path, c->part, msg);
    XML_StopParser(c->p, XML_FALSE);
}

static void ctx_stop(xr_ctx *c)
{
    c->stop = 1;
    XML_StopParser(c->p, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    ctx_fail(ud, NV_ERR_FORMAT, "a DTD is not allowed in a workbook part");
}

/* The local part of an element or attribute name ("uri|local" or "local"). */
static const char *local(const XML_Char *n)
{
    const char *b = strrchr(n, NS_SEP);
    return b ? b + 1 : n;
}

/* The value of the attribute with no namespace called name, or NULL. */
static const char *attr(const XML_Char **a, const char *name)
{
    for (; *a; a += 2)
        if (strcmp(a[0], name) == 0) return a[1];
    return NULL;
}

/* The value of the relationships-namespace attribute "id" (r:id), or NULL. */
static const char *attr_rid(const XML_Char **a)
{
    for (; *a; a += 2) {
        const char *b = strrchr(a[0], NS_SEP);
        if (b && strcmp(b + 1, "id") == 0 && strstr(a[0], "/relationships")) return a[1];
    }
    return NULL;
}

typedef struct {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;
} xr_handlers;

static int cmp_entry(const void *a, const void *b)
{
    const xr_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return (x->pos.num_of_file > y->pos.num_of_file) - (x->pos.num_of_file < y->pos.num_of_file);
}

static nv_err zip_corrupt(const nv_xlsxread *x, int rc, nv_errbuf *eb)
{
    return nv_errf(eb, NV_ERR_FORMAT, "%s: corrupt zip (central directory, minizip error %d)",
                   x->path, rc);
}

/* Lists the zip's entries once (names up to 1023 bytes; longer ones are no
 * part of a workbook and are skipped). */
static nv_err zip_index(nv_xlsxread *x, nv_errbuf *eb)
{
    unz_global_info64 gi;
    char name[1024];
    int rc = unzGetGlobalInfo64(x->zf, &gi);
    if (rc != UNZ_OK) return zip_corrupt(x, rc, eb);
    if (gi.number_entry == 0)
        return nv_errf(eb, NV_ERR_FORMAT, "%s: an empty zip: not a workbook", x->path);
    if (gi.number_entry > MAX_ENTRIES)
        return nv_errf(eb, NV_ERR_FORMAT, "%s: %llu zip entries (more than %d): not a workbook",
                       x->path, (unsigned long long)gi.number_entry, MAX_ENTRIES);
    x->ents = calloc((size_t)gi.number_entry, sizeof *x->ents);
    if (!x->ents) return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
    for (rc = unzGoToFirstFile(x->zf); rc == UNZ_OK; rc = unzGoToNextFile(x->zf)) {
        unz_file_info64 fi;
        xr_entry *en = &x->ents[x->nents];
        if (x->nents == gi.number_entry) return zip_corrupt(x, 0, eb);
        rc = unzGetCurrentFileInfo64(x->zf, &fi, name, sizeof name, NULL, 0, NULL, 0);
        if (rc != UNZ_OK) return zip_corrupt(x, rc, eb);
        if (fi.size_filename >= sizeof name || strlen(name) != fi.size_filename) continue;
        if ((rc = unzGetFilePos64(x->zf, &en->pos)) != UNZ_OK) return zip_corrupt(x, rc, eb);
        if (!(en->name = strdup(name)))
            return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
        x->nents++;
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE) return zip_corrupt(x, rc, eb);
    qsort(x->ents, x->nents, sizeof *x->ents, cmp_entry);
    size_t o = 0;
    for (size_t i = 0; i < x->nents; i++) {
        if (o > 0 && strcmp(x->ents[o - 1].name, x->ents[i].name) == 0)
            free(x->ents[i].name);
        else
            x->ents[o++] = x->ents[i];
    }
    x->nents = o;
    return NV_OK;
}

/* The entry called part (exactly, else ignoring case), or NULL. */
static const xr_entry *zip_find(const nv_xlsxread *x, const char *part)
{
    size_t lo = 0, hi = x->nents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(x->ents[mid].name, part);
        if (c == 0) return &x->ents[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = 0; i < x->nents; i++)
        if (strcasecmp(x->ents[i].name, part) == 0) return &x->ents[i];
    return NULL;
}

static nv_err part_locate(nv_xlsxread *x, const char *part, nv_errbuf *eb)
{
    const xr_entry *en = zip_find(x, part);
    if (!en)
        return nv_errf(eb, NV_ERR_FORMAT, "%s: part %s is missing (not a workbook?)", x->path,
                       part);
    int rc = unzGoToFilePos64(x->zf, &en->pos);
    if (rc != UNZ_OK)
        return nv_errf(eb, NV_ERR_FORMAT, "%s: corrupt zip (minizip error %d going to %s)", x->path,
                       rc, part);
    return NV_OK;
}

static nv_err too_big(const nv_xlsxread *x, const char *part, nv_errbuf *eb)
{
    return nv_errf(eb, NV_ERR_FORMAT, "%s: part %s inflates past %llu bytes (zip bomb?); refused",
                   x->path, part, (unsigned long long)x->max_part);
}

/* Feeds the inflated chunks of the open current file to the parser. */
static nv_err part_feed(nv_xlsxread *x, const char *part, XML_Parser p, xr_ctx *c, char *chunk,
                        nv_errbuf *eb)
{
    uint64_t total = 0;
    for (;;) {
        int n = unzReadCurrentFile(x->zf, chunk, CHUNK);
        if (n < 0)
            return nv_errf(eb, NV_ERR_FORMAT, "%s: part %s is corrupt (minizip error %d)", x->path,
                           part, n);
        total += (uint64_t)n;
        if (x->max_part && total > x->max_part) return too_big(x, part, eb);
        if (XML_Parse(p, chunk, n, n == 0) == XML_STATUS_ERROR) {
            if (c->err) return c->err;
            if (c->stop) return NV_OK;
            if (XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY)
                return nv_errf(eb, NV_ERR_NOMEM, "%s: %s: out of memory parsing XML", x->path,
                               part);
            return nv_errf(eb, NV_ERR_FORMAT, "%s: %s: malformed XML at line %lu: %s", x->path,
                           part, (unsigned long)XML_GetCurrentLineNumber(p),
                           XML_ErrorString(XML_GetErrorCode(p)));
        }
        if (n == 0) return NV_OK;
    }
}

/* Streams the zip part `part` through expat with handlers h and data c. */
static nv_err part_parse(nv_xlsxread *x, const char *part, const xr_handlers *h, xr_ctx *c,
                         nv_errbuf *eb)
{
    XML_Parser p = NULL;
    char *chunk = NULL;
    int opened = 0;
    unz_file_info64 fi;
    nv_err e = part_locate(x, part, eb);
    if (e) goto done;
    if (unzGetCurrentFileInfo64(x->zf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
        e = nv_errf(eb, NV_ERR_FORMAT, "%s: corrupt zip (entry %s)", x->path, part);
        goto done;
    }
    if (x->max_part && fi.uncompressed_size > x->max_part) {
        e = too_big(x, part, eb);
        goto done;
    }
    if (unzOpenCurrentFile(x->zf) != UNZ_OK) {
        e = nv_errf(eb, NV_ERR_FORMAT, "%s: corrupt zip (cannot inflate %s)", x->path, part);
        goto done;
    }
    opened = 1;
    p = XML_ParserCreateNS(NULL, NS_SEP);
    chunk = malloc(CHUNK);
    if (!p || !chunk) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory reading %s", x->path, part);
        goto done;
    }
    c->p = p;
    c->err = NV_OK;
    c->stop = 0;
    c->eb = eb;
    c->x = x;
    c->part = part;
    XML_SetUserData(p, c);
    XML_SetElementHandler(p, h->start, h->end);
    XML_SetCharacterDataHandler(p, h->text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    e = part_feed(x, part, p, c, chunk, eb);
    if (e == NV_OK && !c->stop) {
        opened = 0;
        int rc = unzCloseCurrentFile(x->zf);
        if (rc != UNZ_OK)
            e = nv_errf(eb, NV_ERR_FORMAT, "%s: part %s is corrupt (%s)", x->path, part,
                        rc == UNZ_CRCERROR ? "CRC mismatch" : "zip error");
    }
done:
    if (opened) unzCloseCurrentFile(x->zf);
    if (p) XML_ParserFree(p);
    free(chunk);
    return e;
}

/* ---- package paths ---------------------------------------------------- */

/* dir + target with "." and ".." resolved; an absolute target ("/xl/...")
 * is taken from the package root. NULL when out of memory or when ".."
 * climbs above the root. */
static char *path_resolve(const char *dir, const char *target)
{
    size_t n = strlen(dir) + strlen(target) + 2;
    char *in = malloc(n), *out = malloc(n);
    char *res = NULL;
    if (!in || !out) goto done;
    if (target[0] == '/')
        snprintf(in, n, "%s", target + 1);
    else
        snprintf(in, n, "%s%s%s", dir, dir[0] ? "/" : "", target);
    size_t o = 0;
    for (char *seg = in; seg;) {
        char *slash = strchr(seg, '/');
        if (slash) *slash = 0;
        if (strcmp(seg, "..") == 0) {
            if (o == 0) goto done;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0) o--;
        } else if (seg[0] && strcmp(seg, ".") != 0) {
            if (o > 0) out[o++] = '/';
            size_t l = strlen(seg);
            memcpy(out + o, seg, l);
            o += l;
        }
        seg = slash ? slash + 1 : NULL;
    }
    out[o] = 0;
    res = out;
    out = NULL;
done:
    free(in);
    free(out);
    return res;
}

/* The folder of a part ("xl/workbook.xml" -> "xl"), newly allocated. */
static char *path_dir(const char *part)
{
    const char *s = strrchr(part, '/');
    size_t n = s ? (size_t)(s - part) : 0;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, part, n);
        d[n] = 0;
    }
    return d;
}

/* The relationships part of a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
static char *path_rels(const char *part)
{
    const char *s = strrchr(part, '/');
    size_t n = strlen(part) + 16;
    char *r = malloc(n);
    if (!r) return NULL;
    if (s)
        snprintf(r, n, "%.*s/_rels/%s.rels", (int)(s - part), part, s + 1);
    else
        snprintf(r, n, "_rels/%s.rels", part);
    return r;
}

/* ---- relationships, workbook, content types --------------------------- */

typedef struct {
    char *id, *type, *target;
} xr_rel;

typedef struct {
    xr_ctx c;
    xr_rel *v;
    size_t n, cap;
} rels_ctx;

static char *xr_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    rels_ctx *r = ud;
    if (strcmp(local(name), "Relationship") != 0) return;
    const char *id = attr(a, "Id"), *type = attr(a, "Type"), *target = attr(a, "Target");
    const char *mode = attr(a, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        xr_rel *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            ctx_fail(&r->c, NV_ERR_NOMEM, "out of memory");
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    xr_rel *e = &r->v[r->n];
    e->id = xr_dup(id);
    e->type = xr_dup(type);
    e->target = xr_dup(target);
    if (!e->id || !e->type || !e->target) {
        free(e->id), free(e->type), free(e->target);
        {
            ctx_fail(&r->c, NV_ERR_NOMEM, "out of memory");
            return;
        }
    }
    r->n++;
}

static void rels_free(rels_ctx *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].id), free(r->v[i].type), free(r->v[i].target);
    free(r->v);
}

/* The first relationship whose type ends with "/" suffix, or NULL. */
static const xr_rel *rels_by_type(const rels_ctx *r, const char *suffix)
{
    size_t sl = strlen(suffix);
    for (size_t i = 0; i < r->n; i++) {
        size_t tl = strlen(r->v[i].type);
        if (tl > sl && r->v[i].type[tl - sl - 1] == '/' &&
            strcmp(r->v[i].type + tl - sl, suffix) == 0)
            return &r->v[i];
    }
    return NULL;
}

static const xr_rel *rels_by_id(const rels_ctx *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0) return &r->v[i];
    return NULL;
}

static nv_err rels_read(nv_xlsxread *x, const char *part, rels_ctx *r, nv_errbuf *eb)
{
    static const xr_handlers h = {rels_start, NULL, NULL};
    memset(r, 0, sizeof *r);
    return part_parse(x, part, &h, &r->c, eb);
}

typedef struct {
    xr_ctx c;
    char **names, **rids;
    size_t n, cap;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    wb_ctx *w = ud;
    if (strcmp(local(name), "sheet") != 0) return;
    const char *nm = attr(a, "name"), *rid = attr_rid(a);
    if (!nm || !rid) {
        ctx_fail(&w->c, NV_ERR_FORMAT, "a <sheet> without name or r:id");
        return;
    }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 8;
        char **n2 = realloc(w->names, cap * sizeof *n2);
        if (n2) w->names = n2;
        char **r2 = n2 ? realloc(w->rids, cap * sizeof *r2) : NULL;
        if (r2) w->rids = r2;
        if (!n2 || !r2) {
            ctx_fail(&w->c, NV_ERR_NOMEM, "out of memory");
            return;
        }
        w->cap = cap;
    }
    w->names[w->n] = xr_dup(nm);
    w->rids[w->n] = xr_dup(rid);
    if (!w->names[w->n] || !w->rids[w->n]) {
        free(w->names[w->n]), free(w->rids[w->n]);
        {
            ctx_fail(&w->c, NV_ERR_NOMEM, "out of memory");
            return;
        }
    }
    w->n++;
}

#define SST_CT "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

typedef struct {
    xr_ctx c;
    char *sst;
} ct_ctx;

static void XMLCALL ct_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    ct_ctx *t = ud;
    if (t->sst || strcmp(local(name), "Override") != 0) return;
    const char *pn = attr(a, "PartName"), *ct = attr(a, "ContentType");
    if (!pn || !ct || strcmp(ct, SST_CT) != 0) return;
    t->sst = path_resolve("", pn);
    if (!t->sst) ctx_fail(&t->c, NV_ERR_FORMAT, "bad shared strings part name %s", pn);
}

/* The workbook part named by _rels/.rels (xl/workbook.xml when the package
 * has no relationships part). */
static nv_err find_workbook(nv_xlsxread *x, char **wb, nv_errbuf *eb)
{
    rels_ctx r;
    *wb = NULL;
    if (zip_find(x, "_rels/.rels")) {
        nv_err e = rels_read(x, "_rels/.rels", &r, eb);
        const xr_rel *od = e ? NULL : rels_by_type(&r, "officeDocument");
        if (od) *wb = path_resolve("", od->target);
        rels_free(&r);
        if (e) return e;
    }
    if (!*wb) *wb = strdup("xl/workbook.xml");
    return *wb ? NV_OK : nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
}

/* The sheets' parts through the workbook's relationships, and the shared
 * strings part (from them, else from [Content_Types].xml, else none). */
static nv_err resolve_parts(nv_xlsxread *x, const char *wb, wb_ctx *w, nv_errbuf *eb)
{
    rels_ctx r;
    char *rp = path_rels(wb), *dir = path_dir(wb);
    nv_err e = NV_OK;
    memset(&r, 0, sizeof r);
    if (!rp || !dir) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
        goto done;
    }
    if ((e = rels_read(x, rp, &r, eb)) != NV_OK) goto done;
    x->parts = calloc(w->n ? w->n : 1, sizeof *x->parts);
    if (!x->parts) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
        goto done;
    }
    x->nparts = w->n;
    for (size_t i = 0; i < w->n; i++) {
        const xr_rel *rel = rels_by_id(&r, w->rids[i]);
        if (!rel) {
            e = nv_errf(eb, NV_ERR_FORMAT, "%s: sheet \"%s\" (%s) has no part in %s", x->path,
                        w->names[i], w->rids[i], rp);
            goto done;
        }
        if (!(x->parts[i] = path_resolve(dir, rel->target))) {
            e = nv_errf(eb, NV_ERR_FORMAT, "%s: sheet \"%s\": bad target %s", x->path, w->names[i],
                        rel->target);
            goto done;
        }
    }
    const xr_rel *s = rels_by_type(&r, "sharedStrings");
    if (s && !(x->sst = path_resolve(dir, s->target))) {
        e = nv_errf(eb, NV_ERR_FORMAT, "%s: bad shared strings target %s", x->path, s->target);
        goto done;
    }
    if (!s && zip_find(x, "[Content_Types].xml")) {
        static const xr_handlers h = {ct_start, NULL, NULL};
        ct_ctx t = {.sst = NULL};
        e = part_parse(x, "[Content_Types].xml", &h, &t.c, eb);
        x->sst = t.sst;
    }
done:
    rels_free(&r);
    free(rp);
    free(dir);
    return e;
}

nv_err xlsxread_open(const char *path, uint64_t max_part_bytes, nv_xlsxread **out, nv_errbuf *eb)
{
    nv_xlsxread *x = NULL;
    char *wbpart = NULL;
    wb_ctx w;
    nv_err e = NV_OK;
    memset(&w, 0, sizeof w);
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return nv_errf(eb, NV_ERR_IO, "%s: %s", path, strerror(errno));
    fclose(f);
    x = calloc(1, sizeof *x);
    if (!x || !(x->path = strdup(path))) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", path);
        goto done;
    }
    x->max_part = max_part_bytes;
    if (!(x->zf = unzOpen64(path))) {
        e = nv_errf(eb, NV_ERR_FORMAT, "%s: not a zip archive (or a corrupt one): not a workbook",
                    path);
        goto done;
    }
    if ((e = zip_index(x, eb)) != NV_OK) goto done;
    if ((e = find_workbook(x, &wbpart, eb)) != NV_OK) goto done;
    static const xr_handlers h = {wb_start, NULL, NULL};
    if ((e = part_parse(x, wbpart, &h, &w.c, eb)) != NV_OK) goto done;
    if ((e = resolve_parts(x, wbpart, &w, eb)) != NV_OK) goto done;
    x->nsheets = w.n;
    x->names = w.names;
    w.names = NULL;
done:
    for (size_t i = 0; i < w.n; i++) {
        if (w.names) free(w.names[i]);
        free(w.rids[i]);
    }
    free(w.names);
    free(w.rids);
    free(wbpart);
    if (e) {
        xlsxread_close(x);
        x = NULL;
    }
    *out = x;
    return e;
}

size_t xlsxread_sheet_count(const nv_xlsxread *x)
{
    return x ? x->nsheets : 0;
}

const char *xlsxread_sheet_name(const nv_xlsxread *x, size_t i)
{
    return x && i < x->nsheets ? x->names[i] : NULL;
}

void xlsxread_close(nv_xlsxread *x)
{
    if (!x) return;
    if (x->zf) unzClose(x->zf);
    for (size_t i = 0; i < x->nents; i++)
        free(x->ents[i].name);
    free(x->ents);
    for (size_t i = 0; i < x->nsheets; i++)
        free(x->names[i]);
    for (size_t i = 0; i < x->nparts; i++)
        free(x->parts[i]);
    free(x->names);
    free(x->parts);
    free(x->sst);
    free(x->path);
    free(x);
}

/* ---- text ---------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* OOXML's escapes of characters XML cannot hold (ST_Xstring): "_xHHHH_" is
 * U+HHHH ("_x005F_" an underscore, so "_x005F_x0041_" is "_x0041_").
 * Decoded in place (never longer); U+0000 and surrogates stay as written.
 * Returns the new length; s[len] is set to NUL. */
static size_t unescape(char *s, size_t len)
{
    size_t o = 0;
    if (!s) return 0;
    for (size_t i = 0; i < len;) {
        unsigned u = 0;
        int ok = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (int k = 2; ok && k < 6; k++) {
            int h = hexval(s[i + k]);
            ok = h >= 0;
            u = u * 16 + (unsigned)(h < 0 ? 0 : h);
        }
        if (!ok || u == 0 || (u >= 0xD800 && u <= 0xDFFF)) {
            s[o++] = s[i++];
            continue;
        }
        if (u < 0x80) {
            s[o++] = (char)u;
        } else if (u < 0x800) {
            s[o++] = (char)(0xC0 | (u >> 6));
            s[o++] = (char)(0x80 | (u & 0x3F));
        } else {
            s[o++] = (char)(0xE0 | (u >> 12));
            s[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            s[o++] = (char)(0x80 | (u & 0x3F));
        }
        i += 7;
    }
    s[o] = 0;
    return o;
}

/* ---- shared strings: only those the sheet uses -------------------------- */

/* The sorted, distinct shared-string indexes a sheet uses, and their texts
 * once read: text of need[k] is pool[off[k] .. off[k] + len[k]). */
typedef struct {
    uint32_t *need;
    size_t n, cap;
    size_t *off, *len; /* len[k] == SIZE_MAX: not (yet) found */
    xr_buf pool;
} xr_sst;

static int need_add(xr_sst *s, uint32_t idx)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        uint32_t *v = realloc(s->need, cap * sizeof *v);
        if (!v) return -1;
        s->need = v;
        s->cap = cap;
    }
    s->need[s->n++] = idx;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int need_finish(xr_sst *s)
{
    if (s->n == 0) return 0;
    qsort(s->need, s->n, sizeof *s->need, cmp_u32);
    size_t o = 1;
    for (size_t i = 1; i < s->n; i++)
        if (s->need[i] != s->need[o - 1]) s->need[o++] = s->need[i];
    s->n = o;
    s->off = malloc(o * sizeof *s->off);
    s->len = malloc(o * sizeof *s->len);
    if (!s->off || !s->len) return -1;
    for (size_t i = 0; i < o; i++)
        s->len[i] = SIZE_MAX;
    return 0;
}

/* Slot of idx in need[], or SIZE_MAX. */
static size_t need_find(const xr_sst *s, uint32_t idx)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->need[mid] < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->need[lo] == idx ? lo : SIZE_MAX;
}

static void sst_free(xr_sst *s)
{
    free(s->need);
    free(s->off);
    free(s->len);
    free(s->pool.p);
}

typedef struct {
    xr_ctx c;
    xr_sst *s;
    uint32_t cur; /* index of the current <si> */
    size_t k;     /* next slot of need[] to fill */
    int keep, in_si, in_t, rph;
    size_t start; /* pool offset where the current string began */
} sst_ctx;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    sst_ctx *t = ud;
    const char *l = local(name);
    (void)a;
    if (strcmp(l, "si") == 0) {
        t->in_si = 1;
        t->keep = t->k < t->s->n && t->s->need[t->k] == t->cur;
        t->start = t->s->pool.len;
    } else if (t->in_si && strcmp(l, "rPh") == 0) {
        t->rph++;
    } else if (t->in_si && t->rph == 0 && strcmp(l, "t") == 0) {
        t->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    sst_ctx *t = ud;
    const char *l = local(name);
    if (strcmp(l, "t") == 0) {
        t->in_t = 0;
    } else if (strcmp(l, "rPh") == 0 && t->rph > 0) {
        t->rph--;
    } else if (strcmp(l, "si") == 0) {
        if (t->keep) {
            size_t n =
                unescape(t->s->pool.p ? t->s->pool.p + t->start : NULL, t->s->pool.len - t->start);
            t->s->pool.len = t->start + n;
            t->s->off[t->k] = t->start;
            t->s->len[t->k] = n;
            if (buf_add(&t->s->pool, "", 1) < 0) {
                ctx_fail(&t->c, NV_ERR_NOMEM, "out of memory");
                return;
            }
            t->k++;
        }
        t->in_si = t->keep = 0;
        if (t->cur++ == UINT32_MAX || t->k == t->s->n) ctx_stop(&t->c);
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    sst_ctx *t = ud;
    if (t->keep && t->in_t && buf_add(&t->s->pool, s, (size_t)len) < 0)
        ctx_fail(&t->c, NV_ERR_NOMEM, "out of memory");
}

/* ---- the sheet ---------------------------------------------------------- */

typedef struct {
    xr_ctx c;
    int pass; /* 1: collect shared-string indexes; 2: report cells */
    xr_sst *s;
    nv_xlsxread_cell_cb cb;
    void *ud;
    uint32_t row, col, prow, pcol; /* current and previous cell */
    char type[12];
    int in_sd, in_row, in_c, in_v, in_is, in_t, rph;
    xr_buf text;
} sh_ctx;

/* "AB12" -> col 28, row 12; -1 when malformed or out of range. */
static int parse_ref(const char *r, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, rw = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
        if (c > MAX_COL) return -1;
    }
    if (p == r || *p < '1' || *p > '9') return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        rw = rw * 10 + (uint32_t)(*p - '0');
        if (rw > MAX_ROW) return -1;
    }
    if (*p) return -1;
    *row = rw;
    *col = c;
    return 0;
}

/* A positive decimal number up to max; -1 when not one. */
static int parse_u32(const char *s, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s < '0' || *s > '9') return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        if ((v = v * 10 + (uint64_t)(*s - '0')) > max) return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s) return -1;
    *out = (uint32_t)v;
    return 0;
}

static void sh_row(sh_ctx *h, const XML_Char **a)
{
    const char *r = attr(a, "r");
    uint32_t v;
    h->in_row = 1;
    h->col = 0;
    if (!r) {
        if (h->row >= MAX_ROW) {
            ctx_fail(&h->c, NV_ERR_FORMAT, "more than %u rows", MAX_ROW);
            return;
        }
        h->row++;
    } else if (parse_u32(r, MAX_ROW, &v) < 0 || v == 0) {
        {
            ctx_fail(&h->c, NV_ERR_FORMAT, "bad row number \"%s\"", r);
            return;
        }
    } else {
        h->row = v;
    }
}

static void sh_cell(sh_ctx *h, const XML_Char **a)
{
    const char *r = attr(a, "r"), *t = attr(a, "t");
    h->in_c = 1;
    buf_clear(&h->text);
    snprintf(h->type, sizeof h->type, "%s", t ? t : "n");
    if (r) {
        if (parse_ref(r, &h->row, &h->col) < 0) {
            ctx_fail(&h->c, NV_ERR_FORMAT, "bad cell reference \"%s\"", r);
            return;
        }
    } else {
        if (h->row == 0) h->row = 1;
        if (h->col >= MAX_COL) {
            ctx_fail(&h->c, NV_ERR_FORMAT, "more than %u columns in row %u", MAX_COL, h->row);
            return;
        }
        h->col++;
    }
}

static void XMLCALL sh_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    sh_ctx *h = ud;
    const char *l = local(name);
    if (!h->in_sd) {
        if (strcmp(l, "sheetData") == 0) h->in_sd = 1;
    } else if (!h->in_row) {
        if (strcmp(l, "row") == 0) sh_row(h, a);
    } else if (!h->in_c) {
        if (strcmp(l, "c") == 0) sh_cell(h, a);
    } else if (strcmp(l, "v") == 0) {
        h->in_v = 1;
    } else if (strcmp(l, "is") == 0) {
        h->in_is = 1;
    } else if (h->in_is && strcmp(l, "rPh") == 0) {
        h->rph++;
    } else if (h->in_is && h->rph == 0 && strcmp(l, "t") == 0) {
        h->in_t = 1;
    }
}

/* The text of the cell just ended, or NULL (with the error set; pass 1 and
 * the shared strings' check make sure that it never is). */
static const char *sh_value(sh_ctx *h, size_t *len)
{
    const char *txt = h->text.p ? h->text.p : "";
    *len = h->text.len;
    if (strcmp(h->type, "s") == 0) {
        uint32_t idx;
        size_t k;
        if (h->text.len == 0) return txt;
        if (parse_u32(txt, UINT32_MAX, &idx) < 0 || (k = need_find(h->s, idx)) == SIZE_MAX ||
            h->s->len[k] == SIZE_MAX) {
            ctx_fail(&h->c, NV_ERR_INTERNAL, "cell at row %u column %u: shared string \"%s\" lost",
                     h->row, h->col, txt);
            return NULL;
        }
        *len = h->s->len[k];
        return h->s->pool.p + h->s->off[k];
    }
    if (strcmp(h->type, "b") == 0 && h->text.len == 1 && (txt[0] == '0' || txt[0] == '1')) {
        *len = txt[0] == '1' ? 4 : 5;
        return txt[0] == '1' ? "TRUE" : "FALSE";
    }
    return txt;
}

/* Pass 1: every <c> strictly after the one before; shared-string indexes. */
static void sh_cell_check(sh_ctx *h)
{
    uint32_t idx;
    if (h->row < h->prow || (h->row == h->prow && h->col <= h->pcol)) {
        ctx_fail(&h->c, NV_ERR_FORMAT, "cell at row %u column %u comes after row %u column %u",
                 h->row, h->col, h->prow, h->pcol);
        return;
    }
    h->prow = h->row;
    h->pcol = h->col;
    if (strcmp(h->type, "s") != 0 || h->text.len == 0) return;
    if (parse_u32(h->text.p, UINT32_MAX, &idx) < 0) {
        ctx_fail(&h->c, NV_ERR_FORMAT, "cell at row %u column %u: bad shared string index \"%s\"",
                 h->row, h->col, h->text.p);
        return;
    }
    if (need_add(h->s, idx) < 0) ctx_fail(&h->c, NV_ERR_NOMEM, "out of memory");
}

static void sh_cell_end(sh_ctx *h)
{
    size_t len;
    h->in_c = h->in_v = h->in_is = h->in_t = h->rph = 0;
    if (h->pass == 1) {
        sh_cell_check(h);
        return;
    }
    if (strcmp(h->type, "inlineStr") == 0 || strcmp(h->type, "str") == 0)
        h->text.len = unescape(h->text.p, h->text.len);
    const char *v = sh_value(h, &len);
    if (v && len > 0 && h->cb(h->ud, h->row, h->col, v, len)) ctx_stop(&h->c);
}

static void XMLCALL sh_end(void *ud, const XML_Char *name)
{
    sh_ctx *h = ud;
    const char *l = local(name);
    if (h->in_c) {
        if (strcmp(l, "c") == 0)
            sh_cell_end(h);
        else if (strcmp(l, "v") == 0)
            h->in_v = 0;
        else if (strcmp(l, "t") == 0)
            h->in_t = 0;
        else if (strcmp(l, "rPh") == 0 && h->rph > 0)
            h->rph--;
        else if (strcmp(l, "is") == 0)
            h->in_is = 0;
    } else if (h->in_row && strcmp(l, "row") == 0) {
        h->in_row = 0;
    } else if (h->in_sd && strcmp(l, "sheetData") == 0) {
        h->in_sd = 0;
    }
}

static void XMLCALL sh_text(void *ud, const XML_Char *s, int len)
{
    sh_ctx *h = ud;
    if (!h->in_c || !(h->in_v || h->in_t)) return;
    if (h->pass == 1 && (!h->in_v || strcmp(h->type, "s") != 0)) return;
    if (buf_add(&h->text, s, (size_t)len) < 0) ctx_fail(&h->c, NV_ERR_NOMEM, "out of memory");
}

static nv_err sheet_pass(nv_xlsxread *x, const char *part, sh_ctx *h, int pass, nv_errbuf *eb)
{
    static const xr_handlers hd = {sh_start, sh_end, sh_text};
    h->pass = pass;
    h->row = h->col = h->prow = h->pcol = 0;
    h->in_sd = h->in_row = h->in_c = h->in_v = h->in_is = h->in_t = h->rph = 0;
    return part_parse(x, part, &hd, &h->c, eb);
}

static nv_err sst_read(nv_xlsxread *x, xr_sst *s, nv_errbuf *eb)
{
    static const xr_handlers hd = {sst_start, sst_end, sst_text};
    sst_ctx t;
    memset(&t, 0, sizeof t);
    t.s = s;
    if (!x->sst)
        return nv_errf(eb, NV_ERR_FORMAT, "%s: cells use shared strings but there are none",
                       x->path);
    return part_parse(x, x->sst, &hd, &t.c, eb);
}

nv_err xlsxread_sheet(nv_xlsxread *x, const char *name, nv_xlsxread_cell_cb cb, void *ud,
                      nv_errbuf *eb)
{
    const char *part = NULL;
    xr_sst s;
    sh_ctx h;
    nv_err e = NV_OK;
    memset(&s, 0, sizeof s);
    memset(&h, 0, sizeof h);
    for (size_t i = 0; i < x->nsheets && !part; i++)
        if (strcmp(x->names[i], name) == 0) part = x->parts[i];
    if (!part) {
        e = nv_errf(eb, NV_ERR_FORMAT, "%s: no sheet named \"%s\"", x->path, name);
        goto done;
    }
    h.s = &s;
    h.cb = cb;
    h.ud = ud;
    if ((e = sheet_pass(x, part, &h, 1, eb)) != NV_OK) goto done;
    if (need_finish(&s) < 0) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", x->path);
        goto done;
    }
    if (s.n && (e = sst_read(x, &s, eb)) != NV_OK) goto done;
    for (size_t k = 0; k < s.n; k++)
        if (s.len[k] == SIZE_MAX) {
            e = nv_errf(eb, NV_ERR_FORMAT,
                        "%s: sheet \"%s\" uses shared string %u, which %s does not have", x->path,
                        name, s.need[k], x->sst);
            goto done;
        }
    e = sheet_pass(x, part, &h, 2, eb);
done:
    sst_free(&s);
    free(h.text.p);
    return e;
}
