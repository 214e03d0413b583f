import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The page's own JavaScript fetched before the first cluster frame, gzipped as a server would send
 * it. The editor, the scenario validator and the share-link decoder load later; this fails when a
 * static import pulls one of them (or anything else heavy) back into the first load. The worker
 * script, which computes the first frame in parallel, is reported beside it.
 *
 * The goal (issue 14) is 200 KiB; today's page needs about 251 KiB, because the lessons home
 * (the first screen) ships every lesson document and the preset library. This budget holds the
 * line at today's size until those load on demand (a lesson index for the home), then drops to 200.
 */
const BUDGET_KIB = 260;

test('the first frame needs at most 260 KiB of gzipped page JavaScript (goal 200)', async ({
  page,
}) => {
  await page.goto('/');
  await page.waitForFunction(() => window.__brokerlab?.firstFrameMs() != null, null, {
    timeout: 60_000,
  });
  const loaded = await page.evaluate(() => {
    const first = window.__brokerlab?.firstFrameMs() ?? 0;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.startTime <= first)
      .map((e) => e.name);
  });
  const size = (url: string) =>
    gzipSync(readFileSync(join('dist/assets', basename(new URL(url).pathname)))).length;
  const page_ = loaded.filter((u) => !basename(u).startsWith('sim.worker'));
  const worker = loaded.filter((u) => basename(u).startsWith('sim.worker'));
  const kib = (urls: string[]) => urls.reduce((n, u) => n + size(u), 0) / 1024;
  console.log(
    `first frame: page JS ${kib(page_).toFixed(1)} KiB gz in ${page_.length} file(s); ` +
      `worker ${kib(worker).toFixed(1)} KiB gz`,
  );
  expect(page_.length).toBeGreaterThan(0);
  expect(page_.map((u) => basename(u)).join(' ')).not.toMatch(/Editor|load-|codec-/);
  expect(kib(page_)).toBeLessThanOrEqual(BUDGET_KIB);
});
