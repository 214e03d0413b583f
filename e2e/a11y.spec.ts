/**
 * Issue 11: "axe: no serious or critical violation in any mode or size". The lab itself is checked
 * at every size in newcomer.spec.ts; here the other modes are, at a phone (390x844) and a laptop
 * (1366x768), in Chinese and English: the lesson player (a prediction and its reveal), compare
 * mode, the embedded players (a scenario and a lesson), presenter mode and the Monte Carlo panel
 * with its results. Each screen is also photographed, to be looked at.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousAxe } from './axe';
import { mkdirSync, readFileSync } from 'node:fs';
import { encodeShareFragment } from '../src/share/codec';
import { encodeCompareFragment } from '../src/share/compare-codec';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { MC_STRINGS } from '../src/i18n/montecarlo';
import { PRESENTER } from '../src/i18n/presenter';
import { hook } from './helpers';
import { lesson, player, wrongChoice } from './lesson-helpers';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
] as const;

const LESSON = 'b5-no-loss-recipe';

function presetJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`src/scenario/presets/${path}`, 'utf8')) as Record<
    string,
    unknown
  >;
}

async function ready(page: Page) {
  await expect.poll(async () => (await hook(page)).phase, { timeout: 60_000 }).toBe('ready');
  await expect.poll(async () => (await hook(page)).frameAtUs).not.toBeNull();
}

for (const lang of ['en', 'zh'] as const)
  test.describe(`axe in ${lang}`, () => {
    // The browser's language picks the UI's: every screen opens in `lang`, links and embeds too.
    test.use({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });

    for (const size of SIZES)
      test(`${size.name} ${size.width}x${size.height}: lesson player, compare, embeds, presenter, Monte Carlo`, async ({
        page,
      }) => {
        test.setTimeout(240_000);
        await page.setViewportSize({ width: size.width, height: size.height });
        // Links ask before they replace the lesson's scenario: yes.
        page.on('dialog', (d) => void d.accept());
        const found: Record<string, string[]> = {};
        const check = async (what: string) => {
          found[what] = await seriousAxe(page);
          await page.screenshot({
            path: test.info().outputPath(`a11y-${what}-${size.name}-${lang}.png`),
          });
        };

        // The lesson player: a prediction, then (after a wrong answer) its reveal.
        const l = lesson(LESSON);
        const { index, wrong } = wrongChoice(l);
        const t = LESSON_STRINGS[lang];
        await page.goto(`/#lesson=${LESSON}&step=${index + 1}`);
        await expect(player(page)).toHaveAttribute('data-kind', 'predict');
        await check('lesson-predict');
        await page.getByRole('radio', { name: wrong.text[lang], exact: true }).check();
        await page.getByRole('button', { name: t.commit }).click();
        await page.goto(`/#lesson=${LESSON}&step=${l.kinds.indexOf('reveal') + 1}`);
        await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
        await check('lesson-reveal');

        // Compare mode, opened by a link, with both columns computed and moved to 12 s.
        const base = presetJson('kafka/acks-all-leader-crash.json');
        const cmp = await encodeCompareFragment({
          base,
          columns: [
            { patch: [] },
            { patch: [{ op: 'replace', path: '/producers/0/acks', value: '1' }] },
          ],
        });
        await page.goto(`/?fresh#${cmp}`);
        for (const i of [0, 1])
          await expect(page.getByTestId(`compare-col-${i}`)).toHaveAttribute(
            'data-phase',
            'ready',
            { timeout: 60_000 },
          );
        await page
          .getByRole('region', { name: lang === 'en' ? 'Compare' : '对比模式' })
          .getByRole('slider', { name: lang === 'en' ? 'Time' : '时间' })
          .fill('12000');
        await check('compare');

        // The embedded players: a scenario and a lesson. (A new query string each time makes
        // every visit a page load, not a change of fragment in the page before.)
        await page.goto(`/?embed#embed=${await encodeShareFragment(base)}`);
        await expect(page.getByTestId('player')).toBeVisible();
        await ready(page);
        await page.getByRole('button', { name: PRESENTER[lang].forward }).click();
        await check('embed-scenario');
        await page.goto(`/?embed-lesson#embed=lesson=${LESSON}&step=${index + 1}`);
        await expect(page.getByTestId('player')).toBeVisible();
        await expect(player(page)).toHaveAttribute('data-kind', 'predict');
        await check('embed-lesson');

        // Presenter mode, after two steps (the narration says what they did).
        await page.goto(`/?present#${await encodeShareFragment(base)}`);
        await expect(page.getByTestId('presenter')).toBeVisible();
        await ready(page);
        await page.keyboard.press('PageDown');
        await page.keyboard.press('PageDown');
        await expect(page.getByTestId('narration')).toContainText(/\d\.\d{3}/);
        await check('presenter');

        // The Monte Carlo panel, before and after a small run.
        await page.goto('/?fresh');
        const M = MC_STRINGS[lang];
        await page.getByRole('button', { name: M.open, exact: true }).click();
        const panel = page.getByTestId('mc-panel');
        await expect(panel).toBeVisible();
        await check('montecarlo');
        await panel.getByTestId('mc-seeds').fill('3');
        await panel.getByTestId('mc-start').click();
        await expect(panel.getByTestId('mc-progress')).toHaveAttribute('data-status', 'done', {
          timeout: 150_000,
        });
        await check('montecarlo-results');

        expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
      });
  });

const SCREENS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

/** The page's width as laid out: wider than the window means something sticks out sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

for (const lang of ['en', 'zh'] as const)
  test.describe(`screens in ${lang}`, () => {
    test.use({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    test(`the lesson player and presenter mode at 390x844, 1366x768, 1920x1080 and 3840x2160`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      page.on('dialog', (d) => void d.accept());
      mkdirSync('test-results/screens', { recursive: true });
      const shoot = (name: string, w: number, h: number) =>
        page.screenshot({ path: `test-results/screens/${name}-${lang}-${w}x${h}.png` });
      const { index } = wrongChoice(lesson(LESSON));
      await page.goto(`/#lesson=${LESSON}&step=${index + 1}`);
      await expect(player(page)).toHaveAttribute('data-kind', 'predict');
      for (const s of SCREENS) {
        await page.setViewportSize(s);
        await page.waitForTimeout(300);
        expect(await pageWidth(page), `lesson ${s.width}`).toBeLessThanOrEqual(s.width);
        await shoot('lesson', s.width, s.height);
      }
      await page.goto(`/?present#lesson=${LESSON}&step=${index + 1}`);
      await expect(page.getByTestId('presenter')).toBeVisible();
      await ready(page);
      await page.keyboard.press('PageDown');
      await page.keyboard.press('PageDown');
      await expect(page.getByTestId('narration')).toContainText(/\d\.\d{3}/);
      for (const s of SCREENS) {
        await page.setViewportSize(s);
        await page.waitForTimeout(400);
        expect(await pageWidth(page), `presenter ${s.width}`).toBeLessThanOrEqual(s.width);
        await shoot('presenter', s.width, s.height);
      }
    });
  });
