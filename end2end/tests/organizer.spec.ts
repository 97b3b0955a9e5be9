// An organizer's day in the dashboard: sign in, import a Word file and an
// Excel file (fixing a flagged row in the preview), edit a question, create a
// round from a topic pool; then a contestant gets questions from that pool.
import { test, expect } from '@playwright/test';
import { demoOrganizer, hydrated } from '../support/dashboard';
import * as path from 'node:path';

const bankFixtures = path.resolve(__dirname, '../../bankfile/tests/fixtures');
const ownFixtures = path.resolve(__dirname, '../fixtures');

/** yyyy-mm-ddTHH:MM in Viet Nam time, `hours` from now. */
function vnLocal(hours: number): string {
  return new Date(Date.now() + (hours + 7) * 3600_000).toISOString().slice(0, 16);
}

test('an organizer imports, fixes, edits and sets up a round that contestants then draw from', async ({ page, browser }, info) => {
  // One organizer flow per run: the bank is shared, a second copy would only find duplicates.
  test.skip(info.project.name !== 'desktop', 'desktop only');
  test.setTimeout(120_000);

  // A wrong password says nothing about which half was wrong.
  const { email, password } = demoOrganizer();
  await page.goto('/quan-tri/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Email hoặc mật khẩu không đúng');
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri$/);
  await expect(page.getByText('Xin chào')).toBeVisible();

  // Word: every question read, topics from the document's headings.
  await page.goto('/quan-tri/nhap-cau-hoi');
  await hydrated(page);
  await page.getByLabel('Tệp câu hỏi').setInputFiles(path.join(bankFixtures, 'good.docx'));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.locator('.import-summary')).toHaveText('8 câu hỏi đọc được · 0 dòng cần sửa · 0 câu trùng');
  await page.getByRole('button', { name: 'Lưu vào ngân hàng' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu 8 câu hỏi');

  // Excel with one row missing its answer: flagged, fixed in place, saved.
  await page.getByLabel('Tệp câu hỏi').setInputFiles(path.join(ownFixtures, 'to-chuc.xlsx'));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.locator('.import-summary')).toHaveText('3 câu hỏi đọc được · 1 dòng cần sửa · 0 câu trùng');
  const flagged = page.locator('.import-row.flagged');
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toHaveAttribute('data-line', '3');
  await expect(flagged.getByRole('alert')).toContainText('Chưa có đáp án đúng');
  await flagged.getByLabel('Đáp án đúng').selectOption('1');
  await page.getByRole('button', { name: 'Lưu vào ngân hàng' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu 3 câu hỏi');

  // Search without diacritics, then edit one of them.
  await page.goto('/quan-tri/cau-hoi?q=cau%20kiem%20thu%20thu%20ba');
  await page.getByRole('link', { name: /Câu kiểm thử thứ ba/ }).click();
  await expect(page).toHaveURL(/\/quan-tri\/cau-hoi\/\d+$/);
  await hydrated(page);
  await page.getByLabel('Nội dung câu hỏi').fill('Câu kiểm thử thứ ba (đã sửa): Cổng Dịch vụ công quốc gia ở địa chỉ nào?');
  await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu câu hỏi.');

  // A new contest (other tests count the demo contest's rounds), with a round
  // drawing from the new topic only, then published.
  await page.goto('/quan-tri/cuoc-thi');
  await page.getByRole('link', { name: 'Tạo cuộc thi' }).click();
  await hydrated(page);
  await page.getByLabel('Tên cuộc thi').fill('Cuộc thi kiểm thử E2E');
  await page.getByLabel(/Địa chỉ rút gọn/).fill('kiem-thu-e2e');
  await page.getByLabel('Ban Tổ chức', { exact: true }).fill('Sở Nội vụ tỉnh Lạng Sơn');
  await page.getByLabel(/^Thể lệ/).fill('<p>Thể lệ <b>kiểm thử</b></p><script>alert(1)</script>');
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/cuoc-thi\/\d+$/);
  const contestUrl = page.url();
  await page.getByRole('link', { name: 'Thêm đợt thi' }).click();
  await hydrated(page);
  await page.getByLabel('Số thứ tự').fill('1');
  await page.getByLabel('Tên đợt thi').fill('Đợt kiểm thử');
  await page.getByLabel('Bắt đầu (giờ Việt Nam)').fill(vnLocal(-24));
  await page.getByLabel('Kết thúc (giờ Việt Nam)').fill(vnLocal(48));
  await page.getByLabel('Số câu mỗi lượt thi').fill('3');
  await page.getByLabel('Thời gian làm bài (phút)').fill('10');
  await page.getByLabel('Câu hỏi dự đoán', { exact: true }).selectOption('none');
  await page.getByLabel('Theo chủ đề', { exact: true }).check();
  await page.getByRole('checkbox', { name: /Kiểm thử E2E/ }).check();
  await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/dot-thi\/\d+/);
  const roundId = Number(page.url().match(/dot-thi\/(\d+)/)![1]);
  await expect(page.getByRole('heading', { name: 'Theo dõi trực tiếp' })).toBeVisible();
  await page.goto(contestUrl);
  await hydrated(page);
  await page.getByRole('button', { name: 'Công bố' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã công bố cuộc thi.');
  // The public page shows the rules as formatting, never the script.
  const publicPage = await page.request.get('/cuoc-thi/kiem-thu-e2e');
  const html = await publicPage.text();
  expect(html).toContain('Thể lệ <b>kiểm thử</b>');
  expect(html).not.toContain('alert(1)');

  // A contestant starts that round and gets exactly the topic's three questions.
  const contestant = await browser.newContext();
  const person = await contestant.newPage();
  const phone = '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
  const registered = await person.request.post('/api/contestants/register', {
    data: { full_name: 'Hoàng Thị Lan', birth_date: '1990-09-02', phone, category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const started = await person.request.post('/api/attempts/start', { data: { round_id: roundId } });
  expect(started.status()).toBe(200);
  const attempt = await started.json();
  const texts: string[] = attempt.questions.map((q: { text: string }) => q.text).sort();
  expect(texts).toEqual([
    'Câu kiểm thử thứ ba (đã sửa): Cổng Dịch vụ công quốc gia ở địa chỉ nào?',
    'Câu kiểm thử thứ hai: Bộ phận Một cửa tiếp nhận hồ sơ ở đâu?',
    'Câu kiểm thử thứ nhất: cơ quan nào chủ trì Chỉ số CCHC cấp tỉnh?',
  ]);
  await person.goto(`/bai-thi/${attempt.attempt_id}`);
  await expect(person.getByText('Câu kiểm thử thứ ba (đã sửa)')).toBeVisible();
  await contestant.close();
});
