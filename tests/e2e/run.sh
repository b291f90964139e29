#!/usr/bin/env bash
# The nightly job end to end: outputs present, manifest honest, exit
# statuses, byte-identical reruns, lock, kill -9 then rerun, keep-days,
# period reports. Small generated data keeps it quick.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" run --help >/dev/null 2>&1 || ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe" >/dev/null 2>&1; then
  nok "nightly run: the binary under test answers (nivaran run/gen not available in this build)"; exit 1
fi
W=$(scratch run)
END=2025-01-10
"$NIVARAN" gen --days 12 --end $END --seed 3 --scale 0.3 --nightly --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)

# 1. a clean run
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/outa" $FILES; rc=$?
check "clean run exits 0" test "$rc" -eq 0
D=$W/outa/$END
for f in md-daily-report.pdf notice-board.pdf wing-technical.xlsx wing-commercial.xlsx \
         wing-testing.xlsx wing-project.xlsx open-data/sla_by_wing.csv open-data/sla_by_xen.csv \
         internal/risk_flags.csv internal/rejects.csv manifest.json; do
  check "day folder has $f" test -s "$D/$f"
done
check "no temporary files left" test -z "$(find "$W/outa" -name '*.tmp*')"

# 2. the manifest: rows read = loaded + rejected; output hashes are the files'
python3 - "$D" "$FILES" <<'PY' && ok "manifest counts and hashes hold" || nok "manifest counts and hashes hold"
import hashlib, json, os, sys
d = sys.argv[1]; files = sys.argv[2].split()
m = json.load(open(os.path.join(d, "manifest.json")))
assert [i["path"] for i in m["inputs"]] == files, "inputs in command-line order"
for i in m["inputs"]:
    assert i["rows_read"] == i["rows_loaded"] + i["rows_rejected"], i
    assert i["sha256"] == hashlib.sha256(open(i["path"], "rb").read()).hexdigest()
    assert i["error"] is None and i["layout"], i
outs = {o["path"] for o in m["outputs"]}
for o in m["outputs"]:
    assert o["sha256"] == hashlib.sha256(open(os.path.join(d, o["path"]), "rb").read()).hexdigest(), o
on_disk = {os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs} - {"manifest.json"}
assert outs == on_disk, (outs ^ on_disk)
assert m["profile"] == "md-24h" and len(m["profile_sha256"]) == 64
assert any(t["path"].startswith("templates/") for t in m["templates"])
for k in ("load", "judge", "flags", "figures", "workbooks", "pdf"): assert k in m["seconds"] and k in m["cpu_seconds"], k
PY

same_reports() { # dirA dirB: every file equal, manifest equal but for seconds
  local a=$1 b=$2
  diff -r -q -x manifest.json "$a" "$b" >/dev/null || return 1
  python3 - "$a/manifest.json" "$b/manifest.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for m in (a, b): m.pop("seconds"); m.pop("cpu_seconds")
sys.exit(0 if a == b else 1)
PY
}

# 3. the same night again, on the same database and on a fresh one
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/outa2" $FILES
check "rerun on the same database is byte-identical" same_reports "$D" "$W/outa2/$END"
"$NIVARAN" run --quiet --db "$W/b.db" --date $END --out "$W/outb" $FILES
check "run on a fresh database is byte-identical" same_reports "$D" "$W/outb/$END"

# 4. exit 3 with a rejected row; the rest loads and the reject is listed
BAD=$W/kesco_1912_complaints_bad.csv
head -n 3 "$(ls "$W"/exp/kesco_1912_complaints_*.csv | head -1)" > "$BAD"
printf 'KEBAD0001,not a time\r\n' >> "$BAD"
# (the three layouts excused: the file alone is no complete day, exit 5)
"$NIVARAN" run --quiet --db "$W/c.db" --date $END --out "$W/outc" --allow-missing kesco_1912 \
  --allow-missing jhatpat --allow-missing niveshmitra "$BAD" >/dev/null 2>&1; rc=$?
check "a rejected row gives exit 3" test "$rc" -eq 3
check "the rejected row is in rejects.csv with its file" grep -q "kesco_1912_complaints_bad.csv" "$W/outc/$END/internal/rejects.csv"

# 5. exit 1: bad usage
"$NIVARAN" run --quiet --db "$W/d.db" --date 2025-02-30 --out "$W/outd" $FILES >/dev/null 2>&1; rc=$?
check "an impossible --date gives exit 1" test "$rc" -eq 1
"$NIVARAN" run --bogus >/dev/null 2>&1; rc=$?
check "an unknown option gives exit 1" test "$rc" -eq 1
"$NIVARAN" run --quiet --db "$W/d.db" --profile nosuch --date $END --out "$W/outd" $FILES >/dev/null 2>&1; rc=$?
check "an unknown profile gives exit 1" test "$rc" -eq 1
for c in run ingest report demo gen; do
  check "$c --help works" bash -c "\"\$NIVARAN\" $c --help >/dev/null"
done

# 6. exit 4 while another run holds the database
flock "$W/a.db.lock" sleep 3 & holder=$!
sleep 0.3
msg=$("$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/oute" $FILES 2>&1); rc=$?
wait $holder
check "a second run exits 4" test "$rc" -eq 4
check "the message names the database" grep -q "a.db" <<<"$msg"
check "the locked-out run wrote nothing" test ! -e "$W/oute/$END"

# 7. exit 2: unwritable output; previous reports and database untouched
touch "$W/afile"
db_before=$(sqlite3 "$W/a.db" "select count(*), sum(last_updated) from record; select count(*) from load")
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/afile/sub" $FILES >/dev/null 2>"$W/err7"; rc=$?
check "an unwritable output folder gives exit 2" test "$rc" -eq 2
check "the message names the path" grep -q "afile" "$W/err7"
db_after=$(sqlite3 "$W/a.db" "select count(*), sum(last_updated) from record; select count(*) from load")
check "the failed run left the database untouched" test "$db_before" = "$db_after"

# 8. killed at several points, then rerun: reports equal a clean run's
for delay in 0.05 0.2 0.5 1.0 1.5; do
  rm -rf "$W/k.db"* "$W/outk"
  "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>&1 & pid=$!
  sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>&1
  check "killed after ${delay}s, the rerun's reports equal a clean run's" same_reports "$D" "$W/outk/$END"
  check "no staging folder left after the rerun (${delay}s)" test -z "$(ls -A "$W/outk" | grep '^\.')"
done

# 9. two runs at once: one finishes, the other exits 4 at once
rm -rf "$W/t.db"* "$W/outt"
"$NIVARAN" run --quiet --db "$W/t.db" --date $END --out "$W/outt" $FILES >/dev/null 2>&1 & p1=$!
sleep 0.1
"$NIVARAN" run --quiet --db "$W/t.db" --date $END --out "$W/outt" $FILES >/dev/null 2>&1; r2=$?
wait $p1; r1=$?
check "of two runs at once, one finishes and one exits 4" test "$r1:$r2" = "0:4"

# 10. a period report and --keep-days
"$NIVARAN" report --quiet --db "$W/a.db" --from 2025-01-04 --date $END --out "$W/outa" ; rc=$?
check "a period report exits 0" test "$rc" -eq 0
check "a period report goes to FROM_TO" test -s "$W/outa/2025-01-04_$END/open-data/sla_by_wing.csv"
check "a period report's report_date is FROM/TO" grep -q "^2025-01-04/$END," "$W/outa/2025-01-04_$END/open-data/sla_by_wing.csv"
"$NIVARAN" report --quiet --db "$W/a.db" --date 2025-01-05 --out "$W/outa"
"$NIVARAN" report --quiet --db "$W/a.db" --date 2025-01-08 --out "$W/outa" --keep-days 3
check "--keep-days 3 removes a folder 5 days older" test ! -e "$W/outa/2025-01-05"
check "--keep-days 3 keeps the newer one" test -d "$W/outa/$END"
finish
