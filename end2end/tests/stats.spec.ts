// The public statistics page: per-unit participation of the 2022 demo contest
// (its simulated history), the charts, the leaderboard, the published winners
// and the downloads, whose .xlsx must hold the same numbers as the page.
import { test, expect, Locator } from '@playwright/test';
import ExcelJS from 'exceljs';

// A number as the page writes it: "." between thousands, "," before decimals.
const vn = (text: string) => Number(text.replace(/[%\s]/g, '').replace(/\./g, '').replace(',', '.'));

/**
 * The texts of `table`'s column named `header`: each data row's cell labelled
 * with it. On a phone the table is shown as cards and its header row is
 * hidden, so the cells carry their column's name (`data-label`) themselves.
 */
async function column(table: Locator, header: string): Promise<string[]> {
  const cells = table.getByRole('row').locator(`[data-label="${header}"]`);
  await expect(cells.first()).toBeAttached();
  return cells.allTextContents();
}

test('the statistics page shows the units, the chart, the leaderboard and its downloads', async ({ page, request }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  await expect(page.getByRole('heading', { name: 'Thống kê tham gia' })).toBeVisible();
  const table = page.locator('table.stats-table');
  await expect(table.locator('tbody tr')).toHaveCount(137);
  await expect(page.locator('ul.bars li').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bảng xếp hạng' })).toBeVisible();
  // Masked names only: family name and initials, e.g. "Nguyễn V. A.".
  const board = page.locator('section', { has: page.getByRole('heading', { name: 'Bảng xếp hạng' }) });
  const names = await column(board.getByRole('table'), 'Thí sinh');
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^\S+( \S\.)+$/u);

  // The page's total equals the sum of the published API's rows.
  const api = await request.get('/api/stats/units?contest_id=1');
  expect(api.status()).toBe(200);
  const rows: { contestants: number }[] = await api.json();
  const total = rows.reduce((n, r) => n + r.contestants, 0);
  expect(total).toBeGreaterThan(1000);
  await expect(page.locator('.counter').first()).toContainText(total.toLocaleString('de-DE'));

  // Sorted by participation, highest first, as a flat list.
  await page.goto('/thong-ke?cuoc_thi=1&sap_xep=ty-le');
  const rates = (await column(table, 'Tỷ lệ tham gia'))
    .filter((t) => t.trim() !== '').map(vn);
  expect(rates.length).toBeGreaterThan(100);
  for (let i = 1; i < rates.length; i++) expect(rates[i - 1]).toBeGreaterThanOrEqual(rates[i]);

  // Search ignores diacritics.
  await page.goto('/thong-ke?cuoc_thi=1&q=so%20noi%20vu');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('Sở Nội vụ');

  // The .xlsx download opens and holds the page's numbers, row for row.
  await page.goto('/thong-ke?cuoc_thi=1');
  const xlsx = await request.get('/api/stats/units.xlsx?contest_id=1');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await xlsx.body());
  const sheet = book.getWorksheet('Thống kê');
  expect(sheet).toBeTruthy();
  const pageRows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
  expect(pageRows.length).toBe(137);
  pageRows.forEach((cells, i) => {
    const row = sheet!.getRow(i + 4);
    const n = (col: number) => Number(row.getCell(col).value ?? 0);
    expect(String(row.getCell(2).value).trim()).toBe(cells[0]);
    expect([n(3), n(5), n(4), n(7)]).toEqual([vn(cells[1]), vn(cells[2]), vn(cells[3]), vn(cells[5])]);
    const pct = row.getCell(6).value;
    expect(pct === null ? '' : `${Number(pct).toFixed(1).replace('.', ',')}%`).toBe(cells[4]);
  });
  const csv = await request.get('/api/stats/units.csv?contest_id=1');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines.length).toBe(138);
});

test('the statistics page charts participation by day and scores, and shows the published winners', async ({ page, request }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  // Four weeks of the 2022 contest: a column per day with attempts, and score bands.
  const days = page.locator('svg.chart-days rect');
  expect(await days.count()).toBeGreaterThanOrEqual(28);
  await expect(page.locator('svg.chart-scores rect').first()).toBeVisible();
  const charts = await (await request.get('/api/stats/charts?contest_id=1')).json();
  expect(await days.count()).toBe(charts.by_day.length);
  const attempts = charts.by_day.reduce((n: number, d: { attempts: number }) => n + d.attempts, 0);
  const banded = charts.scores.reduce((n: number, b: { attempts: number }) => n + b.attempts, 0);
  expect(banded).toBe(attempts);

  // The demo's published prizes: collective ones, then each week's list, with units.
  const winners = page.locator('section.winners');
  await expect(winners.getByRole('heading', { name: 'Kết quả giải thưởng' })).toBeVisible();
  await expect(winners.locator('table.collective-winners tbody tr')).toHaveCount(6);
  await expect(winners.locator('table.round-winners')).toHaveCount(4);
  const api = await (await request.get('/api/contests/winners?contest_id=1')).json();
  expect(api.rounds).toHaveLength(4);
  const first = api.rounds[0].winners[0];
  expect(first.prize).toBe('Giải Nhất');
  await expect(winners.locator('table.round-winners').first().locator('tbody tr').first()).toContainText(first.full_name);
  await expect(winners.locator('table.round-winners').first().locator('tbody tr').first()).toContainText(first.unit_name);
});
