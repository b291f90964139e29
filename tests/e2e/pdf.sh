#!/usr/bin/env bash
# The two PDFs of a nightly run on generated data: qpdf --check; the figures
# pdftotext finds equal the run's open data (tests/pdf_check.py); the notice
# board's Hindi template texts are extractable and no 10-digit number of the
# inputs reaches it; a second report of the same night is byte-identical;
# --page a3 gives an A3 notice with the same figures. A period report (the 30
# days ending with the night): the same checks against its open data, its
# league table (and the day's) equal to its sla_by_xen.csv, Period texts; an
# empty database gives both PDFs, saying so in words. A real foreign export
# (many wings and queues, long names): see the end.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" run --help >/dev/null 2>&1 || ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-pdf" >/dev/null 2>&1; then
  nok "pdf outputs: the binary under test answers (nivaran run/gen not available in this build)"; exit 1
fi
W=$(scratch pdf)
END=2025-01-31
# KESCO's counts in Indian grouping and its wings by name (templates/org/names.ini)
CHECK="env NV_GROUPING=indian NV_NAMES=$NV_ROOT/templates/org/names.ini python3 $NV_ROOT/tests/pdf_check.py"
"$NIVARAN" gen --days 35 --end $END --seed 11 --out "$W/exp" >/dev/null 2>&1
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/n.db" --date $END --out "$W/out" $FILES; rc=$?
check "run finishes" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/$END
MD=$D/md-daily-report.pdf NB=$D/notice-board.pdf CSV=$D/open-data/sla_by_wing.csv
check "md report passes qpdf --check" qpdf --check "$MD"
check "notice board passes qpdf --check" qpdf --check "$NB"
check "md: nothing off a page or overlapping" $CHECK layout "$MD"
check "notice: nothing off the page or overlapping" $CHECK layout "$NB"
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
# Period reports: the 30 days ending with END (its league table ranks over
# the period); an empty database.
has()    { pdftotext "$1" - 2>/dev/null | grep -q -- "$2"; }
hasnot() { ! pdftotext "$1" - 2>/dev/null | grep -q -- "$2"; }
FROM=$(date -d "$END -29 days" +%F)
P30=$W/out/${FROM}_$END
"$NIVARAN" report --quiet --db "$W/n.db" --from "$FROM" --date $END --out "$W/out" >/dev/null 2>&1
check "period md passes qpdf --check" sh -c "qpdf --check '$P30/md-daily-report.pdf' >/dev/null 2>&1"
check "period md wing table equals the period's open data" $CHECK figures-md "$P30/md-daily-report.pdf" "$P30/open-data/sla_by_wing.csv"
check "period notice equals the period's open data" $CHECK figures-notice "$P30/notice-board.pdf" "$P30/open-data/sla_by_wing.csv" "$NV_ROOT/templates/pdf/notice.ini"
check "period notice shows its Hindi texts" $CHECK hindi "$P30/notice-board.pdf" "$NV_ROOT/templates/pdf/notice.ini" period
check "period notice is one page" sh -c "pdfinfo '$P30/notice-board.pdf' 2>/dev/null | grep -q '^Pages: *1$'"
check "day league table equals the 30-day period's XEN open data" $CHECK league "$MD" "$P30/open-data/sla_by_xen.csv"
check "period league table equals the period's XEN open data" $CHECK league "$P30/md-daily-report.pdf" "$P30/open-data/sla_by_xen.csv"
check "period md compares with the previous period" has "$P30/md-daily-report.pdf" "Previous period:"
check "period md has no 'Day before'" hasnot "$P30/md-daily-report.pdf" "Day before"
check "period notice has the previous period" has "$P30/notice-board.pdf" "Previous period: .* / पिछली अवधि: "
check "period notice has no month to date" hasnot "$P30/notice-board.pdf" "Month to date"
"$NIVARAN" report --quiet --db "$W/n.db" --from "$FROM" --date $END --out "$W/again" >/dev/null 2>&1
check "period md byte-identical on a rerun" cmp -s "$P30/md-daily-report.pdf" "$W/again/${FROM}_$END/md-daily-report.pdf"
# (report needs a database that exists: an empty file is an empty database;
# with every layout sent nothing, the public outputs need --allow-missing)
: > "$W/empty.db"
"$NIVARAN" report --quiet --db "$W/empty.db" --date $END --out "$W/empty" --allow-missing kesco_1912 \
  --allow-missing jhatpat --allow-missing niveshmitra >/dev/null 2>&1; rc=$?
check "an empty database gives both PDFs" test "$rc" -eq 0 -a -s "$W/empty/$END/md-daily-report.pdf" -a -s "$W/empty/$END/notice-board.pdf"
check "the empty md says so in words" has "$W/empty/$END/md-daily-report.pdf" "No records in the database for the day"
check "the empty notice says so in words" has "$W/empty/$END/notice-board.pdf" "Nothing was recorded in these days"
# A foreign export (Boston 311: 11 departments as wings, 48 queues as XENs,
# long names): both PDFs are made, valid, laid out within their pages, the
# notice (the city's own template) one page folding departments into "Other
# departments", figures equal to the open data; the 30 days ending with the
# day rank as its sla_by_xen.csv.
CITY=/work/shared/realdata/boston311_2019_animal_filtered.csv
if [ ! -r "$CITY" ]; then
  skip "foreign export PDFs" "$CITY not found"
else
  CD=2019-11-03
  CHECK="env NV_GROUPING=western NV_NAMES=$NV_ROOT/templates/org/names.ini python3 $NV_ROOT/tests/pdf_check.py"
  "$NIVARAN" run --quiet --db "$W/city.db" --date $CD --out "$W/city" "$CITY"; rc=$?
  check "city run finishes (was: Outline_SetDestination failed)" test "$rc" -eq 0 -o "$rc" -eq 3
  C=$W/city/$CD
  check "city md passes qpdf --check" sh -c "qpdf --check '$C/md-daily-report.pdf' >/dev/null 2>&1"
  check "city notice passes qpdf --check" sh -c "qpdf --check '$C/notice-board.pdf' >/dev/null 2>&1"
  check "city md: nothing off a page or overlapping" $CHECK layout "$C/md-daily-report.pdf"
  check "city notice: nothing off the page or overlapping" $CHECK layout "$C/notice-board.pdf"
  check "city notice is one page" sh -c "pdfinfo '$C/notice-board.pdf' 2>/dev/null | grep -q '^Pages: *1$'"
  check "city notice folds departments into Other departments" has "$C/notice-board.pdf" "Other departments"
  check "city md wing table equals the open data" $CHECK figures-md "$C/md-daily-report.pdf" "$C/open-data/sla_by_wing.csv"
  check "city notice equals the open data (Other departments = the rest)" $CHECK figures-notice "$C/notice-board.pdf" "$C/open-data/sla_by_wing.csv" "$NV_ROOT/templates/pdf/notice.city-of-boston.ini"
  CF=$(date -d "$CD -29 days" +%F)
  "$NIVARAN" report --quiet --db "$W/city.db" --from "$CF" --date $CD --out "$W/city" >/dev/null 2>&1
  check "city league table equals the 30 days' XEN open data" $CHECK league "$C/md-daily-report.pdf" "$W/city/${CF}_$CD/open-data/sla_by_xen.csv"
fi
finish
