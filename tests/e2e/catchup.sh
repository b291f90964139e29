#!/usr/bin/env bash
# run --catch-up (OUTPUTS.md): every unreported day after meta
# last_report_day and before --date, oldest first, in one all-or-nothing run;
# each day's folder equals a plain report of that day.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch catchup)
if ! "$NIVARAN" gen --days 10 --end 2025-01-10 --seed 5 --scale 0.3 --nightly --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen works (first probe of the binary)"; finish; exit 1
fi
upto() { # the exports of the days up to $1
  for f in "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv; do
    d=${f##*_}; d=${d%.csv}; [[ "$d" < "$1" || "$d" == "$1" ]] && echo "$f"
  done
}
# a database that never reported a day: --catch-up writes --date alone
"$NIVARAN" run --quiet --catch-up --db "$W/a.db" --date 2025-01-05 --out "$W/out" $(upto 2025-01-05); rc=$?
check "first --catch-up exits 0 (exit $rc)" test "$rc" -eq 0
check "it writes --date alone" test "$(ls "$W/out" | grep -c '^2025-')" -eq 1 -a -d "$W/out/2025-01-05"
check "last_report_day is recorded" test "$(sqlite3 "$W/a.db" "select value from meta where key='last_report_day'")" = 2025-01-05
cp "$W/a.db" "$W/b.db"; cp "$W/a.db" "$W/c.db"

# three nights missed: one run writes 06, 07, 08 and 09
"$NIVARAN" run --quiet --catch-up --db "$W/a.db" --date 2025-01-09 --out "$W/out" $(upto 2025-01-09); rc=$?
check "--catch-up after three missed nights exits 0 (exit $rc)" test "$rc" -eq 0
for d in 06 07 08 09; do check "day 2025-01-$d written" test -s "$W/out/2025-01-$d/md-daily-report.pdf"; done
check "last_report_day is now the report day" test "$(sqlite3 "$W/a.db" "select value from meta where key='last_report_day'")" = 2025-01-09
# the same days one by one, with plain reports after the same load
"$NIVARAN" ingest --quiet --db "$W/b.db" $(upto 2025-01-09) >/dev/null 2>&1
same=1
for d in 06 07 08; do
  "$NIVARAN" report --quiet --db "$W/b.db" --date 2025-01-$d --out "$W/outb" || same=0
  diff -r -q -x manifest.json "$W/out/2025-01-$d" "$W/outb/2025-01-$d" >/dev/null || same=0
done
check "each caught-up day equals a plain report of that day" test "$same" -eq 1

# all or nothing: the report day's folder cannot be put in place -> exit 2,
# no caught-up day kept, last_report_day unchanged
if cc -shared -fPIC -o "$W/fail_rename.so" "$NV_ROOT/tests/hooks/fail_rename.c" -ldl 2>/dev/null; then
  NV_HOOK_RENAME_FAIL=/outc/2025-01-09 ASAN_OPTIONS=verify_asan_link_order=0:$ASAN_OPTIONS LD_PRELOAD=$W/fail_rename.so \
    "$NIVARAN" run --quiet --catch-up --db "$W/c.db" --date 2025-01-09 --out "$W/outc" $(upto 2025-01-09) 2>/dev/null; rc=$?
  check "a failed catch-up exits 2 (exit $rc)" test "$rc" -eq 2
  check "a failed catch-up keeps no day folder" test -z "$(ls -A "$W/outc" 2>/dev/null)"
  check "a failed catch-up leaves last_report_day" test "$(sqlite3 "$W/c.db" "select value from meta where key='last_report_day'")" = 2025-01-05
else
  nok "building the rename hook"
fi
finish
