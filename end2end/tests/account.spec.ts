// Getting back into an account and leaving it, as a contestant would:
// a forgotten password by e-mail (the link read from the .eml the server
// writes into DATA_DIR/mail) and by a reset code that an organizer issues in
// the dashboard; a password change in the profile; sign-out from the header,
// with and without JavaScript.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir, hydrated, signInAsOrganizer } from '../support/dashboard';

const mailDir = path.join(dataDir, 'mail');
const NAME = 'Trần Thị Thu';
const FIRST = 'mật khẩu ban đầu';
const SECOND = 'mật khẩu thứ hai';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

async function register(page: Page, phone: string, email?: string) {
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill(NAME);
  await page.getByLabel('Ngày sinh').fill('1989-09-02');
  await page.getByLabel('Số điện thoại').fill(phone);
  if (email) await page.getByLabel('Email (không bắt buộc)').fill(email);
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: 'Cán bộ, công chức, viên chức, người lao động' });
  await page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)').fill('so noi vu');
  await page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' }).click();
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(FIRST);
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(header(page).getByRole('link', { name: NAME })).toBeVisible();
}

function header(page: Page) {
  return page.getByRole('banner');
}

async function signIn(page: Page, phone: string, password: string) {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(header(page).getByRole('link', { name: NAME })).toBeVisible();
}

async function signOut(page: Page) {
  await header(page).getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(header(page).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  await expect(header(page).getByText(NAME)).toHaveCount(0);
}

/** The path of the reset link mailed to `email`, once its message is in the mail folder. */
async function resetLinkFor(email: string): Promise<string> {
  let link = '';
  await expect
    .poll(() => {
      if (!fs.existsSync(mailDir)) return false;
      for (const file of fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'))) {
        const text = fs.readFileSync(path.join(mailDir, file), 'utf8');
        const found = text.includes(`To: ${email}`) && text.match(/\/dat-lai-mat-khau\?ma=[0-9a-f]{64}/);
        if (found) {
          link = found[0];
          return true;
        }
      }
      return false;
    }, { timeout: 15_000 })
    .toBe(true);
  return link;
}

async function setNewPassword(page: Page, password: string) {
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill(password);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?mat-khau-moi=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Đã đặt mật khẩu mới' })).toBeVisible();
}

test('a forgotten password comes back through a link sent by e-mail, once', async ({ page }) => {
  const phone = uniquePhone();
  const email = `thu.${phone}@example.vn`;
  await register(page, phone, email);
  // Already signed in: the sign-in page says so, with a way out.
  await page.goto('/dang-nhap');
  await expect(page.getByRole('status').filter({ hasText: `Bạn đang đăng nhập với tên ${NAME}` })).toBeVisible();
  await hydrated(page);
  await signOut(page);

  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page).toHaveURL(/\/quen-mat-khau$/);
  await hydrated(page);
  await page.getByLabel('Số điện thoại hoặc email').fill(phone);
  await page.getByRole('button', { name: 'Gửi đường dẫn đặt lại' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nếu thông tin này khớp với một tài khoản có email' })).toBeVisible();

  const link = await resetLinkFor(email);
  await page.goto(link);
  await hydrated(page);
  // Two different passwords: said next to the field, nothing changes.
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(SECOND + ' khác');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await expect(page.locator('#password_confirm-error')).toContainText('không khớp');
  await setNewPassword(page, SECOND);

  await signIn(page, phone, SECOND);
  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('alert')).toContainText('đã được dùng hoặc đã hết hạn');
});

test('an organizer issues a reset code and the contestant sets a new password with it', async ({ page, browser }) => {
  const phone = uniquePhone();
  await register(page, phone);

  const staff = await browser.newPage();
  await signInAsOrganizer(staff);
  await staff.goto(`/quan-tri/thi-sinh?q=${phone}`);
  await staff.getByRole('link', { name: NAME }).click();
  await expect(staff).toHaveURL(/\/quan-tri\/thi-sinh\/\d+$/);
  await hydrated(staff);
  // The dashboard has its own header: no public sign-in links there.
  await expect(header(staff).getByRole('link', { name: 'Đăng ký' })).toHaveCount(0);
  await staff.getByRole('button', { name: 'Cấp mã đặt lại mật khẩu' }).click();
  const code = (await staff.locator('.reset-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await staff.close();

  await page.goto('/quen-mat-khau');
  await hydrated(page);
  await page.getByRole('link', { name: 'Đặt lại mật khẩu bằng mã' }).click();
  await expect(page).toHaveURL(/\/dat-lai-mat-khau-bang-ma$/);
  await hydrated(page);
  await page.getByLabel('Số điện thoại đã đăng ký').fill(phone);
  await page.getByLabel('Mã đặt lại').fill('ABCD-EFGH');
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(SECOND);
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await expect(page.getByRole('alert')).toContainText('mã đặt lại không đúng');
  await page.getByLabel('Mã đặt lại').fill(code.toLowerCase());
  await setNewPassword(page, SECOND);

  // The reset ended every session of the account, this browser's too.
  await page.goto('/ho-so');
  await expect(page.getByRole('alert')).toContainText('Bạn cần đăng nhập');
  await signIn(page, phone, SECOND);
});

test('a password change keeps this session, and sign-out forgets the person', async ({ page }) => {
  const phone = uniquePhone();
  await register(page, phone);
  await page.goto('/ho-so');
  await hydrated(page);
  await page.getByLabel('Mật khẩu hiện tại').fill('không phải mật khẩu');
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(SECOND);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('#current_password-error')).toContainText('Mật khẩu hiện tại không đúng');
  // The form came back from the server: no password is ever sent back, so all three are typed again.
  await expect(page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true })).toHaveValue('');
  await page.getByLabel('Mật khẩu hiện tại').fill(FIRST);
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(SECOND);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu' })).toBeVisible();
  await expect(header(page).getByRole('link', { name: NAME })).toBeVisible();

  await signOut(page);
  await page.goto('/ho-so');
  await expect(page.getByRole('alert')).toContainText('Bạn cần đăng nhập');
  await expect(page.getByText(phone)).toHaveCount(0);
  await signIn(page, phone, SECOND);
});

test('the profile: a bad e-mail keeps what was typed, a save says so', async ({ page }) => {
  const phone = uniquePhone();
  await register(page, phone);
  await page.goto('/ho-so');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill('Trần Thị Thu Hà');
  await page.getByLabel('Email').fill('không-phải-email');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page.locator('#p-email-error')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Thị Thu Hà');
  await expect(page.getByLabel('Email')).toHaveValue('không-phải-email');
  // The unit search works here too; a pick selects the unit and moves the focus to the list.
  await hydrated(page);
  await page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)').fill('so noi vu');
  await page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' }).click();
  await expect(page.getByLabel('Đơn vị', { exact: true })).toBeFocused();
  await page.getByLabel('Email').fill('thu.ha@example.vn');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page).toHaveURL(/\/ho-so\?da-luu=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu hồ sơ.' })).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Thị Thu Hà');
  await expect(page.getByLabel('Email')).toHaveValue('thu.ha@example.vn');
});

test('sign-out works without JavaScript', async ({ browser }) => {
  const phone = uniquePhone();
  const withJs = await browser.newPage();
  await register(withJs, phone);
  await withJs.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/dang-nhap');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(FIRST);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(header(page).getByRole('link', { name: NAME })).toBeVisible();
  await header(page).getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(header(page).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  await page.goto('/ho-so');
  await expect(page.getByText('Bạn cần đăng nhập')).toBeVisible();
  await context.close();
});
