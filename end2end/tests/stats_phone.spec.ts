// The public statistics page on a 360 px phone (issue 11): nothing scrolls
// sideways, every figure in the tables keeps its column's name, the bars are
// as long as their values, and the charts print their figures as text.
import { test, expect } from '@playwright/test';

// A number as the page writes it: "." between thousands, "," before decimals.
const vn = (text: string) => Number(text.replace(/[%\s]/g, '').replace(/\./g, '').replace(',', '.'));

test.use({ viewport: { width: 360, height: 740 } });

for (const path of ['/thong-ke?cuoc_thi=1', '/thong-ke?cuoc_thi=2', '/thong-ke?cuoc_thi=1&sap_xep=ty-le']) {
  test(`${path} does not scroll sideways at 360 px`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Thống kê tham gia' })).toBeVisible();
    await page.locator('body[data-hydrated=yes]').waitFor();
    const widths = await page.evaluate(() => ({
      scroll: document.scrollingElement!.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    // The contest and round choices fit the screen.
    for (const name of ['Cuộc thi', 'Đợt thi']) {
      const box = await page.getByRole('combobox', { name }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(widths.inner);
    }
  });
}

test('bar lengths follow their values, not their labels', async ({ page }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  const items = page.locator('ul.bars li');
  await expect(items.first()).toBeVisible();
  const bars = await items.evaluateAll((lis) => lis.map((li) => ({
    width: (li.querySelector('.bar') as HTMLElement).getBoundingClientRect().width,
    track: (li.querySelector('.bar-track') as HTMLElement).getBoundingClientRect().width,
    value: (li.querySelector('.bar-value')!.textContent ?? '').split('%')[0],
  })));
  expect(bars.length).toBeGreaterThan(5);
  // Every track is as wide as every other, so lengths compare.
  for (const b of bars) expect(Math.abs(b.track - bars[0].track)).toBeLessThan(1);
  const values = bars.map((b) => vn(b.value));
  for (let i = 0; i < bars.length; i++) {
    for (let j = 0; j < bars.length; j++) {
      if (values[i] > values[j]) expect(bars[i].width).toBeGreaterThan(bars[j].width);
    }
  }
  // And the rates read with a comma.
  for (const b of bars) expect(b.value).toMatch(/^\d{1,3},\d$/);
});

test('the unit, leaderboard and prize tables keep their column names on a phone', async ({ page }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  const units = page.locator('table.stats-table');
  const first = units.locator('tbody tr').nth(1);
  await expect(first).toBeVisible();
  // The rate is shown, labelled, not hidden; no bare "96 / 95 / 462".
  const rate = first.locator('td[data-label="Tỷ lệ tham gia"]');
  await expect(rate).toBeVisible();
  await expect(rate).toHaveText(/^\d{1,3},\d%$/);
  const label = await rate.evaluate((td) => getComputedStyle(td, '::before').content);
  expect(label).toContain('Tỷ lệ tham gia');
  await expect(units.locator('thead')).toContainText('Số người đạt điểm tối đa');
  for (const table of ['table.leaderboard', 'table.round-winners']) {
    const cell = page.locator(`${table} tbody tr`).first().locator('td').last();
    await expect(cell).toBeVisible();
    expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toContain('Thời gian');
    await expect(cell).toHaveText(/giây$/);
  }
});

test('the charts have a y-axis, whole day labels and their figures as text', async ({ page }) => {
  await page.goto('/thong-ke?cuoc_thi=1');
  const days = page.getByRole('region', { name: 'Số lượt thi theo ngày' });
  await expect(days.locator('svg .axis text').first()).toBeVisible();
  expect(await days.locator('svg .axis text').count()).toBeGreaterThanOrEqual(3);
  // Day labels stay inside the picture: dd/mm, none cut to "30/1".
  const svg = await days.locator('svg').boundingBox();
  const labels = days.locator('svg > g:not(.axis) > text:not(.value)');
  expect(await labels.count()).toBeGreaterThan(2);
  for (const t of await labels.all()) {
    await expect(t).toHaveText(/^\d{2}\/\d{2}$/);
    const box = await t.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(svg!.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(svg!.x + svg!.width + 1);
  }
  // The figures a touch screen cannot hover over, as text.
  await days.getByText('Xem số liệu').click();
  await expect(days.locator('.chart-figures li').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}: [\d.]+ lượt thi/);
  // Score bands print their value over each column.
  const scores = page.getByRole('region', { name: 'Phân bố điểm các lượt thi' });
  expect(await scores.locator('svg text.value').count()).toBe(await scores.locator('svg rect').count());
});
