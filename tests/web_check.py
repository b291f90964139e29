#!/usr/bin/env python3
"""Checks a day's public/index.html (PUBLIC.md) against values computed
another way: the day's table against open-data/sla_by_wing.csv; the month's
against a CSV of the same days computed as a period (nivaran report --from,
the open-data path: the figures the notice board's month equals); the
trend straight from the record table (the definitions of the workbooks'
Summary trend, as tests/xlsx_check.py counts them); the backlog bands from
the record table and their sum against pending_end. Then the page's rules:
lang on the root and on every text part, no script, no request to another
host (every href/src relative, into open-data/, the page folder's link to the day's open data), no consumer's name,
number, account or address, no officer login, no flag code.

usage: web_check.py PAGE SLA_BY_WING.csv [--month CSV] [--grouping western|indian] [--db DB --tz-min MIN
       --flags GROUND_TRUTH.csv --workbooks DAY_FOLDER]    (tz-min: the zone's fixed offset, minutes)
Prints what it checked; exits 1 on the first class of failure."""
import argparse
import csv
import datetime as dt
import html.parser
import os
import re
import sqlite3
import sys

fails = []


def bad(msg):
    fails.append(msg)
    print('FAIL', msg)


class Page(html.parser.HTMLParser):
    """Tables by id: rows keyed by data-wing / data-date / data-band, each a
    dict of data-f cells (or the cells in order); every text with the lang
    of its nearest ancestor; every href and src."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tables, self.texts, self.links, self.tags = [], {}, [], [], set()
        self.table = self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if tag not in ('meta', 'br', 'circle', 'line', 'path'):
            self.stack.append((tag, a.get('lang')))
        for k in ('href', 'src'):
            if k in a:
                self.links.append(a[k])
        if tag == 'table':
            self.table = self.tables.setdefault(a.get('id'), {})
        elif tag == 'tr' and self.table is not None:
            key = a.get('data-wing') or a.get('data-date') or a.get('data-band')
            self.row = None if key is None else self.table.setdefault(key, {'cells': []})
        elif tag in ('td',) and self.row is not None:
            self.cell = [a.get('data-f'), '']

    def handle_endtag(self, tag):
        while tag in [t for t, _ in self.stack]:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == 'td' and self.cell is not None and self.row is not None:
            name, text = self.cell
            self.row['cells'].append(text.strip())
            if name:
                self.row[name] = text.strip()
            self.cell = None
        elif tag == 'table':
            self.table = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data
        if data.strip():
            lang = next((l for _, l in reversed(self.stack) if l), None)
            inside = [t for t, _ in self.stack]
            if 'style' not in inside and 'title' not in inside:
                self.texts.append((lang, data.strip(), inside))


GROUPING = ['western']  # --grouping: how the page groups its counts


def group(v):
    """v (an int, or plain digits) grouped by hand as --grouping says:
    western 1,234,567; indian 12,34,567. Anything else as it is."""
    v = str(v)
    if not re.fullmatch(r'-?\d+', v):
        return v
    neg, d = v.startswith('-'), v.lstrip('-')
    parts, head = ([d[-3:]], d[:-3]) if len(d) > 3 else ([d], '')
    step = 2 if GROUPING[0] == 'indian' else 3
    while head:
        parts.insert(0, head[-step:])
        head = head[:-step]
    return ('-' if neg else '') + ','.join(parts)


def load_csv(path):
    with open(path, newline='', encoding='utf-8') as f:
        return {r['wing']: r for r in csv.DictReader(f)}


def same_table(p, tid, want, what):
    got = p.tables.get(tid)
    if got is None:
        bad('no table %s' % tid)
        return
    if set(got) != set(want):
        bad('%s: wings %s, %s has %s' % (tid, sorted(got), what, sorted(want)))
    for w, r in want.items():
        g = got.get(w, {})
        for k in ('received', 'resolved', 'compliance_pct'):
            exp = group(r[k]) if r[k] != '' else '-'
            if g.get(k) != exp:
                bad('%s %s %s: page %r, %s %r' % (tid, w, k, g.get(k), what, exp))
    print('checked %s: %d rows against %s' % (tid, len(want), what))


def pct1(met, judged):
    """100 * met / judged rounded half away from zero to one decimal, as text."""
    v = (2000 * met + judged) // (2 * judged)
    return '%d.%d' % (v // 10, v % 10)


def check_db(p, db, tz_min, date, wing_csv, workbooks=None):
    con = sqlite3.connect(db)
    tz = dt.timezone(dt.timedelta(minutes=tz_min))
    start = lambda d: int(dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp())
    last = dt.date.fromisoformat(date)
    ok = '(disposed IS NULL OR disposed >= registered)'
    q = lambda where, *a: con.execute('SELECT count(*) FROM record WHERE ' + where, a).fetchone()[0]
    trend = p.tables.get('t-trend', {})
    if len(trend) != 30:
        bad('trend has %d days' % len(trend))
    for i in range(30):
        day = last - dt.timedelta(days=29 - i)
        s, e = start(day), start(day + dt.timedelta(days=1))
        rec = q('registered >= ? AND registered < ? AND ' + ok, s, e)
        res = q("disposed >= ? AND disposed < ? AND status = 'RESOLVED' AND disposed >= registered",
                s, e)
        met = q("judged_at >= ? AND judged_at < ? AND outcome = 'MET' AND " + ok, s, e)
        br = q("judged_at >= ? AND judged_at < ? AND outcome = 'BREACHED' AND " + ok, s, e)
        g = trend.get(day.isoformat(), {})
        want = {'received': group(rec), 'resolved': group(res), 'judged': group(met + br),
                'compliance_pct': pct1(met, met + br) if met + br else '-'}
        for k, v in want.items():
            if g.get(k) != v:
                bad('trend %s %s: page %r, database %r' % (day, k, g.get(k), v))
    print('checked the trend: 30 days against the record table')
    if workbooks:
        check_workbooks(p, con, workbooks, last, start)
    d1 = start(last + dt.timedelta(days=1))
    ages = [r[0] for r in con.execute(
        'SELECT ? - registered FROM record WHERE registered < ? AND '
        '(disposed IS NULL OR (disposed >= ? AND disposed >= registered))', (d1, d1, d1))]
    bands = [sum(1 for a in ages if a < 86400), sum(1 for a in ages if 86400 <= a < 172800),
             sum(1 for a in ages if 172800 <= a < 604800), sum(1 for a in ages if a >= 604800)]
    bl = p.tables.get('t-backlog', {})
    got = [bl.get(str(b), {'cells': ['?']})['cells'][0] for b in range(4)]
    if got != [group(b) for b in bands]:
        bad('backlog bands: page %s, database %s' % (got, bands))
    if bl.get('all', {'cells': ['?']})['cells'][0] != group(wing_csv['ALL']['pending_end']):
        bad('backlog total %s, open data pending_end %s' % (bl.get('all'), wing_csv['ALL']['pending_end']))
    if bl.get('overdue', {'cells': ['?']})['cells'][0] != group(wing_csv['ALL']['overdue_end']):
        bad('backlog overdue %s, open data overdue_end %s' % (bl.get('overdue'), wing_csv['ALL']['overdue_end']))
    if sum(bands) != int(wing_csv['ALL']['pending_end']):
        bad('bands add up to %d, pending_end %s' % (sum(bands), wing_csv['ALL']['pending_end']))
    print('checked the backlog: bands %s against the record table and the open data' % bands)
    return con


def check_workbooks(p, con, folder, last, start):
    """The page's trend (the organisation) equals the sum of the wing
    workbooks' Summary trends, plus the record table's figures of the wings
    that have no workbook (UNMAPPED)."""
    import glob
    import openpyxl
    tot = {}
    covered = set()
    for path in sorted(glob.glob(os.path.join(folder, 'wing-*.xlsx'))):
        covered.add(os.path.basename(path)[5:-5])
        rows = list(openpyxl.load_workbook(path, read_only=True)['Summary'].iter_rows(values_only=True))
        h = next(i for i, r in enumerate(rows) if r and isinstance(r[0], str) and r[0].startswith('Date'))
        for r in rows[h + 1:h + 31]:
            t = tot.setdefault(r[0].date().isoformat(), [0, 0, 0, 0])
            for k in range(4):
                t[k] += r[1 + k]
    rest = [w for (w,) in con.execute('SELECT DISTINCT wing FROM record')
            if re.sub('[^a-z0-9]', '_', w.lower()) not in covered]
    ok = '(disposed IS NULL OR disposed >= registered)'
    for w in rest:
        q = lambda where, *a: con.execute('SELECT count(*) FROM record WHERE wing = ? AND ' + where,
                                          (w,) + a).fetchone()[0]
        for i in range(30):
            day = last - dt.timedelta(days=29 - i)
            s, e = start(day), start(day + dt.timedelta(days=1))
            t = tot.setdefault(day.isoformat(), [0, 0, 0, 0])
            t[0] += q('registered >= ? AND registered < ? AND ' + ok, s, e)
            t[1] += q("disposed >= ? AND disposed < ? AND status = 'RESOLVED' AND disposed >= registered", s, e)
            t[2] += q("judged_at >= ? AND judged_at < ? AND outcome = 'MET' AND " + ok, s, e)
            t[3] += q("judged_at >= ? AND judged_at < ? AND outcome = 'BREACHED' AND " + ok, s, e)
    trend = p.tables.get('t-trend', {})
    for day, (rec, res, met, br) in sorted(tot.items()):
        g = trend.get(day, {})
        want = [str(rec), str(res), str(met + br)]
        if [g.get('received'), g.get('resolved'), g.get('judged')] != want:
            bad('trend %s: page %s, workbooks %s' % (day, g, want))
    print('checked the trend against %d workbooks\' Summary trend (+ %s from the records)'
          % (len(covered), rest))


def check_private(p, con, flags_csv):
    text = '\n'.join(t for _, t, _ in p.texts)
    secrets = set()
    for col in ('consumer_name', 'mobile', 'account', 'address', 'closed_by'):
        for (v,) in con.execute('SELECT DISTINCT %s FROM record WHERE %s IS NOT NULL' % (col, col)):
            v = str(v).strip()
            if len(v) >= 6:
                secrets.add(v)
    if flags_csv:
        with open(flags_csv, newline='', encoding='utf-8') as f:
            secrets |= {r['flag_code'] for r in csv.DictReader(f) if r['flag_code']}
    hits = [s for s in secrets if s in text]
    if hits:
        bad('personal or internal data on the page: %s' % hits[:5])
    print('checked %d names, numbers, accounts, addresses, logins and flag codes: none on the page'
          % len(secrets))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('page')
    ap.add_argument('wing_csv')
    ap.add_argument('--month')
    ap.add_argument('--db')
    ap.add_argument('--tz-min', type=int, default=330)
    ap.add_argument('--flags')
    ap.add_argument('--workbooks')
    ap.add_argument('--grouping', choices=('western', 'indian'), default='western')
    a = ap.parse_args()
    GROUPING[0] = a.grouping
    src = open(a.page, encoding='utf-8').read()
    p = Page()
    p.feed(src)
    wing = load_csv(a.wing_csv)
    same_table(p, 't-day', wing, 'sla_by_wing.csv')
    if a.month:
        same_table(p, 't-month', load_csv(a.month), 'the month as a period')
    if 'script' in p.tags or 'img' in p.tags or 'iframe' in p.tags or 'link' in p.tags:
        bad('the page has script, img, iframe or link elements: %s' % sorted(p.tags))
    for l in p.links:
        if not l.startswith('open-data/') or '//' in l:
            bad('a link out of the day folder: %r' % l)
    if 'url(' in src or '@import' in src:
        bad('the CSS fetches something')
    unmarked = [t for l, t, _ in p.texts if not l]
    if unmarked:
        bad('text without lang: %r' % unmarked[:3])
    langs = {l for l, _, _ in p.texts if l}
    print('checked: languages %s, %d links, no script' % (sorted(langs), len(p.links)))
    if a.db:
        date = next(iter(wing.values()))['report_date']
        con = check_db(p, a.db, a.tz_min, date, wing, a.workbooks)
        check_private(p, con, a.flags)
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
