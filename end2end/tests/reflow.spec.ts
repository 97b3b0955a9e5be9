// WCAG 1.4.10 Reflow (issue 12 §5, "at 200 % zoom nothing scrolls
// sideways"): every page of the site, at 640×800 CSS px (a 1280 px wide
// window at 200 %) and at 320 px wide, is never wider than the window. Wide
// tables may scroll inside their own box; the page itself may not.
// Desktop project only: a phone-emulated browser (isMobile) widens its layout
// viewport to fit content that overflows, which would hide exactly the
// overflow this looks for.
import { test, expect, Page } from '@playwright/test';
import { contestantTour, dashboardPages, openPage, publicPages } from '../support/pages';

const WIDTHS = [640, 320];

/** How far the page reaches past the window's right edge at each width, and the widest elements that do it. */
async function overflows(page: Page, path: string, what: string, opts: { open?: boolean } = {}): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    if (opts.open !== false && width === WIDTHS[0]) await openPage(page, path);
    // Layout settles after the resize (media queries, wrapping).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const result = await page.evaluate(() => {
      const inner = window.innerWidth;
      const scroll = document.documentElement.scrollWidth;
      const culprits = scroll <= inner ? [] : Array.from(document.querySelectorAll('body *'))
        .filter((el) => {
          const box = el.getBoundingClientRect();
          // Inside a box that scrolls by itself is fine (a wide table in .table-scroll).
          let up = el.parentElement;
          while (up && up !== document.body) {
            const style = getComputedStyle(up);
            if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') return false;
            up = up.parentElement;
          }
          return box.right > inner + 0.5 && box.width > 0;
        })
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
      return { inner, scroll, culprits };
    });
    if (result.scroll > result.inner) {
      found.push(`${what} (${path}) at ${width} px: page is ${result.scroll} px wide for ${result.inner}: ${result.culprits.join(', ')}`);
    }
  }
  return found;
}

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'desktop', 'reflow is measured in a desktop window (see the top of this file)');
});

test('public pages never scroll sideways at 640 px (200 % zoom) or 320 px', async ({ page }) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  for (const { path, what } of publicPages()) found.push(...(await overflows(page, path, what)));
  // The registration form with its errors shown.
  await page.setViewportSize({ width: 640, height: 800 });
  await openPage(page, '/dang-ky');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.locator('#phone-error')).not.toBeEmpty();
  found.push(...(await overflows(page, '/dang-ky', 'registration with errors', { open: false })));
  expect(found, found.join('\n')).toEqual([]);
});

test("a contestant's pages never scroll sideways at 640 px (200 % zoom) or 320 px", async ({ page }) => {
  test.setTimeout(90_000);
  const found: string[] = [];
  await contestantTour(page, async (path, what) => {
    found.push(...(await overflows(page, path, what)));
  });
  expect(found, found.join('\n')).toEqual([]);
});

test('dashboard pages never scroll sideways at 640 px (200 % zoom) or 320 px', async ({ page }) => {
  test.setTimeout(180_000);
  const found: string[] = [];
  for (const { path, what } of await dashboardPages(page)) found.push(...(await overflows(page, path, what)));
  expect(found, found.join('\n')).toEqual([]);
});
