#!/usr/bin/env bash
# Runs every suite: the cmocka unit-test binaries in $BUILD/tests, then the
# end-to-end scripts tests/e2e/*.sh (which print TAP lines: "ok - name",
# "not ok - name", "ok - name # SKIP reason"). Ends with one line:
# "N passed, N failed, N skipped". Exit 0 only when nothing failed.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export NIVARAN=${NIVARAN:-$PWD/$BUILD/nivaran}
export NV_ROOT=$PWD
export NV_TMP=${NV_TMP:-$PWD/tests/tmp/$BUILD}
rm -rf "$NV_TMP"; mkdir -p "$NV_TMP"
pass=0; fail=0; skip=0; failed_names=()

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  out=$("$t" 2>&1); rc=$?
  p=$(grep -c '^\[       OK \]' <<<"$out")
  f=$(grep '^\[  FAILED  \]' <<<"$out" | grep -vc 'test(s)')
  s=$(grep -c '^\[  SKIPPED \]' <<<"$out")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
  if [ "$f" -gt 0 ]; then
    failed_names+=("$name"); echo "FAIL $name"; echo "$out" | tail -40
  else
    echo "ok   $name ($p passed${s:+, $s skipped})"
  fi
done

for t in tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  out=$(bash "$t" 2>&1); rc=$?
  p=$(grep -E '^ok ' <<<"$out" | grep -vc '# SKIP')
  s=$(grep -E '^ok .*# SKIP' -c <<<"$out")
  f=$(grep -c '^not ok' <<<"$out")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
  if [ "$f" -gt 0 ]; then
    failed_names+=("$name"); echo "FAIL $name (exit $rc)"; echo "$out" | grep -v '^ok ' | tail -40
  else
    echo "ok   $name ($p passed, $s skipped)"
    grep '# SKIP' <<<"$out" | sed 's/^/     /'
  fi
done

[ ${#failed_names[@]} -gt 0 ] && echo "failed suites: ${failed_names[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
