/* org.h — the org chart: XENs, their wings and the subdivisions they cover.
 *
 * Read from a CSV template with header `xen_id,wing,subdivisions`
 * (subdivisions ';'-separated), e.g. templates/org/kesco-org.csv. A record's
 * XEN is the one whose wing equals the record's wing and whose subdivision
 * list holds the record's subdivision, compared ignoring case and repeated or
 * surrounding spaces. */
#ifndef NIVARAN_ORG_H
#define NIVARAN_ORG_H

#include <sqlite3.h>
#include <stddef.h>

#include "nivaran/core/err.h"

typedef struct {
    char xen_id[64];
    char wing[64];
    char subdivisions[1024]; /* as in the chart, ';'-separated */
} nv_org_xen;

typedef struct nv_org nv_org; /* opaque */

/* Loads the chart at path. NV_ERR_CONFIG with file and line on a bad row. The
 * result is the caller's, to free with org_free(). */
nv_err org_load(const char *path, nv_org **out, nv_errbuf *eb);
void org_free(nv_org *org);

/* Number of XENs and the i-th (in file order). */
size_t org_count(const nv_org *org);
const nv_org_xen *org_xen(const nv_org *org, size_t i);

/* The XEN id for (wing, subdivision), or NULL when none matches. The
 * returned string belongs to org. */
const char *org_lookup(const nv_org *org, const char *wing, const char *subdivision);

/* Writes "lower case, single spaces, trimmed" of s into buf (size n). */
void org_key(const char *s, char *buf, size_t n);

/* Replaces the org_xen table's rows with this chart (inside the caller's
 * transaction). */
nv_err org_store(const nv_org *org, sqlite3 *db, nv_errbuf *eb);

#endif
