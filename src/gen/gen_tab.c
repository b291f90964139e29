/* gen_tab.c — const tables, PRNG and growable arrays of the sample generator
 * (see gen_int.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen_int.h"

const char *const g_sub_name[G_NSUBX] = {
    "Kidwai Nagar",  "Govind Nagar",   "Kalyanpur",   "Panki",           "Kakadeo",
    "Swaroop Nagar", "Civil Lines",    "Jajmau",      "Chamanganj",      "Armapur",
    "Shastri Nagar", "Naubasta",       "Barra",       "Harjinder Nagar", "Rawatpur",
    "Gumti",         "Fazalganj",      "Keshavpuram", "Phoolbagh",       "Dada Nagar",
    "Daboli",        "Dehli Sujanpur", "Rama Devi",   "Yashoda Nagar",   "Bithoor",
    "Bilhaur"};

const char *const g_sub_code[G_NSUBX] = {
    "KDW", "GVN", "KLP", "PNK", "KKD", "SWN", "CVL", "JJM", "CMG", "ARM", "SHN", "NBS", "BRR",
    "HJN", "RWP", "GMT", "FZG", "KSP", "PHB", "DDN", "DBL", "DSJ", "RMD", "YSN", "BTH", "BLH"};

const char *const g_xen_id[G_NXEN + 1] = {
    "XEN-T01", "XEN-T02", "XEN-T03", "XEN-T04", "XEN-T05",   "XEN-T06", "XEN-T07", "XEN-T08",
    "XEN-T09", "XEN-T10", "XEN-T11", "XEN-T12", "XEN-C01",   "XEN-C02", "XEN-C03", "XEN-C04",
    "XEN-C05", "XEN-C06", "XEN-C07", "XEN-C08", "XEN-M01",   "XEN-M02", "XEN-M03", "XEN-M04",
    "XEN-P01", "XEN-P02", "XEN-P03", "XEN-P04", "UNASSIGNED"};

const char *const g_cat_name[GC_N] = {
    "NO_SUPPLY",      "LINE_BREAKDOWN", "TRANSFORMER",   "VOLTAGE",         "SAFETY",
    "BILLING",        "PAYMENT",        "DISCONNECTION", "METER",           "SMART_METER",
    "NEW_CONNECTION", "LOAD_CHANGE",    "NAME_CHANGE",   "CATEGORY_CHANGE", "INDUSTRIAL_CONNECTION",
    "UNMAPPED"};

const int g_cat_wing[GC_N] = {GW_TECH, GW_TECH, GW_TECH, GW_TECH, GW_TECH, GW_COMM,
                              GW_COMM, GW_COMM, GW_TEST, GW_TEST, GW_PROJ, GW_COMM,
                              GW_COMM, GW_COMM, GW_PROJ, GW_NONE};

const char *const g_gt_name[GT_N] = {"TIME_ANOMALY", "FAST_CLOSE",      "BULK_CLOSE",
                                     "TOUT_PHONE",   "QUEUE_JUMP",      "REPEAT_AFTER_CLOSE",
                                     "DEADLINE_HUG", "HIGH_REJECTION",  "UNVERIFIED_CLOSE",
                                     "DISSATISFIED", "FAST_CLOSE_RATE", "REPEAT_RATE"};

/* The org chart of kesco-org.csv: technical XENs cover 2 subdivisions each,
 * commercial 3, testing and project 6, in chart order. */
int gen_xen_of(int wing, int sub)
{
    if (sub < 0 || sub >= G_NSUB) return G_UNASSIGNED;
    switch (wing) {
    case GW_TECH:
        return sub / 2;
    case GW_COMM:
        return 12 + sub / 3;
    case GW_TEST:
        return 20 + sub / 6;
    case GW_PROJ:
        return 24 + sub / 6;
    default:
        return G_UNASSIGNED;
    }
}

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void grng_seed(gen_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
uint64_t grng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return res;
}

double grng_unif(gen_rng *r)
{
    return (double)(grng_next(r) >> 11) * 0x1.0p-53;
}

int64_t grng_range(gen_rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo) return lo;
    return lo + (int64_t)(grng_next(r) % (uint64_t)(hi - lo + 1));
}

double grng_normal(gen_rng *r)
{
    double u = grng_unif(r), v = grng_unif(r);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

int grng_poisson(gen_rng *r, double mean)
{
    if (mean <= 0) return 0;
    if (mean > 40) {
        double x = mean + sqrt(mean) * grng_normal(r);
        return x < 0 ? 0 : (int)(x + 0.5);
    }
    double l = exp(-mean), p = 1.0;
    int k = 0;
    do {
        k++;
        p *= grng_unif(r);
    } while (p > l);
    return k - 1;
}

int grng_pick(gen_rng *r, const int *w, int n)
{
    long tot = 0;
    for (int i = 0; i < n; i++)
        tot += w[i];
    long x = (long)(grng_next(r) % (uint64_t)tot);
    for (int i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

int gvec_push(gen_vec *a, const void *x)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 64;
        void *nv = realloc(a->v, nc * a->sz);
        if (!nv) return -1;
        a->v = nv;
        a->cap = nc;
    }
    memcpy((char *)a->v + a->n * a->sz, x, a->sz);
    a->n++;
    return 0;
}

void gvec_free(gen_vec *a)
{
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}
