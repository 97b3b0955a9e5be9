// Labels next to their inputs across the dashboard: every radio and checkbox
// is named by its own option, sits inside (or right by) that option's label,
// and the question editor's "Đáp án đúng" radio of each option is on that
// option's row, checked for the stored correct option only. Then a round
// saved "Theo chủ đề" reopens by topic and picks up a question added later.
import { test, expect, Page } from '@playwright/test';
import { hydrated, signInAsOrganizer } from '../support/dashboard';

/** yyyy-mm-ddTHH:MM in Viet Nam time, `hours` from now. */
function vnLocal(hours: number): string {
  return new Date(Date.now() + (hours + 7) * 3600_000).toISOString().slice(0, 16);
}

/** Every radio and checkbox of the page: its accessible label, and whether that label holds it closely. */
async function choiceLabels(page: Page) {
  return page.locator('input[type=radio], input[type=checkbox]').evaluateAll((inputs) =>
    inputs.map((el) => {
      const input = el as HTMLInputElement;
      const box = input.getBoundingClientRect();
      const label = input.labels?.[0] ?? null;
      const around = label?.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      return {
        id: input.id,
        text: (input.getAttribute('aria-label') ?? label?.textContent ?? '').trim(),
        // A full-width radio pushes its text onto another line: never wider than a finger.
        narrow: box.width <= 40,
        // The input lies inside its own label's box, and that label is one line or two, not a block.
        held: !!around && cx >= around.left && cx <= around.right && cy >= around.top && cy <= around.bottom && around.height < 90,
      };
    }),
  );
}

function expectWellLabelled(found: Awaited<ReturnType<typeof choiceLabels>>, where: string) {
  expect(found.length, `${where}: some choices`).toBeGreaterThan(0);
  for (const choice of found) {
    expect(choice.text, `${where}: ${choice.id} has a label`).not.toBe('');
    expect(choice.narrow, `${where}: ${choice.id} (${choice.text}) is not stretched`).toBe(true);
    expect(choice.held, `${where}: ${choice.id} (${choice.text}) is inside its own label`).toBe(true);
  }
}

test("the question editor's correct-answer radios are each on their own option's row", async ({ page }) => {
  await signInAsOrganizer(page);
  // A demo question and its stored answer key, read with the organizer's session.
  const response = await page.request.get('/api/admin/questions/get?id=1');
  expect(response.status()).toBe(200);
  const detail = await response.json();
  const options: { text: string; correct: boolean }[] = detail.item.options;
  expect(options.length).toBeGreaterThanOrEqual(2);

  await page.goto('/quan-tri/cau-hoi/1');
  await hydrated(page);
  const letters = 'ABCDEF';
  for (let i = 0; i < options.length; i++) {
    const letter = letters[i];
    const text = page.getByRole('textbox', { name: `Phương án ${letter}`, exact: true });
    await expect(text).toHaveValue(options[i].text);
    const radio = page.getByRole('radio', { name: `Đáp án đúng: ${letter}. ${options[i].text.trim()}`, exact: true });
    await expect(radio).toHaveCount(1);
    if (options[i].correct) await expect(radio).toBeChecked();
    else await expect(radio).not.toBeChecked();
    // On the option's own row: below the top of its text field, above the next option's field.
    const own = (await text.boundingBox())!;
    const at = (await radio.boundingBox())!;
    expect(at.y + at.height).toBeGreaterThan(own.y);
    if (i + 1 < options.length) {
      const next = (await page.getByRole('textbox', { name: `Phương án ${letters[i + 1]}`, exact: true }).boundingBox())!;
      expect(at.y + at.height / 2).toBeLessThan(next.y);
    }
  }
  expectWellLabelled(await choiceLabels(page), 'question editor');

  // Choosing another option's radio (by its label) moves the key there and nowhere else; nothing is saved.
  const other = options.findIndex((o) => !o.correct);
  await page.getByRole('radio', { name: new RegExp(`^Đáp án đúng: ${letters[other]}\\.`) }).check();
  for (let i = 0; i < options.length; i++) {
    const radio = page.getByRole('radio', { name: new RegExp(`^Đáp án đúng: ${letters[i]}\\.`) });
    if (i === other) await expect(radio).toBeChecked();
    else await expect(radio).not.toBeChecked();
  }
});

test('dashboard choices sit next to their labels, and prize lists name categories', async ({ page }) => {
  await signInAsOrganizer(page);
  await page.goto('/quan-tri/cuoc-thi/1');
  await hydrated(page);
  await expect(page.getByRole('checkbox', { name: 'Bắt buộc nhập số căn cước' })).toBeVisible();
  expectWellLabelled(await choiceLabels(page), 'contest');

  await page.goto('/quan-tri/dot-thi/moi?cuoc_thi=1');
  await hydrated(page);
  await page.getByRole('radio', { name: 'Theo chủ đề', exact: true }).check();
  await expect(page.getByRole('group', { name: 'Chủ đề của đợt thi' }).getByRole('checkbox').first()).toBeVisible();
  expectWellLabelled(await choiceLabels(page), 'round');

  await page.goto('/quan-tri/giai-thuong?cuoc-thi=1');
  await hydrated(page);
  await expect(page.getByRole('checkbox', { name: /Mỗi người chỉ nhận một giải cá nhân/ })).toBeVisible();
  expectWellLabelled(await choiceLabels(page), 'prizes');
  // Category names, never their codes, in the winners' tables.
  const awards = page.locator('table.awards').first();
  await expect(awards).toBeVisible();
  await expect(awards).not.toContainText('civil_servant');
  await expect(awards).not.toContainText('citizen');
});

test('a round saved by topic reopens by topic and picks up a question added later', async ({ page }, info) => {
  test.setTimeout(60_000);
  await signInAsOrganizer(page);
  const tag = `${info.project.name}-${Date.now()}`;
  // Its own contest and topic, so that no other test's counts move.
  const contest = await page.request.post('/api/admin/contests/save', {
    data: { draft: { id: null, slug: `nhan-${tag}`, title: `Cuộc thi nhãn ${tag}`, organizer_name: 'Sở Nội vụ',
      rules: '', id_number_required: false, categories: [{ code: 'civil_servant', name: 'CBCCVC' }] } },
  });
  expect(contest.status()).toBe(200);
  const contestId = (await contest.json()).id;
  const topicSaved = await page.request.post('/api/admin/topics/save', { data: { id: null, name: `Chủ đề nhãn ${tag}` } });
  expect(topicSaved.status()).toBe(200);
  const topic = await topicSaved.json();
  const addQuestion = async (text: string) => {
    const saved = await page.request.post('/api/admin/questions/save', {
      data: { draft: { id: null, topic_id: topic.id, text, options: ['Đúng', 'Sai'], correct: 0, explanation: null,
        legal_source: null, difficulty: 1, active: true }, allow_duplicate: true },
    });
    expect(saved.status()).toBe(200);
  };
  await addQuestion(`Câu một của ${tag}?`);
  await addQuestion(`Câu hai của ${tag}?`);

  await page.goto(`/quan-tri/dot-thi/moi?cuoc_thi=${contestId}`);
  await hydrated(page);
  await expect(page.getByLabel('Số thứ tự')).toHaveValue('1');
  await page.getByLabel('Tên đợt thi').fill('Đợt theo chủ đề');
  await page.getByLabel('Bắt đầu (giờ Việt Nam)').fill(vnLocal(24));
  await page.getByLabel('Kết thúc (giờ Việt Nam)').fill(vnLocal(96));
  await page.getByLabel('Số câu mỗi lượt thi').fill('2');
  await page.getByLabel('Câu hỏi dự đoán', { exact: true }).selectOption('none');
  await page.getByRole('radio', { name: 'Theo chủ đề', exact: true }).check();
  await page.getByRole('checkbox', { name: new RegExp(`Chủ đề nhãn ${tag}`) }).check();
  await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/dot-thi\/\d+\?da_luu=1/);
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();

  // A question added to the topic after the save.
  await addQuestion(`Câu ba, thêm sau, của ${tag}?`);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('radio', { name: 'Theo chủ đề', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Chọn từng câu/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: new RegExp(`Chủ đề nhãn ${tag}`) })).toBeChecked();
  await expect(page.getByText('Hiện có 3 câu đang dùng')).toBeVisible();
  await expect(page.getByLabel('Số thứ tự')).toHaveValue('1');

  // The next new round of the contest is numbered 2.
  await page.goto(`/quan-tri/dot-thi/moi?cuoc_thi=${contestId}`);
  await hydrated(page);
  await expect(page.getByLabel('Số thứ tự')).toHaveValue('2');
});
