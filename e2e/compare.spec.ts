import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeCompareFragment } from '../src/share/compare-codec';
import { openInEnglish, selectPreset } from './helpers';

/** Waits until every column has computed its run. */
async function columnsReady(page: Page, n: number) {
  const cols = page.locator('[data-testid^="compare-col-"]');
  await expect(cols).toHaveCount(n);
  for (let i = 0; i < n; i++)
    await expect(page.getByTestId(`compare-col-${i}`)).toHaveAttribute('data-phase', 'ready', {
      timeout: 30_000,
    });
}

/** Seeks the shared clock and waits until every column shows that moment. */
async function seekCompare(page: Page, ms: number, n: number) {
  await page
    .getByRole('region', { name: 'Compare' })
    .getByRole('slider', { name: 'Time' })
    .fill(String(ms));
  for (let i = 0; i < n; i++)
    await expect
      .poll(async () =>
        Number(await page.getByTestId(`compare-col-${i}`).getAttribute('data-at-us')),
      )
      .toBeGreaterThan(ms * 1000 - 20_000);
}

async function acksLink(): Promise<string> {
  const base = JSON.parse(
    readFileSync('src/scenario/presets/kafka/acks-all-leader-crash.json', 'utf8'),
  ) as Record<string, unknown>;
  return encodeCompareFragment({
    base,
    columns: [{ patch: [] }, { patch: [{ op: 'replace', path: '/producers/0/acks', value: '1' }] }],
  });
}

test('compare from the editor: acks=all vs acks=1 under the same leader crash', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'kafka-acks-all-leader-crash');
  await page.getByRole('tab', { name: 'Edit scenario' }).click();
  await page.getByRole('button', { name: 'Compare with…' }).click();
  const cmp = page.getByRole('region', { name: 'Compare' });
  await expect(cmp).toBeVisible();
  await columnsReady(page, 2);
  // Both columns are the same scenario until a knob changes: nothing differs.
  await expect(page.getByTestId('compare-diffs')).toContainText('So far the columns agree');
  const colB = page.getByTestId('compare-col-1');
  await colB.getByLabel('Knob').selectOption({ label: 'producers[0].acks' });
  await colB.getByLabel('New value').fill('1');
  await colB.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('compare-patch-1')).toContainText('producers[0].acks: all → 1');
  await columnsReady(page, 2);
  const lostA = Number(await page.getByTestId('cmp-0-final.lost').textContent());
  const lostB = Number(await page.getByTestId('cmp-1-final.lost').textContent());
  expect(lostA).toBe(0);
  expect(lostB).toBeGreaterThan(0);
  await expect(page.getByTestId('compare-diffs').locator('[data-key="final.lost"]')).toHaveText(
    `lost ${lostA} vs ${lostB}`,
  );
  await expect(colB.locator('tr.differs').first()).toBeVisible();
  // One clock: seeking moves both columns.
  await seekCompare(page, 4000, 2);
  const sentAt4 = Number(await page.getByTestId('cmp-0-t.sent').textContent());
  await seekCompare(page, 12000, 2);
  expect(Number(await page.getByTestId('cmp-0-t.sent').textContent())).toBeGreaterThan(sentAt4);
  await page.getByRole('button', { name: 'Close compare' }).click();
  await expect(cmp).toHaveCount(0);
  // The lab's own scenario is untouched.
  await expect(page.getByTestId('scenario-title')).toContainText('acks=all');
});

test('B1 from the ready-made comparisons: three semantics, one crash, three outcomes', async ({
  page,
}) => {
  await openInEnglish(page);
  await page.getByRole('tab', { name: 'Edit scenario' }).click();
  await page
    .getByRole('combobox', { name: 'Ready-made comparisons…' })
    .selectOption('b1-delivery-semantics');
  await columnsReady(page, 3);
  await expect(page.getByTestId('compare-col-2')).toContainText('dedup-table');
  const lost = await Promise.all(
    [0, 1, 2].map(async (i) => Number(await page.getByTestId(`cmp-${i}-final.lost`).textContent())),
  );
  expect(lost[0]).toBeGreaterThan(0);
  expect(lost.slice(1)).toEqual([0, 0]);
  // At-least-once writes a redelivered message twice; the dedup table writes it once.
  expect(Number(await page.getByTestId('cmp-1-final.twice').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('cmp-2-final.twice')).toHaveText('0');
  await expect(page.getByTestId('compare-diffs').locator('[data-key="final.lost"]')).toHaveText(
    `lost ${lost.join(' vs ')}`,
  );
});

test('a compare link opens the comparison; a garbled one shows an error and keeps the work', async ({
  page,
}) => {
  const frag = await acksLink();
  await page.goto(`/#${frag}`);
  await columnsReady(page, 2);
  await expect(page.getByTestId('compare-patch-1')).toContainText('acks: all → 1');
  await page.goto('/?fresh#c=1.not%20a%20link!');
  await expect(page.getByRole('alert')).toContainText(/link cannot be opened|链接无法打开/);
  await expect(page.getByRole('region', { name: /Compare|对比模式/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Play|播放/ }).first()).toBeVisible();
});

for (const lang of ['en', 'zh'] as const)
  for (const [w, h] of [
    [390, 844],
    [1366, 768],
    [1920, 1080],
  ] as const)
    test(`compare screenshot ${lang} ${w}x${h}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      const frag = await acksLink();
      await page.goto(`/#${frag}`);
      const bar = page.getByTestId('compare');
      // Compare mode loads when the link opens it: wait for its bar before reading its buttons.
      await expect(bar).toBeVisible();
      const toEn = bar.getByRole('button', { name: 'Switch to English' });
      const toZh = bar.getByRole('button', { name: 'Switch to Chinese' });
      if (lang === 'en' && (await toEn.isVisible())) await toEn.click();
      if (lang === 'zh' && (await toZh.isVisible())) await toZh.click();
      await columnsReady(page, 2);
      const region = page.getByRole('region', { name: lang === 'en' ? 'Compare' : '对比模式' });
      await region.getByRole('slider').fill('12000');
      await expect(page.getByTestId('compare-diffs').locator('li').first()).toBeVisible();
      await page.screenshot({
        path: `test-results/compare-${lang}-${w}x${h}.png`,
        fullPage: false,
      });
    });
