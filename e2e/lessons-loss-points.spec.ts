/**
 * B7, the loss-points map, walked in Chinese: a learner commits a prediction the run proves wrong,
 * and the reveal contradicts it and names, for each hop, the mechanism that lost a message there.
 * Which choice is wrong comes from the engine in Node (lesson-helpers), never from this file.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { MECHANISMS } from '../src/engine/check/mechanisms';
import type { MechanismId } from '../src/engine/check/mechanism-ids';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, stepTo, wrongChoice } from './lesson-helpers';

const ID = 'b7-loss-points';

test('b7 (zh): a wrong guess about whose messages die is contradicted hop by hop', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const l = lesson(ID);
  const t = LESSON_STRINGS.zh;
  const { p, index, wrong } = wrongChoice(l);
  await openHome(page, 'zh');
  await page.locator(`li[data-lesson="${ID}"] button`).click();
  await expect(player(page)).toHaveAttribute('data-lesson', ID);
  await expect(player(page)).toContainText(l.question.zh);
  await stepTo(page, index, 'zh');
  await expect(player(page)).toHaveAttribute('data-kind', 'predict');
  // The outcome stays hidden until the learner commits.
  await expect(page.locator('#tab-anomalies')).toBeHidden();
  await expect(page.getByRole('button', { name: t.next, exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: wrong.text.zh, exact: true }).check();
  await page.getByRole('button', { name: t.commit }).click();
  await expect(page.getByTestId('committed')).toContainText(wrong.text.zh);

  const reveal = p.reveal ?? -1;
  await stepTo(page, reveal, 'zh');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 90_000 });
  await expect(verdict).toContainText(t.wrong);
  // Each hop's loss is explained by its own catalogue entry, in Chinese.
  // (Playwright's loader does not import JSON modules: the file is read.)
  const doc = JSON.parse(readFileSync(`src/lessons/content/${ID}.json`, 'utf8')) as {
    steps: { mechanisms?: MechanismId[] }[];
  };
  const cited = doc.steps[reveal]?.mechanisms ?? [];
  expect(cited.length).toBeGreaterThanOrEqual(3);
  for (const id of cited)
    await expect(
      player(page).locator('details.mechanism summary', { hasText: MECHANISMS[id].title.zh }),
    ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#lesson=${ID}&step=${reveal + 1}$`));
});
