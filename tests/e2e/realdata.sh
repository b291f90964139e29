#!/usr/bin/env bash
# Real 311 exports of four US cities (../shared/realdata), each read by a
# layout template and no C: the nightly job runs on each; nothing is lost
# (rows read = loaded + rejected); XEN rows are the values found; and the
# organisation's figures equal an independent Python computation from the
# CSV (tests/realdata_check.py), over a period and over single days
# (including a DST change day).
source "$NV_ROOT/tests/lib.sh"
R=$NV_ROOT/../shared/realdata
if [ ! -d "$R" ]; then skip "real city exports" "$R absent"; exit 0; fi
W=$(scratch realdata)
PY=/usr/bin/python3

one() { # name file from to [hours]
  local name=$1 file=$2 from=$3 to=$4 label out
  out=$W/$name
  if [ "$from" = "$to" ]; then label=$to; set -- --date "$to"; else label=${from}_$to; set -- --from "$from" --date "$to"; fi
  "$NIVARAN" run --quiet --db "$W/$name.db" --out "$out" "$@" "$file" 2>"$W/$name.err"; local rc=$?
  if [ "${EXPECT5:-}" = "$name $label" ]; then
    # the last day is past the export's data: incomplete (exit 5), the
    # public outputs withheld; --allow-missing then publishes them
    check "$name $label: a last day without data exits 5 (exit $rc)" test "$rc" -eq 5
    check "$name $label: public outputs withheld" test ! -e "$out/$label/notice-board.pdf" -a ! -e "$out/$label/open-data"
    check "$name $label: the officers' report is written" test -s "$out/$label/md-daily-report.pdf"
    "$NIVARAN" report --quiet --db "$W/$name.db" --out "$out" "$@" --allow-missing "$name" 2>>"$W/$name.err"; rc=$?
  fi
  check "$name $label: run exits 0 or 3" test "$rc" -eq 0 -o "$rc" -eq 3
  $PY - "$out/$label/manifest.json" <<'PY' && ok "$name $label: rows read = loaded + rejected" || nok "$name $label: rows read = loaded + rejected"
import json, sys
m = json.load(open(sys.argv[1]))
for i in m["inputs"]:
    assert i["error"] is None and i["rows_read"] == i["rows_loaded"] + i["rows_rejected"], i
PY
  check "$name $label: XEN rows are the values found" test "$(wc -l < "$out/$label/open-data/sla_by_xen.csv")" -gt 2
  $PY "$NV_ROOT/tests/realdata_check.py" "$NV_ROOT/templates/layouts/$name.ini" "$file" \
      "$out/$label/open-data/sla_by_wing.csv" "$from" "$to" >"$W/$name.check" 2>&1
  check "$name $label: figures equal an independent computation" test $? -eq 0
  [ -n "${VERBOSE:-}" ] && cat "$W/$name.check"
  # the city's own notice (templates/pdf/notice.<city>.ini) and data-quality
  # notes: nothing of KESCO's on its reports
  local org; org=$(sed -n 's/^organisation = //p' "$NV_ROOT/templates/layouts/$name.ini")
  pdftotext "$out/$label/notice-board.pdf" "$W/$name.notice.txt" 2>/dev/null
  pdftotext "$out/$label/md-daily-report.pdf" "$W/$name.md.txt" 2>/dev/null
  check "$name $label: the notice names $org" grep -q "$org" "$W/$name.notice.txt"
  check "$name $label: no KESCO text on the notice or the MD report" \
    bash -c "! grep -q -i -e kesco -e 1912 -e jhatpat -e 'nivesh' '$W/$name.notice.txt' '$W/$name.md.txt'"
}

one boston311 "$R/boston311_2019_animal_filtered.csv" 2019-01-01 2019-12-31
one boston311 "$R/boston311_2019_animal_filtered.csv" 2019-03-10 2019-03-10
one boston311 "$R/boston311_2019_animal_filtered.csv" 2019-11-03 2019-11-03
EXPECT5="baltimore311 2014-01-01_2019-12-31" \
one baltimore311 "$R/baltimore311_2014-2019_sample.csv" 2014-01-01 2019-12-31
one baltimore311 "$R/baltimore311_2014-2019_sample.csv" 2018-04-12 2018-04-12
one nyc311 "$R/nyc311_2018-10-21_sample.csv" 2018-10-21 2018-10-21
one la311 "$R/la311_combined_2017-12_2018-01_2018-12.csv" 2017-12-01 2018-12-31
one la311 "$R/la311_combined_2017-12_2018-01_2018-12.csv" 2018-01-02 2018-01-02
finish
