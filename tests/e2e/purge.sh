#!/usr/bin/env bash
# Personal data (OUTPUTS.md, DPDP Act 2023): purge and --retain-personal-days.
# N below 90 refused; --dry-run changes nothing; the records disposed before
# the cut-off (worked out here: 2025-04-01 00:00 IST for 2025-06-30 - 90 days)
# lose name, mobile, account, address, remarks and raw row, and only they;
# an erased mobile is gone from the database file (secure_delete); the purge
# is logged; reloading every export brings nothing back; a full flag pass
# keeps the flags; the day's reports rebuilt after the purge are identical.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch purge)
END=2025-06-30
if ! "$NIVARAN" gen --days 200 --end $END --seed 2 --scale 0.05 --nightly --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen works (first probe of the binary)"; finish; exit 1
fi
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/before" $FILES; rc=$?
check "the 200 days load and report (exit $rc)" test "$rc" -eq 0
"$NIVARAN" report --quiet --db "$W/a.db" --date $END --out "$W/before-report"
CUT=$(python3 -c 'import datetime as d; print(int(d.datetime(2025,4,1,tzinfo=d.timezone(d.timedelta(hours=5,minutes=30))).timestamp()))')
Q() { sqlite3 "$W/a.db" "$1"; }
# a mobile only purged-to-be records carry
MOB=$(Q "select mobile from record where mobile is not null group by mobile having max(coalesce(disposed, 9e18)) < $CUT limit 1")
check "a mobile of old records only exists" test -n "$MOB"

"$NIVARAN" purge --db "$W/a.db" --personal-days 89 --date $END 2>/dev/null; rc=$?
check "--personal-days 89 is refused with exit 1 (exit $rc)" test "$rc" -eq 1
"$NIVARAN" purge --db "$W/nosuch.db" --personal-days 90 --date $END 2>/dev/null; rc=$?
check "purge on a missing database exits 1 and creates nothing (exit $rc)" test "$rc" -eq 1 -a ! -e "$W/nosuch.db"
sum_before=$(Q "select count(*), count(mobile), count(consumer_name), total(length(raw)) from record")
out=$("$NIVARAN" purge --db "$W/a.db" --personal-days 90 --date $END --dry-run 2>&1); rc=$?
n_old=$(Q "select count(*) from record where disposed < $CUT")
check "--dry-run prints the count ($n_old) and exits 0" bash -c "[ $rc -eq 0 ] && grep -q 'would erase the personal data of $n_old records' <<<'$out'"
check "--dry-run changes nothing" test "$(Q "select count(*), count(mobile), count(consumer_name), total(length(raw)) from record")|$(Q 'select count(*) from purge_log')" = "$sum_before|0"

"$NIVARAN" purge --db "$W/a.db" --personal-days 90 --date $END 2>"$W/purge.err"; rc=$?
check "purge exits 0 (exit $rc)" test "$rc" -eq 0
check "purge prints what it erased" grep -q "erased the personal data of $n_old records disposed before 2025-04-01T00:00:00+05:30" "$W/purge.err"
check "exactly the records disposed before the cut-off are purged" test "$(Q "select count(*) from record where purged = 1 and disposed < $CUT")|$(Q "select count(*) from record where purged <> (coalesce(disposed, 9e18) < $CUT)")" = "$n_old|0"
check "their personal data is gone" test "$(Q "select count(*) from record where purged = 1 and (mobile is not null or account is not null or consumer_name is not null or address is not null or remarks is not null or raw <> '')")" = 0
check "the others keep theirs" test "$(Q "select count(*) from record where purged = 0 and raw = ''")" = 0
check "flag_seen keeps no purged mobile" test "$(Q "select count(*) from flag_seen where mobile = '$MOB'")" = 0
check "the purge is logged" test "$(Q "select report_day, cutoff, personal_days, records from purge_log")" = "$END|$CUT|90|$n_old"
check "the erased mobile is gone from the database file" bash -c "! grep -q -a -F '$MOB' '$W/a.db'"

# reloading every export: counted as loaded, nothing brought back
"$NIVARAN" ingest --quiet --db "$W/a.db" $FILES --rejects "$W/rej.csv"; rc=$?
check "reloading every export exits 0 (exit $rc)" test "$rc" -eq 0
check "a reloaded export brings nothing back" test "$(Q "select count(*) from record where purged = 1 and (mobile is not null or raw <> '')")" = 0
# the day rebuilt: identical reports; then a full flag pass keeps the flags
"$NIVARAN" report --quiet --db "$W/a.db" --date $END --out "$W/after"; rc=$?
check "the day's reports rebuilt after the purge are identical (exit $rc)" diff -r -q -x manifest.json "$W/before-report/$END" "$W/after/$END"
Q "update meta set value = 0 where key = 'flag_load_mark'"   # every record stale, as after a fresh load: the next pass is a full one
"$NIVARAN" report --quiet --db "$W/a.db" --date $END --out "$W/full"
check "a full flag pass keeps the purged records' flags" cmp "$W/before/$END/internal/risk_flags.csv" "$W/full/$END/internal/risk_flags.csv"

# run --retain-personal-days: the same purge after the night's reports
"$NIVARAN" run --quiet --db "$W/b.db" --date $END --out "$W/outb" --retain-personal-days 90 $FILES; rc=$?
check "run --retain-personal-days 90 exits 0 (exit $rc)" test "$rc" -eq 0
check "it purged the same records" test "$(sqlite3 "$W/b.db" "select count(*) from record where purged = 1")" = "$n_old"
check "its reports equal those before any purge" diff -r -q -x manifest.json "$W/before/$END" "$W/outb/$END"
"$NIVARAN" run --quiet --db "$W/c.db" --date $END --out "$W/outc" --retain-personal-days 30 $FILES 2>/dev/null; rc=$?
check "run --retain-personal-days 30 is refused with exit 1, nothing kept (exit $rc)" test "$rc" -eq 1 -a ! -e "$W/outc/$END"
finish
