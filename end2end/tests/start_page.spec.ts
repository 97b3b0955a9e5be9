// The start page before a timed attempt, the prediction saved like an answer,
// and the result page's marks (issue #11, contestants 4–6): "Vào thi" starts
// nothing by itself, "Tiếp tục làm bài" resumes a running attempt, a visitor is
// told why they must sign in and comes back, a prediction survives a reload,
// leaving with unsaved answers warns, and the result marks what was not answered.
import { test, expect, Page, APIRequestContext } from '@playwright/test';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

const PASSWORD = 'mật khẩu an toàn';

async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
}

/// An account made through the JSON API by a separate client (not signed in here).
async function account(request: APIRequestContext, phone: string) {
  const units = await (await request.get('/api/units?q=so%20noi%20vu')).json();
  const response = await request.post('/api/contestants/register', {
    data: {
      full_name: 'Lý Thị Thu', birth_date: '1993-06-12', phone, category: 'civil_servant',
      unit_id: units[0].id, password: PASSWORD,
    },
  });
  expect(response.ok()).toBeTruthy();
}

/// Registered and signed in through the site's form, on the home page.
async function registered(page: Page) {
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill('Lý Thị Thu');
  await page.getByLabel('Ngày sinh').fill('1993-06-12');
  await page.getByLabel('Số điện thoại').fill(uniquePhone());
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: 'Cán bộ, công chức, viên chức, người lao động' });
  await page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)').fill('so noi vu');
  await page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' }).click();
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
  await hydrated(page);
}

async function attemptsUsed(page: Page): Promise<number> {
  const response = await page.request.get('/api/me/attempts');
  expect(response.ok()).toBeTruthy();
  return (await response.json()).length;
}

const question = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Câu ${n}\\. `) });

test('the start page comes before the timed attempt, and a running attempt is resumed', async ({ page }) => {
  await registered(page);
  // The open week says what is left; the week that has ended no longer offers attempts.
  await expect(page.getByText('Tuần 2: đã thi 0/2 lượt, còn 2 lượt')).toBeVisible();
  await expect(page.getByText('Tuần 1: đã thi 0/2 lượt · đã kết thúc')).toBeVisible();

  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  const startPage = page.url();
  await expect(page.getByRole('heading', { name: 'Vào thi Tuần 2' })).toBeVisible();
  await expect(page.getByText('20 câu · 20 phút · lượt 1/2')).toBeVisible();
  await expect(page.getByText(/đồng hồ 20 phút bắt đầu chạy/)).toBeVisible();
  expect(await attemptsUsed(page)).toBe(0); // looking at it used nothing

  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  const quiz = page.url();
  await expect(page.getByRole('timer')).toHaveAttribute('data-ticking', 'yes');

  // Back on the home page the week's button resumes the same attempt.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Vào thi Tuần 2' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Tiếp tục làm bài Tuần 2' }).click();
  await expect(page).toHaveURL(quiz);
  // And so does the start page, without using a second attempt.
  await page.goto(startPage);
  await expect(page.getByRole('button', { name: 'Bắt đầu làm bài' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Tiếp tục làm bài' }).click();
  await expect(page).toHaveURL(quiz);
  expect(await attemptsUsed(page)).toBe(1);
});

test('a prediction survives a reload, leaving with unsaved answers warns, the result marks what is unanswered', async ({ page }) => {
  await registered(page);
  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  await hydrated(page);

  // The chosen option's whole row is highlighted, not just its dot.
  const first = question(page, 1);
  await first.getByRole('radio').first().check();
  await expect(first.getByText('Đã lưu')).toBeVisible();
  const row = first.locator('.option').first();
  const other = first.locator('.option').nth(1);
  const background = (l: typeof row) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(row)).not.toBe(await background(other));

  // The prediction is saved when it changes, like an answer…
  const prediction = page.getByRole('group', { name: 'Câu hỏi dự đoán' });
  await page.getByLabel(/bao nhiêu người/).fill('1234');
  await page.getByLabel(/bao nhiêu người/).blur();
  await expect(prediction.getByText('Đã lưu')).toBeVisible();
  // …and is the server's: with the browser's storage cleared, a reload still shows it.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(/bao nhiêu người/)).toHaveValue('1234');
  await expect(prediction.getByText('Đã lưu')).toBeVisible();

  // An answer the server cannot take yet: leaving the page asks first.
  await page.route('**/api/attempts/answer', (route) => route.fulfill({ status: 503, headers: { 'retry-after': '1' }, body: '' }));
  await question(page, 2).getByRole('radio').nth(1).check();
  await expect(question(page, 2).getByText('Chưa lưu')).toBeVisible();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); void dialog.accept(); });
  await page.reload();
  await hydrated(page);
  expect(dialogs).toContain('beforeunload');
  await page.unroute('**/api/attempts/answer');
  await expect(question(page, 2).getByText('Đã lưu')).toBeVisible({ timeout: 15_000 });

  // Submitted with the field as it was: graded with the saved figure.
  await page.getByRole('button', { name: 'Nộp bài' }).click(); // the unanswered confirm is accepted above
  await expect(page).toHaveURL(/\/ket-qua\/\d+$/);
  await expect(page.getByText(/^\d+\/100 điểm$/)).toBeVisible();
  await expect(page.getByText('Chưa trả lời: 18 câu')).toBeVisible();
  await expect(page.getByText('Câu hỏi dự đoán: 1.234')).toBeVisible();
});

test('without JavaScript: sign-in says why, comes back to the start page, which starts and resumes', async ({ browser, request }) => {
  const phone = uniquePhone();
  await account(request, phone);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?vong=\d+$/);
  await expect(page.getByText('Vui lòng đăng nhập để vào thi Tuần 2.')).toBeVisible();

  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  const startPage = page.url();
  await expect(page.getByText('20 câu · 20 phút · lượt 1/2')).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  const quiz = page.url();

  await page.goto(startPage);
  await page.getByRole('link', { name: 'Tiếp tục làm bài' }).click();
  await expect(page).toHaveURL(quiz);
  await context.close();
});
