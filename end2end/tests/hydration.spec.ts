// Proves the wasm loaded and took over the server-rendered page: the countdown
// only ticks once hydrated, and hydration must not log errors.
import { test, expect } from '@playwright/test';

test('the countdown ticks after hydration, without errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });

  await page.goto('/');
  const timer = page.getByRole('timer');
  await expect(timer).toContainText('Tuần 2 kết thúc sau');
  // Set only by browser code, after the wasm has hydrated the page.
  await expect(timer).toHaveAttribute('data-ticking', 'yes');
  const first = await timer.locator('strong').textContent();
  await expect.poll(async () => timer.locator('strong').textContent(), { timeout: 5_000 }).not.toBe(first);
  expect(problems).toEqual([]);
});

test('the countdown follows the server clock, not the phone clock', async ({ page }) => {
  // A phone whose clock is three days fast must still see the server's countdown.
  await page.clock.install({ time: Date.now() + 3 * 24 * 3600 * 1000 });
  await page.goto('/');
  const value = await page.getByRole('timer').locator('strong').textContent();
  const api = await page.request.get('/api/contests/home');
  const home = await api.json();
  const expectedSeconds = Math.floor((home.next_event.at_ms - home.server_now_ms) / 1000);
  const [clock, days] = [value!.split(' ').pop()!, value!.includes('ngày') ? Number(value!.split(' ')[0]) : 0];
  const [h, m, s] = clock.split(':').map(Number);
  const shownSeconds = days * 86400 + h * 3600 + m * 60 + s;
  expect(Math.abs(shownSeconds - expectedSeconds)).toBeLessThan(30);
});
