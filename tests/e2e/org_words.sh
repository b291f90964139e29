#!/usr/bin/env bash
# Each organisation's reports in its own words: a city's MD report and
# workbooks carry none of KESCO's words (KESCO, XEN, 1912, Jhatpat, Nivesh
# Mitra) and no Devanagari, name the city's own officer level and group
# (templates/org/words.city-of-boston.ini: queue, department), show codes
# exactly as exported, and leave out the columns its layout never fills.
source "$NV_ROOT/tests/lib.sh"
R=$NV_ROOT/../shared/realdata
if ! "$NIVARAN" run --help >/dev/null 2>&1; then
  nok "org words: the binary under test answers (nivaran run)"; exit 1
fi
if [ ! -f "$R/boston311_2019_animal_filtered.csv" ]; then skip "org words" "$R absent"; exit 0; fi
W=$(scratch org_words)
"$NIVARAN" run --quiet --db "$W/b.db" --date 2019-03-10 --out "$W/out" "$R/boston311_2019_animal_filtered.csv" 2>"$W/err"; rc=$?
check "Boston day runs (exit 0 or 3)" test "$rc" -eq 0 -o "$rc" -eq 3
D=$W/out/2019-03-10
pdftotext -layout "$D/md-daily-report.pdf" "$W/md.txt" 2>/dev/null
check "the MD report names no KESCO, XEN, 1912, Jhatpat or Nivesh" \
  bash -c "! grep -q -i -E 'kesco|xen|1912|jhatpat|nivesh' '$W/md.txt'"
check "the MD report has no Devanagari" bash -c "! grep -q -P '[\x{0900}-\x{097F}]' '$W/md.txt'"
check "the MD report says who it is for and the city's officer level" \
  bash -c "grep -q 'City of Boston Director daily report' '$W/md.txt' && grep -q 'Queue league table' '$W/md.txt'"
check "the MD report shows department codes exactly (ANML, PWDx)" \
  bash -c "grep -q 'ANML' '$W/md.txt' && grep -q 'PWDx' '$W/md.txt' && ! grep -q -w 'Anml' '$W/md.txt'"
/usr/bin/python3 - "$D" <<'PY' && ok "the workbooks: no KESCO words, no Devanagari, the city's words, no unfilled columns" || nok "the workbooks: no KESCO words, no Devanagari, the city's words, no unfilled columns"
import glob, re, sys, zipfile
bad = re.compile(r'KESCO|XEN|1912|Jhatpat|Nivesh|[\u0900-\u097F]', re.I)
books = sorted(glob.glob(sys.argv[1] + '/wing-*.xlsx'))
assert books, 'no workbook'
for b in books:
    z = zipfile.ZipFile(b)
    for n in z.namelist():
        if not n.endswith('.xml'): continue
        s = z.read(n).decode('utf-8')
        # every text a reader sees: strings, chart texts, document properties
        for t in re.findall(r'<(?:t|a:t|c:v|dc:title|dc:subject|cp:keywords|dc:description)(?: [^>]*)?>([^<]*)<', s):
            t = t.replace('sla_by_xen.csv', '')  # the open-data file's name
            if not re.fullmatch(r'[0-9.E+-]*', t):
                assert not bad.search(t), (b, n, t)
    wb = z.read('xl/workbook.xml').decode()
    assert 'name="By Queue"' in wb, (b, 'no By Queue sheet')
import openpyxl, warnings
warnings.simplefilter('ignore')
wb = openpyxl.load_workbook(books[0], read_only=True)
# the rows above the data (title, notes, the header row: max_row covers them)
heads = [c for r in wb['Records'].iter_rows(max_row=12, values_only=True) for c in r if isinstance(c, str)]
for gone in ('Mobile', 'Account', 'OTP', 'Reopen', 'Feedback', 'Closed by'):
    assert not any(h.startswith(gone) for h in heads), (gone, heads)
assert any(h.startswith('Queue') for h in heads) and any(h.startswith('Department') for h in heads), heads
PY
finish
