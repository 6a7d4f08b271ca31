// End-to-end editorial flow in a real browser (Debian's Chromium driven by playwright-core):
// an editor writes a news item marked sensitive (政治性) in the Wagtail admin and submits it to the
// unit's 审签 workflow; the reviewer approves it from the dashboard; it is still not public; the main
// leader approves it; the public item page, its column and the portal's 部门动态 show it (they were
// cached before); the public search finds it. Exits 1 at the first step that fails.
//
//   node tests/browser/editorial_flow.mjs '<json>'
//
// The JSON gives: base (live server URL), columnId (page id of the unit's 工作动态 column),
// editor/reviewer/leader (usernames), password, title, slug, itemPath (public path of the new
// item on the portal host), listings (public paths that must list it), searchQuery, adminQuery (a
// two-character word of the title the admin's search must find it by).
// CHROMIUM (environment) overrides the browser path, /usr/bin/chromium by default.
import { chromium } from 'playwright-core';

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const config = JSON.parse(process.argv[2] || '{}');
for (const key of ['base', 'columnId', 'editor', 'reviewer', 'leader', 'password', 'title', 'slug',
  'itemPath', 'listings', 'searchQuery', 'adminQuery']) {
  if (config[key] === undefined) {
    console.error(`missing "${key}" in the JSON argument`);
    process.exit(2);
  }
}

function step(message) {
  console.log(`ok   ${message}`);
}

class FlowError extends Error {}

function expect(condition, message) {
  if (!condition) throw new FlowError(message);
}

async function signIn(browser, username) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${config.base}/admin/login/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', config.password);
  await Promise.all([page.waitForURL(`${config.base}/admin/`), page.click('button[type=submit]')]);
  step(`${username} signed in`);
  return page;
}

async function messages(page) {
  return page.$$eval('.messages li', (items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

async function writeAndSubmit(browser) {
  const page = await signIn(browser, config.editor);
  // 写信息 on the dashboard opens the column's own item type directly.
  await Promise.all([
    page.waitForURL(`${config.base}/admin/pages/add/content/newspage/${config.columnId}/`),
    page.getByRole('link', { name: '写信息：工作动态' }).click(),
  ]);
  await page.fill('#id_title', config.title);
  await page.click('.public-DraftEditor-content');
  await page.keyboard.type('县政府常务会议研究部署了秋季开学和校园安全工作。');
  // The sensitivity mark sits below the title on the content tab.
  await page.check('input[name=sensitivity][value=political]');
  await page.getByRole('tab', { name: '推荐' }).click();
  await page.fill('#id_slug', config.slug);
  await page.getByRole('button', { name: '更多动作' }).click();
  const submit = page.locator('button[name=action-submit]');
  expect(await submit.isVisible(), 'the editor has no "submit to workflow" action');
  await Promise.all([page.waitForNavigation(), submit.click()]);
  const shown = await messages(page);
  expect(shown.some((text) => text.includes(config.title) && text.includes('提交审核')),
    `no confirmation that the item was submitted: ${JSON.stringify(shown)}`);
  step(`${config.editor} wrote "${config.title}" marked 政治性 and submitted it to 审签`);
  await page.context().close();
}

async function approveFromDashboard(browser, username) {
  const page = await signIn(browser, username);
  const row = page.locator('#awaiting-review-section tr, #awaiting-review-section li')
    .filter({ hasText: config.title }).first();
  expect(await row.count(), `"${config.title}" is not awaiting ${username}'s review on the dashboard`);
  await row.locator('[data-w-dropdown-target=toggle]').first().click();
  const approve = row.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])');
  await Promise.all([page.waitForNavigation(), approve.click()]);
  const remaining = await page.locator('#awaiting-review-section').filter({ hasText: config.title }).count();
  expect(remaining === 0, `"${config.title}" still awaits ${username} after the approval`);
  step(`${username} approved it from the dashboard`);
  await page.context().close();
}

async function adminSearch(browser, username) {
  const page = await signIn(browser, username);
  await page.goto(`${config.base}/admin/pages/search/?q=${encodeURIComponent(config.adminQuery)}`);
  const found = await page.locator('#listing-results').filter({ hasText: config.title }).count();
  expect(found > 0, `the admin search for "${config.adminQuery}" does not find "${config.title}"`);
  step(`${username}'s admin search for "${config.adminQuery}" finds it`);
  await page.context().close();
}

async function publicPage(visitor, path) {
  const response = await visitor.goto(`${config.base}${path}`);
  return { status: response.status(), html: await visitor.content(), cache: response.headers()['x-cache'] };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: BROWSER_ARGS,
  });
  try {
    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    for (const path of config.listings) {
      await publicPage(visitor, path);
      const { status, cache, html } = await publicPage(visitor, path);
      expect(status === 200 && cache === 'HIT', `${path} was not served from the page cache (${status}, ${cache})`);
      expect(!html.includes(config.title), `${path} lists the item before it was written`);
    }
    step(`anonymous listings cached: ${config.listings.join(', ')}`);

    await writeAndSubmit(browser);
    await approveFromDashboard(browser, config.reviewer);
    let item = await publicPage(visitor, config.itemPath);
    expect(item.status === 404, `the sensitive item is public before the leader approved it (HTTP ${item.status})`);
    step('after 审签 alone the sensitive item is not public');
    await approveFromDashboard(browser, config.leader);

    item = await publicPage(visitor, config.itemPath);
    expect(item.status === 200 && item.html.includes(config.title),
      `the public item page does not show the item (HTTP ${item.status})`);
    step(`the public page ${config.itemPath} shows it`);
    for (const path of config.listings) {
      const { html } = await publicPage(visitor, path);
      expect(html.includes(config.title), `${path} does not list the item after its approval`);
    }
    step(`every cached listing shows it at once: ${config.listings.join(', ')}`);

    await visitor.goto(`${config.base}/`);
    await visitor.fill('#site-search-q', config.searchQuery);
    await Promise.all([visitor.waitForNavigation(), visitor.press('#site-search-q', 'Enter')]);
    const found = visitor.locator('main a').filter({ hasText: config.title });
    expect(await found.count() > 0, `the search for "${config.searchQuery}" does not find the item`);
    const href = await found.first().getAttribute('href');
    expect(href.endsWith(`/${config.slug}/`), `the search result links to ${href}`);
    step(`the search for "${config.searchQuery}" finds it (${href})`);
    await adminSearch(browser, config.reviewer);
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  console.log(`FAIL ${error instanceof FlowError ? error.message : error.stack}`);
  process.exit(1);
}
