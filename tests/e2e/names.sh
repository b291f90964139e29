#!/usr/bin/env bash
# Names and numbers as Kanpur reads them (issue 15, part A), read back as a
# reader would: pdftotext of both PDFs, the web page's HTML, openpyxl on the
# workbooks.
# KESCO, 15 days at 10x its volume (so that a period's counts pass 1,00,000,
# where Indian and Western grouping part): the period report of those days
# shows its counts in Indian grouping (grouped here by hand from the open
# data, whose CSVs keep plain digits) and never in Western; wings and
# categories by the names of templates/org/names.ini, not their codes;
# times labelled IST, never +05:30; n/a where the previous period (before
# the first export) has no data, in the MD's tiles, on the web page and in
# the workbooks' Summary (tests/xlsx_check.py: names beside codes, the
# number format applied by hand, n/a where the database has no record).
# The first day's report: "Day before: n/a", "7-day avg: n/a".
# A US city (Boston's real export, a day that ends in EST): Western
# grouping in its workbooks, its zone by name (EST), no offset.
source "$NV_ROOT/tests/lib.sh"
if ! "$NIVARAN" gen --days 1 --end 2025-01-01 --out "$NV_TMP/probe-names" >/dev/null 2>&1; then
  nok "names: the binary under test answers (nivaran gen not available in this build)"; exit 1
fi
W=$(scratch names)
PY=/usr/bin/python3
NAMES=$NV_ROOT/templates/org/names.ini
CHECK="env NV_GROUPING=indian NV_NAMES=$NAMES python3 $NV_ROOT/tests/pdf_check.py"
FIRST=2025-03-01 END=2025-03-15
"$NIVARAN" gen --days 15 --end $END --seed 15 --scale 10 --out "$W/exp" >/dev/null 2>&1
"$NIVARAN" ingest --quiet --db "$W/k.db" "$W"/exp/kesco_1912_complaints_*.csv \
  "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv; rc=$?
check "KESCO exports load" test "$rc" -eq 0 -o "$rc" -eq 3
"$NIVARAN" report --quiet --db "$W/k.db" --from $FIRST --date $END --out "$W/out"
check "KESCO period report exits 0" test $? -eq 0
P=$W/out/${FIRST}_$END
MD=$P/md-daily-report.pdf NB=$P/notice-board.pdf CSV=$P/open-data/sla_by_wing.csv
pdftotext -layout "$MD" "$W/md.txt" 2>/dev/null
pdftotext -layout -f 1 -l 1 "$MD" "$W/md1.txt" 2>/dev/null
pdftotext -layout "$NB" "$W/nb.txt" 2>/dev/null
# the period's ALL received, from the open data (plain digits)
ALL=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } $c["wing"] == "ALL" { print $c["received"] }' "$CSV")
IN=$($PY -c "import sys; s=sys.argv[1]; h,t=s[:-3],s[-3:]; p=[]
while len(h)>2: p.insert(0,h[-2:]); h=h[:-2]
print(','.join(([h] if h else [])+p+[t]))" "$ALL")
WE=$($PY -c "import sys; print('{:,}'.format(int(sys.argv[1])))" "$ALL")
check "the period has more than 1,00,000 records received ($ALL), so the groupings part" test "$ALL" -ge 100000
check "open data keeps plain digits ($ALL)" grep -q ",ALL,$ALL," "$CSV"
check "md: 6-digit grouped counts off no page and over nothing" $CHECK layout "$MD"
check "notice: 6-digit grouped counts off no page and over nothing" $CHECK layout "$NB"
check "md: the wing table in Indian grouping, wings by name (pdf_check)" $CHECK figures-md "$MD" "$CSV"
check "md page 1: received $IN in Indian grouping" grep -q " $IN " "$W/md1.txt"
check "md: never the Western $WE" bash -c "! grep -q '$WE' '$W/md.txt'"
check "notice: the figures in Indian grouping (pdf_check)" $CHECK figures-notice "$NB" "$CSV" "$NV_ROOT/templates/pdf/notice.ini"
check "notice: $IN, never $WE" bash -c "grep -q '$IN' '$W/nb.txt' && ! grep -q '$WE' '$W/nb.txt'"
# names, not codes: every wing of the wing table and every category of the
# breaches table by its names.ini name; no code in those tables
$PY - "$W/md.txt" "$NAMES" >"$W/names.out" 2>&1 <<'PY'
import configparser, re, sys
md = open(sys.argv[1], encoding="utf-8").read()
nm = configparser.ConfigParser(interpolation=None)
nm.optionxform = str
nm.read(sys.argv[2], encoding="utf-8")
name = lambda k, c: nm[k][c].split("|")[0].strip()
page1, rest = md.split("Page 1 of", 1)
wt = page1.split("By wing", 1)[1].split("Last 30 days", 1)[0]
for w in ("TECHNICAL", "COMMERCIAL", "TESTING", "PROJECT"):
    assert re.search(r"^%s\s+[\d,]+\s" % re.escape(name("wing", w)), wt, re.M), (w, wt)
    assert w not in page1, (w, "code on page 1")
bt = rest.split("Breaches by category", 1)[1].split("Compensation owed", 1)[0]
rows = [l for l in bt.splitlines() if re.search(r"\d\s*$", l)]
cats = [c for c in nm["category"]]
assert rows, bt
for l in rows:
    assert not any(c in l for c in cats), ("a category code", l)
    assert any(l.startswith(name("category", c)) for c in cats), ("not a category name", l)
flags = [c for c in nm["flag"]]
fl = [l for l in rest.splitlines() if re.match(r"(HIGH|MEDIUM|LOW)\s", l)]
assert fl, "no flag lines"
for l in fl:
    assert any(name("flag", c) in l for c in flags), ("flag not by name", l)
print(len(rows), "category rows,", len(fl), "flag lines by name")
PY
check "md: wings, categories and flags by name, no code in their tables ($(tail -1 "$W/names.out"))" test $? -eq 0
check "md: times labelled IST" grep -q "Data as of 2025-03-16 00:00 IST" "$W/md.txt"
check "notice: times labelled IST" grep -q "2025-03-16 00:00 IST" "$W/nb.txt"
check "md and notice: never +05:30" bash -c "! grep -q '+05:30' '$W/md.txt' '$W/nb.txt'"
# the previous period (the 15 days before the first export) has no data
check "md: the previous period is n/a, not 0 and a change" \
  bash -c "grep -q 'Previous period: n/a' '$W/md1.txt' && ! grep -q 'Previous period: 0 ' '$W/md1.txt'"
check "notice: the previous period's table says n/a in every cell of its five rows, never 0" \
  $PY -c "import sys; t=open(sys.argv[1],encoding='utf-8').read().split('Previous period:')[1].split('Nothing was recorded')[0]; rows=[l.split() for l in t.splitlines() if 'n/a' in l or ' 0 ' in l]; assert len(rows) == 5 and all(r[-3:] == ['n/a'] * 3 for r in rows), rows" "$W/nb.txt"
check "web: the previous period's table says n/a" \
  $PY -c "import re,sys; t=open(sys.argv[1],encoding='utf-8').read().split('id=\"t-month\"')[1].split('</table>')[0]; c=re.findall(r'data-f=\"received\">([^<]*)<', t); assert c and set(c) == {'n/a'}, c" "$P/public/index.html"
check "web: the period's figures in Indian grouping (web_check)" \
  $PY "$NV_ROOT/tests/web_check.py" "$P/public/index.html" "$CSV" --grouping indian
check "web: $IN on the page, IST, no +05:30" \
  bash -c "grep -q '>$IN<' '$P/public/index.html' && grep -q '00:00 IST' '$P/public/index.html' && ! grep -q '+05:30' '$P/public/index.html'"
# (the period's workbooks hold 1,00,000 records: read only their Summary here;
# xlsx_check reads the first day's in full below)
check "workbooks: title by the wing's name, the zone by name (IST), the previous period n/a" \
  $PY -c "import openpyxl,sys,warnings; warnings.simplefilter('ignore'); ws=openpyxl.load_workbook(sys.argv[1],read_only=True)['Summary']; r=list(ws.iter_rows(max_row=12,values_only=True)); assert '(IST)' in r[1][0] and r[0][0].startswith('Technical wing'), r[:2]; rec=[x for x in r if x[0] and x[0].startswith('Received')][0]; assert isinstance(rec[1], int) and rec[2:4] == ('n/a', 'n/a'), rec" "$P/wing-technical.xlsx"
# the first day: nothing before it
"$NIVARAN" report --quiet --db "$W/k.db" --date $FIRST --out "$W/out"
F=$W/out/$FIRST
pdftotext -layout -f 1 -l 1 "$F/md-daily-report.pdf" "$W/f1.txt" 2>/dev/null
check "first day: Day before n/a and 7-day avg n/a in every tile" \
  bash -c "[ \$(grep -o 'Day before: n/a' '$W/f1.txt' | wc -l) -eq 6 ] && [ \$(grep -o '7-day avg: n/a' '$W/f1.txt' | wc -l) -eq 6 ]"
out=$($PY "$NV_ROOT/tests/xlsx_check.py" "$F" --date "$FIRST" --db "$W/k.db" --grouping indian 2>&1); rc=$?
check "first day's workbooks: names beside codes, Indian number format, n/a for the day before, the week before, last month (xlsx_check)" \
  test $rc -eq 0
[ $rc -eq 0 ] || echo "$out" | sed 's/^/# /' | head -20

# A US city: Western grouping, its own zone's name
CITY=$NV_ROOT/../shared/realdata/boston311_2019_animal_filtered.csv
if [ ! -r "$CITY" ]; then
  skip "city names and numbers" "$CITY not found"
else
  CD=2019-11-03 # the day DST ends: the night ends in EST
  "$NIVARAN" run --quiet --db "$W/city.db" --date $CD --out "$W/city" "$CITY"; rc=$?
  check "city run finishes" test "$rc" -eq 0 -o "$rc" -eq 3
  C=$W/city/$CD
  pdftotext -layout "$C/md-daily-report.pdf" "$W/c.txt" 2>/dev/null
  check "city md: the zone by name (EST), no offset" \
    bash -c "grep -q 'Data as of 2019-11-04 00:00 EST' '$W/c.txt' && ! grep -q -e '-05:00' -e '-04:00' '$W/c.txt'"
  check "city web page: EST" grep -q '00:00 EST' "$C/public/index.html"
  # the tiles' day-before and average lines group like the tiles (Boston's
  # open backlog passes 1,000: "Day before: 1,840", "7-day avg: 1,791.7")
  check "city md tiles: day-before and average figures grouped too (no 4-digit run)" \
    bash -c "grep -E -o '(Day before|7-day avg): [0-9,.]+' '$W/c.txt' > '$W/c.tiles'; [ \$(wc -l < '$W/c.tiles') -ge 12 ] && grep -q '[0-9],[0-9]' '$W/c.tiles' && ! grep -E -q '[0-9]{4}' '$W/c.tiles'"
  check "city md wing table (Western grouping, departments as they are)" \
    env NV_GROUPING=western NV_NAMES="$NAMES" python3 "$NV_ROOT/tests/pdf_check.py" figures-md "$C/md-daily-report.pdf" "$C/open-data/sla_by_wing.csv"
  $PY - "$NV_ROOT/tests" "$C" >"$W/cgroup.out" 2>&1 <<'PY'
import glob, sys, warnings, openpyxl
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
from xlsx_check import excel_int
n = 0
for path in glob.glob(sys.argv[2] + "/wing-*.xlsx"):
    ws = openpyxl.load_workbook(path)["Summary"]
    for row in ws.iter_rows(min_row=7, max_row=8):
        for c in row[1:2]:
            if isinstance(c.value, int):
                assert excel_int(c.number_format, 1234567) == "1,234,567", (path, c.number_format)
                n += 1
assert n > 0
print(n, "cells")
PY
  check "city workbooks: counts in Western grouping ($(tail -1 "$W/cgroup.out"))" test $? -eq 0
fi
finish
