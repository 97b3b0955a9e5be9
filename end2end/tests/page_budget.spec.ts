// Issue 12, item 1: everything one contestant or public page downloads on a
// cold cache (HTML, CSS, scripts, wasm, and the data its islands fetch), in
// bytes on the wire, stays within 150 KB. A byte count, not a timing: the
// same on a busy machine. Every page a contestant meets before and around
// the quiz is weighed, signed out or signed in as it is met; the quiz page
// itself is weighed on slow 3G by slow_3g.spec.ts, and here as well.
import { test, expect, Page } from '@playwright/test';

const PAGE_BUDGET = 150_000;

function uniquePhone(): string {
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

/** Opens `path` with the cache off; returns the bytes on the wire per address, once the page is hydrated and quiet. */
async function weigh(page: Page, path: string): Promise<{ total: number; parts: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const parts: { url: string; size: number }[] = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '?';
    // An inline image (the date field's icon) is part of the CSS already on the wire.
    if (!url.startsWith('data:')) parts.push({ url, size: e.encodedDataLength });
  });
  await page.goto(path);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes', { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  return { total, parts: parts.map((p) => `${new URL(p.url).pathname} ${p.size}`) };
}

test('every contestant and public page downloads at most 150 KB cold', async ({ browser, baseURL }, info) => {
  test.skip(info.project.name !== 'mobile', 'bytes on the wire do not depend on the screen; weighed once, at 360 px');
  test.setTimeout(120_000);
  // A contestant with a submitted attempt (for the result page) and a running one (the quiz).
  const setup = await browser.newContext({ baseURL });
  const api = setup.request;
  const registered = await api.post('/api/contestants/register', {
    data: { full_name: 'Đo Trang Nhẹ', birth_date: '1990-01-01', phone: uniquePhone(), category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const home = await (await api.get('/api/contests/home')).json();
  const round = home.rounds.find((r: { status: string }) => r.status === 'Open');
  const first = await (await api.post('/api/attempts/start', { data: { round_id: round.id } })).json();
  expect((await api.post('/api/attempts/submit', { data: { attempt_id: first.attempt_id, prediction: 100 } })).status()).toBe(200);
  const second = await (await api.post('/api/attempts/start', { data: { round_id: round.id } })).json();
  const cookies = await setup.cookies();
  await setup.close();

  const pages: [string, boolean][] = [
    ['/', false],
    [`/cuoc-thi/${home.slug}`, false],
    ['/thong-ke', false],
    ['/dang-ky', false],
    ['/dang-nhap', false],
    ['/quen-mat-khau', false],
    ['/dat-lai-mat-khau-bang-ma', false],
    ['/quan-tri/dang-nhap', false],
    ['/ho-so', true],
    [`/vao-thi/${round.id}`, true],
    [`/bai-thi/${second.attempt_id}`, true],
    [`/ket-qua/${first.attempt_id}`, true],
  ];
  const over: string[] = [];
  for (const [path, signedIn] of pages) {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
    if (signedIn) await context.addCookies(cookies);
    const page = await context.newPage();
    const { total, parts } = await weigh(page, path);
    console.log(`${path}: ${total.toLocaleString('en')} B cold (${parts.join(', ')})`);
    if (total > PAGE_BUDGET) over.push(`${path}: ${total} B`);
    await context.close();
  }
  expect(over, `pages over ${PAGE_BUDGET} B on the wire`).toEqual([]);
});
