#!/usr/bin/env bash
# A night's flags priced by the night (issue 16): random nightly sequences,
# with late corrections of old records, run night by night into database A
# (the incremental pass: the night's records and their neighbours) and into
# database B with --full (every record recomputed, officer rates from the
# records): every night's folder is byte for byte the same but for
# manifest.json. Then a change of flags.ini, and of the profile, on A alone
# runs the full pass by itself and gives what --full gives.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch flags_incr)
if ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$W/probe" >/dev/null 2>&1; then
  nok "flags_incr: the binary under test answers (nivaran gen failed)"; finish; exit 1
fi
# A's templates: never a full pass because many records are stale (the
# speed switch [incremental] full_pass_fraction), so that every night after
# the first is incremental; B's: the shipped ones, with --full.
cp -r "$NV_ROOT/templates" "$W/tplA"
sed -i 's/^full_pass_fraction *=.*/full_pass_fraction = 2/' "$W/tplA/flags.ini"
check "A's templates never choose the full pass by the share of stale records" grep -q '^full_pass_fraction = 2$' "$W/tplA/flags.ini"
END=2025-01-07
day_files() { ls "$1"/*_"$2".csv 2>/dev/null; }
diffs=0; nights=0; codes=""
for seed in 11 23 37; do
  S=$W/s$seed
  "$NIVARAN" gen --days 7 --end $END --seed $seed --scale 0.25 --nightly --out "$S/exp" >/dev/null 2>&1
  # late corrections: on two random nights, 1912 and Jhatpat rows of
  # earlier days changed
  for k in 1 2; do
    n=$(( (seed * (k + 3)) % 4 + 3 ))
    d=$(date -d "$END -$((7 - n)) day" +%F)
    python3 "$NV_ROOT/tests/flags_late.py" "$seed$k" "$S/exp" "$d" "$S/exp/late_${k}_1912_$d.csv" 60 \
      || nok "flags_late.py seed $seed night $d"
    # the oldest pending application of each queue: completed (seed 11),
    # moved to another queue (23), either (37)
    q=$([ $seed = 11 ] && echo complete || { [ $seed = 23 ] && echo move; })
    FLAGS_LATE_QUEUE=$q python3 "$NV_ROOT/tests/flags_late.py" "$seed$k" "$S/exp" "$d" "$S/exp/late_${k}_jhatpat_$d.csv" 20 \
      || nok "flags_late.py (Jhatpat) seed $seed night $d"
  done
  for i in 6 5 4 3 2 1 0; do
    d=$(date -d "$END -$i day" +%F)
    files=$(day_files "$S/exp" "$d")
    "$NIVARAN" run --templates "$W/tplA" --db "$S/a.db" --date "$d" --out "$S/outA" $files \
      >/dev/null 2>"$S/errA_$d"; rcA=$?
    "$NIVARAN" run --quiet --full --db "$S/b.db" --date "$d" --out "$S/outB" $files \
      >/dev/null 2>&1; rcB=$?
    nights=$((nights + 1))
    if [ "$rcA" -ne "$rcB" ] || { [ "$rcA" -ne 0 ] && [ "$rcA" -ne 3 ]; }; then
      nok "seed $seed night $d: both runs finish (exit $rcA incremental, $rcB --full)"; diffs=$((diffs + 1)); continue
    fi
    if ! diff -r -q -x manifest.json "$S/outA/$d" "$S/outB/$d" >"$S/diff_$d"; then
      diffs=$((diffs + 1)); echo "# seed $seed night $d differs:"; sed 's/^/#   /' "$S/diff_$d" | head -5
    fi
    if [ "$i" -lt 6 ] && grep -q "every record's flags were recomputed" "$S/errA_$d"; then
      nok "seed $seed night $d: the incremental database ran a full pass"
    fi
  done
  codes="$codes $(cut -d, -f1 "$S/outA/$END/internal/risk_flags.csv" | sort -u | tr '\n' ' ')"
done
check "incremental and --full give the same day folders on $nights random nights (late corrections included)" test "$diffs" -eq 0
for c in FAST_CLOSE BULK_CLOSE TOUT_PHONE QUEUE_JUMP REPEAT_AFTER_CLOSE TIME_ANOMALY; do
  check "the sequences raise $c (the comparison sees that rule)" grep -q "$c" <<<"$codes"
done
check "the sequences raise an officer-level flag" grep -Eq "DEADLINE_HUG|HIGH_REJECTION|UNVERIFIED_CLOSE|DISSATISFIED|FAST_CLOSE_RATE|REPEAT_RATE" <<<"$codes"

# A change of thresholds: report the last day again with a changed flags.ini
# on A (no --full) and on B (--full): the same folder, and a register that
# the change did change.
S=$W/s11
cp -r "$W/tplA" "$W/tplC"
python3 - "$W/tplC/flags.ini" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
for key, val in (("min_records", "5"), ("min_accounts", "3"), ("window_hours", "120"),
                 ("TRANSFORMER", "200"), ("deadline_hug_minutes", "180"), ("NO_SUPPLY", "100")):
    s, n = re.subn(r"(?m)^%s\s*=.*$" % key, "%s = %s" % (key, val), s)
    if n == 0 and key == "NO_SUPPLY":
        s = s.replace("[fast_close]", "[fast_close]\nNO_SUPPLY = 100", 1)
s = re.sub(r"(?m)^FAST_CLOSE\s*=.*$", "FAST_CLOSE = HIGH", s)
open(p, "w").write(s)
PY
cp "$S/a.db" "$S/a2.db"; cp "$S/b.db" "$S/b2.db"
"$NIVARAN" report --templates "$W/tplC" --db "$S/a2.db" --date $END --out "$S/cfgA" >/dev/null 2>"$S/errC"; rcA=$?
"$NIVARAN" report --quiet --full --templates "$W/tplC" --db "$S/b2.db" --date $END --out "$S/cfgB" >/dev/null 2>&1; rcB=$?
check "reports after a change of flags.ini finish (exit $rcA, $rcB)" test "$rcA" -eq 0 -a "$rcB" -eq 0
check "a change of flags.ini is noticed and runs the full pass" grep -q "every record's flags were recomputed" "$S/errC"
check "after a change of flags.ini, the same folder as --full" diff -r -q -x manifest.json "$S/cfgA/$END" "$S/cfgB/$END"
check "the changed thresholds changed the register" bash -c "! cmp -s '$S/cfgA/$END/internal/risk_flags.csv' '$S/outA/$END/internal/risk_flags.csv'"
# and back to the first thresholds: the first register again
"$NIVARAN" report --quiet --templates "$W/tplA" --db "$S/a2.db" --date $END --out "$S/backA" >/dev/null 2>&1
check "back to the first flags.ini, the first register" cmp -s "$S/backA/$END/internal/risk_flags.csv" "$S/outA/$END/internal/risk_flags.csv"

# A change of profile: the statutory limits move the deadlines (DEADLINE_HUG)
cp "$S/a.db" "$S/a3.db"; cp "$S/b.db" "$S/b3.db"
"$NIVARAN" report --templates "$W/tplA" --profile statutory --db "$S/a3.db" --date $END --out "$S/prA" >/dev/null 2>"$S/errP"; rcA=$?
"$NIVARAN" report --quiet --full --profile statutory --db "$S/b3.db" --date $END --out "$S/prB" >/dev/null 2>&1; rcB=$?
check "reports under another profile finish (exit $rcA, $rcB)" test "$rcA" -eq 0 -a "$rcB" -eq 0
check "a change of profile is noticed and runs the full pass" grep -q "every record's flags were recomputed" "$S/errP"
check "under another profile, the same folder as --full" diff -r -q -x manifest.json "$S/prA/$END" "$S/prB/$END"
finish
