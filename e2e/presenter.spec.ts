import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { seriousAxe } from './axe';
import { mkdirSync } from 'node:fs';
import { hook, openInEnglish } from './helpers';

const HD = { width: 1920, height: 1080 };

async function ready(page: Page) {
  await expect.poll(async () => (await hook(page)).phase, { timeout: 60_000 }).toBe('ready');
  await expect.poll(async () => (await hook(page)).frameAtUs).not.toBeNull();
}

/** The smallest type drawn in the presenter's cluster and chrome, in screen pixels. */
async function smallestType(page: Page): Promise<{ px: number; what: string }> {
  return page.evaluate(() => {
    let min = { px: Infinity, what: '' };
    const svg = document.querySelector<SVGSVGElement>('.stage-wrap svg');
    const scale = svg?.getScreenCTM()?.a ?? 1;
    for (const el of document.querySelectorAll<SVGTextElement>('.stage-wrap svg text')) {
      if (!el.textContent?.trim() || el.getBBox().width === 0) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < min.px) min = { px, what: `svg ${el.getAttribute('class')} "${el.textContent}"` };
    }
    const chrome = document.querySelectorAll<HTMLElement>(
      '.presenter .narration, .presenter .p-bar button, .presenter .p-head h1, .presenter .p-keys',
    );
    for (const el of chrome) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < min.px) min = { px, what: `${el.className || el.tagName} "${el.textContent}"` };
    }
    return min;
  });
}

async function enterByKey(page: Page) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter')).toBeVisible();
}

async function shoot(page: Page, info: TestInfo, name: string) {
  mkdirSync('test-results/presenter-shots', { recursive: true });
  const path = `test-results/presenter-shots/${name}.png`;
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

test('presenter mode: by key, large type, steps with the clicker keys, narration, no chrome', async ({
  page,
}) => {
  await page.setViewportSize(HD);
  await openInEnglish(page);
  await ready(page);
  await enterByKey(page);
  // Editing chrome is gone.
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add a fault at this moment' })).toHaveCount(0);
  await expect(page).toHaveURL(/\?present/);
  await expect(page.locator('.stage-wrap svg g.node').first()).toBeVisible();
  const small = await smallestType(page);
  expect(small.px, small.what).toBeGreaterThanOrEqual(24);

  const narration = page.getByTestId('narration');
  const idle = await narration.textContent();
  await page.keyboard.press('PageDown');
  await expect(narration).not.toHaveText(idle ?? '');
  const first = (await narration.textContent()) ?? '';
  const t1 = (await hook(page)).tUs;
  await expect.poll(async () => (await hook(page)).counters?.events ?? 0).toBeGreaterThan(0);
  const eventsAfter1 = (await hook(page)).counters?.events ?? 0;
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await hook(page)).tUs).toBeGreaterThanOrEqual(t1);
  // Wait for the second step's frame itself (the first step's count is already above 0).
  await expect
    .poll(async () => (await hook(page)).counters?.events ?? 0)
    .toBeGreaterThan(eventsAfter1);
  const eventsAfter2 = (await hook(page)).counters?.events ?? 0;
  await page.keyboard.press('PageUp');
  // Back one step: exactly the picture and the words of the first step.
  await expect(narration).toHaveText(first);
  await expect.poll(async () => (await hook(page)).tUs).toBe(t1);
  expect((await hook(page)).counters?.events).toBeLessThan(eventsAfter2);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await hook(page)).counters?.events).toBe(eventsAfter2);

  // Slow motion.
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: /Slow motion/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // A pointer over a node rings it for the back row.
  const node = page.locator('.stage-wrap svg g.node').first();
  await node.hover();
  await expect(page.getByTestId('pointer-ring')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeVisible();
  await expect(page).not.toHaveURL(/\?present/);
});

test('the legend opens from the view, from Help and in presenter mode', async ({ page }, info) => {
  await page.setViewportSize(HD);
  await openInEnglish(page);
  await ready(page);
  await page.getByTestId('legend-view').click();
  const dialog = page.getByRole('dialog', { name: 'Legend' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Only in the page cache', { exact: false })).toBeVisible();
  await expect(dialog.locator('canvas')).not.toHaveCount(0);
  await shoot(page, info, 'legend-en-1920x1080');
  await dialog.getByRole('button', { name: 'Close the legend' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByText('Help', { exact: true }).click();
  await page.getByTestId('legend-help').click();
  await expect(page.getByRole('dialog', { name: 'Legend' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Legend' })).toHaveCount(0);

  await enterByKey(page);
  await page.keyboard.press('l');
  await expect(page.getByRole('dialog', { name: 'Legend' })).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await shoot(page, info, 'legend-presenter-en-1920x1080');
});

test('copy embed gives an iframe whose page is the compact player', async ({
  page,
  context,
}, info) => {
  await openInEnglish(page);
  await ready(page);
  await page.getByRole('button', { name: 'Copy embed' }).click();
  const code = await page.getByTestId('embed-code').inputValue();
  expect(code).toMatch(/^<iframe src="[^"]+#embed=s=1\.[A-Za-z0-9_-]+"/);
  const src = /src="([^"]+)"/.exec(code)?.[1] ?? '';
  const player = await context.newPage();
  await player.setViewportSize({ width: 800, height: 500 });
  await player.goto(src.replace(/&amp;/g, '&'));
  await expect(player.getByTestId('player')).toBeVisible();
  await expect(player.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
  await ready(player);
  const name = (await hook(page)).doc['name'];
  expect((await hook(player)).doc['name']).toBe(name);
  const narration = player.getByTestId('narration');
  const before = await narration.textContent();
  await player.getByRole('button', { name: 'Next: one event' }).click();
  await expect(narration).not.toHaveText(before ?? '');
  await shoot(player, info, 'player-en-800x500');
  expect(await seriousAxe(player)).toEqual([]);
  // The lab's autosave is not touched by the player.
  expect((await hook(player)).doc['name']).toBe(name);
});

test('a garbled embed or presenter link shows the share error and a way back', async ({
  page,
}, info) => {
  await page.goto('/#embed=s=1.@@garbled@@');
  const err = page.getByTestId('embed-error');
  await expect(err).toBeVisible();
  await expect(err.getByRole('link')).toHaveAttribute('href', /\/$/);
  expect(await seriousAxe(page)).toEqual([]);
  await shoot(page, info, 'embed-error');

  await page.goto('/?present#s=1.AAAA-garbled');
  await expect(page.getByTestId('presenter')).toBeVisible();
  const alert = page.locator('.p-error');
  await expect(alert).toBeVisible();
  await shoot(page, info, 'presenter-error');
  await alert.getByRole('button').first().click();
  await expect(page.getByTestId('presenter')).toHaveCount(0);
});

for (const lang of ['en', 'zh'] as const) {
  test(`presenter screenshots (${lang}) at 1920x1080, 3840x2160 and 390x844; axe`, async ({
    page,
  }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize(HD);
    await openInEnglish(page);
    if (lang === 'zh') await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await ready(page);
    await enterByKey(page);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('narration')).toContainText(/\d\.\d{3}/);
    for (const size of [HD, { width: 3840, height: 2160 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(400);
      await shoot(page, info, `presenter-${lang}-${size.width}x${size.height}`);
      if (size === HD) {
        const small = await smallestType(page);
        expect(small.px, small.what).toBeGreaterThanOrEqual(24);
      }
    }
    expect(await seriousAxe(page)).toEqual([]);
    await page.setViewportSize(HD);
    await page.keyboard.press('l');
    await expect(page.locator('dialog.legend[open]')).toBeVisible();
    await shoot(page, info, `legend-presenter-${lang}-1920x1080`);
  });
}
