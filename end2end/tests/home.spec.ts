// The home page a new user sees: the live demo contest, in Vietnamese, with
// its schedule in local time and live counters.
import { test, expect } from '@playwright/test';

test('home page shows the open demo contest in Vietnamese', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('cải cách hành chính tỉnh Lạng Sơn');

  const schedule = page.getByRole('table');
  await expect(schedule.getByRole('rowheader')).toHaveCount(4); // one per week
  for (const week of ['Tuần 1', 'Tuần 2', 'Tuần 3', 'Tuần 4']) {
    await expect(schedule.getByRole('rowheader', { name: week })).toBeVisible();
  }
  // Exactly one week is open now; the one before it has ended.
  await expect(schedule.getByText('Đang mở', { exact: true })).toHaveCount(1);
  await expect(schedule.getByRole('row', { name: /Tuần 1/ })).toContainText('Đã kết thúc');
  // Local dates as dd/mm/yyyy HH:mm; a midnight close is the next day's 00:00, never "24:00".
  await expect(schedule.getByRole('row', { name: /Tuần 2/ })).toContainText(/\d{2}\/\d{2}\/\d{4} 00:00/);
  await expect(schedule.getByRole('row', { name: /Tuần 2/ })).not.toContainText('24:00');

  await expect(page.getByRole('heading', { name: 'Thể lệ' })).toBeVisible();
  await expect(page.getByText('20 câu hỏi trắc nghiệm', { exact: false })).toBeVisible();
  const counters = page.getByRole('region', { name: 'Số liệu trực tiếp' });
  await expect(counters).toContainText('thí sinh đã đăng ký');
  await expect(counters).toContainText('lượt thi');
});

test('the 2022 contest keeps its real schedule, all weeks ended', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /năm 2022/ }).click();
  await expect(page).toHaveURL(/\/cuoc-thi\/cchc-lang-son-2022$/);
  const schedule = page.getByRole('table');
  const week1 = schedule.getByRole('row', { name: /Tuần 1/ });
  await expect(week1).toContainText('03/10/2022 00:00');
  await expect(week1).toContainText('10/10/2022 00:00');
  await expect(schedule.getByRole('row', { name: /Tuần 4/ })).toContainText('31/10/2022 00:00');
  await expect(schedule.getByText('Đã kết thúc', { exact: true })).toHaveCount(4);
});

test('an unknown address answers 404 in Vietnamese', async ({ page }) => {
  const response = await page.goto('/khong-co-trang-nay');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
});

test('an unknown contest says so in Vietnamese', async ({ page }) => {
  const response = await page.goto('/cuoc-thi/khong-ton-tai');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy cuộc thi');
});

test('health check reports the database', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});
