#!/usr/bin/env bash
# Issue 11's defects, each with the reproduction that failed before its fix
# (checked against the binary before the fixes): 6 a killed run's workbook
# children, 1 a device or FIFO input, 2 a day folder that cannot be put in
# place, 5 two runs sharing --out, 7 another program's database, 8 a long
# --out, 3 U+FFFE/U+FFFF in a workbook, 4 wing codes differing in case; and
# the missing --db of `report`, formula-safe UTF-8 CSV and JSON.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch defects)
END=2025-01-06
if ! "$NIVARAN" gen --days 6 --end $END --seed 4 --scale 0.3 --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen works (first probe of the binary)"; finish; exit 1
fi
FILES=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)

# 6. kill -9 during the workbook stage: the forked workbook children die
# with the run and never hold DB.lock, so the next run is not refused (4).
# An LD_PRELOAD hook makes every workbook_close() wait (and forces children).
if cc -shared -fPIC -o "$W/slow_close.so" "$NV_ROOT/tests/hooks/slow_close.c" -ldl 2>"$W/cc.err"; then
  NV_HOOK_MARK=$W/mark ASAN_OPTIONS=verify_asan_link_order=0:$ASAN_OPTIONS LD_PRELOAD=$W/slow_close.so \
    "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 300); do [ "$(ls "$W"/mark.* 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.1; done
  check "the hooked run reached the workbook stage in a parent and a child" test "$(ls "$W"/mark.* 2>/dev/null | wc -l)" -ge 2
  kill -9 $pid; wait $pid 2>/dev/null
  sleep 0.5
  alive=""
  for m in "$W"/mark.*; do c=${m##*.}; [ "$c" != "$pid" ] && [ -e /proc/$c ] && ! grep -q "^[0-9]* ([^)]*) Z" /proc/$c/stat 2>/dev/null && alive="$alive $c"; done
  check "no workbook child outlives its killed parent" test -z "$alive"
  "$NIVARAN" run --quiet --db "$W/k.db" --date $END --out "$W/outk" $FILES >/dev/null 2>"$W/err6"; rc=$?
  check "the run after the kill is not locked out (exit $rc)" test "$rc" -eq 0
  for c in $alive; do kill -9 "$c" 2>/dev/null; done
else
  nok "building the LD_PRELOAD hook: $(head -1 "$W/cc.err")"
fi
# 1. a symlink to /dev/zero and a FIFO among the inputs: refused at once
# (exit 3, each listed with line 0), never read to be hashed.
ln -sf /dev/zero "$W/kesco_1912_complaints_zero.csv"
mkfifo "$W/kesco_1912_complaints_fifo.csv"
timeout 60 "$NIVARAN" run --quiet --db "$W/d1.db" --date $END --out "$W/out1" $FILES \
  "$W/kesco_1912_complaints_zero.csv" "$W/kesco_1912_complaints_fifo.csv" >/dev/null 2>&1; rc=$?
check "a /dev/zero link and a FIFO are refused without hanging (exit $rc)" test "$rc" -eq 3
check "both are listed as refused whole" test "$(grep -c '_\(zero\|fifo\)\.csv,0,' "$W/out1/$END/internal/rejects.csv" 2>/dev/null)" -eq 2

# 2. a day folder that cannot be renamed into place (a mount point, an
# immutable folder: EBUSY injected by an LD_PRELOAD hook): exit 2 and the
# database keeps nothing of the run, its loads included.
if cc -shared -fPIC -o "$W/fail_rename.so" "$NV_ROOT/tests/hooks/fail_rename.c" -ldl 2>"$W/cc2.err"; then
  "$NIVARAN" run --quiet --db "$W/d2.db" --date 2025-01-05 --out "$W/out2" $FILES >/dev/null 2>&1
  before=$(sqlite3 "$W/d2.db" "select count(*) from load; select count(*), sum(last_updated) from record")
  NV_HOOK_RENAME_FAIL=/out2/$END ASAN_OPTIONS=verify_asan_link_order=0:$ASAN_OPTIONS LD_PRELOAD=$W/fail_rename.so \
    "$NIVARAN" run --quiet --db "$W/d2.db" --date $END --out "$W/out2" $FILES >/dev/null 2>"$W/err2"; rc=$?
  after=$(sqlite3 "$W/d2.db" "select count(*) from load; select count(*), sum(last_updated) from record")
  check "a day folder that cannot be put in place gives exit 2 (exit $rc)" test "$rc" -eq 2
  check "the message says why" grep -q "Device or resource busy" "$W/err2"
  check "exit 2 kept nothing in the database" test "$before" = "$after"
  check "no day folder and no staging folder left" test -z "$(ls -A "$W/out2" | grep -v -e '^2025-01-05$' -e '^public-latest$')"
else
  nok "building the rename hook: $(head -1 "$W/cc2.err")"
fi

# 5. two databases writing into one --out: a live run's staging folder (its
# pid alive) is left alone; a dead run's is swept.
mkdir -p "$W/out5"
sleep 60 & live=$!
( exit 0 ) & dead=$!; wait $dead
mkdir -p "$W/out5/.$END.tmp-$live/internal" "$W/out5/.$END.tmp-$dead"
"$NIVARAN" run --quiet --db "$W/d5.db" --date $END --out "$W/out5" $FILES >/dev/null 2>&1
check "another live run's staging folder is not deleted" test -d "$W/out5/.$END.tmp-$live/internal"
check "a dead run's staging folder is swept" test ! -e "$W/out5/.$END.tmp-$dead"
kill $live 2>/dev/null; wait $live 2>/dev/null

# 7. --db given as another program's SQLite database: refused (exit 1),
# nothing added to it.
sqlite3 "$W/other.db" "create table invoices(id integer primary key, amount real); insert into invoices(amount) values (1.5)"
"$NIVARAN" run --quiet --db "$W/other.db" --date $END --out "$W/out7" $FILES >/dev/null 2>"$W/err7"; rc=$?
check "another program's database is refused with exit 1 (exit $rc)" test "$rc" -eq 1
check "the message says it is not ours" grep -q "not a nivaran database" "$W/err7"
check "no table was added to it" test "$(sqlite3 "$W/other.db" "select group_concat(name) from sqlite_master")" = "invoices"
check "no day folder for a refused database" test ! -e "$W/out7/$END"

# 8. an over-long --out path: the message still ends with its reason.
seg=$(printf 'd%.0s' $(seq 1 250))
long=$W/$seg/$seg/$seg/$seg/$seg
mkdir -p "$long" && touch "$long/afile"
long=$long/afile/sub
"$NIVARAN" run --quiet --db "$W/d8.db" --date $END --out "$long" $FILES >/dev/null 2>"$W/err8"; rc=$?
check "an unwritable long --out gives exit 2 (exit $rc)" test "$rc" -eq 2
check "the message keeps its reason (Not a directory)" grep -q "Not a directory$" "$W/err8"

# 3 (issue point 3). report on a missing --db: exit 1, nothing created;
# run creates a database but never its folder.
"$NIVARAN" report --quiet --db "$W/nosuch.db" --date $END --out "$W/outr" >/dev/null 2>"$W/err3"; rc=$?
check "report on a missing database exits 1 (exit $rc)" test "$rc" -eq 1
check "report on a missing database creates nothing" test -z "$(ls "$W" | grep -e nosuch -e '^outr$')"
"$NIVARAN" run --quiet --db "$W/nodir/n.db" --date $END --out "$W/outn" $FILES >/dev/null 2>&1; rc=$?
check "run into a missing database folder exits 1 (exit $rc)" test "$rc" -eq 1
check "run does not create the database's folder" test ! -e "$W/nodir"
# Formula-safe, valid UTF-8 CSV and JSON (OUTPUTS.md): a row whose cells
# begin with '=' and hold invalid bytes, in a file whose name holds one.
K1=$(ls "$W"/exp/kesco_1912_complaints_*.csv | head -1)
BADF=$W/$(printf 'kesco_1912_complaints_\xff.csv')
head -n 1 "$K1" > "$BADF"
printf "=cmd|' /C calc'!A0,not a time,\xfe\xff bad\r\n" >> "$BADF"
"$NIVARAN" run --quiet --db "$W/f.db" --date $END --out "$W/outf" $FILES "$BADF" >/dev/null 2>&1; rc=$?
check "the poisoned file gives exit 3 (exit $rc)" test "$rc" -eq 3
python3 - "$W/outf/$END" <<'PY' && ok "CSV cells never start a formula; CSV and JSON are valid UTF-8; internal/ CSVs have a BOM" || nok "CSV cells never start a formula; CSV and JSON are valid UTF-8; internal/ CSVs have a BOM"
import csv, io, json, os, re, sys
d = sys.argv[1]
num = re.compile(r"[+-]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$")
for rel in ["internal/rejects.csv", "internal/risk_flags.csv", "open-data/sla_by_wing.csv", "open-data/sla_by_xen.csv"]:
    b = open(os.path.join(d, rel), "rb").read()
    bom = b.startswith(b"\xef\xbb\xbf")
    assert bom == rel.startswith("internal/"), (rel, "BOM" if bom else "no BOM")
    text = b.decode("utf-8")  # raises on invalid UTF-8
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            assert not (cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not num.match(cell)), (rel, cell)
rej = open(os.path.join(d, "internal/rejects.csv"), encoding="utf-8-sig").read()
assert "'=cmd|" in rej and "\\xfe\\xff bad" in rej and "kesco_1912_complaints_\\xff.csv" in rej, rej[-400:]
m = json.loads(open(os.path.join(d, "manifest.json"), "rb").read().decode("utf-8"))
assert any(i["path"].endswith("kesco_1912_complaints_\\xff.csv") for i in m["inputs"]), [i["path"] for i in m["inputs"]]
PY
# 3. U+FFFE and U+FFFF in a text field (here SRC, the channel): every sheet
# of every workbook stays well-formed XML.
mkdir -p "$W/exp3"; cp $FILES "$W/exp3/"
python3 - "$W/exp3/kesco_1912_complaints_$END.csv" <<'PY'
import csv, io, sys
p = sys.argv[1]
raw = open(p, encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(io.StringIO(raw)))
i = rows[0].index("SRC")
for r in rows[1:6]:
    r[i] = "1912\ufffe\uffff"
out = io.StringIO(); csv.writer(out, lineterminator="\r\n").writerows(rows)
open(p, "w", encoding="utf-8", newline="").write(out.getvalue())
PY
"$NIVARAN" run --quiet --db "$W/d3.db" --date $END --out "$W/out3" $(ls "$W"/exp3/*.csv) >/dev/null 2>&1; rc=$?
check "a row with U+FFFE/U+FFFF is loaded (exit $rc)" test "$rc" -eq 0
python3 - "$W/out3/$END" <<'PY' && ok "every workbook sheet is well-formed XML despite U+FFFE/U+FFFF" || nok "every workbook sheet is well-formed XML despite U+FFFE/U+FFFF"
import glob, sys, zipfile
import xml.etree.ElementTree as ET
books = glob.glob(sys.argv[1] + "/wing-*.xlsx")
assert books
for b in books:
    z = zipfile.ZipFile(b)
    for n in z.namelist():
        if n.endswith(".xml"):
            ET.fromstring(z.read(n))  # raises on a character XML forbids
PY
# 4. two wing codes that differ in case only (TECHNICAL, Technical: a copy of
# the templates maps two categories to "Technical"): two workbooks, each named
# with the first 8 hex digits of its code's sha256 (worked out by hashlib).
cp -r "$NV_ROOT/templates" "$W/tpl4"
sed -i 's/^VOLTAGE = TECHNICAL$/VOLTAGE = Technical/; s/^SAFETY = TECHNICAL$/SAFETY = Technical/' "$W/tpl4/wings.ini"
"$NIVARAN" run --quiet --templates "$W/tpl4" --db "$W/d4.db" --date $END --out "$W/out4" $FILES >/dev/null 2>"$W/err4"; rc=$?
check "wings differing in case only: the night succeeds (exit $rc)" test "$rc" -eq 0
for code in TECHNICAL Technical; do
  h=$(python3 -c "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest()[:8])" $code)
  check "wing $code has its own workbook wing-technical-$h.xlsx" test -s "$W/out4/$END/wing-technical-$h.xlsx"
done
check "no plain wing-technical.xlsx when two wings share the name" test ! -e "$W/out4/$END/wing-technical.xlsx"
finish
