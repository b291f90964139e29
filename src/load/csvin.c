/* csvin.c — see include/nivaran/load/csvin.h.
 *
 * How it works. Our own buffered reader cuts the input into physical lines
 * (split at LF only) and feeds each line, terminator included, to libcsv.
 * libcsv is set up so that only LF ends a row (csv_set_term_func), so a row
 * can end only at the end of a physical line and each line ends at most one
 * row: that keeps the line number and the raw text of every row exact. The
 * field callback copies each field (NUL-terminated thanks to CSV_APPEND_NULL,
 * length kept too) into a growable arena owned by the reader; the row
 * callback marks the row complete.
 *
 * Spaces. libcsv trims spaces and tabs around unquoted fields by default;
 * our space function returns 0 for them (and for every byte but CR), so
 * spaces are kept byte for byte: " Er. XEN-T07 " stays as it is. The one
 * byte it calls a space is CR, and only because that is how libcsv lets the
 * CR of a CRLF line end close a row: after a closing quote, `"abc"\r\n` ends
 * the field (a CR that is not a space would be taken as text after the
 * quote and keep the field open); at the end of an unquoted field the CR is
 * dropped; at the start of a field it is skipped. Inside quotes a CR is
 * kept, so an embedded CRLF line break stays CRLF in the field. A CR in the
 * middle of unquoted text is kept too, and never ends a row.
 *
 * Quotes (libcsv's non-strict mode, deliberately):
 *  - a quote in the middle of an unquoted field is an ordinary character:
 *    `12" PIPE` and `ab"c` are read as they are, and they do not open a
 *    quoted section (a comma after them still ends the field);
 *  - a field that begins with a space and then a quote is unquoted (spaces
 *    are kept, so the quote is not the field's first byte): ` "a,b"` is the
 *    two fields ` "a` and `b"`;
 *  - text after the closing quote of a quoted field (`"ab"c,d`) makes libcsv
 *    keep that quote as a character and stay inside the quoted field, up to
 *    the next quote followed by a comma or the end of a line; if no such
 *    quote follows before the end of the file, the row comes back
 *    CSVIN_ROW_UNTERMINATED.
 *
 * Blank lines (empty, or only spaces, tabs and CRs) between rows are counted
 * as lines and skipped without being given to libcsv. Inside a quoted field
 * they are part of the field.
 *
 * A row whose quoted field is still open at the end of the file comes back
 * with status CSVIN_ROW_UNTERMINATED; its raw text runs from its first line
 * to the end of the file and its fields are what libcsv had collected (the
 * last one without the file's final line terminator).
 *
 * Limits: a physical line or a row longer than CSVIN_MAX_ROW (16 MiB) makes
 * csvin_next() fail (-1, "row longer than 16 MiB at line N: not a CSV
 * export"): such a file is refused rather than held in memory. */
#include "nivaran/load/csvin.h"
#include "nivaran/core/outfile.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CSVIN_BUF0 (1u << 20)               /* first size of the file read buffer */
#define CSVIN_BLK 4096                      /* libcsv's field buffer growth step */
#define CSVIN_AHEAD_ROWS 256                /* rows the reading thread may parse ahead */
#define CSVIN_AHEAD_BYTES ((size_t)8 << 20) /* ... and their bytes, at most */
#define CSVIN_AHEAD_BATCH 32                /* rows each side moves per lock of the ring */
#define CSVIN_AHEAD_MIN ((off_t)1 << 20)    /* smaller files: parsed by the caller */
/* No export row is anywhere near this long; a longer line or row means a
 * file that is not a CSV export (or a quote that swallowed the rest of a huge
 * file), and is refused rather than held in memory. */
#define CSVIN_MAX_ROW ((size_t)16 << 20)

typedef struct csvin_ahead csvin_ahead;

struct nv_csvin {
    char *name;
    csvin_ahead *ahead; /* the reading thread, or NULL: rows parsed by the caller */
    FILE *fp;           /* NULL when reading memory */
    char *buf;          /* read buffer (or the caller's memory, never written) */
    size_t cap;         /* size of buf (file) */
    size_t beg;         /* first unconsumed byte */
    size_t end;         /* end of valid data */
    size_t scanned;     /* bytes after beg already known to hold no LF */
    int eof;            /* no more data to read into buf */
    nv_sha256 *sha;     /* of the bytes read (file), NULL when reading memory */
    int sha_bad;        /* an update failed */
    int own_buf;
    long lines;
    int had_bom;
    int failed;   /* a -1 was returned: keep returning it */
    int finished; /* end of file reached and reported */
    struct csv_parser csv;
    int csv_ok;
    /* the row under construction */
    char *arena;
    size_t alen, acap;
    size_t *foff, *flen;
    const char **fptr;
    size_t nf, fcap;
    char *raw;
    size_t rlen, rcap;
    int row_open;  /* some line of a row has been given to libcsv */
    int row_ended; /* libcsv's row callback fired */
    int nomem;     /* an allocation failed inside a callback */
};

/* ---- small growable buffers ---------------------------------------------- */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > ((size_t)-1 / 2) / elem) return -1;
        n *= 2;
    }
    void *q = realloc(*p, n * elem);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

static int raw_append(nv_csvin *r, const char *s, size_t n)
{
    if (grow((void **)&r->raw, &r->rcap, r->rlen + n + 1, 1) != 0) return -1;
    memcpy(r->raw + r->rlen, s, n);
    r->rlen += n;
    r->raw[r->rlen] = 0;
    return 0;
}

/* ---- libcsv callbacks ---------------------------------------------------- */

static int is_space_cr(unsigned char c)
{
    return c == '\r';
}

static int is_term_lf(unsigned char c)
{
    return c == '\n';
}

static int fields_grow(nv_csvin *r)
{
    size_t n = r->fcap ? r->fcap * 2 : 32;
    size_t *off = realloc(r->foff, n * sizeof *off);
    if (!off) return -1;
    r->foff = off;
    size_t *len = realloc(r->flen, n * sizeof *len);
    if (!len) return -1;
    r->flen = len;
    const char **ptr = realloc(r->fptr, n * sizeof *ptr);
    if (!ptr) return -1;
    r->fptr = ptr;
    r->fcap = n;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    nv_csvin *r = data;
    if (r->nomem) return;
    if ((r->nf == r->fcap && fields_grow(r) != 0) ||
        grow((void **)&r->arena, &r->acap, r->alen + len + 1, 1) != 0) {
        r->nomem = 1;
        return;
    }
    if (len) memcpy(r->arena + r->alen, s, len);
    r->arena[r->alen + len] = 0;
    r->foff[r->nf] = r->alen;
    r->flen[r->nf] = len;
    r->nf++;
    r->alen += len + 1;
}

static void on_row(int c, void *data)
{
    (void)c;
    nv_csvin *r = data;
    r->row_ended = 1;
}

/* ---- the line reader ----------------------------------------------------- */

/* Reads more of the file into buf. 0 on success (possibly setting eof), -1
 * on a read error or out of memory (message in eb). */
static int fill(nv_csvin *r, nv_errbuf *eb)
{
    if (r->beg > 0) {
        memmove(r->buf, r->buf + r->beg, r->end - r->beg);
        r->end -= r->beg;
        r->beg = 0;
    }
    if (r->end == r->cap && grow((void **)&r->buf, &r->cap, r->cap + 1, 1) != 0) {
        nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory reading line %ld", r->name, r->lines + 1);
        return -1;
    }
    size_t n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
    if (n && outfile_sha_update(r->sha, r->buf + r->end, n) != 0) r->sha_bad = 1;
    r->end += n;
    if (n == 0) {
        if (ferror(r->fp)) {
            nv_errf(eb, NV_ERR_IO, "%s: read error at line %ld: %s", r->name, r->lines + 1,
                    strerror(errno));
            return -1;
        }
        r->eof = 1;
    }
    return 0;
}

static int too_long(nv_csvin *r, long line, nv_errbuf *eb)
{
    nv_errf(eb, NV_ERR_FORMAT, "%s: row longer than %zu MiB at line %ld: not a CSV export", r->name,
            CSVIN_MAX_ROW >> 20, line);
    return -1;
}

/* The next physical line: 1 with *p, *len (terminator included) and *has_nl;
 * 0 at end of input; -1 on error. *p stays valid until the next call. */
static int next_line(nv_csvin *r, const char **p, size_t *len, int *has_nl, nv_errbuf *eb)
{
    for (;;) {
        size_t from = r->beg + r->scanned;
        const char *nl = memchr(r->buf + from, '\n', r->end - from);
        if (nl) {
            *p = r->buf + r->beg;
            *len = (size_t)(nl - *p) + 1;
            *has_nl = 1;
            r->beg += *len;
            r->scanned = 0;
            return 1;
        }
        if (r->eof) {
            if (r->beg == r->end) return 0;
            *p = r->buf + r->beg;
            *len = r->end - r->beg;
            *has_nl = 0;
            r->beg = r->end;
            r->scanned = 0;
            return 1;
        }
        r->scanned = r->end - r->beg;
        if (r->scanned > CSVIN_MAX_ROW) return too_long(r, r->lines + 1, eb);
        if (fill(r, eb) != 0) return -1;
    }
}

/* ---- open / close -------------------------------------------------------- */

static nv_err reader_new(const char *name, nv_csvin **out, nv_errbuf *eb)
{
    nv_csvin *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name ? name : "(memory)"))) {
        free(r);
        return nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", name ? name : "(memory)");
    }
    if (csv_init(&r->csv, CSV_APPEND_NULL) != 0) {
        csvin_close(r);
        return nv_errf(eb, NV_ERR_NOMEM, "%s: cannot initialise the CSV parser", name);
    }
    r->csv_ok = 1;
    csv_set_space_func(&r->csv, is_space_cr);
    csv_set_term_func(&r->csv, is_term_lf);
    csv_set_blk_size(&r->csv, CSVIN_BLK);
    *out = r;
    return NV_OK;
}

static void strip_bom(nv_csvin *r)
{
    if (r->end - r->beg >= 3 && memcmp(r->buf + r->beg, "\xEF\xBB\xBF", 3) == 0) {
        r->beg += 3;
        r->had_bom = 1;
    }
}

static int ahead_start(nv_csvin *r);
static void ahead_stop(nv_csvin *r);

/* Whether a file of size bytes is read ahead in mode. */
static int ahead_wanted(csvin_ahead_mode mode, FILE *fp)
{
    struct stat sb;
    if (mode != CSVIN_AHEAD_AUTO) return mode == CSVIN_AHEAD_ON;
    return fstat(fileno(fp), &sb) == 0 && sb.st_size >= CSVIN_AHEAD_MIN &&
           sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

nv_err csvin_open_mode(const char *path, csvin_ahead_mode mode, nv_csvin **out, nv_errbuf *eb)
{
    *out = NULL;
    nv_csvin *r = NULL;
    nv_err e = reader_new(path, &r, eb);
    if (e != NV_OK) return e;
    r->fp = fopen(path, "rb");
    if (!r->fp) {
        e = nv_errf(eb, NV_ERR_IO, "%s: %s", path, strerror(errno));
        goto fail;
    }
    r->own_buf = 1;
    r->buf = malloc(CSVIN_BUF0);
    r->sha = outfile_sha_new();
    if (!r->buf || !r->sha) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory", path);
        goto fail;
    }
    r->cap = CSVIN_BUF0;
    while (r->end < 3 && !r->eof) {
        if (fill(r, eb) != 0) {
            e = NV_ERR_IO;
            goto fail;
        }
    }
    strip_bom(r);
    if (ahead_wanted(mode, r->fp)) ahead_start(r); /* else, or when it cannot, read here */
    *out = r;
    return NV_OK;
fail:
    csvin_close(r);
    return e;
}

nv_err csvin_open(const char *path, nv_csvin **out, nv_errbuf *eb)
{
    return csvin_open_mode(path, CSVIN_AHEAD_AUTO, out, eb);
}

nv_err csvin_open_mem_mode(const char *data, size_t len, const char *name, csvin_ahead_mode mode,
                           nv_csvin **out, nv_errbuf *eb)
{
    *out = NULL;
    nv_csvin *r = NULL;
    nv_err e = reader_new(name, &r, eb);
    if (e != NV_OK) return e;
    /* never written: eof is set, so fill() never runs */
    r->buf = (char *)(data ? data : "");
    r->cap = r->end = data ? len : 0;
    r->eof = 1;
    strip_bom(r);
    if (mode == CSVIN_AHEAD_ON) ahead_start(r);
    *out = r;
    return NV_OK;
}

nv_err csvin_open_mem(const char *data, size_t len, const char *name, nv_csvin **out, nv_errbuf *eb)
{
    return csvin_open_mem_mode(data, len, name, CSVIN_AHEAD_OFF, out, eb);
}

void csvin_close(nv_csvin *r)
{
    if (!r) return;
    ahead_stop(r);
    outfile_sha_free(r->sha);
    if (r->csv_ok) csv_free(&r->csv);
    if (r->fp) fclose(r->fp);
    if (r->own_buf) free(r->buf);
    free(r->arena);
    free(r->foff);
    free(r->flen);
    free(r->fptr);
    free(r->raw);
    free(r->name);
    free(r);
}

static long ahead_lines(const nv_csvin *r);
static int ahead_ended(const nv_csvin *r);

int csvin_sha256(nv_csvin *r, char hex[65])
{
    int ended = r->ahead ? ahead_ended(r) : r->finished && !r->failed;
    if (!r->sha || r->sha_bad || !ended || !r->eof) return -1;
    return outfile_sha_final(r->sha, hex);
}

long csvin_lines(const nv_csvin *r)
{
    return r->ahead ? ahead_lines(r) : r->lines;
}

int csvin_had_bom(const nv_csvin *r)
{
    return r->had_bom;
}

/* ---- rows ---------------------------------------------------------------- */

static int fail(nv_csvin *r)
{
    r->failed = 1;
    return -1;
}

/* Gives n bytes to libcsv; -1 (message in eb) when it or a callback failed. */
static int feed(nv_csvin *r, const char *p, size_t n, nv_errbuf *eb)
{
    /* libcsv grows its field buffer by a fixed step; a step as long as the
     * row so far makes one long field cost a few reallocations, not
     * thousands */
    size_t want = r->rlen + n + 1;
    csv_set_blk_size(&r->csv, want > CSVIN_BLK ? want : CSVIN_BLK);
    size_t used = csv_parse(&r->csv, p, n, on_field, on_row, r);
    int st = csv_error(&r->csv);
    if (used != n || st != CSV_SUCCESS || r->nomem) {
        nv_errf(eb, NV_ERR_NOMEM, "%s: line %ld: %s", r->name, r->lines,
                r->nomem ? "out of memory" : csv_strerror(st));
        return -1;
    }
    return 0;
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') return 0;
    return 1;
}

static size_t strip_eol(const char *p, size_t n)
{
    if (n && p[n - 1] == '\n') n--;
    if (n && p[n - 1] == '\r') n--;
    return n;
}

static void row_reset(nv_csvin *r)
{
    r->nf = 0;
    r->alen = 0;
    r->rlen = 0;
    r->row_open = 0;
    r->row_ended = 0;
}

static void row_fill(nv_csvin *r, nv_csvrow *row, long line, csvin_row_status st)
{
    for (size_t i = 0; i < r->nf; i++)
        r->fptr[i] = r->arena + r->foff[i];
    row->nfields = r->nf;
    row->fields = r->fptr;
    row->lens = r->flen;
    row->line = line;
    row->status = st;
}

/* End of file inside an open quoted field: finish libcsv and hand back the
 * broken row. */
static int row_unterminated(nv_csvin *r, nv_csvrow *row, long line, nv_errbuf *eb)
{
    if (csv_fini(&r->csv, on_field, on_row, r) != 0 || r->nomem) {
        nv_errf(eb, NV_ERR_NOMEM, "%s: line %ld: %s", r->name, r->lines,
                r->nomem ? "out of memory" : csv_strerror(csv_error(&r->csv)));
        return fail(r);
    }
    if (r->nf > 0) { /* the last field holds the final line terminator */
        size_t k = r->nf - 1;
        r->flen[k] = strip_eol(r->arena + r->foff[k], r->flen[k]);
        r->arena[r->foff[k] + r->flen[k]] = 0;
    }
    r->rlen = strip_eol(r->raw, r->rlen);
    r->raw[r->rlen] = 0;
    row->raw = r->raw;
    row->raw_len = r->rlen;
    row_fill(r, row, line, CSVIN_ROW_UNTERMINATED);
    r->finished = 1;
    return 1;
}

static int at_eof(nv_csvin *r, nv_csvrow *row, long line, nv_errbuf *eb)
{
    if (r->row_open) return row_unterminated(r, row, line, eb);
    if (csv_fini(&r->csv, on_field, on_row, r) != 0) {
        nv_errf(eb, NV_ERR_INTERNAL, "%s: csv_fini: %s", r->name, csv_strerror(csv_error(&r->csv)));
        return fail(r);
    }
    r->finished = 1;
    return 0;
}

/* The next row, parsed in the calling thread (csvin_next's contract). */
static int parse_next(nv_csvin *r, nv_csvrow *row, nv_errbuf *eb)
{
    if (r->failed) return -1;
    if (r->finished) return 0;
    row_reset(r);
    long start = 0;
    for (;;) {
        const char *p;
        size_t n;
        int has_nl;
        int rc = next_line(r, &p, &n, &has_nl, eb);
        if (rc < 0) return fail(r);
        if (rc == 0) return at_eof(r, row, start, eb);
        r->lines++;
        if (n > CSVIN_MAX_ROW || r->rlen + n > CSVIN_MAX_ROW) {
            too_long(r, r->row_open ? start : r->lines, eb);
            return fail(r);
        }
        if (memchr(p, 0, n)) {
            nv_errf(eb, NV_ERR_FORMAT, "%s: binary data (NUL byte) at line %ld", r->name, r->lines);
            return fail(r);
        }
        if (!r->row_open) {
            if (blank(p, n)) continue;
            r->row_open = 1;
            start = r->lines;
        }
        if (feed(r, p, n, eb) != 0) return fail(r);
        if (!has_nl && !r->row_ended && feed(r, "\n", 1, eb) != 0) return fail(r);
        if (r->row_ended) {
            if (r->rlen > 0) { /* several lines: the earlier ones are in raw */
                if (raw_append(r, p, strip_eol(p, n)) != 0) goto nomem;
                row->raw = r->raw;
                row->raw_len = r->rlen;
            } else {
                row->raw = p;
                row->raw_len = strip_eol(p, n);
            }
            row_fill(r, row, start, CSVIN_ROW_OK);
            return 1;
        }
        /* the row goes on: keep this line before the buffer moves */
        if (raw_append(r, p, n) != 0) goto nomem;
        if (!has_nl) return row_unterminated(r, row, start, eb);
    }
nomem:
    nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory at line %ld", r->name, r->lines);
    return fail(r);
}

/* ---- reading ahead -------------------------------------------------------
 *
 * A large file is parsed by a second thread, up to CSVIN_AHEAD_ROWS rows
 * ahead of the caller: parse_next() runs there, on the reader's state,
 * which only that thread touches, and each row is copied into a slot of a
 * ring. csvin_next() hands the slots out in order, and the previous row's
 * slot goes back to the thread at the next call (or at close). Rows come
 * out exactly as parse_next() gives them, each slot carrying csvin_lines()
 * as of its row; the end of the file or an error ends the ring and is
 * returned, sticky, once the rows before it are taken. At most
 * CSVIN_AHEAD_BYTES of rows wait in the ring (always at least one row), so
 * memory stays bounded whatever the rows.
 *
 * Each side takes the ring's lock once per CSVIN_AHEAD_BATCH rows, not per
 * row (per row, the lock's futex calls and its cache line passed between the
 * cores cost a quarter of a bare parse: the 242k bench files, parse only,
 * 0.76-0.88 s wall and 1.0 s CPU before, 0.66-0.73 and 0.72 after, of which
 * system time 0.22 -> 0.08 s): the thread publishes the rows it
 * parsed in batches (or at once when the ring is full or the file ends), and
 * the caller hands out the rows it saw published without the lock, giving
 * the ones it is done with back at its next lock. Only the thread writes
 * made, and only under the lock; only the caller writes freed (under the
 * lock, where the thread reads it) and taken and c_seen (which the thread
 * never reads). */

typedef struct {
    char *data; /* the fields (each NUL-terminated), then the raw text and a NUL */
    size_t dcap;
    size_t *off, *len;
    const char **ptr;
    size_t nf, fcap;
    size_t raw_off, raw_len, bytes;
    long line, lines;
    csvin_row_status status;
} ahead_slot;

struct csvin_ahead {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t room, rows; /* the thread waits for room, the caller for rows */
    int p_wait, c_wait;        /* ... and says so: the other side wakes it only then */
    ahead_slot slot[CSVIN_AHEAD_ROWS];
    size_t made, taken, freed; /* rows put in the ring, handed out, given back */
    size_t queued;             /* bytes of the rows made and not given back */
    size_t c_seen;             /* caller side: made as of its last lock */
    int done, rc;              /* the thread has ended: rc 0 (end of file) or -1 */
    long end_lines;
    nv_errbuf eb;
    int stop;     /* csvin_close(): end the thread */
    int c_end;    /* caller side: the end of the file has been returned */
    long c_lines; /* caller side: csvin_lines() */
};

/* Copies row into s; -1 when out of memory. */
static int slot_copy(ahead_slot *s, const nv_csvrow *row)
{
    size_t need = row->raw_len + 1;
    for (size_t i = 0; i < row->nfields; i++)
        need += row->lens[i] + 1;
    if (grow((void **)&s->data, &s->dcap, need, 1) != 0) return -1;
    if (row->nfields > s->fcap) {
        size_t n = row->nfields;
        size_t *off = realloc(s->off, n * sizeof *off);
        if (off) s->off = off;
        size_t *len = off ? realloc(s->len, n * sizeof *len) : NULL;
        if (len) s->len = len;
        const char **ptr = len ? realloc(s->ptr, n * sizeof *ptr) : NULL;
        if (!ptr) return -1;
        s->ptr = ptr;
        s->fcap = n;
    }
    size_t at = 0;
    for (size_t i = 0; i < row->nfields; i++) {
        memcpy(s->data + at, row->fields[i], row->lens[i]);
        s->data[at + row->lens[i]] = 0;
        s->off[i] = at;
        s->len[i] = row->lens[i];
        at += row->lens[i] + 1;
    }
    memcpy(s->data + at, row->raw, row->raw_len);
    s->data[at + row->raw_len] = 0;
    s->raw_off = at;
    s->raw_len = row->raw_len;
    s->nf = row->nfields;
    s->line = row->line;
    s->status = row->status;
    s->bytes = need + row->nfields * (2 * sizeof(size_t) + sizeof(char *));
    return 0;
}

/* row as the slot holds it. */
static void slot_row(ahead_slot *s, nv_csvrow *row)
{
    for (size_t i = 0; i < s->nf; i++)
        s->ptr[i] = s->data + s->off[i];
    row->nfields = s->nf;
    row->fields = s->ptr;
    row->lens = s->len;
    row->line = s->line;
    row->raw = s->data + s->raw_off;
    row->raw_len = s->raw_len;
    row->status = s->status;
}

/* 1 when the ring holds no room for another row: made rows published,
 * pend more parsed (pbytes of them), freed given back, queued bytes. */
static int ahead_full(size_t made, size_t pend, size_t freed, size_t queued, size_t pbytes)
{
    size_t n = made + pend - freed;
    return n >= CSVIN_AHEAD_ROWS || (n > 0 && queued + pbytes >= CSVIN_AHEAD_BYTES);
}

/* The thread's side of a lock: publishes its pend rows (pbytes), wakes a
 * waiting caller, waits while the ring is full, and refreshes its view of
 * the ring (*made, *freed, *queued). Returns a->stop. */
static int ahead_publish(csvin_ahead *a, size_t *pend, size_t *pbytes, size_t *made, size_t *freed,
                         size_t *queued)
{
    pthread_mutex_lock(&a->mu);
    a->made += *pend;
    a->queued += *pbytes;
    *pend = *pbytes = 0;
    if (a->c_wait) pthread_cond_signal(&a->rows);
    while (!a->stop && ahead_full(a->made, 0, a->freed, a->queued, 0)) {
        a->p_wait = 1;
        pthread_cond_wait(&a->room, &a->mu);
    }
    a->p_wait = 0;
    int stop = a->stop;
    *made = a->made;
    *freed = a->freed;
    *queued = a->queued;
    pthread_mutex_unlock(&a->mu);
    return stop;
}

static void *ahead_run(void *arg)
{
    nv_csvin *r = arg;
    csvin_ahead *a = r->ahead;
    nv_errbuf eb;
    nv_csvrow row;
    size_t made = 0, pend = 0, pbytes = 0, freed = 0, queued = 0;
    for (;;) {
        if ((pend >= CSVIN_AHEAD_BATCH || ahead_full(made, pend, freed, queued, pbytes)) &&
            ahead_publish(a, &pend, &pbytes, &made, &freed, &queued))
            return NULL;
        ahead_slot *s = &a->slot[(made + pend) % CSVIN_AHEAD_ROWS];
        int rc = parse_next(r, &row, &eb);
        if (rc == 1 && slot_copy(s, &row) != 0) {
            nv_errf(&eb, NV_ERR_NOMEM, "%s: out of memory at line %ld", r->name, r->lines);
            rc = -1;
        }
        if (rc == 1) {
            s->lines = r->lines;
            pend++;
            pbytes += s->bytes;
            continue;
        }
        pthread_mutex_lock(&a->mu);
        a->made += pend;
        a->queued += pbytes;
        a->done = 1;
        a->rc = rc;
        a->end_lines = r->lines;
        if (rc < 0) a->eb = eb;
        if (a->c_wait) pthread_cond_signal(&a->rows);
        pthread_mutex_unlock(&a->mu);
        return NULL;
    }
}

/* Starts the reading thread; 0 on success, else -1 and r stays a plain
 * reader. */
static int ahead_start(nv_csvin *r)
{
    csvin_ahead *a = calloc(1, sizeof *a);
    int mu = 0, room = 0, rows = 0;
    if (!a) return -1;
    mu = pthread_mutex_init(&a->mu, NULL) == 0;
    room = mu && pthread_cond_init(&a->room, NULL) == 0;
    rows = room && pthread_cond_init(&a->rows, NULL) == 0;
    r->ahead = a;
    if (rows && pthread_create(&a->th, NULL, ahead_run, r) == 0) return 0;
    if (rows) pthread_cond_destroy(&a->rows);
    if (room) pthread_cond_destroy(&a->room);
    if (mu) pthread_mutex_destroy(&a->mu);
    free(a);
    r->ahead = NULL;
    return -1;
}

/* Ends the thread and frees the ring (nothing when r reads in the caller). */
static void ahead_stop(nv_csvin *r)
{
    csvin_ahead *a = r->ahead;
    if (!a) return;
    pthread_mutex_lock(&a->mu);
    a->stop = 1;
    pthread_cond_signal(&a->room);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->th, NULL);
    pthread_cond_destroy(&a->room);
    pthread_cond_destroy(&a->rows);
    pthread_mutex_destroy(&a->mu);
    for (size_t i = 0; i < CSVIN_AHEAD_ROWS; i++) {
        free(a->slot[i].data);
        free(a->slot[i].off);
        free(a->slot[i].len);
        free(a->slot[i].ptr);
    }
    free(a);
    r->ahead = NULL;
}

static long ahead_lines(const nv_csvin *r)
{
    return r->ahead->c_lines;
}

/* 1 once csvin_next has returned the end of the file: the thread is done
 * with the reader's state. */
static int ahead_ended(const nv_csvin *r)
{
    return r->ahead->c_end;
}

/* The caller's side of a lock: gives back every row handed out (the
 * caller is done with them), wakes the thread once half the ring is free,
 * waits for a row or the end. Returns 1 with a row to hand out, else the
 * end's rc (eb filled on an error). */
static int ahead_take(csvin_ahead *a, nv_errbuf *eb)
{
    int rc = 1;
    pthread_mutex_lock(&a->mu);
    for (; a->freed < a->taken; a->freed++)
        a->queued -= a->slot[a->freed % CSVIN_AHEAD_ROWS].bytes;
    /* wake a waiting thread once half the ring is free, not per row */
    if (a->p_wait && a->made - a->freed <= CSVIN_AHEAD_ROWS / 2 &&
        a->queued <= CSVIN_AHEAD_BYTES / 2)
        pthread_cond_signal(&a->room);
    while (a->taken == a->made && !a->done) {
        if (a->p_wait) pthread_cond_signal(&a->room); /* all taken: it must go on */
        a->c_wait = 1;
        pthread_cond_wait(&a->rows, &a->mu);
    }
    a->c_wait = 0;
    a->c_seen = a->made;
    if (a->taken == a->made) { /* the end, or the error, after the last row */
        rc = a->rc;
        if (rc < 0) *eb = a->eb;
        a->c_lines = a->end_lines;
        a->c_end = rc == 0;
    }
    pthread_mutex_unlock(&a->mu);
    return rc;
}

static int ahead_next(nv_csvin *r, nv_csvrow *row, nv_errbuf *eb)
{
    csvin_ahead *a = r->ahead;
    /* rows seen published are the caller's to hand out without the lock */
    if (a->taken == a->c_seen || a->taken - a->freed >= CSVIN_AHEAD_BATCH) {
        int rc = ahead_take(a, eb);
        if (rc != 1) return rc;
    }
    ahead_slot *s = &a->slot[a->taken % CSVIN_AHEAD_ROWS];
    a->taken++;
    slot_row(s, row);
    a->c_lines = s->lines;
    return 1;
}

int csvin_next(nv_csvin *r, nv_csvrow *row, nv_errbuf *eb)
{
    return r->ahead ? ahead_next(r, row, eb) : parse_next(r, row, eb);
}
