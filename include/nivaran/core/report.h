/* report.h — what every renderer is given: the window, the zone, where to
 * write, which profile. Built by the command line (cli.c) for one day or one
 * period; renderers read it and never change it. */
#ifndef NIVARAN_REPORT_H
#define NIVARAN_REPORT_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/load/complete.h"
#include "nivaran/core/err.h"
#include "nivaran/load/ingest.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/compute/profile.h"

struct nv_figures;
struct nv_comp;
struct nv_service;
struct nv_names;

typedef struct {
    sqlite3 *db;
    const char *templates_dir; /* e.g. "templates" */
    const char *out_dir;       /* the (staging) day folder to write into */
    nv_tz tz;                  /* zone of the day boundaries */
    int64_t first_day;         /* local days since epoch, inclusive */
    int64_t last_day;          /* == first_day for a day report */
    int64_t d0, d1;            /* instants: start of first_day, start of last_day + 1 */
    char label[32];            /* folder name: "2024-12-01" or "2024-11-01_2024-12-01" */
    char report_date[32];      /* "2024-12-01" or "2024-11-01/2024-12-01" */
    const nv_profile *profile;
    int page_a3;                   /* notice board on A3 instead of A4 */
    const char *org_name;          /* "KESCO" or the layout's organisation name */
    const nv_input_result *inputs; /* this run's loads (none for `report`) */
    size_t n_inputs;
    const struct nv_figures *fig; /* the night's figures (figures.h), built once by
                                     run; NULL: each renderer builds its own */
    const char *sources;          /* the sources of the organisation's layouts,
                                     comma-separated (layouts_of_org), or NULL */
    const char *unfilled;         /* the fields none of them maps (layouts_of_org), or
                                     NULL: the workbooks leave out their columns */
    /* Compensation owed to consumers (compensation.h), computed once by run
     * for every renderer; NULL when the organisation has no schedule: then
     * no report shows anything of it. */
    const struct nv_comp *comp;
    /* The service figures of the MD's page 1 (service.h), built once by run
     * after the figures; NULL: a renderer builds its own. */
    const struct nv_service *svc;
    int lock_fd;      /* the run's DB.lock descriptor (> 0), which a forked child closes */
    int xlsx_workers; /* processes that finish the workbooks (xlsx_books.c): 0 one per
                         processor (at most 8, at most one per workbook), N at most N,
                         -1 none: this process writes them all, as on one processor */
    const nv_complete *complete; /* the last day's completeness (complete.h), or NULL */
    int withhold_public; /* 1: a layout sent nothing: no public output is written (exit 5) */
    /* The organisation's plain names of codes, digit grouping and zone name
     * (names.h), loaded once by run for every renderer; NULL: codes as they
     * are, Western grouping, the zone's name from its offset. */
    const struct nv_names *names;
} nv_report;

/* Fills the window fields of r for days first_day..last_day in zone tz. */
void report_set_window(nv_report *r, const nv_tz *tz, int64_t first_day, int64_t last_day);

#endif
