#!/usr/bin/env bash
# The planted risk patterns of `gen`: the nightly run's flag register equals
# ground_truth.csv exactly (every planted instance found, nothing else), and
# the ground truth itself equals an independent plain-Python implementation
# of FLAGS.md (tools/gen_check.py) run over the exported CSVs.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-fp" >/dev/null 2>&1 || ! "$NIVARAN" run --help >/dev/null 2>&1; then
  nok "planted flags: the binary under test answers (nivaran gen/run not available in this build)"; exit 1
fi
W=$(scratch flags_planted)
END=2025-01-31
"$NIVARAN" gen --days 35 --end $END --seed 5 --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/p.db" --date $END --out "$W/out" $FILES; rc=$?
check "run on planted data finishes" test "$rc" -eq 0 -o "$rc" -eq 3
python3 - "$W/exp/ground_truth.csv" "$W/out/$END/internal/risk_flags.csv" "$END" <<'PY' && ok "the register equals the ground truth exactly" || nok "the register equals the ground truth exactly"
import csv, sys
truth = list(csv.DictReader(open(sys.argv[1])))
flags = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
end = sys.argv[3]
codes = {t["flag_code"] for t in truth}
need = {"TIME_ANOMALY", "FAST_CLOSE", "BULK_CLOSE", "TOUT_PHONE", "QUEUE_JUMP", "REPEAT_AFTER_CLOSE",
        "DEADLINE_HUG", "HIGH_REJECTION", "UNVERIFIED_CLOSE", "DISSATISFIED", "FAST_CLOSE_RATE", "REPEAT_RATE"}
assert need <= codes, ("codes not planted", need - codes)
want = {(t["flag_code"], t["record_id"], t["xen_id"] if not t["record_id"] else "") for t in truth}
have = {(f["flag_code"], f["record_id"], f["xen_id"] if not f["record_id"] else "") for f in flags}
missing, extra = want - have, have - want
assert not missing and not extra, ("missing", sorted(missing)[:10], "extra", sorted(extra)[:10])
PY
if [ -f "$NV_ROOT/tools/gen_check.py" ]; then
  python3 "$NV_ROOT/tools/gen_check.py" "$W/exp" >"$W/check.log" 2>&1
  check "the ground truth equals an independent Python implementation of FLAGS.md" test $? -eq 0
else
  skip "independent flag check" "tools/gen_check.py absent"
fi
finish
