/* verify.c — see include/nivaran/compute/verify.h: the template, the call-back draw
 * and internal/callbacks.csv. Reading back: verify_review.c. */
#include "nivaran/core/tpl.h"
#include "nivaran/compute/verify.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nivaran/store/db.h"
#include "nivaran/load/layout.h"
#include "nivaran/core/outfile.h"
#include "nivaran/core/words.h"

void verify_cfg_defaults(nv_verify_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->per_xen = 5;
    c->max_record_pct = 5.0;
    c->max_xen_pct = 25.0;
    c->nfr_min_reached = 10;
    c->nfr_min_not_fixed = 3;
}

typedef struct {
    nv_verify_cfg *c;
    char why[160];
} cfg_ctx;

static int on_verify_key(void *user, const char *section, const char *name, const char *value)
{
    cfg_ctx *x = user;
    double v;
    if (strcmp(section, "verify") != 0) {
        snprintf(x->why, sizeof x->why, "unknown section [%s]", section);
        return 0;
    }
    if (!strcmp(name, "per_xen")) {
        if (tpl_parse_num(value, 0, 1000, &v) || v != (int)v) goto bad;
        x->c->per_xen = (int)v;
    } else if (!strcmp(name, "max_record_pct") || !strcmp(name, "max_xen_pct")) {
        if (tpl_parse_num(value, 0, 100, &v)) goto bad;
        *(name[4] == 'r' ? &x->c->max_record_pct : &x->c->max_xen_pct) = v;
    } else if (!strcmp(name, "not_fixed_min_reached") || !strcmp(name, "not_fixed_min_count")) {
        if (tpl_parse_num(value, 1, 1000000, &v) || v != (int)v) goto bad;
        *(name[10] == 'm' && name[14] == 'r' ? &x->c->nfr_min_reached : &x->c->nfr_min_not_fixed) =
            (int)v;
    } else {
        snprintf(x->why, sizeof x->why, "unknown key '%s'", name);
        return 0;
    }
    return 1;
bad:
    snprintf(x->why, sizeof x->why, "bad value '%s' for %s", value, name);
    return 0;
}

nv_err verify_load_cfg(const char *templates_dir, nv_verify_cfg *out, nv_errbuf *eb)
{
    char path[1024];
    verify_cfg_defaults(out);
    if (snprintf(path, sizeof path, "%s/verify.ini", templates_dir) >= (int)sizeof path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: path too long", templates_dir);
    FILE *f = fopen(path, "r");
    if (!f) return NV_OK; /* the defaults */
    fclose(f);
    cfg_ctx x = {out, ""};
    int rc = ini_parse(path, on_verify_key, &x);
    if (rc != 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s:%d: %s", path, rc,
                       x.why[0] ? x.why : "not valid INI");
    snprintf(out->path, sizeof out->path, "%s", path);
    return outfile_sha256(path, out->sha256, eb);
}

int verify_hash(nv_sha256 *given, const char *salt, const char *day, const char *record_id,
                char hex[65])
{
    nv_sha256 *h = given ? given : outfile_sha_new();
    int rc = -1;
    if (!h || (given && outfile_sha_reset(h) != 0)) goto done;
    if (salt && *salt && outfile_sha_update(h, salt, strlen(salt)) != 0) goto done;
    if (outfile_sha_update(h, "|", 1) != 0 || outfile_sha_update(h, day, strlen(day)) != 0 ||
        outfile_sha_update(h, "|", 1) != 0 ||
        outfile_sha_update(h, record_id, strlen(record_id)) != 0)
        goto done;
    rc = outfile_sha_final(h, hex);
done:
    if (!given) outfile_sha_free(h);
    return rc;
}

const char *verify_predictable_note(int bilingual)
{
    return bilingual ? "This call-back list was drawn without a salt (verify-salt): anyone can "
                       "predict it. / "
                       "यह कॉल-बैक सूची बिना साल्ट के बनी है: कोई भी इसका अनुमान लगा सकता है।"
                     : "This call-back list was drawn without a salt (verify-salt): anyone can "
                       "predict it.";
}

/* "|name|name|" of the layouts of organisation org whose complaints take
 * part (no application layout, a mobile column mapped) into buf; "|" when
 * none (org NULL: any organisation's). */
static nv_err mobile_layouts(const char *templates_dir, const char *org, char *buf, size_t n,
                             nv_errbuf *eb)
{
    nv_layouts *set = NULL;
    nv_err e = layouts_load(templates_dir, &set, eb);
    if (e) return e;
    size_t k = (size_t)snprintf(buf, n, "|");
    for (size_t i = 0; i < layouts_count(set); i++) {
        const nv_layout *l = layouts_at(set, i);
        if (l->is_application || l->fields[LF_MOBILE].n == 0) continue;
        if (org && l->organisation[0] && strcasecmp(l->organisation, org) != 0) continue;
        int w = snprintf(buf + k, n - k, "%s|", l->name);
        if (w < 0 || (size_t)w >= n - k) {
            e = nv_errf(eb, NV_ERR_CONFIG, "%s: too many layouts", templates_dir);
            break;
        }
        k += (size_t)w;
    }
    layouts_free(set);
    return e;
}

typedef struct {
    int64_t rec;
    int priority;
    char hash[65];
} cand;

typedef struct {
    cand *v;
    size_t n, cap;
    char wing[64], xen[64];
} cand_group;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->priority != y->priority) return x->priority - y->priority;
    int c = strcmp(x->hash, y->hash);
    if (c) return c;
    return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static nv_err bind_text(sqlite3_stmt *st, const char *name, const char *v, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i <= 0) return nv_errf(eb, NV_ERR_INTERNAL, "query lacks %s", name);
    if (sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) != SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "binding %s failed", name);
    return NV_OK;
}

static nv_err bind_i64(sqlite3_stmt *st, const char *name, int64_t v, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i <= 0) return nv_errf(eb, NV_ERR_INTERNAL, "query lacks %s", name);
    if (sqlite3_bind_int64(st, i, v) != SQLITE_OK)
        return nv_errf(eb, NV_ERR_DB, "binding %s failed", name);
    return NV_OK;
}

/* Sorts one XEN's candidates and stores the first per_xen. */
static nv_err group_store(sqlite3 *db, sqlite3_stmt *ins, const char *day, cand_group *g,
                          int per_xen, nv_errbuf *eb)
{
    nv_err e = NV_OK;
    qsort(g->v, g->n, sizeof *g->v, cand_cmp);
    for (size_t i = 0; i < g->n && i < (size_t)per_xen && !e; i++) {
        sqlite3_reset(ins);
        if ((e = bind_text(ins, ":day", day, eb)) || (e = bind_i64(ins, ":rec", g->v[i].rec, eb)) ||
            (e = bind_text(ins, ":wing", g->wing, eb)) ||
            (e = bind_text(ins, ":xen_id", g->xen, eb)) ||
            (e = bind_i64(ins, ":priority", g->v[i].priority, eb)) ||
            (e = bind_i64(ins, ":draw_order", (int64_t)i + 1, eb)) ||
            (e = bind_text(ins, ":hash", g->v[i].hash, eb)))
            break;
        if (sqlite3_step(ins) != SQLITE_DONE) e = db_fail(db, eb, "storing the call-back list");
    }
    g->n = 0;
    return e;
}

static nv_err group_add(cand_group *g, int64_t rec, int priority, const char *hash, nv_errbuf *eb)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        cand *v = realloc(g->v, cap * sizeof *v);
        if (!v) return nv_errf(eb, NV_ERR_NOMEM, "out of memory (call-back draw)");
        g->v = v;
        g->cap = cap;
    }
    g->v[g->n].rec = rec;
    g->v[g->n].priority = priority;
    memcpy(g->v[g->n].hash, hash, 65);
    g->n++;
    return NV_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* The draw's rows of r's day (priorities 1 and 2). */
static nv_err draw_rows(sqlite3 *db, const nv_verify_cfg *cfg, const nv_report *r, const char *salt,
                        const char *layouts, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL, *ins = NULL;
    cand_group g = {0};
    nv_sha256 *h = outfile_sha_new();
    int rc;
    nv_err e;
    if (!h) return nv_errf(eb, NV_ERR_NOMEM, "sha256 init failed (call-back draw)");
    if ((e = db_prepare_named(db, "verify_candidates", &st, eb)) ||
        (e = db_prepare_named(db, "verify_insert", &ins, eb)) ||
        (e = bind_i64(st, ":d0", r->d0, eb)) || (e = bind_i64(st, ":d1", r->d1, eb)) ||
        (e = bind_text(st, ":layouts", layouts, eb)))
        goto done;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *wing = col(st, 2), *xen = col(st, 3);
        if (g.n && (strcmp(wing, g.wing) || strcmp(xen, g.xen)) &&
            (e = group_store(db, ins, r->report_date, &g, cfg->per_xen, eb)))
            goto done;
        if (!g.n) {
            snprintf(g.wing, sizeof g.wing, "%s", wing);
            snprintf(g.xen, sizeof g.xen, "%s", xen);
        }
        char hex[65];
        if (verify_hash(h, salt, r->report_date, col(st, 1), hex) != 0) {
            e = nv_errf(eb, NV_ERR_INTERNAL, "sha256 failed (call-back draw)");
            goto done;
        }
        if ((e = group_add(&g, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 4), hex, eb)))
            goto done;
    }
    if (rc != SQLITE_DONE) {
        e = db_fail(db, eb, "call-back candidates");
        goto done;
    }
    if (g.n) e = group_store(db, ins, r->report_date, &g, cfg->per_xen, eb);
done:
    outfile_sha_free(h);
    free(g.v);
    sqlite3_finalize(st);
    sqlite3_finalize(ins);
    return e;
}

/* NOT REACHABLE calls of earlier lists, listed once more on r's day. */
static nv_err draw_carries(sqlite3 *db, const char *day, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL, *ins = NULL, *mark = NULL;
    int rc;
    nv_err e;
    if ((e = db_prepare_named(db, "verify_carry", &st, eb)) ||
        (e = db_prepare_named(db, "verify_carry_insert", &ins, eb)) ||
        (e = db_prepare_named(db, "verify_carry_mark", &mark, eb)) ||
        (e = bind_text(st, ":day", day, eb)))
        goto done;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_reset(ins);
        sqlite3_reset(mark);
        if ((e = bind_text(ins, ":day", day, eb)) ||
            (e = bind_i64(ins, ":rec", sqlite3_column_int64(st, 1), eb)) ||
            (e = bind_text(ins, ":wing", col(st, 2), eb)) ||
            (e = bind_text(ins, ":xen_id", col(st, 3), eb)) ||
            (e = bind_text(mark, ":day", day, eb)) || (e = bind_text(mark, ":key", col(st, 0), eb)))
            goto done;
        if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_step(mark) != SQLITE_DONE) {
            e = db_fail(db, eb, "listing a call again");
            goto done;
        }
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "NOT REACHABLE calls");
done:
    sqlite3_finalize(st);
    sqlite3_finalize(ins);
    sqlite3_finalize(mark);
    return e;
}

/* *found = 1 and *out filled when the day's list is stored. */
static nv_err day_get(sqlite3 *db, const char *day, nv_verify_day *out, int *found, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "verify_day_get", &st, eb);
    *found = 0;
    if (e || (e = bind_text(st, ":day", day, eb))) goto done;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *found = 1;
        out->drawn = 1;
        out->salted = sqlite3_column_int(st, 0);
        out->n_listed = sqlite3_column_int64(st, 1);
        out->n_carried = sqlite3_column_int64(st, 2);
    } else if (rc != SQLITE_DONE) {
        e = db_fail(db, eb, "callback_day");
    }
done:
    sqlite3_finalize(st);
    return e;
}

nv_err verify_draw(sqlite3 *db, const nv_verify_cfg *cfg, const nv_report *r, const char *salt,
                   nv_verify_day *out, nv_errbuf *eb)
{
    sqlite3_stmt *put = NULL;
    int found = 0;
    char layouts[4096];
    nv_err e;
    memset(out, 0, sizeof *out);
    if (r->first_day != r->last_day) return NV_OK;
    if ((e = day_get(db, r->report_date, out, &found, eb)) || found) return e;
    /* an organisation none of whose complaint layouts maps a mobile has no
     * one to call: no list (and nothing to call predictable) */
    if ((e = mobile_layouts(r->templates_dir, r->org_name, layouts, sizeof layouts, eb))) return e;
    if (!strcmp(layouts, "|")) return NV_OK;
    if ((e = db_exec(db, "SAVEPOINT verify_draw", eb))) return e;
    if ((e = draw_rows(db, cfg, r, salt, layouts, eb)) ||
        (e = draw_carries(db, r->report_date, eb)) ||
        (e = db_prepare_named(db, "verify_day_put", &put, eb)) ||
        (e = bind_text(put, ":day", r->report_date, eb)) ||
        (e = bind_i64(put, ":salted", salt && *salt, eb)) ||
        (e = bind_i64(put, ":per_xen", cfg->per_xen, eb)))
        goto done;
    if (sqlite3_step(put) != SQLITE_DONE) e = db_fail(db, eb, "callback_day");
done:
    sqlite3_finalize(put);
    if (e) {
        sqlite3_exec(db, "ROLLBACK TO verify_draw; RELEASE verify_draw", NULL, NULL, NULL);
        return e;
    }
    if ((e = db_exec(db, "RELEASE verify_draw", eb))) return e;
    if ((e = day_get(db, r->report_date, out, &found, eb))) return e;
    out->newly_drawn = 1;
    return NV_OK;
}

/* A number by OUTPUTS.md's pattern [+-]?(digits[.digits]|.digits)([eE][+-]?digits)? */
static int is_number(const char *s)
{
    const char *p = s;
    int digits = 0;
    if (*p == '+' || *p == '-') p++;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.') {
        int frac = 0;
        p++;
        while (*p >= '0' && *p <= '9')
            p++, frac++;
        if (!frac) return 0;
        digits += frac;
    }
    if (!digits) return 0;
    if (*p == 'e' || *p == 'E') {
        int exp = 0;
        p++;
        if (*p == '+' || *p == '-') p++;
        while (*p >= '0' && *p <= '9')
            p++, exp++;
        if (!exp) return 0;
    }
    return *p == 0;
}

void verify_csv_cell(FILE *f, const char *s, int last)
{
    if (s && strchr("=+-@\t\r", s[0]) && s[0] && !is_number(s)) {
        size_t n = strlen(s);
        char *b = malloc(n + 2);
        if (b) {
            b[0] = '\'';
            memcpy(b + 1, s, n + 1);
            csvout_field(f, b, last);
            free(b);
            return;
        }
    }
    csvout_field(f, s, last);
}

static void time_cell(FILE *f, const nv_tz *tz, sqlite3_stmt *st, int i)
{
    char iso[32];
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        csvout_field(f, NULL, 0);
        return;
    }
    nvt_format_iso(tz, sqlite3_column_int64(st, i), iso);
    csvout_field(f, iso, 0);
}

static nv_err list_rows(sqlite3 *db, FILE *f, const char *day, const nv_tz *tz, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int rc;
    nv_err e = db_prepare_named(db, "verify_list", &st, eb);
    if (e || (e = bind_text(st, ":day", day, eb))) goto done;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i <= 8; i++)
            verify_csv_cell(f, sqlite3_column_text(st, i) ? col(st, i) : NULL, 0);
        time_cell(f, tz, st, 9);
        time_cell(f, tz, st, 10);
        verify_csv_cell(f, sqlite3_column_text(st, 11) ? col(st, 11) : NULL, 0);
        verify_csv_cell(f, sqlite3_column_text(st, 12) ? col(st, 12) : NULL, 0);
        csvout_field(f, NULL, 0);
        csvout_field(f, NULL, 1);
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "reading the call-back list");
done:
    sqlite3_finalize(st);
    return e;
}

nv_err verify_write_callbacks(sqlite3 *db, const char *out_dir, const char *report_day,
                              const nv_tz *tz, nv_errbuf *eb)
{
    char dir[4096], path[4200];
    nv_outfile o;
    nv_verify_day d = {0};
    int found = 0;
    nv_err e;
    if (snprintf(dir, sizeof dir, "%s/internal", out_dir) >= (int)sizeof dir)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", out_dir);
    snprintf(path, sizeof path, "%s/callbacks.csv", dir);
    if ((e = outfile_mkdirs(dir, eb)) || (e = outfile_open(&o, path, eb))) return e;
    fputs("\xEF\xBB\xBF"
          "callback_key,wing,xen_id,record_id,source,priority,mobile,account,category,"
          "registered,disposed,closedby,otp_verified,outcome,note\n",
          o.f);
    if (!strchr(report_day, '/')) {
        if ((e = list_rows(db, o.f, report_day, tz, eb)) ||
            (e = day_get(db, report_day, &d, &found, eb)))
            goto fail;
        if (found && !d.salted) {
            csvout_field(o.f, "#", 0);
            for (int i = 0; i < 13; i++)
                csvout_field(o.f, NULL, 0);
            csvout_field(o.f, verify_predictable_note(1), 1);
        }
    }
    return outfile_commit(&o, eb);
fail:
    outfile_abort(&o);
    return e;
}

/* ---- the About sheet's rows ---- */

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *ins;
    int ord;
    nv_err e;
    nv_errbuf *eb;
} about_ctx;

static void about(about_ctx *a, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void about(about_ctx *a, const char *label, const char *fmt, ...)
{
    char v[512];
    va_list ap;
    if (a->e) return;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    sqlite3_reset(a->ins);
    if ((a->e = bind_i64(a->ins, ":ord", a->ord++, a->eb)) ||
        (a->e = bind_text(a->ins, ":label", label, a->eb)) ||
        (a->e = bind_text(a->ins, ":value", v, a->eb)))
        return;
    if (sqlite3_step(a->ins) != SQLITE_DONE) a->e = db_fail(a->db, a->eb, "About rows");
}

static void about_thresholds(about_ctx *a, const nv_flag_cfg *f, const nv_verify_cfg *v,
                             const nv_words *w)
{
    for (int i = 0; i < f->n_min; i++) {
        char l[96];
        snprintf(l, sizeof l, "FAST_CLOSE minimum, %s", f->min_time[i].category);
        about(a, l, "%lld min", (long long)(f->min_time[i].min_s / 60));
    }
    about(a, "BULK_CLOSE",
          "%d or more records of one login within %lld min in %d or more "
          "subdivisions",
          f->bulk_min_records, (long long)(f->bulk_span_s / 60), f->bulk_min_subdivisions);
    about(a, "TOUT_PHONE", "%d or more accounts on one mobile within %lld days",
          f->tout_min_accounts, (long long)(f->tout_window_s / 86400));
    about(a, "QUEUE_JUMP", "%d or more applications queued at least %lld h before",
          f->queue_min_queued, (long long)(f->queue_head_start_s / 3600));
    about(a, "REPEAT_AFTER_CLOSE", "a repeat within %lld h of the closing",
          (long long)(f->repeat_window_s / 3600));
    about(a, "Officer-level rules",
          "%d days, %s with %d or more resolved, above Q3 + %g x IQR, "
          "%d or more behind the rate",
          f->officer_window_days, w->word[WORDS_OFFICERS][WORDS_EN], f->officer_min_resolved,
          f->officer_tukey_k, f->officer_min_numerator);
    about(a, "CALLBACK_NOT_FIXED", "a call answered NOT FIXED (HIGH)");
    about(a, "NOT_FIXED_RATE",
          "NOT FIXED / calls reached over 30 days, %s with 10 or more "
          "reached, 3 or more NOT FIXED",
          w->word[WORDS_OFFICERS][WORDS_EN]);
    char label[128];
    snprintf(label, sizeof label, "Call-backs per %s", w->word[WORDS_OFFICER][WORDS_EN]);
    about(a, label, "%d a night", v->per_xen);
    about(a, "Self-check",
          "check the threshold above %g%% of records (record-level) or %g%% of "
          "%s (officer-level)",
          v->max_record_pct, v->max_xen_pct, w->word[WORDS_OFFICERS][WORDS_EN]);
}

nv_err verify_about_fill(sqlite3 *db, const nv_report *r, const nv_flag_cfg *fcfg,
                         const nv_verify_cfg *vcfg, nv_errbuf *eb)
{
    about_ctx a = {.db = db, .eb = eb};
    nv_verify_day d = {0};
    int found = 0;
    nv_err e;
    if ((e = db_exec(db,
                     "CREATE TEMP TABLE IF NOT EXISTS verify_about (ord INTEGER PRIMARY KEY, "
                     "label TEXT NOT NULL, value TEXT NOT NULL); DELETE FROM temp.verify_about",
                     eb)) ||
        (e = db_prepare_named(db, "verify_about_insert", &a.ins, eb)))
        return e;
    if (r->first_day == r->last_day && (e = day_get(db, r->report_date, &d, &found, eb))) goto done;
    nv_words w;
    if ((e = words_load(r->templates_dir, r->org_name, &w, eb))) goto done;
    if (found)
        about(&a, "Call-back list", d.salted ? "drawn with a secret salt" : "%s",
              verify_predictable_note(w.bilingual));
    else
        about(&a, "Call-back list",
              "none (a period report draws none, nor does an organisation whose layouts map no "
              "mobile)");
    about_thresholds(&a, fcfg, vcfg, &w);
    about(&a, "Flag key",
          "CODE|SOURCE|RECORD_ID for a record-level flag, CODE|%s|REPORT_DAY for "
          "an officer-level one",
          w.word[WORDS_OFFICER_CAP][WORDS_EN]);
    about(&a, "Review",
          "EXPLAINED (leaves the MD's top flags), UNDER INQUIRY, CONFIRMED; "
          "EXPLAINED and CONFIRMED need Reviewed by; an emptied cell withdraws the review");
    about(&a, "Outcome", "FIXED, NOT FIXED, NOT REACHABLE (listed once more), WRONG NUMBER");
    about(&a, "A flag", "a reason to look, never a finding of guilt");
    about(&a, "Version", "nivaran, schema version %d", DB_SCHEMA_VERSION);
    e = a.e;
done:
    sqlite3_finalize(a.ins);
    return e;
}
