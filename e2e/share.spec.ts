import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { hook, openInEnglish, runToEnd, selectPreset } from './helpers';

/** A share fragment for a document, with `tail` bytes after the end of the compressed data. */
function fragmentOf(doc: unknown, tail: number[] = []): string {
  const packed = Buffer.concat([deflateRawSync(JSON.stringify(doc)), Buffer.from(tail)]);
  return `#s=1.${packed.toString('base64url')}`;
}

test('a copied share link reproduces the identical run in a new page', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openInEnglish(page);
  await selectPreset(page, 'lost-confirm-republish');
  const hash = await runToEnd(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#s=1\.[A-Za-z0-9_-]+$/);
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('scenario-title')).toHaveText(
    await page.getByTestId('scenario-title').innerText(),
  );
  await other.getByRole('tab', { name: /About this run|关于这次运行/ }).click();
  await expect(other.getByTestId('trace-hash')).toHaveText(hash, { timeout: 30_000 });
  await other.screenshot({ path: test.info().outputPath('shared.png') });
});

test('a garbled link shows an error and keeps the current scenario', async ({ page }) => {
  await openInEnglish(page);
  await selectPreset(page, 'transient-messages');
  await runToEnd(page);
  const title = await page.getByTestId('scenario-title').innerText();
  const doc = (await hook(page)).doc;
  await page.goto('/#s=1.not%20a%20link!');
  await expect(page.getByRole('alert')).toContainText('This link cannot be opened');
  await page.goto('/#s=1.AAAAAAAAAAAA');
  await expect(page.getByRole('alert')).toContainText('damaged');
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
  expect((await hook(page)).doc).toEqual(doc);
  await page.screenshot({ path: test.info().outputPath('garbled-link.png') });
  // A fresh page with a garbled link still opens the autosaved scenario.
  await page.goto('/?fresh#s=9.abc');
  await expect(page.getByRole('alert')).toContainText('newer Brokerlab');
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
});

test('hostile links are refused in Chromium as in Node: trailing bytes, too long, over the budget', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'transient-messages');
  const title = await page.getByTestId('scenario-title').innerText();
  // The fuzz repro with a zero fsync interval, and the same scenario made sane.
  const storm = JSON.parse(
    readFileSync(
      'src/scenario/fixtures/fuzz-repros/min-zero-interval-single-node-sync.json',
      'utf8',
    ),
  ) as Record<string, unknown>;
  const ok = { ...storm, broker: {} };
  // Chromium's own DecompressionStream would reject this one and Node's accept it; the app's
  // decoder says the same thing in both (the unit tests check Node).
  await page.goto(`/${fragmentOf(ok, [0, 1, 2])}`);
  await expect(page.getByRole('alert')).toContainText('bytes after the compressed data');
  await page.goto(`/#s=1.${'A'.repeat(63_997)}`);
  await expect(page.getByRole('alert')).toContainText('The link is too large');
  await page.goto(`/${fragmentOf(storm)}`);
  await expect(page.getByRole('alert')).toContainText(
    'broker.syncIntervalMs: must be at least 1 ms',
  );
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
});

test('asks before a link replaces unsaved work', async ({ page, context }) => {
  await openInEnglish(page);
  await runToEnd(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  // Make unsaved work: a fault added by hand.
  await page.locator('g.node[data-node="c2"]').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Slow down (200 ms per message)' }).click();
  await expect
    .poll(async () => (await hook(page)).doc['faults'])
    .toContainEqual(expect.objectContaining({ type: 'slow-consumer' }));
  const edited = (await hook(page)).doc;
  const other = await context.newPage();
  other.once('dialog', (d) => void d.dismiss());
  await other.goto(url);
  await expect.poll(async () => (await hook(other)).doc).toEqual(edited);
});
