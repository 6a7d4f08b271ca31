// The public side in a real browser (Debian's Chromium driven by playwright-core), one launch for all:
//   1. every page of the spec at 1366×900 and 390×844: main navigation, breadcrumbs (inner pages) and
//      footer present, no horizontal scrolling, no serious/critical axe-core (WCAG 2.x A/AA) violation;
//   2. from each home page, the 互动交流 forms, tracking and published replies reached by clicking links;
//   3. 长者模式 switched on on the portal is still on after following a link to a subsite.
//
//   node tests/browser/portal.mjs spec.json
//
// spec.json: {"resolver": "<host-resolver-rules>", "pages": [{"url", "home": bool}],
//             "homes": ["<home url>", …], "elder": {"portal": "<url>", "subsite": "<url on another host>"}}
// Exits 1 on any failure, printing one line per check.
import { readFileSync } from 'node:fs';

import axe from 'axe-core';

import { check, runInBrowser } from './harness.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const VIEWPORTS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
// The 互动交流 entries every home page must lead to: link target → what the page that opens shows.
const ENTRIES = [
  ['/interaction/new/consultation/', 'form'], ['/interaction/new/complaint/', 'form'],
  ['/interaction/new/suggestion/', 'form'], ['/interaction/new/disclosure/', 'form'],
  ['/interaction/track/', 'form'], ['/interaction/replies/', 'table'],
];

async function checkPage(page, { url, home }, size) {
  const label = `${url} @${size.width}`;
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  check(response && response.status() === 200, `${label}: HTTP ${response && response.status()}`);
  const facts = await page.evaluate(() => ({
    nav: !!document.querySelector('nav.main-nav a'),
    crumbs: !!document.querySelector('nav.breadcrumbs li'),
    footer: !!document.querySelector('footer.site-footer'),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  check(facts.nav && facts.footer, `${label}: main navigation and footer`);
  if (!home) check(facts.crumbs, `${label}: breadcrumbs`);
  check(facts.scrollWidth <= facts.innerWidth,
    `${label}: no horizontal scroll (scrollWidth ${facts.scrollWidth}, innerWidth ${facts.innerWidth})`);
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), TAGS);
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact));
  check(blocking.length === 0, `${label}: axe-core ${blocking.length} serious/critical`
    + blocking.map((v) => `\n    [${v.impact}] ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join(''));
}

async function clickThrough(page, homeUrl) {
  for (const [path, element] of ENTRIES) {
    await page.goto(homeUrl, { waitUntil: 'load' });
    const link = page.locator(`main a[href="${path}"]`).first();
    const found = await link.count() > 0;
    check(found, `${homeUrl}: a link to ${path} on the home page`);
    if (!found) continue;
    await Promise.all([page.waitForURL((u) => u.pathname === path), link.click()]);
    check(await page.locator(`main ${element}`).count() > 0, `${homeUrl} → ${path}: opens with its ${element}`);
  }
}

async function elderModeAcrossHosts(page, { portal, subsite }) {
  await page.goto(portal, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.locator('.elder-toggle button').click()]);
  check(await page.locator('body.elder-mode').count() === 1, `${portal}: 长者模式 switched on`);
  const link = page.locator(`a[href="${subsite}"]`).first();
  check(await link.count() > 0, `${portal}: a link to ${subsite}`);
  await Promise.all([page.waitForURL(subsite), link.click()]);
  check(await page.locator('body.elder-mode').count() === 1, `${subsite}: 长者模式 still on after following the link`);
}

await runInBrowser('portal-browser-', spec.resolver, {}, async (page) => {
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    for (const entry of spec.pages) await checkPage(page, entry, size);
  }
  await page.setViewportSize(VIEWPORTS[1]);
  for (const home of spec.homes) await clickThrough(page, home);
  await elderModeAcrossHosts(page, spec.elder);
});
