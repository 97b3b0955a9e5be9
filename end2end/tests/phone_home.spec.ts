// The home page on a 360 px phone and the dashboard frame (issue #11:
// contestants 7, organizers 6): the open round's "Vào thi" is in the first
// screen, nothing scrolls sideways (home, registration, dashboard), the
// schedule cards keep their labels, registering ends on a confirmation (with
// and without JavaScript) and the dashboard marks the page one is on.
import { test, expect, Page } from '@playwright/test';
import { hydrated, signInAsOrganizer } from '../support/dashboard';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

const UNIT = 'Tỉnh Lạng Sơn › Sở Nội vụ';

/** The page is no wider than the screen: no sideways scroll. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${page.url()} is ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
}

async function fillRegistration(page: Page, name: string) {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Ngày sinh').fill('1990-08-15');
  await page.getByLabel('Số điện thoại').fill(uniquePhone());
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: 'Cán bộ, công chức, viên chức, người lao động' });
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNIT });
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
}

test.describe('on a phone', () => {
  test.skip(({ isMobile }) => !isMobile, 'the first screen and sideways scroll are about a 360 px phone');

  test("the open round's 'Vào thi' is in the first screen", async ({ page }) => {
    await page.goto('/');
    const start = page.getByRole('link', { name: 'Vào thi Tuần 2' });
    await expect(start).toBeVisible();
    const box = await start.boundingBox();
    const screen = page.viewportSize();
    expect(box && screen).toBeTruthy();
    expect(box!.y + box!.height).toBeLessThanOrEqual(screen!.height);
    // Above the live counters.
    const counters = await page.getByRole('region', { name: 'Số liệu trực tiếp' }).boundingBox();
    expect(box!.y).toBeLessThan(counters!.y);
  });

  test('the header links stay whole and nothing scrolls sideways on / and /dang-ky', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    const stats = page.getByRole('navigation', { name: 'Tài khoản' }).getByRole('link', { name: 'Thống kê' });
    // One line: "Thống kê" is not broken into "Thống / kê".
    const box = await stats.boundingBox();
    const lineHeight = await stats.evaluate((a) => parseFloat(getComputedStyle(a).lineHeight) || 24);
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    await expectNoSidewaysScroll(page);
    await page.goto('/dang-ky');
    await hydrated(page);
    await expectNoSidewaysScroll(page);
  });

  test("the schedule's cards keep their 'Bắt đầu' and 'Kết thúc' labels", async ({ page }) => {
    await page.goto('/');
    const week2 = page.getByRole('table').getByRole('row', { name: /Tuần 2/ });
    const label = (cell: string) =>
      week2.locator(`td[data-label="${cell}"]`).evaluate((td) => getComputedStyle(td, '::before').content);
    expect(await label('Bắt đầu')).toContain('Bắt đầu');
    expect(await label('Kết thúc')).toContain('Kết thúc');
  });

  test('dashboard pages do not scroll sideways', async ({ page }) => {
    await signInAsOrganizer(page);
    for (const path of ['/quan-tri', '/quan-tri/cau-hoi']) {
      await page.goto(path);
      await hydrated(page);
      await expect(page.getByRole('navigation', { name: 'Quản trị' })).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoSidewaysScroll(page);
    }
  });
});

test('the dashboard marks the current page and shows live numbers', async ({ page }) => {
  await signInAsOrganizer(page);
  const menu = page.getByRole('navigation', { name: 'Quản trị' });
  await expect(menu.getByRole('link', { name: 'Tổng quan' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.locator('[aria-current=page]')).toHaveCount(1);
  const live = page.getByRole('region', { name: 'Đang diễn ra' });
  await expect(live).toContainText('Đang mở: Tuần 2');
  await expect(live).toContainText('lượt thi hôm nay');
  await expect(live).toContainText('người đang làm bài');

  await menu.getByRole('link', { name: 'Ngân hàng câu hỏi' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/cau-hoi$/);
  await expect(menu.getByRole('link', { name: 'Ngân hàng câu hỏi' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('link', { name: 'Tổng quan' })).not.toHaveAttribute('aria-current', 'page');
});

test('registering ends on the home page with a confirmation', async ({ page }) => {
  await page.goto('/dang-ky');
  await hydrated(page);
  await fillRegistration(page, 'Đinh Thị Hạnh');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/\?da-dang-ky=1$/);
  const done = page.getByRole('status').filter({ hasText: 'Đăng ký thành công' });
  await expect(done).toContainText('Chào mừng Đinh Thị Hạnh.');
  // The plain home page does not say it again.
  await page.goto('/');
  await expect(page.getByText('Đăng ký thành công')).toHaveCount(0);
});

test('registering without JavaScript shows the same confirmation', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/dang-ky');
  await fillRegistration(page, 'Bế Văn Cường');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/\?da-dang-ky=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Đăng ký thành công' })).toContainText('Chào mừng Bế Văn Cường.');
  await context.close();
});

test('the unit list is in Vietnamese alphabetical order', async ({ page }) => {
  await page.goto('/dang-ky');
  const names = await page.getByLabel('Đơn vị', { exact: true }).locator('option').allTextContents();
  const at = (unit: string) => {
    const i = names.findIndex((n) => n.endsWith(`› ${unit}`));
    expect(i, unit).toBeGreaterThanOrEqual(0);
    return i;
  };
  // Code-point order puts "Bình" before "Bắc" (ì < ắ) and "Đình" after "Hữu" (Đ is U+0110).
  expect(at('Huyện Bắc Sơn')).toBeLessThan(at('Huyện Bình Gia'));
  expect(at('Huyện Bình Gia')).toBeLessThan(at('Huyện Cao Lộc'));
  expect(at('Huyện Cao Lộc')).toBeLessThan(at('Huyện Đình Lập'));
  expect(at('Huyện Đình Lập')).toBeLessThan(at('Huyện Hữu Lũng'));
});
