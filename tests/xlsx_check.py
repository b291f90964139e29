#!/usr/bin/env python3
"""xlsx_check.py -- reads the wing workbooks of one report folder back with
openpyxl and checks them against the open data of the same run, the layout
template and (with --db) the database, queried independently.

usage: xlsx_check.py DAY_DIR --date YYYY-MM-DD [--db FILE] [--tz Asia/Kolkata]
                     [--template templates/workbook.ini] [--wings A,B]
                     [--expect FILE]
--expect FILE: lines "wing|sheet|key|heading_en|value" -- the cell in the row
whose first column (English part) is key, under the column whose English
heading is heading_en, must equal value ("" = empty cell).
Prints one line per problem and "xlsx_check: N workbooks OK" at the end;
exit status 1 when anything is wrong.
"""
import argparse
import configparser
import csv
import datetime as dt
import glob
import os
import re
import sqlite3
import sys
import zipfile
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import warnings
from fractions import Fraction

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsx_layout  # noqa: E402  (the checks of issue 15's workbook layout)

warnings.filterwarnings("ignore", module="openpyxl")

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
      'pr': 'http://schemas.openxmlformats.org/package/2006/relationships'}
NUMERIC = {'int', 'num', 'pct', 'hours', 'secs_h', 'secs_d', 'change_pct', 'change_h'}
problems = []


def bad(msg):
    problems.append(msg)
    print('xlsx_check: ' + msg)


def en(s):
    return (s or '').split(' / ')[0]


def load_words(path):
    """The organisation's English words (templates/org/words.ini) by
    placeholder, read here independently of the engine."""
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(path, encoding='utf-8')
    return {'{%s}' % k: v.split('|')[0].strip() for k, v in cp['words'].items() if k != 'languages'}


def load_names(path):
    """kind -> code -> (English, Hindi) of templates/org/names.ini, read here
    independently of the engine."""
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(path, encoding='utf-8')
    out = {}
    for kind in ('category', 'flag', 'wing', 'status'):
        out[kind] = {}
        if kind in cp:
            for k, v in cp[kind].items():
                e, _, h = v.partition('|')
                out[kind][k] = (e.strip(), h.strip())
    return out


NAMES = {}


def shown_name(kind, code):
    """What a names column shows for code: "English / हिन्दी" (Hindi when it
    differs), the code itself when names.ini does not name it."""
    e, h = NAMES.get(kind, {}).get(code, (code, ''))
    return '%s / %s' % (e, h) if h and h != e else e


def excel_int(fmt, v):
    """v (an int) as Excel shows it under number format fmt: the first
    section whose [>=N] condition holds (else the last), its digit
    placeholders filled from the right, an escaped comma a literal one, a
    bare comma between placeholders thousands grouping."""
    pat = fmt.split(';')[-1]
    for sec in fmt.split(';'):
        m = re.match(r'\[>=(\d+)\](.*)', sec)
        if m and v >= int(m.group(1)):
            pat = m.group(2)
            break
    if '\\,' not in pat:
        return '{:,}'.format(v) if ',' in pat else str(v)
    digits, out, i = list(str(v)), [], len(pat) - 1
    while i >= 0:
        ch = pat[i]
        if ch in '#0':
            if digits:
                out.append(digits.pop())
            elif ch == '0':
                out.append('0')
        elif ch == ',' and i > 0 and pat[i - 1] == '\\':
            out.append(',')
            i -= 1
        i -= 1
    out.extend(reversed(digits))  # the leftmost placeholder takes the rest
    return ''.join(reversed(out)).lstrip(',')


def load_template(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(path, encoding='utf-8')
    words = load_words(os.path.join(os.path.dirname(path), 'org', 'words.ini'))
    for sec in cp.sections():
        for k, v in cp[sec].items():
            for w, x in words.items():
                v = v.replace(w, x)
            cp[sec][k] = v
    sheets = {}
    for sec in cp.sections():
        if sec.startswith('sheet:'):
            sid = sec[6:]
            sheets[sid] = {'name': cp[sec].get('name'), 'kind': cp[sec].get('kind', 'table'),
                           'cols': []}
        elif sec.startswith('col:'):
            _, sid, field = sec.split(':', 2)
            sheets[sid]['cols'].append({'field': cp[sec].get('field', field),
                                        'en': cp[sec].get('heading_en'),
                                        'names': cp[sec].get('names'),
                                        'type': cp[sec].get('type', 'text')})
    return sheets


def sheet_xml(z):
    """sheet name -> path of its XML in the zip."""
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels.findall('pr:Relationship', NS)}
    out = {}
    for s in wb.find('m:sheets', NS).findall('m:sheet', NS):
        rid = s.get('{%s}id' % NS['r'])
        out[s.get('name')] = 'xl/' + target[rid].lstrip('/').replace('xl/', '', 1)
    return out


def table(ws):
    """(header row index, headings (English), data rows) of a table sheet:
    the header is the last row of the frozen pane."""
    rows = list(ws.iter_rows(values_only=True))
    return rows


def read_csv(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def num_eq(cell, text):
    if text == '':
        return cell is None
    if cell is None or isinstance(cell, str):
        return False
    return abs(float(cell) - float(text)) < 1e-9


class Book:
    def __init__(self, path, tpl):
        self.path = path
        self.z = zipfile.ZipFile(path)
        self.xml = sheet_xml(self.z)
        self.wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.tpl = tpl
        self.cache = {}

    def pane_row(self, name):
        """Row (1-based) of the top-left unfrozen cell, or None."""
        x = self.z.read(self.xml[name]).decode('utf-8')
        m = re.search(r'<pane [^>]*topLeftCell="[A-Z]+(\d+)"[^>]*state="frozen"', x)
        return int(m.group(1)) if m else None

    def has_autofilter(self, name):
        return '<autoFilter ' in self.z.read(self.xml[name]).decode('utf-8')

    def rows(self, name):
        if name not in self.cache:
            self.cache[name] = list(self.wb[name].iter_rows(values_only=True))
        return self.cache[name]

    def grid(self, name):
        """(headings in English, list of dict rows) below the frozen header."""
        rows = self.rows(name)
        top = self.pane_row(name)
        hdr = rows[top - 2]
        heads = [en(h) for h in hdr]
        data = []
        for r in rows[top - 1:]:
            if r is None or all(v is None for v in r):
                continue
            data.append(dict(zip(heads, r)))
        return heads, data


def check_structure(b, wing, date):
    z = b.z
    names = list(b.xml)
    want = [s['name'] for s in b.tpl.values()]
    if names[-1:] == ['Compensation']:  # added by the program for an organisation with a
        want.append('Compensation')      # compensation schedule (tests/e2e/compensation.sh)
    if names != want:
        bad('%s: sheets %s, template says %s' % (b.path, names, want))
    for n in names:
        if len(n) > 31:
            bad('%s: sheet name over 31 characters: %s' % (b.path, n))
        if b.pane_row(n) is None:
            bad('%s: sheet %s has no frozen pane' % (b.path, n))
    for sid, s in b.tpl.items():
        if s['kind'] == 'table' and not b.has_autofilter(s['name']):
            bad('%s: sheet %s has no autofilter' % (b.path, s['name']))
    charts = [n for n in z.namelist() if n.startswith('xl/charts/chart')]
    kinds = ''.join(z.read(n).decode('utf-8') for n in charts)
    if kinds.count('<c:lineChart>') < 2:  # the XEN chart (a dot plot) and the trend
        bad('%s: %d line charts, expected the XEN chart and the trend'
            % (b.path, kinds.count('<c:lineChart>')))
    core = z.read('docProps/core.xml').decode('utf-8')
    app = z.read('docProps/app.xml').decode('utf-8')
    if '<dc:creator>nivaran</dc:creator>' not in core:
        bad('%s: author is not nivaran' % b.path)
    if '<dc:title>' not in core or '<dc:subject>' not in core:
        bad('%s: title or subject missing' % b.path)
    if '<Company>' not in app:
        bad('%s: company missing' % b.path)
    if '%sT00:00:00Z' % date.split('/')[-1] not in core:
        bad('%s: created is not the report day' % b.path)
    summary = b.rows(b.tpl['summary']['name'])
    links = [z.read(b.xml[b.tpl['summary']['name']]).decode('utf-8').count('<hyperlink ')]
    if links[0] != len(names) - 1:
        bad('%s: %d hyperlinks on the summary, %d sheets' % (b.path, links[0], len(names) - 1))
    if not summary or shown_name('wing', wing).split(' / ')[0] not in (summary[0][0] or ''):
        bad('%s: summary title does not name the wing %r' % (b.path, shown_name('wing', wing)))


def check_names(b):
    """Every names column shows the plain name (names.ini, read here) of the
    code in the column beside it of the same field, which keeps the code."""
    n = 0
    for sid, s in b.tpl.items():
        if s['kind'] != 'table':
            continue
        heads, data = b.grid(s['name'])
        for col in s['cols']:
            if not col['names']:
                continue
            code = [c for c in s['cols'] if c['field'] == col['field'] and not c['names']]
            if not code:
                bad('%s: %s: no code column beside %s' % (b.path, s['name'], col['en']))
                continue
            for r in data:
                c = r.get(code[0]['en'])
                if c is None or (isinstance(r[heads[0]], str) and r[heads[0]].startswith('Total')):
                    continue
                if r.get(col['en']) != shown_name(col['names'], c):
                    bad('%s: %s/%s shows %r for %r, names.ini says %r' % (
                        b.path, s['name'], col['en'], r.get(col['en']), c,
                        shown_name(col['names'], c)))
                    break
                n += 1
    return n


def check_grouping(b, grouping):
    """The int cells of By XEN show 1234567 as the grouping says (the
    cells' number format applied here by hand)."""
    want = '12,34,567' if grouping == 'indian' else '1,234,567'
    s = b.tpl['by_xen']
    ws = b.wb[s['name']]
    top = b.pane_row(s['name'])
    heads, _ = b.grid(s['name'])
    ints = {heads.index(c['en']) for c in s['cols'] if c['type'] == 'int' and c['en'] in heads}
    if not ints:
        bad('%s: By XEN has no int column' % b.path)
    for row in ws.iter_rows(min_row=top, max_row=top):
        for k, cell in enumerate(row):
            if k in ints and cell.value is not None and \
                    excel_int(cell.number_format, 1234567) != want:
                bad('%s: By XEN %s: format %r shows 1234567 as %r, not %r' % (
                    b.path, cell.coordinate, cell.number_format,
                    excel_int(cell.number_format, 1234567), want))
                return


def check_types(b):
    """Cells hold what the template's type says: numbers as numbers."""
    for sid, s in b.tpl.items():
        if s['kind'] != 'table':
            continue
        heads, data = b.grid(s['name'])
        for col in s['cols']:
            h = col['en']
            if h not in heads:
                bad('%s: %s lacks column %s' % (b.path, s['name'], h))
                continue
            for r in data:
                v = r[h]
                first = r[heads[0]]
                if v is None or (isinstance(first, str) and first.startswith('Total')):
                    continue
                t = col['type']
                if t in NUMERIC and not isinstance(v, (int, float)):
                    bad('%s: %s/%s holds %r, not a number' % (b.path, s['name'], h, v))
                    break
                if t == 'datetime' and not isinstance(v, dt.datetime):
                    bad('%s: %s/%s holds %r, not a date' % (b.path, s['name'], h, v))
                    break
                if t == 'masked_mobile' and not re.fullmatch(r'\d\dX+\d\d|X{1,4}', str(v)):
                    bad('%s: %s/%s holds %r, not a masked mobile' % (b.path, s['name'], h, v))
                    break


FIGS = [('Received', 'received'), ('Resolved', 'resolved'), ('Rejected', 'rejected'),
        ('Met', 'met'), ('Breached', 'breached'), ('Compliance %', 'compliance_pct'),
        ('Median hours', 'median_hours'), ('90th percentile hours', 'p90_hours'),
        ('Pending at end', 'pending_end'), ('Overdue at end', 'overdue_end')]


def check_figures(b, wing, xen_csv, wing_csv):
    name = b.tpl['by_xen']['name']
    heads, data = b.grid(name)
    mine = {r['xen_id']: r for r in xen_csv if r['wing'] == wing}
    got = {r['XEN']: r for r in data}
    if set(mine) != set(got):
        bad('%s: By XEN lists %s, open data %s' % (b.path, sorted(got), sorted(mine)))
    for x, row in mine.items():
        if x not in got:
            continue
        for h, k in FIGS:
            if not num_eq(got[x].get(h), row[k]):
                bad('%s: By XEN %s %s = %r, open data %r' % (b.path, x, h, got[x].get(h), row[k]))
    w = [r for r in wing_csv if r['wing'] == wing]
    if len(w) != 1:
        bad('%s: open data has %d rows for wing %s' % (b.path, len(w), wing))
        return
    w = w[0]
    # Summary: the "This period" column of the report day
    rows = b.rows(b.tpl['summary']['name'])
    labels = {en(r[0]): r for r in rows if r and isinstance(r[0], str)}
    sumlabels = {'Received': 'received', 'Resolved': 'resolved', 'Rejected': 'rejected',
                 'Met (within SLA)': 'met', 'Breached': 'breached',
                 'Compliance %': 'compliance_pct', 'Median hours to resolve': 'median_hours',
                 '90th percentile hours': 'p90_hours', 'Pending at end': 'pending_end',
                 'Overdue at end': 'overdue_end'}
    for lab, k in sumlabels.items():
        r = labels.get(lab)
        if r is None:
            bad('%s: summary lacks row %s' % (b.path, lab))
        elif not num_eq(r[1], w[k]):
            bad('%s: summary %s = %r, open data %r' % (b.path, lab, r[1], w[k]))
    # By category partitions the wing's figures
    heads, data = b.grid(b.tpl['by_category']['name'])
    for h, k in FIGS[:5] + FIGS[8:]:
        s = sum(r[h] or 0 for r in data)
        if s != int(w[k]):
            bad('%s: By category %s sums to %s, open data %s' % (b.path, h, s, w[k]))
    # Open backlog total = pending_end / overdue at end
    heads, data = b.grid(b.tpl['backlog']['name'])
    tot = [r for r in data if isinstance(r[heads[0]], str) and r[heads[0]].startswith('Total')]
    pend = sum(r['Pending'] or 0 for r in data if r not in tot)
    bands = sum((r[h] or 0) for r in data if r not in tot for h in heads[2:6])
    if pend != int(w['pending_end']) or bands != pend:
        bad('%s: backlog pending %s (bands %s), open data %s' % (b.path, pend, bands,
                                                                  w['pending_end']))
    if tot and (tot[0]['Pending'] != pend):
        bad('%s: backlog Total row %r != %s' % (b.path, tot[0]['Pending'], pend))
    # Breached lists exactly the day's breaches
    heads, data = b.grid(b.tpl['breached']['name'])
    if len(data) != int(w['breached']):
        bad('%s: Breached lists %d records, open data %s' % (b.path, len(data), w['breached']))


def day_start(date, tz):
    y, m, d = map(int, date.split('-'))
    return int(dt.datetime(y, m, d, tzinfo=tz).timestamp())


def check_db(b, wing, date, db, tz):
    first, last = (date.split('/') + [date])[:2] if '/' in date else (date, date)
    lastd = dt.date.fromisoformat(last)
    w0d = min(dt.date.fromisoformat(first), lastd - dt.timedelta(days=29))
    w0 = day_start(w0d.isoformat(), tz)
    d0 = day_start(first, tz)
    d1 = day_start((lastd + dt.timedelta(days=1)).isoformat(), tz)
    con = sqlite3.connect(db)
    want = {(s, i): reg for s, i, reg in con.execute(
        'SELECT source, record_id, registered FROM record WHERE wing = ? AND registered >= ? '
        'AND registered < ?', (wing, w0, d1))}
    heads, data = b.grid(b.tpl['records']['name'])
    got = {}
    for r in data:
        got[(str(r['Source']), str(r['Record ID']))] = r['Registered']
    if len(got) != len(data):
        bad('%s: Records has duplicate rows' % b.path)
    if set(got) != set(want):
        bad('%s: Records holds %d records, the database %d for the window (%d missing, %d extra)'
            % (b.path, len(got), len(want), len(set(want) - set(got)), len(set(got) - set(want))))
    for k, reg in want.items():
        v = got.get(k)
        exp = dt.datetime.fromtimestamp(reg, tz).replace(tzinfo=None)
        if v is not None and abs((v - exp).total_seconds()) > 1:
            bad('%s: Records %s registered %s, database %s' % (b.path, k, v, exp))
            break
    # The open register (VERIFY.md): record-level flags of the 30 days
    # ending with the report day, officer-level ones once per (code, XEN)
    # over those days (days listed in Python, not by SQL date arithmetic).
    t0 = day_start((lastd - dt.timedelta(days=29)).isoformat(), tz)
    days30 = {(lastd - dt.timedelta(days=k)).isoformat() for k in range(30)} | {date}
    n_flags = con.execute(
        'SELECT count(*) FROM flag f JOIN record r ON r.rec = f.rec WHERE f.wing = ? AND '
        '((r.registered >= ? AND r.registered < ?) OR (r.disposed >= ? AND r.disposed < ?))',
        (wing, t0, d1, t0, d1)).fetchone()[0]
    n_flags += len({(c, x) for c, x, d in con.execute(
        'SELECT flag_code, xen_id, report_day FROM flag WHERE rec IS NULL AND wing = ?', (wing,))
        if d in days30})
    heads, data = b.grid(b.tpl['flags']['name'])
    if len(data) != n_flags:
        bad('%s: Risk flags lists %d, the database %d' % (b.path, len(data), n_flags))
    rows = b.rows(b.tpl['flags']['name'])
    if not any(r and isinstance(r[0], str) and 'reason to look' in r[0] for r in rows[:6]):
        bad('%s: Risk flags lacks the "reason to look" statement' % b.path)
    con.close()


def pct1(met, judged):
    """100 * met / judged rounded half away from zero to one decimal, in integers."""
    return ((2000 * met + judged) // (2 * judged)) / 10.0


def check_trend(b, wing, date, db, tz):
    """The Summary's 30-day trend block: one row per day ending with the
    report day, each figure counted here straight from the record table."""
    last = dt.date.fromisoformat(date.split('/')[-1])
    rows = b.rows(b.tpl['summary']['name'])
    hdr = [i for i, r in enumerate(rows) if r and isinstance(r[0], str) and en(r[0]) == 'Date']
    if len(hdr) != 1:
        bad('%s: summary has %d trend header rows' % (b.path, len(hdr)))
        return
    got = rows[hdr[0] + 1:hdr[0] + 31]
    con = sqlite3.connect(db)
    ok = '(disposed IS NULL OR disposed >= registered)'
    for i, r in enumerate(got):
        day = last - dt.timedelta(days=29 - i)
        s = day_start(day.isoformat(), tz)
        e = day_start((day + dt.timedelta(days=1)).isoformat(), tz)
        q = lambda where, *a: con.execute('SELECT count(*) FROM record WHERE wing = ? AND ' + where,
                                          (wing,) + a).fetchone()[0]
        want = [q('registered >= ? AND registered < ? AND ' + ok, s, e),
                q("disposed >= ? AND disposed < ? AND status = 'RESOLVED' "
                  "AND disposed >= registered", s, e),
                q("judged_at >= ? AND judged_at < ? AND outcome = 'MET' AND " + ok, s, e),
                q("judged_at >= ? AND judged_at < ? AND outcome = 'BREACHED' AND " + ok, s, e)]
        if not isinstance(r[0], dt.datetime) or r[0].date() != day:
            bad('%s: trend row %d is %r, expected %s' % (b.path, i, r[0], day))
            break
        if list(r[1:5]) != want:
            bad('%s: trend %s %s, database %s' % (b.path, day, list(r[1:5]), want))
            break
        judged = want[2] + want[3]
        if (r[5] is None) != (judged == 0) or (judged and abs(r[5] - pct1(want[2], judged)) > 1e-9):
            bad('%s: trend %s compliance %r, database %s of %s' % (b.path, day, r[5], want[2],
                                                                  judged))
            break
    if len(got) != 30:
        bad('%s: trend has %d days' % (b.path, len(got)))
    con.close()


def hours2(s):
    """Seconds as hours, two decimals, rounded half away from zero in integers."""
    c = (2 * s + 36) // 72 if s >= 0 else -((2 * -s + 36) // 72)
    return c / 100.0


def window_figs(con, wing, xen, a, b):
    """The figures of METRICS.md for one wing (or one XEN of it) over [a, b),
    counted straight from the record table: name -> number or None."""
    w = 'wing = ?' + (' AND xen_id = ?' if xen is not None else '')
    args = (wing,) + ((xen,) if xen is not None else ())
    one = lambda q, *x: con.execute('SELECT count(*) FROM record WHERE ' + w + ' AND ' + q,
                                    args + x).fetchone()[0]
    f = {'received': one('registered >= ? AND registered < ? AND time_anomaly = 0', a, b),
         'resolved': one("disposed >= ? AND disposed < ? AND time_anomaly = 0 "
                         "AND status = 'RESOLVED'", a, b),
         'rejected': one("disposed >= ? AND disposed < ? AND time_anomaly = 0 "
                         "AND status NOT IN ('OPEN', 'RESOLVED')", a, b),
         'met': one("judged_at >= ? AND judged_at < ? AND outcome = 'MET'", a, b),
         'breached': one("judged_at >= ? AND judged_at < ? AND outcome = 'BREACHED'", a, b)}
    pend = ('registered < ? AND (disposed IS NULL OR (disposed >= ? AND time_anomaly = 0))')
    f['pending'] = one(pend, b, b)
    f['overdue'] = one(pend + ' AND deadline < ?', b, b, b)
    t = sorted(r[0] for r in con.execute(
        'SELECT disposed - registered FROM record WHERE ' + w + " AND disposed >= ? AND "
        "disposed < ? AND time_anomaly = 0 AND status = 'RESOLVED'", args + (a, b)))
    f['median'] = hours2(t[(len(t) + 1) // 2 - 1]) if t else None
    f['p90'] = hours2(t[(9 * len(t) + 9) // 10 - 1]) if t else None
    j = f['met'] + f['breached']
    f['compliance'] = pct1(f['met'], j) if j else None
    f['judged'] = j
    f['median_s'] = t[(len(t) + 1) // 2 - 1] if t else None
    return f


def same(cell, want):
    if want is None:
        return cell is None
    return isinstance(cell, (int, float)) and abs(cell - want) < 1e-9


def check_windows(b, wing, date, db, tz):
    """The Summary's day, week and month columns (this and previous) counted
    here from the record table, windows as xlsx.h gives them."""
    first, last = (date.split('/') + [date])[:2] if '/' in date else (date, date)
    f0, D = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    nd = (D - f0).days + 1
    day = lambda d: day_start(d.isoformat(), tz)
    pm_first = (D.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    pm_len = (D.replace(day=1) - pm_first).days
    wins = {1: (day(f0), day(D + dt.timedelta(days=1))),
            2: (day(f0 - dt.timedelta(days=nd)), day(f0)),
            4: (day(D - dt.timedelta(days=6)), day(D + dt.timedelta(days=1))),
            5: (day(D - dt.timedelta(days=13)), day(D - dt.timedelta(days=6))),
            7: (day(D.replace(day=1)), day(D + dt.timedelta(days=1))),
            8: (day(pm_first), day(pm_first + dt.timedelta(days=min(D.day, pm_len))))}
    names = {'Received': 'received', 'Resolved': 'resolved', 'Rejected': 'rejected',
             'Met (within SLA)': 'met', 'Breached': 'breached', 'Compliance %': 'compliance',
             'Median hours to resolve': 'median', '90th percentile hours': 'p90',
             'Pending at end': 'pending', 'Overdue at end': 'overdue'}
    rows = b.rows(b.tpl['summary']['name'])
    labels = {en(r[0]): r for r in rows[:20] if r and isinstance(r[0], str)}
    con = sqlite3.connect(db)
    for col, (a, e) in wins.items():
        f = window_figs(con, wing, None, a, e)
        # a previous window in which the organisation had no record at all: n/a
        empty = col in (2, 5, 8) and con.execute(
            'SELECT count(*) FROM record WHERE registered < ? AND (disposed IS NULL OR '
            'disposed >= ?)', (e, a)).fetchone()[0] == 0
        for lab, k in names.items():
            r = labels.get(lab)
            if empty:
                if r is None or r[col] != 'n/a' or r[col + 1] != 'n/a':
                    bad('%s: summary %s column %d = %r, no data then: n/a' % (
                        b.path, lab, col, r and r[col]))
            elif r is None or not same(r[col], f[k]):
                bad('%s: summary %s column %d = %r, database %r' % (b.path, lab, col,
                                                                    r and r[col], f[k]))
    # By XEN: the 30-day figures and the rank (METRICS.md) of every XEN listed
    a, e = day(D - dt.timedelta(days=29)), day(D + dt.timedelta(days=1))
    heads, data = b.grid(b.tpl['by_xen']['name'])
    got = {r['XEN']: r for r in data}
    f30 = {x: window_figs(con, wing, x, a, e) for x in got}
    for x, f in f30.items():
        for h, k in (('Judged (30 days)', 'judged'), ('Compliance % (30 days)', 'compliance'),
                     ('Median hours (30 days)', 'median')):
            if not same(got[x].get(h), f[k]):
                bad('%s: By XEN %s %s = %r, database %r' % (b.path, x, h, got[x].get(h), f[k]))
    ok = sorted((x for x, f in f30.items() if f['judged'] >= max(b.min_judged, 1)
                 and x != 'UNASSIGNED'),
                key=lambda x: (-Fraction(f30[x]['met'], f30[x]['judged']),
                               f30[x]['median_s'] is None, f30[x]['median_s'] or 0, x))
    rank = {x: i + 1 for i, x in enumerate(ok)}
    for x in got:
        if got[x].get('Rank (30 days)') != rank.get(x):
            bad('%s: By XEN %s rank %r, expected %r' % (b.path, x, got[x].get('Rank (30 days)'),
                                                      rank.get(x)))
    con.close()
    return data, f30


def check_expect(books, path):
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        wing, sheet, key, head, value = line.split('|')
        b = books.get(wing)
        if b is None:
            bad('expect: no workbook for %s' % wing)
            continue
        if sheet == b.tpl['summary']['name']:
            rows = b.rows(sheet)
            heads = ['Figure', 'This period', 'Previous', 'Change', 'Week', 'Week previous',
                     'Week change', 'Month', 'Month previous', 'Month change']
            data = [dict(zip(heads, r)) for r in rows if r and isinstance(r[0], str)]
            data = [dict(d, **{'Figure': en(d['Figure'])}) for d in data]
        else:
            heads, data = b.grid(sheet)
        hits = [r for r in data if en(str(r[heads[0]])) == key]
        if len(hits) != 1:
            bad('expect: %s/%s: %d rows for %s' % (wing, sheet, len(hits), key))
            continue
        v = hits[0].get(head, 'NO SUCH COLUMN')
        if isinstance(v, dt.datetime):
            v = v.strftime('%Y-%m-%d %H:%M')
        ok = (v is None and value == '') or (
            isinstance(v, (int, float)) and value != '' and abs(v - float(value)) < 1e-9) or (
            isinstance(v, str) and v == value)
        if not ok:
            bad('expect: %s/%s/%s/%s = %r, expected %r' % (wing, sheet, key, head, v, value))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('day_dir')
    ap.add_argument('--date', required=True)
    ap.add_argument('--db')
    ap.add_argument('--tz', default='Asia/Kolkata')
    ap.add_argument('--template', default=os.path.join(os.path.dirname(__file__), '..',
                                                       'templates', 'workbook.ini'))
    ap.add_argument('--wings')
    ap.add_argument('--expect')
    ap.add_argument('--grouping', choices=('western', 'indian'), default='indian')
    ap.add_argument('--min-judged', type=int, default=20,
                    help="the profile's rank_min_judged (an XEN needs it to be ranked)")
    a = ap.parse_args()
    tpl = load_template(a.template)
    NAMES.update(load_names(os.path.join(os.path.dirname(a.template), 'org', 'names.ini')))
    tz = ZoneInfo(a.tz)
    xen_csv = read_csv(os.path.join(a.day_dir, 'open-data', 'sla_by_xen.csv'))
    wing_csv = read_csv(os.path.join(a.day_dir, 'open-data', 'sla_by_wing.csv'))
    files = sorted(glob.glob(os.path.join(a.day_dir, 'wing-*.xlsx')))
    wings = [r['wing'] for r in wing_csv if r['wing'] not in ('ALL', 'UNMAPPED')]
    if a.wings:
        wings = a.wings.split(',')
    want_files = sorted(os.path.join(a.day_dir, 'wing-%s.xlsx' % w.lower()) for w in wings)
    if files != want_files:
        bad('workbooks %s, expected %s' % ([os.path.basename(f) for f in files],
                                           [os.path.basename(f) for f in want_files]))
    books = {}
    templates = os.path.dirname(os.path.abspath(a.template))
    counts = {'worst': 0, 'variants': 0, 'overdue': 0}
    for w in wings:
        p = os.path.join(a.day_dir, 'wing-%s.xlsx' % w.lower())
        if not os.path.exists(p):
            continue
        b = Book(p, tpl)
        books[w] = b
        check_structure(b, w, a.date)
        check_types(b)
        check_names(b)
        check_grouping(b, a.grouping)
        check_figures(b, w, xen_csv, wing_csv)
        # the footer names the wing as the reader sees it: names.ini's name, else the code
        xlsx_layout.check_print(b, NAMES.get('wing', {}).get(w, (w, ''))[0], a.date, bad)
        if a.db:
            check_db(b, w, a.date, a.db, tz)
            check_trend(b, w, a.date, a.db, tz)
            b.min_judged = a.min_judged
            rows, f30 = check_windows(b, w, a.date, a.db, tz)
            prof = xlsx_layout.profile(templates, a.db)
            counts['worst'] += xlsx_layout.check_league(b, rows, f30, a.min_judged, bad)
            xlsx_layout.check_xen_chart(b, w, xen_csv, f30, prof[2], bad)
            counts['variants'] += xlsx_layout.check_records(b, w, a.date, a.db, tz, prof,
                                                            bad) or 0
            counts['overdue'] += xlsx_layout.check_overdue(b, w, a.date, a.db, tz, prof,
                                                           wing_csv, bad) or 0
    if a.expect:
        check_expect(books, a.expect)
    if problems:
        print('xlsx_check: %d problems' % len(problems))
        return 1
    print('xlsx_check: %d workbooks OK (%d overdue listed, %d subdivisions respelled, '
          '%d XENs marked worst)' % (len(books), counts['overdue'], counts['variants'],
                                     counts['worst']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
