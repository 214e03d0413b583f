/**
 * The RocketMQ lessons (E5, H1-H9) end to end: one walked in Chinese from the home, one in English
 * from a shared link, each through a committed wrong prediction, the run and the reveal that
 * contradicts it, with the catalogue's explanation; a laptop-sized screenshot of each reveal.
 *
 * The wrong choice comes from `src/cli/lessons.ts --json` (the same engine and judge as the page),
 * so no outcome is written here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Summary } from '../src/cli/lessons';
import { MECHANISMS } from '../src/engine/check/mechanisms';
import { LESSON_STRINGS } from '../src/i18n/lessons';

const SUMMARIES = JSON.parse(
  execFileSync('node_modules/.bin/tsx', ['src/cli/lessons.ts', '--json'], { encoding: 'utf8' }),
) as Record<string, Summary>;

/** The lesson's first prediction, a choice its own run makes false, and the reveal's mechanisms. */
function plan(id: string) {
  const s = SUMMARIES[id];
  const p = s?.predictions.find((x) => x.kind === 'predict');
  const wrong = p?.choices.find((c) => !p.trueChoices.includes(c.id));
  if (!s || !p || !wrong || p.reveal === null) throw new Error(`${id}: nothing to walk`);
  const doc = JSON.parse(readFileSync(`src/lessons/content/${id}.json`, 'utf8')) as {
    steps: { kind: string; mechanisms?: (keyof typeof MECHANISMS)[] }[];
  };
  return { s, p, wrong, reveal: p.reveal, mechanisms: doc.steps[p.reveal]?.mechanisms ?? [] };
}

const player = (page: Page) => page.getByTestId('lesson-player');

async function next(page: Page, lang: 'en' | 'zh', until: number) {
  for (let n = Number(await player(page).getAttribute('data-step')); n - 1 < until; n++) {
    await page.getByRole('button', { name: LESSON_STRINGS[lang].next, exact: true }).click();
    await expect(player(page)).toHaveAttribute('data-step', String(n + 1));
  }
}

const WALKS = [
  { id: 'h9-retry-dlq', lang: 'zh', from: 'home' },
  { id: 'e5-master-slave', lang: 'en', from: 'link' },
  { id: 'h2-send-modes', lang: 'en', from: 'home' },
] as const;

for (const { id, lang, from } of WALKS)
  test(`${id} (${lang}, from the ${from}): the reveal contradicts a wrong prediction`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const t = LESSON_STRINGS[lang];
    const { s, p, wrong, reveal, mechanisms } = plan(id);
    await page.goto(from === 'home' ? '/' : `/#lesson=${id}&step=1`);
    const switchTo = lang === 'en' ? 'Switch to English' : 'Switch to Chinese';
    if (await page.getByRole('button', { name: switchTo }).isVisible())
      await page.getByRole('button', { name: switchTo }).click();
    if (from === 'home') {
      // The RocketMQ topics are on the home's map with their lessons, no longer "blocked".
      const item = page.locator(`li[data-lesson="${id}"]`);
      await expect(item).toBeVisible();
      await expect(item.locator('.blocked')).toHaveCount(0);
      await item.locator('button').click();
    }
    await expect(player(page)).toHaveAttribute('data-lesson', id);
    await expect(player(page)).toContainText(s.question?.[lang] ?? '');
    await page.screenshot({ path: test.info().outputPath(`first-${id}-${lang}-1366.png`) });
    await next(page, lang, p.index);
    await expect(player(page)).toHaveAttribute('data-kind', 'predict');
    await expect(page.locator('#tab-anomalies')).toBeHidden();
    await page.getByRole('radio', { name: wrong.text[lang], exact: true }).check();
    await page.getByRole('button', { name: t.commit }).click();
    await expect(page.getByTestId('committed')).toContainText(wrong.text[lang]);
    await next(page, lang, reveal);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 120_000 });
    await expect(verdict).toContainText(t.wrong);
    for (const m of mechanisms)
      await expect(player(page).locator('details.mechanism summary')).toContainText([
        MECHANISMS[m].title[lang],
      ]);
    await page.screenshot({ path: test.info().outputPath(`reveal-${id}-${lang}-1366.png`) });
  });
