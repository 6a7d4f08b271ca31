// Accessibility check in a real browser: opens every URL given on the command line in
// Debian's Chromium (driven by playwright-core), runs axe-core's WCAG 2.0/2.1 A and AA rules,
// and exits 1 when any page fails to load or has a violation of impact "serious" or "critical".
//
//   node tests/browser/a11y.mjs [--elder-mode] <url> [<url> ...]
//
// --elder-mode checks every URL a second time with the 长者模式 cookie set.
// CHROMIUM (environment) overrides the browser path, /usr/bin/chromium by default;
// AXE_EXTRA_TAGS (comma-separated, e.g. "best-practice") adds rule tags for exploratory runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import axe from 'axe-core';
import { chromium } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
  ...(process.env.AXE_EXTRA_TAGS || '').split(',').filter(Boolean)];
const BLOCKING = new Set(['serious', 'critical']);
const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const args = process.argv.slice(2);
const elderMode = args.includes('--elder-mode');
const urls = args.filter((arg) => !arg.startsWith('--'));
if (urls.length === 0) {
  console.error('usage: node tests/browser/a11y.mjs [--elder-mode] <url> [<url> ...]');
  process.exit(2);
}

function describe(violation) {
  const lines = [`  [${violation.impact}] ${violation.id}: ${violation.help}`, `    ${violation.helpUrl}`];
  for (const node of violation.nodes.slice(0, 5)) {
    lines.push(`    - ${node.target.join(' ')}`);
    if (node.failureSummary) lines.push(`      ${node.failureSummary.replace(/\n/g, '\n      ')}`);
  }
  if (violation.nodes.length > 5) lines.push(`    … and ${violation.nodes.length - 5} more element(s)`);
  return lines.join('\n');
}

async function check(context, url, label) {
  const page = await context.newPage();
  // Contrast results mean nothing without the site's styles: a stylesheet that fails is an error.
  const brokenStyles = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'stylesheet' && response.status() >= 400) {
      brokenStyles.push(`${response.url()} (HTTP ${response.status()})`);
    }
  });
  page.on('requestfailed', (request) => {
    if (request.resourceType() === 'stylesheet') brokenStyles.push(`${request.url()} (failed)`);
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (!response || response.status() !== 200) {
      return { url, label, error: `HTTP ${response ? response.status() : 'no response'}` };
    }
    if (brokenStyles.length) return { url, label, error: `stylesheet not loaded: ${brokenStyles.join(', ')}` };
    await page.addScriptTag({ content: axe.source });
    const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), TAGS);
    return { url, label, violations: results.violations, incomplete: results.incomplete, passes: results.passes };
  } catch (error) {
    return { url, label, error: String(error) };
  } finally {
    await page.close();
  }
}

const userDataDir = mkdtempSync(join(tmpdir(), 'portal-a11y-'));
let context;
let failed = false;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: BROWSER_ARGS,
    locale: 'zh-CN',
    bypassCSP: true, // axe-core is injected as an inline script, which the site's CSP forbids
  });
  const runs = urls.map((url) => [url, 'standard']);
  if (elderMode) runs.push(...urls.map((url) => [url, 'elder mode']));
  for (const [url, label] of runs) {
    if (label === 'elder mode') {
      await context.addCookies([{ name: 'elder_mode', value: '1', url }]);
    } else {
      await context.clearCookies();
    }
    const result = await check(context, url, label);
    if (result.error) {
      failed = true;
      console.log(`FAIL ${url} (${label}): ${result.error}`);
      continue;
    }
    const blocking = result.violations.filter((v) => BLOCKING.has(v.impact));
    const other = result.violations.filter((v) => !BLOCKING.has(v.impact));
    if (blocking.length) failed = true;
    console.log(`${blocking.length ? 'FAIL' : 'ok  '} ${url} (${label}): ${result.passes.length} rules passed, `
      + `${blocking.length} serious/critical, ${other.length} minor/moderate, `
      + `${result.incomplete.length} to review by hand${result.incomplete.length ? ` (${result.incomplete.map((r) => r.id).join(', ')})` : ''}`);
    for (const violation of [...blocking, ...other]) console.log(describe(violation));
  }
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
