#!/usr/bin/env python3
"""Checks the text of nivaran's PDFs (pdftotext) against the open data and the
layout templates. Used by tests/unit/test_pdf.c and tests/e2e/pdf.sh.

  pdf_check.py figures-notice PDF SLA_BY_WING.CSV NOTICE.INI
      the day table of the notice board shows, for every wing row of the CSV
      (and ALL as the total), the CSV's received, resolved and compliance_pct;
      when it folds wings into an [other] row, that row is the sum of the
      two or more wings not shown (compliance recomputed from met and
      breached) and the note gives their numbers. A name may be cut to its
      column (a prefix and an ellipsis). UNMAPPED ("Other") with nothing
      received, resolved, rejected or judged has no row: it must not show.
  pdf_check.py figures-md PDF SLA_BY_WING.CSV
      the wing table of the MD report (page 1, continued over the next pages
      when long) shows every open-data column of every wing row (received ..
      overdue_end), in order, under its name (cut or whole)
  pdf_check.py hindi PDF NOTICE.INI [period]
      every Hindi text of the template appears in the extracted text ([empty]
      aside: it shows only under a table with nothing in it; [other] label
      only when the page folds wings into it): of a
      day report the keys without the _period suffix; of a period report
      (period) KEY_period in place of KEY where the template has both
  pdf_check.py league PDF SLA_BY_XEN.CSV
      every XEN row of the CSV (of the league table's window: for a day
      report, the period report of the 30 days ending with the day) has its
      league-table line in the MD report (pages 2 on; its name cut or
      whole) with the CSV's
      received, resolved, met, breached, compliance_pct, median_hours,
      p90_hours, pending_end and overdue_end
  pdf_check.py layout PDF
      every word pdftotext finds lies inside its page and overlaps no other
      word (by more than a point each way; boxes less a fifth of their height
      above and below, as fonts' boxes exceed their glyphs)
  pdf_check.py nodigits PDF [INPUT.csv ...]
      no run of 10 or more digits appears in the extracted text (and so no
      mobile number or account of the inputs)

Counts are expected with the digit grouping of the environment's
NV_GROUPING (western, the default: 1,234,567; indian: 12,34,567), grouped
here by hand; wing names, with NV_NAMES (a names.ini) set, are the English
names of its [wing] section (a wing it does not name: its code).

Exit 0 when the check holds; otherwise 1 with the reason on stderr. poppler's
warnings on stderr are ignored.
"""
import configparser
import csv
import html
import os
import re
import subprocess
import sys

GROUPING = os.environ.get("NV_GROUPING", "western")


def group(s):
    """s (plain digits, as the open data writes them) grouped as NV_GROUPING
    says; anything else as it is."""
    if not re.fullmatch(r"-?\d+", s):
        return s
    neg, d = s.startswith("-"), s.lstrip("-")
    parts = [d[-3:]] if len(d) > 3 else [d]
    head, step = d[:-3] if len(d) > 3 else "", 2 if GROUPING == "indian" else 3
    while head:
        parts.insert(0, head[-step:])
        head = head[:-step]
    return ("-" if neg else "") + ",".join(parts)


def wing_name(code):
    """The English name NV_NAMES gives the wing code, else the code."""
    path = os.environ.get("NV_NAMES")
    if not path or code == "ALL":
        return code
    c = ini(path)
    if "wing" in c and code in c["wing"]:
        return split(c["wing"][code])[0]
    return code


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


ELLIPSIS = "\u2026"


def label_ok(shown, full):
    """shown (from the page) is the name full, or full cut to its column: a
    non-empty prefix of it followed by the ellipsis."""
    shown, full = norm(shown), norm(full)
    if shown == full:
        return True
    if shown.endswith(ELLIPSIS):
        p = shown[:-1].rstrip()
        return p != "" and full.startswith(p)
    return False


def table_lines(lines, nfig):
    """(label, figures) of every line with more than nfig words: the last
    nfig words are the figures, the words before them the label."""
    out = []
    for ln in lines:
        w = ln.split()
        if len(w) > nfig:
            out.append((" ".join(w[:-nfig]), w[-nfig:]))
    return out


def match_rows(rows, lines, label_of, want_of):
    """Pairs each row with one line (used once) whose label shows the row's
    label and whose figures are the row's; rows whose label is shown whole
    first. Returns the rows left without a line, and the lines used."""
    used, left = set(), []
    order = sorted(range(len(rows)),
                   key=lambda i: not any(norm(lb) == norm(label_of(rows[i])) for lb, _ in lines))
    for i in order:
        row, hit = rows[i], None
        for k, (lb, figs) in enumerate(lines):
            if k not in used and figs == want_of(row) and label_ok(lb, label_of(row)):
                hit = k
                break
        if hit is None:
            left.append(row)
        else:
            used.add(hit)
    return left, used


def cell(v):
    return group(v) if v != "" else "-"


def pct(met, breached):
    """metrics_fmt_pct: one decimal, half away from zero, in integers."""
    judged = met + breached
    if judged <= 0:
        return "-"
    t = (2 * 1000 * met + judged) // (2 * judged)
    return f"{t // 10}.{t % 10}"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def figures_notice(pdf, csv_path, ini_path):
    t = ini(ini_path)
    lines = text(pdf).splitlines()
    # the first table: up to the heading of the second
    heads = [split(t["text"][k])[0] + sep for k in ("month", "month_period") if k in t["text"]
             for sep in (" / ", ":")]
    for i, ln in enumerate(lines):
        if any(ln.strip().startswith(h) for h in heads):
            lines = lines[:i]
            break
    rows = wing_rows(csv_path)
    if not rows:
        fail("notice: the CSV has no rows")
    total = split(t["text"]["total"])[0]
    empty = [r for r in rows if r["wing"] == "UNMAPPED" and all(
        int(r[k]) == 0 for k in ("received", "resolved", "rejected", "met", "breached"))]
    rows = [r for r in rows if r not in empty]

    def label(row):
        if row["wing"] == "ALL":
            return total
        if row["wing"] in t["wings"]:
            return split(t["wings"][row["wing"]])[0]
        return row["wing"]

    def want(row):
        return [group(row["received"]), group(row["resolved"]), cell(row["compliance_pct"])]

    tl = table_lines(lines, 3)
    other = split(t["other"]["label"])[0] if "other" in t and "label" in t["other"] else None
    # a template label "English  हिन्दी": the line starts with the English
    tl2 = []
    for lb, figs in tl:
        if other and (lb == other or lb.startswith(other + " ")):
            tl2.append((other, figs))
            continue
        for row in rows:
            en = label(row)
            if row["wing"] in t["wings"] or row["wing"] == "ALL":
                if lb == en or lb.startswith(en + " "):
                    lb = en
                    break
        tl2.append((lb, figs))
    if empty and "UNMAPPED" in t["wings"]:
        en = split(t["wings"]["UNMAPPED"])[0]
        if any(lb == en for lb, _ in tl2):
            fail(f"notice: an empty '{en}' row (nothing in UNMAPPED) is shown")
    left, used = match_rows(rows, tl2, label, want)
    orow = [figs for lb, figs in tl2 if other and lb == other]
    if not orow:
        if left:
            r = left[0]
            fail(f"notice: {r['wing']}: no row showing {want(r)} under its name")
        return
    # "Other wings": the sum of the wings not shown, every one of them a wing
    if len(orow) != 1:
        fail(f"notice: {len(orow)} '{other}' rows in the first table")
    if any(r["wing"] == "ALL" for r in left):
        fail("notice: the total is not the open data's ALL row")
    if len(left) < 2:
        fail(f"notice: '{other}' sums {len(left)} wing(s): it should fold two or more")
    n = lambda k: sum(int(r[k]) for r in left)
    w = [group(str(n("received"))), group(str(n("resolved"))), pct(n("met"), n("breached"))]
    if orow[0] != w:
        fail(f"notice: '{other}' shows {orow[0]}, the other {len(left)} wings of the open data sum to {w}")
    # the note says how many are shown and summed
    note = norm(split(t["other"]["note"])[0])
    rx = re.escape(note)
    for k in ("shown", "total", "rest"):
        rx = rx.replace(re.escape("{" + k + "}"), "(?P<" + k + ">\\d+)")
    m = re.search(rx, norm(text(pdf, layout=False)))
    nw = sum(1 for r in rows if r["wing"] != "ALL")
    if not m:
        fail("notice: the note on the wings shown is missing")
    got = (int(m["shown"]), int(m["total"]), int(m["rest"]))
    if got != (nw - len(left), nw, len(left)):
        fail(f"notice: the note says {got}, the page shows {nw - len(left)} of {nw} wings")


MD_COLS = ["received", "resolved", "rejected", "met", "breached", "compliance_pct",
           "median_hours", "p90_hours", "pending_end", "overdue_end"]


def figures_md(pdf, csv_path):
    lines = text(pdf).splitlines()
    rows = wing_rows(csv_path)
    if not rows:
        fail("md: the CSV has no rows")
    tl = table_lines(lines, len(MD_COLS))
    # the total row reads "ALL (organisation)", cut or not
    tl = [("ALL" if lb.startswith("ALL (") or lb == "ALL" else lb, figs) for lb, figs in tl]
    left, _ = match_rows(rows, tl, lambda r: wing_name(r["wing"]),
                         lambda r: [cell(r[c]) for c in MD_COLS])
    if left:
        r = left[0]
        fail(f"md: {wing_name(r['wing'])}: no wing-table row showing {[cell(r[c]) for c in MD_COLS]}")


LEAGUE_COLS = ["received", "resolved", "met", "breached", "compliance_pct", "median_hours",
               "p90_hours", "pending_end", "overdue_end"]


def league(pdf, csv_path):
    lines = text(pdf, first=2).splitlines()
    nf = len(LEAGUE_COLS)
    found = []
    for ln in lines:
        w = ln.split()
        if len(w) >= 3 + nf and re.fullmatch(r"\d+|-", w[0]) and re.fullmatch(r"\d+|-", w[1]):
            found.append((" ".join(w[2:-nf]), w[-nf:]))
    n = 0
    for row in wing_rows(csv_path):
        want = [cell(row[c]) for c in LEAGUE_COLS]
        got = [figs for x, figs in found if label_ok(x, row["xen_id"])]
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
    other = split(t["other"]["label"])[0] if "other" in t and "label" in t["other"] else None
    for sec in t.sections():
        if sec in ("fonts", "layout", "empty", "months", "limit"):
            continue  # months: only the report's; limit: one of its texts (notice_check.py)
        if sec == "other":  # only on a page that folds wings; its note has numbers
            if other and other in body:
                hi = split(t["other"]["label"])[1]
                if norm(hi) not in body:
                    fail(f"hindi: [other] label: '{hi}' not in the extracted text")
            continue
        if sec == "compensation":  # only with a compensation schedule; its texts have numbers
            texts = [split(v)[1] for k, v in t[sec].items() if k != "heading"  # heading: outline
                     and not (k.endswith("_period") and not period)
                     and not (period and k + "_period" in t[sec])]
            pats = [".*?".join(re.escape(norm(p)) for p in re.split(r"\{\w+\}", hi)) for hi in texts]
            shown = [bool(re.search(p, body)) for p in pats]
            if any(shown) and not all(shown):
                fail(f"hindi: [compensation]: {[h for h, s in zip(texts, shown) if not s]} not in the text")
            continue
        for key, v in t[sec].items():
            if key.endswith("_period") and not period:
                continue
            if period and key + "_period" in t[sec]:
                continue
            hi = split(v)[1]
            if not hi:
                continue
            if sec == "wings" and norm(split(v)[0]) not in body:
                continue  # a wing not in the tables (an empty Other)
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


def layout(pdf):
    """Every word inside its page and no two words overlapping (by more
    than a point each way): nothing runs off the page or over another."""
    r = subprocess.run(["pdftotext", "-bbox", pdf, "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        fail(f"pdftotext -bbox failed on {pdf}")
    body = r.stdout.decode("utf-8")
    num = r"([-0-9.]+)"
    pages = re.split(r"<page ", body)[1:]
    if not pages:
        fail(f"layout: no page in {pdf}")
    for pno, pg in enumerate(pages, 1):
        m = re.match(r'width="' + num + r'" height="' + num + '"', pg)
        pw, ph = float(m[1]), float(m[2])
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="' + num + '" yMin="' + num + '" xMax="' + num +
                            '" yMax="' + num + r'">(.*?)</word>', pg)]
        for x0, y0, x1, y1, w in words:
            if x0 < 0 or y0 < 0 or x1 > pw or y1 > ph:
                fail(f"layout: page {pno}: '{w}' runs off the page ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f})")
        # the glyphs: the font's box less a fifth of its height above and
        # below (Noto Devanagari's box reaches far below the baseline)
        words = [(x0, y0 + (y1 - y0) / 5, x1, y1 - (y1 - y0) / 5, w) for x0, y0, x1, y1, w in words]
        words.sort()
        for i, (x0, y0, x1, y1, w) in enumerate(words):
            for a0, b0, a1, b1, v in words[i + 1:]:
                if a0 >= x1 - 1:
                    break
                if min(x1, a1) - max(x0, a0) > 1 and min(y1, b1) - max(y0, b0) > 1:
                    fail(f"layout: page {pno}: '{w}' and '{v}' overlap at ({a0:.0f},{b0:.0f})")


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
    elif cmd == "layout" and len(argv) == 3:
        layout(pdf)
    elif cmd == "nodigits":
        nodigits(pdf, argv[3:])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv)
