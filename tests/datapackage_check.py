#!/usr/bin/env python3
"""Validates open-data/datapackage.json (PUBLIC.md) against the CSVs beside
it: a Frictionless Data Package v1 (name, title naming the organisation,
licenses, resources), one resource per CSV of the folder, each resource's
name the file's name without .csv, path, title, description, encoding
utf-8; its schema's fields exactly the CSV header in order, each with a
type among string/integer/number/date and a description, missingValues
[""]; every value of every row parses as its field's type (or is "").
report_date is a date in a day's package, a string in a period's.

usage: datapackage_check.py OPEN_DATA_DIR ORG (day|period)"""
import csv
import datetime as dt
import json
import os
import re
import sys

fails = []


def bad(msg):
    fails.append(msg)
    print('FAIL', msg)


NUM = re.compile(r'^-?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$')


def parses(v, t):
    if t == 'string':
        return True
    if t == 'integer':
        return re.fullmatch(r'-?\d+', v) is not None
    if t == 'number':
        return NUM.match(v) is not None
    if t == 'date':
        try:
            return dt.date.fromisoformat(v).isoformat() == v
        except ValueError:
            return False
    return False


def main():
    d, org, kind = sys.argv[1], sys.argv[2], sys.argv[3]
    raw = open(os.path.join(d, 'datapackage.json'), 'rb').read()
    pkg = json.loads(raw.decode('utf-8'))  # strict UTF-8 and JSON
    for k in ('name', 'title', 'licenses', 'resources'):
        if k not in pkg:
            bad('package lacks %s' % k)
    if not re.fullmatch(r'[a-z0-9._-]+', pkg.get('name', '')):
        bad('package name %r is not lower-case a-z0-9._-' % pkg.get('name'))
    slug = re.sub(r'[^a-z0-9]+', '-', org.lower()).strip('-')
    if slug not in pkg.get('name', '') or org not in pkg.get('title', ''):
        bad('package name %r / title %r do not name %s' % (pkg.get('name'), pkg.get('title'), org))
    lic = pkg.get('licenses') or [{}]
    if not lic[0].get('title') or not lic[0].get('path', '').startswith('http'):
        bad('licenses %r lack title and path' % lic)
    csvs = sorted(f for f in os.listdir(d) if f.endswith('.csv'))
    paths = sorted(r.get('path') for r in pkg.get('resources', []))
    if csvs != paths:
        bad('resources %s, folder holds %s' % (paths, csvs))
    rows = 0
    for r in pkg.get('resources', []):
        for k in ('name', 'path', 'title', 'description', 'encoding', 'schema'):
            if k not in r:
                bad('%s lacks %s' % (r.get('path'), k))
        if r.get('name') + '.csv' != r.get('path') or r.get('encoding') != 'utf-8':
            bad('%s: name %r / encoding %r' % (r.get('path'), r.get('name'), r.get('encoding')))
        s = r.get('schema', {})
        if s.get('missingValues') != ['']:
            bad('%s: missingValues %r' % (r['path'], s.get('missingValues')))
        fields = s.get('fields', [])
        for f in fields:
            if f.get('type') not in ('string', 'integer', 'number', 'date') or not f.get('description'):
                bad('%s: field %r' % (r['path'], f))
            if f.get('name') == 'report_date' and f.get('type') != ('date' if kind == 'day' else 'string'):
                bad('%s: report_date is %s in a %s package' % (r['path'], f.get('type'), kind))
        with open(os.path.join(d, r['path']), newline='', encoding='utf-8') as fh:
            rd = csv.reader(fh)
            head = next(rd)
            if head != [f['name'] for f in fields]:
                bad('%s: header %s, fields %s' % (r['path'], head, [f['name'] for f in fields]))
            for n, row in enumerate(rd, 2):
                rows += 1
                if len(row) != len(fields):
                    bad('%s line %d: %d cells' % (r['path'], n, len(row)))
                    continue
                for v, f in zip(row, fields):
                    if v != '' and not parses(v, f['type']):
                        bad('%s line %d: %s = %r is not a %s' % (r['path'], n, f['name'], v, f['type']))
                        break
    print('checked %d resources, %d rows against datapackage.json' % (len(paths), rows))
    sys.exit(1 if fails else 0)


main()
