// On a slow network the quiz is answerable long before its client code runs:
// it is a real form. Whatever is ticked or typed before then must reach the
// server as soon as the code runs, without a submit. Here the wasm download is
// held back until the contestant has answered.
import { test, expect } from '@playwright/test';

function uniquePhone(): string {
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

test('answers chosen before the client code loads are saved once it runs, without a submit', async ({ page, context }) => {
  const registered = await context.request.post('/api/contestants/register', {
    data: { full_name: 'Lương Văn Sơn', birth_date: '1987-03-08', phone: uniquePhone(), category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const home = await (await context.request.get('/api/contests/home')).json();
  const round = home.rounds.find((r: { status: string }) => r.status === 'Open');
  const started = await context.request.post('/api/attempts/start', { data: { round_id: round.id } });
  expect(started.status()).toBe(200);
  const attempt = await started.json();

  // Hold the wasm back until we say so.
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await released; await route.continue(); });

  await page.goto(`/bai-thi/${attempt.attempt_id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'yes');
  const first = page.getByRole('group', { name: /^Câu 1\. / });
  const second = page.getByRole('group', { name: /^Câu 2\. / });
  await first.getByRole('radio').nth(1).check();
  await second.getByRole('radio').nth(2).check();
  if (attempt.prediction_required) {
    await page.getByLabel(attempt.prediction_prompt).fill('1234');
  }
  // Nothing has reached the server yet.
  const before = await (await page.request.get(`/api/ui/attempt?attempt_id=${attempt.attempt_id}`)).json();
  expect(before.answers).toEqual({});

  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes', { timeout: 30_000 });
  await expect(first.getByText('Đã lưu')).toBeVisible();
  await expect(second.getByText('Đã lưu')).toBeVisible();
  // The choices survived hydration in the page too.
  await expect(first.getByRole('radio').nth(1)).toBeChecked();
  await expect(second.getByRole('radio').nth(2)).toBeChecked();

  const q1 = attempt.questions[0];
  const q2 = attempt.questions[1];
  await expect.poll(async () => (await (await page.request.get(`/api/ui/attempt?attempt_id=${attempt.attempt_id}`)).json()).answers)
    .toEqual({ [q1.id]: q1.options[1].id, [q2.id]: q2.options[2].id });
  if (attempt.prediction_required) {
    await expect(page.getByLabel(attempt.prediction_prompt)).toHaveValue('1234');
    await expect.poll(async () => (await (await page.request.get(`/api/ui/attempt?attempt_id=${attempt.attempt_id}`)).json()).prediction)
      .toBe(1234);
  }
});
