// What the browser checks share: the ok/FAIL log, the report and exit status, and a run in a fresh
// headless Chromium profile whose test hosts resolve to the live server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const failures = [];
export function check(ok, message) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
  return ok;
}

// Print the number of failures and exit, 1 if there were any.
export function report() {
  console.log(`${failures.length} failure(s)`);
  process.exit(failures.length ? 1 : 0);
}

// Run `body(page)` in a throwaway profile (`options` join the launch options; `resolver` maps the
// test hosts), then report.
export async function runInBrowser(prefix, resolver, options, body) {
  const userDataDir = mkdtempSync(join(tmpdir(), prefix));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      locale: 'zh-CN',
      ...options,
      bypassCSP: true, // axe-core is injected as an inline script, which the site's CSP forbids
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${resolver}`],
    });
    await body(await context.newPage());
  } catch (error) {
    check(false, `browser run failed: ${error}`);
  } finally {
    if (context) await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  report();
}
