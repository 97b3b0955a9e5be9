// What each page type downloads, compressed, on a cold cache and again on a
// warm one: every response's bytes on the wire (headers excluded), summed per
// page, in Debian's Chromium. Run by `make bench-size` against a server it
// starts on a fresh demo database; figures go to docs/benchmarks.md.
//   node end2end/bench/page-weight.mjs http://127.0.0.1:3200
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3200';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

/** Loads `path` in `page` until hydrated; returns the bytes received, per kind. */
async function weigh(page, path) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const kinds = new Map();
  const byId = new Map();
  cdp.on('Network.responseReceived', (e) => byId.set(e.requestId, { url: e.response.url, fromCache: e.response.fromDiskCache }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    const kind = /\.wasm$/.test(r.url) ? 'wasm' : /\.js$/.test(r.url) ? 'js' : /\.css$/.test(r.url) ? 'css' : /\/api\//.test(r.url) ? 'api' : 'html+other';
    // Bytes on the wire: 0 for a response served from the cache.
    kinds.set(kind, (kinds.get(kind) ?? 0) + (r.fromCache ? 0 : e.encodedDataLength));
  });
  await page.goto(base + path);
  await page.waitForSelector('body[data-hydrated=yes]', { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return kinds;
}

function row(label, kinds) {
  const total = [...kinds.values()].reduce((a, b) => a + b, 0);
  const parts = [...kinds.entries()].sort().map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ');
  console.log(`| ${label} | ${total.toLocaleString('en')} B | ${parts} |`);
}

// A contestant with one submitted attempt and one running, for the personal pages.
const setup = await browser.newContext();
const phone = '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
const api = setup.request;
const reg = await api.post(`${base}/api/contestants/register`, {
  data: { full_name: 'Đo Trang Nhẹ', birth_date: '1990-01-01', phone, category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
});
if (reg.status() !== 200) throw new Error(`register: ${reg.status()} ${await reg.text()}`);
const home = await (await api.get(`${base}/api/contests/home`)).json();
const round = home.rounds.find((r) => r.status === 'Open');
const first = await (await api.post(`${base}/api/attempts/start`, { data: { round_id: round.id } })).json();
await api.post(`${base}/api/attempts/submit`, { data: { attempt_id: first.attempt_id, prediction: 100 } });
const second = await (await api.post(`${base}/api/attempts/start`, { data: { round_id: round.id } })).json();
const cookies = await setup.cookies();

// The demo organizer (DATA_DIR/demo-organizer.txt, written by the server), for the dashboard rows.
let staffCookies = null;
if (process.env.BENCH_DATA_DIR) {
  const text = readFileSync(`${process.env.BENCH_DATA_DIR}/demo-organizer.txt`, 'utf8');
  const [, email, password] = text.match(/(\S+@\S+) \/ (\S+)/) ?? [];
  const staff = await browser.newContext();
  const login = await staff.request.post(`${base}/api/admin/session/login`, { data: { email, password } });
  if (login.status() !== 200) throw new Error(`staff login: ${login.status()} ${await login.text()}`);
  staffCookies = await staff.cookies();
  await staff.close();
}

const pages = [
  ['home `/`', '/', false],
  ['contest `/cuoc-thi/…`', `/cuoc-thi/${home.slug}`, false],
  ['registration `/dang-ky`', '/dang-ky', false],
  ['sign-in `/dang-nhap`', '/dang-nhap', false],
  ['statistics `/thong-ke`', '/thong-ke', false],
  ['profile `/ho-so`', '/ho-so', true],
  ['quiz `/bai-thi/…`', `/bai-thi/${second.attempt_id}`, true],
  ['result `/ket-qua/…`', `/ket-qua/${first.attempt_id}`, true],
];
console.log('| page (cold cache) | total on the wire | by kind |');
console.log('|---|---|---|');
for (const [label, path, signedIn] of pages) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  if (signedIn) await context.addCookies(cookies);
  const page = await context.newPage();
  row(label, await weigh(page, path));
  await context.close();
}
// The dashboard, signed in as staff (desktop width): the dashboard's own bundle.
if (staffCookies) {
  for (const [label, path] of [['dashboard `/quan-tri`', '/quan-tri'], ['dashboard `/quan-tri/cau-hoi`', '/quan-tri/cau-hoi']]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(staffCookies);
    const page = await context.newPage();
    row(label, await weigh(page, path));
    await context.close();
  }
}
// A second visit: the same context, so the bundle is in the browser's cache.
const warm = await browser.newContext({ viewport: { width: 360, height: 740 } });
await warm.addCookies(cookies);
const page = await warm.newPage();
await weigh(page, `/bai-thi/${second.attempt_id}`);
console.log('');
console.log('| page (second visit, warm cache) | total on the wire | by kind |');
console.log('|---|---|---|');
row('quiz `/bai-thi/…`', await weigh(page, `/bai-thi/${second.attempt_id}`));
await browser.close();
