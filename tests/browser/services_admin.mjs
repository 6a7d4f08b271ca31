// The public services as the staff run them in the Wagtail admin (Debian's Chromium, playwright-core),
// each flow reached from the admin menu and ending with its Chinese success message:
//   征集调查: the unit's editor publishes a consented opinion (征集意见);
//   在线访谈: the editor selects a citizen's question and adds a transcript entry;
//   领导信箱: the county office's editor opens the letter from the case listing; a reply of blanks is refused
//     with a Chinese error and the reason typed kept; then the reply is drafted, and the office's reviewer
//     approves and sends it;
//   回应关切: the publisher publishes a statement by the emergency route (an empty text refused first);
//   政务新媒体: the editor adds an account; closing dates out of order are refused with Chinese errors and
//     the text kept; corrected, it is saved.
// Every admin screen visited is saved as shown (without what is not rendered) as <screens>/<n>-<label>.html for
// the English check in Python.
//
//   node tests/browser/services_admin.mjs spec.json
//
// spec.json: {"base", "password", "screens", "editor", "officeEditor", "officeReviewer", "publisher", "survey": {"title", "opinion"},
//             "interview": {"title", "question", "transcript"}, "letter": {"title", "code", "reply"},
//             "statement", "account"}
// Exits 1 on any failure, printing one line per check; SCREENSHOT_DIR (environment) keeps a screenshot of a
// flow that stopped. CHROMIUM (environment) overrides the browser path.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { check, CHROMIUM_ARGS, report } from './harness.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let screenCount = 0;

class FlowError extends Error {}

function expect(ok, message) {
  if (!check(ok, message)) throw new FlowError(message);
}

async function keep(page, label) {
  screenCount += 1;
  // What is shown: elements the browser does not render (closed pickers, hidden counters) are left out.
  const html = await page.evaluate(() => {
    const all = [...document.body.querySelectorAll('*')];
    const hidden = new Set(all.filter((element) => getComputedStyle(element).display === 'none'));
    const copy = document.documentElement.cloneNode(true);
    const copies = [...copy.querySelector('body').querySelectorAll('*')];
    copies.forEach((element, n) => { if (hidden.has(all[n])) element.remove(); });
    return copy.outerHTML;
  });
  writeFileSync(join(spec.screens, `${String(screenCount).padStart(2, '0')}-${label}.html`), html);
}

async function messages(page) {
  // The message itself, without the links and buttons after it (编辑, 转到第一个错误).
  return page.$$eval('.messages li', (items) => items.map((li) => {
    const message = li.cloneNode(true);
    message.querySelectorAll('a, button').forEach((node) => node.remove());
    return message.textContent.replace(/\s+/g, ' ').trim();
  }));
}

async function expectMessage(page, pattern, what) {
  const shown = await messages(page);
  expect(shown.some((m) => (pattern instanceof RegExp ? pattern.test(m) : m === pattern)),
    `${what}: the message ${pattern} (shown: ${JSON.stringify(shown)})`);
}

async function signIn(browser, username) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${spec.base}/admin/login/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', spec.password);
  await Promise.all([page.waitForURL(`${spec.base}/admin/`), page.click('button[type=submit]')]);
  await keep(page, `${username}-dashboard`);
  return page;
}

// Opens a screen from the sidebar menu by its Chinese label.
async function fromMenu(page, label) {
  const link = page.locator('.sidebar').getByRole('link', { name: label, exact: true });
  await Promise.all([page.waitForNavigation(), link.click()]);
  await keep(page, label);
}

async function submitForm(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

// Opens the listing from the menu and the row naming `text` in it.
async function openRow(page, menuLabel, text, what) {
  await fromMenu(page, menuLabel);
  const row = page.locator('table.listing tbody tr').filter({ hasText: text });
  expect(await row.count() === 1, `${what}: listed in ${menuLabel}`);
  await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
  await keep(page, `${menuLabel}-row`);
}

// Sends the form by `button` and expects the message that ends the step.
async function saveWithMessage(page, button, message, what) {
  await submitForm(page, button);
  await keep(page, what.replace(/\W+/g, '-'));
  await expectMessage(page, message, what);
}

// Opens a row from its listing, reads `shown` on it, sets its status and saves it (征集意见, 网友提问).
async function setStatus(page, menuLabel, text, shown, status, message, what) {
  await openRow(page, menuLabel, text, what);
  expect((await page.locator('main').textContent()).includes(shown), `${what}: shown on its screen`);
  await page.selectOption('select[name=status]', status);
  await saveWithMessage(page, page.locator('main form button[type=submit]').first(), message, `${what}: ${status}`);
}

async function survey(browser) {
  const page = await signIn(browser, spec.editor);
  const message = new RegExp(`^征集意见 '${spec.survey.title} · .+' 已更新。$`);
  await setStatus(page, '征集意见', spec.survey.title, spec.survey.opinion, 'published', message, 'survey: the consented opinion');
  await page.context().close();
}

async function interview(browser) {
  const page = await signIn(browser, spec.editor);
  const message = new RegExp(`^网友提问 '${spec.interview.title} · .+' 已更新。$`);
  await setStatus(page, '访谈网友提问', spec.interview.question, spec.interview.question, 'selected', message, 'interview: the citizen\'s question');

  await fromMenu(page, '访谈文字实录');
  await Promise.all([page.waitForNavigation(), page.locator('main a[href$="/new/"]').first().click()]);
  await keep(page, 'transcript-add');
  await page.selectOption('select[name=page]', { label: spec.interview.title });
  await page.fill('[name=speaker]', '李明');
  await page.fill('[name=text]', spec.interview.transcript);
  await saveWithMessage(page, page.locator('main form button[type=submit]').first(),
    new RegExp(`^实录条目 '${spec.interview.title} · 李明 .+' 已创建。$`), 'interview: the transcript entry is added');
  await page.context().close();
}

async function leaderMail(browser) {
  const page = await signIn(browser, spec.officeEditor);
  await openRow(page, '互动交流留言', spec.letter.title, 'letter: the county office\'s letter');
  const form = page.locator('.case-action--primary form');
  const reason = '已转县住建局研究。';
  await form.locator('[name="draft-text"]').fill('   ');
  await form.locator('[name="draft-reason"]').fill(reason);
  await saveWithMessage(page, form.locator('button[type=submit]'), '请更正以下错误：必需字段',
    'letter: a reply of blanks is refused in Chinese');
  expect(await form.locator('[name="draft-reason"]').inputValue() === reason, 'letter: the reason typed is kept');
  await form.locator('[name="draft-text"]').fill(spec.letter.reply);
  await saveWithMessage(page, form.locator('button[type=submit]'), '已完成：拟写答复', 'letter: the reply is drafted');
  await page.context().close();

  const reviewer = await signIn(browser, spec.officeReviewer);
  await openRow(reviewer, '互动交流留言', spec.letter.title, 'letter: for the office\'s reviewer');
  expect((await reviewer.locator('main').textContent()).includes(spec.letter.reply), 'letter: the reviewer reads the draft');
  const approve = reviewer.locator('.case-action--primary form');
  expect(await approve.locator('input[name=action]').inputValue() === 'approve', 'letter: approval comes first');
  await saveWithMessage(reviewer, approve.locator('button[type=submit]'), '已完成：审核通过并发送答复',
    'letter: the reply is approved and sent');
  await reviewer.context().close();
}

async function statement(browser) {
  const page = await signIn(browser, spec.publisher);
  await fromMenu(page, '紧急发布回应关切');
  const reason = '网络舆情持续发酵，需立即发布权威信息。';
  await page.fill('[name=title]', spec.statement);
  await page.fill('[name=reason]', reason);
  await page.fill('[name=body]', '   ');
  await submitForm(page, page.locator('main form button[type=submit]'));
  await keep(page, 'statement-refused');
  const errors = (await page.locator('main form .error-message').allTextContents()).map((e) => e.trim());
  check(errors.includes('请填写回应正文。'), `statement: an empty text is refused in Chinese: ${errors.join(' / ')}`);
  expect(await page.inputValue('[name=title]') === spec.statement && await page.inputValue('[name=reason]') === reason,
    'statement: the title and the reason typed are kept');
  await page.fill('[name=body]', '停水时间为明日零时至六时。\n请居民提前储水。');
  await saveWithMessage(page, page.locator('main form button[type=submit]'), '回应已发布，等待县政府办公室主要领导事后审批。',
    'statement: published at once');
  await page.context().close();
}

async function newMedia(browser) {
  const page = await signIn(browser, spec.editor);
  await fromMenu(page, '片段');
  await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: '政务新媒体账号' }).first().click()]);
  await keep(page, 'new-media-accounts');
  await Promise.all([page.waitForNavigation(), page.locator('main a[href$="/add/"]').first().click()]);
  await keep(page, 'new-media-add');
  await page.fill('[name=name]', spec.account);
  await page.selectOption('select[name=platform]', 'channels');
  await page.fill('[name=account_id]', 'yxjy-sph');
  await page.fill('[name=opened_on]', '2025-03-01');
  await page.fill('[name=last_updated]', '2025-03-02');
  await page.fill('[name=closed_on]', '2025-02-01');
  await page.click('[name=name]'); // closes the date pickers
  await saveWithMessage(page, page.getByRole('button', { name: '保存', exact: true }), '无法创建政务新媒体账号。出现错误。',
    'new media: refused');
  const errors = (await page.locator('main form .error-message').allTextContents()).map((e) => e.trim());
  check(errors.includes('账号不能早于开设日期关停。') && errors.includes('请填写关停账号的原因。'),
    `new media: closing dates out of order are refused in Chinese: ${errors.join(' / ')}`);
  expect(await page.inputValue('[name=name]') === spec.account && await page.inputValue('[name=account_id]') === 'yxjy-sph',
    'new media: the name and the account ID typed are kept');
  await page.fill('[name=closed_on]', '');
  await page.click('[name=name]');
  await saveWithMessage(page, page.getByRole('button', { name: '保存', exact: true }),
    `政务新媒体账号 '${spec.account}（微信视频号）' 已创建。`, 'new media: the account is saved');
  await page.context().close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  for (const flow of [survey, interview, leaderMail, statement, newMedia]) {
    try {
      await flow(browser);
    } catch (error) {
      if (process.env.SCREENSHOT_DIR) {
        const pages = browser.contexts().flatMap((context) => context.pages());
        await Promise.all(pages.map((page, n) => page.screenshot({
          path: join(process.env.SCREENSHOT_DIR, `${flow.name}-${n}.png`), fullPage: true,
        })));
      }
      check(false, `${flow.name}: ${error instanceof FlowError ? 'stopped' : error}`);
    }
  }
} finally {
  await browser.close();
}
report();
