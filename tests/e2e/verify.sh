#!/usr/bin/env bash
# Closing the loop end to end (VERIFY.md): the engine writes the call-back
# list and the workbooks; openpyxl fills outcomes and reviews; `nivaran
# review` reads them back (bad rows refused, a second reading changes
# nothing); a second report shows the flags, counts and MD text that follow;
# the next night lists a NOT REACHABLE call once more; an emptied cell
# withdraws, an older file does not bring it back; bad files are refused
# whole; the same round trip through LibreOffice (skipped when absent).
source "$NV_ROOT/tests/lib.sh"
PY=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' >/dev/null 2>&1; then PY=$p; break; fi
done
if ! "$NIVARAN" review --help >/dev/null 2>&1; then
  nok "nivaran review runs"; finish; exit
fi
if [ -z "$PY" ]; then skip "call-back round trip" "python3 openpyxl absent (make deps installs it)"; exit 0; fi
W=$(scratch verify)
END=2025-01-10
NEXT=2025-01-11
"$NIVARAN" gen --days 36 --end $NEXT --seed 7 --scale 0.3 --nightly --out "$W/exp" >/dev/null 2>&1
DAY1=$(ls "$W"/exp/*.csv | grep -v -e ground_truth -e gen_manifest -e "_$NEXT")
DAY2=$(ls "$W"/exp/*_$NEXT.csv 2>/dev/null)
if [ -z "$DAY1" ] || [ -z "$DAY2" ]; then nok "gen wrote exports"; finish; exit; fi

"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/out" --verify-salt pepper $DAY1; rc=$?
check "run with a salt exits 0 or 3" test $rc -eq 0 -o $rc -eq 3
D="$W/out/$END"
cp "$W/a.db" "$W/pre.db"

# --- the list: header, priorities, hash order (hashlib), per_xen, the sheet
"$PY" - "$D" "$END" <<'PY' 2>"$W/list.err" && ok "call-back list: header, draw order, sheet, About" || { nok "call-back list: header, draw order, sheet, About"; cat "$W/list.err"; }
import csv, hashlib, sys, warnings, openpyxl
warnings.simplefilter('ignore')
d, day = sys.argv[1], sys.argv[2]
raw = open(d + '/internal/callbacks.csv', 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
rows = list(csv.reader(raw.decode('utf-8-sig').splitlines()))
assert rows[0] == ('callback_key,wing,xen_id,record_id,source,priority,mobile,account,category,'
                   'registered,disposed,closedby,otp_verified,outcome,note').split(','), rows[0]
body = rows[1:]
assert body and not any(r[0].startswith('#') for r in body), 'salted list says predictable'
by = {}
for r in body:
    assert r[0] == day + '|' + r[3]
    assert len(r[6]) == 10 and r[6].isdigit(), r[6]
    assert r[13] == '' and r[14] == ''
    by.setdefault((r[1], r[2]), []).append(r)
keys = list(by)
assert keys == sorted(keys), 'not sorted by wing, xen'
for k, v in by.items():
    assert len(v) <= 5, (k, len(v))
    pr = [int(r[5]) for r in v]
    assert pr == sorted(pr) and set(pr) <= {1, 2}, pr
    for p in (1, 2):
        hs = [hashlib.sha256(('pepper|%s|%s' % (day, r[3])).encode()).hexdigest()
              for r in v if int(r[5]) == p]
        assert hs == sorted(hs), 'hash order'
    # the OTP rule: an N is priority 1
    assert all(r[5] == '1' for r in v if r[12] == 'N')
wb = openpyxl.load_workbook(d + '/wing-technical.xlsx')
ws = wb['Call-backs']
vals = list(ws.iter_rows(values_only=True))
h = [i for i, r in enumerate(vals) if r[0] and str(r[0]).startswith('Call-back key')][0]
heads = [str(x).split(' / ')[0] for x in vals[h]]
assert heads[0] == 'Call-back key' and 'Outcome' in heads and 'Note' in heads, heads
sheet_keys = [r[0] for r in vals[h + 1:] if r[0]]
want = [r[0] for r in body if r[1] == 'TECHNICAL']
assert sheet_keys == want, (sheet_keys[:3], want[:3])
mob = heads.index('Mobile')
assert all('XXXXXX' in str(r[mob]) for r in vals[h + 1:] if r[0]), 'mobiles not masked'
dv = [v for v in ws.data_validations.dataValidation if v.type == 'list']
assert any('FIXED,NOT FIXED,NOT REACHABLE,WRONG NUMBER' in (v.formula1 or '') for v in dv), 'no drop-down'
ab = {r[0]: r[1] for r in wb['About'].iter_rows(values_only=True) if r[0]}
assert ab.get('Organisation') == 'KESCO' and ab.get('Wing') == 'TECHNICAL' and ab.get('Report day') == day, ab
fl = list(wb['Risk flags'].iter_rows(values_only=True))
fh = [i for i, r in enumerate(fl) if r[0] and str(r[0]).startswith('Severity')][0]
fheads = [str(x).split(' / ')[0] for x in fl[fh]]
for k in ('Flag key', 'Review', 'Review note', 'Reviewed by'):
    assert k in fheads, k
PY

# --- without a salt every report showing the list says so
"$NIVARAN" run --quiet --db "$W/b.db" --date $END --out "$W/outb" $DAY1 2>/dev/null
check "no salt: callbacks.csv says the list is predictable" grep -q '^#,.*without a salt' "$W/outb/$END/internal/callbacks.csv"
check "no salt: the MD's PDF says so" sh -c "pdftotext '$W/outb/$END/md-daily-report.pdf' - 2>/dev/null | grep -q 'without a salt'"
check "salt: the MD's PDF does not" sh -c "! pdftotext '$D/md-daily-report.pdf' - 2>/dev/null | grep -q 'without a salt'"

# --- fill the technical workbook with openpyxl
"$PY" - "$D" "$W" <<'PY' 2>"$W/fill.err" && ok "openpyxl fills the workbook" || { nok "openpyxl fills the workbook"; cat "$W/fill.err"; }
import json, sys, warnings, openpyxl
warnings.simplefilter('ignore')
d, w = sys.argv[1], sys.argv[2]
def table(ws, first):
    rows = list(ws.iter_rows())
    h = [i for i, r in enumerate(rows) if r[0].value and str(r[0].value).startswith(first)][0]
    heads = [str(c.value).split(' / ')[0] for c in rows[h]]
    return heads, [r for r in rows[h + 1:] if r[0].value and not str(r[0].value).startswith('#')]
com = openpyxl.load_workbook(d + '/wing-commercial.xlsx')
_, crow = table(com['Risk flags'], 'Severity')
wb = openpyxl.load_workbook(d + '/wing-technical.xlsx')
heads, calls = table(wb['Call-backs'], 'Call-back key')
o, n, rid = heads.index('Outcome'), heads.index('Note'), heads.index('Record ID')
exp = {'not_fixed': [], 'fixed': [], 'nr': [], 'bad_row': None}
for i, (val, key) in enumerate([('NOT FIXED', 'not_fixed')] * 3 + [('FIXED', 'fixed'), ('NOT REACHABLE', 'nr')]):
    calls[i][o].value = val
    calls[i][n].value = 'note %d' % i
    exp[key].append(calls[i][rid].value)
calls[5][o].value = 'MAYBE'
exp['bad_row'] = calls[5][o].row
fh, flags = table(wb['Risk flags'], 'Severity')
k, r, rn, rb = (fh.index(x) for x in ('Flag key', 'Review', 'Review note', 'Reviewed by'))
rec = [f for f in flags if f[fh.index('About')].value == 'record']
rec[0][r].value = 'EXPLAINED'; rec[0][rn].value = 'handset clock'; rec[0][rb].value = 'SE Technical'
exp['explained'] = rec[0][k].value
rec[1][r].value = 'CONFIRMED'          # no Reviewed by: refused
exp['no_reviewer_row'] = rec[1][r].row
rec[2][k].value = crow[0][k].value     # a key of the commercial wing: refused
rec[2][r].value = 'UNDER INQUIRY'
exp['other_wing_row'] = rec[2][r].row
wb.save(w + '/filled.xlsx')
json.dump(exp, open(w + '/expect.json', 'w'))
PY

"$NIVARAN" review --db "$W/a.db" --rejects "$W/rej.csv" "$W/filled.xlsx" 2>"$W/review.err"; rc=$?
check "review exits 3 when rows were refused" test $rc -eq 3
"$PY" - "$W" <<'PY' 2>"$W/stored.err" && ok "refused rows listed with their reasons; the rest stored" || { nok "refused rows listed with their reasons; the rest stored"; cat "$W/stored.err"; }
import csv, json, sqlite3, sys
w = sys.argv[1]
exp = json.load(open(w + '/expect.json'))
rej = list(csv.reader(open(w + '/rej.csv')))
assert rej[0] == ['file', 'sheet', 'row', 'reason'], rej[0]
got = {(r[1], int(r[2])): r[3] for r in rej[1:]}
assert len(got) == 3, got
assert "outcome 'MAYBE'" in got[('Call-backs', exp['bad_row'])]
assert 'no Reviewed by' in got[('Risk flags', exp['no_reviewer_row'])]
assert 'belongs to wing COMMERCIAL' in got[('Risk flags', exp['other_wing_row'])]
con = sqlite3.connect(w + '/a.db')
out = {rid: o for rid, o in con.execute(
    'SELECT r.record_id, o.outcome FROM callback_outcome o JOIN record r ON r.rec = o.rec')}
want = {**{i: 'NOT FIXED' for i in exp['not_fixed']}, **{i: 'FIXED' for i in exp['fixed']},
        **{i: 'NOT REACHABLE' for i in exp['nr']}}
assert out == want, (out, want)
rv = list(con.execute('SELECT flag_key, review, note, reviewer, wing FROM flag_review'))
assert rv == [(exp['explained'], 'EXPLAINED', 'handset clock', 'SE Technical', 'TECHNICAL')], rv
PY
dump() { sqlite3 "$1" "SELECT * FROM callback_outcome ORDER BY 1; SELECT * FROM flag_review ORDER BY 1"; }
dump "$W/a.db" >"$W/dump1"
"$NIVARAN" review --db "$W/a.db" "$W/filled.xlsx" 2>/dev/null
dump "$W/a.db" >"$W/dump2"
check "the same file read twice changes nothing" cmp -s "$W/dump1" "$W/dump2"

# --- a second report of the day shows what follows
"$NIVARAN" report --quiet --db "$W/a.db" --date $END --out "$W/out2"; rc=$?
check "second report exits 0" test $rc -eq 0
D2="$W/out2/$END"
pdftotext -layout "$D/md-daily-report.pdf" "$W/md1.txt" 2>/dev/null
pdftotext -layout "$D2/md-daily-report.pdf" "$W/md2.txt" 2>/dev/null
"$PY" - "$W" "$D2" <<'PY' 2>"$W/after.err" && ok "flags, counts and MD text follow the reviews" || { nok "flags, counts and MD text follow the reviews"; cat "$W/after.err"; }
import csv, json, re, sys, warnings, openpyxl
warnings.simplefilter('ignore')
w, d2 = sys.argv[1], sys.argv[2]
exp = json.load(open(w + '/expect.json'))
reg = list(csv.DictReader(open(d2 + '/internal/risk_flags.csv', encoding='utf-8-sig')))
cnf = sorted(r['record_id'] for r in reg if r['flag_code'] == 'CALLBACK_NOT_FIXED')
assert cnf == sorted(exp['not_fixed']), (cnf, exp['not_fixed'])
assert all(r['severity'] == 'HIGH' and 'NOT FIXED' in r['evidence'] for r in reg if r['flag_code'] == 'CALLBACK_NOT_FIXED')
code, src, rid = exp['explained'].split('|')
ex = [r for r in reg if r['flag_code'] == code and r['source'] == src and r['record_id'] == rid]
assert ex and ex[0]['review'] == 'EXPLAINED', ex
assert sum(1 for r in reg if r['review']) == 1
md1, md2 = open(w + '/md1.txt').read(), open(w + '/md2.txt').read()
# the MD report names wings and flags plainly (templates/org/names.ini)
import configparser, os
nm = configparser.ConfigParser(interpolation=None)
nm.optionxform = str
nm.read(os.environ['NV_ROOT'] + '/templates/org/names.ini', encoding='utf-8')
name = lambda kind, c: nm[kind][c].split('|')[0].strip()
TECH = name('wing', 'TECHNICAL')
# the explained flag leaves the top flags: its line is gone
line = re.compile(r'%s\s+-\s+%s / \S+\s+-\s+%s %s' % (re.escape(name('flag', code)), TECH, src,
                                                     re.escape(rid)))
assert not line.search(md2), 'explained flag still in the top flags'
# the per-wing call-back figures: 5 outcomes, 4 reached, 3 not fixed, 75.0%
m = re.search(r'^' + TECH + r'\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+%)', md2, re.M)
assert m and m.groups()[1:] == ('5', '4', '3', '75.0%'), m and m.groups()
# the review states: one explained flag in TECHNICAL
rows = re.findall(r'^' + TECH + r'\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$', md2, re.M)
assert any(r[2] == '1' and r[1] == '0' and r[3] == '0' for r in rows), rows
assert name('flag', 'CALLBACK_NOT_FIXED') in md2 and 'check the threshold' in md2
wb = openpyxl.load_workbook(d2 + '/wing-technical.xlsx')
vals = list(wb['Call-backs'].iter_rows(values_only=True))
h = [i for i, r in enumerate(vals) if r[0] and str(r[0]).startswith('Call-back key')][0]
heads = [str(x).split(' / ')[0] for x in vals[h]]
shown = {r[heads.index('Record ID')]: r[heads.index('Outcome')] for r in vals[h + 1:] if r[0]}
for i in exp['not_fixed']:
    assert shown[i] == 'NOT FIXED'
fl = list(wb['Risk flags'].iter_rows(values_only=True))
fh = [i for i, r in enumerate(fl) if r[0] and str(r[0]).startswith('Severity')][0]
fheads = [str(x).split(' / ')[0] for x in fl[fh]]
k = fheads.index('Flag key')
mine = [r for r in fl[fh + 1:] if r[k] == exp['explained']]
assert mine and mine[0][fheads.index('Review')] == 'EXPLAINED' and mine[0][fheads.index('Reviewed by')] == 'SE Technical'
cf = list(wb['Call-back figures'].iter_rows(values_only=True))
tot = [r for r in cf if r[0] and str(r[0]).startswith('Total')][0]
assert tot[2:5] == (5, 4, 3), tot
PY

# --- the next night: the NOT REACHABLE call is listed once more, priority 0
"$NIVARAN" run --quiet --db "$W/a.db" --date $NEXT --out "$W/out" --verify-salt pepper $DAY2 2>/dev/null
"$PY" - "$W" "$W/out/$NEXT" "$NEXT" <<'PY' 2>"$W/next.err" && ok "NOT REACHABLE listed once more with priority 0 after the draw" || { nok "NOT REACHABLE listed once more with priority 0 after the draw"; cat "$W/next.err"; }
import csv, json, sys
w, d, day = sys.argv[1:4]
exp = json.load(open(w + '/expect.json'))
rows = list(csv.reader(open(d + '/internal/callbacks.csv', encoding='utf-8-sig')))[1:]
nr = exp['nr'][0]
mine = [r for r in rows if r[3] == nr]
assert len(mine) == 1 and mine[0][5] == '0' and mine[0][0] == day + '|' + nr, mine
same = [r for r in rows if (r[1], r[2]) == (mine[0][1], mine[0][2])]
assert same[-1] is not None and same.index(mine[0]) == len(same) - 1, 'not after the draw'
PY

# --- reloading exports never drops the lists, outcomes or reviews
tabs() { sqlite3 "$1" "SELECT count(*) FROM callback; SELECT * FROM callback_outcome ORDER BY 1; SELECT * FROM flag_review ORDER BY 1"; }
tabs "$W/a.db" >"$W/tabs1"
"$NIVARAN" ingest --quiet --db "$W/a.db" $DAY1 $DAY2 >/dev/null 2>&1
tabs "$W/a.db" >"$W/tabs2"
check "reloading the exports keeps lists, outcomes and reviews" cmp -s "$W/tabs1" "$W/tabs2"

# --- an emptied cell withdraws; an older file does not bring it back
"$PY" - "$W/out/$NEXT/wing-technical.xlsx" "$W/withdraw.xlsx" "$W" <<'PY' 2>"$W/wd.err" || cat "$W/wd.err"
import json, sys, warnings, openpyxl
warnings.simplefilter('ignore')
exp = json.load(open(sys.argv[3] + '/expect.json'))
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Risk flags']
rows = list(ws.iter_rows())
h = [i for i, r in enumerate(rows) if r[0].value and str(r[0].value).startswith('Severity')][0]
heads = [str(c.value).split(' / ')[0] for c in rows[h]]
for r in rows[h + 1:]:
    if r[heads.index('Flag key')].value == exp['explained']:
        r[heads.index('Review')].value = None
wb.save(sys.argv[2])
PY
"$NIVARAN" review --db "$W/a.db" "$W/withdraw.xlsx" 2>/dev/null
check "an emptied Review withdraws the stored one" test "$(sqlite3 "$W/a.db" "SELECT coalesce(review, 'NULL') || file_day FROM flag_review")" = "NULL$NEXT"
"$NIVARAN" review --db "$W/a.db" "$W/filled.xlsx" 2>/dev/null
check "an older file does not bring it back" test "$(sqlite3 "$W/a.db" "SELECT coalesce(review, 'NULL') || file_day FROM flag_review")" = "NULL$NEXT"

# --- a filled copy of internal/callbacks.csv
"$PY" - "$D/internal/callbacks.csv" "$W/calls.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
rows[-1][13] = 'WRONG NUMBER'
rows.append(['2025-01-10|NO-SUCH'] + [''] * 12 + ['FIXED', ''])
with open(sys.argv[2], 'w', newline='', encoding='utf-8-sig') as f:
    csv.writer(f).writerows(rows)
PY
"$NIVARAN" review --db "$W/a.db" --rejects "$W/rej2.csv" "$W/calls.csv" 2>/dev/null; rc=$?
check "a filled call-back list: one stored, an unknown key refused (exit 3)" sh -c "test $rc -eq 3 && test \"\$(sqlite3 '$W/a.db' \"SELECT count(*) FROM callback_outcome WHERE outcome = 'WRONG NUMBER'\")\" = 1 && grep -q 'unknown call-back key' '$W/rej2.csv'"

# --- files refused whole (row 0), each with its reason
echo "not a workbook" >"$W/text.xlsx"
head -c 3000 "$W/filled.xlsx" >"$W/corrupt.xlsx"
"$PY" - "$W/filled.xlsx" "$W/boston.xlsx" "$W/bomb.xlsx" <<'PY'
import sys, warnings, zipfile, openpyxl
warnings.simplefilter('ignore')
wb = openpyxl.load_workbook(sys.argv[1])
for r in wb['About'].iter_rows():
    if r[0].value == 'Organisation':
        r[1].value = 'City of Boston'
wb.save(sys.argv[2])
# a zip bomb: the filled workbook with its About sheet's part inflating to
# 210 MB (whitespace after the root element: still well-formed XML)
import re
zin = zipfile.ZipFile(sys.argv[1])
wbx = zin.read('xl/workbook.xml').decode()
rid = re.search(r'<sheet [^>]*name="About"[^>]*r:id="([^"]+)"', wbx).group(1)
rels = zin.read('xl/_rels/workbook.xml.rels').decode()
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
if not target:
    target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
part = 'xl/' + target.group(1).lstrip('/').replace('xl/', '', 1)
with zipfile.ZipFile(sys.argv[3], 'w', zipfile.ZIP_DEFLATED) as z:
    for i in zin.infolist():
        data = zin.read(i.filename)
        if i.filename == part:
            data = data + b' ' * (210 << 20)
        z.writestr(i.filename, data)
PY
"$NIVARAN" review --db "$W/a.db" --rejects "$W/rej3.csv" "$W/text.xlsx" "$W/corrupt.xlsx" "$W/boston.xlsx" "$W/bomb.xlsx" 2>/dev/null; rc=$?
"$PY" - "$W" $rc <<'PY' 2>"$W/bad.err" && ok "bad files refused whole on row 0 (not a workbook, corrupt zip, another organisation, zip bomb)" || { nok "bad files refused whole on row 0"; cat "$W/bad.err" "$W/rej3.csv"; }
import csv, sys
w, rc = sys.argv[1], int(sys.argv[2])
assert rc == 3
rej = list(csv.reader(open(w + '/rej3.csv')))
assert rej[0] == ['file', 'sheet', 'row', 'reason']
by = {r[0].rsplit('/', 1)[1]: r for r in rej[1:]}
assert set(by) == {'text.xlsx', 'corrupt.xlsx', 'boston.xlsx', 'bomb.xlsx'}, by
assert all(r[2] == '0' for r in rej[1:])
assert 'not a call-back list' in by['text.xlsx'][3]
assert 'City of Boston' in by['boston.xlsx'][3]
assert len([r for r in rej[1:] if 'bomb.xlsx' in r[0]]) == 1, 'the bomb was read'
assert 'About' in by['bomb.xlsx'][1] or 'large' in by['bomb.xlsx'][3] or 'limit' in by['bomb.xlsx'][3], by['bomb.xlsx']
PY
"$NIVARAN" review --db "$W/a.db" --rejects "$W/rej4.csv" "$D/wing-technical.xlsx" 2>/dev/null; rc=$?
check "a clean reading exits 0 and writes the rejects header alone" sh -c "test $rc -eq 0 && test \"\$(cat '$W/rej4.csv')\" = 'file,sheet,row,reason'"
"$NIVARAN" review --db "$W/none.db" "$W/filled.xlsx" 2>/dev/null; rc=$?
check "review refuses a database that does not exist" sh -c "test $rc -eq 1 && test ! -e '$W/none.db'"

# --- run --reviews DIR reads before it reports
mkdir -p "$W/inbox" && cp "$W/filled.xlsx" "$W/inbox/"
cp "$W/pre.db" "$W/c.db"
"$NIVARAN" report --quiet --db "$W/c.db" --date $END --out "$W/outc" --reviews "$W/inbox" 2>/dev/null; rc=$?
check "report --reviews DIR: exit 3, review_rejects.csv, flags follow" sh -c "test $rc -eq 3 && test \$(grep -c . '$W/outc/$END/internal/review_rejects.csv') -eq 4 && test \$(grep -c '^CALLBACK_NOT_FIXED' '$W/outc/$END/internal/risk_flags.csv') -eq 3"

# --- the same round trip through LibreOffice
if command -v soffice >/dev/null 2>&1; then
  mkdir -p "$W/lo"
  (cd "$W/lo" && HOME="$W/lo" timeout 120 soffice --headless --convert-to xlsx --outdir "$W/lo" "$W/filled.xlsx" >/dev/null 2>&1)
  if [ -s "$W/lo/filled.xlsx" ]; then
    cp "$W/pre.db" "$W/lo.db"
    "$NIVARAN" review --db "$W/lo.db" --rejects "$W/lo/rej.csv" "$W/lo/filled.xlsx" 2>/dev/null; rc=$?
    q="SELECT callback_key, outcome, note FROM callback_outcome ORDER BY 1; SELECT flag_key, review, note, reviewer FROM flag_review ORDER BY 1"
    sqlite3 "$W/lo.db" "$q" >"$W/lo/got"
    cp "$W/pre.db" "$W/op.db"
    "$NIVARAN" review --db "$W/op.db" "$W/filled.xlsx" 2>/dev/null
    sqlite3 "$W/op.db" "$q" >"$W/lo/want"
    check "LibreOffice-saved workbook reads back as openpyxl's (exit 3, same rows refused)" sh -c "test $rc -eq 3 && cmp -s '$W/lo/got' '$W/lo/want' && test \$(grep -c . '$W/lo/rej.csv') -eq 4"
  else
    nok "LibreOffice converts the filled workbook"
  fi
else
  skip "LibreOffice round trip" "soffice not installed"
fi
finish
