// Shared by the dashboard specs: the demo organizer's sign-in and waiting for hydration.
import { expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, '../../target/e2e-data');

/** The demo organizer's sign-in, which `make run` prints and the server writes to DATA_DIR. */
export function demoOrganizer(): { email: string; password: string } {
  const text = fs.readFileSync(path.join(dataDir, 'demo-organizer.txt'), 'utf8');
  const match = text.match(/(\S+@\S+) \/ (\S+)/);
  if (!match) throw new Error(`no sign-in in ${text}`);
  return { email: match[1], password: match[2] };
}

export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
}

/** Signs the page in as the demo organizer. */
export async function signInAsOrganizer(page: Page) {
  const { email, password } = demoOrganizer();
  await page.goto('/quan-tri/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri$/);
}
