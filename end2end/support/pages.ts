// Every page of the site, for the specs that check them all (accessibility,
// reflow): the public pages, a fresh contestant's own pages (profile, start
// page, quiz, result) and every dashboard page of app/src/lib.rs's router,
// signed in as the demo organizer. Each entry is a path and a line saying
// what it is, so a failure names the page.
import { expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir, signInAsOrganizer } from './dashboard';

export type SitePage = { path: string; what: string };

export function uniquePhone(): string {
  // 09 + 8 random digits: tests run in parallel against one database.
  return '09' + String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}

/** Pages anyone sees, signed in or not. */
export function publicPages(): SitePage[] {
  return [
    { path: '/', what: 'home (the live contest)' },
    { path: '/cuoc-thi/cchc-lang-son-2022', what: 'contest page (2022, all weeks ended)' },
    { path: '/thong-ke?cuoc_thi=1', what: 'statistics, leaderboard and published winners' },
    { path: '/thong-ke?cuoc_thi=1&sap_xep=ty-le', what: 'statistics sorted by participation' },
    { path: '/dang-ky', what: 'registration' },
    { path: '/dang-nhap', what: 'sign-in' },
    { path: '/quen-mat-khau', what: 'forgotten password' },
    { path: '/dat-lai-mat-khau?ma=' + '0'.repeat(64), what: 'reset link that cannot be used' },
    { path: '/dat-lai-mat-khau-bang-ma', what: 'reset with a code' },
    { path: '/quan-tri/dang-nhap', what: 'staff sign-in' },
    { path: '/khong-co-trang-nay', what: 'page not found' },
  ];
}

/** The link mailed to `email` (DATA_DIR/mail/*.eml), once it is there. */
async function resetLinkFor(email: string): Promise<string> {
  const mailDir = path.join(dataDir, 'mail');
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

export type Visit = (path: string, what: string) => Promise<void>;

/**
 * A new contestant's own pages, in the order they meet them: registers in
 * `page`'s context (its session cookie), visits home, profile and the start
 * page, starts an attempt of the open round, visits the quiz with one answer
 * saved, submits, and visits the result.
 */
export async function contestantTour(page: Page, visit: Visit) {
  const request = page.context().request;
  const phone = uniquePhone();
  const registered = await request.post('/api/contestants/register', {
    data: { full_name: 'Hoàng Thị Lan', birth_date: '1990-05-19', phone, email: `a11y.${phone}@example.vn`,
      category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const home = await (await request.get('/api/contests/home')).json();
  const round = home.rounds.find((r: { status: string }) => r.status === 'Open');
  expect(round, 'the live demo has an open round').toBeTruthy();
  await visit('/', 'home, signed in');
  await visit('/ho-so', 'profile');
  await visit(`/vao-thi/${round.id}`, 'start page');

  const started = await request.post('/api/attempts/start', { data: { round_id: round.id } });
  expect(started.status()).toBe(200);
  const attempt = await started.json();
  const q = attempt.questions[0];
  const answered = await request.post('/api/attempts/answer', {
    data: { attempt_id: attempt.attempt_id, question_id: q.id, option_id: q.options[0].id },
  });
  expect(answered.status()).toBe(200);
  await visit(`/bai-thi/${attempt.attempt_id}`, 'quiz, one answer saved');

  const submitted = await request.post('/api/attempts/submit', { data: { attempt_id: attempt.attempt_id, prediction: 100 } });
  expect(submitted.status()).toBe(200);
  await visit(`/ket-qua/${attempt.attempt_id}`, 'result');
}

/** A usable reset link for a new contestant with an e-mail. */
export async function usableResetLink(page: Page): Promise<SitePage> {
  const request = page.context().request;
  const phone = uniquePhone();
  const email = `dat-lai.${phone}@example.vn`;
  const registered = await request.post('/api/contestants/register', {
    data: { full_name: 'Nông Văn Hải', birth_date: '1988-01-02', phone, email, category: 'civil_servant', unit_id: 1, password: 'mật khẩu an toàn' },
  });
  expect(registered.status()).toBe(200);
  const asked = await request.post('/api/account/password-reset/request', { data: { account: email } });
  expect(asked.status()).toBe(200);
  return { path: await resetLinkFor(email), what: 'reset link that can be used' };
}

/** Every dashboard page (app/src/lib.rs, under /quan-tri), signed in as the demo organizer. */
export async function dashboardPages(page: Page): Promise<SitePage[]> {
  await signInAsOrganizer(page);
  const request = page.context().request;
  const contest = await (await request.get('/api/admin/contests/get?id=1')).json();
  const roundId = contest.rounds[0].id;
  const contestants = await (await request.get('/api/admin/contestants')).json();
  const contestantId = contestants.items[0].id;
  return [
    { path: '/quan-tri', what: 'dashboard home' },
    { path: '/quan-tri/cau-hoi', what: 'question bank' },
    { path: '/quan-tri/cau-hoi/1', what: 'question editor' },
    { path: '/quan-tri/cau-hoi/moi', what: 'new question' },
    { path: '/quan-tri/nhap-cau-hoi', what: 'question import' },
    { path: '/quan-tri/thong-ke-cau-hoi', what: 'question statistics' },
    { path: '/quan-tri/nhat-ky', what: 'audit log' },
    { path: '/quan-tri/cuoc-thi', what: 'contests' },
    { path: '/quan-tri/cuoc-thi/1', what: 'contest editor' },
    { path: `/quan-tri/dot-thi/${roundId}`, what: 'round editor' },
    { path: '/quan-tri/dot-thi/moi?cuoc_thi=1', what: 'new round' },
    { path: '/quan-tri/don-vi', what: 'unit tree' },
    { path: '/quan-tri/tham-gia', what: 'participation' },
    { path: '/quan-tri/tai-khoan', what: 'staff accounts (admins only: refused to an organizer)' },
    { path: '/quan-tri/thi-sinh', what: 'contestants' },
    { path: `/quan-tri/thi-sinh/${contestantId}`, what: 'contestant detail' },
    { path: '/quan-tri/giai-thuong?cuoc-thi=1', what: 'prize desk' },
    { path: '/quan-tri/bao-cao?cuoc-thi=1', what: 'Department report' },
  ];
}

/** Opens `path` and waits until it is hydrated and its data is in (no "Đang tải…" left). */
export async function openPage(page: Page, path: string, opts: { hydrate?: boolean } = {}) {
  await page.goto(path);
  if (opts.hydrate !== false) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await expect(page.getByText(/^Đang tải/)).toHaveCount(0);
}
