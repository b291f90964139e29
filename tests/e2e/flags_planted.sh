#!/usr/bin/env bash
# The planted risk patterns of `gen` (ground_truth.csv) are all found by the
# nightly run's flag register, and the register's record-level flags equal
# an independent Python implementation of FLAGS.md (tools/gen_check.py) when
# it is present.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-fp" >/dev/null 2>&1 || ! "$NIVARAN" run --help >/dev/null 2>&1; then
  skip "planted flags" "nivaran gen/run not available in this build"; exit 0
fi
W=$(scratch flags_planted)
END=2025-01-31
"$NIVARAN" gen --days 35 --end $END --seed 5 --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/p.db" --date $END --out "$W/out" $FILES; rc=$?
check "run on planted data finishes" test "$rc" -eq 0 -o "$rc" -eq 3
python3 - "$W/exp/ground_truth.csv" "$W/out/$END/internal/risk_flags.csv" <<'PY' && ok "every planted instance is flagged" || nok "every planted instance is flagged"
import csv, sys
truth = list(csv.DictReader(open(sys.argv[1])))
flags = list(csv.DictReader(open(sys.argv[2])))
have_rec = {(f["flag_code"], f["record_id"]) for f in flags if f["record_id"]}
have_xen = {(f["flag_code"], f["xen_id"]) for f in flags if not f["record_id"]}
codes = {t["flag_code"] for t in truth}
need = {"TIME_ANOMALY", "FAST_CLOSE", "BULK_CLOSE", "TOUT_PHONE", "QUEUE_JUMP", "REPEAT_AFTER_CLOSE"}
assert need <= codes, need - codes
missing = []
for t in truth:
    key = (t["flag_code"], t["record_id"]) if t["record_id"] else (t["flag_code"], t["xen_id"])
    if key not in (have_rec if t["record_id"] else have_xen): missing.append(key)
assert not missing, missing[:10]
PY
if [ -f "$NV_ROOT/tools/gen_check.py" ]; then
  python3 "$NV_ROOT/tools/gen_check.py" --register "$W/out/$END/internal/risk_flags.csv" "$W/exp" >"$W/check.log" 2>&1
  check "record-level register equals an independent implementation" test $? -eq 0
else
  skip "independent flag check" "tools/gen_check.py absent"
fi
finish
