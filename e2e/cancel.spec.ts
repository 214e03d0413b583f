/**
 * Cancel answers within 200 ms, measured inside the page from the click to the "stopped" banner's
 * first paint. The worker's cancel reply says where the run stopped, and the banner is drawn from
 * it; the run's summary (its timeline and metrics, which can take long to build and cross) follows.
 *
 * How it is measured, so that it says what a person sees and does not depend on Playwright's
 * round trips: an in-page script waits (every animation frame) for the state to cancel in, takes
 * `performance.now()` just before it clicks Cancel, notes when a MutationObserver sees the banner
 * inserted, and takes the time of the second animation frame after that (the first frame that
 * contains the banner has been painted by then, so this is an upper bound of its first paint).
 *
 * Two cases: during the engine pass (three cancels, the median asserted, each logged: a single
 * sample on a shared CI machine can meet a long task of another process), and during the
 * end-of-run check of a run of 180,000 messages (about 1.6 million journal entries to check).
 */
import { expect, test, type Page } from '@playwright/test';
import { importDoc, steadyDoc } from './big-scenario';
import { openInEnglish } from './helpers';

function heavyCheckDoc(seed: number): Record<string, unknown> {
  return steadyDoc({
    name: `heavy-check-${seed}`,
    seed,
    durationMs: 180_000,
    ratePerSec: 500,
    messages: 90_000,
    prefetch: 50,
    processingMs: 1,
  });
}

interface CancelTiming {
  /** Click to the banner in the DOM. */
  insertedMs: number;
  /** Click to the second animation frame after the insertion (the banner has been painted). */
  paintedMs: number;
  /** The percentage shown when Cancel was clicked. */
  pct: number;
  reason: string;
  /** The run's summary had not arrived yet when the banner appeared (drawn from the reply). */
  beforeSummary: boolean;
}

/**
 * In the page: waits for the timeline's progress text to match `pattern` ("Computing n%" or
 * "Checking n%"), clicks Cancel at once, and times the click to the banner.
 */
async function cancelWhen(page: Page, pattern: string): Promise<CancelTiming> {
  return page.evaluate(
    (source) =>
      new Promise<CancelTiming>((resolve, reject) => {
        const re = new RegExp(source);
        const started = performance.now();
        const wait = () => {
          const m = document.querySelector('.computing')?.textContent?.match(re);
          if (!m) {
            if (performance.now() - started > 170_000) reject(new Error(`no ${source} seen`));
            else requestAnimationFrame(wait);
            return;
          }
          const cancel = [...document.querySelectorAll('button')].find(
            (b) => b.textContent?.trim() === 'Cancel',
          );
          if (!cancel) return reject(new Error('no Cancel button'));
          let t0 = 0;
          const observer = new MutationObserver(() => {
            const s = document.querySelector('[data-testid="run-stopped"]');
            if (!s) return;
            observer.disconnect();
            const inserted = performance.now();
            // The Cancel button leaves with the summary: still there means drawn from the reply.
            const beforeSummary = [...document.querySelectorAll('button')].some(
              (b) => b.textContent?.trim() === 'Cancel',
            );
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve({
                  insertedMs: inserted - t0,
                  paintedMs: performance.now() - t0,
                  pct: Number(m[1]),
                  reason: s.getAttribute('data-reason') ?? '',
                  beforeSummary,
                }),
              ),
            );
          });
          observer.observe(document.body, { childList: true, subtree: true });
          setTimeout(() => {
            observer.disconnect();
            reject(new Error('no banner in 10 s'));
          }, 10_000);
          t0 = performance.now();
          cancel.click();
        };
        wait();
      }),
    pattern,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

test('Cancel during the engine pass shows the stop within 200 ms of the click', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openInEnglish(page);
  const paints: number[] = [];
  for (const seed of [11, 12, 13]) {
    // Long enough that the engine pass is still running when Cancel is clicked.
    await importDoc(page, heavyCheckDoc(seed));
    const r = await cancelWhen(page, 'Computing ([1-9]\\d*)%');
    console.log(
      `cancel during the engine pass (at ${r.pct}%): click to banner in the DOM ` +
        `${r.insertedMs.toFixed(1)} ms, painted by ${r.paintedMs.toFixed(1)} ms, ` +
        `before the summary: ${r.beforeSummary}`,
    );
    expect(r.reason).toBe('cancelled');
    paints.push(r.paintedMs);
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden();
    await expect(page.getByTestId('run-stopped')).toContainText(/You cancelled the run at/);
  }
  console.log(`cancel click to banner painted, median of 3: ${median(paints).toFixed(1)} ms`);
  expect(median(paints)).toBeLessThan(200);
});

test('Cancel during the end-of-run check answers at once and keeps the run', async ({ page }) => {
  test.setTimeout(240_000);
  await openInEnglish(page);
  await importDoc(page, heavyCheckDoc(7));
  const r = await cancelWhen(page, 'Checking (\\d+)%');
  console.log(
    `cancel during the check (at ${r.pct}%): click to banner in the DOM ` +
      `${r.insertedMs.toFixed(1)} ms, painted by ${r.paintedMs.toFixed(1)} ms, ` +
      `before the summary: ${r.beforeSummary}`,
  );
  expect(r.reason).toBe('cancelled');
  const stopped = page.getByTestId('run-stopped');
  await expect(stopped).toHaveAttribute('data-reason', 'cancelled');
  // The engine had finished: the cancelled run keeps every frame, to the scenario's end.
  await expect(stopped).toContainText(/You cancelled the run at 180\.000 s of 180\.000 s/);
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('cancel-during-check.png') });
  expect(r.paintedMs).toBeLessThan(200);
});
