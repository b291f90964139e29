/* nodata.h — when a window has no data: the one rule by which every report
 * shows "n/a" for a previous period instead of 0 and a change computed
 * against it (a previous month before the first export loaded, say). */
#ifndef NIVARAN_NODATA_H
#define NIVARAN_NODATA_H

#include "nivaran/compute/metrics.h"

/* 1 when f counts no record at all: none received, resolved, rejected,
 * judged (met or breached), open or overdue at its end; else 0 (a window
 * with only a backlog carried in has data). f NULL: 1. */
int nodata_figs(const nv_figs *f);

#endif
