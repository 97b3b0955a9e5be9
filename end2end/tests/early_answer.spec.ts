// On a slow network the quiz is answerable long before its client code runs:
// it is a real form. Whatever is ticked or typed before then must reach the
// server without a submit: at once through the small first-tap script
// (app/src/attempt/first_tap.js), or, should that script not load, as soon as
// the wasm runs. Here the wasm download is held back until the contestant has
// answered, and the wasm then takes over from the script.
import { test, expect, BrowserContext, Page } from '@playwright/test';

function uniquePhone(): string {
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

/** Registers a contestant in `context` and starts an attempt of the open round. */
async function startAttempt(context: BrowserContext) {
  const registered = await context.request.post('/api/contestants/register', {
    data: { full_name: 'Lương Văn Sơn', birth_date: '1987-03-08', phone: uniquePhone(), category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const home = await (await context.request.get('/api/contests/home')).json();
  const round = home.rounds.find((r: { status: string }) => r.status === 'Open');
  const started = await context.request.post('/api/attempts/start', { data: { round_id: round.id } });
  expect(started.status()).toBe(200);
  return started.json();
}

/** Holds every wasm download back until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await released; await route.continue(); });
  return release;
}

const savedAnswers = async (page: Page, attemptId: number) =>
  (await (await page.request.get(`/api/ui/attempt?attempt_id=${attemptId}`)).json()).answers;

test('answers chosen before the client code loads are saved once it runs, without a submit', async ({ page, context }) => {
  const attempt = await startAttempt(context);
  // The wasm alone: as if the first-tap script had failed to load.
  await page.route('**/first-tap.*.js', (route) => route.abort());
  const release = await holdWasm(page);

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

test('before the wasm, the first-tap script saves each click at once and the last choice wins', async ({ page, context }) => {
  const attempt = await startAttempt(context);
  const release = await holdWasm(page);
  await page.goto(`/bai-thi/${attempt.attempt_id}`, { waitUntil: 'domcontentloaded' });
  const first = page.getByRole('group', { name: /^Câu 1\. / });
  const second = page.getByRole('group', { name: /^Câu 2\. / });
  // A change of mind in quick succession: the later choice is what counts.
  await first.getByRole('radio').nth(0).check();
  await first.getByRole('radio').nth(2).check();
  await second.getByRole('radio').nth(1).check();
  const [q1, q2] = attempt.questions;
  await expect.poll(() => savedAnswers(page, attempt.attempt_id)).toEqual({ [q1.id]: q1.options[2].id, [q2.id]: q2.options[1].id });
  await expect(first.getByText('Đã lưu')).toBeVisible();
  await expect(second.getByText('Đã lưu')).toBeVisible();
  await expect(page.getByText('Đã trả lời 2/20')).toBeVisible();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'yes');
  // Confirmed: nothing left in the browser's outbox.
  expect(await page.evaluate((id) => localStorage.getItem(`cho-gui-${id}`), attempt.attempt_id)).toBeNull();

  // The wasm takes over: what the script saved stays saved and ticked, and
  // the next click goes through the wasm.
  let wasmSaves = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/attempts/answer')) wasmSaves += 1; });
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes', { timeout: 30_000 });
  await expect(first.getByRole('radio').nth(2)).toBeChecked();
  await expect(first.getByText('Đã lưu')).toBeVisible();
  await expect(page.getByText('Đã trả lời 2/20')).toBeVisible();
  await first.getByRole('radio').nth(1).check();
  await expect.poll(() => savedAnswers(page, attempt.attempt_id)).toEqual({ [q1.id]: q1.options[1].id, [q2.id]: q2.options[1].id });
  await expect(first.getByText('Đã lưu')).toBeVisible();
  // Answers the script had saved were not sent again: only the new click.
  expect(wasmSaves).toBe(1);
});

test('a newer choice made once the wasm runs never lands before the script\'s older save', async ({ page, context }) => {
  const attempt = await startAttempt(context);
  const release = await holdWasm(page);
  // The script's first save is slow on the way to the server.
  let delayed = false;
  let delayedSent = false;
  await page.route('**/api/attempts/answer', async (route) => {
    if (!delayed) {
      delayed = true;
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      await route.continue();
      delayedSent = true;
      return;
    }
    await route.continue();
  });
  await page.goto(`/bai-thi/${attempt.attempt_id}`, { waitUntil: 'domcontentloaded' });
  const first = page.getByRole('group', { name: /^Câu 1\. / });
  await first.getByRole('radio').nth(0).check();
  await expect.poll(() => delayed).toBe(true);
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes', { timeout: 30_000 });
  // While the older save is still on its way, the contestant chooses again.
  await first.getByRole('radio').nth(3).check();
  const [q1] = attempt.questions;
  await expect.poll(() => savedAnswers(page, attempt.attempt_id), { timeout: 15_000 }).toEqual({ [q1.id]: q1.options[3].id });
  await expect(first.getByText('Đã lưu')).toBeVisible();
  // And it stays so once the older save has reached the server too.
  await expect.poll(() => delayedSent, { timeout: 10_000 }).toBe(true);
  await page.waitForTimeout(1_000);
  expect(await savedAnswers(page, attempt.attempt_id)).toEqual({ [q1.id]: q1.options[3].id });
});
