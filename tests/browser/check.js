// check.js — the public web page (PUBLIC.md) in a real browser: headless
// Chromium driven by puppeteer-core, with axe-core. Run by tests/e2e/web.sh:
//   node check.js PAGE.html SLA_BY_WING.csv OUTDIR NAME
// Prints one line per check, "PASS name" or "FAIL name: detail", and writes
// OUTDIR/NAME-360.png, OUTDIR/NAME-1280.png (full-page screenshots) and
// OUTDIR/NAME.pdf (the print on A4). Exit status 0 when it could run the
// checks (failures are in the lines), 2 when the browser would not start.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [page_path, csv_path, out_dir, name] = process.argv.slice(2);
const page_url = 'file://' + path.resolve(page_path);
const results = [];
const pass = (n) => results.push('PASS ' + n);
const fail = (n, d) => results.push('FAIL ' + n + ': ' + d);
const check = (n, ok, d) => (ok ? pass(n) : fail(n, d));

// The open data's wing rows: wing -> {received, resolved, compliance_pct}.
function read_csv(p) {
  const lines = fs.readFileSync(p, 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const rows = {};
  for (const l of lines.slice(1)) {
    const c = l.split(','); // the wing file's cells hold no comma or quote
    const r = {};
    head.forEach((h, i) => (r[h] = c[i]));
    rows[r.wing] = r;
  }
  return rows;
}

async function axe_check(page, width) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const res = await page.evaluate(() =>
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const v = res.violations.map((x) => x.id + ' (' + x.nodes.length + ': ' +
    x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; ') + ')');
  check('no axe violation (wcag2a, wcag2aa, wcag21a, wcag21aa) at ' + width + ' px', v.length === 0, v.join(', '));
  check('axe ran its rules at ' + width + ' px', res.passes.length > 10, res.passes.length + ' rules passed');
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-chromium-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--user-data-dir=' + profile],
    });
  } catch (e) {
    console.log('FAIL the browser starts: ' + e.message.split('\n')[0]);
    process.exit(2);
  }
  try {
    const page = await browser.newPage();
    const others = [];
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url() === page_url) return req.continue();
      others.push(req.url());
      req.abort();
    });
    // mobile first: 360 px wide
    await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 1 });
    const resp = await page.goto(page_url, { waitUntil: 'load' });
    check('the page loads', resp && resp.ok(), resp ? resp.status() : 'no response');
    const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check('no horizontal scroll at 360 px', sw[0] <= sw[1], 'scrollWidth ' + sw[0] + ' > ' + sw[1]);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 3).map((e) => e.tagName + '.' + e.className));
    check('nothing drawn beyond 360 px', wide.length === 0, wide.join(', '));
    await page.screenshot({ path: path.join(out_dir, name + '-360.png'), fullPage: true });
    // the figures equal the open data
    const got = await page.evaluate(() => {
      const o = {};
      for (const tr of document.querySelectorAll('#t-day tbody tr')) {
        const r = {};
        for (const td of tr.querySelectorAll('td[data-f]')) r[td.dataset.f] = td.textContent.trim();
        o[tr.dataset.wing] = r;
      }
      return o;
    });
    const want = read_csv(csv_path);
    const diffs = [];
    for (const w of new Set([...Object.keys(want), ...Object.keys(got)])) {
      for (const k of ['received', 'resolved', 'compliance_pct']) {
        const exp = want[w] ? (want[w][k] === '' ? '-' : want[w][k]) : undefined;
        // the page groups its digits (1,23,456; web_check.py checks how): the value
        const g = got[w] ? got[w][k].replace(/,/g, '') : undefined;
        if (exp !== g) diffs.push(w + ' ' + k + ' page ' + g + ' csv ' + exp);
      }
    }
    check('the day\'s figures on the page equal sla_by_wing.csv (' + Object.keys(want).length + ' rows)',
      diffs.length === 0 && Object.keys(want).length > 0, diffs.slice(0, 4).join('; '));
    const langs = await page.evaluate(() => [document.documentElement.lang,
      [...new Set([...document.querySelectorAll('[lang]')].map((e) => e.lang))].join(',')]);
    check('the page and its parts have their lang (' + langs.join('; ') + ')', langs[0] !== '' && langs[1].includes(','), langs.join('; '));
    await axe_check(page, 360);
    // a desktop
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(page_url, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(out_dir, name + '-1280.png'), fullPage: true });
    await axe_check(page, 1280);
    // print on A4: nothing wider than the printable width, and a few pages
    await page.emulateMediaType('print');
    await page.setViewport({ width: 702, height: 1000, deviceScaleFactor: 1 }); // 210 mm - 2 x 12 mm at 96 dpi
    const pw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check('the print layout fits the A4 width', pw[0] <= pw[1], 'scrollWidth ' + pw[0] + ' > ' + pw[1]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(out_dir, name + '.pdf'), pdf);
    const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    check('the print on A4 takes 1 to 4 pages (' + pages + ')', pages >= 1 && pages <= 4, pages + ' pages');
    check('no request leaves the page', others.length === 0, others.slice(0, 3).join(', '));
  } catch (e) {
    fail('the browser checks ran', e.message.split('\n')[0]);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  for (const r of results) console.log(r);
}

main();
