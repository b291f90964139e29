/* csvin.h — streaming CSV reader over libcsv.
 *
 * Reads a file a physical line at a time and hands back one row at a time,
 * never holding more than the current row (or, reading ahead, a bounded
 * ring of rows: see csvin_ahead_mode). It strips a leading UTF-8 BOM,
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

#include "nivaran/core/err.h"

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

/* Who parses: CSVIN_AHEAD_AUTO (csvin_open's choice) has a second thread
 * parse a file of 1 MiB or more ahead of the caller when the machine has
 * more than one processor; CSVIN_AHEAD_ON always, CSVIN_AHEAD_OFF never
 * (the caller's thread parses in csvin_next). The rows, line numbers and
 * errors are the same either way; when the thread cannot be started, the
 * caller parses. A reader is used from one thread at a time. */
typedef enum { CSVIN_AHEAD_AUTO = 0, CSVIN_AHEAD_OFF, CSVIN_AHEAD_ON } csvin_ahead_mode;

/* csvin_open with the parsing mode given. */
nv_err csvin_open_mode(const char *path, csvin_ahead_mode mode, nv_csvin **out, nv_errbuf *eb);

/* Same, over a memory buffer (not copied; must outlive the reader); for tests
 * and fuzzing. name is used in messages. */
nv_err csvin_open_mem(const char *data, size_t len, const char *name, nv_csvin **out,
                      nv_errbuf *eb);

/* csvin_open_mem with the parsing mode given (AUTO = OFF for memory). */
nv_err csvin_open_mem_mode(const char *data, size_t len, const char *name, csvin_ahead_mode mode,
                           nv_csvin **out, nv_errbuf *eb);

/* Next row: 1 and *row filled; 0 at end of file; -1 on a read error, a
 * file that is not text (a NUL byte in it) or a row over 16 MiB: message in
 * eb naming the file, the line and the reason. */
int csvin_next(nv_csvin *r, nv_csvrow *row, nv_errbuf *eb);

/* Lower-case hex sha256 of every byte of the file (BOM included) into
 * hex[65], once csvin_next() has returned 0 (the end of the file): 0; -1
 * before that, after an error, for a memory reader, or when hashing
 * failed. Call at most once. */
int csvin_sha256(nv_csvin *r, char hex[65]);

/* Physical lines consumed so far. */
long csvin_lines(const nv_csvin *r);

/* 1 if the file began with a UTF-8 byte-order mark. */
int csvin_had_bom(const nv_csvin *r);

void csvin_close(nv_csvin *r);

#endif
