// Hydration must never panic. A mismatch between what the server rendered
// and what the client expects kills the page's client code (no countdown, no
// autosave), and it showed only now and then (about 1 load in 6 of the contest
// page for a signed-in contestant), so every page is loaded many times,
// signed out, signed in as a contestant and as staff, and any page error,
// console error or island missing from the page's bundle fails the test.
import { test, expect, Page, BrowserContext } from '@playwright/test';
import { signInAsOrganizer } from '../support/dashboard';

const LOADS = 8;

function uniquePhone(): string {
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

/** Loads `path` LOADS times, each until hydrated; returns every error seen. */
async function loadRepeatedly(page: Page, path: string): Promise<string[]> {
  const problems: string[] = [];
  const onError = (err: Error) => problems.push(`${path}: ${err.message}`);
  const onConsole = (msg: { type(): string; text(): string }) => {
    // Leptos's island script only warns when the page's bundle lacks one of
    // its islands (app/src/bundle.rs): that island would never come alive.
    const missingIsland = msg.type() === 'warning' && msg.text().includes('Could not find WASM function');
    if (msg.type() === 'error' || missingIsland) problems.push(`${path}: ${msg.text()}`);
  };
  page.on('pageerror', onError);
  page.on('console', onConsole);
  for (let i = 0; i < LOADS; i++) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    // Set by the app's first effect, so only after hydration finished without a panic.
    await expect(page.locator('body'), path).toHaveAttribute('data-hydrated', 'yes');
  }
  page.off('pageerror', onError);
  page.off('console', onConsole);
  return problems;
}

async function openRoundId(context: BrowserContext): Promise<number> {
  const home = await (await context.request.get('/api/contests/home')).json();
  const open = home.rounds.find((r: { status: string }) => r.status === 'Open');
  expect(open, 'the demo has an open round').toBeTruthy();
  return open.id;
}

test('public pages hydrate without errors, load after load', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  for (const path of ['/', '/cuoc-thi/cchc-lang-son-trai-nghiem', '/cuoc-thi/cchc-lang-son-2022', '/dang-ky', '/dang-nhap', '/thong-ke', '/quen-mat-khau', '/dat-lai-mat-khau-bang-ma', '/quan-tri/dang-nhap']) {
    problems.push(...(await loadRepeatedly(page, path)));
  }
  expect(problems).toEqual([]);
});

test('a signed-in contestant\'s pages hydrate without errors, load after load', async ({ page, context }) => {
  test.setTimeout(180_000);
  const registered = await context.request.post('/api/contestants/register', {
    data: { full_name: 'Nông Thị Hoa', birth_date: '1993-05-12', phone: uniquePhone(), category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const roundId = await openRoundId(context);
  // One attempt submitted (for the result page), one left running (for the quiz page).
  const first = await (await context.request.post('/api/attempts/start', { data: { round_id: roundId } })).json();
  const submitted = await context.request.post('/api/attempts/submit', { data: { attempt_id: first.attempt_id, prediction: 100 } });
  expect(submitted.status()).toBe(200);
  const second = await (await context.request.post('/api/attempts/start', { data: { round_id: roundId } })).json();
  expect(second.attempt_id).not.toBe(first.attempt_id);

  const problems: string[] = [];
  for (const path of [
    '/',
    '/cuoc-thi/cchc-lang-son-trai-nghiem',
    '/cuoc-thi/cchc-lang-son-2022',
    '/ho-so',
    '/dang-ky',
    '/dang-nhap',
    '/thong-ke',
    `/vao-thi/${roundId}`,
    `/bai-thi/${second.attempt_id}`,
    `/ket-qua/${first.attempt_id}`,
  ]) {
    problems.push(...(await loadRepeatedly(page, path)));
  }
  expect(problems).toEqual([]);
  // The personal panel is really there (it is the part that used to panic).
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Xin chào, Nông Thị Hoa' })).toBeVisible();
});

test('dashboard pages hydrate without errors, load after load', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'the dashboard is a desktop tool; once is enough');
  test.setTimeout(120_000);
  await signInAsOrganizer(page);
  const problems: string[] = [];
  for (const path of ['/quan-tri', '/quan-tri/cau-hoi', '/quan-tri/cuoc-thi', '/quan-tri/thi-sinh', '/quan-tri/giai-thuong']) {
    problems.push(...(await loadRepeatedly(page, path)));
  }
  expect(problems).toEqual([]);
});
