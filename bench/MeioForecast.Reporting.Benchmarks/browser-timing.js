// Opens the synthetic reports written by the benchmark in headless chromium (offline) and prints load time, the time
// to filter the embedded sku-nodes and to open one sku-node. Needs `npm ci --prefix tests/browser`.
// Usage: node bench/MeioForecast.Reporting.Benchmarks/browser-timing.js <dir of report-*.html>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require(path.join(__dirname, '..', '..', 'tests', 'browser', 'node_modules', 'playwright-core'));

(async () => {
  const dir = process.argv[2];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  console.log('report'.padEnd(22) + 'load ms'.padStart(9) + 'filter ms'.padStart(11) + 'open ms'.padStart(9) + '  rows matched');
  for (const file of fs.readdirSync(dir).filter(f => /^report-\d+\.html$/.test(f)).sort((a, b) => parseInt(a.slice(7)) - parseInt(b.slice(7)))) {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    let t = Date.now();
    await page.goto(pathToFileURL(path.join(dir, file)).href, { waitUntil: 'load' });
    const load = Date.now() - t;
    t = Date.now();
    await page.fill('#filter', 'SKU-007');
    const status = await page.textContent('#filter-status');
    const filter = Date.now() - t;
    t = Date.now();
    await page.click('#changes-table tbody tr:first-child');
    await page.waitForSelector('#detail:not([hidden]) rect[data-role="end"]');
    const open = Date.now() - t;
    console.log(file.padEnd(22) + String(load).padStart(9) + String(filter).padStart(11) + String(open).padStart(9) + '  ' + status);
    await context.close();
  }
  await browser.close();
})();
