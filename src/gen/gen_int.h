/* gen_int.h — internals shared by src/gen*.c (the sample generator of
 * include/nivaran/gen/gen.h). Not a public interface.
 *
 * Times here are IST wall-clock seconds since 1970-01-01 00:00 ("local
 * seconds": local day = t / 86400). A record's whole life is decided when it
 * is created (in registration order, day by day): a list of events (status
 * changes) with their times; events after the export instant E are dropped.
 * A row is the record's state after all events <= T; its text comes from the
 * record's own seed, so every row of one record spells things the same way. */
#ifndef NIVARAN_GEN_INT_H
#define NIVARAN_GEN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nivaran/gen/gen.h"
#include "nivaran/core/outfile.h"

enum { GS_1912, GS_JP, GS_NM, GS_N };

/* Categories (EXPORTS.md) plus UNMAPPED. */
enum {
    GC_NO_SUPPLY,
    GC_LINE,
    GC_TRANSFORMER,
    GC_VOLTAGE,
    GC_SAFETY,
    GC_BILLING,
    GC_PAYMENT,
    GC_DISCONN,
    GC_METER,
    GC_SMART,
    GC_NEWCONN,
    GC_LOADCH,
    GC_NAMECH,
    GC_CATCH,
    GC_INDUS,
    GC_UNMAPPED,
    GC_N
};
enum { GW_TECH, GW_COMM, GW_TEST, GW_PROJ, GW_NONE };

#define G_NSUB 24  /* subdivisions of the org chart */
#define G_NSUBX 26 /* plus two outside it (UNASSIGNED) */
#define G_NXEN 28
#define G_UNASSIGNED 28

/* Event kinds. */
enum {
    EV_OPEN,
    EV_ASSIGNED,
    EV_INPROG,
    EV_CLOSED,
    EV_REJECTED,
    EV_REOPENED,
    EV_FEEDBACK,
    EV_JP_SUBMITTED,
    EV_JP_DOCS,
    EV_JP_ESTIMATE,
    EV_JP_PAID,
    EV_JP_DONE,
    EV_JP_REJECTED,
    EV_NM_PENDING,
    EV_NM_UNDER,
    EV_NM_QUERY,
    EV_NM_APPROVED,
    EV_NM_REJECTED
};

#define G_MAXEV 10

/* Record flags. */
#define GF_OTP_N 0x01   /* closure not OTP-verified */
#define GF_NOTSAT 0x02  /* feedback NOT SATISFIED */
#define GF_ANOMALY 0x04 /* planted TIME_ANOMALY: shown closing before entry */
#define GF_DESK 0x08    /* closed by the bulk desk login (BULK_CLOSE plant) */
#define GF_HUG 0x10     /* chosen to close in the last SLA hour */
#define GF_FAST 0x20    /* chosen to close implausibly fast */
#define GF_REPEAT 0x40  /* chosen to get a same-category repeat complaint */
#define GF_PLANTED 0x80 /* a planted record: fixed life, skip background choices */

/* Planted life kinds (rec.plant). */
enum {
    GP_NONE,
    GP_ANOMALY,
    GP_BULK,
    GP_TOUT,
    GP_QJ_STUCK,
    GP_QJ_JUMP,
    GP_FAST_EDGE,
    GP_REP_ORIG,
    GP_FOLLOWUP,
    GP_DECOY_AREA,
    GP_UNMAPPED
};

typedef struct {
    int64_t t[G_MAXEV];
    uint8_t k[G_MAXEV];
    uint8_t nev;
    uint8_t src, cat, sub, xen, subtype;
    uint8_t flags, plant;
    uint8_t login;       /* closing login number; 0 = from the text seed */
    uint8_t final;       /* 0 open at E, 1 resolved, 2 rejected */
    uint32_t seq;        /* number in the record id */
    int64_t reg;         /* registration */
    int64_t disp;        /* final disposal if <= E (else planned, > E) */
    int64_t shown_close; /* TIME_ANOMALY: closing time written instead */
    int64_t fix_dur;     /* planted: fixed duration to final disposal (0: none) */
    uint64_t account;    /* 10-digit number, 0 = none */
    uint64_t mobile;     /* 10-digit number, 0 = none */
    uint64_t tseed;      /* text seed */
    uint64_t tout;       /* planted TOUT group (0 none) */
} gen_rec;

typedef struct {
    uint64_t s[4];
} gen_rng;

void grng_seed(gen_rng *r, uint64_t seed);
uint64_t grng_next(gen_rng *r);
double grng_unif(gen_rng *r);                           /* [0,1) */
int64_t grng_range(gen_rng *r, int64_t lo, int64_t hi); /* [lo,hi] */
double grng_normal(gen_rng *r);
int grng_poisson(gen_rng *r, double mean);
int grng_pick(gen_rng *r, const int *w, int n); /* index by weights */

/* A growable array of T. */
typedef struct {
    void *v;
    size_t n, cap, sz;
} gen_vec;
int gvec_push(gen_vec *a, const void *x); /* 0 ok, -1 no memory */
void gvec_free(gen_vec *a);
#define GVEC_AT(a, T, i) (((T *)(a)->v)[i])

/* Static tables (gen_tab.c). */
extern const char *const g_sub_name[G_NSUBX];
extern const char *const g_sub_code[G_NSUBX];
extern const char *const g_xen_id[G_NXEN + 1];
extern const char *const g_cat_name[GC_N];
extern const int g_cat_wing[GC_N];
int gen_xen_of(int wing, int sub); /* XEN index or G_UNASSIGNED */

/* Application queue history: (reg, disp) per (category, subdivision). */
typedef struct {
    int64_t reg, disp, pmax;
} gen_qent;

/* Officer-rate kinds, accumulated per XEN. */
enum { GA_HUG, GA_REJ, GA_OTPN, GA_NOTSAT, GA_FAST, GA_REPEAT, GA_N };

typedef struct {
    long resolved, rejected, hug, res1912, otpn, fb, notsat, fast, repeat;
} gen_xcount;

typedef struct {
    uint8_t code, src, xen;
    char id[24];
} gen_gt;

/* Pending repeat complaint (scheduled by an earlier record). */
typedef struct {
    int64_t reg, orig_disp;
    uint64_t account, mobile;
    uint8_t cat, sub, subtype, orig_xen, orig_src, in_window;
    char orig_id[24];
} gen_follow;

enum {
    GT_TIME_ANOMALY,
    GT_FAST_CLOSE,
    GT_BULK_CLOSE,
    GT_TOUT_PHONE,
    GT_QUEUE_JUMP,
    GT_REPEAT_AFTER_CLOSE,
    GT_DEADLINE_HUG,
    GT_HIGH_REJECTION,
    GT_UNVERIFIED_CLOSE,
    GT_DISSATISFIED,
    GT_FAST_CLOSE_RATE,
    GT_REPEAT_RATE,
    GT_N
};
extern const char *const g_gt_name[GT_N];

typedef struct {
    nv_outfile of;
    int open, crlf;
    long rows;
} gen_file;

typedef struct {
    const nv_gen_opts *o;
    gen_rng rng;
    int64_t first_day, end_day, E, W0;
    uint64_t seed_off;
    uint64_t acct_next, acct_n, noacct_next;
    uint32_t jp_seq, nm_seq;
    double rate[GA_N][G_NXEN + 1];
    double acc[GA_N][G_NXEN + 1];
    gen_vec q[GC_N][G_NSUBX]; /* of gen_qent, applications only */
    gen_vec follow;           /* of gen_follow */
    gen_vec day;              /* of gen_rec: today's new records */
    gen_vec live[GS_N];       /* nightly: records with changes to come */
    gen_vec gt;               /* of gen_gt */
    gen_vec manifest;         /* of gen_manifest_row */
    gen_xcount xc[G_NXEN + 1];
    long records[GS_N];
    gen_file snap[GS_N];
    char end_ymd[11];
} gen_ctx;

typedef struct {
    char name[96];
    uint8_t src;
    long rows;
} gen_manifest_row;

/* gen_life.c: background volumes and lives. */
int gen_day_background(gen_ctx *c, int64_t day); /* appends to c->day */
int gen_lives(gen_ctx *c);                       /* decides c->day lives */
int gen_add_rec(gen_ctx *c, int src, int cat, int sub, int64_t reg, gen_rec **out);
uint64_t gen_account(gen_ctx *c, uint64_t *mobile); /* fresh account + its mobile */
uint64_t gen_noacct_mobile(gen_ctx *c);
int gen_gt_add(gen_ctx *c, int code, const gen_rec *r);
void gen_record_id(const gen_rec *r, char *buf, size_t n);

/* gen_plant.c: planted records of a day (appended to c->day). */
int gen_day_plants(gen_ctx *c, int64_t day);
void gen_plant_rates(gen_ctx *c);

/* gen_text.c: rows. */
extern const char *const g_header[GS_N];
extern const char *const g_file_prefix[GS_N];
extern const char *const g_src_name[GS_N];
/* Writes r's row as of time T (state after events <= T). */
void gen_write_row(FILE *f, const gen_rec *r, int64_t T, int crlf);
/* Index of the last event <= T, or -1. */
int gen_last_event(const gen_rec *r, int64_t T);

#endif
