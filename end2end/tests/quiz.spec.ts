// A contestant's whole path in the browser: register → start → answer →
// reload → same attempt with answers kept → offline answers saved when the
// network returns → submit → result.
import { test, expect, Page } from '@playwright/test';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

async function register(page: Page, phone: string) {
  await page.goto('/dang-ky');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await page.getByLabel('Họ và tên').fill('Lê Thị Mai');
  await page.getByLabel('Ngày sinh').fill('1991-04-30');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: 'Cán bộ, công chức, viên chức, người lao động' });
  // The unit search ignores diacritics: "so noi vu" finds "Sở Nội vụ".
  await page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)').fill('so noi vu');
  await page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' }).click();
  await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
}

test('registration errors are shown next to their fields, in Vietnamese', async ({ page }) => {
  await page.goto('/dang-ky');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await page.getByLabel('Họ và tên').fill('Mai');
  await page.getByLabel('Số điện thoại').fill('123');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.locator('#phone-error')).toContainText('Số điện thoại không hợp lệ');
  await expect(page.locator('#full_name-error')).toContainText('họ và tên');
  // What was typed is still there.
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('123');
});

test('register, answer, reload, go offline, submit, see the result', async ({ page, context }) => {
  await register(page, uniquePhone());
  await expect(page.getByRole('heading', { name: 'Xin chào, Lê Thị Mai' })).toBeVisible();
  await expect(page.getByText('Tuần 2: đã thi 0/2 lượt, còn 2 lượt')).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  // "Vào thi" leads to the start page; only its button starts the timed attempt.
  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  const timer = page.getByRole('timer');
  await expect(timer).toHaveAttribute('data-ticking', 'yes');
  await expect(page.getByRole('group')).toHaveCount(21); // 20 questions + the prediction

  // Answer the first three questions; each says it is saved.
  for (const n of [1, 2, 3]) {
    const q = page.getByRole('group', { name: new RegExp(`^Câu ${n}\\. `) });
    await q.getByRole('radio').first().check();
    await expect(q.getByText('Đã lưu')).toBeVisible();
  }
  const firstQuestion = await page.getByRole('group').first().locator('legend').textContent();

  // Reload: the same attempt, same questions, answers ticked.
  await page.reload();
  await expect(page.getByRole('group').first().locator('legend')).toHaveText(firstQuestion!);
  for (const n of [1, 2, 3]) {
    await expect(page.getByRole('group', { name: new RegExp(`^Câu ${n}\\. `) }).getByRole('radio').first()).toBeChecked();
  }
  await expect(page.getByText('Đã trả lời 3/20')).toBeVisible();
  await expect(timer).toHaveAttribute('data-ticking', 'yes');

  // Offline: the answer waits in the browser, then is saved when the network is back.
  await context.setOffline(true);
  const q4 = page.getByRole('group', { name: /^Câu 4\. / });
  await q4.getByRole('radio').nth(1).check();
  await expect(q4.getByText('Chưa gửi được')).toBeVisible();
  await context.setOffline(false);
  await expect(q4.getByText('Đã lưu')).toBeVisible({ timeout: 10_000 });

  await page.getByLabel(/bao nhiêu người/).fill('250');
  page.once('dialog', (dialog) => dialog.accept()); // 16 questions unanswered: confirm
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page).toHaveURL(/\/ket-qua\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Kết quả bài thi' })).toBeVisible();
  await expect(page.getByText(/Trả lời đúng \d+\/20 câu/)).toBeVisible();
  await expect(page.getByText(/Thời gian làm bài: .*\d,\d giây/)).toBeVisible();
  // While the round runs, others could still use the key: the score only,
  // no question with its right answer anywhere on the page.
  await expect(page.getByText(/Đáp án sẽ được công bố khi mọi lượt thi/)).toBeVisible();
  await expect(page.locator('.review-item')).toHaveCount(0);
  await expect(page.getByText('(đáp án đúng)')).toHaveCount(0);

  // After the first attempt the prize-deciding details are locked.
  await page.goto('/ho-so');
  await expect(page.getByText('đã khóa sau lượt thi đầu tiên')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Thị Mai');
  await expect(page.getByLabel('Họ và tên')).not.toBeEditable();
  await expect(page.getByLabel('Email')).toBeEditable();
});

test('without any wasm the quiz is still a form that can be answered and submitted', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Register through the plain form first.
  await page.goto('/dang-ky');
  const phone = uniquePhone();
  await page.getByLabel('Họ và tên').fill('Vi Văn Toàn');
  await page.getByLabel('Ngày sinh').fill('1985-09-02');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Tỉnh Lạng Sơn › Sở Tư pháp' });
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  // "Vào thi" leads to the start page; only its button starts the timed attempt.
  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  await page.getByRole('group', { name: /^Câu 1\. / }).getByRole('radio').first().check();
  await page.getByLabel(/bao nhiêu người/).fill('10');
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page).toHaveURL(/\/ket-qua\/\d+$/);
  await expect(page.getByText(/Trả lời đúng \d+\/20 câu/)).toBeVisible();
  await context.close();
});
