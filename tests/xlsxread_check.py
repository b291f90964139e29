#!/usr/bin/env python3
"""Compares what xlsxread reads from a workbook with what openpyxl reads.

  xlsxread_check.py TOOL WORKBOOK.xlsx [--min-cells N]

TOOL is build/xlsxread_dump. Every sheet but Records (too big for openpyxl
in a test) is read by both; the non-empty cells must be the same cells with
the same values: strings equal, booleans TRUE/FALSE, numbers equal as
numbers, dates (openpyxl turns date-formatted numbers into datetimes) equal
as Excel serial numbers. Prints the cells compared; exit 1 on any
difference (the first ones printed) or when fewer than N cells (default 100)
were compared.
"""
import datetime
import math
import subprocess
import sys
import warnings

import openpyxl
from openpyxl.utils.datetime import to_excel

warnings.simplefilter("ignore")  # openpyxl on extensions it drops
tool, path = sys.argv[1], sys.argv[2]
min_cells = int(sys.argv[sys.argv.index("--min-cells") + 1]) if "--min-cells" in sys.argv else 100

wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
names = [n for n in wb.sheetnames if n != "Records"]
res = subprocess.run([tool, "--cells", ",".join(names), path], capture_output=True, text=True)
if res.returncode != 0:
    print(f"{tool} failed ({res.returncode}): {res.stderr.strip()}")
    sys.exit(1)


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


ours = {}
for line in res.stdout.splitlines():
    _, sheet, row, col, text = line.split("\t", 4)
    ours[(sheet, int(row), int(col))] = unescape(text)

theirs = {}
for n in names:
    for row in wb[n].iter_rows():
        for cell in row:
            v = cell.value
            if v is None or v == "":
                continue
            theirs[(n, cell.row, cell.column)] = v


def same(text, v):
    if isinstance(v, bool):
        return text == ("TRUE" if v else "FALSE")
    if isinstance(v, (int, float)):
        try:
            return float(text) == float(v)
        except ValueError:
            return False
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        try:
            return math.isclose(float(text), to_excel(v), abs_tol=1e-9)
        except ValueError:
            return False
    return text == str(v)


bad = []
for k in sorted(set(ours) | set(theirs)):
    if k not in ours:
        bad.append(f"{k}: openpyxl {theirs[k]!r}, xlsxread nothing")
    elif k not in theirs:
        bad.append(f"{k}: xlsxread {ours[k]!r}, openpyxl nothing")
    elif not same(ours[k], theirs[k]):
        bad.append(f"{k}: xlsxread {ours[k]!r}, openpyxl {theirs[k]!r}")
print(f"{path}: {len(theirs)} cells in {len(names)} sheets compared, {len(bad)} differ")
for b in bad[:10]:
    print("  " + b)
sys.exit(1 if bad or len(theirs) < min_cells else 0)
