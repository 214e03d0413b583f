/**
 * The newcomer test's findings (../shared/findings/newcomer-test.md), each walked as a person
 * would: clicks, taps and keys on the built app, checked on what is drawn.
 */
import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { hook, openInEnglish, selectPreset } from './helpers';

/** What the cluster view draws: each node element with its name, box size and accessible name. */
async function drawnNodes(page: Page) {
  return page.locator('g.node').evaluateAll((els) =>
    els.map((el) => {
      const box = el.querySelector('rect.box');
      return {
        id: el.getAttribute('data-node'),
        aria: el.getAttribute('aria-label'),
        title: el.querySelector('text.title')?.textContent ?? '',
        w: Number(box?.getAttribute('width') ?? 0),
        h: Number(box?.getAttribute('height') ?? 0),
      };
    }),
  );
}

/** Every node of the current frame is drawn, with a box and its name, and nothing else is. */
async function expectDrawsFrameNodes(page: Page, preset: string) {
  await expect
    .poll(async () => {
      const s = await hook(page);
      if (s.doc['name'] !== preset || s.frameNodes.length === 0) return 'waiting for the frame';
      const drawn = await drawnNodes(page);
      const broken = drawn.filter((d) => !d.aria || d.title !== d.id || d.w <= 0 || d.h <= 0);
      if (broken.length > 0) return `not drawn: ${broken.map((d) => d.id).join(',')}`;
      const ids = drawn.map((d) => d.id ?? '').sort();
      return ids.join(',') === [...s.frameNodes].sort().join(',')
        ? 'ok'
        : `${ids.join(',')} != ${[...s.frameNodes].sort().join(',')}`;
    })
    .toBe('ok');
}

test.describe('blocker 2: switching presets keeps every node', () => {
  test('acks=1 -> First look -> acks=1 draws broker-2, broker-3 and the controller', async ({
    page,
  }) => {
    await openInEnglish(page);
    for (const p of ['kafka-acks1-leader-crash', 'default', 'kafka-acks1-leader-crash']) {
      await selectPreset(page, p);
      await expectDrawsFrameNodes(page, p);
    }
    for (const id of ['broker-2', 'broker-3']) {
      await expect(page.getByRole('button', { name: new RegExp(`^${id}, `) })).toBeVisible();
    }
    await page.screenshot({ path: test.info().outputPath('preset-back-kafka.png') });
  });

  test('E3 -> First look -> E3 draws rabbit-3, shop and worker', async ({ page }) => {
    await openInEnglish(page);
    for (const p of ['rabbitmq-e3-mirrored', 'default', 'rabbitmq-e3-mirrored']) {
      await selectPreset(page, p);
      await expectDrawsFrameNodes(page, p);
    }
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectDrawsFrameNodes(page, 'rabbitmq-e3-mirrored');
  });

  test('property: any sequence of preset switches, seeks and plays draws the current nodes', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openInEnglish(page);
    const presets = [
      'default',
      'kafka-acks1-leader-crash',
      'kafka-acks-all-leader-crash',
      'rabbitmq-e3-mirrored',
      'power-loss',
    ];
    const action = fc.oneof(
      fc.record({ kind: fc.constant('preset' as const), preset: fc.constantFrom(...presets) }),
      fc.record({ kind: fc.constant('seek' as const), ms: fc.integer({ min: 0, max: 8000 }) }),
      fc.record({ kind: fc.constant('play' as const), ms: fc.integer({ min: 50, max: 600 }) }),
    );
    let current = 'default';
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 7 }), async (actions) => {
        for (const a of actions) {
          if (a.kind === 'preset') {
            await selectPreset(page, a.preset);
            current = a.preset;
          } else if (a.kind === 'seek') {
            await page.getByRole('slider', { name: 'Time' }).fill(String(a.ms));
          } else {
            const play = page.getByRole('button', { name: 'Play' });
            if (await play.isVisible()) {
              await play.click();
              await page.waitForTimeout(a.ms);
              await page.getByRole('button', { name: 'Pause' }).click();
            }
          }
          await expectDrawsFrameNodes(page, current);
        }
      }),
      { numRuns: 4, seed: 11, endOnFailure: true },
    );
  });
});
