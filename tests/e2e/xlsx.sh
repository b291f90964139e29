#!/usr/bin/env bash
# The wing workbooks end to end: `nivaran run` on generated data, every
# workbook read back by tests/xlsx_check.py (openpyxl) against the run's open
# data and an independent sqlite3 query; byte-identical on a rerun; one
# workbook rendered through LibreOffice (skipped when it is absent).
source "$NV_ROOT/tests/lib.sh"
PY=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' >/dev/null 2>&1; then PY=$p; break; fi
done
if ! "$NIVARAN" run --help >/dev/null 2>&1 ||
   ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/xlsx_probe" >/dev/null 2>&1; then
  nok "wing workbooks: the binary under test answers (nivaran run/gen not available in this build)"; exit 1
fi
W=$(scratch xlsx)
END=2025-01-10
"$NIVARAN" gen --days 40 --end $END --seed 5 --scale 0.3 --nightly --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/*.csv 2>/dev/null)
if [ -z "$FILES" ]; then nok "gen wrote exports"; finish; exit; fi
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/out" $FILES; rc=$?
check "run exits 0 or 3" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/$END
for w in technical commercial testing project; do
  check "wing-$w.xlsx written" test -s "$D/wing-$w.xlsx"
done
check "no workbook for UNMAPPED" test ! -e "$D/wing-unmapped.xlsx"

if [ -n "$PY" ]; then
  out=$("$PY" "$NV_ROOT/tests/xlsx_check.py" "$D" --date $END --db "$W/a.db" \
        --template "$NV_ROOT/templates/workbook.ini" 2>&1); rc=$?
  check "workbooks read back equal the open data and the database" test "$rc" -eq 0
  [ "$rc" -eq 0 ] || echo "$out" | head -20
  # the layout checks (tests/xlsx_layout.py) had something to check: records
  # overdue, subdivisions the exports spell otherwise than the chart, worst
  # three marked (the generator plants case and space variants)
  sum=$(echo "$out" | tail -1)
  n_od=$(echo "$sum" | sed -n 's/.*(\([0-9]*\) overdue listed.*/\1/p')
  n_sp=$(echo "$sum" | sed -n 's/.*, \([0-9]*\) subdivisions respelled.*/\1/p')
  n_wo=$(echo "$sum" | sed -n 's/.*, \([0-9]*\) XENs marked worst.*/\1/p')
  check "Overdue now, subdivision spellings and worst three were exercised ($sum)" \
    test "${n_od:-0}" -gt 0 -a "${n_sp:-0}" -gt 0 -a "${n_wo:-0}" -gt 0
else
  skip "workbooks read back" "python3 with openpyxl not found"
fi

# a second run of the same night into another folder: byte-identical workbooks
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/out2" $FILES >/dev/null 2>&1
same=1
for w in technical commercial testing project; do
  cmp -s "$D/wing-$w.xlsx" "$W/out2/$END/wing-$w.xlsx" || same=0
done
check "rerun writes byte-identical workbooks" test "$same" -eq 1

# a period report: Records spans the period when longer than 30 days
FROM=2024-12-05
"$NIVARAN" report --quiet --db "$W/a.db" --from $FROM --date $END --out "$W/per" >/dev/null 2>&1
P="$W/per/${FROM}_$END"
check "period report writes workbooks" test -s "$P/wing-technical.xlsx"
if [ -n "$PY" ] && [ -s "$P/wing-technical.xlsx" ]; then
  out=$("$PY" "$NV_ROOT/tests/xlsx_check.py" "$P" --date "$FROM/$END" --db "$W/a.db" \
        --template "$NV_ROOT/templates/workbook.ini" 2>&1); rc=$?
  check "period workbooks read back" test "$rc" -eq 0
  [ "$rc" -eq 0 ] || echo "$out" | head -20
fi

# LibreOffice renders the workbook (charts and Devanagari included) and
# prints it: every sheet on pages one page wide, each page with its footer
# (the wing, the report day, "Page N of M")
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 &&
   command -v pdfinfo >/dev/null 2>&1; then
  R=$(scratch xlsx_render)
  cp "$D/wing-technical.xlsx" "$R/"
  (cd "$R" && HOME="$R" timeout 300 soffice --headless --convert-to pdf wing-technical.xlsx \
     >lo.log 2>&1)
  check "LibreOffice converts the workbook to PDF" test -s "$R/wing-technical.pdf"
  if [ -s "$R/wing-technical.pdf" ]; then
    pdftoppm -png -r 60 -f 1 -l 1 "$R/wing-technical.pdf" "$R/page" 2>/dev/null
    check "first page renders to PNG" test -s "$(ls "$R"/page*.png 2>/dev/null | head -1)"
    pages=$(pdfinfo "$R/wing-technical.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    sheets=$(unzip -p "$D/wing-technical.xlsx" xl/workbook.xml | grep -o '<sheet ' | wc -l)
    check "the PDF has a page or more per sheet ($pages pages, $sheets sheets)" \
      test "${pages:-0}" -ge "$sheets" -a "$sheets" -gt 0
    pdftotext -layout "$R/wing-technical.pdf" "$R/wb.txt" 2>/dev/null
    # the wing as the footer names it: names.ini's "Technical" (part A), matched whatever its case
    nfoot=$(grep -ci "technical.*report day $END.*Page [0-9]* of $pages" "$R/wb.txt")
    check "every page has its footer ($nfoot of $pages)" test "${nfoot:-0}" -eq "${pages:-1}"
  fi
else
  skip "LibreOffice render" "soffice (LibreOffice), pdftoppm or pdfinfo not installed"
fi
finish
