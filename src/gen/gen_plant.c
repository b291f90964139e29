/* gen_plant.c — the planted risk patterns of the sample generator (see
 * gen_int.h and FLAGS.md), and the per-XEN target rates that make the
 * officer-level outliers. Every plant is placed relative to the period so that
 * it fits any run of enough days; plants that need more days than the run has
 * are left out (QUEUE_JUMP needs 3 days, the 72 h REPEAT edge 4). */
#include <string.h>

#include "gen_int.h"

#define H 3600
#define DAY 86400

/* Background rates (share of an XEN's records), spread +-40% over XENs, and
 * the planted outliers: DEADLINE_HUG XEN-T03, HIGH_REJECTION XEN-C02,
 * UNVERIFIED_CLOSE XEN-T08, DISSATISFIED XEN-M02, FAST_CLOSE_RATE XEN-T05,
 * REPEAT_RATE XEN-T10. */
void gen_plant_rates(gen_ctx *c)
{
    static const double base[GA_N] = {0.03, 0.04, 0.06, 0.25, 0.01, 0.012};
    static const int out_xen[GA_N] = {2, 13, 7, 21, 4, 9};
    static const double out_rate[GA_N] = {0.30, 0.25, 0.45, 0.75, 0.12, 0.12};
    unsigned ph = (unsigned)(c->seed_off % 28);
    for (int k = 0; k < GA_N; k++) {
        for (int x = 0; x < G_NXEN; x++) {
            /* Evenly spread from 0.6 to 1.4 of the base: the quartiles sit
             * near 0.8 and 1.2, the fence near 1.8, well above 1.4. */
            unsigned rank = ((unsigned)x * 11u + (unsigned)k * 5u + ph) % 28u;
            c->rate[k][x] = base[k] * (0.6 + 0.8 * rank / 27.0);
            c->acc[k][x] = 0.5;
        }
        c->rate[k][G_UNASSIGNED] = 0;
        if (c->o->plant) c->rate[k][out_xen[k]] = out_rate[k];
    }
}

static gen_rec *plant(gen_ctx *c, int src, int cat, int sub, int64_t reg, int kind, int64_t fix_dur)
{
    gen_rec *r;
    if (gen_add_rec(c, src, cat, sub, reg, &r)) return NULL;
    r->flags |= GF_PLANTED;
    r->plant = (uint8_t)kind;
    r->fix_dur = fix_dur;
    return r;
}

static int plant_anomaly(gen_ctx *c, int64_t day, int s)
{
    int64_t reg = day * DAY + 14 * H + s * 7 * 60;
    gen_rec *r =
        plant(c, GS_1912, s == 1 ? GC_BILLING : GC_NO_SUPPLY, 3 + 7 * s, reg, GP_ANOMALY, 0);
    if (!r) return -1;
    r->flags |= GF_ANOMALY;
    r->t[0] = reg;
    r->k[0] = EV_OPEN;
    r->t[1] = reg + 600;
    r->k[1] = EV_ASSIGNED;
    r->t[2] = reg + 3 * H;
    r->k[2] = EV_CLOSED;
    r->nev = 3;
    r->shown_close = reg - 95 * 60;
    r->disp = r->shown_close;
    r->final = 1;
    return 0;
}

/* BULK_CLOSE: a desk login closes 12 commercial complaints of XEN-C05's three
 * subdivisions at night within 14 minutes. Decoy: one JE login closes 12
 * complaints of one subdivision within 10 minutes (restored supply). */
static int plant_bulk(gen_ctx *c, int64_t day)
{
    for (int k = 0; k < 12; k++) {
        int64_t reg = day * DAY + 8 * H + k * 50 * 60 + 17;
        int64_t cl = (day + 1) * DAY + 1 * H + k * 75;
        gen_rec *r =
            plant(c, GS_1912, k % 2 ? GC_PAYMENT : GC_BILLING, 12 + k % 3, reg, GP_BULK, cl - reg);
        if (!r) return -1;
        r->flags |= GF_DESK;
    }
    for (int k = 0; k < 12; k++) {
        int64_t reg = day * DAY + 18 * H + k * 20 * 60 + 41;
        int64_t cl = (day + 1) * DAY + 30 * 60 + k * 50;
        gen_rec *r = plant(c, GS_1912, GC_NO_SUPPLY, 16, reg, GP_DECOY_AREA, cl - reg);
        if (!r) return -1;
        r->login = 1;
    }
    return 0;
}

/* TOUT_PHONE: group 1 — one mobile on 3 Jhatpat new connections (no account)
 * and 2 complaints of different accounts; group 2 — one mobile on 4 records of
 * 4 accounts (exactly the threshold); group 3 (decoy) — 3 accounts only. */
static int plant_tout(gen_ctx *c, int64_t day, int i, int n)
{
    uint64_t base = 7000000000ULL + (c->seed_off % 99991) * 1000;
    for (int k = 0; k < 5; k++) {
        if (i != (k < n ? k : n - 1)) continue;
        int src = k % 2 ? GS_1912 : GS_JP;
        gen_rec *r = plant(c, src, k % 2 ? GC_NO_SUPPLY : GC_NEWCONN, 4 + k,
                           day * DAY + (10 + k) * H + 5 * 60, GP_TOUT, 0);
        if (!r) return -1;
        r->mobile = base + 11;
        r->tout = 1;
    }
    for (int k = 0; k < 4; k++) {
        if (i != (k + 1 < n ? k + 1 : n - 1)) continue;
        static const int src[4] = {GS_JP, GS_JP, GS_NM, GS_JP};
        static const int cat[4] = {GC_NEWCONN, GC_NEWCONN, GC_INDUS, GC_LOADCH};
        gen_rec *r =
            plant(c, src[k], cat[k], 10 + k, day * DAY + (12 + k) * H + 20 * 60, GP_TOUT, 0);
        if (!r) return -1;
        r->mobile = base + 22;
        r->tout = 2;
    }
    if (i == 0)
        for (int k = 0; k < 3; k++) {
            gen_rec *r = plant(c, GS_1912, GC_BILLING, 20, day * DAY + (9 + k) * H, GP_TOUT, 0);
            if (!r) return -1;
            r->mobile = base + 33;
            r->tout = 3;
        }
    return 0;
}

/* QUEUE_JUMP: three applications stuck for 7 days, then one registered 48 h
 * later resolved in hours — in a Jhatpat new-connection queue (Kalyanpur) and a
 * Nivesh Mitra industrial queue (Panki); a decoy with two stuck (Civil Lines,
 * load change). */
static int plant_qj(gen_ctx *c, int64_t day, int i, int qi)
{
    struct {
        int src, cat, sub, nstuck;
        int64_t t0, jump_at, jump_dur;
    } q[3] = {{GS_JP, GC_NEWCONN, 2, 3, 9 * H, 2 * DAY + 13 * H, 7 * H},
              {GS_NM, GC_INDUS, 3, 3, 11 * H, 2 * DAY + 12 * H + 30 * 60, 9 * H},
              {GS_JP, GC_LOADCH, 6, 2, 10 * H, 2 * DAY + 15 * H, 5 * H}};
    for (int k = 0; k < 3; k++) {
        if (i == qi)
            for (int s = 0; s < q[k].nstuck; s++)
                if (!plant(c, q[k].src, q[k].cat, q[k].sub, day * DAY + q[k].t0 + s * 20 * 60,
                           GP_QJ_STUCK, 0))
                    return -1;
        if (i == qi + 2)
            if (!plant(c, q[k].src, q[k].cat, q[k].sub, (day - 2) * DAY + q[k].jump_at, GP_QJ_JUMP,
                       q[k].jump_dur))
                return -1;
    }
    return 0;
}

int gen_day_plants(gen_ctx *c, int64_t day)
{
    int n = c->o->days, i = (int)(day - c->first_day);
    int an[3] = {n / 3, 2 * n / 3, n - 1};
    for (int s = 0; s < 3; s++)
        if (i == an[s] && (s == 0 || an[s] != an[s - 1]) && plant_anomaly(c, day, s)) return -1;
    if (n >= 2 && i == (n - 1) / 2 && plant_bulk(c, day)) return -1;
    if (plant_tout(c, day, i, n)) return -1;
    if (n >= 3 && plant_qj(c, day, i, (n - 3) / 2)) return -1;
    if (i == n / 2) {
        /* FAST_CLOSE: a transformer "replaced" in 20 minutes, a line in 19:59;
         * edge not flagged: a transformer in exactly 60 minutes. */
        if (!plant(c, GS_1912, GC_TRANSFORMER, 8, day * DAY + 16 * H, GP_FAST_EDGE, 20 * 60) ||
            !plant(c, GS_1912, GC_LINE, 17, day * DAY + 16 * H + 600, GP_FAST_EDGE, 1199) ||
            !plant(c, GS_1912, GC_TRANSFORMER, 9, day * DAY + 15 * H, GP_FAST_EDGE, 3600))
            return -1;
    }
    if (n >= 4 && i == n - 4) {
        /* REPEAT_AFTER_CLOSE edges: a repeat exactly 72 h after the closure
         * (flagged) and one 72 h 1 min after (not flagged). */
        gen_rec *a = plant(c, GS_1912, GC_NO_SUPPLY, 20, day * DAY + 8 * H, GP_REP_ORIG, 2 * H);
        if (!a) return -1;
        if (!plant(c, GS_1912, GC_VOLTAGE, 21, day * DAY + 8 * H + 1800, GP_REP_ORIG, 2 * H))
            return -1;
    }
    return 0;
}
