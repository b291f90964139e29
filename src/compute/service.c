/* service.c — the service figures of the MD's page 1 (METRICS.md, "Service
 * figures"). See include/nivaran/compute/service.h. */
#include "nivaran/compute/service.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/compute/metrics.h"
#include "nivaran/load/layout.h"
#include "nivaran/store/db.h"

/* The layout field each figure needs. */
static const nv_lfield SVC_FIELD[NV_SVC_N] = {LF_OTP_VERIFIED, LF_REOPEN_COUNT, LF_FEEDBACK};

/* Appends name to the comma-separated list (len bytes) unless it holds it. */
static void list_once(char *list, size_t len, const char *name)
{
    size_t n = strlen(name), k = strlen(list);
    for (const char *p = list; *p;) {
        const char *c = strchr(p, ',');
        size_t w = c ? (size_t)(c - p) : strlen(p);
        if (w == n && strncmp(p, name, n) == 0) return;
        p = c ? c + 1 : p + w;
    }
    if (k + n + 2 > len) return;
    snprintf(list + k, len - k, "%s%s", k ? "," : "", name);
}

nv_err service_carry_load(const char *templates_dir, const char *org, nv_service *s, nv_errbuf *eb)
{
    nv_layouts *set = NULL;
    memset(s->carry, 0, sizeof s->carry);
    if (!org) return NV_OK;
    nv_err e = layouts_load(templates_dir, &set, eb);
    for (size_t i = 0; e == NV_OK && i < layouts_count(set); i++) {
        const nv_layout *l = layouts_at(set, i);
        if (strcmp(l->organisation, org) != 0) continue;
        for (int f = 0; f < NV_SVC_N && e == NV_OK; f++) {
            nv_svc_carry *c = &s->carry[f];
            if (l->fields[SVC_FIELD[f]].n == 0) continue;
            if (c->n == SVC_MAX_LAYOUTS)
                e = nv_errf(eb, NV_ERR_CONFIG, "%s: more than %d layouts of %s", templates_dir,
                            SVC_MAX_LAYOUTS, org);
            else {
                snprintf(c->layout[c->n++], SVC_NAME_MAX, "%s", l->name);
                list_once(c->sources, sizeof c->sources, l->source);
            }
        }
    }
    layouts_free(set);
    return e;
}

static int carries(const nv_svc_carry *c, const char *layout)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->layout[i], layout) == 0) return 1;
    return 0;
}

nv_err service_count(sqlite3 *db, const nv_service *s, int64_t t0, int64_t t1,
                     nv_svc_ratio out[NV_SVC_N], int64_t *resolved, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int rc;
    memset(out, 0, NV_SVC_N * sizeof *out);
    *resolved = 0;
    nv_err e = db_prepare_named(db, "service_day", &st, eb);
    if (e) return e;
    if (sqlite3_bind_int64(st, 1, t0) != SQLITE_OK || sqlite3_bind_int64(st, 2, t1) != SQLITE_OK) {
        e = db_fail(db, eb, "service_day: bind");
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *layout = (const char *)sqlite3_column_text(st, 0);
        int64_t v[7];
        for (int i = 1; i < 7; i++)
            v[i] = sqlite3_column_int64(st, i);
        *resolved += v[1];
        if (!layout) continue;
        /* (num, den) of each figure: OTP Y of Y-or-N; reopened of resolved;
         * satisfied of given */
        const int64_t num[NV_SVC_N] = {v[2], v[4], v[5]}, den[NV_SVC_N] = {v[3], v[1], v[6]};
        for (int f = 0; f < NV_SVC_N; f++)
            if (carries(&s->carry[f], layout)) out[f].num += num[f], out[f].den += den[f];
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "service_day");
done:
    sqlite3_finalize(st);
    return e;
}

int service_pct_tenths(const nv_svc_ratio *r, int64_t *tenths)
{
    /* the one rounding of every figure shown: a ratio is met of judged */
    nv_figs f = {0};
    f.met = r->num;
    f.breached = r->den - r->num;
    return r->den > 0 && metrics_pct_tenths(&f, tenths);
}

void service_fmt_pct(const nv_svc_ratio *r, char *buf)
{
    int64_t t;
    buf[0] = 0;
    if (!service_pct_tenths(r, &t)) return;
    snprintf(buf, 32, "%" PRId64 ".%" PRId64, t / 10, t % 10);
}

nv_err service_build(const nv_report *r, const nv_figures *fig, nv_service *out, nv_errbuf *eb)
{
    nv_fig_group *g = NULL;
    size_t ng = 0;
    memset(out, 0, sizeof *out);
    const nv_fig_window *w = &fig->w[NV_FIG_REPORT], *p = &fig->w[NV_FIG_PREV];
    nv_err e = service_carry_load(r->templates_dir, r->org_name, out, eb);
    if (e || (e = service_count(r->db, out, w->t0, w->t1, out->cur, &out->resolved, eb)) ||
        (e = service_count(r->db, out, p->t0, p->t1, out->prev, &out->prev_resolved, eb)) ||
        (e = figures_groups(fig, FIG_BY_XEN, r->first_day, r->last_day, &g, &ng, eb)))
        goto done;
    for (size_t i = 0; i < ng; i++)
        for (int b = 0; b < FIG_BANDS; b++)
            out->band[b] += g[i].band[b];
done:
    free(g);
    return e;
}

nv_err service_of_report(const nv_report *r, nv_service *own, const nv_service **out, nv_errbuf *eb)
{
    nv_figures fown;
    const nv_figures *fig = NULL;
    *out = r->svc;
    if (r->svc) return NV_OK;
    nv_err e = figures_of_report(r, &fown, &fig, eb);
    if (e == NV_OK && (e = service_build(r, fig, own, eb)) == NV_OK) *out = own;
    figures_free(&fown);
    return e;
}
