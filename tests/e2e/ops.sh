#!/usr/bin/env bash
# Operating the job: a full disk, the INI config file, make install, the
# progress output.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-ops" >/dev/null 2>&1; then
  nok "operations: the binary under test answers (nivaran gen not available in this build)"; exit 1
fi
W=$(scratch ops)
END=2025-01-06
"$NIVARAN" gen --days 6 --end $END --seed 4 --scale 0.3 --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)

# A full disk: reports on a 200 KB tmpfs. Exit 2, the path named, the
# database untouched, no day folder, no staging folder left.
mkdir -p "$W/tiny"
if mount -t tmpfs -o size=200k tmpfs "$W/tiny" 2>/dev/null; then
  "$NIVARAN" run --quiet --db "$W/full.db" --date $END --out "$W/out0" $FILES >/dev/null 2>&1
  before=$(sqlite3 "$W/full.db" "select count(*), sum(last_updated) from record; select count(*) from load")
  "$NIVARAN" run --quiet --db "$W/full.db" --date $END --out "$W/tiny" $FILES 2>"$W/err_full"; rc=$?
  after=$(sqlite3 "$W/full.db" "select count(*), sum(last_updated) from record; select count(*) from load")
  check "a full disk gives exit 2" test "$rc" -eq 2
  check "the message names the path on the full disk" grep -q "$W/tiny" "$W/err_full"
  check "the failed run left the database untouched" test "$before" = "$after"
  check "no day folder and no staging folder on the full disk" test -z "$(ls -A "$W/tiny")"
  umount "$W/tiny"
else
  skip "full disk" "cannot mount a tmpfs here (not root?)"
fi

# The INI config file: options from the file, the command line wins, and a
# bad key is refused with exit 1 naming the file.
cat > "$W/n.ini" <<INI
; test config
[nivaran]
db = $W/cfg.db
out = $W/cfg-out
profile = statutory
[run]
keep_days = 0
INI
"$NIVARAN" run --quiet --config "$W/n.ini" --date $END $FILES; rc=$?
check "run with --config exits 0" test "$rc" -eq 0
check "the config's db and out are used" test -s "$W/cfg.db" -a -s "$W/cfg-out/$END/manifest.json"
check "the config's profile is used" grep -q '"profile": "statutory"' "$W/cfg-out/$END/manifest.json"
"$NIVARAN" report --quiet --config "$W/n.ini" --profile md-24h --date $END; rc=$?
check "the command line wins over the config" grep -q '"profile": "md-24h"' "$W/cfg-out/$END/manifest.json"
printf '[nivaran]\nbogus = 1\n' > "$W/bad.ini"
"$NIVARAN" report --config "$W/bad.ini" --date $END 2>"$W/err"; rc=$?
check "an unknown config key gives exit 1" test "$rc" -eq 1
check "the message names the config file" grep -q "bad.ini" "$W/err"
"$NIVARAN" report --config "$W/none.ini" --date $END 2>/dev/null; rc=$?
check "a missing config file gives exit 1" test "$rc" -eq 1

# Progress: plain lines when stderr is not a terminal; nothing with --quiet;
# a bar with rows per second on a terminal (script(1) provides one).
"$NIVARAN" run --db "$W/p.db" --date $END --out "$W/pout" $FILES 2>"$W/plain" >/dev/null
check "plain progress lines name each file and its counts" grep -q "kesco_1912_complaints_$END.csv: kesco_1912, read" "$W/plain"
"$NIVARAN" run --quiet --db "$W/p.db" --date $END --out "$W/pout" $FILES 2>"$W/quiet" >/dev/null
check "--quiet prints nothing" test ! -s "$W/quiet"
if command -v script >/dev/null 2>&1; then
  big=$W/big; "$NIVARAN" gen --days 10 --end $END --seed 4 --scale 3 --out "$big" >/dev/null 2>&1
  script -qec "$NIVARAN run --db $W/tty.db --date $END --out $W/tout $big/kesco_1912_complaints_$END.csv" /dev/null > "$W/tty" 2>&1
  check "on a terminal, a progress bar with rows per second" grep -q "rows/s" "$W/tty"
else
  skip "terminal progress bar" "script(1) absent"
fi

# make install honours PREFIX and DESTDIR: binary, templates, man page.
if make -s -C "$NV_ROOT" install PREFIX=/opt/nv DESTDIR="$W/dest" >/dev/null 2>&1; then
  check "make install puts the binary under DESTDIR/PREFIX" test -x "$W/dest/opt/nv/bin/nivaran"
  check "make install puts the templates" test -s "$W/dest/opt/nv/share/nivaran/templates/layouts/kesco_1912.ini"
  check "make install puts the man page" test -s "$W/dest/opt/nv/share/man/man1/nivaran.1"
  "$W/dest/opt/nv/bin/nivaran" run --quiet --templates "$W/dest/opt/nv/share/nivaran/templates" --db "$W/i.db" --date $END --out "$W/iout" $FILES; rc=$?
  check "the installed binary runs with the installed templates" test "$rc" -eq 0
else
  nok "make install"
fi
# Any PREFIX, run from /: the binary finds its templates in
# ../share/nivaran/templates beside itself; so does a DESTDIR staging moved
# into place. --version, and the version in the manifest.
if make -s -C "$NV_ROOT" install PREFIX="$W/pfx" >/dev/null 2>&1 &&
   make -s -C "$NV_ROOT" install PREFIX=/opt/nvstage DESTDIR="$W/stage" >/dev/null 2>&1; then
  mv "$W/stage/opt/nvstage" "$W/moved"
  for b in "$W/pfx/bin/nivaran" "$W/moved/bin/nivaran"; do
    (cd / && env -u NIVARAN_TEMPLATES "$b" run --quiet --db "$W/inst.db" --date $END --out "$W/inst-out" $FILES); rc=$?
    check "$b, run from /, finds its templates and writes the day (exit $rc)" test "$rc" -eq 0 -a -s "$W/inst-out/$END/md-daily-report.pdf"
    rm -rf "$W/inst.db" "$W/inst.db.lock" "$W/inst-out"
  done
else
  nok "make install PREFIX=DIR and DESTDIR staging"
fi
# The shipped unit is hardened: systemd-analyze's exposure under 4.0.
if command -v systemd-analyze >/dev/null 2>&1; then
  x=$(systemd-analyze security --offline=true "$NV_ROOT/templates/systemd/nivaran.service" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  check "systemd-analyze security rates the unit under 4.0 (${x:-none})" awk -v x="${x:-99}" 'BEGIN { exit !(x < 4.0) }'
  check "the unit sets UMask=0027 and TimeoutStartSec" bash -c "grep -q '^UMask=0027' '$NV_ROOT/templates/systemd/nivaran.service' && grep -q '^TimeoutStartSec=' '$NV_ROOT/templates/systemd/nivaran.service'"
else
  skip "systemd unit exposure" "systemd-analyze absent"
fi
v=$("$NIVARAN" --version); rc=$?
check "nivaran --version prints nivaran and a version (exit $rc)" bash -c "[[ '$v' =~ ^nivaran\ [0-9]+\.[0-9]+\.[0-9]+$ ]]"
check "the manifest records the version" grep -q "\"version\": \"${v#nivaran }\"" "$W/cfg-out/$END/manifest.json"
"$NIVARAN" run --help | grep -q NIVARAN_TEMPLATES; check "run --help documents NIVARAN_TEMPLATES" test $? -eq 0
# Schema migrations: a version-1 database (queries/migrate_001.sql, with a
# flag_seen row as a version-1 flag pass left it) is brought to the current
# version when opened, its rows kept; a database from a newer build is
# refused, untouched.
sqlite3 "$W/v1.db" < "$NV_ROOT/queries/migrate_001.sql"
sqlite3 "$W/v1.db" "PRAGMA user_version = 1;
  CREATE TABLE flag_seen (source TEXT NOT NULL, record_id TEXT NOT NULL, rec INTEGER NOT NULL,
    registered INTEGER NOT NULL, disposed INTEGER, is_application INTEGER NOT NULL,
    category TEXT NOT NULL, subdivision_key TEXT, mobile TEXT, account TEXT, closed_by TEXT,
    PRIMARY KEY (source, record_id)) WITHOUT ROWID;
  INSERT INTO flag_seen VALUES ('1912', 'OLD1', 1, 0, NULL, 0, 'NO_SUPPLY', NULL, NULL, NULL, NULL);"
"$NIVARAN" ingest --quiet --db "$W/v1.db" $FILES >/dev/null 2>&1
want=$(sed -n 's/^#define DB_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$NV_ROOT/include/nivaran/store/db.h")
check "a version-1 database is migrated to version $want" test "$(sqlite3 "$W/v1.db" 'PRAGMA user_version')" = "$want"
check "the migration adds record.raw_category" test "$(sqlite3 "$W/v1.db" "select count(*) from pragma_table_info('record') where name = 'raw_category'")" = 1
check "the migration keeps flag_seen's rows (now keyed by rec)" test "$(sqlite3 "$W/v1.db" "select count(*) from flag_seen where rec = 1 and category = 'NO_SUPPLY'")" = 1
check "the migrated database loads the files" test "$(sqlite3 "$W/v1.db" 'select count(*) from record')" -gt 0
# Schema 9 drops record_load_key (migrate_009.sql): a version-8 database
# holding it loses it when opened; an index an operator then adds back is
# kept by the loads after.
# (a current database taken back to an earlier version loses first what
# version 12 added: migrate_012.sql's columns and indexes)
back11() {
  sqlite3 "$1" "DROP INDEX IF EXISTS flag_register_order; DROP INDEX IF EXISTS fig_cell_reg;
    ALTER TABLE fig_cell DROP COLUMN reg; ALTER TABLE record DROP COLUMN fig_load_old;
    CREATE INDEX IF NOT EXISTS record_wing_xen ON record(wing, xen_id, registered)"
}
back11 "$W/v1.db"
sqlite3 "$W/v1.db" "CREATE INDEX record_load_key ON record_load(source, record_id); PRAGMA user_version = 8"
"$NIVARAN" ingest --quiet --db "$W/v1.db" $FILES >/dev/null 2>&1
lk() { sqlite3 "$1" "select count(*) from sqlite_schema where type = 'index' and name = 'record_load_key'"; }
check "a version-8 database opened loses record_load_key" test "$(lk "$W/v1.db")" = 0 -a "$(sqlite3 "$W/v1.db" 'PRAGMA user_version')" = "$want"
# Schema 11 drops record_fig (migrate_011.sql) the same way.
back11 "$W/v1.db"
sqlite3 "$W/v1.db" "CREATE INDEX record_fig ON record(registered, wing); PRAGMA user_version = 10"
"$NIVARAN" ingest --quiet --db "$W/v1.db" $FILES >/dev/null 2>&1
check "a version-10 database opened loses record_fig" \
  test "$(sqlite3 "$W/v1.db" "select count(*) from sqlite_schema where name = 'record_fig'")" = 0 -a "$(sqlite3 "$W/v1.db" 'PRAGMA user_version')" = "$want"
# Schema 12 (migrate_012.sql): a version-11 database gains
# record.fig_load_old, fig_cell.reg and its index fig_cell_reg, and
# flag_register_order, loses record_wing_xen, and its figures' day store is
# emptied (to be filled again by the next figures, with reg).
back11 "$W/v1.db"
sqlite3 "$W/v1.db" "INSERT OR REPLACE INTO meta VALUES ('figstore_tz', 'fixture');
  INSERT INTO fig_cell (day, wing, xen_id, category, pend, over, data) VALUES (1, 'W', 'X', 'C', 0, 0, x'01');
  PRAGMA user_version = 11"
"$NIVARAN" ingest --quiet --db "$W/v1.db" $FILES >/dev/null 2>&1
check "a version-11 database opened gains fig_load_old, fig_cell.reg, fig_cell_reg and flag_register_order, loses record_wing_xen and its day store" \
  test "$(sqlite3 "$W/v1.db" "select (select count(*) from pragma_table_info('record') where name = 'fig_load_old')
    || (select count(*) from pragma_table_info('fig_cell') where name = 'reg')
    || (select count(*) from sqlite_schema where name in ('fig_cell_reg', 'flag_register_order'))
    || (select count(*) from sqlite_schema where name = 'record_wing_xen')
    || (select count(*) from fig_cell) || (select count(*) from meta where key like 'figstore%')
    || (select user_version from pragma_user_version)")" = "112000$want"
# (on a database without records, so that the load takes the bulk path,
# which drops and rebuilds the indexes of queries/indexes.sql)
head -1 "$(echo $FILES | cut -d' ' -f1)" > "$W/header_only_1912_complaints.csv"
"$NIVARAN" ingest --quiet --db "$W/v9.db" "$W/header_only_1912_complaints.csv" >/dev/null 2>&1
sqlite3 "$W/v9.db" "CREATE INDEX record_load_key ON record_load(source, record_id)"
"$NIVARAN" ingest --quiet --db "$W/v9.db" $FILES >/dev/null 2>&1
check "an index an operator adds to record_load is kept by a bulk load" \
  test "$(lk "$W/v9.db")" = 1 -a "$(sqlite3 "$W/v9.db" 'select count(*) from record')" -gt 0
sqlite3 "$W/new.db" "PRAGMA user_version = 99; CREATE TABLE t(x);"
"$NIVARAN" ingest --quiet --db "$W/new.db" $FILES >/dev/null 2>"$W/err_new"; rc=$?
check "a database from a newer build is refused" test "$rc" -ne 0 -a "$(sqlite3 "$W/new.db" 'select count(*) from sqlite_schema')" = 1
check "the refusal names the database and its version" grep -q "$W/new.db.*99" "$W/err_new"
finish
