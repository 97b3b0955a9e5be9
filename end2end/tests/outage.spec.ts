// Issue 10, item 6: an outage loses no answer. While every save answers 503
// the quiz keeps the answers queued (also across a reload), says which are not
// saved, retries them, and once saves go through again every one of them is
// on the server. A submit that meets an outage is sent again too.
import { test, expect, Page, Route } from '@playwright/test';
import { hydrated } from '../support/dashboard';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

/** Registers a contestant through the page and starts an attempt of the live round. */
async function startAttempt(page: Page): Promise<number> {
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill('Hoàng Văn Nam');
  await page.getByLabel('Ngày sinh').fill('1988-11-20');
  await page.getByLabel('Số điện thoại').fill(uniquePhone());
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: 'Cán bộ, công chức, viên chức, người lao động' });
  await page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)').fill('so noi vu');
  await page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' }).click();
  await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
  await hydrated(page);
  // "Vào thi" leads to the start page; only its button starts the timed attempt.
  await page.getByRole('link', { name: 'Vào thi Tuần 2' }).click();
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  await expect(page.getByRole('timer')).toHaveAttribute('data-ticking', 'yes');
  return Number(page.url().match(/\/bai-thi\/(\d+)$/)![1]);
}

const question = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Câu ${n}\\. `) });

/** Ticks option `k` (0-based) of question `n`; returns its question and option ids from the form. */
async function choose(page: Page, n: number, k: number): Promise<[string, number]> {
  const radio = question(page, n).getByRole('radio').nth(k);
  await radio.check();
  const name = (await radio.getAttribute('name'))!; // answers[<question id>]
  return [name.match(/^answers\[(\d+)\]$/)![1], Number(await radio.getAttribute('value'))];
}

/** What the server says while the database is away (the app's own 503). */
async function unavailable(route: Route) {
  await route.fulfill({
    status: 503,
    headers: { 'Retry-After': '1' },
    contentType: 'application/json',
    body: JSON.stringify({
      error: 'unavailable',
      message: 'Hệ thống đang quá tải hoặc tạm gián đoạn. Vui lòng thử lại sau ít giây.',
    }),
  });
}

test('answers clicked during an outage stay queued, survive a reload and all reach the server', async ({ page }) => {
  test.setTimeout(90_000);
  const attemptId = await startAttempt(page);
  const summary = page.getByRole('status').filter({ hasText: 'câu chưa lưu' });

  // Before the outage: saved as usual.
  const [q1, o1] = await choose(page, 1, 0);
  await expect(question(page, 1).getByText('Đã lưu')).toBeVisible();

  // The database goes away: every save gets 503 with Retry-After.
  const triesPerQuestion = new Map<string, number>();
  await page.route('**/api/attempts/answer', async (route) => {
    const { question_id } = route.request().postDataJSON();
    triesPerQuestion.set(String(question_id), (triesPerQuestion.get(String(question_id)) ?? 0) + 1);
    await unavailable(route);
  });
  await choose(page, 2, 0);
  const [q2, o2] = await choose(page, 2, 2); // a change of mind: the later choice counts
  const [q3, o3] = await choose(page, 3, 1);
  const [q4, o4] = await choose(page, 4, 3);
  for (const n of [2, 3, 4]) {
    await expect(question(page, n).getByText('Chưa lưu')).toBeVisible();
  }
  await expect(summary).toHaveText('3 câu chưa lưu — đang thử lại…');
  await expect(question(page, 1).getByText('Đã lưu')).toBeVisible();
  // Retried, not dropped: each unsaved answer is sent again.
  await expect
    .poll(() => Math.min(...[q2, q3, q4].map((q) => triesPerQuestion.get(q) ?? 0)), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(3);
  await expect(summary).toHaveText('3 câu chưa lưu — đang thử lại…');

  // A reload in the middle of the outage loses nothing: the choices come back
  // from the browser, still marked as not saved, and keep being retried.
  await page.reload();
  await expect(page.getByRole('timer')).toHaveAttribute('data-ticking', 'yes');
  await expect(question(page, 2).getByRole('radio').nth(2)).toBeChecked();
  await expect(question(page, 3).getByRole('radio').nth(1)).toBeChecked();
  await expect(question(page, 4).getByRole('radio').nth(3)).toBeChecked();
  for (const n of [2, 3, 4]) {
    await expect(question(page, n).getByText('Chưa lưu')).toBeVisible();
  }
  await expect(summary).toHaveText('3 câu chưa lưu — đang thử lại…');
  await expect(page.getByText('Đã trả lời 4/20')).toBeVisible();

  // The database is back: every answer lands, without touching the page.
  await page.unroute('**/api/attempts/answer');
  for (const n of [1, 2, 3, 4]) {
    await expect(question(page, n).getByText('Đã lưu')).toBeVisible({ timeout: 15_000 });
  }
  await expect(summary).toHaveCount(0);

  // The server has every one of them, the later choice of question 2 included.
  const saved = await page.request.get(`/api/ui/attempt?attempt_id=${attemptId}`);
  expect(saved.ok()).toBeTruthy();
  expect((await saved.json()).answers).toEqual({ [q1]: o1, [q2]: o2, [q3]: o3, [q4]: o4 });
  // And they are the server's, not the browser's: with its storage cleared a
  // reload still shows them ticked.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await hydrated(page);
  await expect(question(page, 2).getByRole('radio').nth(2)).toBeChecked();
  await expect(question(page, 3).getByRole('radio').nth(1)).toBeChecked();
  await expect(question(page, 4).getByRole('radio').nth(3)).toBeChecked();
  await expect(page.getByText('Đã trả lời 4/20')).toBeVisible();
});

test('a save the server refuses is dropped and says why', async ({ page }) => {
  const attemptId = await startAttempt(page);
  await page.route('**/api/attempts/answer', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'time_up', message: 'Đã hết thời gian làm bài, câu trả lời này không được ghi nhận.' }),
    }),
  );
  await choose(page, 5, 0);
  await expect(question(page, 5).getByText('Không lưu được: Đã hết thời gian làm bài')).toBeVisible();
  // Not counted as waiting, and not kept in the browser for a later retry.
  await expect(page.getByRole('status').filter({ hasText: 'câu chưa lưu' })).toHaveCount(0);
  expect(await page.evaluate((id) => localStorage.getItem(`cho-gui-${id}`), attemptId)).toBeNull();
});

test('a submit that meets an outage is sent again and lands', async ({ page }) => {
  await startAttempt(page);
  await choose(page, 1, 0);
  await expect(question(page, 1).getByText('Đã lưu')).toBeVisible();
  await page.getByLabel(/bao nhiêu người/).fill('300');

  let failed = 0;
  await page.route('**/api/ui/submit', async (route) => {
    if (failed < 2) {
      failed += 1;
      await unavailable(route);
    } else {
      await route.continue();
    }
  });
  page.once('dialog', (dialog) => dialog.accept()); // 19 questions unanswered: confirm
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chưa nộp được bài' })).toBeVisible();
  await expect(page).toHaveURL(/\/ket-qua\/\d+$/, { timeout: 20_000 });
  expect(failed).toBe(2);
  await expect(page.getByText(/Trả lời đúng \d+\/20 câu/)).toBeVisible();
});
