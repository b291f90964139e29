#!/usr/bin/env bash
# The two PDFs of a nightly run on generated data: qpdf --check; the figures
# pdftotext finds equal the run's open data (tests/pdf_check.py); the notice
# board's Hindi template texts are extractable and no 10-digit number of the
# inputs reaches it; a second report of the same night is byte-identical;
# --page a3 gives an A3 notice with the same figures.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" run --help >/dev/null 2>&1 || ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-pdf" >/dev/null 2>&1; then
  skip "pdf outputs" "nivaran run/gen not available in this build"; exit 0
fi
W=$(scratch pdf)
END=2025-01-31
CHECK="python3 $NV_ROOT/tests/pdf_check.py"
"$NIVARAN" gen --days 35 --end $END --seed 11 --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/n.db" --date $END --out "$W/out" $FILES; rc=$?
check "run finishes" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/$END
MD=$D/md-daily-report.pdf NB=$D/notice-board.pdf CSV=$D/open-data/sla_by_wing.csv
check "md report passes qpdf --check" qpdf --check "$MD"
check "notice board passes qpdf --check" qpdf --check "$NB"
check "md wing table equals the open data" $CHECK figures-md "$MD" "$CSV"
check "notice figures equal the open data" $CHECK figures-notice "$NB" "$CSV" "$NV_ROOT/templates/pdf/notice.ini"
check "notice shows every Hindi text of its template" $CHECK hindi "$NB" "$NV_ROOT/templates/pdf/notice.ini"
check "no 10-digit number of the inputs on the notice" $CHECK nodigits "$NB" $FILES
check "notice board is one page" sh -c "pdfinfo '$NB' 2>/dev/null | grep -q '^Pages: *1$'"
check "md report shows the flag statement" sh -c "pdftotext '$MD' - 2>/dev/null | grep -q 'reason to look, not a finding'"
"$NIVARAN" report --quiet --db "$W/n.db" --date $END --out "$W/again" >/dev/null 2>&1
check "md report byte-identical on a rerun" cmp -s "$MD" "$W/again/$END/md-daily-report.pdf"
check "notice board byte-identical on a rerun" cmp -s "$NB" "$W/again/$END/notice-board.pdf"
"$NIVARAN" report --quiet --db "$W/n.db" --date $END --page a3 --out "$W/a3" >/dev/null 2>&1
check "--page a3 gives an A3 notice" sh -c "pdfinfo '$W/a3/$END/notice-board.pdf' 2>/dev/null | grep -q A3"
check "A3 notice has the same figures" $CHECK figures-notice "$W/a3/$END/notice-board.pdf" "$CSV" "$NV_ROOT/templates/pdf/notice.ini"
finish
