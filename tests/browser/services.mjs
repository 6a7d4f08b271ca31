// The portal's public services as a citizen uses them on a phone (Debian's Chromium, playwright-core):
//   征集调查: the notice leads to the form; a wrong phone and an unanswered question give a Chinese error
//     with what was typed still there; corrected, the answers are received;
//   在线访谈: the interview page leads to the question form; an empty question is refused, a real one received;
//     on a live interview's page a transcript entry added meanwhile appears without a reload (the script
//     prints "READY live transcript" once the page is loaded; the test then adds the entry);
//   领导信箱: reached from 互动交流; a wrong phone is refused with the letter kept; then a receipt with its code;
//   回应关切: the statement at the top of the portal home opens;
//   政务新媒体: the registry lists the account.
// Every page visited: no horizontal scroll and no serious/critical axe-core (WCAG 2.x A/AA) violation.
//
//   node tests/browser/services.mjs spec.json
//
// spec.json: {"resolver", "portal": "<portal home url>", "survey": {"page", "form"}, "interview": {"page", "ask"},
//             "live": {"page", "entry"}, "statement": "<title>", "newMedia": {"page", "account"}}
// Exits 1 on any failure, printing one line per check.
import { readFileSync } from 'node:fs';

import axe from 'axe-core';

import { check, runInBrowser } from './harness.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

async function pageChecks(page, label) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1], `${label}: no horizontal scroll (${widths[0]} ≤ ${widths[1]})`);
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), TAGS);
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact));
  check(blocking.length === 0, `${label}: axe-core ${blocking.length} serious/critical`
    + blocking.map((v) => `\n    [${v.impact}] ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join(''));
}

// The captcha is also given as a sentence ("5加2等于几？"), which is what a screen reader reads out.
async function solveCaptcha(page) {
  const question = await page.locator('label.captcha-question').textContent();
  const [, a, op, b] = question.match(/(\d+)(加|减|乘)(\d+)/);
  const answer = op === '加' ? Number(a) + Number(b) : op === '减' ? Number(a) - Number(b) : Number(a) * Number(b);
  await page.fill('[name="captcha_1"]', String(answer));
}

async function submit(page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type="submit"]:not([name])').click()]);
}

async function refusedKeeping(page, label, kept) {
  check(await page.locator('#form-errors').count() === 1, `${label}: refused with the error summary`);
  const errors = await page.locator('main form .has-error .errorlist li').allTextContents();
  const chinese = errors.length > 0 && errors.every((e) => /[\u4e00-\u9fff]/.test(e) && !/[A-Za-z]{4,}/.test(e));
  check(chinese, `${label}: each field says what is wrong, in Chinese: ${errors.join(' / ')}`);
  for (const [name, value] of Object.entries(kept)) {
    check(await page.inputValue(`[name="${name}"]`) === value, `${label}: ${name} still holds what was typed`);
  }
}

async function survey(page) {
  await page.goto(spec.survey.page, { waitUntil: 'load' });
  await pageChecks(page, 'survey notice');
  await Promise.all([page.waitForURL(spec.survey.form), page.locator(`main a[href="${new URL(spec.survey.form).pathname}"]`).first().click()]);
  const opinion = '建议政务服务中心周末也开放，方便上班族办事。';
  await page.fill('[name="opinion"]', opinion);
  await page.fill('[name="name"]', '王小明');
  await page.fill('[name="phone"]', '12345');
  await solveCaptcha(page);
  await submit(page);
  await refusedKeeping(page, 'survey without its required answer and with a wrong phone', { opinion, name: '王小明' });
  await pageChecks(page, 'survey form with errors');
  await page.getByLabel('赞成', { exact: true }).check();
  await page.fill('[name="phone"]', '13812345678');
  await solveCaptcha(page);
  await submit(page);
  check(await page.locator('.messages .success').count() === 1, 'survey: the answers are received');
}

async function interview(page) {
  await page.goto(spec.interview.page, { waitUntil: 'load' });
  await pageChecks(page, 'interview page');
  await Promise.all([page.waitForURL(spec.interview.ask), page.locator(`main a[href="${new URL(spec.interview.ask).pathname}"]`).click()]);
  await page.fill('[name="name"]', '李女士');
  await solveCaptcha(page);
  await submit(page);
  await refusedKeeping(page, 'interview question left empty', { name: '李女士' });
  await page.fill('[name="text"]', '课后服务延时到几点？费用怎么收取？');
  await solveCaptcha(page);
  await submit(page);
  check(await page.locator('.messages .success').count() === 1, 'interview: the question is received');
}

async function liveTranscript(page) {
  await page.goto(spec.live.page, { waitUntil: 'load' });
  await pageChecks(page, 'live interview');
  await page.evaluate(() => { window.sameDocument = true; });
  console.log('READY live transcript');
  const entry = page.locator('#interview-transcript li', { hasText: spec.live.entry });
  const appeared = await entry.waitFor({ timeout: 30000 }).then(() => true, () => false);
  const reloaded = !(await page.evaluate(() => window.sameDocument === true));
  check(appeared && !reloaded, 'live interview: a new transcript entry appears without a reload');
}

async function leaderMail(page) {
  await page.goto(new URL('/interaction/', spec.portal).href, { waitUntil: 'load' });
  await Promise.all([page.waitForURL(/\/interaction\/new\/leader_mail\/$/), page.locator('main a[href="/interaction/new/leader_mail/"]').first().click()]);
  await pageChecks(page, 'leader mailbox form');
  const body = '城区老旧小区停车位不足，晚上车辆占用消防通道，建议统筹规划停车场。';
  await page.fill('[name="title"]', '关于城区停车难的建议');
  await page.fill('[name="body"]', body);
  await page.fill('[name="name"]', '张先生');
  await page.fill('[name="phone"]', '123');
  await solveCaptcha(page);
  await submit(page);
  await refusedKeeping(page, 'letter with a wrong phone', { body, title: '关于城区停车难的建议', name: '张先生' });
  await page.fill('[name="phone"]', '13900001111');
  await solveCaptcha(page);
  await submit(page);
  const code = (await page.locator('main dd strong').first().textContent().catch(() => '')) || '';
  check(code.trim().length > 0, `letter: the receipt shows its tracking code ${code.trim()}`);
  await pageChecks(page, 'letter receipt');
}

async function statement(page) {
  await page.goto(spec.portal, { waitUntil: 'load' });
  const box = page.locator('[aria-labelledby="response-statement-heading"]');
  check((await box.textContent() || '').includes(spec.statement), 'portal home: the 回应关切 statement stands at the top');
  await Promise.all([page.waitForNavigation(), box.locator('a', { hasText: spec.statement }).first().click()]);
  check((await page.locator('main h1').textContent() || '').includes(spec.statement), 'statement: its page opens');
  await pageChecks(page, 'statement page');
}

async function newMedia(page) {
  await page.goto(spec.newMedia.page, { waitUntil: 'load' });
  check(await page.locator('.new-media-name', { hasText: spec.newMedia.account }).count() === 1, 'new media: the account is listed');
  await pageChecks(page, 'new media registry');
}

await runInBrowser('services-browser-', spec.resolver, { viewport: { width: 390, height: 844 } }, async (page) => {
  for (const flow of [survey, interview, liveTranscript, leaderMail, statement, newMedia]) {
    try {
      await flow(page);
    } catch (error) {
      check(false, `${flow.name}: ${error}`);
    }
  }
});
