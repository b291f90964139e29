/* manifest.h — manifest.json of a run (OUTPUTS.md): inputs with their sha256,
 * layout and row counts, outputs with their sha256, seconds per stage, the
 * SLA profile, and the sha256 of every template.
 *
 * Everything but "seconds" depends only on the inputs, the templates and the
 * database, so two runs of the same night differ only there. */
#ifndef NIVARAN_MANIFEST_H
#define NIVARAN_MANIFEST_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "nivaran/core/err.h"
#include "nivaran/core/report.h"

#define MANIFEST_MAX_STAGES 16

typedef struct {
    char profile[64];
    char db[4096];
    struct timespec last;
    double last_cpu; /* user + system seconds of the process and its ended
                        children (the workbook writers) at the last mark */
    int n;
    struct {
        char name[24];
        double s;   /* wall-clock seconds */
        double cpu; /* CPU seconds (user + system): steady on a busy machine */
    } stage[MANIFEST_MAX_STAGES];
} nv_manifest;

/* Starts the clock. Holds no allocations (manifest_free is for symmetry). */
void manifest_init(nv_manifest *m, const char *profile, const char *db);

/* Records the wall-clock and CPU seconds since the previous mark under name
 * (repeated names add up). manifest.json carries both: "seconds" (wall) and
 * "cpu_seconds". */
void manifest_stage(nv_manifest *m, const char *name);

/* Writes day_dir/manifest.json atomically: hashes every input in inputs and
 * every file under day_dir (paths relative to it, sorted, manifest.json
 * itself excluded) and every file under templates_dir. */
nv_err manifest_write(nv_manifest *m, const char *day_dir, const nv_report *r,
                      const char *templates_dir, const nv_input_result *inputs, size_t n_inputs,
                      nv_errbuf *eb);

void manifest_free(nv_manifest *m);

/* Writes s as a JSON string literal (quotes included, escapes applied). */
void manifest_json_str(FILE *f, const char *s);

#endif
