/* flags.c — see include/nivaran/compute/flags.h: the template, shared helpers and the
 * register. Record-level rules: flags_records.c; officer-level: flags_officer.c. */
#include "nivaran/core/tpl.h"
#include "nivaran/compute/flags.h"

#include <errno.h>
#include <stddef.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nivaran/store/db.h"
#include "nivaran/core/outfile.h"

static const char *const code_names[FLAG_COUNT] = {
    "TIME_ANOMALY",     "FAST_CLOSE",         "BULK_CLOSE",      "TOUT_PHONE",
    "QUEUE_JUMP",       "REPEAT_AFTER_CLOSE", "DEADLINE_HUG",    "HIGH_REJECTION",
    "UNVERIFIED_CLOSE", "DISSATISFIED",       "FAST_CLOSE_RATE", "REPEAT_RATE"};

static const char *const sev_names[3] = {"HIGH", "MEDIUM", "LOW"};

const char *flags_code_name(nv_flag_code c)
{
    return (c >= 0 && c < FLAG_COUNT) ? code_names[c] : "UNKNOWN";
}

const char *flags_sev_name(nv_flag_sev s)
{
    return (s >= 0 && s <= FLAG_SEV_LOW) ? sev_names[s] : "LOW";
}

static void add_min(nv_flag_cfg *c, const char *cat, int64_t minutes)
{
    snprintf(c->min_time[c->n_min].category, sizeof c->min_time[0].category, "%s", cat);
    c->min_time[c->n_min].min_s = minutes * 60;
    c->n_min++;
}

void flags_cfg_defaults(nv_flag_cfg *c)
{
    static const nv_flag_sev sev[FLAG_COUNT] = {FLAG_SEV_HIGH,   FLAG_SEV_MEDIUM, FLAG_SEV_HIGH,
                                                FLAG_SEV_HIGH,   FLAG_SEV_HIGH,   FLAG_SEV_MEDIUM,
                                                FLAG_SEV_MEDIUM, FLAG_SEV_LOW,    FLAG_SEV_MEDIUM,
                                                FLAG_SEV_LOW,    FLAG_SEV_MEDIUM, FLAG_SEV_MEDIUM};
    memset(c, 0, sizeof *c);
    memcpy(c->severity, sev, sizeof sev);
    add_min(c, "TRANSFORMER", 60);
    add_min(c, "LINE_BREAKDOWN", 20);
    add_min(c, "METER", 30);
    add_min(c, "SMART_METER", 30);
    add_min(c, "NEW_CONNECTION", 240);
    add_min(c, "INDUSTRIAL_CONNECTION", 240);
    c->bulk_min_records = 10;
    c->bulk_span_s = 15 * 60;
    c->bulk_min_subdivisions = 3;
    c->tout_window_s = 30 * 86400;
    c->tout_min_accounts = 4;
    c->queue_head_start_s = 48 * 3600;
    c->queue_min_queued = 3;
    c->repeat_window_s = 72 * 3600;
    c->officer_window_days = 30;
    c->officer_min_resolved = 20;
    c->officer_min_numerator = 3;
    c->officer_tukey_k = 1.5;
    c->deadline_hug_s = 3600;
    c->full_pass_fraction = 0.25;
    c->chunk_records = 100000;
}

/* ---- the template ---- */

typedef struct {
    nv_flag_cfg *cfg;
    char err[512];
} ini_ctx;

static int parse_int(const char *v, long lo, long hi, long *out)
{
    double d;
    if (tpl_parse_num(v, (double)lo, (double)hi, &d) || d != (double)(long)d) return -1;
    *out = (long)d;
    return 0;
}

static int ini_severity(ini_ctx *x, const char *name, const char *value)
{
    for (int c = 0; c < FLAG_COUNT; c++) {
        if (strcmp(name, code_names[c]) != 0) continue;
        for (int s = 0; s < 3; s++) {
            if (strcasecmp(value, sev_names[s]) == 0) {
                x->cfg->severity[c] = (nv_flag_sev)s;
                return 1;
            }
        }
        snprintf(x->err, sizeof x->err, "severity of %s must be HIGH, MEDIUM or LOW, not '%s'",
                 name, value);
        return 0;
    }
    snprintf(x->err, sizeof x->err, "unknown flag code '%s' in [severity]", name);
    return 0;
}

static int ini_fast_close(ini_ctx *x, const char *name, const char *value)
{
    long minutes;
    nv_flag_cfg *c = x->cfg;
    if (parse_int(value, 0, 1000000, &minutes)) {
        snprintf(x->err, sizeof x->err, "[fast_close] %s: '%s' is not a number of minutes", name,
                 value);
        return 0;
    }
    for (int i = 0; i < c->n_min; i++) {
        if (strcmp(c->min_time[i].category, name) == 0) {
            c->min_time[i].min_s = (int64_t)minutes * 60;
            return 1;
        }
    }
    if (c->n_min >= FLAGS_MAX_CATEGORIES || strlen(name) >= sizeof c->min_time[0].category) {
        snprintf(x->err, sizeof x->err, "[fast_close] too many categories or name too long: %s",
                 name);
        return 0;
    }
    add_min(c, name, minutes);
    return 1;
}

/* Numeric keys: section, key, target, scale to seconds (0 = a double). */
typedef struct {
    const char *section, *key;
    size_t off;
    int kind; /* 0 int, 1 int64 seconds (value * scale), 2 double */
    long scale;
    double lo, hi;
} num_key;

static const num_key num_keys[] = {
    {"bulk_close", "min_records", offsetof(nv_flag_cfg, bulk_min_records), 0, 1, 1, 1e6},
    {"bulk_close", "span_minutes", offsetof(nv_flag_cfg, bulk_span_s), 1, 60, 0, 1e6},
    {"bulk_close", "min_subdivisions", offsetof(nv_flag_cfg, bulk_min_subdivisions), 0, 1, 1, 1e6},
    {"tout_phone", "window_days", offsetof(nv_flag_cfg, tout_window_s), 1, 86400, 0, 1e5},
    {"tout_phone", "min_accounts", offsetof(nv_flag_cfg, tout_min_accounts), 0, 1, 1, 1e6},
    {"queue_jump", "head_start_hours", offsetof(nv_flag_cfg, queue_head_start_s), 1, 3600, 0, 1e6},
    {"queue_jump", "min_queued", offsetof(nv_flag_cfg, queue_min_queued), 0, 1, 1, 1e6},
    {"repeat_after_close", "window_hours", offsetof(nv_flag_cfg, repeat_window_s), 1, 3600, 0, 1e6},
    {"officer", "window_days", offsetof(nv_flag_cfg, officer_window_days), 0, 1, 1, 3660},
    {"officer", "min_resolved", offsetof(nv_flag_cfg, officer_min_resolved), 0, 1, 1, 1e9},
    {"officer", "min_numerator", offsetof(nv_flag_cfg, officer_min_numerator), 0, 1, 0, 1e9},
    {"officer", "tukey_k", offsetof(nv_flag_cfg, officer_tukey_k), 2, 1, 0, 100},
    {"officer", "deadline_hug_minutes", offsetof(nv_flag_cfg, deadline_hug_s), 1, 60, 0, 1e6},
    {"incremental", "full_pass_fraction", offsetof(nv_flag_cfg, full_pass_fraction), 2, 1, 0, 1e9},
    {"incremental", "chunk_records", offsetof(nv_flag_cfg, chunk_records), 1, 1, 1, 1e9},
};

static int ini_number(ini_ctx *x, const char *section, const char *name, const char *value)
{
    for (size_t i = 0; i < sizeof num_keys / sizeof num_keys[0]; i++) {
        const num_key *k = &num_keys[i];
        if (strcmp(section, k->section) != 0 || strcmp(name, k->key) != 0) continue;
        char *p = (char *)x->cfg + k->off;
        double d;
        long l;
        if (k->kind == 2 ? tpl_parse_num(value, k->lo, k->hi, &d)
                         : parse_int(value, (long)k->lo, (long)k->hi, &l)) {
            snprintf(x->err, sizeof x->err, "[%s] %s: '%s' is not a valid %s", section, name, value,
                     k->kind == 2 ? "number" : "whole number in range");
            return 0;
        }
        if (k->kind == 0)
            *(int *)p = (int)l;
        else if (k->kind == 1)
            *(int64_t *)p = (int64_t)l * k->scale;
        else
            *(double *)p = d;
        return 1;
    }
    snprintf(x->err, sizeof x->err, "unknown key '%s' in [%s]", name, section);
    return 0;
}

static int on_flags_key(void *user, const char *section, const char *name, const char *value)
{
    ini_ctx *x = user;
    if (x->err[0]) return 0;
    if (strcmp(section, "severity") == 0) return ini_severity(x, name, value);
    if (strcmp(section, "fast_close") == 0) return ini_fast_close(x, name, value);
    return ini_number(x, section, name, value);
}

nv_err flags_load_cfg(const char *templates_dir, nv_flag_cfg *out, nv_errbuf *eb)
{
    ini_ctx x = {.cfg = out, .err = ""};
    char path[sizeof out->path];
    flags_cfg_defaults(out);
    if (snprintf(path, sizeof path, "%s/flags.ini", templates_dir) >= (int)sizeof path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s/flags.ini: path too long", templates_dir);
    int rc = ini_parse(path, on_flags_key, &x);
    if (rc < 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read the flag template: %s", path,
                       rc == -1 ? strerror(errno) : "out of memory");
    if (rc > 0)
        return nv_errf(eb, NV_ERR_CONFIG, "%s, line %d: %s", path, rc,
                       x.err[0] ? x.err : "not a valid INI line");
    snprintf(out->path, sizeof out->path, "%s", path);
    return outfile_sha256(path, out->sha256, eb);
}

/* ---- shared helpers ---- */

nv_err flags_db_tz(sqlite3 *db, nv_tz *out, nv_errbuf *eb)
{
    char spec[128];
    int got = db_meta_get(db, "timezone", spec, sizeof spec);
    if (got < 0) return db_fail(db, eb, "reading meta timezone");
    if (got == 0 || !spec[0]) {
        *out = nvt_ist();
        return NV_OK;
    }
    return nvt_tz_parse(spec, out, eb);
}

void flags_fmt_time(const nv_tz *tz, int64_t t, char *buf)
{
    char iso[32];
    nvt_format_iso(tz, t, iso); /* 2024-12-01T10:32:05+05:30 */
    if (iso[17] == '0' && iso[18] == '0')
        snprintf(buf, 32, "%.10s %.5s", iso, iso + 11);
    else
        snprintf(buf, 32, "%.10s %.8s", iso, iso + 11);
}

void flags_fmt_duration(int64_t s, char *buf)
{
    if (s < 0) s = -s;
    long long v = (long long)s, h = v / 3600 % 24, m = v / 60 % 60;
    if (v < 3600) {
        if (v % 60)
            snprintf(buf, 48, "%lld min %lld s", v / 60, v % 60);
        else
            snprintf(buf, 48, "%lld min", v / 60);
    } else if (v < 2 * 86400) {
        if (m)
            snprintf(buf, 48, "%lld h %02lld min", v / 3600, m);
        else
            snprintf(buf, 48, "%lld h", v / 3600);
    } else {
        if (h)
            snprintf(buf, 48, "%lld d %lld h", v / 86400, h);
        else
            snprintf(buf, 48, "%lld d", v / 86400);
    }
}

void flags_mask_mobile(const char *m, char *buf)
{
    size_t n = strlen(m);
    if (n > 31) n = 31;
    for (size_t i = 0; i < n; i++)
        buf[i] = (i < 2 || i + 2 >= n) ? m[i] : 'X';
    buf[n] = 0;
}

static int param_index(sqlite3_stmt *st, const char *name, nv_errbuf *eb)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0)
        nv_errf(eb, NV_ERR_INTERNAL, "query has no parameter %s: %s", name, sqlite3_sql(st));
    return i;
}

nv_err flags_bind_i64(sqlite3_stmt *st, const char *name, int64_t v, nv_errbuf *eb)
{
    int i = param_index(st, name, eb);
    if (!i) return NV_ERR_INTERNAL;
    if (sqlite3_bind_int64(st, i, v) != SQLITE_OK)
        return db_fail(sqlite3_db_handle(st), eb, "binding a flag parameter");
    return NV_OK;
}

nv_err flags_bind_text(sqlite3_stmt *st, const char *name, const char *v, nv_errbuf *eb)
{
    int i = param_index(st, name, eb);
    if (!i) return NV_ERR_INTERNAL;
    int rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
    if (rc != SQLITE_OK) return db_fail(sqlite3_db_handle(st), eb, "binding a flag parameter");
    return NV_OK;
}

nv_err flags_store(sqlite3 *db, sqlite3_stmt *ins, nv_flag_code code, const nv_flag_cfg *cfg,
                   int64_t rec, const char *report_day, const char *wing, const char *xen_id,
                   const char *evidence, nv_errbuf *eb)
{
    nv_err e;
    sqlite3_reset(ins);
    if ((e = flags_bind_text(ins, ":code", flags_code_name(code), eb)) ||
        (e = flags_bind_text(ins, ":severity", flags_sev_name(cfg->severity[code]), eb)) ||
        (e = flags_bind_text(ins, ":report_day", report_day, eb)) ||
        (e = flags_bind_text(ins, ":wing", wing ? wing : "UNMAPPED", eb)) ||
        (e = flags_bind_text(ins, ":xen_id", xen_id ? xen_id : "UNASSIGNED", eb)) ||
        (e = flags_bind_text(ins, ":evidence", evidence, eb)))
        return e;
    int i = param_index(ins, ":rec", eb);
    if (!i) return NV_ERR_INTERNAL;
    if ((rec < 0 ? sqlite3_bind_null(ins, i) : sqlite3_bind_int64(ins, i, rec)) != SQLITE_OK ||
        sqlite3_step(ins) != SQLITE_DONE)
        e = db_fail(db, eb, "storing a flag");
    sqlite3_reset(ins);
    return e;
}

nv_err flags_savepoint(sqlite3 *db, const char *name, nv_errbuf *eb)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
    return db_exec(db, sql, eb);
}

nv_err flags_release(sqlite3 *db, const char *name, nv_errbuf *eb)
{
    char sql[96];
    snprintf(sql, sizeof sql, "RELEASE %s", name);
    return db_exec(db, sql, eb);
}

void flags_rollback_to(sqlite3 *db, const char *name)
{
    char sql[128];
    snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* ---- the register ---- */

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void write_time_field(FILE *f, const nv_tz *tz, sqlite3_stmt *st, int i)
{
    char iso[32];
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        csvout_field(f, NULL, 0);
        return;
    }
    nvt_format_iso(tz, sqlite3_column_int64(st, i), iso);
    csvout_field(f, iso, 0);
}

static nv_err register_rows(sqlite3 *db, FILE *f, const nv_tz *tz, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare_named(db, "flag_register", &st, eb);
    if (e) return e;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < 6; i++)
            csvout_field(f, col_text(st, i), 0);
        write_time_field(f, tz, st, 6);
        write_time_field(f, tz, st, 7);
        csvout_field(f, col_text(st, 8), 0);
        csvout_field(f, col_text(st, 9), 1);
    }
    if (rc != SQLITE_DONE) e = db_fail(db, eb, "reading the flag register");
    sqlite3_finalize(st);
    return e;
}

nv_err flags_write_register(sqlite3 *db, const char *out_dir, const nv_tz *tz, nv_errbuf *eb)
{
    char dir[4096], path[4096];
    nv_outfile o;
    nv_err e;
    if (snprintf(dir, sizeof dir, "%s/internal", out_dir) >= (int)sizeof dir ||
        snprintf(path, sizeof path, "%s/risk_flags.csv", dir) >= (int)sizeof path)
        return nv_errf(eb, NV_ERR_IO, "%s: path too long", out_dir);
    if ((e = outfile_mkdirs(dir, eb)) || (e = outfile_open(&o, path, eb))) return e;
    fputs(CSV_BOM
          "flag_code,severity,record_id,source,wing,xen_id,registered,disposed,evidence,review\n",
          o.f);
    if ((e = register_rows(db, o.f, tz, eb))) {
        outfile_abort(&o);
        return e;
    }
    return outfile_commit(&o, eb);
}
