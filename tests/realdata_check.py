#!/usr/bin/env python3
"""realdata_check.py LAYOUT.ini EXPORT.csv SLA_BY_WING.csv FROM TO [HOURS]

An independent computation, in plain Python (csv, zoneinfo), of the
organisation row ('ALL') of sla_by_wing.csv for a foreign layout over the
days FROM..TO: which rows load (id, times, status), each record's deadline
(the row's own due date, or registered + HOURS when the layout maps none),
its judgement per METRICS.md, and the counted figures. Reads from the
template only the column names, the time format, the zone and the status
vocabulary. Exit 0 when every figure equals the file's, else 1 (the
differences printed)."""
import configparser, csv, datetime as dt, sys
from zoneinfo import ZoneInfo

FMT = {"ymd24": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M"],
       "mdy12": ["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p"],
       "mdy": ["%m/%d/%y %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M:%S"]}
STD = {"America/New_York": -5, "America/Los_Angeles": -8, "America/Chicago": -6}

def main():
    ini, export, wing_csv, d_from, d_to = sys.argv[1:6]
    hours = float(sys.argv[6]) if len(sys.argv) > 6 else 24.0
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.optionxform = str
    cp.read(ini, encoding="utf-8")
    lay, fld = cp["layout"], cp["fields"]
    zone = ZoneInfo(lay["time_zone"])
    std = dt.timedelta(hours=STD[lay["time_zone"]])
    fmts = FMT[lay["time_format"]]
    status_map = {k.strip().lower(): v.strip() for k, v in cp["status"].items()}

    def instant(s):
        s = s.strip()
        for f in fmts:
            try:
                naive = dt.datetime.strptime(s, f)
            except ValueError:
                continue
            a = naive.replace(tzinfo=zone, fold=0)
            b = naive.replace(tzinfo=zone, fold=1)
            pick = b if b.utcoffset() == std else a  # the standard-time reading
            return int(pick.timestamp())
        raise ValueError(s)

    def day_start(s):
        d = dt.date.fromisoformat(s)
        return instant(d.strftime("%m/%d/%Y 12:00:00 AM") if lay["time_format"] == "mdy12"
                       else d.strftime("%m/%d/%y 0:00") if lay["time_format"] == "mdy"
                       else d.strftime("%Y-%m-%d 00:00:00"))

    d0 = day_start(d_from)
    d1 = day_start((dt.date.fromisoformat(d_to) + dt.timedelta(days=1)).isoformat())
    c = dict(received=0, resolved=0, rejected=0, met=0, breached=0, pending_end=0, overdue_end=0)
    loaded = 0
    with open(export, encoding="utf-8-sig", newline="") as f:
        rows = csv.DictReader(f)
        for r in rows:
            if not r.get(fld["record_id"], "").strip():
                continue
            st = status_map.get((r.get(fld["status"]) or "").strip().lower())
            if st is None:
                continue
            try:
                reg = instant(r[fld["registered"]])
                disp = instant(r[fld["disposed"]]) if st != "OPEN" else None
                due = None
                if "due" in fld and r[fld["due"]].strip():
                    due = instant(r[fld["due"]])
                for col in fld.get("last_updated", "").split(","):
                    if col.strip() and r[col.strip()].strip():
                        instant(r[col.strip()])
            except (ValueError, KeyError):
                continue
            loaded += 1
            if disp is not None and disp < reg:
                continue  # TIME_ANOMALY: left out of every figure
            deadline = due if "due" in fld else reg + int(hours * 3600)
            if d0 <= reg < d1: c["received"] += 1
            if disp is not None and d0 <= disp < d1:
                c["resolved" if st == "RESOLVED" else "rejected"] += 1
            if deadline is not None:
                if st == "RESOLVED" and disp <= deadline:
                    if d0 <= disp < d1: c["met"] += 1
                elif st == "REJECTED" and disp <= deadline:
                    pass
                elif d0 <= deadline < d1:
                    c["breached"] += 1
            if reg < d1 and (disp is None or disp >= d1):
                c["pending_end"] += 1
                if deadline is not None and deadline < d1: c["overdue_end"] += 1
    got = next(r for r in csv.DictReader(open(wing_csv)) if r["wing"] == "ALL")
    bad = [(k, v, int(got[k])) for k, v in c.items() if int(got[k]) != v]
    print("independent:", c, "loaded", loaded)
    if bad:
        print("MISMATCH (figure, independent, nivaran):", bad)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
