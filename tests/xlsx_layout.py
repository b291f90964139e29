"""xlsx_layout.py -- the checks of tests/xlsx_check.py on what a wing head
acts on (issue 15): the Overdue now sheet, Records as a pivot source, the
print setup of every sheet, the XEN chart, By XEN in the league table's order.

Every expectation is computed here, in Python, from the stored fields of the
database (registered, disposed, status, category, due, the org chart) and the
templates, never from the engine's SQL; the sheets are read back with openpyxl
and, for what openpyxl does not show (print setup, charts), from the XML.
"""
import configparser
import datetime as dt
import math
import os
import re
import sqlite3
import xml.etree.ElementTree as ET
from fractions import Fraction

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'c': 'http://schemas.openxmlformats.org/drawingml/2006/chart',
      'a': 'http://schemas.openxmlformats.org/drawingml/2006/main'}
CANON_STATUS = {'OPEN', 'RESOLVED', 'REJECTED'}
OUTCOMES = {'MET', 'BREACHED', 'PENDING', 'NOT JUDGED'}
DEVANAGARI = re.compile('[\u0900-\u097f]')


def en(s):
    return (s or '').split(' / ')[0]


def key(s):
    """A subdivision's matching key: ASCII lower case, runs of white space as
    one space, none at the ends (EXPORTS.md's rule for matching names)."""
    return ' '.join((s or '').split()).translate(
        {c: c + 32 for c in range(ord('A'), ord('Z') + 1)})


def day_start(d, tz):
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp())


def window(date, tz):
    """(d0, d1) of the report (a day, or FROM/TO)."""
    first, last = (date.split('/') + [date])[:2] if '/' in date else (date, date)
    f, l = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return day_start(f, tz), day_start(l + dt.timedelta(days=1), tz)


def profile(templates, db):
    """(default hours, {category: hours}, target_pct) of the run's profile,
    read from templates/profiles/NAME.ini (NAME from the database's meta,
    else md-24h)."""
    name = 'md-24h'
    con = sqlite3.connect(db)
    row = con.execute("SELECT value FROM meta WHERE key = 'profile'").fetchone()
    con.close()
    if row and row[0]:
        name = row[0]
    cp = configparser.ConfigParser(interpolation=None, strict=False, inline_comment_prefixes=('#',))
    cp.optionxform = str
    cp.read(os.path.join(templates, 'profiles', name + '.ini'), encoding='utf-8')
    hours = {k: float(v) for k, v in cp['hours'].items()} if cp.has_section('hours') else {}
    return (float(cp['profile'].get('default_hours', '24')), hours,
            float(cp['profile'].get('target_pct', '90')))


def records(db, wing, prof):
    """The wing's records as dicts, with the deadline worked out here: the
    record's own due date when its layout maps one, else registered + the
    category's hours under the profile (METRICS.md)."""
    dflt, hours, _ = prof
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    out = []
    for r in con.execute('SELECT source, record_id, category, xen_id, subdivision, status, '
                         'raw_status, registered, disposed, has_due_col, due, deadline '
                         'FROM record WHERE wing = ?', (wing,)):
        d = dict(r)
        if d['has_due_col']:
            d['dl'] = d['due']
        else:
            d['dl'] = d['registered'] + int(round(hours.get(d['category'], dflt) * 3600))
        d['anomaly'] = d['disposed'] is not None and d['disposed'] < d['registered']
        out.append(d)
    con.close()
    return out


def outcome(r, d1):
    """METRICS.md's judgement of r as known at d1."""
    if r['anomaly'] or r['dl'] is None:
        return 'NOT JUDGED'
    if r['status'] != 'OPEN' and r['disposed'] is not None and r['disposed'] <= r['dl']:
        if r['status'] == 'RESOLVED':
            return 'MET' if r['disposed'] < d1 else 'PENDING'
        return 'NOT JUDGED' if r['disposed'] < d1 else 'PENDING'
    return 'BREACHED' if r['dl'] < d1 else 'PENDING'


def round_div(a, b):
    """a / b rounded half away from zero to an integer (a, b integers, b > 0)."""
    q = (2 * abs(a) + b) // (2 * b)
    return q if a >= 0 else -q


class Xml:
    """The parts of a workbook openpyxl does not show."""

    def __init__(self, book):
        self.b = book
        self.z = book.z
        wb = ET.fromstring(self.z.read('xl/workbook.xml'))
        self.names = [s.get('name') for s in wb.find('m:sheets', NS).findall('m:sheet', NS)]
        self.defined = [(d.get('name'), d.get('localSheetId'), d.text or '')
                        for d in wb.iter('{%s}definedName' % NS['m'])]

    def sheet(self, name):
        return ET.fromstring(self.z.read(self.b.xml[name]))


def check_print(b, wing, date, bad):
    """Every sheet: landscape, one page wide (fitToPage, fitToWidth 1 or
    absent, fitToHeight 0), its header rows repeated (a Print_Titles name of
    its own), a footer with the page number, the report day and the wing."""
    x = Xml(b)
    titles = {int(i) for n, i, _ in x.defined if n == '_xlnm.Print_Titles' and i is not None}
    for i, name in enumerate(x.names):
        s = x.sheet(name)
        ps = s.find('m:pageSetup', NS)
        fit = s.find('m:sheetPr/m:pageSetUpPr', NS)
        if ps is None or ps.get('orientation') != 'landscape':
            bad('%s: sheet %s does not print landscape' % (b.path, name))
        if (fit is None or fit.get('fitToPage') != '1' or ps is None
                or ps.get('fitToWidth', '1') != '1' or ps.get('fitToHeight') != '0'):
            bad('%s: sheet %s is not fitted to one page wide' % (b.path, name))
        foot = s.find('m:headerFooter/m:oddFooter', NS)
        text = foot.text if foot is not None else ''
        if '&P' not in text or date not in text or wing not in text:
            bad('%s: sheet %s footer %r lacks page number, day %s or wing %s'
                % (b.path, name, text, date, wing))
        if i not in titles:
            bad('%s: sheet %s repeats no header rows when printed' % (b.path, name))


def check_pivot(b, sheet, bad):
    """A pivot source: exactly one header row directly above the data, plain
    (no ' / ', no Hindi), distinct, non-empty, with nothing touching it from
    above (the row over it empty); the Hindi headings, when any, in a row of
    their own above that."""
    rows = b.rows(sheet)
    top = b.pane_row(sheet)
    if top is None or top < 3:
        bad('%s: %s has no room for a separated header row' % (b.path, sheet))
        return
    hdr = rows[top - 2]
    above = rows[top - 3]
    heads = [h for h in hdr if h is not None]
    if len(heads) != len(hdr) or len(set(heads)) != len(heads):
        bad('%s: %s header row has empty or repeated headings: %r' % (b.path, sheet, hdr))
    for h in heads:
        if not isinstance(h, str) or ' / ' in h or DEVANAGARI.search(h):
            bad('%s: %s heading %r is not a plain field name' % (b.path, sheet, h))
    if any(v is not None for v in above):
        bad('%s: %s: the row above the header is not empty: %r' % (b.path, sheet, above))
    data = rows[top - 1] if len(rows) > top - 1 else None
    if data and all(v is None for v in data) and len(rows) > top:
        bad('%s: %s: an empty row between the header and the data' % (b.path, sheet))


def org_spelling(db):
    """The org chart's subdivisions by key, spelled as in the chart (the first
    XEN's spelling in xen_id order), from the database's org_xen."""
    con = sqlite3.connect(db)
    out = {}
    for (subs,) in con.execute('SELECT subdivisions FROM org_xen ORDER BY xen_id'):
        for s in subs.split(';'):
            s = s.strip(' \t')
            if key(s):
                out.setdefault(key(s), s)
    con.close()
    return out


def check_records(b, wing, date, db, tz, prof, bad):
    """Records: canonical Status (and the export's word beside it), the
    subdivision as the org chart spells it, an Outcome for every record equal
    to METRICS.md's judgement worked out here."""
    sheet = b.tpl['records']['name']
    check_pivot(b, sheet, bad)
    heads, data = b.grid(sheet)
    d0, d1 = window(date, tz)
    recs = {(r['source'], r['record_id']): r for r in records(db, wing, prof)}
    chart = org_spelling(db)
    variants = 0
    for row in data:
        r = recs.get((str(row['Source']), str(row['Record ID'])))
        if r is None:
            continue  # check_db reports the set
        if row['Status'] not in CANON_STATUS or row['Status'] != r['status']:
            bad('%s: Records %s Status %r, database %r' % (b.path, r['record_id'], row['Status'],
                                                          r['status']))
        if row.get('Status as exported') != r['raw_status']:
            bad('%s: Records %s Status as exported %r, export %r'
                % (b.path, r['record_id'], row.get('Status as exported'), r['raw_status']))
        if 'Subdivision' in row:
            want = chart.get(key(r['subdivision']), r['subdivision']) if r['subdivision'] else None
            if row['Subdivision'] != want:
                bad('%s: Records %s Subdivision %r, org chart %r'
                    % (b.path, r['record_id'], row['Subdivision'], want))
            variants += want is not None and want != r['subdivision']
        want = outcome(r, d1)
        if row['Outcome'] not in OUTCOMES or row['Outcome'] != want:
            bad('%s: Records %s Outcome %r, expected %r' % (b.path, r['record_id'],
                                                           row['Outcome'], want))
            return
    return variants


def check_overdue(b, wing, date, db, tz, prof, wing_csv, bad):
    """Overdue now: every record pending and past its deadline at the end of
    the report (METRICS.md), oldest first, its age in days (one decimal) and
    hours past the deadline, worked out here; as many as the open data's
    overdue_end."""
    sheet = b.tpl['overdue']['name']
    check_pivot(b, sheet, bad)
    heads, data = b.grid(sheet)
    d0, d1 = window(date, tz)
    want = sorted((r for r in records(db, wing, prof)
                   if r['registered'] < d1 and (r['disposed'] is None or r['disposed'] >= d1)
                   and not r['anomaly'] and r['dl'] is not None and r['dl'] < d1),
                  key=lambda r: (r['registered'], r['source'], r['record_id']))
    got = [(str(r['Source']), str(r['Record ID'])) for r in data]
    if got != [(r['source'], r['record_id']) for r in want]:
        bad('%s: Overdue now lists %d records (first %s), expected %d (first %s)'
            % (b.path, len(got), got[:2], len(want),
               [(r['source'], r['record_id']) for r in want[:2]]))
        return
    for row, r in zip(data, want):
        age = round_div(10 * (d1 - r['registered']), 86400) / 10.0
        late = round_div(100 * (d1 - r['dl']), 3600) / 100.0
        if abs(row['Age (days)'] - age) > 1e-9 or abs(row['Hours past deadline'] - late) > 1e-9:
            bad('%s: Overdue now %s age %r late %r, expected %r %r'
                % (b.path, r['record_id'], row['Age (days)'], row['Hours past deadline'], age,
                   late))
            break
    od = [w for w in wing_csv if w['wing'] == wing]
    if od and int(od[0]['overdue_end']) != len(data):
        bad('%s: Overdue now lists %d, open data overdue_end %s' % (b.path, len(data),
                                                                    od[0]['overdue_end']))
    return len(data)


def cells(b, ref):
    """Values of a chart's cell range 'Sheet'!$A$1:$A$9 or cell (one column)."""
    m = re.fullmatch(r"'?(.*?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?", ref)
    if not m:
        return None
    name, c0, r0, c1, r1 = m.groups()
    r1 = r1 or r0
    col = ord(c0) - ord('A')
    rows = b.rows(name.replace("''", "'"))
    return [rows[i][col] if i < len(rows) and col < len(rows[i]) else None
            for i in range(int(r0) - 1, int(r1))]


def xen_chart(b):
    """The XEN chart's XML element: the chart titled Compliance by ..."""
    for n in sorted(b.z.namelist()):
        if n.startswith('xl/charts/chart'):
            x = ET.fromstring(b.z.read(n))
            title = ''.join(t.text or '' for t in x.iter('{%s}t' % NS['a']))
            if title.startswith('Compliance by'):
                return x
    return None


def check_xen_chart(b, wing, xen_csv, f30, target, bad):
    """The XEN chart: XENs only (no UNASSIGNED), its value axis from a little
    under the lowest XEN (or the target, when lower) to 100 -- the multiple of
    5 at least 2 points below, 0 at least --, and a Target series at the
    template's target across every XEN."""
    x = xen_chart(b)
    if x is None:
        bad('%s: no XEN chart' % b.path)
        return
    xens = sorted(r['xen_id'] for r in xen_csv if r['wing'] == wing and r['xen_id'] != 'UNASSIGNED')
    vals = [float(r['compliance_pct']) for r in xen_csv
            if r['wing'] == wing and r['xen_id'] != 'UNASSIGNED' and r['compliance_pct'] != '']
    vals += [f['compliance'] for k, f in f30.items() if k != 'UNASSIGNED' and f['compliance'] is not None]
    lo = min(vals + [target])
    want_min = min(95, max(0, math.floor((lo - 2) / 5) * 5))
    ax = x.find('.//c:valAx/c:scaling', NS)
    mx = ax.find('c:max', NS) if ax is not None else None
    mn = ax.find('c:min', NS) if ax is not None else None
    if mx is None or float(mx.get('val')) != 100 or mn is None or float(mn.get('val')) != want_min:
        bad('%s: XEN chart axis %s..%s, expected %s..100 (lowest %s)'
            % (b.path, mn.get('val') if mn is not None else None,
               mx.get('val') if mx is not None else None, want_min, lo))
    sers = x.findall('.//c:ser', NS)
    names = [en(''.join(t.text or '' for t in s.find('c:tx', NS).iter('{%s}v' % NS['c'])))
             for s in sers]
    if 'Target' not in names:
        bad('%s: XEN chart has no Target series (%s)' % (b.path, names))
        return
    for s, name in zip(sers, names):
        cat = cells(b, s.find('c:cat//c:f', NS).text)
        val = cells(b, s.find('c:val//c:f', NS).text)
        if cat != xens:
            bad('%s: XEN chart %s categories %s, the wing\'s XENs %s' % (b.path, name, cat, xens))
        if name == 'Target' and any(v != target for v in val):
            bad('%s: XEN chart Target values %s, target %s' % (b.path, val, target))


def check_league(b, got_rows, f30, min_judged, bad):
    """By XEN in the league table's order: the ranked by rank (30 days:
    compliance, then median hours, then XEN), then the unranked by XEN, the
    ranking worked out here; Mark on the three last ranked of a wing that
    ranks more than three."""
    ok = sorted((x for x, f in f30.items() if f['judged'] >= max(min_judged, 1)
                 and x != 'UNASSIGNED'),
                key=lambda x: (-Fraction(f30[x]['met'], f30[x]['judged']),
                               f30[x]['median_s'] is None, f30[x]['median_s'] or 0, x))
    want = ok + sorted(x for x in f30 if x not in ok)
    got = [r['XEN'] for r in got_rows]
    if got != want:
        bad('%s: By XEN order %s, league table %s' % (b.path, got, want))
    worst = set(ok[-3:]) if len(ok) > 3 else set()
    for r in got_rows:
        mark = en(r.get('Mark')) if r.get('Mark') else None
        if (mark == 'Worst 3') != (r['XEN'] in worst) or (mark not in (None, 'Worst 3')):
            bad('%s: By XEN %s Mark %r, worst three %s' % (b.path, r['XEN'], r.get('Mark'),
                                                          sorted(worst)))
    return len(worst)
