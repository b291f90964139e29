/* err.h — the one error type of nivaran.
 *
 * Every fallible function returns an nv_err (NV_OK == 0) and, when it fails,
 * may write a human sentence naming the file, line and reason into an
 * nv_errbuf supplied by the caller. Errors travel up to main(), which maps
 * them to the exit statuses of OUTPUTS.md with nv_exit_status(). Nothing
 * below main() calls exit(). */
#ifndef NIVARAN_ERR_H
#define NIVARAN_ERR_H

#include <stddef.h>

typedef enum {
    NV_OK = 0,
    NV_ERR_USAGE,   /* bad command line or option value            -> exit 1 */
    NV_ERR_CONFIG,  /* bad template, config file or org chart      -> exit 1 */
    NV_ERR_IO,      /* a file could not be read or written         -> exit 2 */
    NV_ERR_DB,      /* SQLite reported an error                    -> exit 2 */
    NV_ERR_NOMEM,   /* allocation failed                           -> exit 2 */
    NV_ERR_FORMAT,  /* input not in an expected format (per row/file) */
    NV_ERR_RENDER,  /* libxlsxwriter / libharu / HarfBuzz failure  -> exit 2 */
    NV_ERR_LOCKED,  /* another run holds the database              -> exit 4 */
    NV_ERR_INTERNAL /* a bug: an invariant did not hold            -> exit 2 */
} nv_err;

/* A caller-owned message buffer; functions fill it with nv_errf(). */
typedef struct {
    char msg[1024];
} nv_errbuf;

/* Static English name of an error code ("I/O error", ...). Never NULL. */
const char *nv_strerror(nv_err e);

/* Formats a message into eb (if eb is non-NULL) and returns e, so that
 * `return nv_errf(eb, NV_ERR_IO, "%s: %s", path, strerror(errno));` works. */
nv_err nv_errf(nv_errbuf *eb, nv_err e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Exit status of OUTPUTS.md for a failing error code (1, 2 or 4). */
int nv_exit_status(nv_err e);

#endif
