#!/usr/bin/env bash
# Compensation owed to consumers (COMPENSATION.md) end to end, on a generated
# month: the ledger and the by-wing file equal a computation written
# separately in Python (tests/comp_check.py, from the database's records, not
# through the engine's SQL) for a day, a past day and a period; the same
# night under --profile statutory gives the same ledger; the MD's report
# (page 1 and its section), the notice board (both languages) and each wing
# workbook (openpyxl) show the same figures; a US city shows no trace of
# compensation and writes no compensation file.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch compensation)
PY=/usr/bin/python3
CHK=$NV_ROOT/tests/comp_check.py
END=2024-12-31

"$NIVARAN" gen --days 35 --end $END --seed 1 --scale 0.3 --out "$W/in" >/dev/null 2>&1
"$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/out" "$W"/in/*.csv 2>"$W/run.err"
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
  nok "the nightly job runs on a generated month (exit $rc: $(head -c 300 "$W/run.err"))"
  finish; exit
fi
ok "the nightly job runs on a generated month"
D=$W/out/$END

check "day: ledger and by-wing equal the Python computation" \
  $PY "$CHK" "$W/k.db" "$D" $END $END
"$NIVARAN" report --quiet --db "$W/k.db" --date 2024-12-20 --out "$W/out" 2>/dev/null
check "a past day (records resolved later accrue at its end): equal the Python computation" \
  $PY "$CHK" "$W/k.db" "$W/out/2024-12-20" 2024-12-20 2024-12-20
"$NIVARAN" report --quiet --db "$W/k.db" --from 2024-12-01 --date $END --out "$W/out" 2>/dev/null
P=$W/out/2024-12-01_$END
check "period report (--from): equal the Python computation" \
  $PY "$CHK" "$W/k.db" "$P" 2024-12-01 $END
check "owed records exist in the month (the checks above compare something)" \
  test "$(grep -c '^owed,' "$P/internal/compensation.csv")" -gt 20

# the same night judged by the statutory profile: the same ledger
"$NIVARAN" report --quiet --db "$W/k.db" --date $END --profile statutory --out "$W/stat" 2>/dev/null
check "--profile statutory and md-24h give the same ledger" \
  cmp -s "$D/internal/compensation.csv" "$W/stat/$END/internal/compensation.csv"
check "--profile statutory and md-24h give the same by-wing file" \
  cmp -s "$D/open-data/compensation_by_wing.csv" "$W/stat/$END/open-data/compensation_by_wing.csv"
check "the manifest times a compensation stage" \
  $PY -c "import json,sys; assert 'compensation' in json.load(open(sys.argv[1]))['seconds']" "$D/manifest.json"

# the notice board: this month's owed = the period report's ALL row
read -r MN MRS MRS_IN <<<"$($PY "$CHK" --month "$W/k.db" x $END $END)"
# counts people read in KESCO's Indian grouping (1,130; 1,23,456), grouped here by hand
MN_IN=$($PY -c "import sys; s=sys.argv[1]; h,t=s[:-3],s[-3:]; p=[]
while len(h)>2: p.insert(0,h[-2:]); h=h[:-2]
print(','.join(([h] if h else [])+p+[t]))" "$MN")
ALLROW=$(grep "^2024-12-01/$END,ALL," "$P/open-data/compensation_by_wing.csv")
check "month to date (Python) = the ALL row of the period report from the 1st" \
  test "$ALLROW" = "2024-12-01/$END,ALL,$MN,$MRS,$(cut -d, -f5,6 <<<"$ALLROW")"
pdftotext "$D/notice-board.pdf" "$W/notice.txt" 2>/dev/null
check "notice (English): this month ₹$MRS_IN owed for $MN_IN services, claim on 1912" \
  grep -q "This month ₹$MRS_IN is owed to consumers for $MN_IN services done late — claim it on 1912" "$W/notice.txt"
check "notice (Hindi): the same figures" grep -q "$MN_IN सेवाओं के लिए उपभोक्ताओं को ₹$MRS_IN देय है" "$W/notice.txt"
check "notice: before the annual cap, in both languages" \
  bash -c "grep -q 'Before the annual cap' '$W/notice.txt' && grep -q 'वार्षिक सीमा से पहले' '$W/notice.txt'"

# the MD's report: page 1's liability, the section, the top XENs
pdftotext -f 1 -l 1 "$D/md-daily-report.pdf" "$W/md1.txt" 2>/dev/null
pdftotext -layout "$D/md-daily-report.pdf" "$W/md.txt" 2>/dev/null
check "MD page 1: the month's liability ₹$MRS_IN on $MN_IN services" \
  bash -c "grep -q '₹$MRS_IN' '$W/md1.txt' && grep -q 'owed on $MN_IN services' '$W/md1.txt'"
check "MD: the section says which clock and the cap" \
  bash -c "grep -q 'Compensation owed to consumers' '$W/md.txt' && grep -q 'statutory time limits' '$W/md.txt' && grep -q 'annual cap' '$W/md.txt'"
$PY "$CHK" --xens "$W/k.db" x $END $END | head -5 >"$W/top5"
miss=$($PY - "$W/top5" "$W/md.txt" "$NV_ROOT/templates/org/names.ini" <<'PY'
import configparser, sys
nm = configparser.ConfigParser(interpolation=None)
nm.optionxform = str
nm.read(sys.argv[3], encoding="utf-8")
wname = lambda c: nm["wing"][c].split("|")[0].strip() if c in nm["wing"] else c
def indian(n):
    s = str(n); head, tail = s[:-3], s[-3:]
    if not head: return s
    parts = []
    while len(head) > 2: parts.insert(0, head[-2:]); head = head[:-2]
    return ",".join([head] + parts + [tail])
md = open(sys.argv[2], encoding="utf-8").read().split("Five XENs with the most owed")[1].splitlines()
rows = [l.split() for l in md[1:8] if l.strip()]
want = [l.split() for l in open(sys.argv[1])]
for i, (w, x, n, rs, ret, an, ars) in enumerate(want):
    line = rows[i + 1] if i + 1 < len(rows) else []
    if line[:6] != [str(i + 1), x, wname(w), indian(int(n)), "₹" + indian(int(rs)), "₹" + indian(int(ret))]:
        print(i, line, [w, x, n, rs])
PY
)
check "MD: the five XENs with the most owed in the month, in order ($miss)" test -z "$miss"

# each wing workbook: the Compensation sheet
wb=$($PY - "$D" "$W/k.db" "$CHK" $END <<'PY'
import csv, glob, subprocess, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
d, db, chk, end = sys.argv[1:]
xens = {}
for l in subprocess.run([sys.executable, chk, "--xens", db, "x", end, end], capture_output=True,
                        text=True, check=True).stdout.splitlines():
    w, x, *v = l.split()
    xens.setdefault(w, {})[x] = [int(a) for a in v]
ledger = list(csv.DictReader(open(f"{d}/internal/compensation.csv", encoding="utf-8-sig")))
INDIAN = "[>=10000000]##\\,##\\,##\\,##0;[>=100000]##\\,##\\,##0;##,##0"
bad = []
for path in sorted(glob.glob(f"{d}/wing-*.xlsx")):
    ws = openpyxl.load_workbook(path)["Compensation"]
    rows = [r for r in ws.iter_rows(values_only=True)]
    wing = path.split("wing-")[1][:-5].upper()
    hdr = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("XEN /")][0]
    got = {}
    i = hdr + 1
    while rows[i][0] and not str(rows[i][0]).startswith("Total"):
        got[rows[i][0]] = list(rows[i][1:6]); i += 1
    if got != xens.get(wing, {}):
        bad.append(f"{wing}: XEN table {got} != {xens.get(wing)}")
    if ws.cell(hdr + 2, 3).number_format != INDIAN:
        bad.append(f"{wing}: rupee format {ws.cell(hdr + 2, 3).number_format}")
    lh = [i for i, r in enumerate(rows) if r[0] == "status"][0]
    ids = [(r[0], r[1], r[11]) for r in rows[lh + 1:] if r[0] in ("owed", "accruing")]
    want = [(x["status"], x["record_id"], int(x["rupees"])) for x in ledger if x["wing"] == wing]
    if ids != want:
        bad.append(f"{wing}: ledger rows {len(ids)} != {len(want)}")
print("; ".join(bad))
PY
)
check "each workbook's Compensation sheet: month by XEN = Python, ledger = the wing's rows${wb:+ ($wb)}" \
  test -z "$wb"

# a US city: no trace of compensation
R=$NV_ROOT/../shared/realdata/boston311_2019_animal_filtered.csv
if [ ! -f "$R" ]; then
  skip "a city shows no compensation" "$R absent"
else
  "$NIVARAN" run --quiet --db "$W/b.db" --date 2019-03-12 --out "$W/bos" "$R" 2>/dev/null
  B=$W/bos/2019-03-12
  check "city: the reports are written" test -f "$B/md-daily-report.pdf"
  check "city: no compensation files" \
    bash -c "! ls '$B'/internal/compensation.csv '$B'/open-data/compensation_by_wing.csv 2>/dev/null | grep -q ."
  pdftotext "$B/md-daily-report.pdf" "$W/bmd.txt" 2>/dev/null
  pdftotext "$B/notice-board.pdf" "$W/bnb.txt" 2>/dev/null
  check "city: no compensation text on the MD report or the notice" \
    bash -c "! grep -q -i -e compensation -e '₹' -e 'annual cap' -e 'क्षतिपूर्ति' '$W/bmd.txt' '$W/bnb.txt'"
  check "city: no Compensation sheet" $PY -c "
import glob, sys, warnings
warnings.simplefilter('ignore')
import openpyxl
books = glob.glob(sys.argv[1] + '/wing-*.xlsx')
assert books and all('Compensation' not in openpyxl.load_workbook(p, read_only=True).sheetnames for p in books)" "$B"
  check "city: the manifest lists no compensation output" \
    bash -c "! grep -q compensation_by_wing '$B/manifest.json'"
fi
finish
