/* datewords.c — days as a reader says them. See include/nivaran/core/datewords.h. */
#include "nivaran/core/datewords.h"

#include <stdio.h>
#include <string.h>

#include "nivaran/core/nvtime.h"

nv_err datewords_months(const nv_tpl *t, const char *sec, nv_months *out, nv_errbuf *eb)
{
    char key[16], a[256], b[256];
    memset(out, 0, sizeof *out);
    for (int m = 0; m < 12; m++) {
        const char *v = NULL;
        snprintf(key, sizeof key, "%d", m + 1);
        nv_err e = tpl_need(t, sec, key, &v, eb);
        if (e) return e;
        tpl_split(v, a, b, sizeof a);
        snprintf(out->name[0][m], DATEWORDS_NAME, "%.47s", a);
        snprintf(out->name[1][m], DATEWORDS_NAME, "%.47s", b[0] ? b : a);
    }
    return NV_OK;
}

void datewords_range(const nv_months *m, int lang, int64_t first_day, int64_t last_day, char *buf,
                     size_t n)
{
    int y0, m0, d0, y1, m1, d1;
    const char(*name)[DATEWORDS_NAME] = m->name[lang ? 1 : 0];
    nvt_civil_from_days(first_day, &y0, &m0, &d0);
    nvt_civil_from_days(last_day, &y1, &m1, &d1);
    if (first_day >= last_day)
        snprintf(buf, n, "%d %s %d", d1, name[m1 - 1], y1);
    else if (y0 == y1 && m0 == m1)
        snprintf(buf, n, "%d-%d %s %d", d0, d1, name[m1 - 1], y1);
    else if (y0 == y1)
        snprintf(buf, n, "%d %s - %d %s %d", d0, name[m0 - 1], d1, name[m1 - 1], y1);
    else
        snprintf(buf, n, "%d %s %d - %d %s %d", d0, name[m0 - 1], y0, d1, name[m1 - 1], y1);
}
