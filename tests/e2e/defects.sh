#!/usr/bin/env bash
# Issue 11's defects, each with the reproduction that failed before its fix:
# a killed run's workbook children, ...
source "$NV_ROOT/tests/lib.sh"
W=$(scratch defects)
END=2025-01-06
if ! "$NIVARAN" gen --days 6 --end $END --seed 4 --scale 0.3 --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen works (first probe of the binary)"; finish; exit 1
fi
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)

# 6. kill -9 during the workbook stage: the forked workbook children die
# with the run and never hold DB.lock, so the next run is not refused (4).
# An LD_PRELOAD hook makes every workbook_close() wait (and forces children).
if cc -shared -fPIC -o "$W/slow_close.so" "$NV_ROOT/tests/hooks/slow_close.c" -ldl 2>"$W/cc.err"; then
  NV_HOOK_MARK=$W/mark ASAN_OPTIONS=verify_asan_link_order=0:$ASAN_OPTIONS LD_PRELOAD=$W/slow_close.so \
    "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 300); do [ "$(ls "$W"/mark.* 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.1; done
  check "the hooked run reached the workbook stage in a parent and a child" test "$(ls "$W"/mark.* 2>/dev/null | wc -l)" -ge 2
  kill -9 $pid; wait $pid 2>/dev/null
  sleep 0.5
  alive=""
  for m in "$W"/mark.*; do c=${m##*.}; [ "$c" != "$pid" ] && [ -e /proc/$c ] && ! grep -q "^[0-9]* ([^)]*) Z" /proc/$c/stat 2>/dev/null && alive="$alive $c"; done
  check "no workbook child outlives its killed parent" test -z "$alive"
  "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>"$W/err6"; rc=$?
  check "the run after the kill is not locked out (exit $rc)" test "$rc" -eq 0
  for c in $alive; do kill -9 "$c" 2>/dev/null; done
else
  nok "building the LD_PRELOAD hook: $(head -1 "$W/cc.err")"
fi
finish
