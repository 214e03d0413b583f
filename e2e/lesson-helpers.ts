/**
 * What the lesson e2e specs share: each lesson's predictions with the choices its run makes true
 * (worked out in Node by the same engine and judge the page uses, so no test hard-codes an
 * outcome), and the moves of a learner through the player.
 */
import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import type { Prediction, Summary } from '../src/cli/lessons';

export type LessonSummary = Summary & { question: { en: string; zh: string } };

/** Every lesson's predictions with the choices its run makes true: the same engine, in Node. */
export const LESSONS = JSON.parse(
  execFileSync('node_modules/.bin/tsx', ['src/cli/lessons.ts', '--json'], { encoding: 'utf8' }),
) as Record<string, LessonSummary>;

export function lesson(id: string): LessonSummary {
  const l = LESSONS[id];
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

/** The first prediction of a lesson and a choice its run proves wrong. */
export function wrongChoice(l: LessonSummary): {
  p: Prediction;
  index: number;
  wrong: Prediction['choices'][number];
  right: string[];
} {
  const p = l.predictions.find((x) => x.kind === 'predict');
  const wrong = p?.choices.find((c) => !p.trueChoices.includes(c.id));
  if (!p || !wrong) throw new Error('no wrong choice');
  return { p, index: p.index, wrong, right: p.trueChoices };
}

export async function setLang(page: Page, lang: 'en' | 'zh') {
  const name = lang === 'en' ? 'Switch to English' : 'Switch to Chinese';
  const b = page.getByRole('button', { name });
  if (await b.isVisible()) await b.click();
}

export async function openHome(page: Page, lang: 'en' | 'zh') {
  await page.goto('/');
  await setLang(page, lang);
  await expect(page.getByTestId('lesson-home')).toBeVisible();
}

export const player = (page: Page) => page.getByTestId('lesson-player');

/** Presses Next (or the keyboard) until the player shows step `index` (0-based). */
export async function stepTo(page: Page, index: number, lang: 'en' | 'zh', keyboard = false) {
  const t = LESSON_STRINGS[lang];
  for (;;) {
    const n = Number(await player(page).getAttribute('data-step'));
    if (n - 1 >= index) break;
    if (keyboard) await page.keyboard.press('PageDown');
    else await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect(player(page)).toHaveAttribute('data-step', String(n + 1));
  }
}
