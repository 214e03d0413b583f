import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { TestHook } from '../src/ui/testHook';

/** The headless CLI's JSON report for a preset: the same engine, run by Node. */
export function cliReport(preset: string): { traceHash: string; counts: Record<string, number> } {
  const out = execFileSync('node_modules/.bin/tsx', ['src/cli/sim.ts', preset, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { traceHash: string; counts: Record<string, number> };
}

export async function hook(page: Page): Promise<ReturnType<TestHook['state']>> {
  return page.evaluate(() => {
    const h = window.__brokerlab;
    if (!h) throw new Error('no test hook');
    return h.state();
  });
}

export async function openInEnglish(page: Page, path = '/') {
  await page.goto(path);
  const toEnglish = page.getByRole('button', { name: 'Switch to English' });
  if (await toEnglish.isVisible()) await toEnglish.click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Chooses a preset and waits until its document (loaded on demand) is the app's scenario. */
export async function selectPreset(page: Page, name: string) {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(name);
  await expect.poll(async () => (await hook(page)).doc['name'], { timeout: 15_000 }).toBe(name);
}

/** Waits for the forward pass to finish, then jumps to the end. Returns the trace hash. */
export async function runToEnd(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'About this run' }).click();
  const hash = page.getByTestId('trace-hash');
  await expect(hash).toHaveText(/^[0-9a-f]{16}$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.getByTestId('clock')).toHaveAttribute('data-state', 'finished');
  return (await hash.textContent()) ?? '';
}

export async function seekTo(page: Page, ms: number) {
  await page.getByRole('slider', { name: 'Time' }).fill(String(ms));
  await expect
    .poll(async () => {
      const s = await hook(page);
      return s.frameAtUs !== null && !s.live && Math.abs(s.tUs - ms * 1000) < 1 ? s.frameAtUs : -1;
    })
    .toBeLessThanOrEqual(ms * 1000);
  await expect.poll(async () => (await hook(page)).frameAtUs).toBeGreaterThan(ms * 1000 - 20_000);
}
