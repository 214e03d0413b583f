import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The page's own JavaScript fetched before the first cluster frame, gzipped as a server would send
 * it. The editor, the scenario validator, the share-link decoder, the lesson loader, the mechanism
 * catalogue and every lesson and preset document (but the default scenario) load later; this fails
 * when a static import pulls one of them (or anything else heavy) back into the first load. The
 * lessons home and the preset menu render from small indexes built from the files. The worker
 * script, which computes the first frame in parallel, is reported beside it.
 *
 * Issue 14's goal is 200 KiB; the budget here keeps 4 KiB below it (191.6 KiB on 2026-12-07), so a
 * small addition fails here before the goal is lost.
 *
 * "Before the first frame" is until the first cluster frame is painted (the
 * `brokerlab:first-cluster-paint` mark of `src/ui/boot.tsx`), not only received. The lessons home
 * loads after that paint (`src/ui/afterFirstFrame.ts`) and must not be in the first load.
 */
const BUDGET_KIB = 196;
const PAINT_MARK = 'brokerlab:first-cluster-paint';

/** File names (without `.json`) of the lesson and preset documents, which build to `<name>-<hash>.js`. */
function documentStems(): string[] {
  const dirs = ['src/lessons/content', 'src/scenario/presets'];
  return dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .filter((stem) => stem !== 'default'),
  );
}

test(`the first frame needs at most ${BUDGET_KIB} KiB of gzipped page JavaScript`, async ({
  page,
}) => {
  await page.goto('/');
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, PAINT_MARK, {
    timeout: 60_000,
  });
  const loaded = await page.evaluate((m) => {
    const first = performance.getEntriesByName(m)[0]?.startTime ?? 0;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.startTime <= first)
      .map((e) => e.name);
  }, PAINT_MARK);
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
  const names = page_.map((u) => basename(u));
  expect(names.join(' ')).not.toMatch(/Editor|load-|codec-|mechanisms-|documents-|LessonPanel-/);
  expect(worker.length).toBe(1);
  // No lesson or preset document: the home and the menu use the indexes.
  const stems = documentStems();
  expect(stems.length).toBeGreaterThan(0);
  expect(names.filter((n) => stems.some((s) => n.startsWith(`${s}-`)))).toEqual([]);
  expect(kib(page_)).toBeLessThanOrEqual(BUDGET_KIB);
});
