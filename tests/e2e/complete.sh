#!/usr/bin/env bash
# Completeness (OUTPUTS.md, exit status 5): a day not yet ended is refused;
# a layout that sent nothing for the day gives exit 5 with the public
# outputs withheld and the officers' reports saying so on page 1; a layout
# excused (--allow-missing, optional = yes) publishes, the notice naming it;
# 3 and 5 together give 5.
source "$NV_ROOT/tests/lib.sh"
W=$(scratch complete)
END=2025-01-06
if ! "$NIVARAN" gen --days 6 --end $END --seed 4 --scale 0.3 --nightly --out "$W/exp" >/dev/null 2>&1; then
  nok "nivaran gen works (first probe of the binary)"; finish; exit 1
fi
ALL=$(ls "$W"/exp/kesco_1912_complaints_*.csv "$W"/exp/jhatpat_applications_*.csv "$W"/exp/niveshmitra_applications_*.csv)
NOJ=$(ls $ALL | grep -v "jhatpat_applications_$END")
public_absent() { test ! -e "$1/notice-board.pdf" -a ! -e "$1/open-data" -a -s "$1/md-daily-report.pdf"; }

# a complete day: 0
"$NIVARAN" run --quiet --db "$W/a.db" --date $END --out "$W/outa" $ALL; rc=$?
check "a day every layout sent data for exits 0 (exit $rc)" test "$rc" -eq 0

# a day that has not ended in the organisation's zone (IST): exit 1, nothing written
today=$(TZ=Asia/Kolkata date +%F)
"$NIVARAN" report --quiet --db "$W/a.db" --date "$today" --out "$W/outa" 2>"$W/err_today"; rc=$?
check "today (IST) is refused with exit 1 (exit $rc)" test "$rc" -eq 1
check "the message says the day has not ended" grep -q "has not ended" "$W/err_today"
check "nothing written for today" test ! -e "$W/outa/$today"

# a day past the data: every layout missing, exit 5
"$NIVARAN" report --quiet --db "$W/a.db" --date 2025-01-08 --out "$W/outa" 2>"$W/err5"; rc=$?
D=$W/outa/2025-01-08
check "a day past the data exits 5 (exit $rc)" test "$rc" -eq 5
check "the message names the missing layouts" grep -q "no data from jhatpat, kesco_1912, niveshmitra" "$W/err5"
check "public outputs withheld, officers' report written" public_absent "$D"
pdftotext -l 1 "$D/md-daily-report.pdf" "$W/md5.txt" 2>/dev/null
check "the MD report says so on page 1" grep -q "INCOMPLETE DATA" "$W/md5.txt"
python3 - "$D/wing-technical.xlsx" <<'PY' && ok "the workbook says so at the top of its first sheet" || nok "the workbook says so at the top of its first sheet"
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
xml = z.read("xl/worksheets/sheet1.xml").decode()
cell = re.search(r'<c r="A4"[^>]*>.*?</c>', xml)
text = cell.group(0) if cell else ""
if 't="s"' in text:  # shared string
    idx = int(re.search(r"<v>(\d+)</v>", text).group(1))
    ss = re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)
    text = ss[idx]
assert "INCOMPLETE DATA" in text and "jhatpat" in text, text[:200]
PY
check "the manifest lists no public output" bash -c "! grep -q -e notice-board -e open-data '$D/manifest.json'"

# one layout missing (no jhatpat file for the day): 5; excused: 0, named on the notice
"$NIVARAN" run --quiet --db "$W/b.db" --date $END --out "$W/outb" $NOJ 2>/dev/null; rc=$?
check "a day without one layout's file exits 5 (exit $rc)" test "$rc" -eq 5
check "its public outputs are withheld" public_absent "$W/outb/$END"
"$NIVARAN" run --quiet --db "$W/c.db" --date $END --out "$W/outc" --allow-missing jhatpat $NOJ; rc=$?
check "--allow-missing jhatpat publishes (exit $rc)" test "$rc" -eq 0
check "the excused day has its notice and open data" test -s "$W/outc/$END/notice-board.pdf" -a -s "$W/outc/$END/open-data/sla_by_wing.csv"
pdftotext "$W/outc/$END/notice-board.pdf" "$W/notice_c.txt" 2>/dev/null
check "the notice says jhatpat sent no data" grep -q "No data was received for this day from: jhatpat" "$W/notice_c.txt"
"$NIVARAN" run --quiet --db "$W/c2.db" --date $END --out "$W/outc2" --allow-missing nosuch $NOJ 2>/dev/null; rc=$?
check "--allow-missing of an unknown layout exits 1 (exit $rc)" test "$rc" -eq 1

# optional = yes in the layout template
cp -r "$NV_ROOT/templates" "$W/tpl"
sed -i 's/^organisation = KESCO$/organisation = KESCO\noptional = yes/' "$W/tpl/layouts/jhatpat.ini"
"$NIVARAN" run --quiet --templates "$W/tpl" --db "$W/d.db" --date $END --out "$W/outd" $NOJ; rc=$?
check "optional = yes excuses the layout (exit $rc)" test "$rc" -eq 0

# 3 and 5 together: 5
BAD=$W/kesco_1912_complaints_bad.csv
head -n 3 "$(ls "$W"/exp/kesco_1912_complaints_*.csv | head -1)" > "$BAD"
printf 'KEBAD0001,not a time\r\n' >> "$BAD"
"$NIVARAN" run --quiet --db "$W/e.db" --date $END --out "$W/oute" $NOJ "$BAD" 2>/dev/null; rc=$?
check "rejected rows and a missing layout give 5 (exit $rc)" test "$rc" -eq 5
# File modes whatever the umask (OUTPUTS.md), and OUT/public-latest
modes() { # day folder: "path mode" lines, sorted
  (cd "$1" && find . -mindepth 0 ! -type l -printf '%P %m\n' | sort)
}
want_modes() {
  cat <<M | sort
 755
internal 750
internal/callbacks.csv 640
internal/compensation.csv 640
internal/rejects.csv 640
internal/risk_flags.csv 640
manifest.json 640
md-daily-report.pdf 640
notice-board.pdf 644
open-data 755
open-data/compensation_by_wing.csv 644
open-data/datapackage.json 644
open-data/sla_by_wing.csv 644
open-data/sla_by_xen.csv 644
public 755
public/index.html 644
wing-commercial.xlsx 640
wing-project.xlsx 640
wing-technical.xlsx 640
wing-testing.xlsx 640
M
}
for u in 077 000; do
  rm -rf "$W/m$u"*; mkdir -p "$W/m$u"
  (umask $u; "$NIVARAN" run --quiet --db "$W/m$u/m.db" --date $END --out "$W/m$u/out" $ALL); rc=$?
  check "umask $u: run exits 0 (exit $rc)" test "$rc" -eq 0
  check "umask $u: every output has its mode" diff <(modes "$W/m$u/out/$END") <(want_modes)
  check "umask $u: the database is 0640" test "$(stat -c %a "$W/m$u/m.db")" = 640
done
O=$W/m000/out
check "public-latest links to the day's public/" test "$(readlink "$O/public-latest")" = "$END/public" -a -d "$O/public-latest"
"$NIVARAN" report --quiet --db "$W/m000/m.db" --date 2025-01-05 --out "$O"; rc=$?
check "an older day's report leaves public-latest on the newest day" test "$(readlink "$O/public-latest")" = "$END/public"
"$NIVARAN" report --quiet --db "$W/m000/m.db" --date 2025-01-08 --out "$O" 2>/dev/null
check "a withheld day neither has public/ nor takes public-latest" test ! -e "$O/2025-01-08/public" -a "$(readlink "$O/public-latest")" = "$END/public"
finish
