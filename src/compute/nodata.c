/* nodata.c — see include/nivaran/compute/nodata.h. */
#include "nivaran/compute/nodata.h"

#include <stddef.h>

int nodata_figs(const nv_figs *f)
{
    return !f || (f->received == 0 && f->resolved == 0 && f->rejected == 0 && f->met == 0 &&
                  f->breached == 0 && f->pending_end == 0 && f->overdue_end == 0);
}
