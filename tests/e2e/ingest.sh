#!/usr/bin/env bash
# `nivaran ingest` on the loader's fixtures: exit statuses, the rejects file
# (exactly the planted rows), the repeat rule across runs (same file twice,
# nightly files in another order give the same record table, dumped with the
# sqlite3 shell), a forced layout, hostile input never crashing, and a real
# city export.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" ingest --help >/dev/null 2>&1; then
  nok "ingest: the binary under test answers (nivaran ingest not available in this build)"; exit 1
fi
if ! command -v sqlite3 >/dev/null; then
  skip "ingest" "sqlite3 shell not installed"; exit 0
fi
W=$(scratch ingest)
FX="$NV_ROOT/tests/fixtures"
T="$NV_ROOT/templates"
ing() { "$NIVARAN" ingest --quiet --templates "$T" "$@" 2>>"$W/stderr.txt"; }

# Every record column but rec, load_id, line and the judgement.
dump() {
  sqlite3 "$1" "SELECT source, record_id, layout, category, wing, xen_id, subdivision, status,
    registered, disposed, last_updated, due, mobile, account, closed_by, otp_verified, feedback,
    reopen_count, return_count, remarks, raw FROM record ORDER BY source, record_id"
}

# 1. Good files: exit 0, all rows in.
ing --db "$W/a.db" --rejects "$W/a.csv" "$FX/kesco_1912_good.csv" "$FX/niveshmitra_small.csv"
check "clean files exit 0" test $? -eq 0
check "clean files: 11 records" test "$(sqlite3 "$W/a.db" 'SELECT count(*) FROM record')" = 11
check "clean files: rejects file is only its header" test "$(cat "$W/a.csv")" = "file,line,reason,raw"

# 2. The bad-rows corpus and whole-file refusals: exit 3, exactly the planted rejects.
ing --db "$W/b.db" --rejects "$W/b.csv" "$FX/bad/kesco_1912_bad_rows.csv" "$FX/bad/empty.csv" \
  "$FX/bad/unknown_header.csv" "$FX/bad/header_only.csv" "$FX/bad/binary_late.csv"
check "rejects exit 3" test $? -eq 3
got=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", errors="surrogateescape")):
    print(r["file"].rsplit("/", 1)[-1], r["line"], r["reason"].split(":")[0])' "$W/b.csv")
want="kesco_1912_bad_rows.csv 3 unparseable time
kesco_1912_bad_rows.csv 4 missing id
kesco_1912_bad_rows.csv 5 wrong number of fields
kesco_1912_bad_rows.csv 6 unknown status
kesco_1912_bad_rows.csv 7 invalid UTF-8
kesco_1912_bad_rows.csv 8 resolved or rejected without its time
kesco_1912_bad_rows.csv 9 resolved or rejected without its time
kesco_1912_bad_rows.csv 10 unparseable time
kesco_1912_bad_rows.csv 13 unterminated quoted field at end of file
empty.csv 0 empty file
unknown_header.csv 0 unknown header
binary_late.csv 0 binary file"
check "rejects are exactly the planted ones" test "$got" = "$want"
check "bad corpus: only the 2 good rows stored" \
  test "$(sqlite3 "$W/b.db" 'SELECT group_concat(record_id) FROM record')" = "KE101,KE110"
check "load rows: read = loaded + rejected for every file" \
  test "$(sqlite3 "$W/b.db" 'SELECT count(*) FROM load WHERE rows_read <> rows_loaded + rows_rejected')" = 0
check "quiet night is no error" \
  test "$(sqlite3 "$W/b.db" "SELECT count(*) FROM load WHERE path LIKE '%header_only.csv' AND error IS NULL")" = 1

# 3. The same file twice changes nothing; nightly files in any order agree.
R="$FX/repeat"
ing --db "$W/c1.db" "$R/night1.csv" "$R/night2.csv" "$R/night3.csv"
ing --db "$W/c2.db" "$R/night3.csv"
ing --db "$W/c2.db" "$R/night1.csv"
ing --db "$W/c2.db" "$R/night2.csv"
ing --db "$W/c2.db" "$R/night2.csv" "$R/night3.csv"
check "shuffled nightly files, a file twice: same record table" test "$(dump "$W/c1.db")" = "$(dump "$W/c2.db")"
check "KE500 resolved by its later row" \
  test "$(sqlite3 "$W/c2.db" "SELECT status FROM record WHERE record_id = 'KE500'")" = RESOLVED
check "every sighting kept as history" \
  test "$(sqlite3 "$W/c2.db" "SELECT count(*) || '/' || sum(applied) FROM record_load WHERE record_id = 'KE502'")" = "5/3"

# 4. A forced layout that does not fit refuses the file.
ing --db "$W/d.db" --layout jhatpat --rejects "$W/d.csv" "$FX/kesco_1912_good.csv"
check "forced wrong layout exits 3" test $? -eq 3
check "forced wrong layout names the missing column" grep -q "layout jhatpat: header has no column" "$W/d.csv"

# 5. Hostile input never crashes (exit status below 128).
head -c 65536 /dev/urandom > "$W/random.csv"
printf '\xef\xbb\xbfCOMPLAINT_NO,ENTRYDATE\n"' > "$W/quote.csv"
python3 -c '
import sys
h = open(sys.argv[1], "rb").readline()
sys.stdout.buffer.write(h + b"," * 100000 + b"\n" + b"\"" * 5000 + b"\n" + b"x" * 300000 + b"\n")' \
  "$FX/kesco_1912_good.csv" > "$W/wide.csv"
for f in random quote wide; do
  ing --db "$W/e.db" --rejects "$W/e.csv" "$W/$f.csv"; rc=$?
  check "hostile $f.csv: no crash (exit $rc)" test "$rc" -eq 3
done

# 6. A real city export with its template.
NYC="$NV_ROOT/../shared/realdata/nyc311_2018-10-21_sample.csv"
if [ -r "$NYC" ]; then
  ing --db "$W/f.db" --rejects "$W/f.csv" "$NYC"
  check "NYC export: exit 3 (2 closed rows without a closing date)" test $? -eq 3
  check "NYC export: 6763 records" test "$(sqlite3 "$W/f.db" 'SELECT count(*) FROM record')" = 6763
  check "NYC export: meta timezone" \
    test "$(sqlite3 "$W/f.db" "SELECT value FROM meta WHERE key = 'timezone'")" = America/New_York
else
  skip "NYC export" "realdata not present"
fi
finish
