/* ingest.h — the loader: export file -> rows -> normalised records -> SQLite.
 *
 * An ingest session loads any number of export files into one database:
 *
 *   ingest_open()            read every layout template (templates/layouts/),
 *                            templates/wings.ini and the org charts they name;
 *                            prepare the statements once
 *   ingest_file() per file   recognise the layout from the header row (or
 *                            take --layout), read row by row (streaming:
 *                            memory does not grow with the file), normalise,
 *                            upsert by the repeat rule of EXPORTS.md, record
 *                            every sighting, write rejects
 *   ingest_finish()          recreate indexes (bulk path), set meta
 *   ingest_close()           release everything, results' strings included
 *
 * Transactions: ingest never BEGINs or COMMITs. The caller holds one
 * transaction over the whole run (all or nothing). Each file is loaded inside
 * a SAVEPOINT, so that a file refused half-way (a NUL byte on line 5,000)
 * leaves none of its rows behind: only its `load` row with the error.
 *
 * Bulk path: when the record table is empty at ingest_open(), the indexes of
 * queries/indexes.sql are dropped and ingest_finish() recreates them
 * (sorted builds are much cheaper than row-by-row maintenance). A caller that
 * fails between the two must roll its transaction back (it does anyway).
 *
 * What is stored (table record, one row per (source, record_id)):
 *   - source, layout, is_application from the layout template;
 *   - times as instants (layout's time formats and zone);
 *   - status OPEN / RESOLVED / REJECTED by the template's vocabulary; an open
 *     status keeps disposed NULL whatever the closing column holds;
 *   - disposed from the closing column (per-status columns allowed: Jhatpat's
 *     rejection time is STATUS_DATE);
 *   - last_updated: the latest non-empty of the mapped last_updated columns;
 *     when none is mapped or all are empty, the later of registered and
 *     disposed (Nivesh Mitra's rule);
 *   - category by the template's map (unknown or empty: 'UNMAPPED') or the
 *     column as-is (passthrough; empty: 'UNMAPPED'); wing from the wing
 *     column when mapped, else by templates/wings.ini (unknown: 'UNMAPPED');
 *     XEN by the layout's org chart (wing + subdivision, case and spaces
 *     ignored; no match: 'UNASSIGNED'), else the xen column(s) joined with
 *     " / " (any empty: 'UNASSIGNED'), else 'UNASSIGNED';
 *   - mobile: last 10 digits (fewer than 10 digits: NULL, not a reject);
 *     closed_by: login trimmed, spaces collapsed, upper case; otp_verified
 *     Y/YES/1/TRUE -> 1, N/NO/0/FALSE -> 0, else NULL; feedback SATISFIED /
 *     NOT SATISFIED (case and spaces ignored) else NULL; counts: a whole
 *     number, else 0; other texts trimmed, empty -> NULL. Text is stored as
 *     read (UTF-8 checked): Devanagari stays intact.
 *   - raw: the row's text (csvin's raw, terminator removed), load_id, line;
 *     judge_stale = 1 on insert and on replacement (the load_id tells the
 *     flag pass: flags_update_records()).
 * Every sighting gets a record_load row (applied 1 when it became the stored
 * row). Every file gets one `load` row (path as given, sha256, layout,
 * counts, error, loaded_at = wall clock in UTC: history only).
 *
 * Rejected rows (the rejects file, when the caller gives one): CSV rows
 * `file,line,reason,raw` written with csvout_field(); the caller writes the
 * header. line = physical line the row starts on (1 = header). reason is a
 * fixed phrase, then ": " and a detail:
 *   invalid UTF-8                           (checked on the whole raw row)
 *   wrong number of fields: expected N, got M
 *   missing id: COLUMN empty
 *   unknown status: 'TEXT'
 *   unparseable time: COLUMN 'TEXT'         (registered empty counts too)
 *   resolved or rejected without its time: status 'TEXT', COLUMN empty
 *   unterminated quoted field at end of file: rows from line L to the end
 * A truncated export (quote left open at the end) therefore rejects the
 * broken last row only; the rows before it load.
 *
 * Whole files refused (rejects row with line 0 and the reason; res->error
 * set; rows_loaded 0; rows_rejected = rows_read):
 *   cannot open: ...        (missing, unreadable, not a regular file;
 *                            rows_read 0)
 *   empty file              (0 bytes, or nothing but blank lines/BOM;
 *                            rows_read 0)
 *   binary file: ...        (a NUL byte or a read error anywhere; rows_read
 *                            = the data rows seen before it; none is kept)
 *   unknown header: ...     (no layout recognises it; rows_read = its data
 *                            rows, counted by reading on)
 *   layout NAME: header has no column ...  (a forced layout that does not
 *                            fit; rows counted as for an unknown header)
 *   unknown layout 'NAME'   (--layout names no template; rows counted)
 * A known header with no rows is a quiet night: no error, all counts 0.
 * For every file rows_read = rows_loaded + rows_rejected.
 */
#ifndef NIVARAN_INGEST_H
#define NIVARAN_INGEST_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "nivaran/core/err.h"
#include "nivaran/store/clock.h"

/* What loading one input file of this run gave (the manifest's inputs, the reports' data-quality
 * notes). */
typedef struct {
    const char *path;   /* as given on the command line */
    const char *layout; /* layout name, or NULL when refused before recognition */
    const char *source; /* '1912', 'JHATPAT', ... or NULL */
    int64_t rows_read, rows_loaded, rows_rejected;
    const char *error; /* NULL, or why the whole file was refused */
    char sha256[65];   /* of the file's bytes as loaded; "" when it could not be read */
} nv_input_result;

typedef struct nv_ingest nv_ingest; /* opaque */

/* Starts a session on db (schema applied by db_open) with the templates of
 * templates_dir ("templates"). NV_ERR_CONFIG for a bad template (file and
 * line named), NV_ERR_DB for SQLite failures. *out is the caller's, to
 * release with ingest_close() (also after a failure of a later call). */
nv_err ingest_open(sqlite3 *db, const char *templates_dir, nv_ingest **out, nv_errbuf *eb);

/* From now on the rows stored are judged by clock c (the SLA clock of the
 * profile the records were last judged under: metrics_judge_at_load()),
 * their judge_stale left 0; NULL (the default): stored stale and unjudged,
 * for the judgement to judge. c is borrowed and must outlive the session. */
void ingest_set_clock(nv_ingest *ig, const nv_clock *c);

/* Progress: cb is called every few thousand rows and once at the end of each
 * file, with the rows read so far and the bytes read of the file's size
 * (approximate: raw row text plus one terminator byte per line). */
void ingest_set_progress(nv_ingest *ig,
                         void (*cb)(void *ud, const char *path, int64_t rows, int64_t bytes_done,
                                    int64_t bytes_total),
                         void *ud);

/* The floor of the loader's work, for make bench (tools/load_floor.c): how
 * far each row goes. INGEST_FULL is the loader. INGEST_PARSE stops each
 * row once the CSV reader has it (counted as loaded); INGEST_NORMALISE once
 * it is normalised (a row normalise refuses is counted as rejected, nothing
 * else written); INGEST_BARE stores every normalised row into a table
 * floor_record with record's columns and no key, index or constraint
 * (created by this call; no sightings, no repeat rule). The load and
 * record_load tables are kept as on the full path in every mode, so rows
 * read = loaded + rejected holds. Call right after ingest_open(), before
 * any file. NV_ERR_DB. */
typedef enum { INGEST_FULL, INGEST_PARSE, INGEST_NORMALISE, INGEST_BARE } nv_ingest_floor;
nv_err ingest_set_floor(nv_ingest *ig, nv_ingest_floor floor, nv_errbuf *eb);

/* Loads one file. force_layout (NULL: recognise) names a layout. rejects may
 * be NULL (rows are then only counted). *res is filled in every case; its
 * strings belong to ig and live until ingest_close(). Returns NV_OK also when
 * rows or the whole file were rejected (see res); an error only for a
 * database or write failure that must fail the run. */
nv_err ingest_file(nv_ingest *ig, const char *path, const char *force_layout, FILE *rejects,
                   nv_input_result *res, nv_errbuf *eb);

/* Ends the session's loading: recreates the indexes dropped by the bulk
 * path (db_exec_named "indexes"), stores meta 'timezone' (the zone name of
 * the first layout this session recognised) and 'organisation'. Call before
 * the caller's COMMIT. Does nothing to meta when no file was recognised. */
nv_err ingest_finish(nv_ingest *ig, nv_errbuf *eb);

/* Releases the session (statements, templates, results' strings). NULL ok. */
void ingest_close(nv_ingest *ig);

#endif
