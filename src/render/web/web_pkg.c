/* web_pkg.c — open-data/datapackage.json, the Frictionless Data Package (v1)
 * of the open data (PUBLIC.md). See include/nivaran/render/web/web.h. Adding an
 * open-data CSV to the package is one entry of the resource table below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nivaran/core/outfile.h"
#include "nivaran/render/web/web.h"
#include "web_int.h"

/* The figures' definitions are METRICS.md's, in words. */
#define F_DATE                                                                                     \
    {                                                                                              \
        "report_date", "report_date",                                                              \
            "The report day (YYYY-MM-DD, local time of the organisation); in a period's files "    \
            "FROM/TO"                                                                              \
    }
#define F_WING                                                                                     \
    {                                                                                              \
        "wing", "string",                                                                          \
            "The wing (department) the records belong to; ALL is the organisation as a whole"      \
    }
#define F_COUNTS                                                                                   \
    {"received", "integer", "Records registered in the window"},                                   \
        {"resolved", "integer", "Records resolved in the window"},                                 \
        {"rejected", "integer", "Records rejected in the window"},                                 \
        {"met", "integer",                                                                         \
         "Records whose outcome was decided in the window by being resolved within their time "    \
         "limit"},                                                                                 \
        {"breached", "integer",                                                                    \
         "Records whose time limit ended in the window without their being resolved in time"},     \
        {"compliance_pct", "number",                                                               \
         "100 * met / (met + breached), one decimal; empty when nothing was judged"},              \
        {"median_hours", "number",                                                                 \
         "Median hours from registration to resolution of the records resolved in the window "     \
         "(nearest rank), two decimals; empty when none"},                                         \
        {"p90_hours", "number",                                                                    \
         "90th percentile of those hours (nearest rank), two decimals; empty when none"},          \
        {"pending_end", "integer",                                                                 \
         "Records registered before the end of the window and still "                              \
         "open at its end"},                                                                       \
    {                                                                                              \
        "overdue_end", "integer",                                                                  \
            "Pending records whose time limit had passed at the end of "                           \
            "the window"                                                                           \
    }

static const web_field wing_fields[] = {F_DATE, F_WING, F_COUNTS};
static const web_field xen_fields[] = {F_DATE,
                                       F_WING,
                                       {"xen_id", "string",
                                        "The executive engineer's division (XEN) or, for other "
                                        "organisations, the unit the records are assigned to"},
                                       F_COUNTS};

static const web_field comp_fields[] = {
    F_DATE,
    F_WING,
    {"owed_records", "integer",
     "Records resolved in the window after their statutory time limit (UPERC Standards of "
     "Performance): compensation is owed to the consumer for each day or part of a day late"},
    {"owed_rupees", "integer",
     "The compensation owed on those records, in rupees: days late times the category's rate "
     "per day, before the annual cap"},
    {"accruing_records", "integer",
     "Records still pending at the end of the window and past their statutory time limit"},
    {"accruing_rupees", "integer",
     "The compensation those records have run up so far, in rupees, before the annual cap"}};

static const web_resource resources[] = {
    {"sla_by_wing", "Complaint redressal figures per wing",
     "The day's figures of every wing and of the organisation (wing ALL): received, resolved, "
     "rejected, within the time limit, median and 90th percentile hours, backlog at the end",
     wing_fields, sizeof wing_fields / sizeof *wing_fields},
    {"sla_by_xen", "Complaint redressal figures per division",
     "The same figures per executive engineer's division (XEN), one row per division of the org "
     "chart, zeros included",
     xen_fields, sizeof xen_fields / sizeof *xen_fields},
    {"compensation_by_wing", "Compensation owed to consumers for late service, per wing",
     "Per wing and for the organisation (ALL): the records resolved late against the statutory "
     "time limits and the rupees owed on them, and those still open past their limit and the "
     "rupees accruing (COMPENSATION.md's rules; before the annual cap)",
     comp_fields, sizeof comp_fields / sizeof *comp_fields},
};

const web_resource *web_resources(size_t *n)
{
    *n = sizeof resources / sizeof *resources;
    return resources;
}

/* 1 when the file's first line is exactly the entry's field names joined
 * by ','; 0 when it differs; -1 when there is no file. */
static int header_matches(const char *path, const web_resource *res)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char line[4096];
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!ok) return 0;
    line[strcspn(line, "\r\n")] = 0;
    const char *p = line;
    for (size_t i = 0; i < res->n_fields; i++) {
        size_t k = strlen(res->fields[i].name);
        if (strncmp(p, res->fields[i].name, k) != 0) return 0;
        p += k;
        if (i + 1 < res->n_fields && *p++ != ',') return 0;
    }
    return *p == 0;
}

/* A JSON "key": "value" pair, value escaped. */
static void jpair(FILE *f, const char *indent, const char *key, const char *val, int comma)
{
    fprintf(f, "%s\"%s\": \"", indent, key);
    web_json_escape(f, val);
    fprintf(f, "\"%s\n", comma ? "," : "");
}

static void put_resource(FILE *f, const web_resource *res, int period, int comma)
{
    char path[300];
    snprintf(path, sizeof path, "%s.csv", res->name);
    fputs("    {\n", f);
    jpair(f, "      ", "name", res->name, 1);
    jpair(f, "      ", "path", path, 1);
    jpair(f, "      ", "title", res->title, 1);
    jpair(f, "      ", "description", res->description, 1);
    jpair(f, "      ", "profile", "tabular-data-resource", 1);
    jpair(f, "      ", "format", "csv", 1);
    jpair(f, "      ", "mediatype", "text/csv", 1);
    jpair(f, "      ", "encoding", "utf-8", 1);
    fputs("      \"schema\": {\n        \"fields\": [\n", f);
    for (size_t i = 0; i < res->n_fields; i++) {
        const web_field *x = &res->fields[i];
        const char *type = strcmp(x->type, "report_date") ? x->type : period ? "string" : "date";
        fputs("          {\n", f);
        jpair(f, "            ", "name", x->name, 1);
        jpair(f, "            ", "type", type, 1);
        jpair(f, "            ", "description", x->description, 0);
        fprintf(f, "          }%s\n", i + 1 < res->n_fields ? "," : "");
    }
    fputs("        ],\n        \"missingValues\": [\"\"]\n      }\n", f);
    fprintf(f, "    }%s\n", comma ? "," : "");
}

/* Copies tpl into out, {org} and {date} replaced by org and date. */
static void fill_od(const char *tpl, const char *org, const char *date, char *out, size_t len)
{
    size_t k = 0;
    while (*tpl && k + 1 < len) {
        const char *v = strncmp(tpl, "{org}", 5) == 0    ? org
                        : strncmp(tpl, "{date}", 6) == 0 ? date
                                                         : NULL;
        if (!v) {
            out[k++] = *tpl++;
            continue;
        }
        int w = snprintf(out + k, len - k, "%s", v);
        k = w > 0 && (size_t)w < len - k ? k + (size_t)w : len - 1;
        tpl += v == org ? 5 : 6;
    }
    out[k] = 0;
}

/* The package's name: "SLUG-complaint-figures-LABEL", lower case, every
 * other character than a-z, 0-9, '.', '_' as '-'. */
static void package_name(const nv_report *r, char *out, size_t len)
{
    char raw[400];
    snprintf(raw, sizeof raw, "%s-complaint-figures-%s", r->org_name ? r->org_name : "", r->label);
    size_t k = 0;
    for (const char *p = raw; *p && k + 1 < len; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
        if (!keep && (k == 0 || out[k - 1] == '-')) continue;
        out[k++] = keep ? c : '-';
    }
    out[k] = 0;
}

static nv_err put_package(FILE *f, const nv_report *r, const nv_tpl *t, const int *have,
                          nv_errbuf *eb)
{
    const char *title, *desc, *lic_title, *lic_path;
    nv_err e;
    if ((e = tpl_need(t, "package", "title", &title, eb)) ||
        (e = tpl_need(t, "package", "description", &desc, eb)) ||
        (e = tpl_need(t, "package", "license_title", &lic_title, eb)) ||
        (e = tpl_need(t, "package", "license_path", &lic_path, eb)))
        return e;
    const char *lic_name = tpl_get(t, "package", "license_name");
    const char *org = r->org_name ? r->org_name : "";
    char name[300], buf[1200];
    size_t n;
    const web_resource *res = web_resources(&n);
    package_name(r, name, sizeof name);
    fputs("{\n", f);
    jpair(f, "  ", "profile", "tabular-data-package", 1);
    jpair(f, "  ", "name", name, 1);
    fill_od(title, org, r->report_date, buf, sizeof buf);
    jpair(f, "  ", "title", buf, 1);
    fill_od(desc, org, r->report_date, buf, sizeof buf);
    jpair(f, "  ", "description", buf, 1);
    fputs("  \"licenses\": [\n    {\n", f);
    if (lic_name) jpair(f, "      ", "name", lic_name, 1);
    jpair(f, "      ", "path", lic_path, 1);
    jpair(f, "      ", "title", lic_title, 0);
    fputs("    }\n  ],\n  \"resources\": [\n", f);
    size_t last = n;
    for (size_t i = 0; i < n; i++)
        if (have[i]) last = i;
    for (size_t i = 0; i < n; i++)
        if (have[i]) put_resource(f, &res[i], r->last_day > r->first_day, i != last);
    fputs("  ]\n}\n", f);
    return NV_OK;
}

nv_err web_write_package(const nv_report *r, nv_errbuf *eb)
{
    char path[4200];
    size_t n;
    const web_resource *res = web_resources(&n);
    int have[16] = {0};
    nv_tpl t;
    nv_outfile o;
    o.f = NULL;
    if (n > sizeof have / sizeof *have)
        return nv_errf(eb, NV_ERR_INTERNAL, "datapackage: too many resources");
    for (size_t i = 0; i < n; i++) {
        if (snprintf(path, sizeof path, "%s/open-data/%s.csv", r->out_dir, res[i].name) >=
            (int)sizeof path)
            return nv_errf(eb, NV_ERR_IO, "%s: path too long", r->out_dir);
        int m = header_matches(path, &res[i]);
        if (m == 0)
            return nv_errf(eb, NV_ERR_INTERNAL,
                           "%s: header differs from the datapackage's fields (web_pkg.c)", path);
        have[i] = m == 1;
    }
    nv_err e = tpl_load_org(r->templates_dir, "web", "web", r->org_name, &t, eb);
    if (e) goto done;
    snprintf(path, sizeof path, "%s/open-data/datapackage.json", r->out_dir);
    if ((e = outfile_open(&o, path, eb))) goto done;
    if ((e = put_package(o.f, r, &t, have, eb))) goto done;
    e = outfile_commit(&o, eb);
    o.f = NULL;
done:
    if (o.f) outfile_abort(&o);
    tpl_free(&t);
    return e;
}
