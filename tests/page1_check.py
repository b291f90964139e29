#!/usr/bin/env python3
"""Checks the MD report's page 1 and the notice board as a reader sees them
(pdftotext), against figures computed here another way: from the raw
exports, the database, the profile and the templates, never by our code.
Used by tests/e2e/page1.sh.

  page1_check.py md-service PDF EXPORT.csv DAY
      the OTP-confirmed, reopened and satisfied cells of page 1 show the
      shares of the day's 1912 complaint closures counted here from the
      1912 export (METRICS.md "Service figures": OTP Y of Y or N, REOPEN_COUNT
      > 0 of resolved, SATISFIED of SATISFIED or NOT SATISFIED; one decimal,
      half away from zero), each beside the day before's with the change in
      percentage points
  page1_check.py md-bands PDF DB DAY TZMIN
      the backlog cell shows the records pending at the end of DAY by age
      band (under 24 h, 24-48 h, 2-7 days, 7 days and more), counted here
      from the record table (zone offset TZMIN minutes)
  page1_check.py md-target PDF PROFILE.ini
      the compliance tile's figure has "target N%" beside it, N the profile's
      target_pct
  page1_check.py md-no-service PDF
      page 1 has the backlog cell and no service cell (an organisation whose
      layouts carry none of the fields)
  page1_check.py notice PDF NOTICE.ini PROFILE.ini FIRST LAST [MFIRST MLAST]
      the notice says the time limit in plain words (the template's [limit]
      text with the profile's hours, both languages), the report's days and
      the second table's (MFIRST..MLAST; absent: one table only, as on the
      1st of a month) in words in both languages (the template's [months]),
      and every contact line of [complain] and [escalate] in both languages
  page1_check.py notice-no-empty-other PDF SLA_BY_WING.csv NOTICE.ini
      the first table has no row for UNMAPPED ("Other") when the open data
      says it holds nothing, and the CSV says so (else the check proves
      nothing and fails)

Exit 0 when the check holds; otherwise 1 with the reason on stderr.
"""
import configparser
import csv
import html
import datetime as dt
import re
import sqlite3
import subprocess
import sys

IST = dt.timezone(dt.timedelta(minutes=330))


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def text(pdf, layout=True, page=None):
    cmd = ["pdftotext"] + (["-layout"] if layout else [])
    if page:
        cmd += ["-f", str(page), "-l", str(page)]
    r = subprocess.run(cmd + [pdf, "-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        fail(f"pdftotext failed on {pdf}")
    return r.stdout.decode("utf-8")


def norm(s):
    return " ".join(s.split())


def ini(path):
    c = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    c.optionxform = str
    c.read(path, encoding="utf-8")
    return c


def split(v):
    a, _, b = v.partition("|")
    return norm(a), norm(b)


def tenths(num, den):
    """1000 * num / den rounded half away from zero (num, den >= 0)."""
    return (2 * 1000 * num + den) // (2 * den)


def pct(num, den):
    if den == 0:
        return None
    t = tenths(num, den)
    return f"{t // 10}.{t % 10}"


def day_of(s):
    return dt.date.fromisoformat(s)


def t1912(s):
    return dt.datetime.strptime(s.strip(), "%d/%m/%Y %I:%M:%S %p").replace(tzinfo=IST)


def service_counts(export, day):
    """(num, den) of the three figures over the complaints resolved on day."""
    d0 = dt.datetime(day.year, day.month, day.day, tzinfo=IST)
    d1 = d0 + dt.timedelta(days=1)
    c = {"otp": [0, 0], "reopened": [0, 0], "satisfied": [0, 0]}
    with open(export, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["COMPLAINT_STATUS"].strip().upper() not in ("CLOSED", "CLOSE"):
                continue
            closed, entered = t1912(r["CLOSINGDATE"]), t1912(r["ENTRYDATE"])
            if not (d0 <= closed < d1) or closed < entered:
                continue
            otp, fb = r["OTP_VERIFIED"].strip().upper(), r["FEEDBACK"].strip().upper()
            if otp in ("Y", "N"):
                c["otp"][1] += 1
                c["otp"][0] += otp == "Y"
            c["reopened"][1] += 1
            c["reopened"][0] += int(r["REOPEN_COUNT"] or 0) > 0
            if fb in ("SATISFIED", "NOT SATISFIED"):
                c["satisfied"][1] += 1
                c["satisfied"][0] += fb == "SATISFIED"
    return c


def baseline_lines(pdf, page):
    """The words of a page grouped by baseline (yMax within a point), each
    line's words in x order: a label and the figure drawn on its baseline
    read as one line whatever pdftotext -layout makes of close lines."""
    r = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        fail(f"pdftotext -bbox failed on {pdf}")
    num = r"([-0-9.]+)"
    words = [(float(y1), float(x0), html.unescape(w)) for x0, y0, x1, y1, w in re.findall(
        r'<word xMin="' + num + '" yMin="' + num + '" xMax="' + num + '" yMax="' + num +
        r'">(.*?)</word>', r.stdout.decode("utf-8"))]
    lines = []
    for y, x, w in sorted(words):
        if lines and abs(lines[-1][0] - y) <= 1.0:
            lines[-1][1].append((x, w))
        else:
            lines.append((y, [(x, w)]))
    return [" ".join(w for _, w in sorted(ws)) for _, ws in lines]


def cell_columns(lines, labels):
    """The line index holding every label, and each label's column."""
    for i, ln in enumerate(lines):
        if all(lb in ln for lb in labels):
            return i, [ln.index(lb) for lb in labels]
    fail(f"page 1: no line with the labels {labels}")


def column_text(ln, col, nxt):
    return ln[col:nxt].strip() if len(ln) > col else ""


def md_service(pdf, export, day):
    d = day_of(day)
    cur, prev = service_counts(export, d), service_counts(export, d - dt.timedelta(days=1))
    labels = ["OTP-confirmed", "Reopened", "Satisfied"]
    lines = text(pdf, page=1).splitlines()
    i, cols = cell_columns(lines, labels)
    below = lines[i + 1:i + 8]
    for k, key in enumerate(["otp", "reopened", "satisfied"]):
        nxt = cols[k + 1] if k + 1 < len(cols) else None
        cells = [column_text(ln, cols[k], nxt) for ln in below]
        cells = [c for c in cells if c]
        want = pct(*cur[key]) or "-"
        if not cells or cells[0] != want:
            fail(f"page 1: {labels[k]} shows {cells[:1]}, the export gives {want} ({cur[key]})")
        p = pct(*prev[key])
        if p is None:
            wline = "Day before: -"
        elif pct(*cur[key]) is None:
            wline = f"Day before: {p}"
        else:
            delta = tenths(*cur[key]) - tenths(*prev[key])
            wline = f"Day before: {p} ({'-' if delta < 0 else '+'}{abs(delta) // 10}.{abs(delta) % 10} pp)"
        if wline not in cells:
            fail(f"page 1: {labels[k]}: '{wline}' not in {cells}")
        if cur[key][1] == 0:
            fail(f"page 1: {labels[k]}: the export has no closure with the field: nothing checked")
    print(f"service figures of {day}: {cur}, the day before {prev}")


def md_bands(pdf, db, day, tzmin):
    tz = dt.timezone(dt.timedelta(minutes=int(tzmin)))
    d = day_of(day) + dt.timedelta(days=1)
    d1 = int(dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp())
    con = sqlite3.connect(db)
    bands = [0, 0, 0, 0]
    for (reg,) in con.execute(
            "SELECT registered FROM record WHERE registered < ? AND (disposed IS NULL OR "
            "disposed >= ?)", (d1, d1)):
        age = d1 - reg
        bands[0 if age < 86400 else 1 if age < 2 * 86400 else 2 if age < 7 * 86400 else 3] += 1
    body = " | ".join(baseline_lines(pdf, 1))
    for lab, n in zip(["under 24 h", "24-48 h", "2-7 days", "7 days and more"], bands):
        if not re.search(re.escape(lab) + r" " + str(n) + r"\b", body):
            fail(f"page 1: '{lab} {n}' (the record table's) not in the backlog cell")
    if sum(bands) == 0:
        fail("page 1: nothing pending: nothing checked")
    print(f"backlog bands at the end of {day}: {bands}")


def md_target(pdf, profile):
    t = ini(profile)["profile"]["target_pct"]
    want = f"target {float(t):g}%"
    for ln in text(pdf, page=1).splitlines():
        if want in ln and re.search(r"\b\d+\.\d\b|\s-\s", ln.split(want)[0]):
            return
    fail(f"page 1: '{want}' not beside the compliance figure")


def md_no_service(pdf):
    body = text(pdf, page=1)
    if "Open at end of day, by age" not in body:
        fail("page 1: no backlog cell")
    for lb in ("OTP-confirmed", "Reopened", "Satisfied"):
        if lb in body:
            fail(f"page 1: a '{lb}' cell for an organisation whose layouts carry no such field")


def words(t, first, last):
    """The days in both languages, as a reader says them, from [months]."""
    m = [[split(t["months"][str(k)])[i] or split(t["months"][str(k)])[0] for k in range(1, 13)]
         for i in (0, 1)]
    out = []
    for names in m:
        a, b = first, last
        if a == b:
            out.append(f"{b.day} {names[b.month - 1]} {b.year}")
        elif (a.year, a.month) == (b.year, b.month):
            out.append(f"{a.day}-{b.day} {names[b.month - 1]} {b.year}")
        elif a.year == b.year:
            out.append(f"{a.day} {names[a.month - 1]} - {b.day} {names[b.month - 1]} {b.year}")
        else:
            out.append(f"{a.day} {names[a.month - 1]} {a.year} - {b.day} {names[b.month - 1]} {b.year}")
    return out


def notice(pdf, tpl, profile, first, last, mfirst=None, mlast=None):
    t, p = ini(tpl), ini(profile)
    body = norm(text(pdf, layout=False))
    hours = [float(p["profile"]["default_hours"])] + [float(v) for v in p["hours"].values()] \
        if "hours" in p else [float(p["profile"]["default_hours"])]
    lo, hi = min(hours), max(hours)
    key = "one" if lo == hi else "range"
    fmt = lambda h: f"{h:g}"
    for part in split(t["limit"][key]):
        s = part.replace("{hours}", fmt(lo)).replace("{min}", fmt(lo)).replace("{max}", fmt(hi))
        if s and s not in body:
            fail(f"notice: the time limit '{s}' not on the notice")
    period = first != last
    en, xx = words(t, day_of(first), day_of(last))
    lab = split(t["text"]["report_day_period" if period else "report_day"])
    for s in (f"{lab[0]}: {en}", f"{lab[1]}: {xx}"):
        if s not in body:
            fail(f"notice: '{s}' not on the notice")
    k2 = "month_period" if period else "month"
    l2 = split(t["text"][k2])
    if mfirst:
        men, mxx = words(t, day_of(mfirst), day_of(mlast))
        for s in (f"{l2[0]}: {men}", f"{l2[1]}: {mxx}"):
            if s not in body:
                fail(f"notice: '{s}' not on the notice")
    else:
        if l2[0] in body:
            fail(f"notice: a second table '{l2[0]}' on a notice that should have one")
        heads = body.count(split(t["text"]["received"])[0])
        if heads != 1:
            fail(f"notice: {heads} tables, one expected")
    n = 0
    for sec in ("complain", "escalate"):
        for k, v in t[sec].items():
            for part in split(v):
                if part and part not in body:
                    fail(f"notice: [{sec}] {k}: '{part}' not on the notice")
                n += 1
    if n < 8:
        fail(f"notice: only {n} contact texts in {tpl}")
    print(f"notice: limit, days ({en} / {xx}) and {n} contact texts")


def no_empty_other(pdf, csv_path, tpl):
    t = ini(tpl)
    rows = {r["wing"]: r for r in csv.DictReader(open(csv_path, newline="", encoding="utf-8"))}
    u = rows.get("UNMAPPED")
    if not u or any(int(u[k]) for k in ("received", "resolved", "rejected", "met", "breached")):
        fail("notice: the open data's UNMAPPED row is not empty: nothing to check")
    other = split(t["wings"]["UNMAPPED"])[0]
    lines = text(pdf).splitlines()
    month = split(t["text"]["month"])[0]
    first = []
    for ln in lines:
        if ln.strip().startswith(month):
            break
        first.append(ln)
    if any(ln.split()[:1] == [other] for ln in first):
        fail(f"notice: an empty '{other}' row in the day's table")


def main(a):
    if len(a) >= 5 and a[1] == "md-service":
        md_service(a[2], a[3], a[4])
    elif len(a) == 6 and a[1] == "md-bands":
        md_bands(a[2], a[3], a[4], a[5])
    elif len(a) == 4 and a[1] == "md-target":
        md_target(a[2], a[3])
    elif len(a) == 3 and a[1] == "md-no-service":
        md_no_service(a[2])
    elif len(a) in (7, 9) and a[1] == "notice":
        notice(*a[2:])
    elif len(a) == 5 and a[1] == "notice-no-empty-other":
        no_empty_other(a[2], a[3], a[4])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv)
