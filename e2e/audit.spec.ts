/**
 * Newcomer findings (../shared/findings/newcomer-test.md) that had a fix but no test walking it:
 * 23, the preset menu; 27, a link cut off when it was copied.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeShareFragment } from '../src/share/codec';
import { openInEnglish } from './helpers';

test('minor 23: the preset menu is grouped by system and theme, and names scenarios, not codes', async ({
  page,
}) => {
  await openInEnglish(page);
  const menu = page.getByRole('combobox', { name: 'Scenario' });
  const groups = await menu.locator('optgroup').evaluateAll((els) =>
    els.map((g) => ({
      label: g.getAttribute('label') ?? '',
      options: [...g.querySelectorAll('option')].map((o) => o.textContent ?? ''),
    })),
  );
  // Every preset sits in a group, and the groups name the systems and their themes.
  const all = await menu.locator('option').count();
  expect(groups.reduce((n, g) => n + g.options.length, 0)).toBe(all);
  expect(groups.map((g) => g.label)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Kafka · /),
      expect.stringMatching(/^RabbitMQ · /),
    ]),
  );
  // A newcomer reads what a scenario is about: no option is only a curriculum code (R4, B5, G3).
  const bare = groups.flatMap((g) => g.options).filter((o) => /^[A-Z]\d+\b\W*$/.test(o.trim()));
  expect(bare).toEqual([]);
  // Choosing from a group loads that preset.
  const kafka = groups.find((g) => g.label.startsWith('Kafka · '));
  expect(kafka?.options.length).toBeGreaterThan(0);
  await menu.selectOption({ label: kafka?.options[0] ?? '' });
  await expect(page.getByTestId('scenario-title')).toHaveText(kafka?.options[0] ?? '');
});

for (const lang of ['en', 'zh'] as const)
  test(`minor 27 (${lang}): a link cut off when copied says so and asks for the whole link`, async ({
    page,
  }) => {
    const doc = JSON.parse(
      readFileSync('src/scenario/presets/kafka/acks-all-leader-crash.json', 'utf8'),
    ) as unknown;
    const whole = await encodeShareFragment(doc);
    await openInEnglish(page);
    if (lang === 'zh') await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const title = await page.getByTestId('scenario-title').innerText();
    // Cut where a chat client or a line break would: in the middle, and one character short.
    for (const cut of [Math.floor(whole.length / 2), whole.length - 1]) {
      await page.goto(`/?cut=${cut}#${whole.slice(0, cut)}`);
      // The link's error (a run still computing when the page was left may add a second alert:
      // the offer to reopen it).
      const alert = page.locator('[role="alert"].notice-error');
      await expect(alert).toContainText(
        lang === 'en' ? 'was it cut off when copied?' : '可能复制时被截断了',
      );
      await expect(page.getByTestId('scenario-title')).toHaveText(title);
    }
  });
