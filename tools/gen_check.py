#!/usr/bin/env python3
"""gen_check.py — independent check of `nivaran gen`'s ground truth.

Usage: tools/gen_check.py DIR [--org ORG.csv] [--end YYYY-MM-DD] [-v]

Reads every KESCO export in DIR (snapshot or nightly files; repeats merged by
the rule of EXPORTS.md: later LAST_UPDATED wins, on a tie a disposed state
beats an open one, then the raw text that sorts later), applies the rules of
FLAGS.md with their defaults (SLA profile md-24h: 24 h for every category)
written here from the spec, in plain Python, without the generator's code, and
compares the flags found with DIR/ground_truth.csv. Also checks that no two
rows of one record tie on LAST_UPDATED with different content, and that
gen_manifest.csv's counts equal the rows and distinct ids read.
Exit status 0 when everything agrees, 1 otherwise (differences printed).
"""
import csv
import datetime as dt
import glob
import os
import re
import sys
from collections import defaultdict

H = 3600
MIN_FAST = {"TRANSFORMER": 60, "LINE_BREAKDOWN": 20, "METER": 30, "SMART_METER": 30,
            "NEW_CONNECTION": 240, "INDUSTRIAL_CONNECTION": 240}
CAT_1912 = {
    ("SUPPLY RELATED", "NO SUPPLY"): "NO_SUPPLY", ("SUPPLY RELATED", "FUSE OFF"): "NO_SUPPLY",
    ("SUPPLY RELATED", "LINE BREAKDOWN"): "LINE_BREAKDOWN",
    ("SUPPLY RELATED", "WIRE SNAPPED"): "LINE_BREAKDOWN",
    ("TRANSFORMER RELATED", "TRANSFORMER DAMAGED"): "TRANSFORMER",
    ("SUPPLY RELATED", "VOLTAGE FLUCTUATION"): "VOLTAGE",
    ("SUPPLY RELATED", "LOW VOLTAGE"): "VOLTAGE",
    ("SAFETY RELATED", "SPARKING"): "SAFETY", ("SAFETY RELATED", "POLE LEANING"): "SAFETY",
    ("BILL RELATED", "WRONG BILL"): "BILLING", ("BILL RELATED", "BILL NOT RECEIVED"): "BILLING",
    ("BILL RELATED", "PAYMENT NOT UPDATED"): "PAYMENT",
    ("CONNECTION RELATED", "PD"): "DISCONNECTION",
    ("CONNECTION RELATED", "RECONNECTION"): "DISCONNECTION",
    ("METER RELATED", "METER FAULTY"): "METER", ("METER RELATED", "METER BURNT"): "METER",
    ("METER RELATED", "SMART METER"): "SMART_METER",
    ("CONNECTION RELATED", "NEW CONNECTION"): "NEW_CONNECTION",
}
CAT_JP = {"NEW CONNECTION": "NEW_CONNECTION", "LOAD CHANGE": "LOAD_CHANGE",
          "NAME CHANGE": "NAME_CHANGE", "CATEGORY CHANGE": "CATEGORY_CHANGE"}
CAT_NM = {"Electricity Connection (HT/LT Industrial)": "INDUSTRIAL_CONNECTION",
          "Load Enhancement": "LOAD_CHANGE"}
WING = {"NO_SUPPLY": "TECHNICAL", "LINE_BREAKDOWN": "TECHNICAL", "TRANSFORMER": "TECHNICAL",
        "VOLTAGE": "TECHNICAL", "SAFETY": "TECHNICAL", "BILLING": "COMMERCIAL",
        "PAYMENT": "COMMERCIAL", "DISCONNECTION": "COMMERCIAL", "NAME_CHANGE": "COMMERCIAL",
        "LOAD_CHANGE": "COMMERCIAL", "CATEGORY_CHANGE": "COMMERCIAL", "METER": "TESTING",
        "SMART_METER": "TESTING", "NEW_CONNECTION": "PROJECT",
        "INDUSTRIAL_CONNECTION": "PROJECT"}
EPOCH = dt.datetime(1970, 1, 1)


def key(s):
    return " ".join((s or "").split()).lower()


def login(s):
    return " ".join((s or "").split()).upper()


def secs(d):
    return int((d - EPOCH).total_seconds())  # IST wall-clock seconds


def t_1912(s):
    return secs(dt.datetime.strptime(s.strip(), "%d/%m/%Y %I:%M:%S %p"))


def t_iso(s):
    d = dt.datetime.fromisoformat(s.strip())
    assert d.utcoffset() == dt.timedelta(hours=5, minutes=30), s
    return secs(d.replace(tzinfo=None))


def t_nm(s):
    return secs(dt.datetime.strptime(s.strip(), "%d-%b-%Y %H:%M"))


def mobile(s):
    digits = re.sub(r"\D", "", s or "")
    return digits[-10:] if len(digits) >= 10 else None


def parse(source, row):
    """A canonical record from one row."""
    r = {"source": source}
    if source == "1912":
        r["id"] = row["COMPLAINT_NO"]
        r["reg"] = t_1912(row["ENTRYDATE"])
        st = row["COMPLAINT_STATUS"].strip()
        r["status"] = ("RESOLVED" if st in ("CLOSED", "CLOSE", "Closed") else
                       "REJECTED" if st == "REJECTED" else "OPEN")
        assert st in ("OPEN", "ASSIGNED", "IN PROGRESS", "RE-OPENED", "CLOSED", "CLOSE",
                      "Closed", "REJECTED"), st
        r["disp"] = t_1912(row["CLOSINGDATE"]) if r["status"] != "OPEN" else None
        r["lu"] = t_1912(row["LAST_UPDATED"])
        r["cat"] = CAT_1912.get((row["COM_TYPE_NAME"], row["COM_SUB_TYPE_NAME"]), "UNMAPPED")
        r["mobile"] = mobile(row["MOBILENO"])
        r["account"] = row["CUSTOMERACNTNO"].strip() or None
        r["sub"] = row["SUBDIVISION"]
        r["login"] = login(row["CLOSEDBY"])
        r["otp"] = row["OTP_VERIFIED"].strip()
        r["feedback"] = row["FEEDBACK"].strip()
    elif source == "JHATPAT":
        r["id"] = row["APPLICATION_ID"]
        r["reg"] = t_iso(row["APPLIED_ON"])
        st = row["STATUS"].strip()
        r["status"] = ("RESOLVED" if st in ("CONNECTED", "COMPLETED") else
                       "REJECTED" if st == "REJECTED" else "OPEN")
        r["lu"] = t_iso(row["STATUS_DATE"])
        r["disp"] = (t_iso(row["COMPLETED_ON"]) if r["status"] == "RESOLVED" else
                     r["lu"] if r["status"] == "REJECTED" else None)
        r["cat"] = CAT_JP.get(row["SERVICE"].strip(), "UNMAPPED")
        r["mobile"] = mobile(row["MOBILE"])
        r["account"] = row["ACCOUNT_NO"].strip() or None
        r["sub"] = row["SUBDIVISION"]
        r["login"] = login(row["ASSIGNED_OFFICER"])
    else:
        r["id"] = row["NM Application No"]
        r["reg"] = t_nm(row["Applied Date"])
        st = row["Status"].strip()
        r["status"] = ("RESOLVED" if st == "Approved" else
                       "REJECTED" if st == "Rejected" else "OPEN")
        r["disp"] = t_nm(row["Approval/Rejection Date"]) if r["status"] != "OPEN" else None
        r["lu"] = max(r["reg"], r["disp"] or r["reg"])
        r["cat"] = CAT_NM.get(row["Service Name"].strip(), "UNMAPPED")
        r["mobile"] = mobile(row["Contact No"])
        r["account"] = row["Account No"].strip() or None
        r["sub"] = row["Sub Division"]
        r["login"] = ""
    r["app"] = source != "1912"
    r["subkey"] = key(r["sub"])
    return r


SOURCES = [("kesco_1912_complaints_", "1912"), ("jhatpat_applications_", "JHATPAT"),
           ("niveshmitra_applications_", "NIVESH_MITRA")]


def load(d, problems):
    recs, rows_in, ids = {}, {}, defaultdict(set)
    for prefix, source in SOURCES:
        for path in sorted(glob.glob(os.path.join(d, prefix + "*.csv"))):
            n = 0
            with open(path, encoding="utf-8-sig", newline="") as f:
                for row in csv.DictReader(f):
                    n += 1
                    raw = "\x1f".join(row[k] for k in row)
                    r = parse(source, row)
                    r["raw"] = raw
                    k = (source, r["id"])
                    ids[source].add(r["id"])
                    old = recs.get(k)
                    if old is None:
                        recs[k] = r
                        continue
                    if old["lu"] == r["lu"] and old["raw"] != r["raw"]:
                        problems.append("tie on LAST_UPDATED with different content: %s %s"
                                        % k)
                    if (r["lu"], r["status"] != "OPEN", r["raw"]) > \
                            (old["lu"], old["status"] != "OPEN", old["raw"]):
                        recs[k] = r
            rows_in[os.path.basename(path)] = (source, n)
    return list(recs.values()), rows_in, ids


def load_org(path):
    org = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for s in row["subdivisions"].split(";"):
                org[(row["wing"], key(s))] = row["xen_id"]
    return org


def quantile7(v, p):
    v = sorted(v)
    h = (len(v) - 1) * p
    lo = int(h // 1)
    if lo + 1 >= len(v):
        return v[-1]
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo])


def rules(recs, org, end_day):
    flags = set()
    for r in recs:
        r["xen"] = org.get((WING.get(r["cat"], "UNMAPPED"), r["subkey"]), "UNASSIGNED")
        r["anom"] = r["disp"] is not None and r["disp"] < r["reg"]
        if r["anom"]:
            flags.add(("TIME_ANOMALY", r["id"], r["source"], r["xen"], ""))
    ok = [r for r in recs if not r["anom"]]
    res = [r for r in ok if r["status"] == "RESOLVED"]
    fast, rep = set(), set()
    for r in res:
        m = MIN_FAST.get(r["cat"])
        if m is not None and r["disp"] - r["reg"] < m * 60:
            fast.add((r["source"], r["id"]))
            flags.add(("FAST_CLOSE", r["id"], r["source"], r["xen"], ""))
    # BULK_CLOSE
    by_login = defaultdict(list)
    for r in res:
        if r["login"]:
            by_login[r["login"]].append(r)
    for lst in by_login.values():
        lst.sort(key=lambda r: r["disp"])
        j = 0
        for i in range(len(lst)):
            while j + 1 < len(lst) and lst[j + 1]["disp"] - lst[i]["disp"] <= 900:
                j += 1
            j = max(j, i)
            win = lst[i:j + 1]
            if len(win) >= 10 and len({r["subkey"] for r in win}) >= 3:
                for r in win:
                    flags.add(("BULK_CLOSE", r["id"], r["source"], r["xen"], ""))
    # TOUT_PHONE
    by_mob = defaultdict(list)
    for r in ok:
        if r["mobile"]:
            by_mob[r["mobile"]].append(r)
    for lst in by_mob.values():
        if len(lst) < 4:
            continue
        for r in lst:
            accts = set()
            for o in lst:
                if abs(o["reg"] - r["reg"]) <= 30 * 86400:
                    accts.add(o["account"] or ("__none__", o["source"], o["id"]))
            if len(accts) >= 4:
                flags.add(("TOUT_PHONE", r["id"], r["source"], r["xen"], ""))
    # QUEUE_JUMP
    queues = defaultdict(list)
    for r in ok:
        if r["app"]:
            queues[(r["cat"], r["subkey"])].append(r)
    for lst in queues.values():
        lst.sort(key=lambda r: r["reg"])
        for r in lst:
            if r["status"] != "RESOLVED":
                continue
            t = r["disp"]
            n = 0
            for o in lst:
                if o["reg"] > r["reg"] - 48 * H:
                    break
                if o["disp"] is None or o["disp"] > t:
                    n += 1
            if n >= 3:
                flags.add(("QUEUE_JUMP", r["id"], r["source"], r["xen"], ""))
    # REPEAT_AFTER_CLOSE
    by_acct = defaultdict(list)
    for r in ok:
        if r["source"] == "1912" and r["account"]:
            by_acct[(r["account"], r["cat"])].append(r)
    for lst in by_acct.values():
        if len(lst) < 2:
            continue
        for r in lst:
            if r["status"] != "RESOLVED":
                continue
            if any(o is not r and r["disp"] <= o["reg"] <= r["disp"] + 72 * H for o in lst):
                rep.add((r["source"], r["id"]))
                flags.add(("REPEAT_AFTER_CLOSE", r["id"], r["source"], r["xen"], ""))
    # Officer level: 30 days ending with end_day.
    E = (end_day + 1) * 86400
    W0 = E - 30 * 86400
    day = (EPOCH + dt.timedelta(days=end_day)).strftime("%Y-%m-%d")
    cnt = defaultdict(lambda: defaultdict(int))
    for r in ok:
        if r["status"] == "OPEN" or not (W0 <= r["disp"] < E):
            continue
        c = cnt[r["xen"]]
        if r["status"] == "REJECTED":
            c["rejected"] += 1
            continue
        c["resolved"] += 1
        d = r["disp"] - r["reg"]
        c["hug"] += 23 * H < d <= 24 * H
        c["fast"] += (r["source"], r["id"]) in fast
        c["repeat"] += (r["source"], r["id"]) in rep
        if r["source"] == "1912":
            c["res1912"] += 1
            c["otpn"] += r["otp"] == "N"
            if r["feedback"]:
                c["fb"] += 1
                c["notsat"] += r["feedback"] == "NOT SATISFIED"
    spec = {"DEADLINE_HUG": ("hug", ("resolved",)),
            "HIGH_REJECTION": ("rejected", ("resolved", "rejected")),
            "UNVERIFIED_CLOSE": ("otpn", ("res1912",)),
            "DISSATISFIED": ("notsat", ("fb",)),
            "FAST_CLOSE_RATE": ("fast", ("resolved",)),
            "REPEAT_RATE": ("repeat", ("resolved",))}
    table = {}
    for code, (num, dens) in spec.items():
        rates = {}
        for x, c in cnt.items():
            den = sum(c[k] for k in dens)
            if c["resolved"] >= 20 and den > 0:
                rates[x] = (c[num] / den, c[num])
        if not rates:
            continue
        vals = [v for v, _ in rates.values()]
        q1, q3 = quantile7(vals, 0.25), quantile7(vals, 0.75)
        fence = q3 + 1.5 * (q3 - q1)
        table[code] = (fence, rates)
        if fence <= 0:
            continue
        for x, (v, n) in rates.items():
            if v > fence and n >= 3:
                flags.add((code, "", "", x, day))
    return flags, table


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    org_path, end = None, None
    if "--org" in args:
        i = args.index("--org")
        org_path = args[i + 1]
        del args[i:i + 2]
    if "--end" in args:
        i = args.index("--end")
        end = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    d = args[0]
    if org_path is None:
        here = os.path.dirname(os.path.abspath(__file__))
        for cand in (os.path.join(here, "..", "templates", "org", "kesco-org.csv"),
                     "/work/shared/spec/kesco-org.csv"):
            if os.path.exists(cand):
                org_path = cand
                break
    problems = []
    recs, rows_in, ids = load(d, problems)
    if end is None:
        dates = [re.search(r"(\d{4}-\d{2}-\d{2})\.csv$", f).group(1) for f in rows_in]
        end = max(dates)
    end_day = (dt.datetime.strptime(end, "%Y-%m-%d") - EPOCH).days
    found, table = rules(recs, org_path and load_org(org_path), end_day)
    with open(os.path.join(d, "ground_truth.csv"), encoding="utf-8", newline="") as f:
        truth = {tuple(row[k] for k in ("flag_code", "record_id", "source", "xen_id",
                                         "report_day")) for row in csv.DictReader(f)}
    for x in sorted(truth - found):
        problems.append("in ground_truth.csv but not found by the rules: %s" % (x,))
    for x in sorted(found - truth):
        problems.append("found by the rules but not in ground_truth.csv: %s" % (x,))
    # The manifest.
    man = os.path.join(d, "gen_manifest.csv")
    with open(man, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "file":
                got = rows_in.get(row["name"], (None, None))[1]
                if got != int(row["count"]):
                    problems.append("manifest: %s has %s rows, manifest says %s"
                                    % (row["name"], got, row["count"]))
            elif row["kind"] == "records":
                if len(ids[row["source"]]) != int(row["count"]):
                    problems.append("manifest: %s has %d ids, manifest says %s"
                                    % (row["source"], len(ids[row["source"]]), row["count"]))
    codes = defaultdict(int)
    for x in found:
        codes[x[0]] += 1
    print("records: %s" % ", ".join("%s %d" % (s, len(v)) for s, v in sorted(ids.items())))
    print("flags found: %s" % ", ".join("%s %d" % kv for kv in sorted(codes.items())))
    if verbose:
        for code, (fence, rates) in sorted(table.items()):
            top = sorted(rates.items(), key=lambda kv: -kv[1][0])[:4]
            print("  %-17s fence %.4f  top: %s" % (code, fence, ", ".join(
                "%s %.4f (%d)" % (x, v, n) for x, (v, n) in top)))
    for p in problems[:50]:
        print("PROBLEM:", p)
    if len(problems) > 50:
        print("... %d problems in all" % len(problems))
    print("OK: ground truth confirmed" if not problems else "MISMATCH")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
