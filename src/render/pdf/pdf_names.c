/* pdf_names.c — codes, counts, times and missing figures as the PDFs'
 * readers read them: the renderers' side of core/names (pdf_int.h). */
#include <math.h>
#include <stdio.h>

#include "nivaran/compute/nodata.h"
#include "nivaran/core/names.h"
#include "nivaran/core/numfmt.h"
#include "pdf_int.h"

void pdf_count(const nv_report *r, int64_t v, char *buf, size_t n)
{
    if (names_count(r ? r->names : NULL, v, buf, n) < 0) snprintf(buf, n, "%lld", (long long)v);
}

void pdf_count_tenths(const nv_report *r, double v, char *buf, size_t n)
{
    int64_t t = (int64_t)llround(v * 10);
    char g[NUMFMT_MAX + 8];
    pdf_count(r, t / 10, g, sizeof g);
    snprintf(buf, n, "%s.%d", g, (int)(t % 10));
}

const char *pdf_name(const nv_report *r, int kind, const char *code)
{
    return names_get(r ? r->names : NULL, (names_kind)kind, code, NAMES_EN);
}

const char *pdf_name_hi(const nv_report *r, int kind, const char *code)
{
    return names_get(r ? r->names : NULL, (names_kind)kind, code, NAMES_HI);
}

const char *pdf_na(const nv_report *r)
{
    return names_na(r ? r->names : NULL, NAMES_EN);
}

void pdf_prev_na(const nv_figs *prev, const nv_figs *week, double *v, double *avg_prev,
                 double *avg_week)
{
    if (nodata_figs(prev)) *v = *avg_prev = NAN;
    if (week && nodata_figs(week)) *avg_week = NAN;
}

void pdf_fmt_delta(double v, int decimals, char *buf, size_t n)
{
    double r = decimals ? round(v * 10) / 10 : round(v);
    if (r == 0)
        snprintf(buf, n, "%s", decimals ? "0.0" : "0");
    else
        snprintf(buf, n, decimals ? "%+.1f" : "%+.0f", r);
}
