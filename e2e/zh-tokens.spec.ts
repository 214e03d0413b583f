import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowlist, untranslated } from '../src/i18n/untranslated';
import { hook } from './helpers';

/** Every preset's name, read from its file (Playwright's loader does not import JSON modules). */
function presetDocs(dir = 'src/scenario/presets'): { name: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? presetDocs(join(dir, e.name))
      : e.name.endsWith('.json')
        ? [JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as { name: string }]
        : [],
  );
}
const DOCS = presetDocs();
const PRESETS = DOCS.map((d) => d.name);

// The Chinese UI as a Chinese browser gets it.
test.use({ locale: 'zh-CN' });

/**
 * The visible text of `root` (and of everything under it), plus the accessible names and tooltips
 * a screen reader or a hover shows, and the options of the menus. Skips text marked as not to be
 * translated (`translate="no"`: hashes) or as English (`lang="en"`: the language switch), and the
 * anomaly explanation when `skipExplanation` (the second test reads it on its own).
 */
async function visibleText(page: Page, selector: string, skipExplanation: boolean) {
  return page.evaluate(
    ([sel, skip]) => {
      const out: string[] = [];
      const excluded = (el: Element): boolean =>
        el.closest('[translate="no"], [lang^="en"], script, style') !== null ||
        (skip && el.closest('[data-testid="explanation"]') !== null);
      for (const root of document.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || excluded(el)) continue;
          // An SVG <title> is a tooltip, and an <option> shows when its menu opens.
          const shown =
            el.closest('title, option') !== null ||
            el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
          if (shown && n.textContent?.trim()) out.push(n.textContent.trim());
        }
        for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
          if (excluded(el)) continue;
          for (const a of ['aria-label', 'title', 'placeholder']) {
            const v = el.getAttribute(a);
            if (v) out.push(v);
          }
        }
      }
      return out;
    },
    [selector, skipExplanation] as const,
  );
}

interface Found {
  token: string;
  text: string;
}

/** The allowlist of the running scenario, and of every preset: the menu shows all their titles. */
function check(texts: readonly string[], doc: unknown): Found[] {
  const allow = allowlist([doc, ...DOCS]);
  const found: Found[] = [];
  for (const text of texts)
    for (const token of untranslated(text, allow)) found.push({ token, text });
  return found;
}

async function openPreset(page: Page, name: string) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await page.getByRole('combobox', { name: '场景' }).selectOption(name);
  await page.getByRole('tab', { name: '关于这次运行' }).click();
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{16}$/, { timeout: 30_000 });
  await page.getByRole('button', { name: '运行到结束' }).click();
  await expect(page.getByTestId('clock')).toHaveAttribute('data-state', 'finished');
}

/** Ids of one broker and one client (producer or consumer) as drawn in the cluster view. */
async function nodeIds(page: Page): Promise<{ broker: string; client: string | undefined }> {
  const nodes = await page.locator('g.node[data-node]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-node') ?? '',
      role: e.getAttribute('data-role'),
    })),
  );
  const broker = nodes.find((n) => n.role === 'broker')?.id ?? nodes[0]?.id ?? '';
  const client = nodes.find((n) => n.role === 'consumer' || n.role === 'producer')?.id;
  return { broker, client };
}

function report(name: string, found: Found[]): string {
  const byToken = new Map<string, string>();
  for (const f of found) if (!byToken.has(f.token)) byToken.set(f.token, f.text.slice(0, 120));
  return `${name}: ${found.length} untranslated\n${[...byToken]
    .map(([t, x]) => `  ${t}   in "${x}"`)
    .join('\n')}`;
}

const everywhere = 'body';

for (const name of PRESETS) {
  test(`zh UI of preset ${name} has no untranslated words`, async ({ page }) => {
    await openPreset(page, name);
    const texts: string[] = [];
    texts.push(...(await visibleText(page, everywhere, true)));
    await page.getByRole('tab', { name: '异常浏览器' }).click();
    const first = page.locator('.anomaly-list li button').first();
    if (await first.isVisible()) await first.click();
    texts.push(...(await visibleText(page, everywhere, true)));
    const { broker, client } = await nodeIds(page);
    await page.locator(`g.node[data-node="${broker}"]`).click();
    await page.getByRole('tab', { name: '检查器' }).click();
    texts.push(...(await visibleText(page, everywhere, true)));
    if (client) {
      await page.locator(`g.node[data-node="${client}"]`).click();
      texts.push(...(await visibleText(page, everywhere, true)));
    }
    await page.getByRole('tab', { name: '指标' }).click();
    texts.push(...(await visibleText(page, everywhere, true)));
    const doc = (await hook(page)).doc;
    const found = check(texts, doc);
    test.info().annotations.push({ type: 'untranslated', description: String(found.length) });
    console.log(report(name, found));
    expect(found.map((f) => f.token)).toEqual([]);
  });
}

// The explanation text of an anomaly comes from the mechanism catalogue (src/engine/check), which
// is checked here on its own so its count is visible apart from the UI's.
for (const name of PRESETS) {
  test(`zh explanation of the first anomaly of ${name} has no untranslated words`, async ({
    page,
  }) => {
    await openPreset(page, name);
    await page.getByRole('tab', { name: '异常浏览器' }).click();
    const first = page.locator('.anomaly-list li button').first();
    const texts: string[] = [];
    if (await first.isVisible()) {
      await first.click();
      texts.push(...(await visibleText(page, '[data-testid="explanation"]', false)));
    }
    const found = check(texts, (await hook(page)).doc);
    test.info().annotations.push({ type: 'untranslated', description: String(found.length) });
    console.log(report(`${name} (explanation)`, found));
    expect(found.map((f) => f.token)).toEqual([]);
  });
}
