/* gen.c — `nivaran gen`: the driver of the sample generator (see
 * include/nivaran/gen/gen.h; internals in gen_int.h, lives in gen_life.c, plants
 * in gen_plant.c, rows in gen_text.c). Day by day: make the day's records,
 * decide their lives, write them (snapshot: final state at once; nightly: every
 * day a record changes), then the officer-level flags, ground truth and
 * manifest. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen_int.h"
#include "nivaran/core/nvtime.h"

#define DAY 86400

static int file_open(gen_ctx *c, gen_file *g, int src, int64_t day, int bom, int crlf,
                     nv_errbuf *eb)
{
    char ymd[11], path[4096];
    nvt_format_ymd(day, ymd);
    int k = snprintf(path, sizeof path, "%s/%s%s.csv", c->o->out_dir, g_file_prefix[src], ymd);
    if (k < 0 || (size_t)k >= sizeof path)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", c->o->out_dir);
    nv_err e = outfile_open(&g->of, path, eb);
    if (e) return e;
    g->open = 1;
    g->crlf = crlf;
    g->rows = 0;
    if (bom) fputs("\xEF\xBB\xBF", g->of.f);
    fputs(g_header[src], g->of.f);
    fputs(crlf ? "\r\n" : "\n", g->of.f);
    return NV_OK;
}

static nv_err file_commit(gen_ctx *c, gen_file *g, int src, nv_errbuf *eb)
{
    gen_manifest_row m;
    memset(&m, 0, sizeof m);
    const char *slash = strrchr(g->of.path, '/');
    const char *base = slash ? slash + 1 : g->of.path;
    size_t bl = strlen(base);
    if (bl >= sizeof m.name) bl = sizeof m.name - 1;
    memcpy(m.name, base, bl);
    m.src = (uint8_t)src;
    m.rows = g->rows;
    g->open = 0;
    nv_err e = outfile_commit(&g->of, eb);
    if (e) return e;
    if (gvec_push(&c->manifest, &m)) return nv_errf(eb, NV_ERR_NOMEM, "gen: out of memory");
    return NV_OK;
}

/* Repeat complaints scheduled for this day become records. */
static int emit_followups(gen_ctx *c, int64_t day)
{
    size_t w = 0;
    for (size_t i = 0; i < c->follow.n; i++) {
        gen_follow fu = GVEC_AT(&c->follow, gen_follow, i);
        if (fu.reg / DAY != day) {
            GVEC_AT(&c->follow, gen_follow, w++) = fu;
            continue;
        }
        gen_rec *r;
        if (gen_add_rec(c, GS_1912, fu.cat, fu.sub, fu.reg, &r)) return -1;
        r->account = fu.account;
        r->mobile = fu.mobile;
        r->subtype = fu.subtype;
        r->plant = GP_FOLLOWUP;
        int64_t gap = fu.reg - fu.orig_disp;
        if (gap >= 0 && gap <= 72 * 3600) {
            gen_gt g;
            memset(&g, 0, sizeof g);
            g.code = GT_REPEAT_AFTER_CLOSE;
            g.src = fu.orig_src;
            g.xen = fu.orig_xen;
            memcpy(g.id, fu.orig_id, sizeof g.id);
            if (gvec_push(&c->gt, &g)) return -1;
            if (fu.in_window) c->xc[fu.orig_xen].repeat++;
        }
    }
    c->follow.n = w;
    return 0;
}

static const int bom_mod[GS_N][2] = {{3, 0}, {4, 1}, {2, 1}};
static const int crlf_mod[GS_N][2] = {{2, 0}, {3, 1}, {5, 0}};

static int has_event_in(const gen_rec *r, int64_t t0, int64_t t1)
{
    for (int i = 0; i < r->nev; i++)
        if (r->t[i] >= t0 && r->t[i] < t1) return 1;
    return 0;
}

static nv_err write_night(gen_ctx *c, int64_t day, nv_errbuf *eb)
{
    int i = (int)(day - c->first_day);
    int64_t t0 = day * DAY, t1 = t0 + DAY;
    for (int s = 0; s < GS_N; s++) {
        gen_file g;
        memset(&g, 0, sizeof g);
        nv_err e = file_open(c, &g, s, day, i % bom_mod[s][0] == bom_mod[s][1],
                             i % crlf_mod[s][0] == crlf_mod[s][1], eb);
        if (e) return e;
        gen_vec *lv = &c->live[s];
        size_t w = 0;
        for (size_t k = 0; k < lv->n; k++) {
            gen_rec *r = &GVEC_AT(lv, gen_rec, k);
            if (has_event_in(r, t0, t1)) {
                gen_write_row(g.of.f, r, t1 - 1, g.crlf);
                g.rows++;
            }
            if (r->nev && r->t[r->nev - 1] >= t1) GVEC_AT(lv, gen_rec, w++) = *r;
        }
        lv->n = w;
        e = file_commit(c, &g, s, eb);
        if (e) return e;
    }
    return NV_OK;
}

static nv_err do_day(gen_ctx *c, int64_t day, nv_errbuf *eb)
{
    c->day.n = 0;
    if (gen_day_background(c, day) || (c->o->plant && gen_day_plants(c, day)) ||
        emit_followups(c, day) || gen_lives(c))
        return nv_errf(eb, NV_ERR_NOMEM, "gen: out of memory");
    for (size_t i = 0; i < c->day.n; i++) {
        gen_rec *r = &GVEC_AT(&c->day, gen_rec, i);
        c->records[r->src]++;
        if (!c->o->nightly) {
            gen_write_row(c->snap[r->src].of.f, r, c->E, c->snap[r->src].crlf);
            c->snap[r->src].rows++;
        } else if (gvec_push(&c->live[r->src], r)) {
            return nv_errf(eb, NV_ERR_NOMEM, "gen: out of memory");
        }
    }
    return c->o->nightly ? write_night(c, day, eb) : NV_OK;
}

/* ---- officer-level flags (FLAGS.md), computed from the counters ---- */

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double q7(const double *v, int n, double p)
{
    double h = (n - 1) * p;
    int lo = (int)floor(h);
    if (lo + 1 >= n) return v[n - 1];
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

static void ratio(const gen_xcount *k, int code, long *num, long *den)
{
    switch (code) {
    case GT_DEADLINE_HUG:
        *num = k->hug;
        *den = k->resolved;
        break;
    case GT_HIGH_REJECTION:
        *num = k->rejected;
        *den = k->resolved + k->rejected;
        break;
    case GT_UNVERIFIED_CLOSE:
        *num = k->otpn;
        *den = k->res1912;
        break;
    case GT_DISSATISFIED:
        *num = k->notsat;
        *den = k->fb;
        break;
    case GT_FAST_CLOSE_RATE:
        *num = k->fast;
        *den = k->resolved;
        break;
    default:
        *num = k->repeat;
        *den = k->resolved;
        break;
    }
}

static int officer_flags(gen_ctx *c)
{

    for (int code = GT_DEADLINE_HUG; code <= GT_REPEAT_RATE; code++) {
        double v[G_NXEN + 1], sorted[G_NXEN + 1];
        int in[G_NXEN + 1], n = 0;
        for (int x = 0; x <= G_NXEN; x++) {
            long num, den;
            ratio(&c->xc[x], code, &num, &den);
            in[x] = c->xc[x].resolved >= 20 && den > 0;
            v[x] = in[x] ? (double)num / (double)den : 0;
            if (in[x]) sorted[n++] = v[x];
        }
        if (n == 0) continue;
        qsort(sorted, (size_t)n, sizeof(double), cmp_dbl);
        double a = q7(sorted, n, 0.25), b = q7(sorted, n, 0.75), fence = b + 1.5 * (b - a);
        if (fence <= 0) continue;
        for (int x = 0; x <= G_NXEN; x++) {
            long num, den;
            ratio(&c->xc[x], code, &num, &den);
            if (!in[x] || v[x] <= fence || num < 3) continue;
            gen_gt g;
            memset(&g, 0, sizeof g);
            g.code = (uint8_t)code;
            g.src = 255;
            g.xen = (uint8_t)x;
            if (gvec_push(&c->gt, &g)) return -1;
        }
    }
    return 0;
}

static int cmp_gt(const void *a, const void *b)
{
    const gen_gt *x = a, *y = b;
    int k = strcmp(g_gt_name[x->code], g_gt_name[y->code]);
    if (k) return k;
    k = strcmp(x->id, y->id);
    if (k) return k;
    return strcmp(g_xen_id[x->xen], g_xen_id[y->xen]);
}

static nv_err write_gt(gen_ctx *c, long *rows, nv_errbuf *eb)
{
    char path[4096];
    nv_outfile of;
    snprintf(path, sizeof path, "%s/ground_truth.csv", c->o->out_dir);
    nv_err e = outfile_open(&of, path, eb);
    if (e) return e;
    qsort(c->gt.v, c->gt.n, sizeof(gen_gt), cmp_gt);
    fputs("flag_code,record_id,source,xen_id,report_day\n", of.f);
    *rows = 0;
    for (size_t i = 0; i < c->gt.n; i++) {
        const gen_gt *g = &GVEC_AT(&c->gt, gen_gt, i);
        if (i && !cmp_gt(g, &GVEC_AT(&c->gt, gen_gt, i - 1))) continue;
        fprintf(of.f, "%s,%s,%s,%s,%s\n", g_gt_name[g->code], g->id,
                g->src < GS_N ? g_src_name[g->src] : "", g_xen_id[g->xen],
                g->src < GS_N ? "" : c->end_ymd);
        (*rows)++;
    }
    return outfile_commit(&of, eb);
}

static nv_err write_manifest(gen_ctx *c, long gt_rows, nv_errbuf *eb)
{
    char path[4096];
    nv_outfile of;
    snprintf(path, sizeof path, "%s/gen_manifest.csv", c->o->out_dir);
    nv_err e = outfile_open(&of, path, eb);
    if (e) return e;
    fputs("kind,name,source,count\n", of.f);
    for (size_t i = 0; i < c->manifest.n; i++) {
        const gen_manifest_row *m = &GVEC_AT(&c->manifest, gen_manifest_row, i);
        fprintf(of.f, "file,%s,%s,%ld\n", m->name, g_src_name[m->src], m->rows);
    }
    for (int s = 0; s < GS_N; s++)
        fprintf(of.f, "records,,%s,%ld\n", g_src_name[s], c->records[s]);
    fprintf(of.f, "ground_truth,ground_truth.csv,,%ld\n", gt_rows);
    return outfile_commit(&of, eb);
}

static void ctx_init(gen_ctx *c, const nv_gen_opts *o)
{
    c->o = o;
    grng_seed(&c->rng, o->seed);
    gen_rng h;
    grng_seed(&h, o->seed ^ 0x6E69766172616EULL);
    c->seed_off = grng_next(&h);
    c->first_day = o->end_day - o->days + 1;
    c->end_day = o->end_day;
    c->E = (o->end_day + 1) * DAY;
    c->W0 = (o->days > 30 ? o->end_day - 29 : c->first_day) * DAY;
    double an = 700000.0 * (o->scale > 1 ? o->scale : 1);
    if (an > 999000000.0) an = 999000000.0;
    c->acct_n = (uint64_t)an;
    c->day.sz = c->live[0].sz = c->live[1].sz = c->live[2].sz = sizeof(gen_rec);
    c->gt.sz = sizeof(gen_gt);
    c->follow.sz = sizeof(gen_follow);
    c->manifest.sz = sizeof(gen_manifest_row);
    for (int k = 0; k < GC_N; k++)
        for (int s = 0; s < G_NSUBX; s++)
            c->q[k][s].sz = sizeof(gen_qent);
    nvt_format_ymd(o->end_day, c->end_ymd);
    gen_plant_rates(c);
}

static void ctx_free(gen_ctx *c)
{
    for (int s = 0; s < GS_N; s++) {
        if (c->snap[s].open) outfile_abort(&c->snap[s].of);
        gvec_free(&c->live[s]);
    }
    gvec_free(&c->day);
    gvec_free(&c->gt);
    gvec_free(&c->follow);
    gvec_free(&c->manifest);
    for (int k = 0; k < GC_N; k++)
        for (int s = 0; s < G_NSUBX; s++)
            gvec_free(&c->q[k][s]);
    free(c);
}

nv_err gen_run(const nv_gen_opts *o, nv_errbuf *eb)
{
    if (!o || !o->out_dir || !o->out_dir[0])
        return nv_errf(eb, NV_ERR_USAGE, "gen: no output folder");
    if (o->days < 1 || o->days > 3660)
        return nv_errf(eb, NV_ERR_USAGE, "gen: --days must be 1..3660, not %d", o->days);
    if (!(o->scale > 0 && o->scale <= 2000))
        return nv_errf(eb, NV_ERR_USAGE, "gen: scale must be in (0, 2000], not %g", o->scale);
    nv_err e = outfile_mkdirs(o->out_dir, eb);
    if (e) return e;
    gen_ctx *c = calloc(1, sizeof *c);
    if (!c) return nv_errf(eb, NV_ERR_NOMEM, "gen: out of memory");
    ctx_init(c, o);
    static const int snap_bom[GS_N] = {1, 0, 1}, snap_crlf[GS_N] = {1, 0, 0};
    long gt_rows = 0;
    if (!o->nightly)
        for (int s = 0; s < GS_N; s++)
            if ((e = file_open(c, &c->snap[s], s, o->end_day, snap_bom[s], snap_crlf[s], eb)))
                goto done;
    for (int64_t day = c->first_day; day <= c->end_day; day++)
        if ((e = do_day(c, day, eb))) goto done;
    if (!o->nightly)
        for (int s = 0; s < GS_N; s++)
            if ((e = file_commit(c, &c->snap[s], s, eb))) goto done;
    if (officer_flags(c)) {
        e = nv_errf(eb, NV_ERR_NOMEM, "gen: out of memory");
        goto done;
    }
    if ((e = write_gt(c, &gt_rows, eb))) goto done;
    e = write_manifest(c, gt_rows, eb);
done:
    ctx_free(c);
    return e;
}
