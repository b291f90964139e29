#!/usr/bin/env bash
# make valgrind: every unit-test binary, and one small nightly run of the
# program, under valgrind's memcheck (errors and definite leaks fail).
# Prints one closing line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
VG="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
pass=0; fail=0
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  if $VG "$t" >"/tmp/vg.$$.log" 2>&1; then pass=$((pass + 1)); echo "ok   valgrind $(basename "$t")"
  else fail=$((fail + 1)); echo "FAIL valgrind $(basename "$t")"; tail -30 "/tmp/vg.$$.log"; fi
done
W=$(mktemp -d)
"$BUILD/nivaran" gen --days 4 --end 2025-01-04 --seed 2 --scale 0.2 --out "$W/exp" >/dev/null 2>&1
if $VG "$BUILD/nivaran" run --quiet --db "$W/v.db" --date 2025-01-04 --out "$W/out" "$W"/exp/*_2025-01-04.csv >"/tmp/vg.$$.log" 2>&1; then
  pass=$((pass + 1)); echo "ok   valgrind nivaran run"
else
  rc=$?; if [ "$rc" -eq 3 ]; then pass=$((pass + 1)); echo "ok   valgrind nivaran run (exit 3)"
  else fail=$((fail + 1)); echo "FAIL valgrind nivaran run (exit $rc)"; tail -30 "/tmp/vg.$$.log"; fi
fi
rm -rf "$W" "/tmp/vg.$$.log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
