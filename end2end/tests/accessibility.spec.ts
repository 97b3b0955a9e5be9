// WCAG 2.2 AA on every page (issue 12 §5): axe-core, with the WCAG 2.0, 2.1
// and 2.2 A/AA rules, finds nothing on any page of the site (the public
// pages, a contestant's own pages from the profile to the result, every
// dashboard page) in both projects: desktop and the 360 px phone. Pages are
// checked once hydrated and their data is in, and also in the states a
// person meets them in: a form sent back with its errors.
import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { contestantTour, dashboardPages, openPage, publicPages, usableResetLink } from '../support/pages';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the page as it is now, one line each: rule, impact, how many, where. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${v.nodes
    .slice(0, 3)
    .map((n) => n.target.join(' '))
    .join(' | ')}`);
}

/** Checks every page given, then fails once with everything found, page by page. */
function checker(page: Page) {
  const found: string[] = [];
  return {
    found,
    async visit(path: string, what: string, opts: { hydrate?: boolean } = {}) {
      await openPage(page, path, opts);
      for (const v of await violations(page)) found.push(`${what} (${path}): ${v}`);
    },
    async here(what: string) {
      for (const v of await violations(page)) found.push(`${what} (${page.url()}): ${v}`);
    },
  };
}

test('public pages have no WCAG 2.2 A/AA violations', async ({ page }) => {
  test.setTimeout(120_000);
  const check = checker(page);
  for (const { path, what } of publicPages()) await check.visit(path, what);
  const reset = await usableResetLink(page);
  await check.visit(reset.path, reset.what);

  // Forms as they come back with their errors: the summary and the messages by the fields.
  await openPage(page, '/dang-ky');
  await page.getByLabel('Họ và tên').fill('Mai');
  await page.getByLabel('Số điện thoại').fill('123');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.locator('#phone-error')).toContainText('Số điện thoại không hợp lệ');
  await check.here('registration with errors');
  await openPage(page, '/dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await check.here('sign-in with errors');
  expect(check.found, check.found.join('\n')).toEqual([]);
});

test("a contestant's own pages have no WCAG 2.2 A/AA violations", async ({ page }) => {
  test.setTimeout(90_000);
  const check = checker(page);
  await contestantTour(page, (path, what) => check.visit(path, what));
  expect(check.found, check.found.join('\n')).toEqual([]);
});

test('every dashboard page has no WCAG 2.2 A/AA violations', async ({ page }) => {
  test.setTimeout(180_000);
  const check = checker(page);
  for (const { path, what } of await dashboardPages(page)) await check.visit(path, what);
  expect(check.found, check.found.join('\n')).toEqual([]);
});

test('pages before their client code runs have no WCAG 2.2 A/AA violations', async ({ page }) => {
  test.setTimeout(90_000);
  // The server-rendered page is what a phone shows before (or without) the
  // wasm: its script and wasm are refused here. (axe itself is injected by
  // Playwright, not fetched by the page.)
  await page.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  const check = checker(page);
  for (const path of ['/', '/dang-ky', '/dang-nhap', '/thong-ke?cuoc_thi=1', '/quen-mat-khau']) {
    await check.visit(path, `${path} before its client code`, { hydrate: false });
  }
  expect(check.found, check.found.join('\n')).toEqual([]);
});
