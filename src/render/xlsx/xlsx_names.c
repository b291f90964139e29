/* xlsx_names.c — codes and zones as the workbooks' readers read them
 * (xlsx_int.h; core/names.h). */
#include <stdio.h>
#include <string.h>

#include "nivaran/core/names.h"
#include "xlsx_int.h"

int xlsx_names_kind(const char *value)
{
    static const char *const kinds[NAMES_KINDS] = {"category", "flag", "wing", "status"};
    for (int i = 0; i < NAMES_KINDS; i++)
        if (strcmp(value, kinds[i]) == 0) return 1 + i;
    return 0;
}

const char *xlsx_name(const xlsx_ctx *c, int kind, const char *code, char *buf, size_t n)
{
    const nv_names *nm = c->r->names;
    const char *en = names_get(nm, (names_kind)kind, code, NAMES_EN);
    const char *hi = names_get(nm, (names_kind)kind, code, NAMES_HI);
    if (c->bilingual && strcmp(en, hi) != 0)
        snprintf(buf, n, "%s / %s", en, hi);
    else
        snprintf(buf, n, "%s", en);
    return buf;
}

void xlsx_zone(const xlsx_ctx *c, char *buf, size_t n)
{
    names_zone(c->r->names, &c->tz, c->r->d1, buf, n);
}
