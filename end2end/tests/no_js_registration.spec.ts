// Without JavaScript (issue 12 §4), the registration form that comes back
// with errors keeps what the person typed: every field but the password,
// with each problem named by its field, and a corrected form then registers.
import { test, expect } from '@playwright/test';
import { uniquePhone } from '../support/pages';

test('registration without JavaScript keeps what was typed when it comes back with errors', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/dang-ky');
  await page.getByLabel('Họ và tên').fill('Hoàng Văn Nam');
  await page.getByLabel('Ngày sinh').fill('1988-02-29');
  await page.getByLabel('Số điện thoại').fill('12345'); // not a phone number
  await page.getByLabel('Số căn cước công dân (không bắt buộc)').fill('020188001234');
  await page.getByLabel('Email (không bắt buộc)').fill('nam.khong-js@example.vn');
  await page.getByLabel('Đối tượng dự thi').selectOption('citizen');
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Tỉnh Lạng Sơn › Sở Tư pháp' });
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('ngắn'); // too short
  await page.getByRole('button', { name: 'Đăng ký' }).click();

  // Back on the form, a fresh page from the server, with the problems listed.
  await expect(page).toHaveURL(/\/dang-ky\?.*#error-summary$/);
  const summary = page.locator('.error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Số điện thoại không hợp lệ');
  await expect(summary.getByRole('link')).toHaveCount(2); // the phone and the password
  // Everything typed is there again, but the password.
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Hoàng Văn Nam');
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('1988-02-29');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('12345');
  await expect(page.getByLabel('Số căn cước công dân (không bắt buộc)')).toHaveValue('020188001234');
  await expect(page.getByLabel('Email (không bắt buộc)')).toHaveValue('nam.khong-js@example.vn');
  await expect(page.getByLabel('Đối tượng dự thi')).toHaveValue('citizen');
  await expect(page.getByLabel('Đơn vị', { exact: true }).locator('option:checked')).toHaveText('Tỉnh Lạng Sơn › Sở Tư pháp');
  await expect(page.getByLabel('Mật khẩu (ít nhất 8 ký tự)')).toHaveValue('');

  // Shown once: a reload is an empty form again (nothing kept for the next person at a shared PC).
  await page.goto('/dang-ky');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');

  // Corrected, it registers.
  await page.getByLabel('Họ và tên').fill('Hoàng Văn Nam');
  await page.getByLabel('Ngày sinh').fill('1988-02-29');
  await page.getByLabel('Số điện thoại').fill(uniquePhone());
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Tỉnh Lạng Sơn › Sở Tư pháp' });
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
  await expect(page.getByRole('heading', { name: 'Xin chào, Hoàng Văn Nam' })).toBeVisible();
  await context.close();
});
