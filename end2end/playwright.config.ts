// Playwright in Debian's Chromium: `npx playwright install` cannot download
// browsers here, so the system browser is launched by path.
import { defineConfig, devices } from '@playwright/test';
import * as path from 'node:path';

const port = process.env.E2E_PORT ?? '3100';
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The server binary and a fresh data folder come from `make test`.
const serverBin = process.env.E2E_SERVER_BIN;
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, '../target/e2e-data');
const siteRoot = process.env.E2E_SITE_ROOT ?? path.resolve(__dirname, '../target/site');

const launchOptions = {
  executablePath: chromium,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', trace: 'retain-on-failure' },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // A cheap Android phone: 360 px wide, touch.
    { name: 'mobile', use: { ...devices['Galaxy S8'], launchOptions } },
  ],
  webServer: serverBin
    ? {
        command: serverBin,
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        env: {
          DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
          DATA_DIR: dataDir,
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          LEPTOS_SITE_ROOT: siteRoot,
          RUST_LOG: 'warn',
        },
      }
    : undefined,
});
