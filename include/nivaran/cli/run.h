/* run.h — the jobs behind the commands: the nightly run (load, judge, flag,
 * render, manifest), ingest only, report only, and the demo.
 *
 * A run is all or nothing: it holds an exclusive lock on the database
 * (DB.lock, flock: a killed run leaves nothing stuck), one SQLite
 * transaction for all its writes, and a staging folder OUT/.LABEL.tmp-PID
 * that is renamed to OUT/LABEL just before the transaction commits (and
 * back when the commit fails). On any
 * failure the transaction is rolled back and the staging folder removed, so
 * the previous reports and the database are untouched. */
#ifndef NIVARAN_RUN_H
#define NIVARAN_RUN_H

#include <stdint.h>

#include "nivaran/core/err.h"

#define NV_PATH_MAX 4096

/* Every option of the command line (and of the INI config file). */
typedef struct {
    char command[16];
    char db[NV_PATH_MAX];
    char out[NV_PATH_MAX];
    char templates[NV_PATH_MAX]; /* resolved templates folder */
    char config[NV_PATH_MAX];
    char rejects[NV_PATH_MAX]; /* ingest: where to write rejects (optional) */
    char profile[64];
    char layout[64];
    char date[16]; /* YYYY-MM-DD; "" = yesterday in IST */
    char from[16]; /* "" = a day report */
    char page[8];  /* "a4" or "a3" */
    int keep_days; /* 0 = keep everything */
    int quiet;
    /* gen */
    int days;
    char end[16];
    uint64_t seed;
    int nightly;
    double scale;
    int no_plant;
    /* input files (argv, not owned) */
    char **files;
    int n_files;
    /* --allow-missing LAYOUT (repeatable): a source known to be down */
    char allow_missing[8][64];
    int n_allow_missing;
    int catch_up; /* run --catch-up: also every unreported day before --date */
    /* purge --personal-days N [--dry-run]; run --retain-personal-days N (0 = none) */
    int personal_days;
    int dry_run;
    int retain_personal_days;
    /* VERIFY.md: the call-back draw's salt ("" = none: a predictable list),
     * and run --reviews DIR (filled lists and workbooks read before the
     * reports; "" = none) */
    char verify_salt[256];
    char reviews[NV_PATH_MAX];
    /* run/report --full: the flag pass recomputes every record and the
     * officer rates come from the records (flags_update_records()) */
    int full;
} nv_opts;

/* The nightly job (`run`) and the report-only job (`report`, when
 * o->n_files == 0 and load is 0). Returns the process exit status of
 * OUTPUTS.md (0, 2, 3, 4 or 5; 1 for a bad configuration), with the reason
 * printed to stderr. */
int run_job(const nv_opts *o, int load);

/* `ingest`: load files only. Exit status as above. */
int run_ingest(const nv_opts *o);

/* `demo`: generate a month of sample exports ending yesterday, then run the
 * nightly job on them with the database OUT/demo.db. */
int run_demo(const nv_opts *o);

/* `purge`: erases the personal data of records disposed more than
 * o->personal_days days before --date (purge.h), or with o->dry_run prints
 * how many and changes nothing. The database must exist. Exit status as
 * above (1 for N below 90). */
int run_purge(const nv_opts *o);
/* `review`: reads the filled call-back lists and workbooks o->files into
 * the database (VERIFY.md), refused rows to o->rejects when given. Exit
 * status 0, or 3 when anything was refused; 1 when the database does not
 * exist; 2, 4 as for run. */
int run_review(const nv_opts *o);

/* `gen`. */
int run_gen(const nv_opts *o);

#endif
