/* progress.c — see include/nivaran/cli/progress.h. */
#include "nivaran/cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static double since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) + (now.tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(nv_progress *p, int quiet)
{
    memset(p, 0, sizeof *p);
    p->quiet = quiet;
    p->tty = isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
}

void progress_stage(nv_progress *p, const char *name)
{
    if (p->quiet) return;
    fprintf(stderr, "nivaran: %s (%.1f s)\n", name, since(&p->t0));
}

void progress_file_start(nv_progress *p, const char *path)
{
    p->file = path;
    clock_gettime(CLOCK_MONOTONIC, &p->file_t0);
    p->last_draw = p->file_t0;
}

void progress_rows(void *ud, const char *path, int64_t rows, int64_t bytes_done,
                   int64_t bytes_total)
{
    nv_progress *p = ud;
    if (p->quiet || !p->tty || since(&p->last_draw) < 0.2) return;
    clock_gettime(CLOCK_MONOTONIC, &p->last_draw);
    double el = since(&p->file_t0);
    int width = 30, fill = bytes_total > 0 ? (int)(width * bytes_done / bytes_total) : 0;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '=' : ' ';
    bar[width] = 0;
    const char *base = strrchr(path, '/');
    fprintf(stderr, "\r  [%s] %3d%% %-36.36s %9lld rows %8.0f rows/s", bar,
            bytes_total > 0 ? (int)(100 * bytes_done / bytes_total) : 0, base ? base + 1 : path,
            (long long)rows, el > 0 ? rows / el : 0.0);
}

void progress_file_done(nv_progress *p, const nv_input_result *r)
{
    if (p->quiet) return;
    double el = since(&p->file_t0);
    if (p->tty) fprintf(stderr, "\r\033[K");
    fprintf(stderr, "  %s: %s, read %lld, loaded %lld, rejected %lld (%.0f rows/s)%s%s\n", r->path,
            r->layout ? r->layout : "no layout", (long long)r->rows_read, (long long)r->rows_loaded,
            (long long)r->rows_rejected, el > 0 ? r->rows_read / el : 0.0,
            r->error ? "; refused: " : "", r->error ? r->error : "");
}

void progress_done(nv_progress *p, const char *dir)
{
    if (p->quiet) return;
    fprintf(stderr, "nivaran: reports written to %s/ (%.1f s)\n", dir, since(&p->t0));
}
