// Registration → start page → quiz (answer, submit) → result with the
// keyboard alone (issue 12 §5; WCAG 2.1.1, 2.4.7, 2.4.11): Tab, Shift+Tab,
// Space, Enter, arrow keys and typing, never a click. Every element the focus
// lands on on the way shows it (its outline or shadow, or its option row's,
// differs from when it is not focused), and is not hidden under the quiz's
// sticky bar.
import { test, expect, Locator, Page } from '@playwright/test';
import { uniquePhone } from '../support/pages';

type Focused = { at: string; shown: boolean; differs: boolean; covered: boolean };

/**
 * Where the focus is now, whether it is shown, and whether the element
 * focused before looks different now that it has lost the focus. The look
 * compared is the element's outline and box-shadow, and its parent's (a quiz
 * option's row carries the ring of its radio).
 */
async function focusNow(page: Page): Promise<Focused> {
  return page.evaluate(async () => {
    const w = window as unknown as { __lastFocused?: { el: Element; look: string } };
    const look = (el: Element) => [el, el.parentElement]
      .filter((e): e is Element => !!e)
      .map((e) => {
        const s = getComputedStyle(e);
        return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
      })
      .join(' || ');
    const ring = (el: Element) => [el, el.parentElement].some((e) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return outline || (s.boxShadow !== 'none' && !s.boxShadow.includes('inset'));
    });
    const el = document.activeElement ?? document.body;
    const previous = w.__lastFocused;
    // Measured again after two frames before concluding it looks the same:
    // the page may still be re-rendering (the unit search's results arrive
    // as they are typed) when the key has just moved the focus.
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    let differs = !previous || previous.el === el || look(previous.el) !== previous.look;
    for (let i = 0; i < 2 && !differs && previous; i++) {
      await frame();
      await frame();
      differs = look(previous.el) !== previous.look;
    }
    w.__lastFocused = { el, look: look(el) };
    const box = el.getBoundingClientRect();
    const bar = document.querySelector('.quiz-bar')?.getBoundingClientRect();
    // Entirely under the sticky bar: its whole box lies within the bar's.
    const covered = !!bar && box.height > 0 && box.top >= bar.top && box.bottom <= bar.bottom && el.closest('.quiz-bar') === null;
    const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return {
      at: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${name.trim().slice(0, 40)}"`,
      // Tab between a date field's own parts (dd, mm, yyyy) keeps the focus in
      // it; the part then shows as selected, not by the field's ring.
      shown: el === document.body || ring(el) || previous?.el === el,
      differs,
      covered,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking every stop on the way. */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (opts.max ?? 120); i++) {
    await page.keyboard.press(key);
    const now = await focusNow(page);
    expect(now.shown, `focus is visible on ${now.at}`).toBe(true);
    expect(now.differs, `the element before ${now.at} looks different without the focus`).toBe(true);
    expect(now.covered, `${now.at} is not hidden under the quiz bar`).toBe(false);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${key} never reached ${target}`);
}

// The date field's parts (dd, mm, yyyy) take Tab stops of their own inside
// the field; the field rings itself while one of them has the focus
// (style/main.css), so every stop shows it.
test('registration, start, quiz and result with the keyboard alone, focus always visible', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'a keyboard is a desktop thing; the phone project has none');
  test.setTimeout(120_000);
  const phone = uniquePhone();

  // Registration: each field reached by Tab, filled by typing.
  await page.goto('/dang-ky');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await tabTo(page, page.getByLabel('Họ và tên'));
  await page.keyboard.type('Lò Thị Hoa');
  await tabTo(page, page.getByLabel('Ngày sinh'));
  // Typed in the field's own order: headless Chromium lays date fields out in
  // its UI language (en-US: mm/dd/yyyy), whatever the page's locale.
  await page.keyboard.type('04301991');
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('1991-04-30');
  await tabTo(page, page.getByLabel('Số điện thoại'));
  await page.keyboard.type(phone);
  await tabTo(page, page.getByLabel('Đối tượng dự thi'));
  // Arrow keys on a closed list change the choice; back to the first.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Đối tượng dự thi')).toHaveValue('citizen');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Đối tượng dự thi')).toHaveValue('civil_servant');
  // The unit: typed into the search, the result reached by Tab and taken with Enter.
  await tabTo(page, page.getByLabel('Tìm đơn vị (gõ có dấu hoặc không dấu)'));
  await page.keyboard.type('so noi vu');
  const result = page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByRole('button', { name: 'Tỉnh Lạng Sơn › Sở Nội vụ' });
  await expect(result).toBeVisible();
  // Every search typed so far has answered: the list no longer changes under the focus.
  await page.waitForLoadState('networkidle');
  await tabTo(page, result, { max: 12 });
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/\d+/);
  await tabTo(page, page.getByLabel('Mật khẩu (ít nhất 8 ký tự)'));
  await page.keyboard.type('mật khẩu an toàn');
  // Back one field with Shift+Tab (the unit list keeps its choice), then on to the button.
  await tabTo(page, page.getByLabel('Đơn vị', { exact: true }), { back: true, max: 3 });
  await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/\d+/);
  await tabTo(page, page.getByRole('button', { name: 'Đăng ký' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/(\?da-dang-ky=1)?$/);
  await expect(page.getByRole('heading', { name: 'Xin chào, Lò Thị Hoa' })).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');

  // Home → start page → quiz.
  await tabTo(page, page.getByRole('link', { name: 'Vào thi Tuần 2' }).first());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/vao-thi\/\d+$/);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await tabTo(page, page.getByRole('button', { name: 'Bắt đầu làm bài' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/bai-thi\/\d+$/);
  await expect(page.getByRole('timer')).toHaveAttribute('data-ticking', 'yes');

  // Question 1: Tab into its options, Space picks the first. Question 2:
  // arrow keys move within the options and pick as they go.
  const q1 = page.getByRole('group', { name: /^Câu 1\. / });
  await tabTo(page, q1.getByRole('radio').first());
  await page.keyboard.press('Space');
  await expect(q1.getByRole('radio').first()).toBeChecked();
  await expect(q1.getByText('Đã lưu')).toBeVisible();
  const q2 = page.getByRole('group', { name: /^Câu 2\. / });
  await tabTo(page, q2.getByRole('radio').first(), { max: 3 });
  await page.keyboard.press('ArrowDown');
  await expect(q2.getByRole('radio').nth(1)).toBeChecked();
  await expect(q2.getByText('Đã lưu')).toBeVisible();
  // Back to question 1 with Shift+Tab: its chosen option has the focus, in view below the bar.
  await tabTo(page, q1.getByRole('radio').first(), { back: true, max: 3 });
  await tabTo(page, page.getByLabel(/bao nhiêu người/));
  await page.keyboard.type('250');
  await tabTo(page, page.getByRole('button', { name: 'Nộp bài' }));
  // 18 questions unanswered: the page asks (the browser's own confirm box, accepted here).
  page.once('dialog', (dialog) => dialog.accept());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ket-qua\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Kết quả bài thi' })).toBeVisible();
  await expect(page.getByText(/Trả lời đúng \d+\/20 câu/)).toBeVisible();
  // The result page's links show their focus too.
  await tabTo(page, page.getByRole('link').last());
});
