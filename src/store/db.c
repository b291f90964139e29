/* db.c — see include/nivaran/store/db.h. */
#include "nivaran/store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/store/queries.h"
#include "nivaran/store/sqlfn.h"

nv_err db_fail(sqlite3 *db, nv_errbuf *eb, const char *what)
{
    const char *file = db ? sqlite3_db_filename(db, "main") : NULL;
    return nv_errf(eb, NV_ERR_DB, "%s%s%s: %s", file && *file ? file : "",
                   file && *file ? ": " : "", what, db ? sqlite3_errmsg(db) : "no database");
}

nv_err db_exec(sqlite3 *db, const char *sql, nv_errbuf *eb)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        nv_errf(eb, NV_ERR_DB, "%s: %s", sqlite3_db_filename(db, "main"), msg ? msg : "error");
        sqlite3_free(msg);
        return NV_ERR_DB;
    }
    return NV_OK;
}

nv_err db_exec_named(sqlite3 *db, const char *name, nv_errbuf *eb)
{
    const char *sql = queries_get(name);
    if (!sql) return nv_errf(eb, NV_ERR_INTERNAL, "no query named %s", name);
    return db_exec(db, sql, eb);
}

nv_err db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, nv_errbuf *eb)
{
    *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) return db_fail(db, eb, "prepare");
    return NV_OK;
}

nv_err db_prepare_named(sqlite3 *db, const char *name, sqlite3_stmt **st, nv_errbuf *eb)
{
    const char *sql = queries_get(name);
    *st = NULL;
    if (!sql) return nv_errf(eb, NV_ERR_INTERNAL, "no query named %s", name);
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        return nv_errf(eb, NV_ERR_DB, "queries/%s.sql: %s", name, sqlite3_errmsg(db));
    }
    return NV_OK;
}

int db_meta_get(sqlite3 *db, const char *key, char *buf, size_t n)
{
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (n) buf[0] = 0;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) goto done;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        snprintf(buf, n, "%s", v ? (const char *)v : "");
        rc = 1;
    } else if (s == SQLITE_DONE) {
        rc = 0;
    }
done:
    sqlite3_finalize(st);
    return rc;
}

nv_err db_meta_set(sqlite3 *db, const char *key, const char *value, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    nv_err e = db_prepare(db,
                          "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          &st, eb);
    if (e) return e;
    if (sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE)
        e = db_fail(db, eb, "meta");
    sqlite3_finalize(st);
    return e;
}

nv_err db_begin(sqlite3 *db, nv_errbuf *eb)
{
    return db_exec(db, "BEGIN IMMEDIATE", eb);
}

nv_err db_commit(sqlite3 *db, nv_errbuf *eb)
{
    return db_exec(db, "COMMIT", eb);
}

void db_rollback(sqlite3 *db)
{
    if (db && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Version v's migration: queries/migrate_VVV.sql and every
 * queries/migrate_VVV_*.sql (parts of one version written side by side),
 * in name order (the embedded table is sorted by name). NV_ERR_INTERNAL
 * when there is none. */
static nv_err migrate_version(sqlite3 *db, int v, nv_errbuf *eb)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "migrate_%03d", v), found = 0;
    for (const struct nv_query *q = nv_queries; q->name; q++) {
        if (strncmp(q->name, prefix, (size_t)n) != 0 || (q->name[n] && q->name[n] != '_')) continue;
        nv_err e = db_exec(db, q->sql, eb);
        if (e) return e;
        found = 1;
    }
    return found ? NV_OK : nv_errf(eb, NV_ERR_INTERNAL, "no query %s", prefix);
}

static nv_err db_migrate(sqlite3 *db, nv_errbuf *eb)
{
    sqlite3_stmt *st = NULL;
    int version = 0;
    nv_err e = db_prepare(db, "PRAGMA user_version", &st, eb);
    if (e) return e;
    if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > DB_SCHEMA_VERSION)
        return nv_errf(eb, NV_ERR_DB, "%s: schema version %d is newer than this build knows (%d)",
                       sqlite3_db_filename(db, "main"), version, DB_SCHEMA_VERSION);
    if (version == 0) {
        int foreign = -1;
        if ((e = db_prepare_named(db, "db_foreign", &st, eb))) return e;
        if (sqlite3_step(st) == SQLITE_ROW) foreign = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (foreign < 0) return db_fail(db, eb, "reading the schema");
        if (foreign > 0)
            return nv_errf(eb, NV_ERR_USAGE,
                           "%s: not a nivaran database (it holds another program's tables); "
                           "give --db a new file",
                           sqlite3_db_filename(db, "main"));
    }
    for (int v = version + 1; v <= DB_SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
        if ((e = db_begin(db, eb))) return e;
        if ((e = migrate_version(db, v, eb)) || (e = db_exec(db, pragma, eb))) {
            db_rollback(db);
            return e;
        }
        if ((e = db_commit(db, eb))) {
            db_rollback(db);
            return e;
        }
    }
    return NV_OK;
}

nv_err db_open(const char *path, sqlite3 **out, nv_errbuf *eb)
{
    return db_open_mode(path, 1, out, eb);
}

/* NIVARAN_SQL_PROFILE set: each statement's run time and its first line of
 * SQL (after the query file's comments) to stderr, for profiling a stage. */
static int db_trace_profile(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    if (type != SQLITE_TRACE_PROFILE) return 0;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    if (!sql) return 0;
    while (*sql == ' ' || *sql == '\n' || (sql[0] == '-' && sql[1] == '-')) {
        if (*sql == '-')
            sql += strcspn(sql, "\n");
        else
            sql++;
    }
    int n = (int)strcspn(sql, "\n");
    fprintf(stderr, "sql %9.3f ms  %.*s\n", (double)*(sqlite3_int64 *)x / 1e6, n > 90 ? 90 : n,
            sql);
    return 0;
}

nv_err db_open_mode(const char *path, int create, sqlite3 **out, nv_errbuf *eb)
{
    sqlite3 *db = NULL;
    nv_err e = NV_OK;
    *out = NULL;
    /* NOMUTEX: nivaran is single-threaded and never shares a connection
     * between threads, so the connection's own mutex (taken on every
     * sqlite3_step, bind and column call) is not needed. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        e = nv_errf(eb, NV_ERR_DB, "%s: cannot open database: %s", path,
                    db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(db, 1);
    /* page_size first: it takes effect only on a new, empty database (an
     * existing one keeps its own). 16 KiB pages: a fresh 242k-record load
     * costs 15% less CPU than with 4 KiB.
     * A rollback journal, not WAL: a nightly run is one transaction that may
     * rewrite most pages (the first judgement of 10 million records); in WAL
     * mode every page read in that transaction searches a WAL of gigabytes
     * (sqlite3WalFindFrame took 63% of the time), while a rollback journal
     * keeps reads direct. synchronous = FULL: the commit survives a power
     * cut, and a run killed at any moment leaves a hot journal that the
     * next open rolls back. Temporary b-trees and statement journals go to
     * files (temp_store = FILE), so memory stays bounded however many rows
     * one statement changes; the page cache is 32 MB. */
    if ((e = db_exec(db,
                     "PRAGMA page_size = 16384;"
                     "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
                     "PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE;"
                     "PRAGMA cache_size = -32768;",
                     eb)))
        goto fail;
    if (getenv("NIVARAN_SQL_PROFILE") &&
        sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, db_trace_profile, NULL) != SQLITE_OK) {
        e = nv_errf(eb, NV_ERR_DB, "%s: cannot trace: %s", path, sqlite3_errmsg(db));
        goto fail;
    }
    if ((e = db_migrate(db, eb))) goto fail;
    if ((e = sqlfn_register(db, eb))) goto fail;
    *out = db;
    return NV_OK;
fail:
    sqlite3_close(db);
    return e;
}

void db_close(sqlite3 *db)
{
    if (db) sqlite3_close(db);
}

int64_t db_record_count(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM record", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}
