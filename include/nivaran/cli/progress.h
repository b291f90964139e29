/* progress.h — progress on stderr: a bar with rows per second when stderr is
 * a terminal, plain log lines otherwise, nothing with --quiet. No state
 * outside the nv_progress the caller owns. */
#ifndef NIVARAN_PROGRESS_H
#define NIVARAN_PROGRESS_H

#include <stdint.h>
#include <time.h>

#include "nivaran/load/ingest.h"

typedef struct {
    int quiet, tty;
    struct timespec t0, file_t0, last_draw;
    const char *file;
} nv_progress;

void progress_init(nv_progress *p, int quiet);
void progress_stage(nv_progress *p, const char *name);
void progress_file_start(nv_progress *p, const char *path);
/* The ingest callback (ud is the nv_progress). */
void progress_rows(void *ud, const char *path, int64_t rows, int64_t bytes_done,
                   int64_t bytes_total);
void progress_file_done(nv_progress *p, const nv_input_result *res);
void progress_done(nv_progress *p, const char *dir);

#endif
