/**
 * A run with more than a thousand anomalies keeps the page responsive (issue 10; newcomer item 7).
 * kafka-e4-replication loses 1,200 messages and reorders 4, each with a cause chain of about
 * 2,400 journal entries. The summary used to carry every chain (194 MB, measured with the CLI's
 * recorder), and its structured clone froze the tab; now chains over a budget stay in the worker
 * and are fetched when an anomaly is selected. Measured here, in the page: bytes the worker
 * posted, long tasks (PerformanceObserver) from the summary's arrival to the list on screen, the
 * longest gap between animation frames, and click to a fetched chain's story on screen. The
 * worker must not be replaced (counted by wrapping the page's Worker constructor).
 *
 * It also walks the list as a person would: the count cards filter by kind, the list pages
 * through all 1,204 with honest counts.
 */
import { expect, test, type Page } from '@playwright/test';
import { openInEnglish, selectPreset } from './helpers';

declare global {
  interface Window {
    __workers?: number;
    __longTasks?: { start: number; ms: number }[];
    __maxGap?: number;
  }
}

/** Counts simulation workers created and records long tasks and frame gaps from now on. */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__workers = 0;
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        if (opts?.name === 'brokerlab-sim') window.__workers = (window.__workers ?? 0) + 1;
      }
    };
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks?.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Starts the frame-gap probe: the longest wall gap between two animation frames. */
async function startGapProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__maxGap = 0;
    let last = performance.now();
    const tick = (now: number) => {
      window.__maxGap = Math.max(window.__maxGap ?? 0, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Clicks the i-th listed anomaly and times the click to its own story on screen. */
async function clickToStory(page: Page, index: number): Promise<number> {
  return page.evaluate(
    (i) =>
      new Promise<number>((resolve, reject) => {
        const b = document.querySelectorAll<HTMLButtonElement>('.anomaly-list li button')[i];
        const msg = b?.textContent?.match(/#\d+/)?.[0];
        if (!b || !msg) return reject(new Error(`no anomaly button ${i}`));
        const t0 = performance.now();
        b.click();
        const wait = () => {
          const head = document.querySelector('[data-testid="explanation"] h3')?.textContent ?? '';
          const story = document.querySelector('[data-testid="story"]');
          const loading = document.querySelector('[data-testid="chain-loading"]');
          if (new RegExp(`${msg}\\b`).test(head) && story && story.children.length > 0 && !loading)
            resolve(performance.now() - t0);
          else if (performance.now() - t0 > 15_000) reject(new Error('no story in 15 s'));
          else requestAnimationFrame(wait);
        };
        wait();
      }),
    index,
  );
}

/** The sum of the five count cards. */
async function allCounted(page: Page): Promise<number> {
  const ns = await page.locator('[data-testid^="count-"] .n').allTextContents();
  return ns.reduce((n, x) => n + Number(x), 0);
}

test('a run with 1,204 anomalies stays responsive; cards filter, the list pages', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await instrument(page);
  await openInEnglish(page);
  const workersAtStart = await page.evaluate(() => window.__workers ?? 0);
  await page.evaluate(() => window.__brokerlab?.measure(true));
  await selectPreset(page, 'kafka-e4-replication');
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  // Results are held back until the run is watched (newcomer finding 4): ask for them now.
  await page.getByRole('button', { name: 'Show the results now' }).click();
  const t0 = await page.evaluate(() => performance.now());
  await startGapProbe(page);
  await expect(page.getByTestId('anomaly-range')).toBeVisible({ timeout: 200_000 });
  // Over a thousand anomalies, all listed: the range counts what the cards count.
  const total = await allCounted(page);
  expect(total).toBeGreaterThan(1000);
  const all = `1–100 of ${total.toLocaleString('en-US')}`;
  await expect(page.getByTestId('anomaly-range')).toHaveText(all);
  const { bytes } = await page.evaluate(
    () => window.__brokerlab?.measure(false) ?? { bytes: 0, frameMs: [] },
  );
  const after = await page.evaluate(
    (since) => ({
      long: (window.__longTasks ?? []).filter((e) => e.start >= since),
      gap: window.__maxGap ?? 0,
    }),
    t0,
  );
  const longest = Math.max(0, ...after.long.map((e) => e.ms));
  console.log(
    `e4: worker posted ${(bytes / 1e6).toFixed(2)} MB in all; long tasks while computing and ` +
      `listing ${after.long.length}, longest ${longest.toFixed(0)} ms; longest frame gap ` +
      `${after.gap.toFixed(0)} ms`,
  );
  // The whole run's traffic (frames, progress, summary) stays small, and no task freezes the
  // page (the previous build: 194 MB posted, one task of 14.7 s). Generous for a loaded machine.
  expect(bytes).toBeLessThan(20e6);
  expect(longest).toBeLessThan(2_000);

  // Another anomaly's chain (left in the worker) is fetched and told on selection.
  await page.evaluate(() => {
    window.__maxGap = 0;
  });
  const first = await clickToStory(page, 3);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByTestId('anomaly-range')).toHaveText(
    `101–200 of ${total.toLocaleString('en-US')}`,
  );
  const second = await clickToStory(page, 50);
  const gap = await page.evaluate(() => window.__maxGap ?? 0);
  console.log(
    `click to a fetched chain's story: ${first.toFixed(0)} ms, ${second.toFixed(0)} ms; ` +
      `longest frame gap meanwhile ${gap.toFixed(0)} ms`,
  );
  expect(Math.max(first, second)).toBeLessThan(3_000);
  await expect(page.getByTestId('explanation')).toContainText('#');

  // The count cards filter: the few reordered messages, reachable in one click.
  const reorderedCount = Number(
    await page.getByTestId('count-reordered').locator('.n').textContent(),
  );
  expect(reorderedCount).toBeGreaterThan(0);
  const reordered = page.getByTestId('count-reordered').getByRole('button');
  await reordered.click();
  await expect(reordered).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.anomaly-list li')).toHaveCount(reorderedCount);
  await expect(page.locator('.anomaly-list li.anomaly-reordered')).toHaveCount(reorderedCount);
  await expect(page.getByTestId('anomaly-pager')).toBeHidden();
  await page.locator('.anomaly-list li button').first().click();
  await expect(page.getByTestId('story')).toBeVisible({ timeout: 15_000 });
  // Again: every kind listed.
  await reordered.click();
  await expect(page.getByTestId('anomaly-range')).toHaveText(all);
  // A card that counts nothing filters nothing.
  for (const card of await page.locator('[data-testid^="count-"]').all())
    if ((await card.locator('.n').textContent()) === '0')
      await expect(card.getByRole('button')).toBeDisabled();
  await expect(page.getByTestId('unlisted')).toHaveCount(0);

  // Nothing was replaced or failed.
  expect(await page.evaluate(() => window.__workers ?? 0)).toBe(workersAtStart);
  await expect(page.locator('section.error')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('anomalies-big.png') });
});

test('B4: the duplicates, half of the lesson, are one click on their count card away', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'rabbitmq-b4-autoack-vs-manual');
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  await page.getByRole('button', { name: 'Show the results now' }).click();
  const card = page.getByTestId('count-duplicated');
  await expect(card.locator('.n')).not.toHaveText('0', { timeout: 60_000 });
  const dups = Number(await card.locator('.n').textContent());
  await card.getByRole('button').click();
  await expect(card.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  // Every duplicate listed, and only duplicates.
  const rows = page.locator('.anomaly-list li');
  await expect(rows).toHaveCount(Math.min(dups, 100));
  await expect(page.locator('.anomaly-list li.anomaly-duplicated')).toHaveCount(
    Math.min(dups, 100),
  );
  await rows.last().getByRole('button').click();
  await expect(page.getByTestId('explanation')).toContainText(/delivered \d+ times/);
  await expect(page.getByTestId('story')).toBeVisible();
});
