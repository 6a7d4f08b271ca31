// Full-page screenshots (at most 2400 px tall) of public pages in Debian's Chromium (playwright-core), for bench/screenshots.py.
//   node bench/screenshots.mjs shots.json     shots.json: [{"url", "file", "width", "height", "elder"}]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const MAX_HEIGHT = 2400;
const shots = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const userDataDir = mkdtempSync(join(tmpdir(), 'portal-shots-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  locale: 'zh-CN',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--hide-scrollbars'],
});
let failed = 0;
try {
  const page = await context.newPage();
  for (const shot of shots) {
    await context.clearCookies();
    if (shot.elder) await context.addCookies([{ name: 'elder_mode', value: '1', url: shot.url }]);
    await page.setViewportSize({ width: shot.width, height: shot.height });
    const response = await page.goto(shot.url, { waitUntil: 'load', timeout: 60000 });
    if (!response || response.status() >= 400) {
      failed += 1;
      console.log(`FAIL ${shot.url}: HTTP ${response && response.status()}`);
      continue;
    }
    // Full page, cut at MAX_HEIGHT: long lists add nothing a reviewer needs and weigh in the repository.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: shot.file, fullPage: true,
      clip: { x: 0, y: 0, width: shot.width, height: Math.min(height, MAX_HEIGHT) } });
    console.log(`${shot.file} ← ${shot.url}`);
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
