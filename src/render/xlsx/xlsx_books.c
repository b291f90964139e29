/* xlsx_books.c — the split sheets' rows and the end of the night's
 * workbooks, side by side.
 *
 * A split sheet (the Records of every wing) is read by one query whose rows
 * go each to its wing's workbook. Forming a sheet's XML and deflating the
 * workbook are most of the workbooks' cost, and the workbooks are
 * independent, so each is finished in a worker process: after the sheets
 * that need the database (every sheet but the split sheets' rows), this
 * process forks up to one worker per processor, runs the split queries and
 * streams each row's cell values to the worker of its workbook over a
 * socket; the worker writes the rows, finishes the sheets and closes its
 * workbooks. Processes, not threads: libxlsxwriter is not thread-safe (its
 * close calls gmtime()). A worker never touches the database; this process
 * never touches a worker's workbooks again but to free them. A workbook
 * whose worker cannot be started is written here, as on one processor. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "nivaran/store/db.h"
#include "xlsx_int.h"

#define XLSX_MAX_PROCS 8
#define SEND_BUF (256 * 1024) /* a worker's send buffer in this process */

enum { MSG_ROW = 1, MSG_END = 2 };

/* What a worker reports when it fails. */
typedef struct {
    nv_err rc;
    nv_errbuf eb;
} worker_msg;

/* This process's end of one worker. */
typedef struct {
    pid_t pid; /* -1: none */
    int fd;    /* socket: rows to the worker, its worker_msg back */
    unsigned char *buf;
    size_t len, cap;
    int gone; /* a send found it ended: its own end says why (worker_wait) */
} worker;

/* ------------------------------------------------------------ split sheets */

/* Column of st named name, or -1. */
static int result_column(sqlite3_stmt *st, const char *name)
{
    for (int i = 0; i < sqlite3_column_count(st); i++)
        if (strcmp(sqlite3_column_name(st, i), name) == 0) return i;
    return -1;
}

nv_err xlsx_split_start(xlsx_split *sp, xlsx_ctx *books, size_t n, const xlsx_sheet_tpl *s,
                        nv_errbuf *eb)
{
    if (sp->n >= XLSX_MAX_SHEETS) return nv_errf(eb, NV_ERR_INTERNAL, "too many split sheets");
    int k = sp->n;
    xlsx_split_part *p = calloc(n, sizeof *p);
    if (!p) return nv_errf(eb, NV_ERR_NOMEM, "out of memory for sheet %s", s->name);
    sp->s[k] = s;
    sp->p[k] = p;
    sp->st[k] = NULL;
    sp->n++;
    /* prepared here, stepped by split_fill(); p[0].cs's places serve every part */
    nv_err rc = xlsx_table_query(&books[0], s, &sp->st[k], p[0].cs, eb);
    if (rc == NV_OK && (sp->key[k] = result_column(sp->st[k], s->split)) < 0)
        rc = nv_errf(eb, NV_ERR_CONFIG, "%s: [sheet:%s]: split: query %s has no column '%s'",
                     books[0].t->path, s->id, s->query, s->split);
    for (size_t i = 0; i < n && rc == NV_OK; i++) {
        memcpy(p[i].cs, p[0].cs, sizeof p[i].cs);
        if ((rc = xlsx_sheet_add(&books[i], s, &p[i].ws, eb)) == NV_OK)
            rc = xlsx_table_start(&books[i], s, p[i].ws, p[i].cs, &p[i].hdr, eb);
        p[i].row = p[i].hdr + 1;
    }
    return rc;
}

void xlsx_split_free(xlsx_split *sp)
{
    for (int k = 0; k < sp->n; k++) {
        sqlite3_finalize(sp->st[k]);
        free(sp->p[k]);
    }
    sp->n = 0;
}

/* The workbook of the wing in column key of st's current row, or -1. */
static long split_book(const xlsx_ctx *books, size_t n, sqlite3_stmt *st, int key, size_t *hint)
{
    const char *w = (const char *)sqlite3_column_text(st, key);
    if (!w) return -1;
    if (*hint < n && strcmp(books[*hint].wing, w) == 0) return (long)*hint;
    for (size_t i = 0; i < n; i++)
        if (strcmp(books[i].wing, w) == 0) return (long)(*hint = i);
    return -1;
}

/* Under the rows of part p of split sheet s in c: filter, formats, widths,
 * the note of the rows cut. */
static nv_err split_end(xlsx_ctx *c, const xlsx_sheet_tpl *s, xlsx_split_part *p, nv_errbuf *eb)
{
    nv_err rc = xlsx_table_finish(c, s, p->ws, p->cs, p->hdr, p->row - 1, eb);
    if (rc == NV_OK) rc = xlsx_table_cut_note(c, p->ws, p->row - 1, p->cut, eb);
    return rc;
}

/* ------------------------------------------------------- the row messages
 * A frame: u32 payload length, then the payload: u8 kind, u16 sheet, u16
 * book; MSG_ROW: each column's u8 has, then (has) a text's u32 length and
 * its bytes with the NUL, or a number's 8 bytes; MSG_END: i64 rows cut. */

static size_t row_size(const xlsx_sheet_tpl *s, const xlsx_val *v)
{
    size_t n = 4 + 5;
    for (int j = 0; j < s->n_cols; j++) {
        int text = xlsx_type_text(s->cols[j].type);
        n += 1 + (!v[j].has ? 0 : text ? 4 + (size_t)v[j].n + 1 : 8);
    }
    return n;
}

static unsigned char *put(unsigned char *o, const void *src, size_t n)
{
    memcpy(o, src, n);
    return o + n;
}

static unsigned char *put_head(unsigned char *o, size_t size, int kind, int k, size_t book)
{
    uint32_t len = (uint32_t)(size - 4);
    uint16_t sheet = (uint16_t)k, bk = (uint16_t)book;
    unsigned char kd = (unsigned char)kind;
    o = put(o, &len, 4);
    o = put(o, &kd, 1);
    o = put(o, &sheet, 2);
    return put(o, &bk, 2);
}

/* Sends w's buffered frames. NV_ERR_RENDER when the worker has gone. */
static nv_err worker_flush(worker *w, nv_errbuf *eb)
{
    size_t off = 0;
    while (off < w->len) {
        ssize_t r = send(w->fd, w->buf + off, w->len - off, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            w->gone = 1;
            return nv_errf(eb, NV_ERR_RENDER, "a workbook writer ended early: %s",
                           r < 0 ? strerror(errno) : "closed");
        }
        off += (size_t)r;
    }
    w->len = 0;
    return NV_OK;
}

/* Room for size more bytes in w's buffer. */
static nv_err worker_room(worker *w, size_t size, nv_errbuf *eb)
{
    nv_err rc;
    if (w->len + size <= w->cap) return NV_OK;
    if ((rc = worker_flush(w, eb)) != NV_OK) return rc;
    if (size > w->cap) {
        unsigned char *b = realloc(w->buf, size);
        if (!b) return nv_errf(eb, NV_ERR_NOMEM, "out of memory for a workbook row");
        w->buf = b;
        w->cap = size;
    }
    return NV_OK;
}

static nv_err send_row(worker *w, const xlsx_sheet_tpl *s, int k, size_t book, const xlsx_val *v,
                       nv_errbuf *eb)
{
    size_t size = row_size(s, v);
    nv_err rc = worker_room(w, size, eb);
    if (rc != NV_OK) return rc;
    unsigned char *o = put_head(w->buf + w->len, size, MSG_ROW, k, book);
    for (int j = 0; j < s->n_cols; j++) {
        unsigned char has = (unsigned char)v[j].has;
        o = put(o, &has, 1);
        if (!has) continue;
        if (xlsx_type_text(s->cols[j].type)) {
            o = put(o, &v[j].n, 4);
            o = put(o, v[j].s, (size_t)v[j].n + 1);
        } else {
            o = put(o, xlsx_type_int(s->cols[j].type) ? (const void *)&v[j].i : &v[j].d, 8);
        }
    }
    w->len += size;
    return NV_OK;
}

static nv_err send_end(worker *w, int k, size_t book, int64_t cut, nv_errbuf *eb)
{
    nv_err rc = worker_room(w, 4 + 5 + 8, eb);
    if (rc != NV_OK) return rc;
    put(put_head(w->buf + w->len, 4 + 5 + 8, MSG_END, k, book), &cut, 8);
    w->len += 4 + 5 + 8;
    return NV_OK;
}

/* A worker's buffered end of its socket: bytes [beg, end) of buf not yet
 * taken. */
typedef struct {
    int fd;
    unsigned char *buf;
    size_t cap, beg, end;
} reader;

/* At least need bytes buffered. 1, 0 at the end of the stream with nothing
 * buffered, -1 when it is cut short (or out of memory). */
static int reader_fill(reader *rd, size_t need)
{
    if (rd->end - rd->beg >= need) return 1;
    if (rd->cap - rd->beg < need) { /* what is left to the front, then room */
        memmove(rd->buf, rd->buf + rd->beg, rd->end - rd->beg);
        rd->end -= rd->beg;
        rd->beg = 0;
        if (rd->cap < need) {
            unsigned char *b = realloc(rd->buf, need);
            if (!b) return -1;
            rd->buf = b;
            rd->cap = need;
        }
    }
    while (rd->end - rd->beg < need) {
        ssize_t r = read(rd->fd, rd->buf + rd->end, rd->cap - rd->end);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0 && rd->end == rd->beg) return 0;
        if (r <= 0) return -1;
        rd->end += (size_t)r;
    }
    return 1;
}

/* The next frame's payload into *f (valid until the next call), its length
 * into *len. 1; 0 at the end of the stream; -1 when it is cut short. */
static int read_frame(reader *rd, const unsigned char **f, size_t *len)
{
    uint32_t n;
    int got = reader_fill(rd, 4);
    if (got <= 0) return got;
    memcpy(&n, rd->buf + rd->beg, 4);
    if (reader_fill(rd, 4 + (size_t)n) <= 0) return -1;
    *f = rd->buf + rd->beg + 4;
    *len = n;
    rd->beg += 4 + (size_t)n;
    return 1;
}

/* The cell values of a MSG_ROW payload after its head (text pointers into
 * it); -1 when it does not fit the sheet. */
static int parse_row(const xlsx_sheet_tpl *s, const unsigned char *p, const unsigned char *end,
                     xlsx_val *v)
{
    for (int j = 0; j < s->n_cols; j++) {
        memset(&v[j], 0, sizeof v[j]);
        if (p >= end) return -1;
        if (!(v[j].has = *p++)) continue;
        if (xlsx_type_text(s->cols[j].type)) {
            if (end - p < 4) return -1;
            memcpy(&v[j].n, p, 4);
            p += 4;
            if ((size_t)(end - p) < (size_t)v[j].n + 1 || p[v[j].n] != '\0') return -1;
            v[j].s = (const char *)p;
            p += v[j].n + 1;
        } else {
            if (end - p < 8) return -1;
            memcpy(xlsx_type_int(s->cols[j].type) ? (void *)&v[j].i : &v[j].d, p, 8);
            p += 8;
        }
    }
    return p == end ? 0 : -1;
}

/* ------------------------------------------------------------- a worker */

/* One frame for the workbooks of this worker (already known to be its). */
static nv_err worker_apply(xlsx_ctx *books, size_t n, xlsx_split *sp, const unsigned char *f,
                           size_t len, nv_errbuf *eb)
{
    xlsx_val v[XLSX_MAX_COLS];
    uint16_t k, i;
    if (len < 5) return nv_errf(eb, NV_ERR_INTERNAL, "a workbook row message is cut short");
    memcpy(&k, f + 1, 2);
    memcpy(&i, f + 3, 2);
    if (k >= sp->n || i >= n) return nv_errf(eb, NV_ERR_INTERNAL, "a workbook row out of range");
    xlsx_split_part *p = &sp->p[k][i];
    const xlsx_sheet_tpl *s = sp->s[k];
    if (f[0] == MSG_END && len == 5 + 8) {
        memcpy(&p->cut, f + 5, 8);
        return split_end(&books[i], s, p, eb);
    }
    if (f[0] != MSG_ROW || parse_row(s, f + 5, f + len, v) != 0)
        return nv_errf(eb, NV_ERR_INTERNAL, "a workbook row message is malformed");
    return xlsx_row_put(&books[i], s, p->ws, p->cs, p->row++, v, eb);
}

/* In a worker: it never holds the run's lock (lock_fd, the parent's
 * DB.lock; closing our copy leaves the parent's flock in place) and it dies
 * with its parent (parent, the pid before the fork: when the parent died
 * before PR_SET_PDEATHSIG took effect, getppid() has changed). */
static void worker_guard(pid_t parent, int lock_fd)
{
    if (lock_fd > 0) close(lock_fd);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(1);
}

/* In a worker: writes the rows that come on fd into the workbooks of bin b,
 * finishes and closes them, reports the first error on fd and ends
 * (_exit: the parent's stdio buffers and handles are not the worker's to
 * flush). After an error the rest of the stream is read and dropped, and
 * the workbooks are not kept. */
static void worker_main(xlsx_ctx *books, size_t n, xlsx_split *sp, const int *bin, int b, int fd)
{
    worker_msg m = {.rc = NV_OK}, e;
    reader rd = {.fd = fd, .buf = malloc(SEND_BUF), .cap = SEND_BUF};
    const unsigned char *f = NULL;
    size_t len = 0;
    int got = -1;
    if (!rd.buf) rd.cap = 0;
    while ((got = read_frame(&rd, &f, &len)) > 0)
        if (m.rc == NV_OK) m.rc = worker_apply(books, n, sp, f, len, &m.eb);
    if (got < 0 && m.rc == NV_OK)
        m.rc = nv_errf(&m.eb, NV_ERR_RENDER, "%s: the workbook rows were cut short",
                       books[0].r->out_dir);
    int rows_ok = m.rc == NV_OK; /* a failed close does not stop the others */
    for (size_t i = 0; i < n; i++)
        if (bin[i] == b && (e.rc = xlsx_book_close(&books[i], rows_ok, &e.eb)) != NV_OK &&
            m.rc == NV_OK)
            m = e;
    free(rd.buf);
    if (m.rc == NV_OK) _exit(0);
    for (size_t off = 0; off < sizeof m;) {
        ssize_t w = write(fd, (char *)&m + off, sizeof m - off);
        if (w <= 0 && errno != EINTR) break;
        if (w > 0) off += (size_t)w;
    }
    _exit(1);
}

/* Starts the worker of bin b into *w; -1 in w->pid when it cannot be. */
static void worker_start(xlsx_ctx *books, size_t n, xlsx_split *sp, const int *bin, int b,
                         worker *w)
{
    int sv[2], big = 1 << 20;
    pid_t parent = getpid();
    memset(w, 0, sizeof *w);
    w->pid = -1;
    w->fd = -1;
    if (!(w->buf = malloc(SEND_BUF))) return;
    w->cap = SEND_BUF;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return;
    (void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof big); /* a hint */
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        worker_guard(parent, books[0].r ? books[0].r->lock_fd : -1);
        worker_main(books, n, sp, bin, b, sv[1]);
    }
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        return;
    }
    w->pid = pid;
    w->fd = sv[0];
}

/* Waits for w, whose rows have ended (first_path: the first workbook of its
 * bin): NV_OK when it closed its workbooks, else its error (or how it
 * ended) in eb. kill_it: stop it first (this process failed). */
static nv_err worker_wait(worker *w, const char *first_path, int kill_it, nv_errbuf *eb)
{
    worker_msg m;
    size_t got = 0;
    int status = 0;
    if (kill_it) kill(w->pid, SIGKILL);
    while (!kill_it && got < sizeof m) {
        ssize_t r = read(w->fd, (char *)&m + got, sizeof m - got);
        if (r == 0 || (r < 0 && errno != EINTR)) break;
        if (r > 0) got += (size_t)r;
    }
    close(w->fd);
    free(w->buf);
    w->buf = NULL;
    while (waitpid(w->pid, &status, 0) < 0)
        if (errno != EINTR)
            return nv_errf(eb, NV_ERR_INTERNAL, "waiting for a workbook writer: %s",
                           strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return NV_OK;
    if (got == sizeof m && m.rc != NV_OK) {
        m.eb.msg[sizeof m.eb.msg - 1] = '\0';
        *eb = m.eb;
        return m.rc;
    }
    if (WIFSIGNALED(status))
        return nv_errf(eb, NV_ERR_RENDER, "%s: the workbook writer was killed by signal %d",
                       first_path, WTERMSIG(status));
    return nv_errf(eb, NV_ERR_RENDER, "%s: the workbook writer failed", first_path);
}

/* --------------------------------------------------- this process's part */

/* bin[i] for each book: the largest (most table rows) first, each to the
 * bin with the fewest rows so far. */
static void books_bin(const xlsx_ctx *books, size_t n, int nbins, int *bin)
{
    uint64_t load[XLSX_MAX_PROCS] = {0};
    for (size_t i = 0; i < n; i++)
        bin[i] = -1;
    for (size_t k = 0; k < n; k++) {
        size_t big = n;
        for (size_t i = 0; i < n; i++)
            if (bin[i] < 0 && (big == n || books[i].rows > books[big].rows)) big = i;
        int least = 0;
        for (int b = 1; b < nbins; b++)
            if (load[b] < load[least]) least = b;
        bin[big] = least;
        load[least] += books[big].rows + 1;
    }
}

/* The rows of split sheet k: each to its workbook, here (bin -1) or to its
 * worker; then each part's end. */
static nv_err split_fill(xlsx_ctx *books, size_t n, xlsx_split *sp, int k, const int *bin,
                         worker *w, nv_errbuf *eb)
{
    const xlsx_sheet_tpl *s = sp->s[k];
    xlsx_split_part *p = sp->p[k];
    sqlite3_stmt *st = sp->st[k];
    xlsx_val v[XLSX_MAX_COLS];
    size_t hint = 0;
    int step;
    nv_err rc = NV_OK;
    while (rc == NV_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        long i = split_book(books, n, st, sp->key[k], &hint);
        if (i < 0) continue; /* a wing without a workbook (UNMAPPED) */
        if (p[i].row > xlsx_last_data_row(&books[i], p[i].hdr)) {
            p[i].cut++;
            continue;
        }
        xlsx_row_get(s, p[0].cs, st, v);
        if (bin[i] < 0)
            rc = xlsx_row_put(&books[i], s, p[i].ws, p[i].cs, p[i].row, v, eb);
        else
            rc = send_row(&w[bin[i]], s, k, (size_t)i, v, eb);
        p[i].row++;
    }
    if (rc == NV_OK && step != SQLITE_DONE) rc = db_fail(books[0].r->db, eb, s->query);
    for (size_t i = 0; i < n && rc == NV_OK; i++)
        rc = bin[i] < 0 ? split_end(&books[i], s, &p[i], eb)
                        : send_end(&w[bin[i]], k, i, p[i].cut, eb);
    return rc;
}

/* The number of workers for n workbooks: one per processor (none on one),
 * at most n and at most the report's xlsx_workers when it sets one. */
static int workers_count(const nv_report *r, size_t n)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int nw = XLSX_MAX_PROCS;
    if (r->xlsx_workers < 0 || cpus < 2) return 0;
    if (cpus < nw) nw = (int)cpus;
    if (r->xlsx_workers > 0 && r->xlsx_workers < nw) nw = r->xlsx_workers;
    return (size_t)nw > n ? (int)n : nw;
}

/* Returns once one of two or more running workers has ended (its socket
 * reads its end or its error), at once with fewer: work of this process
 * meant to run beside the workers then takes the processor the first one
 * freed, not one the slowest needs (on two processors, beside both it
 * slowed the last to end by as much as it took). */
static void workers_first_end(const worker *w, int nw)
{
    struct pollfd pf[XLSX_MAX_PROCS];
    nfds_t k = 0;
    for (int b = 0; b < nw; b++)
        if (w[b].pid >= 0) pf[k++] = (struct pollfd){.fd = w[b].fd, .events = POLLIN};
    if (k < 2) return;
    while (poll(pf, k, -1) < 0 && errno == EINTR) {
    }
}

nv_err xlsx_books_finish(xlsx_ctx *books, size_t n, xlsx_split *sp, int ok, xlsx_meanwhile *mw,
                         nv_errbuf *eb)
{
    int bin[XLSX_MAX_WINGS], nw = ok && n <= XLSX_MAX_WINGS ? workers_count(books[0].r, n) : 0;
    worker w[XLSX_MAX_PROCS];
    nv_err rc = NV_OK, r;
    nv_errbuf e;
    if (nw > 0 && fflush(NULL) != 0) nw = 0; /* the sheets' files, before a fork */
    books_bin(books, n, nw > 0 ? nw : 1, bin);
    for (size_t i = 0; i < n && nw == 0; i++)
        bin[i] = -1;
    for (int b = 0; b < nw; b++) {
        worker_start(books, n, sp, bin, b, &w[b]);
        if (w[b].pid < 0)
            for (size_t i = 0; i < n; i++) /* this process takes the bin */
                if (bin[i] == b) bin[i] = -1;
    }
    for (int k = 0; k < sp->n && ok && rc == NV_OK; k++)
        rc = split_fill(books, n, sp, k, bin, w, eb);
    for (int b = 0; b < nw; b++) { /* the end of the rows, to every worker */
        if (w[b].pid >= 0 && rc == NV_OK) rc = worker_flush(&w[b], eb);
        if (w[b].pid >= 0 && rc == NV_OK) shutdown(w[b].fd, SHUT_WR);
    }
    for (size_t i = 0; i < n; i++)
        if (bin[i] < 0 && (r = xlsx_book_close(&books[i], ok && rc == NV_OK, &e)) != NV_OK &&
            rc == NV_OK && ok) {
            rc = r;
            *eb = e;
        }
    if (ok && rc == NV_OK && mw && mw->fn) { /* beside the last worker */
        workers_first_end(w, nw);
        mw->called = 1;
        rc = mw->fn(mw->ctx, eb);
    }
    int failed = rc != NV_OK;
    for (int b = 0; b < nw; b++) {
        if (w[b].pid < 0) {
            free(w[b].buf);
            continue;
        }
        const char *first = "";
        for (size_t i = 0; i < n && !first[0]; i++)
            if (bin[i] == b) first = books[i].path;
        int gone = w[b].gone; /* the failure was this worker's: say how it ended */
        r = worker_wait(&w[b], first, failed && !gone, rc == NV_OK || gone ? eb : &e);
        if (rc == NV_OK || (gone && r != NV_OK)) rc = r;
        for (size_t i = 0; i < n; i++) {
            if (bin[i] != b) continue;
            if (r != NV_OK) unlink(books[i].tmp); /* a stopped worker's half-written zip */
            xlsx_book_discard(&books[i]);
        }
    }
    return rc;
}
