/**
 * A lesson's vary step in compare mode, end to end: B1 walked in zh and G4 in en, each with a
 * wrong prediction the reveal contradicts, then the vary step opens the side-by-side comparison
 * over the lesson (every column, the differences marked), and "Back to the lesson" returns to the
 * same step with the answers kept. Screenshots of the comparison at laptop and phone sizes.
 *
 * Which choice is wrong is worked out in Node by the same engine and judge the page uses.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_COMPARE_STRINGS } from '../src/i18n/lesson-compare';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, wrongChoice } from './lesson-helpers';

/** The lesson file itself, for what the player is expected to show (step kinds, extra columns). */
function lessonFile(id: string): { topic: string; steps: { kind: string; also?: unknown[] }[] } {
  return JSON.parse(
    readFileSync(new URL(`../src/lessons/content/${id}.json`, import.meta.url), 'utf8'),
  ) as { topic: string; steps: { kind: string; also?: unknown[] }[] };
}

async function next(page: Page, lang: 'en' | 'zh') {
  const n = Number(await player(page).getAttribute('data-step'));
  await page.getByRole('button', { name: LESSON_STRINGS[lang].next, exact: true }).click();
  await expect(player(page)).toHaveAttribute('data-step', String(n + 1));
}

async function commit(page: Page, lang: 'en' | 'zh', choiceId: string | null) {
  const radio =
    choiceId === null
      ? page.getByRole('radio').first()
      : page.locator(`input[type=radio][value="${choiceId}"]`);
  await radio.check();
  await page.getByRole('button', { name: LESSON_STRINGS[lang].commit }).click();
  await expect(page.getByTestId('committed')).toBeVisible();
}

/** Each walk, and the row of column B that the lesson is about (it must be marked as differing). */
const WALKS: [string, 'en' | 'zh', (lang: 'en' | 'zh') => string][] = [
  ['b1-delivery-semantics', 'zh', (lang) => LESSON_COMPARE_STRINGS[lang].duplicateEffects],
  ['g4-prefetch', 'en', (lang) => LESSON_COMPARE_STRINGS[lang].consumerMetric('fair-slow')],
];

for (const [id, lang, row] of WALKS)
  test(`${id} (${lang}): a wrong prediction is contradicted, and the vary step compares side by side`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const l = lesson(id);
    const file = lessonFile(id);
    const t = LESSON_STRINGS[lang];
    const tc = LESSON_COMPARE_STRINGS[lang];
    const { index, wrong, p } = wrongChoice(l);
    await openHome(page, lang);
    await page.locator(`li[data-lesson="${id}"] button`).click();
    await expect(player(page)).toHaveAttribute('data-lesson', id);
    await expect(player(page)).toContainText(l.question?.[lang] ?? '');
    while (Number(await player(page).getAttribute('data-step')) - 1 < index) await next(page, lang);
    await expect(player(page)).toHaveAttribute('data-kind', 'predict');
    // Nothing of the outcome before the commit.
    await expect(page.locator('#tab-anomalies')).toBeHidden();
    await commit(page, lang, wrong.id);
    // On to the reveal, committing any later prediction on the way.
    const reveal = p.reveal ?? -1;
    while (Number(await player(page).getAttribute('data-step')) - 1 < reveal) {
      await next(page, lang);
      if ((await player(page).getAttribute('data-kind')) === 'predict')
        await commit(page, lang, null);
    }
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 90_000 });
    await expect(verdict).toContainText(t.wrong);
    await expect(verdict).toContainText(wrong.text[lang]);
    // The vary step: commit its prediction, then open the comparison.
    const vary = file.steps.findIndex((s) => s.kind === 'vary');
    while (Number(await player(page).getAttribute('data-step')) - 1 < vary) await next(page, lang);
    await expect(player(page)).toHaveAttribute('data-kind', 'vary');
    const vp = l.predictions.find((x) => x.index === vary);
    if (vp)
      await commit(page, lang, vp.choices.find((c) => !vp.trueChoices.includes(c.id))?.id ?? null);
    await page.getByTestId('vary-compare').click({ timeout: 60_000 });
    const compare = page.getByTestId('compare');
    await expect(compare).toBeVisible();
    const columns = 2 + (file.steps[vary]?.also?.length ?? 0);
    await expect(compare.locator('section.cmp-col')).toHaveCount(columns);
    for (let i = 0; i < columns; i++)
      await expect(page.getByTestId(`compare-col-${i}`)).toHaveAttribute('data-phase', 'ready', {
        timeout: 90_000,
      });
    // The differences are listed and marked in the columns that differ.
    await expect(page.getByTestId('compare-diffs').locator('li').first()).toBeVisible({
      timeout: 90_000,
    });
    await expect(compare.locator('tr.differs').first()).toBeVisible();
    await expect(
      page.getByTestId('compare-col-1').locator('tr.differs', { hasText: row(lang) }),
    ).toBeVisible();
    const back = page.getByTestId('compare-close');
    await expect(back).toHaveText(tc.backToLesson(file.topic, vary + 1));
    for (const [name, width, height] of [
      ['laptop', 1366, 768],
      ['phone', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(back).toBeInViewport();
      await page.screenshot({ path: test.info().outputPath(`compare-${id}-${name}-${lang}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await back.click();
    await expect(compare).toBeHidden();
    // Back in the lesson at the same step, the vary answer kept.
    await expect(player(page)).toHaveAttribute('data-step', String(vary + 1));
    await expect(player(page)).toHaveAttribute('data-kind', 'vary');
    if (vp) await expect(page.getByTestId('committed')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#lesson=${id}&step=${vary + 1}$`));
    // Escape also returns from a comparison a lesson opened.
    await page.getByTestId('vary-compare').click();
    await expect(compare).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(compare).toBeHidden();
    await expect(player(page)).toHaveAttribute('data-step', String(vary + 1));
  });
