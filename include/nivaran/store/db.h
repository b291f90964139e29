/* db.h — the SQLite store: opening, schema migrations, metadata, queries.
 *
 * The schema is queries/migrate_NNN.sql, applied in order while
 * PRAGMA user_version is lower than NNN; indexes are queries/indexes.sql.
 * db_open() also registers the SQL functions of sqlfn.h. Every sqlite3
 * return is checked; failures come back as NV_ERR_DB with the SQLite message
 * and the database path in the nv_errbuf. */
#ifndef NIVARAN_DB_H
#define NIVARAN_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "nivaran/core/err.h"

/* Highest migration this build knows. */
#define DB_SCHEMA_VERSION 12

/* Opens (creating if absent) the database at path, applies the pragmas
 * (16 KiB pages for a new file, rollback journal with synchronous FULL,
 * temporary data in files, 32 MB page cache), migrates it to
 * DB_SCHEMA_VERSION and registers sqlfn functions. A database from a newer
 * build is refused (NV_ERR_DB). On success *out is the caller's, to release
 * with db_close(). */
nv_err db_open(const char *path, sqlite3 **out, nv_errbuf *eb);

/* db_open(), creating the file only when create is non-zero (else a missing
 * file fails, NV_ERR_DB, and nothing is created). Both refuse, NV_ERR_USAGE
 * and nothing changed, a database at schema version 0 that already holds
 * tables: another program's. */
nv_err db_open_mode(const char *path, int create, sqlite3 **out, nv_errbuf *eb);

/* Closes a handle from db_open(); NULL is accepted. */
void db_close(sqlite3 *db);

/* Runs one or more statements without results (sqlite3_exec). */
nv_err db_exec(sqlite3 *db, const char *sql, nv_errbuf *eb);

/* Runs the whole file queries/NAME.sql (several statements, no parameters,
 * no results). */
nv_err db_exec_named(sqlite3 *db, const char *name, nv_errbuf *eb);

/* Prepares the single statement of queries/NAME.sql. *st is the caller's, to
 * finalize. NV_ERR_INTERNAL when there is no such query. */
nv_err db_prepare_named(sqlite3 *db, const char *name, sqlite3_stmt **st, nv_errbuf *eb);

/* Prepares the SQL text sql (one statement). */
nv_err db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, nv_errbuf *eb);

/* Formats the last SQLite error of db, with a context word, into eb and
 * returns NV_ERR_DB. */
nv_err db_fail(sqlite3 *db, nv_errbuf *eb, const char *what);

/* meta table. db_meta_get copies the value (or "" when absent) into buf of
 * size n and returns 1 when present, 0 when absent, -1 on error. */
int db_meta_get(sqlite3 *db, const char *key, char *buf, size_t n);
nv_err db_meta_set(sqlite3 *db, const char *key, const char *value, nv_errbuf *eb);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. rollback never fails loudly. */
nv_err db_begin(sqlite3 *db, nv_errbuf *eb);
nv_err db_commit(sqlite3 *db, nv_errbuf *eb);
void db_rollback(sqlite3 *db);

/* Number of rows in the record table (-1 on error). */
int64_t db_record_count(sqlite3 *db);

#endif
