#!/usr/bin/env python3
"""Compensation (COMPENSATION.md) worked out again, independently of the
engine's SQL and C: reads every record of a nivaran database with a plain
SELECT *, applies the spec's rules in Python, and compares the result with
the engine's internal/compensation.csv and open-data/compensation_by_wing.csv
field by field. Rates and statutory limits are typed in from the spec's
tables, not read from the templates.

usage: comp_check.py DB DAYDIR FIRST_DAY LAST_DAY   (days YYYY-MM-DD, IST)
Prints what differs; exit 0 when everything equals. Instead, with --month it
prints the month to date's (1st of LAST_DAY's month to LAST_DAY) ALL owed
records and rupees and the rupees in Indian digit grouping, for the notice
board; with --xens one line per XEN of the month to date, "wing xen
owed_records owed_rupees returned_rupees accruing_records accruing_rupees",
sorted by owed rupees descending, then wing, then xen."""
import csv, datetime as dt, math, sqlite3, sys

RATE = {"NO_SUPPLY": 50, "LINE_BREAKDOWN": 100, "TRANSFORMER": 150, "VOLTAGE": 100,
        "METER": 50, "SMART_METER": 50, "BILLING": 50, "PAYMENT": 50,
        "NEW_CONNECTION": 100, "LOAD_CHANGE": 50}
HOURS = {"NO_SUPPLY": 4, "LINE_BREAKDOWN": 6, "TRANSFORMER": 6, "VOLTAGE": 240,
         "METER": 168, "SMART_METER": 168, "BILLING": 168, "PAYMENT": 168,
         "NEW_CONNECTION": 168, "LOAD_CHANGE": 168}
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def day_start(ymd):
    y, m, d = map(int, ymd.split("-"))
    return int(dt.datetime(y, m, d, tzinfo=IST).timestamp())


def iso(t):
    return "" if t is None else dt.datetime.fromtimestamp(t, IST).isoformat()


def ledger(db, d0, d1):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = []
    for r in con.execute("SELECT * FROM record"):
        if r["category"] not in RATE or r["status"] == "REJECTED":
            continue
        reg, disp = r["registered"], r["disposed"]
        if disp is not None and disp < reg:
            continue  # TIME_ANOMALY
        deadline = reg + HOURS[r["category"]] * 3600
        if r["status"] == "RESOLVED" and d0 <= disp < d1:
            status, end = "owed", disp
        elif reg < d1 and (disp is None or disp >= d1):
            status, end = "accruing", d1
        else:
            continue
        late = max(0, math.ceil((end - deadline) / 86400)) if end > deadline else 0
        if late == 0:
            continue
        owed = status == "owed"
        rows.append({"status": status, "record_id": r["record_id"], "source": r["source"],
                     "account": r["account"] or "", "category": r["category"],
                     "wing": r["wing"], "xen_id": r["xen_id"], "registered": iso(reg),
                     "sop_deadline": iso(deadline), "disposed": iso(disp) if owed else "",
                     "days_late": str(late), "rupees_per_day": str(RATE[r["category"]]),
                     "rupees": str(late * RATE[r["category"]]),
                     "pay_by": iso(disp + 60 * 86400) if owed else "",
                     "returned_to_applicant": str(r["return_count"])})
    rows.sort(key=lambda x: (x["status"] != "owed", x["record_id"].encode(), x["source"].encode()))
    wings = {w for (w,) in con.execute("SELECT wing FROM org_xen")} | {x["wing"] for x in rows}
    return rows, sorted(wings | {"ALL"}, key=lambda s: s.encode())


def indian(n):
    """Indian digit grouping: the last three digits, then pairs."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:]); head = head[:-2]
    return ",".join([head] + pairs + [tail])


def by_wing(rows, wings):
    out = {w: [0, 0, 0, 0] for w in wings}
    for x in rows:
        k = 0 if x["status"] == "owed" else 2
        for w in (x["wing"], "ALL"):
            out[w][k] += 1
            out[w][k + 1] += int(x["rupees"])
    return out


def main():
    args = [a for a in sys.argv[1:] if a not in ("--month", "--xens")]
    db, daydir, first, last = args
    d1 = day_start(last) + 86400
    if "--month" in sys.argv:
        rows, wings = ledger(db, day_start(last[:8] + "01"), d1)
        a = by_wing(rows, wings)["ALL"]
        print(a[0], a[1], indian(a[1]))
        return 0
    if "--xens" in sys.argv:
        rows, _ = ledger(db, day_start(last[:8] + "01"), d1)
        xens = {(w, x): [0, 0, 0, 0, 0] for (w, x) in
                sqlite3.connect(db).execute("SELECT wing, xen_id FROM org_xen")}
        for r in rows:
            v = xens.setdefault((r["wing"], r["xen_id"]), [0, 0, 0, 0, 0])
            rs = int(r["rupees"])
            if r["status"] == "owed":
                v[0] += 1; v[1] += rs; v[2] += rs if int(r["returned_to_applicant"]) > 0 else 0
            else:
                v[3] += 1; v[4] += rs
        for (w, x), v in sorted(xens.items(), key=lambda kv: (-kv[1][1], kv[0][0], kv[0][1])):
            print(w, x, *v)
        return 0
    rows, wings = ledger(db, day_start(first), d1)
    bad = 0
    with open(f"{daydir}/internal/compensation.csv", encoding="utf-8") as f:
        raw = f.read()
    if not raw.startswith("\ufeff"):
        print("internal/compensation.csv: no byte-order mark"); bad += 1
    got = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
    if len(got) != len(rows):
        print(f"ledger: {len(got)} rows, expected {len(rows)}"); bad += 1
    for i, (g, w) in enumerate(zip(got, rows)):
        if g != w:
            print(f"ledger row {i + 2}:\n  got      {g}\n  expected {w}"); bad += 1
            if bad > 5:
                break
    label = first if first == last else f"{first}/{last}"
    want = by_wing(rows, wings)
    with open(f"{daydir}/open-data/compensation_by_wing.csv", encoding="utf-8") as f:
        got = list(csv.reader(f))
    exp = [["report_date", "wing", "owed_records", "owed_rupees", "accruing_records",
            "accruing_rupees"]] + [[label, w] + [str(v) for v in want[w]] for w in wings]
    if got != exp:
        print(f"by wing:\n  got      {got}\n  expected {exp}"); bad += 1
    owed = sum(1 for x in rows if x["status"] == "owed")
    print(f"{len(rows)} ledger rows ({owed} owed), ALL {want['ALL']}")
    return 1 if bad else 0


sys.exit(main())
