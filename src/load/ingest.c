/* ingest.c — the loader: file -> rows -> normalised records -> SQLite upsert
 * with history and rejects. See include/nivaran/load/ingest.h (the manual). */
#include "nivaran/load/ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "nivaran/load/csvin.h"
#include "nivaran/store/db.h"
#include "nivaran/load/layout.h"
#include "nivaran/load/normalise.h"
#include "nivaran/load/org.h"
#include "nivaran/core/outfile.h"
#include "nivaran/store/queries.h"

/* Reject reasons: fixed phrases (the detail follows after ": "). */
#define R_UTF8 "invalid UTF-8"
#define R_FIELDS "wrong number of fields"
#define R_ID "missing id"
#define R_STATUS "unknown status"
#define R_TIME "unparseable time"
#define R_NOTIME "resolved or rejected without its time"
#define R_UNTERM "unterminated quoted field at end of file"

#define PROGRESS_EVERY 8192

/* The bulk path stores rows BATCH at a time with one multi-row INSERT OR
 * FAIL (measured: a quarter less CPU per row than one upsert per row);
 * UPSERT_PARAMS = the parameters of one row in ingest_upsert.sql. */
#define BATCH 16
#define UPSERT_PARAMS 36
#define SIGHTING_PARAMS 5

struct nv_ingest {
    sqlite3 *db;
    nv_layouts *set;
    sqlite3_stmt *upsert, *rekey, *sighting, *load_begin, *load_end;
    sqlite3_stmt *insert_many, *sighting_many; /* BATCH rows (bulk path) */
    struct ing_slot *slots;                    /* BATCH rows waiting */
    int npend;                                 /* rows waiting in slots */
    int bulk;                                  /* indexes dropped at open, rebuilt at finish */
    nv_ingest_floor floor;                     /* INGEST_FULL but for make bench */
    sqlite3_stmt *bare;                        /* INGEST_BARE: one row into floor_record */
    int64_t cache_size; /* the connection's PRAGMA cache_size, restored at close */
    int cache_set;
    int checks_set;          /* CHECK constraints turned off by ingest_open */
    int checks_was;          /* PRAGMA ignore_check_constraints before */
    unsigned char *org_done; /* per layout: org chart stored this session */
    const nv_layout *first;  /* first layout recognised (meta) */
    void (*cb)(void *, const char *, int64_t, int64_t, int64_t);
    void *ud;
    char **strs; /* strings handed out in results */
    size_t n_strs;
    char *scratch; /* NUL-terminated copy of a raw row */
    size_t scratch_cap;
    const nv_clock *clock; /* ingest_set_clock(): judge the rows stored; NULL: leave them stale */
};

/* A trimmed, not NUL-terminated view into a row field. */
typedef struct {
    const char *p;
    size_t n;
} nv_view;

/* One file being loaded. */
typedef struct {
    nv_ingest *ig;
    int batch; /* rows go through ig->slots (bulk path) */
    const nv_layouts *set;
    const char *path;
    FILE *rej;
    const nv_layout *l;
    nv_lbinding bind;
    int64_t load_id;
    int64_t read, loaded, rejected;
    int64_t bytes_done, bytes_total;
} ing_file;

/* One normalised row. Views point into the csvin row. */
typedef struct {
    nv_view id, raw_status, subdivision, account, name, address, officer, channel, remarks;
    int status;
    int64_t registered, disposed, last_updated, due;
    int has_disposed, has_due, has_mobile, otp;
    const char *category, *wing, *xen, *feedback;
    int64_t reopen, ret;
    char cat_in[1024];
    char wing_buf[256];
    char xen_buf[512];
    char subkey[256];
    char mobile[11];
    char closed_by[256];
    char detail[512];
} ing_row;

/* A row waiting for the bulk path's multi-row insert: the normalised row,
 * whose views into the csvin row (valid only until the next row) are
 * copied into buf, with its raw text and line. */
typedef struct ing_slot {
    ing_row r;
    nv_view raw;
    long line;
    char *buf;
    size_t cap;
} ing_slot;

/* ---- one row: normalising ---------------------------------------------- */
static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static nv_view ingrow_field(const ing_file *fc, const nv_csvrow *row, nv_lfield f, int j)
{
    nv_view v = {"", 0};
    int i = fc->bind.idx[f][j];
    if (i < 0 || (size_t)i >= row->nfields) return v;
    const char *p = row->fields[i];
    size_t n = row->lens[i];
    while (n && is_space(*p))
        p++, n--;
    while (n && is_space(p[n - 1]))
        n--;
    v.p = p;
    v.n = n;
    return v;
}

/* The untrimmed NUL-terminated field text ("" when not mapped). */
static const char *field_cstr(const ing_file *fc, const nv_csvrow *row, nv_lfield f)
{
    int i = fc->bind.idx[f][0];
    return (i >= 0 && (size_t)i < row->nfields) ? row->fields[i] : "";
}

static const char *fail(ing_row *r, const char *reason, const char *fmt, const char *col, nv_view v)
{
    int n = (int)(v.n > 200 ? 200 : v.n);
    snprintf(r->detail, sizeof r->detail, fmt, col, n, v.p);
    return reason;
}

/* Parses time field f (column j). 0 = parsed (*out), 1 = empty, -1 = bad
 * (reason and detail set in r). */
static int time_field(const ing_file *fc, const nv_csvrow *row, nv_lfield f, int j, ing_row *r,
                      int64_t *out)
{
    nv_view v = ingrow_field(fc, row, f, j);
    if (v.n == 0) return 1;
    if (layout_time(fc->l, v.p, v.n, out) == 0) return 0;
    fail(r, R_TIME, "%s '%.*s'", fc->l->fields[f].col[j], v);
    return -1;
}

/* Joins the trimmed values of field f's columns with " / " into buf.
 * Returns the number of empty parts, or -1 when buf is too small. */
static int join_field(const ing_file *fc, const nv_csvrow *row, nv_lfield f, char *buf, size_t cap)
{
    size_t len = 0;
    int empty = 0;
    buf[0] = 0;
    for (int j = 0; j < fc->l->fields[f].n; j++) {
        nv_view v = ingrow_field(fc, row, f, j);
        if (v.n == 0) empty++;
        if (len + v.n + 4 >= cap) return -1;
        if (j) memcpy(buf + len, " / ", 3), len += 3;
        memcpy(buf + len, v.p, v.n);
        len += v.n;
        buf[len] = 0;
    }
    return empty;
}

static const char *row_status(const ing_file *fc, const nv_csvrow *row, ing_row *r)
{
    r->raw_status = ingrow_field(fc, row, LF_STATUS, 0);
    r->status = layout_status(fc->l, r->raw_status.p, r->raw_status.n);
    if (r->status < 0) return fail(r, R_STATUS, "%s'%.*s'", "", r->raw_status);
    return NULL;
}

/* registered, disposed (per status), last_updated, due. */
static const char *row_times(const ing_file *fc, const nv_csvrow *row, ing_row *r)
{
    int rc = time_field(fc, row, LF_REGISTERED, 0, r, &r->registered);
    if (rc < 0) return R_TIME;
    if (rc > 0)
        return fail(r, R_TIME, "%s '%.*s' (empty)", fc->l->fields[LF_REGISTERED].col[0],
                    (nv_view){"", 0});
    r->has_disposed = 0;
    if (r->status != LS_OPEN) {
        nv_lfield f = r->status == LS_RESOLVED ? LF_DISPOSED_RESOLVED : LF_DISPOSED_REJECTED;
        if (!fc->l->fields[f].n) f = LF_DISPOSED;
        rc = fc->l->fields[f].n ? time_field(fc, row, f, 0, r, &r->disposed) : 1;
        if (rc < 0) return R_TIME;
        if (rc > 0) {
            snprintf(r->detail, sizeof r->detail, "status '%.*s', %s empty",
                     (int)(r->raw_status.n > 100 ? 100 : r->raw_status.n), r->raw_status.p,
                     fc->l->fields[f].n ? fc->l->fields[f].col[0] : "no closing column");
            return R_NOTIME;
        }
        r->has_disposed = 1;
    }
    int have_lu = 0;
    for (int j = 0; j < fc->l->fields[LF_LAST_UPDATED].n; j++) {
        int64_t t;
        rc = time_field(fc, row, LF_LAST_UPDATED, j, r, &t);
        if (rc < 0) return R_TIME;
        if (rc == 0 && (!have_lu || t > r->last_updated)) r->last_updated = t, have_lu = 1;
    }
    if (!have_lu)
        r->last_updated =
            r->has_disposed && r->disposed > r->registered ? r->disposed : r->registered;
    r->has_due = 0;
    if (fc->l->fields[LF_DUE].n) {
        rc = time_field(fc, row, LF_DUE, 0, r, &r->due);
        if (rc < 0) return R_TIME;
        r->has_due = rc == 0;
    }
    return NULL;
}

/* category -> wing -> XEN. */
static void row_place(const ing_file *fc, const nv_csvrow *row, ing_row *r)
{
    const nv_layout *l = fc->l;
    int empty = join_field(fc, row, LF_CATEGORY, r->cat_in, sizeof r->cat_in);
    const char *cat = NULL;
    if (l->passthrough)
        cat = (empty == 0) ? r->cat_in : NULL;
    else if (empty >= 0)
        cat = layout_category(l, r->cat_in);
    r->category = cat ? cat : "UNMAPPED";
    if (l->fields[LF_WING].n) {
        nv_view w = ingrow_field(fc, row, LF_WING, 0);
        int n = (int)(w.n < sizeof r->wing_buf ? w.n : sizeof r->wing_buf - 1);
        memcpy(r->wing_buf, w.p, (size_t)n);
        r->wing_buf[n] = 0;
        r->wing = n ? r->wing_buf : "UNMAPPED";
    } else {
        const char *w = cat ? layouts_wing(fc->set, cat) : NULL;
        r->wing = w ? w : "UNMAPPED";
    }
    r->xen = "UNASSIGNED";
    if (l->org) {
        const char *x = org_lookup(l->org, r->wing, field_cstr(fc, row, LF_SUBDIVISION));
        if (x) r->xen = x;
    } else if (l->fields[LF_XEN].n) {
        if (join_field(fc, row, LF_XEN, r->xen_buf, sizeof r->xen_buf) == 0) r->xen = r->xen_buf;
    }
    r->subdivision = ingrow_field(fc, row, LF_SUBDIVISION, 0);
    norm_key(field_cstr(fc, row, LF_SUBDIVISION), r->subkey, sizeof r->subkey);
}

static int64_t count_of(nv_view v)
{
    int64_t n = 0;
    if (v.n == 0 || v.n > 9) return 0;
    for (size_t i = 0; i < v.n; i++) {
        if (v.p[i] < '0' || v.p[i] > '9') return 0;
        n = n * 10 + (v.p[i] - '0');
    }
    return n;
}

static int view_is(nv_view v, const char *s)
{
    return v.n == strlen(s) && !strncasecmp(v.p, s, v.n);
}

/* The remaining columns: people, officers, feedback, counts. */
static void row_details(const ing_file *fc, const nv_csvrow *row, ing_row *r)
{
    r->has_mobile = norm_mobile(field_cstr(fc, row, LF_MOBILE), r->mobile) == 1;
    norm_login(field_cstr(fc, row, LF_CLOSED_BY), r->closed_by, sizeof r->closed_by);
    nv_view o = ingrow_field(fc, row, LF_OTP_VERIFIED, 0);
    r->otp = (view_is(o, "Y") || view_is(o, "YES") || view_is(o, "1") || view_is(o, "TRUE"))   ? 1
             : (view_is(o, "N") || view_is(o, "NO") || view_is(o, "0") || view_is(o, "FALSE")) ? 0
                                                                                               : -1;
    char fb[64];
    norm_login(field_cstr(fc, row, LF_FEEDBACK), fb, sizeof fb);
    r->feedback = !strcmp(fb, "SATISFIED")       ? "SATISFIED"
                  : !strcmp(fb, "NOT SATISFIED") ? "NOT SATISFIED"
                                                 : NULL;
    r->reopen = count_of(ingrow_field(fc, row, LF_REOPEN_COUNT, 0));
    r->ret = count_of(ingrow_field(fc, row, LF_RETURN_COUNT, 0));
    r->account = ingrow_field(fc, row, LF_ACCOUNT, 0);
    r->name = ingrow_field(fc, row, LF_NAME, 0);
    r->address = ingrow_field(fc, row, LF_ADDRESS, 0);
    r->officer = ingrow_field(fc, row, LF_OFFICER_TYPED, 0);
    r->channel = ingrow_field(fc, row, LF_CHANNEL, 0);
    r->remarks = ingrow_field(fc, row, LF_REMARKS, 0);
}

static const char *ingrow_normalise(const ing_file *fc, const nv_csvrow *row, ing_row *r)
{
    r->detail[0] = 0;
    if (row->status == CSVIN_ROW_UNTERMINATED) {
        snprintf(r->detail, sizeof r->detail, "rows from line %ld to the end", row->line);
        return R_UNTERM;
    }
    if (!norm_utf8_valid(row->raw, row->raw_len)) {
        snprintf(r->detail, sizeof r->detail, "line %ld", row->line);
        return R_UTF8;
    }
    if (row->nfields != fc->bind.nfields) {
        snprintf(r->detail, sizeof r->detail, "expected %zu, got %zu", fc->bind.nfields,
                 row->nfields);
        return R_FIELDS;
    }
    r->id = ingrow_field(fc, row, LF_RECORD_ID, 0);
    if (r->id.n == 0) {
        snprintf(r->detail, sizeof r->detail, "%s empty", fc->l->fields[LF_RECORD_ID].col[0]);
        return R_ID;
    }
    const char *why = row_status(fc, row, r);
    if (!why) why = row_times(fc, row, r);
    if (why) return why;
    row_place(fc, row, r);
    row_details(fc, row, r);
    return NULL;
}

/* ---- one row: storing -------------------------------------------------- */

static int bind_view(sqlite3_stmt *st, int i, nv_view v)
{
    if (v.n == 0) return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, v.p, (int)v.n, SQLITE_STATIC);
}

static int bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (!s || !*s) return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Binds the judgement of r (?33 judge_stale, ?34 deadline, ?35 outcome,
 * ?36 judged_at of ingest_upsert.sql, from base): by the session's clock,
 * else stale and unjudged. */
static int bind_judgement(sqlite3_stmt *st, int base, const ing_file *fc, const ing_row *r)
{
    nv_judgement j = {0};
    if (fc->ig->clock) {
        nv_clock_rec cr = {fc->l->fields[LF_DUE].n > 0,
                           r->has_due,
                           r->has_disposed,
                           r->due,
                           r->registered,
                           r->disposed,
                           r->category,
                           layout_status_name((nv_lstatus)r->status),
                           r->category ? strlen(r->category) : 0};
        clock_judge(fc->ig->clock, &cr, &j);
    }
    int rc = sqlite3_bind_int(st, base + 33, fc->ig->clock ? 0 : 1);
    if (rc == SQLITE_OK)
        rc = j.has_deadline ? sqlite3_bind_int64(st, base + 34, j.deadline)
                            : sqlite3_bind_null(st, base + 34);
    if (rc == SQLITE_OK)
        rc = j.outcome ? sqlite3_bind_text(st, base + 35, j.outcome, -1, SQLITE_STATIC)
                       : sqlite3_bind_null(st, base + 35);
    if (rc == SQLITE_OK)
        rc = j.has_judged_at ? sqlite3_bind_int64(st, base + 36, j.judged_at)
                             : sqlite3_bind_null(st, base + 36);
    return rc;
}

/* Binds ?1..?32 of ingest_upsert.sql from base (ingest_rekey.sql reads the
 * same), and, when judged, its judgement (?33..?36). */
static int bind_record(sqlite3_stmt *st, int base, const ing_file *fc, const ing_row *r,
                       nv_view raw, long line, int judged)
{
    const nv_layout *l = fc->l;
    nv_view subk = {r->subkey, strlen(r->subkey)};
    int rc = SQLITE_OK, i = base;
#define B(x)                                                                                       \
    do {                                                                                           \
        if (rc == SQLITE_OK) rc = (x);                                                             \
    } while (0)
    B(sqlite3_bind_text(st, ++i, l->source, -1, SQLITE_STATIC));
    B(bind_view(st, ++i, r->id));
    B(sqlite3_bind_text(st, ++i, l->name, -1, SQLITE_STATIC));
    B(sqlite3_bind_int(st, ++i, l->is_application));
    B(bind_str(st, ++i, r->category));
    B(bind_str(st, ++i, r->wing));
    B(bind_str(st, ++i, r->xen));
    B(bind_view(st, ++i, r->subdivision));
    B(bind_view(st, ++i, subk));
    B(bind_view(st, ++i, r->channel));
    B(sqlite3_bind_text(st, ++i, r->raw_status.p, (int)r->raw_status.n, SQLITE_STATIC));
    B(sqlite3_bind_text(st, ++i, layout_status_name((nv_lstatus)r->status), -1, SQLITE_STATIC));
    B(sqlite3_bind_int64(st, ++i, r->registered));
    B(r->has_disposed ? sqlite3_bind_int64(st, ++i, r->disposed) : sqlite3_bind_null(st, ++i));
    B(sqlite3_bind_int64(st, ++i, r->last_updated));
    B(sqlite3_bind_int(st, ++i, l->fields[LF_DUE].n > 0));
    B(r->has_due ? sqlite3_bind_int64(st, ++i, r->due) : sqlite3_bind_null(st, ++i));
    B(bind_str(st, ++i, r->has_mobile ? r->mobile : NULL));
    B(bind_view(st, ++i, r->account));
    B(bind_view(st, ++i, r->name));
    B(bind_view(st, ++i, r->address));
    B(bind_str(st, ++i, r->closed_by));
    B(bind_view(st, ++i, r->officer));
    B(r->otp >= 0 ? sqlite3_bind_int(st, ++i, r->otp) : sqlite3_bind_null(st, ++i));
    B(bind_str(st, ++i, r->feedback));
    B(sqlite3_bind_int64(st, ++i, r->reopen));
    B(sqlite3_bind_int64(st, ++i, r->ret));
    B(bind_view(st, ++i, r->remarks));
    B(sqlite3_bind_text(st, ++i, raw.p, (int)raw.n, SQLITE_STATIC));
    B(sqlite3_bind_int64(st, ++i, fc->load_id));
    B(sqlite3_bind_int64(st, ++i, line));
    /* the exported category, for the data-quality notes, when none maps it */
    B(bind_str(st, ++i, strcmp(r->category, "UNMAPPED") == 0 && r->cat_in[0] ? r->cat_in : NULL));
    if (judged) B(bind_judgement(st, base, fc, r));
#undef B
    return rc;
}

static int bind_sighting(sqlite3_stmt *st, int base, const ing_file *fc, nv_view id, long line,
                         int applied)
{
    if (sqlite3_bind_text(st, base + 1, fc->l->source, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, base + 2, id.p, (int)id.n, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, base + 3, fc->load_id) != SQLITE_OK ||
        sqlite3_bind_int64(st, base + 4, line) != SQLITE_OK)
        return SQLITE_ERROR;
    return sqlite3_bind_int(st, base + 5, applied);
}

/* Upserts the record and records the sighting. */
static nv_err row_store(ing_file *fc, const ing_row *r, nv_view raw, long line, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    nv_err e = NV_OK;
    if (ig->floor == INGEST_BARE) { /* the floor: no repeat rule, no sighting */
        if (bind_record(ig->bare, 0, fc, r, raw, line, 1) != SQLITE_OK ||
            sqlite3_step(ig->bare) != SQLITE_DONE)
            e = db_fail(ig->db, eb, "storing a record (floor)");
        sqlite3_reset(ig->bare);
        return e;
    }
    if (bind_record(ig->upsert, 0, fc, r, raw, line, 1) != SQLITE_OK ||
        sqlite3_step(ig->upsert) != SQLITE_DONE) {
        e = db_fail(ig->db, eb, "storing a record");
        goto done;
    }
    int applied = sqlite3_changes(ig->db) > 0;
    if (applied && (bind_record(ig->rekey, 0, fc, r, raw, line, 0) != SQLITE_OK ||
                    sqlite3_step(ig->rekey) != SQLITE_DONE)) {
        e = db_fail(ig->db, eb, "changing a record's keys");
        goto done;
    }
    if (bind_sighting(ig->sighting, 0, fc, r->id, line, applied) != SQLITE_OK ||
        sqlite3_step(ig->sighting) != SQLITE_DONE)
        e = db_fail(ig->db, eb, "recording a sighting");
done:
    sqlite3_reset(ig->upsert); /* every parameter is bound for each row */
    sqlite3_reset(ig->rekey);
    sqlite3_reset(ig->sighting);
    return e;
}

/* ---- the bulk path: BATCH rows per statement ----------------------------- */

/* Copies the views of slot k's row that point into the csvin row (and the
 * raw text) into the slot's own buffer. */
static nv_err slot_keep(nv_ingest *ig, int k, const nv_csvrow *row, nv_errbuf *eb)
{
    ing_slot *sl = &ig->slots[k];
    ing_row *r = &sl->r;
    nv_view *v[] = {&r->id,      &r->raw_status, &r->subdivision, &r->account, &r->name,
                    &r->address, &r->officer,    &r->channel,     &r->remarks, &sl->raw};
    size_t nv = sizeof v / sizeof v[0], need = 0;
    sl->raw = (nv_view){row->raw, row->raw_len};
    sl->line = row->line;
    for (size_t i = 0; i < nv; i++)
        need += v[i]->n;
    if (need > sl->cap) {
        char *p = realloc(sl->buf, need);
        if (!p) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
        sl->buf = p;
        sl->cap = need;
    }
    size_t off = 0;
    for (size_t i = 0; i < nv; i++) {
        if (v[i]->n) memcpy(sl->buf + off, v[i]->p, v[i]->n);
        v[i]->p = v[i]->n ? sl->buf + off : "";
        off += v[i]->n;
    }
    return NV_OK;
}

/* The sightings of slots [0, n), all applied: one statement for a full
 * batch, else one per row. */
static nv_err slots_sighted(ing_file *fc, int n, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    if (n == BATCH) {
        sqlite3_stmt *st = ig->sighting_many;
        int rc = SQLITE_OK;
        for (int k = 0; k < n && rc == SQLITE_OK; k++)
            rc =
                bind_sighting(st, k * SIGHTING_PARAMS, fc, ig->slots[k].r.id, ig->slots[k].line, 1);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? NV_OK : db_fail(ig->db, eb, "recording sightings");
    }
    for (int k = 0; k < n; k++) {
        sqlite3_stmt *st = ig->sighting;
        int rc = bind_sighting(st, 0, fc, ig->slots[k].r.id, ig->slots[k].line, 1);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return db_fail(ig->db, eb, "recording a sighting");
    }
    return NV_OK;
}

/* Stores the waiting rows. A full batch goes in with one INSERT OR FAIL;
 * at a UNIQUE conflict (a record seen before, in this file or an earlier
 * one) the rows before it are in, and the rest take the upsert one by one,
 * so the repeat rule stays exact. A short batch (end of file) takes the
 * upsert. */
static nv_err slots_flush(ing_file *fc, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    int n = ig->npend, done = 0;
    nv_err e = NV_OK;
    ig->npend = 0;
    if (n == BATCH) {
        sqlite3_stmt *st = ig->insert_many;
        int rc = SQLITE_OK;
        for (int k = 0; k < n && rc == SQLITE_OK; k++)
            rc = bind_record(st, k * UPSERT_PARAMS, fc, &ig->slots[k].r, ig->slots[k].raw,
                             ig->slots[k].line, 1);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        if (rc == SQLITE_DONE && ig->floor == INGEST_BARE) {
            sqlite3_reset(st);
            return NV_OK;
        }
        if (rc == SQLITE_DONE)
            done = n;
        else if ((rc & 0xff) == SQLITE_CONSTRAINT &&
                 sqlite3_extended_errcode(ig->db) == SQLITE_CONSTRAINT_UNIQUE)
            done = sqlite3_changes(ig->db); /* OR FAIL keeps the rows before */
        else
            e = db_fail(ig->db, eb, "storing records");
        sqlite3_reset(st);
        if (!e && done) e = slots_sighted(fc, done, eb);
    }
    for (int k = done; k < n && !e; k++)
        e = row_store(fc, &ig->slots[k].r, ig->slots[k].raw, ig->slots[k].line, eb);
    return e;
}

/* ---- rejects ------------------------------------------------------------ */

/* Writes one rejects row. raw (n bytes) may be NULL. */
static nv_err reject_write(ing_file *fc, long line, const char *reason, const char *detail,
                           const char *raw, size_t n, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    if (!fc->rej) return NV_OK;
    if (n + 1 > ig->scratch_cap) {
        char *p = realloc(ig->scratch, n + 1);
        if (!p) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
        ig->scratch = p;
        ig->scratch_cap = n + 1;
    }
    if (n) memcpy(ig->scratch, raw, n);
    ig->scratch[n] = 0;
    char num[32], why[768];
    snprintf(num, sizeof num, "%ld", line);
    snprintf(why, sizeof why, "%s%s%s", reason, detail && *detail ? ": " : "",
             detail ? detail : "");
    csvout_field(fc->rej, fc->path, 0);
    csvout_field(fc->rej, num, 0);
    csvout_field(fc->rej, why, 0);
    csvout_field(fc->rej, ig->scratch, 1);
    if (ferror(fc->rej)) return nv_errf(eb, NV_ERR_IO, "writing the rejects file failed");
    return NV_OK;
}

/* One data row: normalise, then store (or queue, on the bulk path) or
 * reject. stack holds the row when it is not queued. */
static nv_err row_process(ing_file *fc, const nv_csvrow *row, ing_row *stack, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    ing_row *r = fc->batch ? &ig->slots[ig->npend].r : stack;
    fc->read++;
    if (ig->floor == INGEST_PARSE) {
        fc->loaded++;
        return NV_OK;
    }
    const char *why = ingrow_normalise(fc, row, r);
    if (why) {
        fc->rejected++;
        return reject_write(fc, row->line, why, r->detail, row->raw, row->raw_len, eb);
    }
    if (ig->floor == INGEST_NORMALISE) {
        fc->loaded++;
        return NV_OK;
    }
    nv_err e;
    if (fc->batch) {
        if ((e = slot_keep(ig, ig->npend, row, eb))) return e;
        if (++ig->npend == BATCH && (e = slots_flush(fc, eb))) return e;
    } else if ((e = row_store(fc, r, (nv_view){row->raw, row->raw_len}, row->line, eb))) {
        return e;
    }
    fc->loaded++;
    return NV_OK;
}

/* ---- the session -------------------------------------------------------- */

static const char *pool_strdup(nv_ingest *ig, const char *s)
{
    char **p = realloc(ig->strs, (ig->n_strs + 1) * sizeof *p);
    if (!p) return NULL;
    ig->strs = p;
    if (!(p[ig->n_strs] = strdup(s))) return NULL;
    return p[ig->n_strs++];
}

/* Indexes kept during a bulk load: their keys grow at the right edge as rows
 * are appended (ids in file order), they stay empty (judged_at is still
 * NULL; no flags yet) or they cover few rows (applications), so maintaining
 * them costs less than the full table scan a rebuild needs. */
static int index_kept(const char *name, size_t n)
{
    static const char *const keep[] = {"record_judged", "record_queue", "flag_rec", "flag_day"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        if (strlen(keep[i]) == n && !strncmp(keep[i], name, n)) return 1;
    return 0;
}

/* Drops the indexes queries/indexes.sql creates (the bulk path), but those
 * cheaper to maintain than to rebuild. */
static nv_err drop_indexes(sqlite3 *db, nv_errbuf *eb)
{
    static const char key[] = "CREATE INDEX IF NOT EXISTS ";
    const char *sql = queries_get("indexes");
    if (!sql) return nv_errf(eb, NV_ERR_INTERNAL, "no query named indexes");
    for (const char *p = strstr(sql, key); p; p = strstr(p, key)) {
        p += sizeof key - 1;
        size_t n = strcspn(p, " \t\n(");
        char stmt[160];
        if (n == 0 || n > 100) return nv_errf(eb, NV_ERR_INTERNAL, "indexes.sql: bad index name");
        if (index_kept(p, n)) continue;
        snprintf(stmt, sizeof stmt, "DROP INDEX IF EXISTS \"%.*s\"", (int)n, p);
        nv_err e = db_exec(db, stmt, eb);
        if (e) return e;
    }
    return NV_OK;
}

/* Peak memory of a first load stays under 64 MB whatever the file size:
 * the page cache (and with it the sorter of the index builds, temp_store =
 * MEMORY) is held to INGEST_CACHE_KB during the bulk session; measured no
 * slower than 32 MB. A load into a database that holds records keeps the
 * connection's cache (db.c): its upserts touch pages of a dozen indexes all
 * over the file, and a small cache spills and rereads them. */
#define INGEST_CACHE_KB 16384

static nv_err cache_limit(nv_ingest *ig, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare(ig->db, "PRAGMA cache_size", &st, eb);
    if (e) return e;
    if (sqlite3_step(st) == SQLITE_ROW) {
        ig->cache_size = sqlite3_column_int64(st, 0);
        ig->cache_set = 1;
    }
    sqlite3_finalize(st);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", INGEST_CACHE_KB);
    return db_exec(ig->db, sql, eb);
}

/* Appends tuple (n bytes) to out with each parameter ?N written ?(N+add);
 * -1 when a parameter is not within 1..nparam. */
static int tuple_renumber(char *out, size_t *len, const char *tuple, size_t n, int nparam, int add)
{
    for (size_t i = 0; i < n; i++) {
        out[(*len)++] = tuple[i];
        if (tuple[i] != '?') continue;
        int v = 0;
        size_t j = i + 1;
        while (j < n && tuple[j] >= '0' && tuple[j] <= '9' && v < 10000)
            v = v * 10 + (tuple[j++] - '0');
        if (v < 1 || v > nparam) return -1;
        *len += (size_t)sprintf(out + *len, "%d", v + add);
        i = j - 1;
    }
    return 0;
}

/* Prepares the statement `verb` + query qname's INSERT, with its VALUES row
 * (parameters ?1..?nparam) repeated nrows times, renumbered: the text
 * between "VALUES" and end_mark (or the final ';') is the row; into table
 * when not NULL (the query's column list kept), else the query's own.
 * prepare_many(): BATCH rows into the query's table. */
static nv_err prepare_rows(sqlite3 *db, const char *qname, const char *verb, const char *table,
                           const char *end_mark, int nparam, int nrows, sqlite3_stmt **st,
                           nv_errbuf *eb)
{
    const char *sql = queries_get(qname);
    const char *ins = sql ? strstr(sql, "\nINSERT INTO ") : NULL;
    const char *val = ins ? strstr(ins, "VALUES") : NULL;
    if (!val) return nv_errf(eb, NV_ERR_INTERNAL, "queries/%s.sql: no INSERT ... VALUES", qname);
    ins += sizeof "\nINSERT INTO " - 1;
    const char *tup = val + sizeof "VALUES" - 1;
    const char *end = end_mark ? strstr(tup, end_mark) : strrchr(tup, ';');
    if (!end) return nv_errf(eb, NV_ERR_INTERNAL, "queries/%s.sql: no end of VALUES", qname);
    while (end > tup && (end[-1] == ' ' || end[-1] == '\n'))
        end--;
    const char *cols = table ? strchr(ins, '(') : ins; /* the columns, without the name */
    if (!cols || cols > val)
        return nv_errf(eb, NV_ERR_INTERNAL, "queries/%s.sql: no columns", qname);
    size_t tn = (size_t)(end - tup), hn = (size_t)(val - cols);
    size_t cap =
        strlen(verb) + (table ? strlen(table) : 0) + hn + 16 + (size_t)nrows * (tn * 2 + 4);
    char *out = malloc(cap);
    if (!out) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    size_t len = (size_t)sprintf(out, "%s %s%s%.*s VALUES", verb, table ? table : "",
                                 table ? " " : "", (int)hn, cols);
    nv_err e = NV_OK;
    for (int k = 0; k < nrows && !e; k++) {
        if (k) out[len++] = ',';
        if (tuple_renumber(out, &len, tup, tn, nparam, k * nparam) != 0)
            e = nv_errf(eb, NV_ERR_INTERNAL, "queries/%s.sql: a parameter beyond ?%d", qname,
                        nparam);
    }
    out[len] = 0;
    if (!e && sqlite3_prepare_v2(db, out, (int)len + 1, st, NULL) != SQLITE_OK)
        e = nv_errf(eb, NV_ERR_DB, "queries/%s.sql (%d rows): %s", qname, nrows,
                    sqlite3_errmsg(db));
    free(out);
    return e;
}

static nv_err prepare_many(sqlite3 *db, const char *qname, const char *verb, const char *end_mark,
                           int nparam, sqlite3_stmt **st, nv_errbuf *eb)
{
    return prepare_rows(db, qname, verb, NULL, end_mark, nparam, BATCH, st, eb);
}

/* The bulk path's statements and slots. */
static nv_err bulk_prepare(nv_ingest *ig, nv_errbuf *eb)
{
    nv_err e;
    if ((e = prepare_many(ig->db, "ingest_upsert", "INSERT OR FAIL INTO", "\nON CONFLICT",
                          UPSERT_PARAMS, &ig->insert_many, eb)) ||
        (e = prepare_many(ig->db, "ingest_sighting", "INSERT OR FAIL INTO", NULL, SIGHTING_PARAMS,
                          &ig->sighting_many, eb)))
        return e;
    if (!(ig->slots = calloc(BATCH, sizeof *ig->slots)))
        return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    return NV_OK;
}

/* The statements that store records (the upsert and its re-key; on the bulk path the
 * BATCH-row insert too). */
static nv_err record_prepare(nv_ingest *ig, nv_errbuf *eb)
{
    nv_err e = db_prepare_named(ig->db, "ingest_upsert", &ig->upsert, eb);
    if (!e) e = db_prepare_named(ig->db, "ingest_rekey", &ig->rekey, eb);
    if (!e && ig->bulk) e = bulk_prepare(ig, eb);
    return e;
}

/* CHECK constraints are off from ingest_open to ingest_finish. The one CHECK
 * of the record table, status IN ('OPEN','RESOLVED','REJECTED'), compiles
 * (sqlite 3.40) to a temporary b-tree of the three names built, searched
 * and cleared for every row stored: a tenth of the instructions of a fresh
 * 242k-record load. The status the loader stores is always
 * layout_status_name() of a recognised status (row_status rejects any other
 * row), one of those three names. The pragma acts when a statement is
 * compiled, and setting it expires every compiled statement, so it stays on
 * while the loader's statements run and is restored when loading ends:
 * every statement compiled after (the judge, the flags, the reports) has its
 * checks. Nothing but the loader's statements (and the org chart's
 * inserts, on tables without a CHECK) runs while it is on. */
static nv_err checks_off(nv_ingest *ig, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare(ig->db, "PRAGMA ignore_check_constraints", &st, eb);
    if (e) return e;
    ig->checks_was = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    if ((e = db_exec(ig->db, "PRAGMA ignore_check_constraints = 1", eb))) return e;
    ig->checks_set = 1;
    return NV_OK;
}

static nv_err checks_restore(nv_ingest *ig, nv_errbuf *eb)
{
    if (!ig->checks_set) return NV_OK;
    ig->checks_set = 0;
    return db_exec(ig->db,
                   ig->checks_was ? "PRAGMA ignore_check_constraints = 1"
                                  : "PRAGMA ignore_check_constraints = 0",
                   eb);
}

nv_err ingest_open(sqlite3 *db, const char *templates_dir, nv_ingest **out, nv_errbuf *eb)
{
    *out = NULL;
    nv_ingest *ig = calloc(1, sizeof *ig);
    if (!ig) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    *out = ig;
    ig->db = db;
    nv_err e = layouts_load(templates_dir, &ig->set, eb);
    if (e) return e;
    if (!(ig->org_done = calloc(layouts_count(ig->set), 1)))
        return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    if ((e = checks_off(ig, eb))) return e;
    int64_t n = db_record_count(db);
    if (n < 0) return db_fail(db, eb, "counting records");
    if (n == 0) {
        if ((e = cache_limit(ig, eb)) || (e = drop_indexes(db, eb))) return e;
        ig->bulk = 1;
    }
    /* after the schema changes above, so that no statement is recompiled */
    if ((e = db_prepare_named(db, "ingest_sighting", &ig->sighting, eb)) ||
        (e = db_prepare_named(db, "ingest_load_begin", &ig->load_begin, eb)) ||
        (e = db_prepare_named(db, "ingest_load_end", &ig->load_end, eb)))
        return e;
    return record_prepare(ig, eb);
}

nv_err ingest_set_floor(nv_ingest *ig, nv_ingest_floor floor, nv_errbuf *eb)
{
    ig->floor = floor;
    if (floor != INGEST_BARE) return NV_OK;
    nv_err e;
    sqlite3_finalize(ig->insert_many);
    ig->insert_many = NULL;
    if ((e = db_exec(ig->db,
                     "DROP TABLE IF EXISTS floor_record;"
                     "CREATE TABLE floor_record AS SELECT * FROM record WHERE 0",
                     eb)) ||
        (e = prepare_rows(ig->db, "ingest_upsert", "INSERT INTO", "floor_record", "\nON CONFLICT",
                          UPSERT_PARAMS, 1, &ig->bare, eb)))
        return e;
    if (!ig->bulk) return NV_OK; /* rows one by one */
    return prepare_rows(ig->db, "ingest_upsert", "INSERT INTO", "floor_record", "\nON CONFLICT",
                        UPSERT_PARAMS, BATCH, &ig->insert_many, eb);
}

void ingest_set_clock(nv_ingest *ig, const nv_clock *c)
{
    ig->clock = c;
}

void ingest_set_progress(nv_ingest *ig,
                         void (*cb)(void *ud, const char *path, int64_t rows, int64_t bytes_done,
                                    int64_t bytes_total),
                         void *ud)
{
    ig->cb = cb;
    ig->ud = ud;
}

/* The wall clock in UTC, ISO 8601 (load history only). */
static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The load row of fc, its sha256 left for load_row_end. */
static nv_err load_row_begin(ing_file *fc, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    char now[32];
    now_iso(now);
    sqlite3_stmt *st = ig->load_begin;
    nv_err e = NV_OK;
    if (sqlite3_bind_text(st, 1, fc->path, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, "", 0, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_null(st, 3) != SQLITE_OK ||
        sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE)
        e = db_fail(ig->db, eb, "recording a load");
    else
        fc->load_id = sqlite3_last_insert_rowid(ig->db);
    sqlite3_reset(st);
    return e;
}

static nv_err load_row_end(ing_file *fc, const char *error, const char *sha, nv_errbuf *eb)
{
    sqlite3_stmt *st = fc->ig->load_end;
    nv_err e = NV_OK;
    if (sqlite3_bind_int64(st, 1, fc->load_id) != SQLITE_OK ||
        (fc->l ? sqlite3_bind_text(st, 2, fc->l->name, -1, SQLITE_STATIC)
               : sqlite3_bind_null(st, 2)) != SQLITE_OK ||
        sqlite3_bind_int64(st, 3, fc->read) != SQLITE_OK ||
        sqlite3_bind_int64(st, 4, fc->loaded) != SQLITE_OK ||
        sqlite3_bind_int64(st, 5, fc->rejected) != SQLITE_OK ||
        bind_str(st, 6, error) != SQLITE_OK ||
        sqlite3_bind_text(st, 7, sha, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE)
        e = db_fail(fc->ig->db, eb, "recording a load");
    sqlite3_reset(st);
    return e;
}

static void progress(ing_file *fc, int final)
{
    nv_ingest *ig = fc->ig;
    if (!ig->cb) return;
    int64_t done = final ? fc->bytes_total
                         : (fc->bytes_done < fc->bytes_total ? fc->bytes_done : fc->bytes_total);
    ig->cb(ig->ud, fc->path, fc->read, done, fc->bytes_total);
}

/* ---- one file ----------------------------------------------------------- */

/* Records a whole-file refusal: undoes the file's rows (savepoint), writes
 * the load row with the error (and the file's sha256 when it can be read)
 * and the line-0 reject, fills res. */
static nv_err file_refuse(ing_file *fc, int in_sp, const char *why, nv_input_result *res,
                          nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    nv_err e = NV_OK;
    char sha[65] = "";
    nv_errbuf tmp;
    struct stat sb; /* never read a device or a FIFO to hash it: it may never end */
    if (stat(fc->path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        outfile_sha256(fc->path, sha, &tmp) != NV_OK)
        sha[0] = 0; /* unreadable: none */
    if (in_sp && (e = db_exec(ig->db, "ROLLBACK TO ingest_file", eb))) return e;
    fc->loaded = 0;
    fc->rejected = fc->read;
    const nv_layout *l = fc->l;
    fc->l = NULL; /* the load row of a refused file has no layout */
    e = load_row_begin(fc, eb);
    if (!e) e = load_row_end(fc, why, sha, eb);
    fc->l = l;
    if (!e && in_sp) e = db_exec(ig->db, "RELEASE ingest_file", eb);
    if (!e) e = reject_write(fc, 0, why, NULL, "", 0, eb);
    if (e) return e;
    memcpy(res->sha256, sha, sizeof res->sha256);
    res->layout = l ? l->name : NULL;
    res->source = l ? l->source : NULL;
    res->rows_read = fc->read;
    res->rows_loaded = 0;
    res->rows_rejected = fc->read;
    if (!(res->error = pool_strdup(ig, why))) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    progress(fc, 1);
    return NV_OK;
}

/* "unknown header: 'A,B,C...'" with at most ~120 bytes of the header. */
static void describe_header(const nv_csvrow *hdr, char *why, size_t n)
{
    if (!norm_utf8_valid(hdr->raw, hdr->raw_len)) {
        snprintf(why, n, "unknown header: not UTF-8 text");
        return;
    }
    size_t len = hdr->raw_len;
    if (len > 120) {
        len = 120;
        while (len && ((unsigned char)hdr->raw[len] & 0xC0) == 0x80)
            len--;
    }
    snprintf(why, n, "unknown header: '%.*s%s'", (int)len, hdr->raw,
             len < hdr->raw_len ? "..." : "");
}

/* Chooses and binds the layout; -1 with the refusal reason in why. */
static int choose_layout(ing_file *fc, const char *force, const nv_csvrow *hdr, char *why, size_t n)
{
    const nv_layout *l;
    if (hdr->status != CSVIN_ROW_OK) {
        snprintf(why, n, "unknown header: a quote is left open");
        return -1;
    }
    if (force) {
        if (!(l = layouts_find(fc->set, force))) {
            snprintf(why, n, "unknown layout '%s'", force);
            return -1;
        }
    } else if (!(l = layouts_recognise(fc->set, hdr->fields, hdr->nfields))) {
        describe_header(hdr, why, n);
        return -1;
    }
    nv_errbuf tmp;
    if (layout_bind(l, hdr->fields, hdr->nfields, &fc->bind, &tmp) != NV_OK) {
        snprintf(why, n, "layout %.100s: %.600s", l->name, tmp.msg);
        return -1;
    }
    fc->l = l;
    return 0;
}

/* After a successful file: the layout's org chart once per session. */
static nv_err file_done(ing_file *fc, nv_errbuf *eb)
{
    nv_ingest *ig = fc->ig;
    for (size_t i = 0; i < layouts_count(ig->set); i++) {
        if (layouts_at(ig->set, i) != fc->l || ig->org_done[i] || !fc->l->org) continue;
        nv_err e = org_store(fc->l->org, ig->db, eb);
        if (e) return e;
        ig->org_done[i] = 1;
    }
    if (!ig->first) ig->first = fc->l;
    return NV_OK;
}

/* Reads the data rows; 1 = read to the end, 0 = refused (why set). */
static int file_rows(ing_file *fc, nv_csvin *r, char *why, size_t n, nv_err *e, nv_errbuf *eb)
{
    nv_csvrow row;
    nv_errbuf tmp;
    ing_row rr;
    int rc;
    while ((rc = csvin_next(r, &row, &tmp)) > 0) {
        fc->bytes_done += (int64_t)row.raw_len + 1;
        if ((*e = row_process(fc, &row, &rr, eb))) return 0;
        if (fc->read % PROGRESS_EVERY == 0) progress(fc, 0);
    }
    if (rc < 0) {
        snprintf(why, n, "binary file: %.600s", tmp.msg);
        return 0;
    }
    return 1;
}

/* Counts the data rows of a file that is refused anyway; a NUL byte met on
 * the way makes it a binary file (why replaced). */
static void count_rows(ing_file *fc, nv_csvin *r, char *why, size_t n)
{
    nv_csvrow row;
    nv_errbuf tmp;
    int rc;
    while ((rc = csvin_next(r, &row, &tmp)) > 0)
        fc->read++;
    if (rc < 0) snprintf(why, n, "binary file: %.600s", tmp.msg);
}

/* Checks that path is a non-empty regular file; "" = fine. */
static void file_precheck(ing_file *fc, char *why, size_t n)
{
    struct stat sb;
    why[0] = 0;
    if (stat(fc->path, &sb) != 0)
        snprintf(why, n, "cannot open: %s", strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        snprintf(why, n, "cannot open: not a regular file");
    else if (sb.st_size == 0)
        snprintf(why, n, "empty file");
    fc->bytes_total = why[0] ? 0 : (int64_t)sb.st_size;
}

nv_err ingest_file(nv_ingest *ig, const char *path, const char *force_layout, FILE *rejects,
                   nv_input_result *res, nv_errbuf *eb)
{
    ing_file fc = {.ig = ig, .set = ig->set, .path = path, .rej = rejects, .batch = ig->bulk};
    char sha[65] = "", why[768];
    nv_csvin *r = NULL;
    nv_csvrow hdr;
    nv_errbuf tmp;
    nv_err e = NV_OK;
    int sp = 0;
    memset(res, 0, sizeof *res);
    if (!(res->path = pool_strdup(ig, path))) return nv_errf(eb, NV_ERR_NOMEM, "out of memory");
    file_precheck(&fc, why, sizeof why);
    if (why[0]) return file_refuse(&fc, 0, why, res, eb);
    if ((e = db_exec(ig->db, "SAVEPOINT ingest_file", eb))) return e;
    sp = 1;
    if ((e = load_row_begin(&fc, eb))) goto fail;
    if (csvin_open(path, &r, &tmp) != NV_OK) {
        snprintf(why, sizeof why, "cannot open: %.600s", tmp.msg);
        goto refuse;
    }
    int rc = csvin_next(r, &hdr, &tmp);
    if (rc <= 0) {
        snprintf(why, sizeof why, rc == 0 ? "empty file" : "binary file: %.600s", tmp.msg);
        goto refuse;
    }
    if (choose_layout(&fc, force_layout, &hdr, why, sizeof why) < 0) {
        count_rows(&fc, r, why, sizeof why);
        goto refuse;
    }
    if (!file_rows(&fc, r, why, sizeof why, &e, eb)) {
        if (e) goto fail;
        goto refuse;
    }
    /* the bytes just parsed; a reader that could not hash reads again */
    if (csvin_sha256(r, sha) != 0 && (e = outfile_sha256(path, sha, eb))) goto fail;
    csvin_close(r);
    r = NULL;
    if ((e = slots_flush(&fc, eb)) || (e = load_row_end(&fc, NULL, sha, eb)) ||
        (e = file_done(&fc, eb)) || (e = db_exec(ig->db, "RELEASE ingest_file", eb)))
        goto fail;
    res->layout = fc.l->name;
    res->source = fc.l->source;
    res->rows_read = fc.read;
    res->rows_loaded = fc.loaded;
    res->rows_rejected = fc.rejected;
    memcpy(res->sha256, sha, sizeof res->sha256);
    progress(&fc, 1);
    return NV_OK;
refuse:
    ig->npend = 0; /* rolled back with the file */
    csvin_close(r);
    return file_refuse(&fc, 1, why, res, eb);
fail:
    ig->npend = 0;
    csvin_close(r);
    if (sp) {
        sqlite3_exec(ig->db, "ROLLBACK TO ingest_file", NULL, NULL, NULL);
        sqlite3_exec(ig->db, "RELEASE ingest_file", NULL, NULL, NULL);
    }
    return e;
}

/* ---- the end of the session --------------------------------------------- */

nv_err ingest_finish(nv_ingest *ig, nv_errbuf *eb)
{
    nv_err e = checks_restore(ig, eb);
    if (e) return e;
    if (ig->bulk) {
        /* the index builds sort in runs the size of a 2 MB cache, which
         * SQLite's sorter sorts on a second thread: 8% less wall time on a
         * 242k first load than one sort in the 16 MB cache (median of 5);
         * ingest_close() sets the cache back */
        if ((e = db_exec(ig->db, "PRAGMA threads = 2; PRAGMA cache_size = -2048", eb)) ||
            (e = db_exec_named(ig->db, "indexes", eb)) ||
            (e = db_exec(ig->db, "PRAGMA threads = 0", eb)))
            return e;
        ig->bulk = 0;
    }
    if (ig->first) {
        if ((e = db_meta_set(ig->db, "timezone", ig->first->tz.name, eb)) ||
            (e = db_meta_set(ig->db, "organisation", ig->first->organisation, eb)))
            return e;
    }
    return NV_OK;
}

void ingest_close(nv_ingest *ig)
{
    if (!ig) return;
    nv_errbuf tmp;
    checks_restore(ig, &tmp);
    if (ig->cache_set) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)ig->cache_size);
        sqlite3_exec(ig->db, sql, NULL, NULL, NULL);
    }
    sqlite3_finalize(ig->upsert);
    sqlite3_finalize(ig->rekey);
    sqlite3_finalize(ig->sighting);
    sqlite3_finalize(ig->load_begin);
    sqlite3_finalize(ig->load_end);
    sqlite3_finalize(ig->insert_many);
    sqlite3_finalize(ig->sighting_many);
    sqlite3_finalize(ig->bare);
    for (int k = 0; ig->slots && k < BATCH; k++)
        free(ig->slots[k].buf);
    free(ig->slots);
    layouts_free(ig->set);
    free(ig->org_done);
    for (size_t i = 0; i < ig->n_strs; i++)
        free(ig->strs[i]);
    free(ig->strs);
    free(ig->scratch);
    free(ig);
}
