// The public statistics page: per-unit participation of the 2022 demo contest
// (its simulated history), the district chart, the leaderboard and downloads.
import { test, expect } from '@playwright/test';

test('the statistics page shows the units, the chart, the leaderboard and its downloads', async ({ page, request }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  await expect(page.getByRole('heading', { name: 'Thống kê tham gia' })).toBeVisible();
  const table = page.locator('table.stats-table');
  await expect(table.locator('tbody tr')).toHaveCount(137);
  await expect(page.locator('ul.bars li').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bảng xếp hạng' })).toBeVisible();
  // Masked names only: family name and initials, e.g. "Nguyễn V. A.".
  const board = page.locator('section', { has: page.getByRole('heading', { name: 'Bảng xếp hạng' }) });
  const names = await board.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^\S+( \S\.)+$/u);

  // The page's total equals the sum of the published API's rows.
  const api = await request.get('/api/stats/units?contest_id=1');
  expect(api.status()).toBe(200);
  const rows: { contestants: number }[] = await api.json();
  const total = rows.reduce((n, r) => n + r.contestants, 0);
  expect(total).toBeGreaterThan(1000);
  await expect(page.locator('.counter').first()).toContainText(total.toLocaleString('de-DE'));

  // Search ignores diacritics.
  await page.goto('/thong-ke?cuoc_thi=1&q=so%20noi%20vu');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('Sở Nội vụ');

  // The downloads are real spreadsheets.
  const xlsx = await request.get('/api/stats/units.xlsx?contest_id=1');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  const csv = await request.get('/api/stats/units.csv?contest_id=1');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines.length).toBe(138);
});
