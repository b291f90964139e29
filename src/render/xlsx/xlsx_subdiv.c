/* xlsx_subdiv.c — subdivisions as the org chart spells them: the exports
 * write one subdivision several ways (ARMAPUR, Armapur, "Civil  Lines"); the
 * workbooks show the chart's spelling, matched on the key the loader stores
 * in record.subdivision_key (normalise.h norm_key). Without an org chart
 * (a city's layouts) the table stays empty and subdivisions show as found. */
#include <stdio.h>
#include <string.h>

#include "nivaran/load/normalise.h"
#include "nivaran/store/db.h"
#include "xlsx_int.h"

/* Each ';'-separated subdivision of list into temp.xlsx_subdiv (ins). */
static nv_err subdiv_insert(sqlite3 *db, sqlite3_stmt *ins, const char *list, nv_errbuf *eb)
{
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[256], key[256];
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = 0;
            norm_trim(name);
            norm_key(name, key, sizeof key);
            if (key[0]) {
                sqlite3_reset(ins);
                if (sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                    sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                    sqlite3_step(ins) != SQLITE_DONE)
                    return db_fail(db, eb, "xlsx_subdiv_ins");
            }
        }
        p = end ? end + 1 : NULL;
    }
    return NV_OK;
}

nv_err xlsx_subdiv_store(const nv_report *r, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL, *ins = NULL;
    int step = SQLITE_DONE;
    nv_err rc = db_prepare_named(r->db, "xlsx_org_subdivs", &st, eb);
    if (rc == NV_OK) rc = db_prepare_named(r->db, "xlsx_subdiv_ins", &ins, eb);
    while (rc == NV_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = subdiv_insert(r->db, ins, (const char *)sqlite3_column_text(st, 0), eb);
    if (rc == NV_OK && step != SQLITE_DONE) rc = db_fail(r->db, eb, "xlsx_org_subdivs");
    sqlite3_finalize(ins);
    sqlite3_finalize(st);
    return rc;
}
