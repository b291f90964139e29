#!/usr/bin/env python3
"""Late corrections of old 1912 records, for tests/e2e/flags_incr.sh.

usage: flags_late.py SEED EXPORT_DIR DAY OUT_CSV [N]

Reads the 1912 exports (kesco_1912_complaints_*.csv) of EXPORT_DIR dated
before DAY (YYYY-MM-DD), draws N (default 40) of their rows with a random
generator seeded by SEED, and writes them to OUT_CSV with LAST_UPDATED late on
DAY and one or more fields changed, so that loading them moves records between
the neighbourhoods of the flag rules: the mobile of another record (TOUT_PHONE),
its closing login and a closing time near another's (BULK_CLOSE), its account
and category with a registration just after another's resolution
(REPEAT_AFTER_CLOSE), its XEN and subdivision, its feedback and OTP (the
officer-level rates), a closing time before its registration (TIME_ANOMALY) or
a closing time moved by hours (FAST_CLOSE, DEADLINE_HUG)."""
import csv
import datetime as dt
import glob
import os
import random
import sys

FMT = "%d/%m/%Y %I:%M:%S %p"


def parse(s):
    try:
        return dt.datetime.strptime(s.strip(), FMT)
    except ValueError:
        return None


def main():
    seed, src, day, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    rnd = random.Random(seed)
    rows, header = [], None
    for path in sorted(glob.glob(os.path.join(src, "kesco_1912_complaints_*.csv"))):
        if os.path.basename(path)[len("kesco_1912_complaints_"):][:10] >= day:
            continue
        with open(path, newline="", encoding="utf-8-sig") as f:
            r = csv.reader(f)
            header = next(r)
            rows.extend(row for row in r if len(row) == len(header))
    if not rows:
        sys.exit("no 1912 rows before " + day)
    col = {h: i for i, h in enumerate(header)}
    closed = [r for r in rows if parse(r[col["CLOSINGDATE"]])]
    late = dt.datetime.strptime(day, "%Y-%m-%d") + dt.timedelta(hours=23, minutes=50)
    picked = {}
    for k in range(n):
        x = list(rnd.choice(rows))
        y = rnd.choice(closed)
        what = rnd.randrange(8)
        if what == 0:
            x[col["MOBILENO"]] = y[col["MOBILENO"]]
        elif what == 1 and parse(x[col["CLOSINGDATE"]]):
            t = parse(y[col["CLOSINGDATE"]]) + dt.timedelta(seconds=rnd.randint(-600, 600))
            x[col["CLOSEDBY"]] = y[col["CLOSEDBY"]]
            x[col["SUBDIVISION"]] = y[col["SUBDIVISION"]]
            if t >= parse(x[col["ENTRYDATE"]]):
                x[col["CLOSINGDATE"]] = t.strftime(FMT)
        elif what == 2:
            t = parse(y[col["CLOSINGDATE"]]) + dt.timedelta(minutes=rnd.randint(0, 80 * 60))
            x[col["CUSTOMERACNTNO"]] = y[col["CUSTOMERACNTNO"]]
            x[col["COM_TYPE_NAME"]] = y[col["COM_TYPE_NAME"]]
            x[col["COM_SUB_TYPE_NAME"]] = y[col["COM_SUB_TYPE_NAME"]]
            c = parse(x[col["CLOSINGDATE"]])
            if t < late and (c is None or c >= t):
                x[col["ENTRYDATE"]] = t.strftime(FMT)
        elif what == 3:
            for h in ("XEN_NAME", "SUBDIVISION", "DIVISION"):
                x[col[h]] = y[col[h]]
        elif what == 4:
            x[col["FEEDBACK"]] = y[col["FEEDBACK"]]
            x[col["OTP_VERIFIED"]] = y[col["OTP_VERIFIED"]]
        elif what == 5 and parse(x[col["CLOSINGDATE"]]):
            e = parse(x[col["ENTRYDATE"]])
            x[col["CLOSINGDATE"]] = (e - dt.timedelta(minutes=rnd.randint(1, 300))).strftime(FMT)
        elif parse(x[col["CLOSINGDATE"]]):
            e = parse(x[col["ENTRYDATE"]])
            t = e + dt.timedelta(minutes=rnd.choice([5, 25, 50, 23 * 60 + 30, 23 * 60 + 59, 30 * 60]))
            if t < late:
                x[col["CLOSINGDATE"]] = t.strftime(FMT)
        x[col["LAST_UPDATED"]] = (late + dt.timedelta(seconds=k)).strftime(FMT)
        picked[x[col["COMPLAINT_NO"]]] = x  # one row per record: the last drawn
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(picked.values())


if __name__ == "__main__":
    main()
