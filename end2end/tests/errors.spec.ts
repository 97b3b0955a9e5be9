// Errors where the eye is: after a failed submit the error summary at the top
// of the form ("Có lỗi cần sửa") takes the focus, so the page moves to it on a
// phone too, and each of its links moves to its field. Without JavaScript the
// form comes back from the server with the summary in view and what was typed
// still in the fields (except the password).
import { test, expect, Page, Locator } from '@playwright/test';
import { hydrated, signInAsOrganizer } from '../support/dashboard';

function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

const UNIT = 'Tỉnh Lạng Sơn › Sở Nội vụ';
const CATEGORY = 'Cán bộ, công chức, viên chức, người lao động';

function summaryOf(page: Page): Locator {
  return page.getByRole('alert', { name: 'Có lỗi cần sửa' });
}

/** Every link of the summary moves the focus to the field it names, with its label in view. */
async function linksLeadToTheirFields(page: Page, summary: Locator, expected: string[]) {
  const links = summary.getByRole('link');
  await expect(links).toHaveText(expected);
  for (let i = 0; i < expected.length; i++) {
    const link = links.nth(i);
    const id = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    const field = page.locator(`[id="${id}"]`);
    await expect(field).toBeFocused();
    await expect(field).toBeInViewport();
  }
}

async function registerByApi(page: Page, phone: string) {
  const answer = await page.request.post('/api/contestants/register', {
    data: { full_name: 'Hoàng Văn Nam', birth_date: '1988-02-03', phone, category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(answer.status()).toBe(200);
}

test('registration with empty fields: the focus goes to the summary, each link to its field', async ({ page }) => {
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  const summary = summaryOf(page);
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await linksLeadToTheirFields(page, summary, [
    'Vui lòng nhập họ và tên.',
    'Vui lòng nhập ngày sinh.',
    'Vui lòng nhập số điện thoại.',
    'Vui lòng chọn đơn vị.',
    'Vui lòng nhập mật khẩu.',
  ]);
  // A field that is typed but wrong says what is wrong with it, not "Vui lòng nhập".
  await page.getByLabel('Số điện thoại').fill('123');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /^Số điện thoại không hợp lệ/ })).toBeVisible();
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('123');
});

test('a phone number registered before: in the summary, linked to the phone field', async ({ page }) => {
  const phone = uniquePhone();
  await registerByApi(page, phone);
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill('Lê Thị Mai');
  await page.getByLabel('Ngày sinh').fill('1991-04-30');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Đối tượng dự thi').selectOption({ label: CATEGORY });
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNIT });
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  const summary = summaryOf(page);
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await linksLeadToTheirFields(page, summary, ['Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.']);
  await expect(page).toHaveURL(/\/dang-ky/);
});

test('a form being sent cannot be sent again by a second tap', async ({ page }) => {
  await page.goto('/dang-nhap');
  await hydrated(page);
  // Held in the page: a listener after the forms' own (on the window, where
  // the submit arrives last) counts each submit and keeps the page from
  // leaving, as a slow network would keep it there.
  await page.evaluate(() => {
    const w = window as unknown as { submits: number };
    w.submits = 0;
    window.addEventListener('submit', (e) => {
      w.submits += 1;
      e.preventDefault();
    });
  });
  await page.getByLabel('Số điện thoại').fill(uniquePhone());
  await page.getByLabel('Mật khẩu').fill('không đúng đâu');
  const button = page.getByRole('button', { name: 'Đăng nhập' });
  await button.click();
  await expect(button).toBeDisabled();
  await button.click({ force: true });
  expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form comes back with the summary in view and what was typed', async ({ page }) => {
    await page.goto('/dang-ky');
    await page.getByLabel('Họ và tên').fill('Lê Thị Mai');
    await page.getByLabel('Ngày sinh').fill('1991-04-30');
    await page.getByLabel('Email (không bắt buộc)').fill('mai.le@example.vn');
    await page.getByLabel('Đối tượng dự thi').selectOption({ label: CATEGORY });
    await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
    await page.getByRole('button', { name: 'Đăng ký' }).click();

    await expect(page).toHaveURL(/\/dang-ky\?.*#error-summary$/);
    const summary = summaryOf(page);
    await expect(summary).toBeVisible();
    await expect(summary).toBeInViewport();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Vui lòng nhập số điện thoại.', 'Vui lòng chọn đơn vị.']);
    // Everything typed is still there, except the password.
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Thị Mai');
    await expect(page.getByLabel('Ngày sinh')).toHaveValue('1991-04-30');
    await expect(page.getByLabel('Email (không bắt buộc)')).toHaveValue('mai.le@example.vn');
    await expect(page.getByLabel('Đối tượng dự thi')).toHaveValue('civil_servant');
    await expect(page.getByLabel('Mật khẩu (ít nhất 8 ký tự)')).toHaveValue('');
    // A link still leads to its field.
    await summary.getByRole('link', { name: 'Vui lòng nhập số điện thoại.' }).click();
    await expect(page.getByLabel('Số điện thoại')).toBeFocused();

    // Fixed, it goes through.
    await page.getByLabel('Số điện thoại').fill(uniquePhone());
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNIT });
    await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
  });

  test('a phone number registered before: in the summary, the form kept', async ({ page }) => {
    const phone = uniquePhone();
    await registerByApi(page, phone);
    await page.goto('/dang-ky');
    await page.getByLabel('Họ và tên').fill('Lê Thị Mai');
    await page.getByLabel('Ngày sinh').fill('1991-04-30');
    await page.getByLabel('Số điện thoại').fill(phone);
    await page.getByLabel('Đối tượng dự thi').selectOption({ label: CATEGORY });
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNIT });
    await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mật khẩu an toàn');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    const summary = summaryOf(page);
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole('link', { name: 'Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.' })).toHaveAttribute('href', '#phone');
    await expect(page.getByLabel('Số điện thoại')).toHaveValue(phone);
    await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/^\d+$/);
  });

  test('a wrong sign-in comes back with the summary and the phone', async ({ page }) => {
    const phone = uniquePhone();
    await page.goto('/dang-nhap');
    await page.getByLabel('Số điện thoại').fill(phone);
    await page.getByLabel('Mật khẩu').fill('không đúng đâu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const summary = summaryOf(page);
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole('link', { name: /không đúng/ })).toHaveAttribute('href', '#login-phone');
    await expect(page.getByLabel('Số điện thoại')).toHaveValue(phone);
    await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
  });
});

test('sign-in with empty fields: the focus goes to the summary', async ({ page }) => {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const summary = summaryOf(page);
  await expect(summary).toBeFocused();
  await linksLeadToTheirFields(page, summary, ['Vui lòng nhập số điện thoại.', 'Vui lòng nhập mật khẩu.']);
});

test('the round form in the dashboard: the summary takes the focus and links to each field', async ({ page }) => {
  await signInAsOrganizer(page);
  // A new round of the demo's live contest (id 2); nothing is saved, so other tests see no change.
  await page.goto('/quan-tri/dot-thi/moi?cuoc_thi=2');
  await hydrated(page);
  await expect(page.getByLabel('Tên đợt thi')).toBeVisible();
  await page.getByLabel('Số câu mỗi lượt thi').fill('');
  await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
  const summary = summaryOf(page);
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await linksLeadToTheirFields(page, summary, [
    'Vui lòng nhập tên đợt thi, ví dụ: Tuần thi thứ nhất.',
    'Vui lòng nhập thời gian bắt đầu.',
    'Vui lòng nhập thời gian kết thúc.',
    'Vui lòng nhập số câu mỗi lượt thi.',
  ]);
  await expect(page).toHaveURL(/\/quan-tri\/dot-thi\/moi/);
});
