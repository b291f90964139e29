#!/usr/bin/env bash
# The workbook reader on real wing workbooks: `nivaran run` on generated
# data, then every sheet but Records of each wing workbook read by xlsxread
# ($BUILD/xlsxread_dump) and by openpyxl (tests/xlsxread_check.py): the same
# cells, the same values. Then the same through LibreOffice (its saved
# copies put every string in sharedStrings.xml; skipped when soffice is
# absent), and a refused file named in the reader's message.
source "$NV_ROOT/tests/lib.sh"
BUILD=${BUILD:-build}
XR=$NV_ROOT/$BUILD/xlsxread_dump
W=$(scratch xlsxread)
END=2024-12-31
if ! "$NIVARAN" gen --days 35 --end $END --seed 1 --scale 0.3 --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen writes sample exports"; finish; exit
fi
check "xlsxread_dump built ($XR)" test -x "$XR"
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/out" "$W"/exp/kesco_1912_complaints_*.csv \
  "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv >/dev/null 2>&1
rc=$?
check "run exits 0 or 3" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/$END
PY=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' >/dev/null 2>&1; then PY=$p; break; fi
done

compare() { # label workbook
  local out
  out=$("$PY" "$NV_ROOT/tests/xlsxread_check.py" "$XR" "$2" 2>&1)
  local rc=$?
  check "$1: xlsxread reads what openpyxl reads" test "$rc" -eq 0
  sed 's/^/# /' <<<"$out" | head -12
}

if [ -z "$PY" ]; then
  skip "wing workbooks read by xlsxread and openpyxl" "python3 with openpyxl not found"
else
  for w in technical commercial testing project; do
    compare "wing-$w.xlsx (libxlsxwriter, inline strings)" "$D/wing-$w.xlsx"
  done
  if ! command -v soffice >/dev/null 2>&1; then
    skip "wing workbooks saved by LibreOffice" "soffice not installed (apt-get install libreoffice-calc-nogui)"
  else
    mkdir -p "$W/lo"
    HOME=$W/lo-home timeout 300 soffice --headless --convert-to xlsx --outdir "$W/lo" \
      "$D/wing-commercial.xlsx" "$D/wing-project.xlsx" >"$W/lo/log" 2>&1
    check "LibreOffice saved two workbooks" test -s "$W/lo/wing-commercial.xlsx" -a -s "$W/lo/wing-project.xlsx"
    check "LibreOffice's copy keeps its strings in sharedStrings.xml" \
      sh -c "unzip -p '$W/lo/wing-project.xlsx' xl/worksheets/sheet1.xml | grep -q 't=\"s\"'"
    for w in commercial project; do
      compare "wing-$w.xlsx saved by LibreOffice" "$W/lo/wing-$w.xlsx"
    done
  fi
fi

# a file that is not a workbook: refused with the file's name and the reason
cp "$W/exp/gen_manifest.csv" "$W/not-a-book.xlsx"
msg=$("$XR" Summary "$W/not-a-book.xlsx" 2>&1); rc=$?
check "a CSV named .xlsx is refused (exit 2)" test "$rc" -eq 2
check "its message names the file and says why" \
  grep -q "not-a-book.xlsx: not a zip archive" <<<"$msg"
finish
