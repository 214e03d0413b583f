import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { openInEnglish, runToEnd, selectPreset } from './helpers';

test('Monte Carlo: refuses N over the limit, runs a small N, ranks mechanisms, opens a worst seed as a normal run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openInEnglish(page);
  await selectPreset(page, 'kafka-acks1-leader-crash');
  await page.getByRole('button', { name: 'Monte Carlo' }).click();
  const panel = page.getByRole('dialog', { name: /Monte Carlo/ });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await page.getByRole('button', { name: 'Monte Carlo' }).click();
  await expect(panel).toBeVisible();
  // The default model comes from the preset's own faults.
  await expect(panel.getByTestId('mc-rule')).toContainText('crash broker-1 at a random moment');

  const seeds = panel.getByTestId('mc-seeds');
  await expect(seeds).toHaveValue('200');
  await seeds.fill('20000');
  await panel.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByTestId('mc-issues')).toContainText('from 1 to 10,000');
  await expect(panel.getByTestId('mc-progress')).toHaveCount(0);

  await seeds.fill('6');
  await panel.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByTestId('mc-issues')).toHaveCount(0);
  await expect(panel.getByTestId('mc-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 150_000,
  });
  await expect(panel.getByTestId('mc-progress')).toContainText('6 of 6 seeds done');
  const lostRow = panel.getByTestId('mc-kind-lost');
  await expect(lostRow.getByTestId('mc-p')).toHaveText(/^\d\/6 = /);
  await expect(panel.locator('[data-mech="kafka.acks1-leader-crash"]')).toContainText('acks=1');

  const worst = panel.getByTestId('mc-worst-seed').first();
  const seed = Number(/\d+/.exec((await worst.textContent()) ?? '')?.[0]);
  const lostText = (await worst.locator('xpath=..').textContent()) ?? '';
  const lost = Number(/lost (\d+)/.exec(lostText)?.[1]);
  expect(lost).toBeGreaterThan(0);
  await worst.click();
  await expect(panel).toHaveCount(0);

  // The seed opened as a normal run: the same trace as the CLI's reproduction of that seed.
  const hash = await runToEnd(page);
  const cli = JSON.parse(
    execFileSync(
      'node_modules/.bin/tsx',
      [
        'src/cli/sim.ts',
        'kafka-acks1-leader-crash',
        '--seed',
        String(seed),
        '--model',
        'default',
        '--json',
      ],
      { encoding: 'utf8' },
    ),
  ) as { traceHash: string; counts: { lost: number } };
  expect(hash).toBe(cli.traceHash);
  expect(cli.counts.lost).toBe(lost);
});
