/* service.h — the service figures of the MD's page 1 (METRICS.md, "Service
 * figures"), computed here and nowhere else.
 *
 * Over the complaints (not applications) resolved in a window, of the
 * layouts that carry the field (a layout template that maps it,
 * templates/layouts/ *.ini [fields]):
 *
 *   otp_confirmed_pct  OTP_VERIFIED = Y / (Y or N); an empty field takes no part
 *   reopened_pct       REOPEN_COUNT > 0 / resolved
 *   satisfied_pct      FEEDBACK = SATISFIED / (SATISFIED or NOT SATISFIED)
 *
 * each with one decimal (metrics_pct_tenths' rounding), empty when its
 * denominator is 0. A record disposed before it was registered (a time
 * anomaly) takes no part. The counts come from one query per window
 * (queries/service_day.sql, a range on the index of the resolution time).
 *
 * The night's set (nv_service) holds them for the report window and the
 * window before it (the day before, for a day report), beside the backlog
 * at the end of the window by age band, taken from the figures engine
 * (figures.h, FIG_BANDS) and not counted again. run builds it once and
 * hands it to the renderers through nv_report.svc. */
#ifndef NIVARAN_SERVICE_H
#define NIVARAN_SERVICE_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/compute/figures.h"
#include "nivaran/core/err.h"
#include "nivaran/core/report.h"

enum { NV_SVC_OTP, NV_SVC_REOPENED, NV_SVC_SATISFIED, NV_SVC_N };

#define SVC_MAX_LAYOUTS 32
#define SVC_NAME_MAX 128

/* The layouts of an organisation that carry one figure's field, and their
 * sources (each once, comma-separated, in template order: "1912"). */
typedef struct {
    int n;
    char layout[SVC_MAX_LAYOUTS][SVC_NAME_MAX];
    char sources[256];
} nv_svc_carry;

/* A figure as counted: num of den. */
typedef struct {
    int64_t num, den;
} nv_svc_ratio;

typedef struct nv_service {
    nv_svc_carry carry[NV_SVC_N];
    nv_svc_ratio cur[NV_SVC_N];      /* the report window */
    nv_svc_ratio prev[NV_SVC_N];     /* the window of the same length before it */
    int64_t resolved, prev_resolved; /* complaints resolved, all layouts */
    int64_t band[FIG_BANDS];         /* pending at the end of the window, by age (figures.h) */
} nv_service;

/* Fills s->carry from the layout templates of templates_dir whose
 * organisation is org (org NULL: none carries anything). Errors of
 * layouts_load(); NV_ERR_CONFIG beyond SVC_MAX_LAYOUTS layouts. */
nv_err service_carry_load(const char *templates_dir, const char *org, nv_service *s, nv_errbuf *eb);

/* The three figures over the complaints resolved in [t0, t1), counted over
 * the layouts of s->carry only (out[NV_SVC_*]; *resolved: complaints
 * resolved in it, whatever their layout). NV_ERR_DB. */
nv_err service_count(sqlite3 *db, const nv_service *s, int64_t t0, int64_t t1,
                     nv_svc_ratio out[NV_SVC_N], int64_t *resolved, nv_errbuf *eb);

/* 1 and *tenths = 1000 * num / den rounded half away from zero (as
 * metrics_pct_tenths) when den > 0; else 0. */
int service_pct_tenths(const nv_svc_ratio *r, int64_t *tenths);

/* "93.5", or "" when the denominator is 0. buf at least 32 bytes. */
void service_fmt_pct(const nv_svc_ratio *r, char *buf);

/* The night's set for r: carry (r->templates_dir, r->org_name), the
 * figures of fig's report window and previous window (NV_FIG_REPORT,
 * NV_FIG_PREV), and the backlog's age bands summed over every group of
 * fig (figures_groups at the end of the report). Errors of the above. */
nv_err service_build(const nv_report *r, const nv_figures *fig, nv_service *out, nv_errbuf *eb);

/* r->svc when the nightly job built it; else service_build() of r (its
 * figures by figures_of_report()) into *own, and *out = own. */
nv_err service_of_report(const nv_report *r, nv_service *own, const nv_service **out,
                         nv_errbuf *eb);

#endif
