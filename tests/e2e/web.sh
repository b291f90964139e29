#!/usr/bin/env bash
# The public web page and the open data package (PUBLIC.md), end to end:
# for KESCO (a small generated month) and two US cities (real exports),
# the page's figures equal values computed another way (tests/web_check.py:
# the day against sla_by_wing.csv, the month against the same days as a
# period report, the trend and the backlog bands straight from the
# database), nothing personal or internal on it, its own texts per
# organisation; datapackage.json validates against the CSVs
# (tests/datapackage_check.py) for a day, a period and a city; a rerun is
# byte-identical. Then, in headless Chromium (tests/browser/check.js,
# puppeteer-core + axe-core, installed here with npm into the git-ignored
# tests/browser/node_modules): no axe violation under WCAG 2.1 A/AA at 360
# and 1280 px, no sideways scrolling at 360 px, no request leaving the page,
# the day's figures equal sla_by_wing.csv, a print on A4 of 1 to 4 pages;
# skipped, with a message, where Chromium, node or the npm packages are
# absent. Screenshots stay in $NV_TMP/web/shots.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch web)
PY=/usr/bin/python3
R=$NV_ROOT/../shared/realdata

"$NIVARAN" gen --days 35 --end 2024-12-31 --seed 1 --scale 0.3 --out "$W/gen" >/dev/null 2>"$W/gen.err"
"$NIVARAN" run --quiet --db "$W/k.db" --date 2024-12-31 --out "$W/out" "$W/gen"/*.csv 2>"$W/run.err"
rc=$?
check "KESCO night: run exits 0 or 3" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/2024-12-31
check "KESCO night: public/index.html and open-data/datapackage.json written" \
  test -s "$D/public/index.html" -a -s "$D/open-data/datapackage.json"
"$NIVARAN" report --quiet --db "$W/k.db" --from 2024-12-01 --date 2024-12-31 --out "$W/out" 2>>"$W/run.err"
check "KESCO month as a period: report exits 0" test $? -eq 0
P=$W/out/2024-12-01_2024-12-31
$PY "$NV_ROOT/tests/web_check.py" "$D/public/index.html" "$D/open-data/sla_by_wing.csv" \
  --month "$P/open-data/sla_by_wing.csv" --db "$W/k.db" --tz-min 330 \
  --flags "$W/gen/ground_truth.csv" --workbooks "$D" --grouping indian >"$W/k.check" 2>&1
check "KESCO page: day = open data, month = the period's, trend = the database and the workbooks, bands = the database, nothing personal" \
  test $? -eq 0
[ -n "${VERBOSE:-}" ] && cat "$W/k.check"
pdftotext -layout "$D/notice-board.pdf" "$W/notice.txt" 2>/dev/null
$PY - "$D/public/index.html" "$W/notice.txt" "$NV_ROOT/tests" >"$W/notice.check" 2>&1 <<'PY'
# the month's rows of the notice board (pdftotext: the three figures ending
# each row under "Month to date"), in order, equal the page's month table
import re, sys
sys.path.insert(0, sys.argv[3])
from web_check import Page
p = Page()
p.feed(open(sys.argv[1], encoding='utf-8').read())
page = [(r['received'], r['resolved'], r['compliance_pct']) for r in p.tables['t-month'].values()]
lines = open(sys.argv[2], encoding='utf-8').read().split('\n')
start = next(i for i, l in enumerate(lines) if l.startswith('Month to date'))
notice = []
for l in lines[start + 1:]:
    m = re.search(r'\s([\d,]+)\s+([\d,]+)\s+(\d+\.\d|-)\s*$', l)
    if m:
        notice.append(m.groups())
    elif notice:
        break
print('page', page, 'notice', notice)
sys.exit(0 if page == notice and len(page) > 1 else 1)
PY
check "KESCO page: the month's rows equal the notice board's" test $? -eq 0
check "KESCO page: the time limit in plain words" grep -q 'Every complaint within 24 hours' "$D/public/index.html"
check "KESCO page: Devanagari as text with its font stack" \
  grep -q '"Noto Sans Devanagari","Mangal"' "$D/public/index.html"
# every open-data link of the page resolves from the day folder and through
# OUT/public-latest (the page's folder holds a link to ../open-data)
$PY - "$D/public" "$W/out/public-latest" <<'PY' && ok "KESCO page: its open-data links resolve in the day folder and through public-latest" || nok "KESCO page: its open-data links resolve in the day folder and through public-latest"
import os, re, sys
page = open(os.path.join(sys.argv[1], 'index.html'), encoding='utf-8').read()
links = re.findall(r'href="([^"#:]+)"', page)
assert links and all(l.startswith('open-data/') for l in links), links
for base in sys.argv[1:]:
    for l in links:
        assert os.path.isfile(os.path.join(base, l)), (base, l)
PY
# the month's compensation (COMPENSATION.md): the ALL row of the period
# report from the 1st to the report day, in Indian digit grouping
$PY - "$W/out/2024-12-01_2024-12-31/open-data/compensation_by_wing.csv" "$D/public/index.html" <<'PY' && ok "KESCO page: the month's compensation equals the period's ALL row" || nok "KESCO page: the month's compensation equals the period's ALL row"
import csv, re, sys
row = [r for r in csv.DictReader(open(sys.argv[1])) if r['wing'] == 'ALL'][0]
def indian(n):
    s = str(n)
    if len(s) <= 3: return s
    head, tail = s[:-3], s[-3:]
    parts = []
    while len(head) > 2: parts.insert(0, head[-2:]); head = head[:-2]
    if head: parts.insert(0, head)
    return ','.join(parts + [tail])
page = open(sys.argv[2], encoding='utf-8').read()
block = page[page.index('id="compensation"'):]
block = block[:block.index('</section>')]
text = re.sub(r'<[^>]+>', ' ', block)
assert '\u20b9' + indian(int(row['owed_rupees'])) in text, (row, text[:400])
assert re.search(r'\b%s\b' % indian(int(row['owed_records'])), text), (row, text[:400])
assert '1912' in text
PY
$PY "$NV_ROOT/tests/datapackage_check.py" "$D/open-data" KESCO day >"$W/k.pkg" 2>&1
check "KESCO day: datapackage.json validates against the CSVs" test $? -eq 0
$PY "$NV_ROOT/tests/datapackage_check.py" "$P/open-data" KESCO period >"$W/p.pkg" 2>&1
check "KESCO period: datapackage.json validates (report_date a string)" test $? -eq 0
check "KESCO period: the page says the period (in words)" grep -q 'The period: 1-31 Dec 2024' \
  "$P/public/index.html"
"$NIVARAN" report --quiet --db "$W/k.db" --date 2024-12-31 --out "$W/again" 2>>"$W/run.err"
check "KESCO rerun: index.html byte-identical" \
  cmp -s "$D/public/index.html" "$W/again/2024-12-31/public/index.html"
check "KESCO rerun: datapackage.json byte-identical" \
  cmp -s "$D/open-data/datapackage.json" "$W/again/2024-12-31/open-data/datapackage.json"

city() { # name file day tz-minutes
  local name=$1 file=$2 day=$3 tzm=$4 org
  org=$(sed -n 's/^organisation = //p' "$NV_ROOT/templates/layouts/$name.ini")
  "$NIVARAN" run --quiet --db "$W/$name.db" --date "$day" --out "$W/$name" "$file" 2>"$W/$name.err"
  local rc=$?
  check "$name $day: run exits 0 or 3" test "$rc" -eq 0 -o "$rc" -eq 3
  local d=$W/$name/$day
  $PY "$NV_ROOT/tests/web_check.py" "$d/public/index.html" "$d/open-data/sla_by_wing.csv" \
    --db "$W/$name.db" --tz-min "$tzm" --grouping western >"$W/$name.check" 2>&1
  check "$name $day: page = open data, trend and bands = the database, nothing personal" test $? -eq 0
  $PY "$NV_ROOT/tests/datapackage_check.py" "$d/open-data" "$org" day >"$W/$name.pkg" 2>&1
  check "$name $day: datapackage.json validates, names $org" test $? -eq 0
  check "$name $day: the page names $org, in English and Spanish" \
    bash -c "grep -q '$org' '$d/public/index.html' && grep -q 'lang=\"es\"' '$d/public/index.html'"
  check "$name $day: no KESCO text on the page or in the package" \
    bash -c "! grep -q -i -e kesco -e 1912 -e jhatpat -e nivesh -e 'lang=\"hi\"' '$d/public/index.html' '$d/open-data/datapackage.json'"
}
if [ -d "$R" ]; then
  city nyc311 "$R/nyc311_2018-10-21_sample.csv" 2018-10-21 -240
  check "nyc311: the city's own due dates as the time limit" \
    grep -q 'by the due date the city set for it' "$W/nyc311/2018-10-21/public/index.html"
  city la311 "$R/la311_combined_2017-12_2018-01_2018-12.csv" 2018-01-02 -480
  check "la311: the profile's hours as the time limit" \
    grep -q 'Every request within 24 hours' "$W/la311/2018-01-02/public/index.html"
else
  skip "the cities' pages" "$R absent"
fi

# ---- in a real browser ---------------------------------------------------
B=$NV_ROOT/tests/browser
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
browser() { # name day-folder
  node "$B/check.js" "$2/public/index.html" "$2/open-data/sla_by_wing.csv" "$W/shots" "$1" \
    >"$W/$1.browser" 2>&1
  local rc=$? n=0
  while IFS= read -r line; do
    case $line in
      "PASS "*) ok "$1 in Chromium: ${line#PASS }"; n=$((n + 1)) ;;
      "FAIL "*) nok "$1 in Chromium: ${line#FAIL }"; n=$((n + 1)) ;;
    esac
  done <"$W/$1.browser"
  [ "$rc" -eq 0 ] && [ "$n" -gt 0 ] || nok "$1 in Chromium: check.js ran (exit $rc; $W/$1.browser)"
}
if [ -z "$CHROMIUM" ]; then
  skip "the page in a real browser" "chromium absent (apt-get install chromium)"
elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  skip "the page in a real browser" "node or npm absent"
elif [ ! -d "$B/node_modules/puppeteer-core" ] &&
  ! (cd "$B" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >"$W/npm.log" 2>&1); then
  skip "the page in a real browser" "npm could not install puppeteer-core and axe-core ($W/npm.log)"
else
  mkdir -p "$W/shots"
  export CHROMIUM
  browser kesco "$D"
  [ -d "$R" ] && browser nyc311 "$W/nyc311/2018-10-21"
fi
finish
