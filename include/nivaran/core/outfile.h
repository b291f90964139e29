/* outfile.h — atomic output files, folders, hashes and CSV writing.
 *
 * An output is written under a temporary name beside its final path
 * ("PATH.tmp") and renamed into place by outfile_commit(), so a reader never
 * sees a half-written file. Libraries that write by file name (libxlsxwriter,
 * libharu) write to outfile_tmpname() and then call outfile_rename(). */
#ifndef NIVARAN_OUTFILE_H
#define NIVARAN_OUTFILE_H

#include <stdio.h>

#include "nivaran/core/err.h"

typedef struct {
    FILE *f;         /* write here between open and commit */
    char path[4096]; /* final path */
    char tmp[4096];  /* temporary path */
} nv_outfile;

/* Creates PATH.tmp for writing (truncating). */
nv_err outfile_open(nv_outfile *o, const char *path, nv_errbuf *eb);

/* Flushes, fsyncs, closes and renames the file into place. Any write error
 * seen on the stream (full disk) is reported with the path, and the
 * temporary file is removed. */
nv_err outfile_commit(nv_outfile *o, nv_errbuf *eb);

/* Closes and removes the temporary file; safe to call twice. */
void outfile_abort(nv_outfile *o);

/* Writes "PATH.tmp" into buf (size n). Returns -1 when it does not fit. */
int outfile_tmpname(const char *path, char *buf, size_t n);

/* fsyncs tmp and renames it to path; on failure removes tmp. */
nv_err outfile_rename(const char *tmp, const char *path, nv_errbuf *eb);

/* mkdir -p. */
nv_err outfile_mkdirs(const char *path, nv_errbuf *eb);

/* Sets OUTPUTS.md's modes on a day folder dir, whatever the umask: dir
 * itself 0755; the public outputs (notice-board.pdf, open-data/, public/)
 * readable by all, files 0644 and folders 0755; everything else (the MD's
 * report, the workbooks, internal/, the manifest) files 0640, folders 0750.
 * Symbolic links are left alone. NV_ERR_IO naming the path on failure. */
nv_err outfile_day_modes(const char *dir, nv_errbuf *eb);

/* Removes a folder tree (for failed runs' staging folders). Best effort. */
void outfile_rmtree(const char *path);

/* Lower-case hex sha256 of a file into hex[65]. */
nv_err outfile_sha256(const char *path, char hex[65], nv_errbuf *eb);

/* A sha256 computed piece by piece (for a file read anyway): new() gives a
 * fresh one (NULL when out of memory), update() adds n bytes and final()
 * writes the lower-case hex digest into hex[65]; reset() starts it over
 * for another digest, as new() would give it (for many short digests: it
 * keeps the digest's context, which a new() costs ten times a short
 * digest's own work); all return 0, or -1 on failure (the digest is then
 * unusable). The caller frees it with free() of this module (NULL is
 * fine). */
typedef struct nv_sha256 nv_sha256;
nv_sha256 *outfile_sha_new(void);
int outfile_sha_update(nv_sha256 *h, const void *p, size_t n);
int outfile_sha_final(nv_sha256 *h, char hex[65]);
int outfile_sha_reset(nv_sha256 *h);
void outfile_sha_free(nv_sha256 *h);

/* Writes one CSV field (RFC 4180: quoted when it holds a comma, quote, CR or
 * LF, or leading/trailing space; quotes doubled), followed by ',' or, when
 * last is non-zero, "\n". NULL writes an empty field. Every CSV output of
 * nivaran goes through here, so OUTPUTS.md's two rules hold for all:
 * formula-safe (a field csvout_formula_risk() finds risky gets a leading
 * apostrophe) and valid UTF-8 (each invalid byte written as \xNN, two
 * lower-case hex digits). */
void csvout_field(FILE *f, const char *s, int last);

/* 1 when a spreadsheet could run text field s as a formula: it begins with
 * '=', '+', '-', '@', a tab or a carriage return and is not a number
 * ([+-]?(digits[.digits]|.digits)([eE][+-]?digits)?); else 0. */
int csvout_formula_risk(const char *s);

/* The length (1..4) of the valid UTF-8 sequence at p (NUL-terminated), or 0
 * when the byte at p begins none (an invalid byte, to write as \xNN). */
int outfile_utf8_len(const unsigned char *p);

/* The UTF-8 byte-order mark, with which internal/ *.csv begin (so that Excel
 * reads their Hindi); open-data files have none. */
#define CSV_BOM "\xEF\xBB\xBF"

#endif
