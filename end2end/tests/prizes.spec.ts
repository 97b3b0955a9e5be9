// The organizers' prize desk and the Department's report on the 2022 demo
// contest, whose lists the demo approved and published: the desk shows each
// list's state and winners; the report prints with its heading, and its
// .xlsx holds the same numbers as the page.
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { hydrated, signInAsOrganizer } from '../support/dashboard';

test('an organizer reviews the published prizes and the Department report', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'desktop only');
  test.setTimeout(60_000);
  await signInAsOrganizer(page);

  await page.goto('/quan-tri/giai-thuong?cuoc-thi=1');
  await hydrated(page);
  const week1 = page.locator('section.prize-list').filter({ has: page.getByRole('heading', { name: /^Tuần 1/ }) });
  await expect(week1.locator('.badge')).toHaveText('Đã công bố');
  await expect(week1.locator('table.awards tbody tr')).toHaveCount(11);
  await expect(week1.getByRole('button', { name: 'Đính chính' })).toBeVisible();
  await expect(page.locator('table.collective tbody tr').first()).toContainText('Giải Nhất tập thể');
  // A correction needs a reason, said in Vietnamese.
  await week1.getByRole('button', { name: 'Đính chính' }).click();
  await expect(page.getByRole('alert')).toContainText('lý do');

  await page.goto('/quan-tri/bao-cao?cuoc-thi=1');
  await hydrated(page);
  await expect(page.locator('.report-heading')).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  const weekly = page.locator('table.weekly');
  const snv = weekly.locator('tbody tr', { hasText: 'Sở Nội vụ' });
  const cells = (await snv.locator('td').allTextContents()).map((t) => t.trim());
  await expect(page.locator('table.reform-index tbody tr').first()).toBeVisible();

  // The weekly .xlsx, fetched with the organizer's session, says the same for Sở Nội vụ.
  const response = await page.request.get('/api/admin/reports/weekly.xlsx?contest_id=1');
  expect(response.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.body());
  const sheet = book.getWorksheet('Tham gia theo tuần')!;
  let found = false;
  sheet.eachRow((row) => {
    if (String(row.getCell(2).value).trim() !== 'Sở Nội vụ') return;
    found = true;
    // Headcount, then (contestants, %) for 4 weeks and the whole contest.
    const numbers = Array.from({ length: 11 }, (_, i) => row.getCell(i + 3).value);
    expect(String(numbers[0])).toBe(cells[1]);
    for (let k = 0; k < 5; k++) {
      expect(String(numbers[1 + 2 * k])).toBe(cells[2 + 2 * k]);
      expect(Number(numbers[2 + 2 * k]).toFixed(1).replace(".", ",")).toBe(cells[3 + 2 * k]);
    }
  });
  expect(found).toBe(true);
  // Without a session the report is refused.
  const anonymous = await page.context().browser()!.newContext();
  const refused = await anonymous.request.get(`${info.project.use.baseURL}/api/admin/reports/weekly.xlsx?contest_id=1`);
  expect(refused.status()).toBe(401);
  await anonymous.close();
});
