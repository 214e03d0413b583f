/**
 * The D2 lesson (RabbitMQ: a queue per key) walked in en: a wrong prediction committed and then
 * contradicted by the reveal, the vary step's comparison of its three designs (one shared queue,
 * one consumer, a queue per key) on one seed with the differences marked, and the note on the
 * source notes.
 *
 * Which choice is wrong is worked out in Node by the same engine and judge the page uses
 * (`lesson-helpers.ts`): the test never hard-codes an outcome.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, stepTo, wrongChoice } from './lesson-helpers';

const ID = 'd2-queue-per-key';
const LANG = 'en';

const FILE = JSON.parse(
  readFileSync(new URL(`../src/lessons/content/${ID}.json`, import.meta.url), 'utf8'),
) as { steps: { kind: string; also?: unknown[] }[] };

async function commit(page: Page, choiceText: string) {
  await page.getByRole('radio', { name: choiceText, exact: true }).check();
  await page.getByRole('button', { name: LESSON_STRINGS[LANG].commit }).click();
  await expect(page.getByTestId('committed')).toContainText(choiceText);
}

test(`${ID} (${LANG}): the reveal contradicts a wrong prediction, and the vary step compares three designs`, async ({
  page,
}) => {
  test.setTimeout(180_000);
  const l = lesson(ID);
  const t = LESSON_STRINGS[LANG];
  const { p, index, wrong } = wrongChoice(l);
  await openHome(page, LANG);
  await page.locator(`li[data-lesson="${ID}"] button`).click();
  await expect(player(page)).toHaveAttribute('data-lesson', ID);
  await expect(player(page)).toContainText(l.question[LANG]);
  await stepTo(page, index, LANG);
  await expect(player(page)).toHaveAttribute('data-kind', 'predict');
  await expect(page.locator('#tab-anomalies')).toBeHidden();
  await commit(page, wrong.text[LANG]);
  await stepTo(page, p.reveal ?? -1, LANG);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 90_000 });
  await expect(verdict).toContainText(t.wrong);
  await expect(verdict).toContainText(wrong.text[LANG]);

  // The vary step: a wrong answer about the queue-per-key design, then the comparison.
  const vary = FILE.steps.findIndex((s) => s.kind === 'vary');
  await stepTo(page, vary, LANG);
  await expect(player(page)).toHaveAttribute('data-kind', 'vary');
  const vp = l.predictions.find((x) => x.index === vary);
  const vWrong = vp?.choices.find((c) => !vp.trueChoices.includes(c.id));
  if (!vWrong) throw new Error('the vary step has no wrong choice');
  await commit(page, vWrong.text[LANG]);
  await page.getByTestId('vary-compare').click({ timeout: 60_000 });
  const compare = page.getByTestId('compare');
  await expect(compare).toBeVisible();
  const columns = 2 + (FILE.steps[vary]?.also?.length ?? 0);
  await expect(compare.locator('section.cmp-col')).toHaveCount(columns);
  for (let i = 0; i < columns; i++)
    await expect(page.getByTestId(`compare-col-${i}`)).toHaveAttribute('data-phase', 'ready', {
      timeout: 90_000,
    });
  // Each changed design differs from the shared queue somewhere (order or what is left queued).
  for (let i = 1; i < columns; i++)
    await expect(page.getByTestId(`compare-col-${i}`).locator('tr.differs').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`compare-${ID}-${LANG}.png`) });
  await page.getByTestId('compare-close').click();
  await expect(compare).toBeHidden();
  await expect(player(page)).toHaveAttribute('data-step', String(vary + 1));

  // The note on the source notes follows, then the takeaway.
  const note = FILE.steps.findIndex((s) => s.kind === 'note');
  await stepTo(page, note, LANG);
  await expect(player(page)).toHaveAttribute('data-kind', 'note');
  await expect(player(page)).toContainText('001 §12');
});
