/* csvin.h — streaming CSV reader over libcsv.
 *
 * Reads a file a physical line at a time and hands back one row at a time,
 * never holding more than the current row. It strips a leading UTF-8 BOM,
 * accepts CRLF and LF (and a missing final newline), keeps spaces (libcsv's
 * trimming is switched off), keeps quoted commas, doubled quotes and line
 * breaks inside fields, skips blank lines (they are not rows), and reports
 * for each row the physical line it starts on (1 = the first line of the
 * file) and its raw text (line terminator removed, BOM removed) for the
 * rejects file. Ragged rows are returned as they are: the caller compares
 * nfields with the header's. */
#ifndef NIVARAN_CSVIN_H
#define NIVARAN_CSVIN_H

#include <stddef.h>

#include "nivaran/err.h"

typedef struct nv_csvin nv_csvin; /* opaque */

typedef enum {
    CSVIN_ROW_OK = 0,
    CSVIN_ROW_UNTERMINATED = 1 /* a quote left open at end of file: the row
                                  runs from its start line to the end */
} csvin_row_status;

typedef struct {
    size_t nfields;
    const char *const *fields; /* NUL-terminated field texts (valid until next call) */
    const size_t *lens;        /* byte lengths (a field may hold NUL bytes) */
    long line;                 /* physical line the row starts on */
    const char *raw;           /* raw row text without its final line terminator */
    size_t raw_len;
    csvin_row_status status;
} nv_csvrow;

/* Opens path. NV_ERR_IO (with the path and strerror) when it cannot be
 * opened. *out is the caller's, to release with csvin_close(). */
nv_err csvin_open(const char *path, nv_csvin **out, nv_errbuf *eb);

/* Same, over a memory buffer (not copied; must outlive the reader); for tests
 * and fuzzing. name is used in messages. */
nv_err csvin_open_mem(const char *data, size_t len, const char *name, nv_csvin **out,
                      nv_errbuf *eb);

/* Next row: 1 and *row filled; 0 at end of file; -1 on a read error, a
 * file that is not text (a NUL byte in it) or a row over 16 MiB: message in
 * eb naming the file, the line and the reason. */
int csvin_next(nv_csvin *r, nv_csvrow *row, nv_errbuf *eb);

/* Physical lines consumed so far. */
long csvin_lines(const nv_csvin *r);

/* 1 if the file began with a UTF-8 byte-order mark. */
int csvin_had_bom(const nv_csvin *r);

void csvin_close(nv_csvin *r);

#endif
