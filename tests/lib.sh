# Shared helpers for the end-to-end scripts (sourced, not run).
# $NIVARAN is the binary under test, $NV_ROOT the repository, $NV_TMP a
# scratch folder. Each check prints one TAP line.
n_fail=0
ok()   { echo "ok - $*"; }
nok()  { echo "not ok - $*"; n_fail=$((n_fail + 1)); }
skip() { echo "ok - $1 # SKIP $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }
scratch() { local d="$NV_TMP/$1"; rm -rf "$d"; mkdir -p "$d"; echo "$d"; }
finish() { [ "$n_fail" -eq 0 ]; }
