#!/usr/bin/env bash
# The documentation cannot silently fall behind the code: every relative
# link and image of docs/*.md and README.md resolves to a file (and a
# #fragment to a heading of it), every picture under docs/img/ is under
# 150 KB, and every command and option that `nivaran --help` and each
# command's --help print appears in docs/operations.md and in the man page
# nivaran.1. The checks are first run on a broken copy, which they must
# refuse, so that a checker that finds nothing wrong cannot pass.
source "$NV_ROOT/tests/lib.sh"
PY=/usr/bin/python3
command -v "$PY" >/dev/null 2>&1 || PY=python3

main_help=$("$NIVARAN" --help 2>/dev/null)
if [ -z "$main_help" ] || ! grep -q '^commands:' <<<"$main_help"; then
  nok "docs: the binary under test prints its --help (nivaran --help)"; exit 1
fi

# The broken links of the markdown files given (relative to ROOT): one line
# "file: target (why)" each; nothing when all resolve.
bad_links() { # ROOT FILE...
  "$PY" - "$@" <<'PY'
import os, re, sys, unicodedata
root, files = sys.argv[1], sys.argv[2:]

def slugs(path):
    """GitHub's heading anchors: lower case, punctuation but - and _ dropped,
    spaces as -, a repeated slug numbered -1, -2, ..."""
    out, seen, fence = set(), {}, False
    for line in open(path, encoding="utf-8"):
        if line.lstrip().startswith("```"):
            fence = not fence
            continue
        m = None if fence else re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        parts = m.group(1).split("`")  # HTML tags count only outside code spans
        t = "".join(x if i % 2 else re.sub(r"<[^>]+>", "", x) for i, x in enumerate(parts))
        t = t.lower()
        t = "".join(c for c in t if c in " -_" or unicodedata.category(c)[0] in "LNM")
        s = t.replace(" ", "-")
        n = seen.get(s, 0)
        seen[s] = n + 1
        out.add(s if n == 0 else "%s-%d" % (s, n))
    return out

link = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
for f in files:
    path = os.path.join(root, f)
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)   # code blocks
    text = re.sub(r"`[^`\n]*`", "", text)               # code spans
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # comments
    for target in link.findall(text):
        if re.match(r"[a-z]+:", target):                # http:, mailto:
            continue
        file_part, _, frag = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
        if not os.path.isfile(dest):
            print("%s: %s (no such file)" % (f, target))
        elif frag and dest.endswith(".md") and frag not in slugs(dest):
            print("%s: %s (no such heading)" % (f, target))
PY
}

# The commands and options the binary's help texts name, one a line.
help_words() {
  local cmds c
  cmds=$(sed -n '/^commands:/,/^$/p' <<<"$main_help" | awk 'NR > 1 && NF { print $1 }')
  for c in $cmds; do echo "cmd $c"; done
  { echo "$main_help"; for c in $cmds; do "$NIVARAN" "$c" --help 2>/dev/null; done; } |
    grep -oE -- '--[a-z][a-z0-9-]*[a-z0-9]' | sort -u | sed 's/^/opt /'
}

# The help words missing from a markdown file and a man page.
missing_words() { # WORDS MD MAN
  local md=$1 man=$2 kind w plain
  plain=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man")
  while read -r kind w; do
    if [ "$kind" = cmd ]; then
      grep -qE "nivaran $w([^a-z]|$)" "$md" || echo "$md: command $w"
      grep -qE "nivaran $w([^a-z]|$)" <<<"$plain" || echo "$man: command $w"
    else
      grep -qE -- "$w([^a-z0-9-]|$)" "$md" || echo "$md: option $w"
      grep -qE -- "$w([^a-z0-9-]|$)" <<<"$plain" || echo "$man: option $w"
    fi
  done <<<"$WORDS"
}

WORDS=$(help_words)
check "the help texts name commands and options" test "$(grep -c '^opt ' <<<"$WORDS")" -gt 20

# The checkers refuse a broken copy: a link to a missing file, a fragment
# naming no heading, an option dropped from both documents.
B=$(scratch docs)
mkdir -p "$B/docs"
printf '# Guide\n\n## Exit status\n\nSee [x](missing.md), [y](#exit-status), [z](#no-such), ![p](img/none.png).\n' >"$B/docs/g.md"
out=$(bad_links "$B" docs/g.md)
check "the link checker finds a missing file" grep -q 'missing.md (no such file)' <<<"$out"
check "the link checker finds a missing image" grep -q 'img/none.png (no such file)' <<<"$out"
check "the link checker finds a missing heading" grep -q '#no-such (no such heading)' <<<"$out"
check "the link checker accepts a heading that exists" test "$(grep -c 'exit-status' <<<"$out")" -eq 0
grep -v -- '--keep-days' "$NV_ROOT/docs/operations.md" >"$B/ops.md"
sed 's/keep\\-days/kept/g; s/keep-days/kept/g' "$NV_ROOT/nivaran.1" >"$B/nivaran.1"
out=$(missing_words "$B/ops.md" "$B/nivaran.1")
check "the option checker finds an option missing from the guide" grep -q 'ops.md: option --keep-days' <<<"$out"
check "the option checker finds an option missing from the man page" grep -q 'nivaran.1: option --keep-days' <<<"$out"

# The real documents.
cd "$NV_ROOT" || exit 1
files=$(ls docs/*.md README.md 2>/dev/null)
check "docs/ holds the guide (docs/README.md, docs/operations.md)" test -f docs/README.md -a -f docs/operations.md
out=$(bad_links "$NV_ROOT" $files)
check "every relative link and image of docs/*.md and README.md resolves" test -z "$out"
[ -n "$out" ] && sed 's/^/# /' <<<"$out"
check "README.md links to docs/" grep -q '](docs/' README.md
big=$(find docs/img -type f -size +150k 2>/dev/null)
check "every picture under docs/img is under 150 KB" test -z "$big"
check "docs/img holds the pictures of the reports" test "$(ls docs/img/*.png 2>/dev/null | wc -l)" -ge 3
out=$(missing_words docs/operations.md nivaran.1)
check "every command and option of --help is in docs/operations.md" test -z "$(grep '^docs/operations.md' <<<"$out")"
check "every command and option of --help is in nivaran.1" test -z "$(grep '^nivaran.1' <<<"$out")"
[ -n "$out" ] && sed 's/^/# missing: /' <<<"$out"

# Every workbook sheet of templates/workbook.ini ({Officer} = KESCO's XEN) is
# described in docs/outputs.md, every flag code of templates/flags.ini in
# docs/flags.md.
miss=""
while read -r name; do
  grep -qF "**$name**" docs/outputs.md || miss="$miss '$name'"
done < <(awk '/^\[sheet:/ { s = 1; next } /^\[/ { s = 0 } s && /^name *=/ { sub(/^name *= */, ""); print }' \
           templates/workbook.ini | sed 's/{Officer}/XEN/g')
check "every workbook sheet is described in docs/outputs.md${miss:+ (missing:$miss)}" test -z "$miss"
miss=""
while read -r code; do
  grep -q "### $code\|| $code |" docs/flags.md || miss="$miss $code"
done < <(awk '/^\[severity\]/ { s = 1; next } /^\[/ { s = 0 } s && /^[A-Z_]+ *=/ { print $1 }' templates/flags.ini)
check "every flag code of flags.ini has its section in docs/flags.md${miss:+ (missing:$miss)}" test -z "$miss"

# The worked day of docs/figures.md (records A-G, hand-worked there) run
# through the binary: its open-data row is the guide's table of values.
W=$(scratch docs_worked)
"$PY" - "$W/kesco_1912_complaints_2024-12-01.csv" <<'PY'
import sys
hdr = ("COMPLAINT_NO,ENTRYDATE,SRC,COM_TYPE_NAME,COM_SUB_TYPE_NAME,CONSUMER_NAME,ADDRESS,"
       "MOBILENO,CUSTOMERACNTNO,DIVISION,SUBDIVISION,SUBSTATION,JE_NAME,AE_NAME,XEN_NAME,"
       "COMPLAINT_STATUS,CLOSINGDATE,CLOSEDBY,CLOSINGREMARKS,REOPEN_COUNT,FEEDBACK,"
       "OTP_VERIFIED,LAST_UPDATED")
def t(day, h):
    return "%s %02d:00:00 %s" % (day, h % 12 or 12, "AM" if h < 12 else "PM")
rows = [("A", "30/11/2024", 10, "CLOSED", "01/12/2024", 8),
        ("B", "30/11/2024", 6, "CLOSED", "01/12/2024", 9),
        ("C", "01/12/2024", 9, "CLOSED", "01/12/2024", 12),
        ("D", "01/12/2024", 14, "OPEN", None, None),
        ("E", "29/11/2024", 20, "OPEN", None, None),
        ("F", "01/12/2024", 10, "REJECTED", "01/12/2024", 11),
        ("G", "30/11/2024", 23, "CLOSED", "02/12/2024", 1)]
with open(sys.argv[1], "w") as f:
    f.write(hdr + "\n")
    for i, (k, rd, rh, st, cd, ch) in enumerate(rows):
        reg, clo = t(rd, rh), (t(cd, ch) if cd else "")
        f.write("KE%s%04d,%s,1912,SUPPLY RELATED,NO SUPPLY,X,Y,98765432%02d,10000000%02d,KANPUR,"
                "Kidwai Nagar,SS,JE,AE,XEN-T01,%s,%s,JE_1,ok,0,,Y,%s\n"
                % (k, i, reg, i, i, st, clo, clo or reg))
PY
"$NIVARAN" run --quiet --db "$W/w.db" --out "$W/out" --date 2024-12-01 --allow-missing jhatpat \
  --allow-missing niveshmitra "$W/kesco_1912_complaints_2024-12-01.csv" 2>"$W/err"; rc=$?
check "the worked day of docs/figures.md runs (exit $rc)" test "$rc" -eq 0
row=$(grep ',XEN-T01,' "$W/out/2024-12-01/open-data/sla_by_xen.csv" 2>/dev/null | cut -d, -f4-)
# received resolved rejected met breached compliance median p90 pending overdue
check "the worked day's figures are the guide's (got '$row')" test "$row" = "3,3,1,2,2,50.0,22.00,27.00,3,2"
check "docs/figures.md still states them" grep -q '| compliance_pct | 100 × 2 / (2 + 2) | 50.0 |' docs/figures.md

# The worked compensation of docs/compensation.md, the same way: owed 50
# (NO_SUPPLY 6 h 30 min late), accruing 600 (TRANSFORMER open 81 h past its
# limit), owed 400 (NEW_CONNECTION 94 h late); nothing for one resolved at
# its limit or one rejected.
C=$(scratch docs_comp)
"$PY" - "$C/kesco_1912_complaints_2024-12-01.csv" <<'PY'
import sys
hdr = ("COMPLAINT_NO,ENTRYDATE,SRC,COM_TYPE_NAME,COM_SUB_TYPE_NAME,CONSUMER_NAME,ADDRESS,"
       "MOBILENO,CUSTOMERACNTNO,DIVISION,SUBDIVISION,SUBSTATION,JE_NAME,AE_NAME,XEN_NAME,"
       "COMPLAINT_STATUS,CLOSINGDATE,CLOSEDBY,CLOSINGREMARKS,REOPEN_COUNT,FEEDBACK,"
       "OTP_VERIFIED,LAST_UPDATED")
def t(day, h, m):
    return "%s %02d:%02d:00 %s" % (day, h % 12 or 12, m, "AM" if h < 12 else "PM")
rows = [("N1", "SUPPLY RELATED,NO SUPPLY", ("01/12/2024", 10, 0), "CLOSED", ("01/12/2024", 20, 30)),
        ("T1", "TRANSFORMER RELATED,TRANSFORMER DAMAGED", ("28/11/2024", 9, 0), "OPEN", None),
        ("C1", "CONNECTION RELATED,NEW CONNECTION", ("20/11/2024", 11, 0), "CLOSED", ("01/12/2024", 9, 0)),
        ("N2", "SUPPLY RELATED,NO SUPPLY", ("01/12/2024", 10, 0), "CLOSED", ("01/12/2024", 14, 0)),
        ("B1", "BILL RELATED,WRONG BILL", ("20/11/2024", 10, 0), "REJECTED", ("01/12/2024", 12, 0))]
with open(sys.argv[1], "w") as f:
    f.write(hdr + "\n")
    for i, (k, cat, reg, st, clo) in enumerate(rows):
        reg, clo = t(*reg), (t(*clo) if clo else "")
        f.write("KE%s,%s,1912,%s,X,Y,98765432%02d,10000000%02d,KANPUR,Kidwai Nagar,SS,JE,AE,XEN,"
                "%s,%s,JE_1,ok,0,,Y,%s\n" % (k, reg, cat, i, i, st, clo, clo or reg))
PY
"$NIVARAN" run --quiet --db "$C/c.db" --out "$C/out" --date 2024-12-01 --allow-missing jhatpat \
  --allow-missing niveshmitra "$C/kesco_1912_complaints_2024-12-01.csv" 2>"$C/err"; rc=$?
check "the worked compensation of docs/compensation.md runs (exit $rc)" test "$rc" -eq 0
led=$(tail -n +2 "$C/out/2024-12-01/internal/compensation.csv" 2>/dev/null | cut -d, -f1,2,11,13 | sort | tr '\n' ' ')
check "its ledger is the guide's (got '$led')" \
  test "$led" = "accruing,KET1,4,600 owed,KEC1,4,400 owed,KEN1,1,50 "
finish
