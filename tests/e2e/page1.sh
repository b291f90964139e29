#!/usr/bin/env bash
# The MD's page 1 and the notice board as a reader sees them (issue 15):
# pdftotext of the PDFs of a generated KESCO month against figures counted
# another way by tests/page1_check.py: the service figures (OTP-confirmed,
# reopened, satisfied) from the raw 1912 export, the backlog's age bands
# from the record table, the target from the profile; the notice's time
# limit (profile + template), its days in words in both languages, one
# table on the 1st of a month, its contacts, no empty Other row; the web
# page's days and contacts; a city (Boston 311): no service cell, its own
# limit and contacts.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" run --help >/dev/null 2>&1 || ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-page1" >/dev/null 2>&1; then
  nok "page 1: the binary under test answers (nivaran run/gen not available in this build)"; exit 1
fi
W=$(scratch page1)
END=2025-01-31
CHECK="python3 $NV_ROOT/tests/page1_check.py"
T=$NV_ROOT/templates
"$NIVARAN" gen --days 35 --end $END --seed 11 --out "$W/exp" >/dev/null 2>&1
EXP=$W/exp/kesco_1912_complaints_$END.csv
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
"$NIVARAN" run --quiet --db "$W/n.db" --date $END --out "$W/out" $FILES; rc=$?
# every row loaded: the export's own count is then the database's
check "run finishes with every row loaded" test "$rc" -eq 0
D=$W/out/$END
MD=$D/md-daily-report.pdf NB=$D/notice-board.pdf
check "md page 1: OTP-confirmed, reopened, satisfied = the 1912 export's, beside the day before's" $CHECK md-service "$MD" "$EXP" $END
check "md page 1: the backlog by age = the record table's" $CHECK md-bands "$MD" "$W/n.db" $END 330
check "md page 1: the target beside compliance" $CHECK md-target "$MD" "$T/profiles/md-24h.ini"
check "md report: page 1 is still one page of summary (the attention rule on it)" sh -c "pdftotext -f 1 -l 1 '$MD' - 2>/dev/null | grep -q 'Ranked by the records behind each item'"
check "md: nothing off a page or overlapping" python3 "$NV_ROOT/tests/pdf_check.py" layout "$MD"
# other nights (one with an incomplete-data line) and a period: page 1 still
# ends with the attention rule
story=1
for d in 2025-01-05 2025-01-12 2025-01-20; do
  "$NIVARAN" report --quiet --db "$W/n.db" --date $d --out "$W/nights" --allow-missing niveshmitra >/dev/null 2>&1
  pdftotext -f 1 -l 1 "$W/nights/$d/md-daily-report.pdf" - 2>/dev/null | grep -q 'Ranked by the records behind each item' || story=0
done
"$NIVARAN" report --quiet --db "$W/n.db" --from 2025-01-02 --date $END --out "$W/nights" >/dev/null 2>&1
pdftotext -f 1 -l 1 "$W/nights/2025-01-02_$END/md-daily-report.pdf" - 2>/dev/null | grep -q 'Ranked by the records behind each item' || story=0
check "md page 1 keeps its one-page story on three other nights and a 30-day period" test $story -eq 1
check "notice: time limit, days in words, month to date in words, contacts" $CHECK notice "$NB" "$T/pdf/notice.ini" "$T/profiles/md-24h.ini" $END $END 2025-01-01 $END
check "notice: no empty Other row" $CHECK notice-no-empty-other "$NB" "$D/open-data/sla_by_wing.csv" "$T/pdf/notice.ini"
check "notice: figures equal the open data" python3 "$NV_ROOT/tests/pdf_check.py" figures-notice "$NB" "$D/open-data/sla_by_wing.csv" "$T/pdf/notice.ini"
check "notice: one page, nothing overlapping" sh -c "pdfinfo '$NB' 2>/dev/null | grep -q '^Pages: *1$' && python3 '$NV_ROOT/tests/pdf_check.py' layout '$NB'"
# the 1st of the month: the month to date is the day: one table
F1=2025-01-01
"$NIVARAN" report --quiet --db "$W/n.db" --date $F1 --out "$W/out" >/dev/null 2>&1
check "notice on the 1st: one table, its day in words, contacts" $CHECK notice "$W/out/$F1/notice-board.pdf" "$T/pdf/notice.ini" "$T/profiles/md-24h.ini" $F1 $F1
check "notice on the 1st: figures equal the open data" python3 "$NV_ROOT/tests/pdf_check.py" figures-notice "$W/out/$F1/notice-board.pdf" "$W/out/$F1/open-data/sla_by_wing.csv" "$T/pdf/notice.ini"
# the web page shows what the notice board shows: one table on the 1st
P1=$W/out/$F1/public/index.html
check "web on the 1st: the day's table only" sh -c "grep -q 'id=\"t-day\"' '$P1' && ! grep -q 'id=\"t-month\"' '$P1'"
# the statutory profile: the limit as a range of the profile's hours
"$NIVARAN" report --quiet --db "$W/n.db" --date $END --profile statutory --out "$W/stat" >/dev/null 2>&1
check "notice, statutory profile: the limit as the profile's range" $CHECK notice "$W/stat/$END/notice-board.pdf" "$T/pdf/notice.ini" "$T/profiles/statutory.ini" $END $END 2025-01-01 $END
# the web page: the same days in words and contacts
P=$D/public/index.html
check "web: the day and the month to date in words, both languages" sh -c "grep -q 'The day: 31 Jan 2025' '$P' && grep -q 'दिन: 31 जनवरी 2025' '$P' && grep -q 'Month to date: 1-31 Jan 2025' '$P'"
check "web: the notice board's contacts" sh -c "grep -q 'www.uperc.org' '$P' && grep -q 'KESA House, 14/71 Civil Lines, Kanpur 208001' '$P' && grep -q 'cgrf.uppcl.org' '$P'"
# a city: no service figure (no layout carries the fields); its own limit and contacts
CITY=/work/shared/realdata/boston311_2019_animal_filtered.csv
if [ ! -r "$CITY" ]; then
  skip "city page 1 and notice" "$CITY not found"
else
  CD=2019-11-03
  "$NIVARAN" run --quiet --db "$W/city.db" --date $CD --out "$W/city" "$CITY"; rc=$?
  check "city run finishes" test "$rc" -eq 0 -o "$rc" -eq 3
  check "city md page 1: the backlog by age = the record table's" $CHECK md-bands "$W/city/$CD/md-daily-report.pdf" "$W/city.db" $CD -300
  check "city md page 1: no service cell" $CHECK md-no-service "$W/city/$CD/md-daily-report.pdf"
  check "city notice: its limit, days in words (English, Spanish), its contacts" $CHECK notice "$W/city/$CD/notice-board.pdf" "$T/pdf/notice.city-of-boston.ini" "$T/profiles/md-24h.ini" $CD $CD 2019-11-01 $CD
fi
finish
