/* gen_life.c — background volumes and the life of every record of the sample
 * generator (see gen_int.h). Background data is kept clear of the record-level
 * risk rules by construction: every account has its own mobile and complains
 * once (except deliberate repeats), every closing login serves one
 * subdivision, guarded categories close above their minimum (except
 * deliberate fast closes), applications of one queue are disposed in order
 * (nothing overtakes a record registered 48 h before it). Officer-level rates
 * are steered per XEN by accumulators (a mark every 1/rate records), so each
 * XEN's rate is close to its target and the Tukey fence separates only the
 * planted outliers. What the rules flag is then computed from the lives. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen_int.h"
#include "nivaran/core/nvtime.h"

#define H 3600
#define DAY 86400

/* Median hours to resolve, by category (1912 complaints; applications'
 * service times for their categories). */
static const double med_h[GC_N] = {2.5, 5, 9, 8, 4, 14, 10, 6, 18, 16, 30, 48, 30, 36, 160, 6};
/* FLAGS.md minimum plausible times, seconds (0: none). */
static const int64_t min_fast[GC_N] = {0,    1200, 3600,  0, 0, 0, 0,     0,
                                       1800, 1800, 14400, 0, 0, 0, 14400, 0};

static const int hour_1912[24] = {12, 8,  5,  4,  4,  6,  14, 28, 45, 60, 66, 64,
                                  58, 52, 48, 46, 50, 58, 66, 68, 62, 48, 32, 20};
static const int hour_app[24] = {1,  1,  0,  0,  0,  1,  2,  5,  12, 30, 45, 50,
                                 48, 40, 42, 40, 35, 25, 15, 10, 8,  5,  3,  2};
static const int sub_w[G_NSUB] = {9, 7, 10, 8, 6, 7, 5, 6, 8, 5, 7, 9,
                                  8, 6, 7,  5, 6, 6, 5, 6, 5, 4, 5, 6};
static const int cat1912_w[11] = {38, 8, 4, 8, 3, 14, 5, 5, 6, 6, 3};

static double xen_speed(int x)
{
    if (x == 5 || x == 15 || x == 22 || x == 25) return 1.7; /* slow XENs */
    double f = (x + 1) * 0.6180339887;
    return 0.85 + 0.3 * (f - floor(f));
}

uint64_t gen_account(gen_ctx *c, uint64_t *mobile)
{
    uint64_t i = c->acct_next++ % c->acct_n;
    uint64_t off = c->seed_off % 1000000000ULL;
    *mobile = 9000000000ULL + (i * 1000003ULL + off) % 1000000000ULL;
    return 1000000000ULL + (i * 387420489ULL + off / 7) % 1000000000ULL;
}

uint64_t gen_noacct_mobile(gen_ctx *c)
{
    uint64_t k = c->noacct_next++;
    return 8000000000ULL + (k * 1000003ULL + c->seed_off / 3) % 1000000000ULL;
}

int gen_gt_add(gen_ctx *c, int code, const gen_rec *r)
{
    gen_gt g;
    memset(&g, 0, sizeof g);
    g.code = (uint8_t)code;
    g.src = r->src;
    g.xen = r->xen;
    gen_record_id(r, g.id, sizeof g.id);
    return gvec_push(&c->gt, &g);
}

static int64_t reg_time(gen_ctx *c, int64_t day, const int *hw)
{
    int h = grng_pick(&c->rng, hw, 24);
    return day * DAY + h * H + grng_range(&c->rng, 0, H - 1);
}

static int add_rec(gen_ctx *c, int src, int cat, int sub, int64_t reg)
{
    return gen_add_rec(c, src, cat, sub, reg, NULL);
}

/* Appends a fresh record to today's list; *out (if given) points at it
 * until the next append. */
int gen_add_rec(gen_ctx *c, int src, int cat, int sub, int64_t reg, gen_rec **out)
{
    gen_rec r;
    memset(&r, 0, sizeof r);
    r.src = (uint8_t)src;
    r.cat = (uint8_t)cat;
    r.sub = (uint8_t)sub;
    r.subtype = (uint8_t)(grng_next(&c->rng) & 1);
    r.xen = (uint8_t)gen_xen_of(g_cat_wing[cat], sub);
    r.reg = src == GS_NM ? reg / 60 * 60 : reg;
    r.tseed = grng_next(&c->rng);
    int has_acct = !(cat == GC_NEWCONN && src == GS_JP) && cat != GC_INDUS;
    if (has_acct)
        r.account = gen_account(c, &r.mobile);
    else
        r.mobile = gen_noacct_mobile(c);
    if (gvec_push(&c->day, &r)) return -1;
    if (out) *out = &GVEC_AT(&c->day, gen_rec, c->day.n - 1);
    return 0;
}

int gen_day_background(gen_ctx *c, int64_t day)
{
    static const double season[12] = {0.9,  0.9, 0.95, 1.0, 1.1,  1.15,
                                      1.15, 1.1, 1.05, 1.0, 0.95, 0.9};
    int y, m, d;
    nvt_civil_from_days(day, &y, &m, &d);
    int dow = (int)((day + 4) % 7); /* 0 = Sunday */
    double s = c->o->scale, f = season[m - 1] * (dow == 0 ? 0.92 : 1.0);
    double fa = dow == 0 ? 0.4 : dow == 6 ? 0.8 : 1.08;
    int n1 = (int)(700.0 * s * f * (1.0 + 0.06 * grng_normal(&c->rng)) + 0.5);
    int nj = grng_poisson(&c->rng, 55.0 * s * fa);
    int nn = grng_poisson(&c->rng, 4.0 * s * fa);
    static const int jp_w[4] = {55, 20, 15, 10}, nm_w[2] = {60, 40};
    static const int jp_cat[4] = {GC_NEWCONN, GC_LOADCH, GC_NAMECH, GC_CATCH};
    for (int i = 0; i < n1; i++)
        if (add_rec(c, GS_1912, grng_pick(&c->rng, cat1912_w, 11),
                    grng_pick(&c->rng, sub_w, G_NSUB), reg_time(c, day, hour_1912)))
            return -1;
    for (int i = 0; i < nj; i++)
        if (add_rec(c, GS_JP, jp_cat[grng_pick(&c->rng, jp_w, 4)],
                    grng_pick(&c->rng, sub_w, G_NSUB), reg_time(c, day, hour_app)))
            return -1;
    for (int i = 0; i < nn; i++)
        if (add_rec(c, GS_NM, grng_pick(&c->rng, nm_w, 2) ? GC_LOADCH : GC_INDUS,
                    grng_pick(&c->rng, sub_w, G_NSUB), reg_time(c, day, hour_app)))
            return -1;
    /* A few records outside the templates, fewer than 20 in any 30 days:
     * an unknown category (UNMAPPED) and an unknown subdivision. */
    if ((day - c->first_day) % 5 == 2) {
        if (add_rec(c, GS_1912, GC_UNMAPPED, grng_pick(&c->rng, sub_w, G_NSUB),
                    day * DAY + 11 * H + 17 * 60) ||
            add_rec(c, GS_1912, GC_NO_SUPPLY, G_NSUB + (int)((day / 5) % 2),
                    day * DAY + 19 * H + 3 * 60))
            return -1;
    }
    return 0;
}

/* ---- lives ---- */

static int ev(gen_rec *r, int64_t t, int k)
{
    if (r->nev >= G_MAXEV) return -1;
    if (r->nev && t <= r->t[r->nev - 1]) t = r->t[r->nev - 1] + 60;
    r->t[r->nev] = t;
    r->k[r->nev] = (uint8_t)k;
    r->nev++;
    return 0;
}

static int take(gen_ctx *c, int kind, int x)
{
    if (c->acc[kind][x] >= 1.0) {
        c->acc[kind][x] -= 1.0;
        return 1;
    }
    return 0;
}

static void bump(gen_ctx *c, int kind, int x)
{
    c->acc[kind][x] += c->rate[kind][x];
    if (c->acc[kind][x] > 3.0) c->acc[kind][x] = 3.0;
}

static int in_hug(int64_t dur)
{
    return dur > 23 * H && dur <= 24 * H;
}

static int64_t sample_dur(gen_ctx *c, const gen_rec *r)
{
    double med = med_h[r->cat] * H * xen_speed(r->xen);
    int64_t floor_s = min_fast[r->cat] ? min_fast[r->cat] + 300 : 240;
    for (int i = 0; i < 20; i++) {
        double d = med * exp(0.85 * grng_normal(&c->rng));
        if (d > 14.0 * DAY) d = 14.0 * DAY - grng_range(&c->rng, 0, DAY);
        int64_t s = (int64_t)d;
        if (s < floor_s) s = floor_s + grng_range(&c->rng, 0, 1800);
        if (!in_hug(s)) return s;
    }
    return 24 * H + 2 * H;
}

/* Drops the events from E on; sets final and disp from what is left (a
 * premature closure whose reopening comes after E is a closure at E). */
static void close_life(gen_ctx *c, gen_rec *r, int64_t disp)
{
    int n = 0;
    while (n < r->nev && r->t[n] < c->E)
        n++;
    r->nev = (uint8_t)n;
    r->final = 0;
    r->disp = disp; /* planned, beyond E, while open */
    for (int i = n - 1; i >= 0; i--) {
        int k = r->k[i];
        if (k == EV_FEEDBACK) continue;
        if (k == EV_CLOSED || k == EV_JP_DONE || k == EV_NM_APPROVED) r->final = 1;
        if (k == EV_REJECTED || k == EV_JP_REJECTED || k == EV_NM_REJECTED) r->final = 2;
        if (r->final) r->disp = r->t[i];
        break;
    }
}

static int schedule_repeat(gen_ctx *c, const gen_rec *r, int64_t cl, int64_t gap)
{
    gen_follow fu;
    memset(&fu, 0, sizeof fu);
    fu.reg = cl + gap;
    int64_t today = r->reg / DAY;
    if (fu.reg / DAY <= today) fu.reg = (today + 1) * DAY + grng_range(&c->rng, 60, 6 * H);
    if (fu.reg - cl > 72 * H && gap <= 72 * H) fu.reg = cl + 72 * H - 60;
    fu.account = r->account;
    fu.mobile = r->mobile;
    fu.cat = r->cat;
    fu.sub = r->sub;
    fu.subtype = r->subtype;
    fu.orig_xen = r->xen;
    fu.orig_src = r->src;
    fu.orig_disp = cl;
    fu.in_window = cl >= c->W0 && cl < c->E;
    gen_record_id(r, fu.orig_id, sizeof fu.orig_id);
    if (fu.reg > c->E) return 0;
    return gvec_push(&c->follow, &fu);
}

static int life_1912(gen_ctx *c, gen_rec *r)
{
    int x = r->xen, planted = (r->flags & GF_PLANTED) != 0;
    int64_t reg = r->reg, E = c->E;
    bump(c, GA_REJ, x);
    if (ev(r, reg, EV_OPEN)) return -1;
    if (!planted && reg + 8 * H <= E && take(c, GA_REJ, x)) {
        int64_t dur = grng_range(&c->rng, 15 * 60, 8 * H);
        ev(r, reg + grng_range(&c->rng, 60, dur / 2), EV_ASSIGNED);
        ev(r, reg + dur, EV_REJECTED);
        close_life(c, r, r->t[r->nev - 1]);
        return 0;
    }
    /* Rates of resolutions: counted on records resolved by E. */
    int64_t dur = r->fix_dur > 0 ? r->fix_dur : sample_dur(c, r), mf = min_fast[r->cat];
    if (reg + dur <= E) {
        bump(c, GA_HUG, x);
        bump(c, GA_FAST, x);
        bump(c, GA_REPEAT, x);
    }
    if (r->fix_dur > 0) {
        dur = r->fix_dur;
    } else if (!planted && reg + 24 * H <= E && take(c, GA_HUG, x)) {
        dur = 23 * H + grng_range(&c->rng, 60, 3540);
        r->flags |= GF_HUG;
    } else if (!planted && mf && reg + mf <= E && take(c, GA_FAST, x)) {
        dur = (int64_t)(mf * (0.2 + 0.6 * grng_unif(&c->rng)));
        r->flags |= GF_FAST;
    }
    int64_t cl = reg + dur;
    int64_t asg =
        reg + grng_range(&c->rng, 60, dur / 3 > 1200 ? 1200 : (dur / 3 > 61 ? dur / 3 : 61));
    if (asg >= cl) asg = reg + dur / 2;
    if (dur > 60) ev(r, asg, EV_ASSIGNED);
    int reopen =
        !planted && !(r->flags & (GF_HUG | GF_FAST)) && dur > 2 * H && grng_unif(&c->rng) < 0.03;
    if (reopen) {
        int times = grng_unif(&c->rng) < 0.15 ? 2 : 1;
        int64_t a = asg, span = cl - asg;
        for (int i = 0; i < times; i++) {
            int64_t c1 = a + span * (i * 2 + 1) / (times * 2 + 1);
            int64_t o = a + span * (i * 2 + 2) / (times * 2 + 1);
            ev(r, c1, EV_CLOSED);
            ev(r, o, EV_REOPENED);
        }
    } else if (dur > 2 * H && grng_unif(&c->rng) < 0.6) {
        ev(r, reg + (int64_t)(dur * (0.3 + 0.4 * grng_unif(&c->rng))), EV_INPROG);
    }
    if (ev(r, cl, EV_CLOSED)) return -1;
    if (cl < E) {
        bump(c, GA_OTPN, x);
        if (take(c, GA_OTPN, x)) r->flags |= GF_OTP_N;
        int64_t f = cl + grng_range(&c->rng, 2 * H, 30 * H);
        if (!(r->flags & GF_ANOMALY) && grng_unif(&c->rng) < 0.4 && f < E) {
            bump(c, GA_NOTSAT, x);
            if (take(c, GA_NOTSAT, x)) r->flags |= GF_NOTSAT;
            ev(r, f, EV_FEEDBACK);
        }
        if (r->plant == GP_REP_ORIG && schedule_repeat(c, r, cl, 72 * H + (r->sub == 21 ? 60 : 0)))
            return -1;
        if (!planted && !reopen && take(c, GA_REPEAT, x)) {
            r->flags |= GF_REPEAT;
            if (schedule_repeat(c, r, cl, grng_range(&c->rng, 30 * 60, 70 * H))) return -1;
        }
    }
    close_life(c, r, cl);
    return 0;
}

/* Application queues: index of the last entry registered <= t (or -1). */
static long q_upto(const gen_vec *q, int64_t t)
{
    long lo = 0, hi = (long)q->n - 1, ans = -1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (GVEC_AT(q, gen_qent, mid).reg <= t) {
            ans = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return ans;
}

static int64_t office_hours(gen_ctx *c, int64_t t)
{
    int64_t s = t % DAY, d = t / DAY;
    if (s < 10 * H) return d * DAY + 10 * H + grng_range(&c->rng, 0, 2 * H);
    if (s > 19 * H) return (d + 1) * DAY + 10 * H + grng_range(&c->rng, 0, 2 * H);
    return t;
}

static int64_t round_min(const gen_rec *r, int64_t t)
{
    return r->src == GS_NM ? (t + 59) / 60 * 60 : t;
}

/* Disposal time of an application, respecting its queue's order. */
static int64_t app_disp(gen_ctx *c, gen_rec *r, int64_t settled, int *rejected)
{
    int x = r->xen, planted = (r->flags & GF_PLANTED) != 0;
    int64_t reg = r->reg, E = c->E;
    *rejected = 0;
    if (r->plant == GP_QJ_JUMP) return round_min(r, reg + r->fix_dur);
    if (r->plant == GP_QJ_STUCK) {
        int64_t d = reg + 7 * DAY;
        return round_min(r, d > settled ? d : settled);
    }
    if (!planted && reg + 40 * H <= E && take(c, GA_REJ, x)) {
        int64_t d = reg + grng_range(&c->rng, 3 * H, 40 * H);
        *rejected = 1;
        d = round_min(r, d > settled ? d : settled);
        if (in_hug(d - reg)) d = round_min(r, reg + 24 * H + grng_range(&c->rng, 60, 5400));
        return d;
    }
    double med = med_h[r->cat] * H * xen_speed(x);
    int64_t d = reg + (int64_t)(med * exp(0.6 * grng_normal(&c->rng)));
    int64_t floor_s = reg + (min_fast[r->cat] ? min_fast[r->cat] + 600 : H);
    if (d < floor_s) d = floor_s + grng_range(&c->rng, 0, 3600);
    d = office_hours(c, d);
    if (d < settled) d = settled;
    d = round_min(r, d);
    if (in_hug(d - reg)) d = round_min(r, reg + 24 * H + grng_range(&c->rng, 60, 5400));
    if (d <= E) {
        bump(c, GA_HUG, x);
        bump(c, GA_FAST, x);
        bump(c, GA_REPEAT, x);
    }
    if (!planted && reg + 23 * H + 60 >= settled && reg + 24 * H <= E && take(c, GA_HUG, x)) {
        r->flags |= GF_HUG;
        return reg + 23 * H + 60 * grng_range(&c->rng, 1, 59);
    }
    return d;
}

static int app_events(gen_ctx *c, gen_rec *r, int64_t disp, int rejected)
{
    int64_t reg = r->reg, span = disp - reg;
    if (r->src == GS_JP) {
        ev(r, reg, EV_JP_SUBMITTED);
        int docs = grng_unif(&c->rng) < 0.25;
        if (r->cat == GC_NEWCONN) {
            if (docs) ev(r, reg + span * 15 / 100, EV_JP_DOCS);
            if (!rejected) {
                ev(r, reg + span * 35 / 100, EV_JP_ESTIMATE);
                ev(r, reg + span * 65 / 100, EV_JP_PAID);
            }
        } else if (docs) {
            ev(r, reg + span * 30 / 100, EV_JP_DOCS);
        }
        return ev(r, disp, rejected ? EV_JP_REJECTED : EV_JP_DONE);
    }
    /* Nivesh Mitra: open statuses change only on the day of registration
     * (its rows carry no LAST_UPDATED). */
    ev(r, reg, EV_NM_PENDING);
    int64_t dayend = (reg / DAY + 1) * DAY;
    int64_t u = reg + 60 * grng_range(&c->rng, 10, 180);
    if (grng_unif(&c->rng) < 0.7 && u < dayend && u < disp) {
        ev(r, u, EV_NM_UNDER);
        int64_t q = u + 60 * grng_range(&c->rng, 10, 120);
        if (grng_unif(&c->rng) < 0.2 && q < dayend && q < disp) ev(r, q, EV_NM_QUERY);
    }
    return ev(r, disp, rejected ? EV_NM_REJECTED : EV_NM_APPROVED);
}

static int life_app(gen_ctx *c, gen_rec *r)
{
    int x = r->xen;
    gen_vec *q = &c->q[r->cat][r->sub];
    bump(c, GA_REJ, x);
    long up = q_upto(q, r->reg - 48 * H);
    int64_t settled = up >= 0 ? GVEC_AT(q, gen_qent, up).pmax : 0;
    int rejected;
    int64_t disp = app_disp(c, r, settled, &rejected);
    if (app_events(c, r, disp, rejected)) return -1;
    close_life(c, r, disp);
    /* QUEUE_JUMP, computed: resolved while >= 3 older (by 48 h) undisposed. */
    if (r->final == 1 && up >= 0 && settled > disp) {
        int n = 0;
        for (long i = 0; i <= up; i++)
            if (GVEC_AT(q, gen_qent, i).disp > disp) n++;
        if (n >= 3 && gen_gt_add(c, GT_QUEUE_JUMP, r)) return -1;
    }
    gen_qent e = {r->reg, disp, disp};
    if (q->n) {
        int64_t pm = GVEC_AT(q, gen_qent, q->n - 1).pmax;
        if (pm > e.pmax) e.pmax = pm;
    }
    return gvec_push(q, &e);
}

/* Officer counters and computed record-level flags of a finished record. */
static int account_rec(gen_ctx *c, gen_rec *r)
{

    if (r->flags & GF_ANOMALY) return gen_gt_add(c, GT_TIME_ANOMALY, r);
    if (r->final == 1 && min_fast[r->cat] && r->disp - r->reg < min_fast[r->cat]) {
        if (gen_gt_add(c, GT_FAST_CLOSE, r)) return -1;
        if (r->disp >= c->W0 && r->disp < c->E) c->xc[r->xen].fast++;
    }
    if (r->plant == GP_BULK && r->final == 1 && gen_gt_add(c, GT_BULK_CLOSE, r)) return -1;
    if ((r->tout == 1 || r->tout == 2) && gen_gt_add(c, GT_TOUT_PHONE, r)) return -1;
    if (r->final == 0 || r->disp < c->W0 || r->disp >= c->E) return 0;
    gen_xcount *k = &c->xc[r->xen];
    if (r->final == 2) {
        k->rejected++;
        return 0;
    }
    k->resolved++;
    if (in_hug(r->disp - r->reg)) k->hug++;
    if (r->src == GS_1912) {
        k->res1912++;
        if (r->flags & GF_OTP_N) k->otpn++;
        for (int i = 0; i < r->nev; i++)
            if (r->k[i] == EV_FEEDBACK) {
                k->fb++;
                if (r->flags & GF_NOTSAT) k->notsat++;
            }
    }
    return 0;
}

static int cmp_rec(const void *a, const void *b)
{
    const gen_rec *x = a, *y = b;
    if (x->reg != y->reg) return x->reg < y->reg ? -1 : 1;
    if (x->src != y->src) return x->src < y->src ? -1 : 1;
    return x->tseed < y->tseed ? -1 : x->tseed > y->tseed;
}

int gen_lives(gen_ctx *c)
{
    qsort(c->day.v, c->day.n, sizeof(gen_rec), cmp_rec);
    uint32_t seq1912 = 0;
    for (size_t i = 0; i < c->day.n; i++) {
        gen_rec *r = &GVEC_AT(&c->day, gen_rec, i);
        r->seq = r->src == GS_1912 ? ++seq1912 : r->src == GS_JP ? ++c->jp_seq : ++c->nm_seq;
    }
    for (size_t i = 0; i < c->day.n; i++) {
        gen_rec *r = &GVEC_AT(&c->day, gen_rec, i);
        int rc = 0;
        if (r->nev == 0) rc = r->src == GS_1912 ? life_1912(c, r) : life_app(c, r);
        if (rc || account_rec(c, r)) return -1;
    }
    return 0;
}
