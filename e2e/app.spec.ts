import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** The headless CLI's JSON report for a preset: the same engine, run by Node. */
function cliReport(preset: string): { traceHash: string; counts: Record<string, number> } {
  const out = execFileSync('node_modules/.bin/tsx', ['src/cli/sim.ts', preset, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { traceHash: string; counts: Record<string, number> };
}

async function openInEnglish(page: Page) {
  await page.goto('/');
  const toEnglish = page.getByRole('button', { name: 'Switch to English' });
  if (await toEnglish.isVisible()) await toEnglish.click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
}

test('runs the default scenario in the worker and gets the same trace hash as Node', async ({
  page,
}) => {
  await openInEnglish(page);
  await expect(
    page.getByRole('heading', { name: 'First look: a queue, a crash, a restart' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Run' }).click();
  const hash = page.getByTestId('trace-hash');
  await expect(hash).toHaveText(/^[0-9a-f]{16}$/);
  const node = cliReport('default');
  // Same engine, same seed, two JavaScript runtimes: the identical run.
  await expect(hash).toHaveText(node.traceHash);
  await expect(page.getByTestId('count-lost')).toContainText(String(node.counts['lost']));
  await expect(page.getByTestId('count-duplicated')).toContainText(
    String(node.counts['duplicated']),
  );
  await page.screenshot({ path: test.info().outputPath('default-run.png'), fullPage: true });
});

test('a preset that loses messages explains the crash that lost them', async ({ page }) => {
  await openInEnglish(page);
  await page
    .getByLabel('Scenario')
    .selectOption({ label: 'Persistent, but no publisher confirms: a crash loses messages (R4)' });
  await page.getByRole('button', { name: 'Run' }).click();
  const lost = page.getByTestId('count-lost');
  await expect(lost).not.toContainText(/^\D*0\D*$/);
  const first = page.locator('.anomaly-lost').first();
  await expect(first).toContainText('crashed');
  await expect(first).toContainText('publisher confirms');
  await first.getByText('causal chain').click();
  await expect(first.locator('.chain')).toContainText('crash');
  await page.screenshot({ path: test.info().outputPath('lost-explained.png'), fullPage: true });
});

test('the same seed reruns identically; another seed gives another run', async ({ page }) => {
  await openInEnglish(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const hash = page.getByTestId('trace-hash');
  await expect(hash).toHaveText(/^[0-9a-f]{16}$/);
  const first = await hash.textContent();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(hash).toHaveText(first ?? '');
  await page.getByLabel('Seed').fill('43');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(hash).not.toHaveText(first ?? '');
});

test('switches between Chinese and English', async ({ page }) => {
  await openInEnglish(page);
  await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  await expect(page.getByRole('button', { name: '运行' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: '初识：一个队列、一次崩溃、一次重启' }),
  ).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '运行' }).click();
  await expect(page.getByTestId('count-lost')).toContainText('丢失');
  await page.screenshot({ path: test.info().outputPath('zh.png'), fullPage: true });
  await page.getByRole('button', { name: '切换到英文' }).click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
});
