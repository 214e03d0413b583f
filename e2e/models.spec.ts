/**
 * The model mechanisms in the app: the A2 lesson (sync vs async) shows the latency the caller
 * waited for in its reveal, and the services of the request path are drawn in the cluster view.
 * Which choice is wrong is worked out in Node by the same engine and judge the page uses.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { STAT_NAMES } from '../src/i18n/models';
import type { Summary } from '../src/cli/lessons';

const LESSONS = JSON.parse(
  execFileSync('node_modules/.bin/tsx', ['src/cli/lessons.ts', '--json'], { encoding: 'utf8' }),
) as Record<string, Summary>;

for (const lang of ['en', 'zh'] as const) {
  test(`a2 (${lang}): the reveal shows the caller's latency next to a wrong prediction`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const id = 'a2-sync-vs-async';
    const l = LESSONS[id] as Summary;
    const p = l.predictions.find((x) => x.kind === 'predict');
    const wrong = p?.choices.find((c) => !p.trueChoices.includes(c.id));
    if (!p || !wrong || p.reveal === undefined || p.reveal === null)
      throw new Error('no wrong choice');
    const t = LESSON_STRINGS[lang];
    await page.goto(`/#lesson=${id}&step=${p.index + 1}`);
    const b = page.getByRole('button', {
      name: lang === 'en' ? 'Switch to English' : 'Switch to Chinese',
    });
    if (await b.isVisible()) await b.click();
    const player = page.getByTestId('lesson-player');
    await expect(player).toHaveAttribute('data-kind', 'predict');
    // The services of the request path are drawn as nodes of the cluster view.
    for (const svc of ['svc-b', 'svc-c', 'svc-d'])
      await expect(page.locator(`[data-role="service"][data-node="${svc}"]`)).toBeVisible();
    await page.getByRole('radio', { name: wrong.text[lang], exact: true }).check();
    await page.getByRole('button', { name: t.commit }).click();
    for (;;) {
      const n = Number(await player.getAttribute('data-step'));
      if (n - 1 >= p.reveal) break;
      await page.getByRole('button', { name: t.next, exact: true }).click();
      await expect(player).toHaveAttribute('data-step', String(n + 1));
    }
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 60_000 });
    await expect(verdict).toContainText(STAT_NAMES[lang]['callerLatencyP50Ms'] as string);
    // The latency the engine measured: the sum of the calls, near the notes' 953 ms.
    const ms = Number(await verdict.getByTestId('metric-value').first().textContent());
    expect(ms).toBeGreaterThanOrEqual(953);
    expect(ms).toBeLessThan(1000);
    await page.screenshot({ path: `test-results/models-a2-${lang}-1366.png` });
  });
}
