/**
 * The mechanisms issue 12 asked for in D2 and F1, walked in the player: D2's worker-pool vary step
 * (zh) and F1's forwarding-consumer vary step (en). A wrong prediction is committed, the reveal
 * contradicts it, and the comparison's columns all run and differ from the base design. Which
 * choice is wrong comes from the same engine run in Node (lesson-helpers), never hard-coded.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, stepTo } from './lesson-helpers';

type Lang = 'en' | 'zh';

function file(id: string) {
  return JSON.parse(
    readFileSync(new URL(`../src/lessons/content/${id}.json`, import.meta.url), 'utf8'),
  ) as { steps: { kind: string; also?: unknown[]; patch?: { path: string; value?: unknown }[] }[] };
}

async function commit(page: Page, lang: Lang, choiceText: string) {
  await page.getByRole('radio', { name: choiceText, exact: true }).check();
  await page.getByRole('button', { name: LESSON_STRINGS[lang].commit }).click();
  await expect(page.getByTestId('committed')).toContainText(choiceText);
}

/** Walks to vary step `vary`, commits a wrong answer, opens the comparison and checks it. */
async function walkVary(page: Page, id: string, lang: Lang, vary: number) {
  const l = lesson(id);
  const steps = file(id).steps;
  await openHome(page, lang);
  await page.locator(`li[data-lesson="${id}"] button`).click();
  await expect(player(page)).toHaveAttribute('data-lesson', id);
  // Earlier predictions must be committed to go on: any answer will do for them.
  const t = LESSON_STRINGS[lang];
  for (;;) {
    const n = Number(await player(page).getAttribute('data-step'));
    if (n - 1 >= vary) break;
    const commitButton = player(page).getByRole('button', { name: t.commit });
    if (await commitButton.isVisible()) {
      const guess = player(page).getByRole('spinbutton');
      if (await guess.isVisible()) await guess.fill('1000');
      else await player(page).getByRole('radio').first().check();
      await commitButton.click();
    }
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect(player(page)).toHaveAttribute('data-step', String(n + 1), { timeout: 90_000 });
  }
  await stepTo(page, vary, lang);
  await expect(player(page)).toHaveAttribute('data-kind', 'vary');
  const vp = l.predictions.find((x) => x.index === vary);
  const wrong = vp?.choices.find((c) => !vp.trueChoices.includes(c.id));
  if (!wrong) throw new Error(`${id}: the vary step has no wrong choice`);
  await commit(page, lang, wrong.text[lang]);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 90_000 });
  await page.getByTestId('vary-compare').click({ timeout: 60_000 });
  const compare = page.getByTestId('compare');
  await expect(compare).toBeVisible();
  const columns = 2 + (steps[vary]?.also?.length ?? 0);
  await expect(compare.locator('section.cmp-col')).toHaveCount(columns);
  for (let i = 0; i < columns; i++)
    await expect(page.getByTestId(`compare-col-${i}`)).toHaveAttribute('data-phase', 'ready', {
      timeout: 120_000,
    });
  for (let i = 1; i < columns; i++)
    await expect(page.getByTestId(`compare-col-${i}`).locator('tr.differs').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`compare-${id}-${lang}.png`) });
  await page.getByTestId('compare-close').click();
  await expect(compare).toBeHidden();
}

test('d2-queue-per-key (zh): the worker-pool vary step, round robin vs by key vs one thread', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const steps = file('d2-queue-per-key').steps;
  // The vary step whose patch gives the consumer a worker pool.
  const vary = steps.findIndex(
    (s) => s.kind === 'vary' && JSON.stringify(s.patch ?? []).includes('"workers"'),
  );
  expect(vary).toBeGreaterThan(0);
  await walkVary(page, 'd2-queue-per-key', 'zh', vary);
});

test('f1-backlog (en): the forwarding-consumer vary step against one active consumer', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const steps = file('f1-backlog').steps;
  const vary = steps.findIndex(
    (s) => s.kind === 'vary' && JSON.stringify(s.patch ?? []).includes('singleActiveConsumer'),
  );
  expect(vary).toBeGreaterThan(0);
  await walkVary(page, 'f1-backlog', 'en', vary);
});
