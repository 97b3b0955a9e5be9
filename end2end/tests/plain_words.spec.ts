// No internal codes or mini-languages shown to people (issue #11, organizers 3):
// the audit log reads as sentences (no JSON, no dotted action codes outside the
// closed "Chi tiết kỹ thuật"), and the contestant edit form picks a unit by
// typing its name instead of its number; prize tiers and thresholds are rows.
// Desktop only.
import { test, expect } from '@playwright/test';
import { hydrated, signInAsOrganizer } from '../support/dashboard';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'desktop', 'desktop only');
});

test('the audit log shows sentences, not codes or JSON', async ({ page }) => {
  await signInAsOrganizer(page);
  // Something of ours in the log, whatever else is there.
  const name = `Chủ đề nhật ký ${Date.now()}`;
  const saved = await page.request.post('/api/admin/topics/save', { data: { name } });
  expect(saved.ok()).toBeTruthy();

  await page.goto('/quan-tri/nhat-ky');
  await hydrated(page);
  const table = page.locator('table.audit');
  await expect(table.getByText(`thêm chủ đề “${name}”`)).toBeVisible();
  // What the eye sees (closed <details> are not rendered, so not in innerText).
  const seen = await page.locator('main').innerText();
  expect(seen).not.toContain('{');
  expect(seen).not.toContain('[[');
  expect(seen).not.toMatch(/\b(unit|contestant|account|contest|round|reports|question|topic|prizes)\.[a-z_]+/);
  // The evidence is one click away.
  const row = table.locator('tr', { hasText: name }).first();
  await row.getByText('Chi tiết kỹ thuật').click();
  await expect(row.getByText('topic.create')).toBeVisible();
});

test('the contestant edit form picks a unit by typing its name', async ({ page }) => {
  const phone = uniquePhone();
  const units = await (await page.request.get('/api/units?q=so%20noi%20vu')).json();
  const registered = await page.request.post('/api/contestants/register', {
    data: {
      full_name: 'Đỗ Văn Đơn', birth_date: '1990-03-04', phone, category: 'civil_servant',
      unit_id: units[0].id, password: 'mật khẩu an toàn',
    },
  });
  expect(registered.ok()).toBeTruthy();
  // The registration signed this context in as the contestant; the organizer signs in on top.
  await page.context().clearCookies();
  await signInAsOrganizer(page);
  const list = await (await page.request.get(`/api/admin/contestants?q=${phone}`)).json();
  const id = list.items[0].id;

  await page.goto(`/quan-tri/thi-sinh/${id}`);
  await hydrated(page);
  await expect(page.getByText('Đã chọn: ').first()).toBeVisible();
  await page.getByLabel('Đơn vị', { exact: true }).fill('so tu phap');
  await page
    .getByRole('list', { name: 'Kết quả tìm đơn vị' })
    .getByRole('button', { name: /Sở Tư pháp$/ })
    .first()
    .click();
  await expect(page.getByText(/Đã chọn: .*Sở Tư pháp/)).toBeVisible();
  await page.getByLabel('Lý do (ghi vào nhật ký)').fill('Thí sinh báo nhầm đơn vị');
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();

  const after = await (await page.request.get(`/api/admin/contestants?q=${phone}`)).json();
  expect(after.items[0].unit_name).toContain('Sở Tư pháp');
  // The change reads as a sentence in the log.
  const log = await (await page.request.get(`/api/admin/audit?action=contestant.correct&entity_id=${id}`)).json();
  expect(log.items[0].sentence).toContain('sửa thông tin thí sinh Đỗ Văn Đơn: đổi đơn vị');
});

test('prize tiers and participation thresholds are rows, not a typed mini-language', async ({ page }) => {
  await signInAsOrganizer(page);
  await page.goto('/quan-tri/giai-thuong?cuoc-thi=1');
  await hydrated(page);
  // The demo's published Tuần 1: its tiers as rows of name and count, locked once published.
  const week1 = page.locator('section.prize-list').filter({ has: page.getByRole('heading', { name: /^Tuần 1/ }) });
  const names = week1.getByRole('textbox', { name: 'Tên giải' });
  await expect(names.first()).not.toHaveValue('');
  await expect(names.first()).toBeDisabled();
  await expect(week1.getByRole('combobox', { name: 'Đối tượng' }).first()).toBeVisible();
  await expect(page.locator('textarea')).toHaveCount(0);
  // The thresholds: one row per size, and "Thêm mức" adds an empty one (nothing is saved here).
  const rules = page.locator('section', { has: page.getByRole('heading', { name: 'Quy tắc giải' }) });
  const pct = rules.getByRole('textbox', { name: 'Tỷ lệ tối thiểu (%)' });
  const before = await pct.count();
  await rules.getByRole('button', { name: 'Thêm mức' }).click();
  await expect(pct).toHaveCount(before + 1);
  await expect(pct.last()).toHaveValue('');
  await rules.locator('table.row-editor').first().getByRole('button', { name: 'Xóa' }).last().click();
  await expect(pct).toHaveCount(before);
});
