/* queries.c — see include/nivaran/store/queries.h. */
#include "nivaran/store/queries.h"

#include <string.h>

const char *queries_get(const char *name)
{
    for (const struct nv_query *q = nv_queries; q->name; q++)
        if (strcmp(q->name, name) == 0) return q->sql;
    return NULL;
}
