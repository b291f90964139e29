/* complete.c — the day's completeness; see include/nivaran/load/complete.h. */
#include "nivaran/load/complete.h"

#include <stdio.h>
#include <string.h>

#include "nivaran/store/db.h"
#include "nivaran/load/layout.h"
#include "nivaran/core/nvtime.h"

/* 1 when layout l sent data for the day, 0 when not; -1 on error (eb). */
static int layout_sent(sqlite3_stmt *st, const char *layout, const char *ymd, int64_t d0,
                       int64_t d1)
{
    int got = -1;
    sqlite3_reset(st);
    if (sqlite3_bind_text(st, 1, layout, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, ymd, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 3, d0) != SQLITE_OK || sqlite3_bind_int64(st, 4, d1) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) got = sqlite3_column_int(st, 0) != 0;
    return got;
}

nv_err complete_check(sqlite3 *db, const char *templates_dir, const char *org, int64_t day,
                      int64_t d0, int64_t d1, const char (*allow)[64], int n_allow,
                      nv_complete *out, nv_errbuf *eb)
{
    nv_layouts *set = NULL;
    sqlite3_stmt *st = NULL;
    char ymd[11];
    nv_err e;
    memset(out, 0, sizeof *out);
    nvt_format_ymd(day, ymd);
    if ((e = layouts_load(templates_dir, &set, eb))) return e;
    for (int k = 0; k < n_allow; k++)
        if (!layouts_find(set, allow[k])) {
            e = nv_errf(eb, NV_ERR_CONFIG, "--allow-missing %s: no such layout", allow[k]);
            goto done;
        }
    if ((e = db_prepare_named(db, "complete_layout_day", &st, eb))) goto done;
    for (size_t i = 0; i < layouts_count(set) && out->n < COMPLETE_MAX; i++) {
        const nv_layout *l = layouts_at(set, i);
        if (strcmp(l->organisation, org) != 0) continue;
        size_t k = out->n++;
        snprintf(out->layout[k], sizeof out->layout[k], "%s", l->name);
        int sent = layout_sent(st, l->name, ymd, d0, d1);
        if (sent < 0) {
            e = db_fail(db, eb, "complete_layout_day");
            goto done;
        }
        out->missing[k] = !sent;
        out->excused[k] = l->optional;
        for (int a = 0; a < n_allow; a++)
            if (!strcmp(allow[a], l->name)) out->excused[k] = 1;
        if (out->missing[k] && out->excused[k]) out->n_excused++;
        if (out->missing[k] && !out->excused[k]) out->n_missing++;
    }
done:
    sqlite3_finalize(st);
    layouts_free(set);
    return e;
}

void complete_names(const nv_complete *c, int excused, char *buf, size_t n)
{
    size_t k = 0;
    if (n) buf[0] = 0;
    for (size_t i = 0; i < c->n && k + 1 < n; i++) {
        if (!c->missing[i] || (c->excused[i] != 0) != (excused != 0)) continue;
        int w = snprintf(buf + k, n - k, "%s%s", k ? ", " : "", c->layout[i]);
        if (w < 0) break;
        k += (size_t)w < n - k ? (size_t)w : n - k - 1;
    }
}
