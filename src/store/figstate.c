/* figstate.c — see include/nivaran/store/figstate.h.
 *
 * Layout: a byte 1; a byte of flags (FS_*); registered, disposed, judged_at
 * and deadline as 8 bytes little-endian each (0 when absent); then wing,
 * xen_id, category, status and (when FS_OUTCOME) outcome, each followed by
 * a NUL. */
#include "nivaran/store/figstate.h"

#include <stdlib.h>
#include <string.h>

enum {
    FS_DISP = 1,
    FS_JUDGED = 2,
    FS_DL = 4,
    FS_ANOM = 8,
    FS_APP = 16,
    FS_MOBILE = 32,
    FS_CLOSER = 64,
    FS_OUTCOME = 128
};

static void put64(unsigned char *p, int64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)((uint64_t)v >> (8 * i));
}

static int64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return (int64_t)v;
}

static const char *arg_text(sqlite3_value *v, size_t *n)
{
    const unsigned char *s = sqlite3_value_text(v);
    *n = s ? (size_t)sqlite3_value_bytes(v) : 0;
    return s ? (const char *)s : "";
}

void figstate_sqlfn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    enum { WING, XEN, CAT, REG, DISP, ANOM, STATUS, JUDGED, OUTCOME, DL, APP, MOBILE, CLOSER };
    if (argc != 13) {
        sqlite3_result_error(ctx, "nv_figstate: 13 arguments", -1);
        return;
    }
    const int ti[5] = {WING, XEN, CAT, STATUS, OUTCOME};
    const char *t[5];
    size_t tn[5], len = 2 + 4 * 8;
    int has_out = sqlite3_value_type(argv[OUTCOME]) != SQLITE_NULL;
    for (int i = 0; i < 5; i++) {
        t[i] = arg_text(argv[ti[i]], &tn[i]);
        if (i < 4 || has_out) len += tn[i] + 1;
    }
    size_t closer_n = 0;
    arg_text(argv[CLOSER], &closer_n);
    int fl = (sqlite3_value_type(argv[DISP]) != SQLITE_NULL ? FS_DISP : 0) |
             (sqlite3_value_type(argv[JUDGED]) != SQLITE_NULL ? FS_JUDGED : 0) |
             (sqlite3_value_type(argv[DL]) != SQLITE_NULL ? FS_DL : 0) |
             (sqlite3_value_int(argv[ANOM]) ? FS_ANOM : 0) |
             (sqlite3_value_int(argv[APP]) ? FS_APP : 0) |
             (sqlite3_value_type(argv[MOBILE]) != SQLITE_NULL ? FS_MOBILE : 0) |
             (sqlite3_value_type(argv[CLOSER]) != SQLITE_NULL && closer_n > 0 ? FS_CLOSER : 0) |
             (has_out ? FS_OUTCOME : 0);
    unsigned char *b = malloc(len), *p = b;
    if (!b) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    *p++ = 1;
    *p++ = (unsigned char)fl;
    const int ii[4] = {REG, DISP, JUDGED, DL};
    for (int i = 0; i < 4; i++, p += 8)
        put64(p, sqlite3_value_int64(argv[ii[i]]));
    for (int i = 0; i < 5; i++)
        if (i < 4 || has_out) {
            memcpy(p, t[i], tn[i]);
            p += tn[i];
            *p++ = 0;
        }
    sqlite3_result_blob(ctx, b, (int)len, free);
}

/* The NUL-terminated string at *p (before end), its length in *n; NULL when
 * there is no NUL before end. */
static const char *take(const unsigned char **p, const unsigned char *end, size_t *n)
{
    const unsigned char *z = memchr(*p, 0, (size_t)(end - *p));
    if (!z) return NULL;
    const char *s = (const char *)*p;
    *n = (size_t)(z - *p);
    *p = z + 1;
    return s;
}

int figstate_decode(const unsigned char *b, size_t n, nv_figstate *s)
{
    memset(s, 0, sizeof *s);
    if (n < 2 + 4 * 8 || b[0] != 1) return -1;
    int fl = b[1];
    const unsigned char *p = b + 2, *end = b + n;
    s->reg = get64(p);
    s->disp = get64(p + 8);
    s->judged = get64(p + 16);
    s->dl = get64(p + 24);
    p += 32;
    size_t ls = 0, lo = 0;
    if (!(s->wing = take(&p, end, &s->lw)) || !(s->xen = take(&p, end, &s->lx)) ||
        !(s->cat = take(&p, end, &s->lc)) || !(s->status = take(&p, end, &ls)))
        return -1;
    if ((fl & FS_OUTCOME) && !(s->outcome = take(&p, end, &lo))) return -1;
    if (p != end) return -1;
    s->has_disp = !!(fl & FS_DISP);
    s->has_judged = !!(fl & FS_JUDGED);
    s->has_dl = !!(fl & FS_DL);
    s->anom = !!(fl & FS_ANOM);
    s->app = !!(fl & FS_APP);
    s->mobile = !!(fl & FS_MOBILE);
    s->closer = !!(fl & FS_CLOSER);
    return 0;
}
