// The back office's daily work end to end in a real browser (Debian's Chromium driven by playwright-core),
// one role after the other:
// - the editor (信息员) writes a news item from the dashboard in at most six clicks — 写信息, title, body,
//   更多动作, 提交, and 提交 in the dialog that names its steps (审签 only) — then writes a second one,
//   marks it 政治性 and submits it (the dialog now names 审签 then 主要领导审核);
// - the reviewer (审核人) sees what waits on the dashboard (待我处理, with counts), approves the first item
//   (已发布), signs off the second (已通过审签，待主要领导审核) and returns a third with a comment (已退回);
//   the marked item is still not public;
// - the leader (主要领导) approves it from the dashboard (已发布); the public column (cached before), the
//   item page and the public search show it; the leader's admin search finds both by a two-character word;
// - the administrator approves a portal notice from the dashboard through the portal's workflow
//   (已发布) and the admin search finds both items as well.
// Exits 1 at the first step that fails.
//
//   node tests/browser/editorial_flow.mjs '<json>'
//
// The JSON gives: base (live server URL), column (title of the unit's news column), editor, reviewer,
// leader, administrator (usernames), password, titles ([plain, marked]), returned (title of an item
// the editor submitted before), portalNotice (title of a portal notice awaiting sign-off), steps
// ([review task, leader task] names), columnPath (public path of the news column), listings (public
// paths that must list the items), searchQuery, adminQuery (a two-character word of both titles).
// CHROMIUM (environment) overrides the browser path, /usr/bin/chromium by default; SCREENSHOT_DIR (environment)
// saves the submit dialog and the reviewer's dashboard at 1366 and 390 px wide there.
import { chromium } from 'playwright-core';

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MAX_CLICKS = 6;
const config = JSON.parse(process.argv[2] || '{}');
for (const key of ['base', 'column', 'editor', 'reviewer', 'leader', 'administrator', 'password', 'titles',
  'returned', 'portalNotice', 'steps', 'columnPath', 'listings', 'searchQuery', 'adminQuery']) {
  if (config[key] === undefined) {
    console.error(`missing "${key}" in the JSON argument`);
    process.exit(2);
  }
}
const [plainTitle, markedTitle] = config.titles;

async function screenshot(page, name) {
  if (!process.env.SCREENSHOT_DIR) return;
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
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

async function expectMessage(page, text, what) {
  const shown = await messages(page);
  expect(shown.some((message) => message.includes(text)), `${what}: no message "${text}" in ${JSON.stringify(shown)}`);
}

// Writes an item from the dashboard and submits it; returns the number of clicks it took.
async function writeAndSubmit(page, title, mark) {
  let clicks = 0;
  const click = async (locator) => { clicks += 1; await locator.click(); };
  await page.goto(`${config.base}/admin/`);
  await Promise.all([page.waitForURL(/\/admin\/pages\/add\/content\/newspage\/\d+\/$/),
    click(page.getByRole('link', { name: `写信息：${config.column}` }))]);
  await click(page.locator('#id_title'));
  await page.keyboard.type(title);
  await click(page.locator('.public-DraftEditor-content'));
  await page.keyboard.type('县政府常务会议研究部署了秋季开学和校园安全工作。');
  if (mark) {
    await click(page.locator(`input[name=sensitivity][value=${mark}]`)); // on the content tab, below the title
  }
  await click(page.getByRole('button', { name: '更多动作' }));
  await click(page.locator('button[data-a11y-dialog-show=submit-steps-dialog]'));
  const dialog = page.locator('#submit-steps-dialog');
  await dialog.waitFor({ state: 'visible' });
  const steps = (await dialog.locator('ol:visible').innerText()).replace(/\s+/g, ' ');
  await screenshot(page, `submit-dialog${mark ? '-marked' : ''}`);
  expect(steps.includes(config.steps[0]), `the submit dialog does not name ${config.steps[0]}: ${steps}`);
  expect(steps.includes(config.steps[1]) === Boolean(mark),
    `the submit dialog ${mark ? 'does not name' : 'names'} ${config.steps[1]}: ${steps}`);
  await Promise.all([page.waitForNavigation(), click(dialog.locator('button[name=action-submit]'))]);
  await expectMessage(page, '提交审核', `"${title}" submitted`);
  step(`${config.editor} wrote "${title}"${mark ? ` marked ${mark}` : ''} and submitted it in ${clicks} clicks `
    + `(the dialog named: ${steps})`);
  return clicks;
}

async function dashboardRow(page, title, username) {
  const row = page.locator('#awaiting-review-section tr').filter({ hasText: title }).first();
  expect(await row.count(), `"${title}" is not awaiting ${username}'s review on the dashboard`);
  await row.locator('[data-w-dropdown-target=toggle]').first().click();
  return row;
}

async function approveFromDashboard(page, username, title, outcome) {
  const row = await dashboardRow(page, title, username);
  const approve = row.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])');
  await Promise.all([page.waitForNavigation(), approve.click()]);
  await expectMessage(page, `${title}：${outcome}`, `${username} approved "${title}"`);
  const remaining = await page.locator('#awaiting-review-section').filter({ hasText: title }).count();
  expect(remaining === 0, `"${title}" still awaits ${username} after the approval`);
  step(`${username} approved "${title}" from the dashboard: ${outcome}`);
}

async function returnFromDashboard(page, username, title) {
  const row = await dashboardRow(page, title, username);
  await row.locator('button[data-workflow-action-url*="/reject/"]').click();
  const modal = page.locator('.modal-content form');
  await modal.locator('textarea[name=comment]').fill('请补充会议照片。');
  await Promise.all([page.waitForNavigation(), modal.locator('button[type=submit]').click()]);
  await expectMessage(page, `${title}：已退回`, `${username} returned "${title}"`);
  step(`${username} returned "${title}" from the dashboard with a comment: 已退回`);
}

async function waitingCounts(page) {
  const panel = page.locator('section[aria-labelledby=waiting-heading] li');
  return (await panel.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function adminSearch(page, username) {
  await page.goto(`${config.base}/admin/pages/search/?q=${encodeURIComponent(config.adminQuery)}`);
  const results = page.locator('#listing-results');
  for (const title of config.titles) {
    expect(await results.filter({ hasText: title }).count() > 0,
      `${username}'s admin search for "${config.adminQuery}" does not find "${title}"`);
  }
  step(`${username}'s admin search for "${config.adminQuery}" finds both items`);
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
      expect(!html.includes(plainTitle), `${path} lists the item before it was written`);
    }
    step(`anonymous listings cached: ${config.listings.join(', ')}`);

    const editor = await signIn(browser, config.editor);
    const clicks = await writeAndSubmit(editor, plainTitle, null);
    expect(clicks <= MAX_CLICKS, `writing and submitting an item took ${clicks} clicks (at most ${MAX_CLICKS})`);
    await writeAndSubmit(editor, markedTitle, 'political');
    await editor.context().close();

    const reviewer = await signIn(browser, config.reviewer);
    const counts = await waitingCounts(reviewer);
    await screenshot(reviewer, 'reviewer-dashboard');
    expect(counts[0] === '3 待我审核的信息', `the reviewer's 待我处理 reads ${JSON.stringify(counts)}`);
    step(`the reviewer's dashboard: 待我处理 ${counts.join(', ')}`);
    await approveFromDashboard(reviewer, config.reviewer, plainTitle, '已发布');
    await approveFromDashboard(reviewer, config.reviewer, markedTitle, '已通过审签，待主要领导审核');
    await returnFromDashboard(reviewer, config.reviewer, config.returned);
    await reviewer.context().close();
    let column = await publicPage(visitor, config.columnPath);
    expect(column.html.includes(plainTitle) && !column.html.includes(markedTitle),
      'after 审签 the column must list the plain item and not the marked one');
    step('after 审签 alone the marked item is not public; the plain one is');

    const leader = await signIn(browser, config.leader);
    await approveFromDashboard(leader, config.leader, markedTitle, '已发布');
    column = await publicPage(visitor, config.columnPath);
    const link = visitor.locator('main a').filter({ hasText: markedTitle }).first();
    expect(await link.count() > 0, `${config.columnPath} does not list "${markedTitle}"`);
    const itemPath = new URL(await link.getAttribute('href'), config.base).pathname;
    expect(/\/\d{8}-\d+\/$/.test(itemPath), `the item's address is not <date>-<n>: ${itemPath}`);
    const item = await publicPage(visitor, itemPath);
    expect(item.status === 200 && item.html.includes(markedTitle), `the public item page ${itemPath} (HTTP ${item.status})`);
    step(`the public page ${itemPath} shows "${markedTitle}"`);
    for (const path of config.listings) {
      const { html } = await publicPage(visitor, path);
      expect(config.titles.every((title) => html.includes(title)), `${path} does not list both items`);
    }
    step(`every cached listing shows both at once: ${config.listings.join(', ')}`);
    await visitor.goto(`${config.base}/`);
    await visitor.fill('#site-search-q', config.searchQuery);
    await Promise.all([visitor.waitForNavigation(), visitor.press('#site-search-q', 'Enter')]);
    const found = visitor.locator('main a').filter({ hasText: markedTitle });
    expect(await found.count() > 0, `the search for "${config.searchQuery}" does not find the item`);
    step(`the public search for "${config.searchQuery}" finds it`);
    await adminSearch(leader, config.leader);
    await leader.context().close();

    const administrator = await signIn(browser, config.administrator);
    await approveFromDashboard(administrator, config.administrator, config.portalNotice, '已发布');
    await adminSearch(administrator, config.administrator);
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
