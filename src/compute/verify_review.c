/* verify_review.c — reading filled call-back lists (and, through
 * verify_book.c, workbooks) back into callback_outcome and flag_review; see
 * include/nivaran/compute/verify.h and VERIFY.md "Reading them back".
 *
 * A reading replaces what is stored for a key only when its file's report
 * day is the same or later than the stored one's and something (value, note,
 * reviewer) differs: the same file read twice changes nothing (not even the
 * time read). An emptied cell of a workbook withdraws the stored value (a
 * row with value NULL, so that an older file read later does not bring it
 * back). internal/callbacks.csv is written with outcome and note empty, so
 * an empty outcome there means "no answer yet" and withdraws nothing. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nivaran/load/csvin.h"
#include "nivaran/store/db.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/core/outfile.h"
#include "verify_int.h"

static const char *const outcomes[] = {"FIXED", "NOT FIXED", "NOT REACHABLE", "WRONG NUMBER"};
static const char *const reviews[] = {"EXPLAINED", "UNDER INQUIRY", "CONFIRMED"};

char *rv_trim(char *s)
{
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1]))
        s[--n] = 0;
    size_t k = strspn(s, " \t\r\n");
    if (k) memmove(s, s + k, n - k + 1);
    return s;
}

void rv_refuse(rv_ctx *x, const char *sheet, long row, const char *fmt, ...)
{
    char why[600], num[24];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    fprintf(stderr, "nivaran review: %s%s%s row %ld: %s\n", x->path, sheet[0] ? ": " : "", sheet,
            row, why);
    if (x->rej) {
        snprintf(num, sizeof num, "%ld", row);
        verify_csv_cell(x->rej, x->path, 0);
        verify_csv_cell(x->rej, sheet, 0);
        csvout_field(x->rej, num, 0);
        verify_csv_cell(x->rej, why, 1);
    }
    x->s->refused++;
}

/* The list value of s (trimmed, case and inner spaces as typed but
 * compared case-insensitively) among v[0..n), or NULL. */
static const char *in_list(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(s, v[i])) return v[i];
    return NULL;
}

static nv_err bind(sqlite3_stmt *st, const char *name, const char *v, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i <= 0) return nv_errf(eb, NV_ERR_INTERNAL, "query lacks %s", name);
    int rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
    return rc == SQLITE_OK ? NV_OK : nv_errf(eb, NV_ERR_DB, "binding %s failed", name);
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static int same(const char *a, const char *b)
{
    if (!a || !*a) return !b || !*b;
    return b && !strcmp(a, b);
}

/* Reads the stored (value, note, reviewer, file_day) of key with get: 1
 * found, 0 not, -1 error. Strings copied into the buffers (256 bytes for v,
 * 4096 for note, 256 for who, 16 for day). */
static int stored_get(sqlite3_stmt *get, const char *key, char *v, char *note, char *who, char *day,
                      nv_errbuf *eb)
{
    sqlite3_reset(get);
    if (bind(get, ":key", key, eb)) return -1;
    int rc = sqlite3_step(get);
    if (rc == SQLITE_DONE) return 0;
    if (rc != SQLITE_ROW) return -1;
    snprintf(v, 256, "%s", col(get, 0) ? col(get, 0) : "");
    snprintf(note, 4096, "%s", col(get, 1) ? col(get, 1) : "");
    snprintf(who, 256, "%s", col(get, 2) ? col(get, 2) : "");
    snprintf(day, 16, "%s", col(get, 3) ? col(get, 3) : "");
    return 1;
}

/* Whether a reading of (value, note, who) from a file of file_day replaces
 * what get finds for key: 1 store, 0 leave (counted), -1 error. */
static int should_store(rv_ctx *x, sqlite3_stmt *get, const char *key, const char *value,
                        const char *note, const char *who, const char *file_day)
{
    char v[256], n[4096], w[256], d[16];
    int f = stored_get(get, key, v, n, w, d, x->eb);
    if (f < 0) return -1;
    if (!f && (!value || !*value)) {
        x->s->unchanged++; /* nothing to withdraw */
        return 0;
    }
    if (f && (strcmp(file_day, d) < 0 || (same(value, v) && same(note, n) && same(who, w)))) {
        x->s->unchanged++;
        return 0;
    }
    if (!value || !*value)
        x->s->withdrawn++;
    else
        x->s->stored++;
    return 1;
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* Splits "DAY|REST" of key into day[16] and *rest; -1 when malformed. */
static int key_split(const char *key, char day[16], const char **rest)
{
    const char *bar = strchr(key, '|');
    int y, m, d;
    if (!bar || bar - key != 10) return -1;
    memcpy(day, key, 10);
    day[10] = 0;
    if (nvt_parse_ymd(day, &y, &m, &d) != 0 || !bar[1]) return -1;
    *rest = bar + 1;
    return 0;
}

nv_err rv_outcome(rv_ctx *x, const char *sheet, long row, const char *key, const char *value,
                  const char *note, const char *reviewer, const char *wing, const char *file_day,
                  int withdraw)
{
    char day[16], recbuf[24];
    const char *rid, *canon = NULL;
    if (!key || !*key) {
        rv_refuse(x, sheet, row, "no call-back key");
        return NV_OK;
    }
    if (key_split(key, day, &rid) != 0) {
        rv_refuse(x, sheet, row, "call-back key '%s' is not DAY|RECORD_ID", key);
        return NV_OK;
    }
    if (value && *value && !(canon = in_list(value, outcomes, 4))) {
        rv_refuse(x, sheet, row,
                  "outcome '%s' is not one of FIXED, NOT FIXED, NOT REACHABLE, WRONG NUMBER",
                  value);
        return NV_OK;
    }
    if (!canon && !withdraw) {
        x->s->unchanged++;
        return NV_OK;
    }
    sqlite3_stmt *f = x->call_find;
    sqlite3_reset(f);
    if (bind(f, ":day", day, x->eb) || bind(f, ":record_id", rid, x->eb)) return NV_ERR_DB;
    int rc = sqlite3_step(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(x->db, x->eb, "call-back key");
    if (rc == SQLITE_DONE) {
        rv_refuse(x, sheet, row, "unknown call-back key '%s' (on no list of %s)", key, x->org);
        return NV_OK;
    }
    char lwing[64];
    snprintf(recbuf, sizeof recbuf, "%lld", (long long)sqlite3_column_int64(f, 0));
    snprintf(lwing, sizeof lwing, "%s", col(f, 1));
    if (wing && strcmp(wing, lwing) != 0) {
        rv_refuse(x, sheet, row, "call-back key '%s' belongs to wing %s, not %s", key, lwing, wing);
        return NV_OK;
    }
    const char *fday = file_day ? file_day : day;
    int st = should_store(x, x->call_get, key, canon, note, reviewer, fday);
    if (st <= 0) return st < 0 ? db_fail(x->db, x->eb, "stored outcome") : NV_OK;
    sqlite3_stmt *p = x->call_put;
    sqlite3_reset(p);
    if (bind(p, ":key", key, x->eb) || bind(p, ":day", day, x->eb) ||
        bind(p, ":rec", recbuf, x->eb) || bind(p, ":wing", lwing, x->eb) ||
        bind(p, ":outcome", canon, x->eb) ||
        bind(p, ":note", or_null(canon ? note : NULL), x->eb) ||
        bind(p, ":reviewer", or_null(canon ? reviewer : NULL), x->eb) ||
        bind(p, ":sha", x->sha, x->eb) || bind(p, ":file_day", fday, x->eb) ||
        bind(p, ":read_at", x->read_at, x->eb))
        return NV_ERR_DB;
    if (sqlite3_step(p) != SQLITE_DONE) return db_fail(x->db, x->eb, "storing an outcome");
    return NV_OK;
}

nv_err rv_review(rv_ctx *x, const char *sheet, long row, const char *key, const char *value,
                 const char *note, const char *reviewer, const char *wing, const char *file_day)
{
    char code[64], a[256];
    const char *canon = NULL;
    const char *b1 = key ? strchr(key, '|') : NULL;
    const char *b2 = b1 ? strchr(b1 + 1, '|') : NULL;
    if (!b2 || b1 - key >= (long)sizeof code || b2 - b1 - 1 >= (long)sizeof a || !b2[1]) {
        rv_refuse(x, sheet, row, "flag key '%s' is not CODE|SOURCE|RECORD_ID or CODE|XEN|DAY",
                  key ? key : "");
        return NV_OK;
    }
    memcpy(code, key, (size_t)(b1 - key));
    code[b1 - key] = 0;
    memcpy(a, b1 + 1, (size_t)(b2 - b1 - 1));
    a[b2 - b1 - 1] = 0;
    if (value && *value && !(canon = in_list(value, reviews, 3))) {
        rv_refuse(x, sheet, row, "review '%s' is not one of EXPLAINED, UNDER INQUIRY, CONFIRMED",
                  value);
        return NV_OK;
    }
    if (canon && strcmp(canon, "UNDER INQUIRY") != 0 && !(reviewer && *reviewer)) {
        rv_refuse(x, sheet, row, "review %s of '%s' has no Reviewed by", canon, key);
        return NV_OK;
    }
    sqlite3_stmt *f = x->flag_find;
    sqlite3_reset(f);
    if (bind(f, ":code", code, x->eb) || bind(f, ":a", a, x->eb) || bind(f, ":b", b2 + 1, x->eb))
        return NV_ERR_DB;
    int rc = sqlite3_step(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(x->db, x->eb, "flag key");
    if (rc == SQLITE_DONE) {
        rv_refuse(x, sheet, row, "flag key '%s' is of no flag of %s", key, x->org);
        return NV_OK;
    }
    char fwing[64], frec[24] = "", fxen[64] = "", fday[16] = "";
    snprintf(fwing, sizeof fwing, "%s", col(f, 0));
    if (sqlite3_column_type(f, 1) != SQLITE_NULL)
        snprintf(frec, sizeof frec, "%lld", (long long)sqlite3_column_int64(f, 1));
    snprintf(fxen, sizeof fxen, "%s", col(f, 2) ? col(f, 2) : "");
    snprintf(fday, sizeof fday, "%s", col(f, 3) ? col(f, 3) : "");
    if (wing && strcmp(wing, fwing) != 0) {
        rv_refuse(x, sheet, row, "flag key '%s' belongs to wing %s, not %s", key, fwing, wing);
        return NV_OK;
    }
    int st = should_store(x, x->flag_get, key, canon, note, reviewer, file_day);
    if (st <= 0) return st < 0 ? db_fail(x->db, x->eb, "stored review") : NV_OK;
    sqlite3_stmt *p = x->flag_put;
    sqlite3_reset(p);
    if (bind(p, ":key", key, x->eb) || bind(p, ":code", code, x->eb) ||
        bind(p, ":wing", fwing, x->eb) || bind(p, ":rec", or_null(frec), x->eb) ||
        bind(p, ":xen_id", or_null(fxen), x->eb) || bind(p, ":flag_day", or_null(fday), x->eb) ||
        bind(p, ":review", canon, x->eb) || bind(p, ":note", or_null(canon ? note : NULL), x->eb) ||
        bind(p, ":reviewer", or_null(canon ? reviewer : NULL), x->eb) ||
        bind(p, ":sha", x->sha, x->eb) || bind(p, ":file_day", file_day, x->eb) ||
        bind(p, ":read_at", x->read_at, x->eb))
        return NV_ERR_DB;
    if (sqlite3_step(p) != SQLITE_DONE) return db_fail(x->db, x->eb, "storing a review");
    return NV_OK;
}

/* ---- internal/callbacks.csv ---- */

static int find_col(const nv_csvrow *h, const char *name)
{
    for (size_t i = 0; i < h->nfields; i++) {
        char b[64];
        snprintf(b, sizeof b, "%s", h->fields[i]);
        if (!strcasecmp(rv_trim(b), name)) return (int)i;
    }
    return -1;
}

static const char *field(const nv_csvrow *row, int i, char *buf, size_t n)
{
    if (i < 0 || (size_t)i >= row->nfields) return "";
    snprintf(buf, n, "%s", row->fields[i]);
    return rv_trim(buf);
}

static nv_err rv_list(rv_ctx *x)
{
    nv_csvin *in = NULL;
    nv_csvrow row;
    nv_errbuf eb2;
    nv_err e = NV_OK;
    int ik = -1, io = -1, in_ = -1, got;
    char key[512], val[256], note[4096];
    if (csvin_open(x->path, &in, &eb2) != NV_OK) {
        rv_refuse(x, "", 0, "%s", eb2.msg);
        return NV_OK;
    }
    if ((got = csvin_next(in, &row, &eb2)) <= 0 || (ik = find_col(&row, "callback_key")) < 0 ||
        (io = find_col(&row, "outcome")) < 0 || (in_ = find_col(&row, "note")) < 0) {
        rv_refuse(x, "", 0, "%s",
                  got < 0 ? eb2.msg
                          : "not a call-back list or workbook of nivaran (no header with "
                            "callback_key, outcome and note)");
        goto done;
    }
    x->s->files++;
    while ((got = csvin_next(in, &row, &eb2)) > 0) {
        field(&row, ik, key, sizeof key);
        if (!strcmp(key, "#")) continue; /* the unsalted list's note */
        field(&row, io, val, sizeof val);
        field(&row, in_, note, sizeof note);
        if ((e = rv_outcome(x, "", row.line, key, val, note, NULL, NULL, NULL, 0))) goto done;
    }
    if (got < 0) rv_refuse(x, "", row.line, "%s (the rows after it were not read)", eb2.msg);
done:
    csvin_close(in);
    return e;
}

static int is_zip(const char *path)
{
    unsigned char b[4] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(b, 1, 4, f);
    fclose(f);
    return n == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
}

static nv_err prepare_all(rv_ctx *x)
{
    nv_err e;
    if ((e = db_prepare_named(x->db, "review_call_find", &x->call_find, x->eb)) ||
        (e = db_prepare_named(x->db, "review_call_get", &x->call_get, x->eb)) ||
        (e = db_prepare_named(x->db, "review_call_put", &x->call_put, x->eb)) ||
        (e = db_prepare_named(x->db, "review_flag_find", &x->flag_find, x->eb)) ||
        (e = db_prepare_named(x->db, "review_flag_get", &x->flag_get, x->eb)) ||
        (e = db_prepare_named(x->db, "review_flag_put", &x->flag_put, x->eb)))
        return e;
    return NV_OK;
}

static void finalize_all(rv_ctx *x)
{
    sqlite3_finalize(x->call_find);
    sqlite3_finalize(x->call_get);
    sqlite3_finalize(x->call_put);
    sqlite3_finalize(x->flag_find);
    sqlite3_finalize(x->flag_get);
    sqlite3_finalize(x->flag_put);
}

nv_err verify_read_files(sqlite3 *db, const char *org, const char *const *paths, size_t n,
                         const char *read_at, FILE *rejects, nv_review_stats *stats, nv_errbuf *eb)
{
    rv_ctx x = {.db = db, .org = org, .read_at = read_at, .rej = rejects, .s = stats, .eb = eb};
    nv_err e = prepare_all(&x);
    for (size_t i = 0; i < n && !e; i++) {
        nv_errbuf eb2;
        int64_t files = stats->files;
        x.path = paths[i];
        if (outfile_sha256(paths[i], x.sha, &eb2) != NV_OK) {
            rv_refuse(&x, "", 0, "%s", eb2.msg);
        } else {
            e = is_zip(paths[i]) ? rv_book(&x) : rv_list(&x);
        }
        if (!e && stats->files == files) stats->files_refused++;
    }
    finalize_all(&x);
    return e;
}
