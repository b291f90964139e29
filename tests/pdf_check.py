#!/usr/bin/env python3
"""Checks the text of nivaran's PDFs (pdftotext) against the open data and the
layout templates. Used by tests/unit/test_pdf.c and tests/e2e/pdf.sh.

  pdf_check.py figures-notice PDF SLA_BY_WING.CSV NOTICE.INI
      the day table of the notice board shows, for every wing row of the CSV
      (and ALL as the total), the CSV's received, resolved and compliance_pct
  pdf_check.py figures-md PDF SLA_BY_WING.CSV
      the wing table on page 1 of the MD report shows every open-data column
      of every wing row (received .. overdue_end), in order
  pdf_check.py hindi PDF NOTICE.INI [period]
      every Hindi text of the template appears in the extracted text ([empty]
      aside: it shows only under a table with nothing in it): of a
      day report the keys without the _period suffix; of a period report
      (period) KEY_period in place of KEY where the template has both
  pdf_check.py league PDF SLA_BY_XEN.CSV
      every XEN row of the CSV (of the league table's window: for a day
      report, the period report of the 30 days ending with the day) has its
      league-table line in the MD report (pages 2 on) with the CSV's
      received, resolved, met, breached, compliance_pct, median_hours,
      p90_hours, pending_end and overdue_end
  pdf_check.py nodigits PDF [INPUT.csv ...]
      no run of 10 or more digits appears in the extracted text (and so no
      mobile number or account of the inputs)

Exit 0 when the check holds; otherwise 1 with the reason on stderr. poppler's
warnings on stderr are ignored.
"""
import configparser
import csv
import re
import subprocess
import sys


def text(pdf, layout=True, first=None, last=None):
    cmd = ["pdftotext"]
    if layout:
        cmd.append("-layout")
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    cmd += [pdf, "-"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit(f"pdftotext failed on {pdf}")
    return r.stdout.decode("utf-8")


def ini(path):
    c = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    c.optionxform = str
    c.read(path, encoding="utf-8")
    return c


def split(v):
    en, _, hi = v.partition("|")
    return en.strip(), hi.strip()


def wing_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def find_line(lines, label):
    for ln in lines:
        if ln.strip().startswith(label + " ") or ln.strip() == label:
            return ln
    return None


def cell(v):
    return v if v != "" else "-"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def figures_notice(pdf, csv_path, ini_path):
    t = ini(ini_path)
    lines = text(pdf).splitlines()
    n = 0
    for row in wing_rows(csv_path):
        if row["wing"] == "ALL":
            label = split(t["text"]["total"])[0]
        elif row["wing"] in t["wings"]:
            label = split(t["wings"][row["wing"]])[0]
        else:
            label = row["wing"]
        ln = find_line(lines, label)
        if ln is None:
            fail(f"notice: no row for {row['wing']} ({label})")
        want = [row["received"], row["resolved"], cell(row["compliance_pct"])]
        got = ln.split()[-3:]
        if got != want:
            fail(f"notice: {row['wing']}: shows {got}, open data {want}\n  line: {ln}")
        n += 1
    if n == 0:
        fail("notice: the CSV has no rows")


MD_COLS = ["received", "resolved", "rejected", "met", "breached", "compliance_pct",
           "median_hours", "p90_hours", "pending_end", "overdue_end"]


def figures_md(pdf, csv_path):
    lines = text(pdf, first=1, last=1).splitlines()
    n = 0
    for row in wing_rows(csv_path):
        ln = find_line(lines, row["wing"])
        if ln is None:
            fail(f"md: no wing-table row for {row['wing']}")
        want = [cell(row[c]) for c in MD_COLS]
        got = ln.split()[-len(MD_COLS):]
        if got != want:
            fail(f"md: {row['wing']}: shows {got}, open data {want}\n  line: {ln}")
        n += 1
    if n == 0:
        fail("md: the CSV has no rows")


LEAGUE_COLS = ["received", "resolved", "met", "breached", "compliance_pct", "median_hours",
               "p90_hours", "pending_end", "overdue_end"]


def league(pdf, csv_path):
    lines = text(pdf, first=2).splitlines()
    rows = {}
    for ln in lines:
        w = ln.split()
        if len(w) == 3 + len(LEAGUE_COLS) and re.fullmatch(r"\d+|-", w[0]) and re.fullmatch(r"\d+|-", w[1]):
            rows.setdefault(w[2], []).append(w[3:])
    n = 0
    for row in wing_rows(csv_path):
        want = [cell(row[c]) for c in LEAGUE_COLS]
        got = rows.get(row["xen_id"], [])
        if want not in got:
            fail(f"league: {row['wing']}/{row['xen_id']}: shows {got}, open data {want}")
        n += 1
    if n == 0:
        fail("league: the CSV has no rows")


def norm(s):
    return " ".join(s.split())


def hindi(pdf, ini_path, period=False):
    t = ini(ini_path)
    body = norm(text(pdf, layout=False))
    n = 0
    for sec in t.sections():
        if sec in ("fonts", "layout", "empty"):
            continue
        for key, v in t[sec].items():
            if key.endswith("_period") and not period:
                continue
            if period and key + "_period" in t[sec]:
                continue
            hi = split(v)[1]
            if not hi:
                continue
            n += 1
            if norm(hi) not in body:
                fail(f"hindi: [{sec}] {key}: '{hi}' not in the extracted text")
    if n < 10:
        fail(f"hindi: only {n} Hindi texts in {ini_path}")


def nodigits(pdf, inputs):
    body = text(pdf, layout=False)
    m = re.search(r"\d{10,}", body)
    if m:
        fail(f"nodigits: '{m.group(0)}' appears in {pdf}")
    for path in inputs:
        with open(path, encoding="utf-8", errors="replace") as f:
            for num in set(re.findall(r"(?<!\d)\d{10}(?!\d)", f.read())):
                if num in body:
                    fail(f"nodigits: {num} from {path} appears in {pdf}")


def main(argv):
    if len(argv) < 3:
        fail(__doc__)
    cmd, pdf = argv[1], argv[2]
    if cmd == "figures-notice" and len(argv) == 5:
        figures_notice(pdf, argv[3], argv[4])
    elif cmd == "figures-md" and len(argv) == 4:
        figures_md(pdf, argv[3])
    elif cmd == "hindi" and len(argv) in (4, 5) and argv[4:] in ([], ["period"]):
        hindi(pdf, argv[3], len(argv) == 5)
    elif cmd == "league" and len(argv) == 4:
        league(pdf, argv[3])
    elif cmd == "nodigits":
        nodigits(pdf, argv[3:])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv)
