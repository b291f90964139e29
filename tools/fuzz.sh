#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] — builds the libFuzzer targets of fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) straight from the project sources
# into build-fuzz/, then runs each of the three for SECONDS/3 seconds (default
# 30 in all) starting from the seed corpus fuzz/corpus/<target>/. New
# interesting inputs go to build-fuzz/corpus/<target>/ (the seeds in git are
# never written). Exits non-zero when a build fails or a target crashes,
# leaks, hits undefined behaviour or times out; the input that did it is
# left as build-fuzz/<target>-crash-* (replay: build-fuzz/<target> FILE).
set -u
cd "$(dirname "$0")/.."
SECS=${1:-30}
case $SECS in '' | *[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS]" >&2; exit 1 ;; esac
HALF=$((SECS / 3)); [ "$HALF" -ge 1 ] || HALF=1
CC=${FUZZ_CC:-clang}
OUT=build-fuzz
FLAGS=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fno-omit-frame-pointer
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -Wall -Wextra -Werror -Iinclude)
mkdir -p "$OUT"

if ! command -v "$CC" >/dev/null; then
  echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

build() { # target sources... [-- libs...]
  local t=$1; shift
  echo "fuzz: building $OUT/$t"
  "$CC" "${FLAGS[@]}" -o "$OUT/$t" "$@" || { echo "fuzz: build of $t failed" >&2; exit 1; }
}
build fuzz_csvin fuzz/fuzz_csvin.c src/load/csvin.c src/core/outfile.c src/core/err.c -lcsv -lcrypto -lpthread
build fuzz_time fuzz/fuzz_time.c src/load/normalise.c src/core/nvtime.c src/core/err.c
# the whole loading path: every module but main.c (and the embedded SQL)
[ -f build/queries_gen.c ] || make -s build/queries_gen.c >/dev/null || exit 1
mapfile -t ALL_SRCS < <(find src -name '*.c' | sort | grep -v '^src/cli/main\.c$')
build fuzz_ingest fuzz/fuzz_ingest.c "${ALL_SRCS[@]}" build/queries_gen.c -Ibuild \
  $(pkg-config --cflags --libs sqlite3 xlsxwriter harfbuzz freetype2 inih libcrypto minizip expat) \
  -lhpdf -lcsv -lm -lpthread
build fuzz_xlsxread fuzz/fuzz_xlsxread.c src/load/xlsxread.c src/core/err.c \
  $(pkg-config --cflags --libs minizip expat)

status=0
run() { # target max_len
  local t=$1 len=$2 seeds=fuzz/corpus/${1#fuzz_} work=$OUT/corpus/${1#fuzz_}
  mkdir -p "$work"
  echo "fuzz: running $t for ${HALF}s"
  if ! "$OUT/$t" -max_total_time="$HALF" -max_len="$len" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$OUT/$t-" "$work" "$seeds" \
       > "$OUT/$t.log" 2>&1; then
    echo "fuzz: $t FAILED; see $OUT/$t.log and $OUT/$t-crash-*" >&2
    tail -40 "$OUT/$t.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^Done' "$OUT/$t.log" | sed "s/^/fuzz: $t: /"
  fi
}
run fuzz_csvin 8192
run fuzz_time 96
run fuzz_ingest 16384
run fuzz_xlsxread 65536
[ "$status" -eq 0 ] && echo "fuzz: no crash"
exit "$status"
