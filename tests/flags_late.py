#!/usr/bin/env python3
"""Late corrections of old 1912 records, for tests/e2e/flags_incr.sh.

usage: flags_late.py SEED EXPORT_DIR DAY OUT_CSV [N]

When OUT_CSV's name holds _jhatpat_, Jhatpat applications are corrected
(late_jhatpat); otherwise 1912 records, as follows. Reads the 1912 exports
(kesco_1912_complaints_*.csv) of EXPORT_DIR dated before DAY (YYYY-MM-DD), draws N (default 40) of their rows with a random
generator seeded by SEED, and writes them to OUT_CSV with LAST_UPDATED late on
DAY and one or more fields changed, so that loading them moves records between
the neighbourhoods of the flag rules: the mobile of another record (TOUT_PHONE),
its closing login and a closing time near another's (BULK_CLOSE), its account
and category with a registration just after another's resolution
(REPEAT_AFTER_CLOSE), its XEN and subdivision, its feedback and OTP (the
officer-level rates), a closing time before its registration (TIME_ANOMALY) or
a closing time moved by hours (FAST_CLOSE, DEADLINE_HUG).

Then, drawn apart so that the draws above stay as they were: ten records
are moved into the mobiles that three or more export rows share (the planted
TOUT_PHONE groups and their decoy); records corrected on earlier nights
(late_*_1912_*.csv of EXPORT_DIR dated before DAY) that such a move put in a
group are moved out of it, and no record of the night joins the groups they
leave; and half as many of the other earlier corrections are changed again. A
record that leaves the neighbourhood an earlier correction put it in is found
there only by the keys the flag pass remembered from that night: dropping the
previous mobile, closing login or account from the affected set, or from what
the pass remembers, makes nights differ."""
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


def dated_before(src, pattern, day):
    """The files of src matching pattern (a glob ending in _DATE.csv) dated
    before day, in name order."""
    return [p for p in sorted(glob.glob(os.path.join(src, pattern)))
            if os.path.basename(p)[-14:-4] < day]


def write_rows(out, header, rows):
    """Writes header and rows to the CSV file out (CRLF, as the exports)."""
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def earlier_late(src, day, header):
    """The rows of the late corrections (late_*_1912_DATE.csv) of src dated
    before day, as they stand after them."""
    out = []
    for path in dated_before(src, "late_*_1912_*.csv", day):
        with open(path, newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            if next(r) == header:
                out.extend(row for row in r if len(row) == len(header))
    return out


def digits(mobile):
    """The last ten digits of a mobile as exported (+91 or not)."""
    return "".join(c for c in mobile if c.isdigit())[-10:]


def tout_mobiles(src, day):
    """The mobiles (their last ten digits, sorted) that three or more rows of
    any export of src dated before day carry: the planted TOUT_PHONE groups
    and their decoy, mostly Jhatpat rows; a 1912 record joining or leaving
    one changes a flag or its evidence."""
    rows = {}
    for path in dated_before(src, "*_????-??-??.csv", day):
        if os.path.basename(path).startswith("late_"):
            continue
        with open(path, newline="", encoding="utf-8-sig") as f:
            r = csv.reader(f)
            head = next(r, [])
            cols = [i for i, h in enumerate(head) if h in ("MOBILENO", "MOBILE", "Contact No")]
            for row in r:
                for i in cols:
                    key = digits(row[i]) if i < len(row) else ""
                    if len(key) == 10:
                        rows[key] = rows.get(key, 0) + 1
    return sorted(k for k, n in rows.items() if n >= 3)


def stamp(picked, x, col, late, k):
    """Dates row x's update late + k seconds and keeps it as its record's
    last row; the next k."""
    x[col["LAST_UPDATED"]] = (late + dt.timedelta(seconds=k)).strftime(FMT)
    picked[x[col["COMPLAINT_NO"]]] = x
    return k + 1


def correct(x, y, what, rnd, col, late):
    """Changes row x in place, kind what (0-7) of the module's list, taking
    the new values from row y."""
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


def late_1912(seed, src, day, out, n):
    """The 1912 corrections of the module's text, written to out."""
    rnd = random.Random(seed)
    rows, header = [], None
    for path in dated_before(src, "kesco_1912_complaints_*.csv", day):
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
        correct(x, y, what, rnd, col, late)
        stamp(picked, x, col, late, k)  # one row per record: the last drawn
    # drawn apart (rnd2), so that the draws above stay as they were: records
    # moved into a mobile that several accounts carry (a TOUT_PHONE window),
    # then records corrected on an earlier night changed again, those in such
    # a window first moved out of it
    rnd2 = random.Random(seed + "/again")
    tout = tout_mobiles(src, day)
    again = earlier_late(src, day, header)
    out_of = [list(r) for r in again if digits(r[col["MOBILENO"]]) in tout]
    # mobiles left this night are joined by nothing else of it: their
    # neighbourhood is found only by the keys the pass remembered
    left = {digits(x[col["MOBILENO"]]) for x in out_of}
    into = [m for m in tout if m not in left]
    k = n
    for _ in range(10 if into else 0):
        x = list(rnd2.choice(rows))
        x[col["MOBILENO"]] = rnd2.choice(into)
        k = stamp(picked, x, col, late, k)
    for x in out_of:
        x[col["MOBILENO"]] = rnd2.choice(closed)[col["MOBILENO"]]
        k = stamp(picked, x, col, late, k)
    rest = [r for r in again if digits(r[col["MOBILENO"]]) not in tout]
    for _ in range(len(rest) // 2):
        x, what = list(rnd2.choice(rest)), rnd2.randrange(3)
        correct(x, rnd2.choice(closed), what, rnd2, col, late)
        k = stamp(picked, x, col, late, k)
    write_rows(out, header, picked.values())


JP_OPEN = ("SUBMITTED", "DOCUMENTS PENDING", "ESTIMATE ISSUED", "PAID")


def jp_time(t):
    """t as the Jhatpat export writes it (ISO 8601, IST)."""
    return t.strftime("%Y-%m-%dT%H:%M:%S+05:30")


def jp_rows(src, day):
    """The header and the last row of each application (APPLICATION_ID) of
    the Jhatpat exports of src dated before day."""
    last, header = {}, None
    for path in dated_before(src, "jhatpat_applications_*.csv", day):
        with open(path, newline="", encoding="utf-8-sig") as f:
            r = csv.reader(f)
            header = next(r)
            for row in r:
                if len(row) == len(header):
                    last[row[0]] = row
    return header, list(last.values())


def jp_correct(x, y, what, rnd, col, late, after=None):
    """Changes application x in place: its subdivision (0), its service (1),
    both taken from y, or (2) its completion at a random time before late
    (after its registration instead, when that is before late)."""
    if what == 0:
        x[col["SUBDIVISION"]] = y[col["SUBDIVISION"]]
    elif what == 1:
        x[col["SERVICE"]] = y[col["SERVICE"]]
    else:
        a = dt.datetime.fromisoformat(x[col["APPLIED_ON"]]).replace(tzinfo=None)
        if a < late:
            t = a + (late - a) * rnd.random()
            if after is not None and a + after < late:
                t = a + after
            x[col["STATUS"]], x[col["COMPLETED_ON"]] = "COMPLETED", jp_time(t)
            x[col["REJECT_REASON"]] = ""


def late_jhatpat(seed, src, day, out, n):
    """Jhatpat corrections, written to out: in every queue (service and
    subdivision) of two or more pending applications (the planted QUEUE_JUMP
    queues and their decoy among them), the oldest pending application moved to
    another queue or completed; then n applications drawn at random from the
    other queues changed the same ways. No record of the night enters the
    queues drawn from, so that those resolved past the one that left are
    found only by its previous keys."""
    rnd = random.Random(seed + "/jhatpat")
    header, rows = jp_rows(src, day)
    if not rows:
        sys.exit("no Jhatpat rows before " + day)
    col = {h: i for i, h in enumerate(header)}
    late = dt.datetime.strptime(day, "%Y-%m-%d") + dt.timedelta(hours=23, minutes=50)

    def queue(r):
        return r[col["SERVICE"]], "".join(c for c in r[col["SUBDIVISION"]].lower() if c.isalpha())

    queues = {}
    for r in rows:
        if r[col["STATUS"]] in JP_OPEN and not r[col["COMPLETED_ON"]]:
            queues.setdefault(queue(r), []).append(r)
    # the oldest pending application of each: one of those a jumper of its
    # queue was resolved past, if any
    drawn = [min(q, key=lambda r: r[col["APPLIED_ON"]]) for _, q in sorted(queues.items())
             if len(q) >= 2]
    # no other record of the night enters or leaves the queues drawn from:
    # their neighbours are reached by the drawn records' previous keys alone
    keep_out = {queue(r) for r in drawn}
    drawn += [r for r in (rnd.choice(rows) for _ in range(n)) if queue(r) not in keep_out]
    picked = {}
    # FLAGS_LATE_QUEUE=move or complete: what the queues' picks undergo
    # (else drawn): moved to another queue, or completed a day after they
    # were registered (before the resolutions that jumped them, if any)
    mode, n_queues = os.environ.get("FLAGS_LATE_QUEUE", ""), len(keep_out)
    for k, r in enumerate(drawn):
        x, what = list(r), rnd.randrange(3)
        if k < n_queues and mode:
            what = 2 if mode == "complete" else what % 2
        for _ in range(20 if what < 2 else 0):
            jp_correct(x, rnd.choice(rows), what, rnd, col, late)
            if queue(x) not in keep_out:
                break
            x = list(r)
        if what == 2:
            day1 = dt.timedelta(days=1) if k < n_queues and mode == "complete" else None
            jp_correct(x, None, 2, rnd, col, late, day1)
        x[col["STATUS_DATE"]] = jp_time(late + dt.timedelta(seconds=k))
        picked.setdefault(x[0], x)
    write_rows(out, header, picked.values())


def main():
    seed, src, day, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    if "_jhatpat_" in os.path.basename(out):
        late_jhatpat(seed, src, day, out, n)
    else:
        late_1912(seed, src, day, out, n)


if __name__ == "__main__":
    main()
