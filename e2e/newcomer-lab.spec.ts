/**
 * The newcomer test's remaining lab findings (../shared/findings/newcomer-test.md, issue 11),
 * walked as a person would: 3 (a preset's teaching text), 4 (results before Play), 13 (an edited
 * preset passing itself off as the preset), 16 (Step does not say what it did), and presenter
 * rows without LEO/HW. Each test says what today's main did instead, so it fails there.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { heavyKafka } from '../scripts/heavy-scenario.mjs';
import { importDoc } from './big-scenario';
import { hook, openInEnglish, runToEnd, seekTo, selectPreset } from './helpers';

/** Waits until the run is computed and checked (the whole outcome exists before Play). */
async function computed(page: Page, timeout = 60_000) {
  await expect.poll(async () => (await hook(page)).phase, { timeout }).toBe('ready');
}

async function shoot(page: Page, name: string) {
  mkdirSync('test-results/newc-shots', { recursive: true });
  const path = `test-results/newc-shots/${name}.png`;
  await page.screenshot({ path });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

test.describe('major 3: the preset’s teaching text is in the lab', () => {
  // main: the description was shown only inside the editor; there was no "About this scenario".
  test('en and zh: a closed "About this scenario" line under the title opens the description', async ({
    page,
  }) => {
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks1-leader-crash');
    const about = page.getByTestId('scenario-about');
    await expect(about.locator('summary')).toContainText('About this scenario');
    // The description tells the ending: closed, and it says so while the results are held back.
    await expect(about.locator('summary')).toContainText('tells how it ends');
    await expect(page.getByTestId('scenario-description')).toBeHidden();
    await about.locator('summary').click();
    const text = page.getByTestId('scenario-description');
    await expect(text).toBeVisible();
    await expect(text).toContainText('The producer uses acks=1');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect(about.locator('summary')).toContainText('关于这个场景');
    await expect(text).toContainText('acks=1');
    await expect(text).not.toContainText('The producer');
    // After the run has been watched, the line no longer warns.
    await computed(page);
    await page.getByRole('button', { name: '运行到结束' }).click();
    await expect(page.getByTestId('clock')).toHaveAttribute('data-state', 'finished');
    await expect(about.locator('summary')).toHaveText('关于这个场景');
  });
});

test.describe('major 4: results are held back until the run is watched', () => {
  // main: about 4.5 s after load, with no Play pressed, "19 lost" and the whole list showed.
  test('before Play no totals, no list, no timeline marks; Run to end shows them', async ({
    page,
  }) => {
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks1-leader-crash');
    await computed(page);
    await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
    await expect(page.getByTestId('outcome-hidden')).toBeVisible();
    await expect(page.getByTestId('count-lost')).toBeHidden();
    await expect(page.locator('.anomaly-list')).toBeHidden();
    await expect(page.locator('.tl-anoms')).toBeHidden();
    await expect(page.getByTestId('so-far')).toHaveText('No anomalies so far');
    // Halfway through, still hidden (the crash is at 5 s; what has happened so far may show).
    await seekTo(page, 8000);
    await expect(page.getByTestId('count-lost')).toBeHidden();
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
    await expect(page.getByTestId('outcome-hidden')).toHaveCount(0);
    await expect(page.getByTestId('count-lost')).toBeVisible();
    await expect(page.getByTestId('count-lost')).not.toContainText(/^\D*0\D*$/);
    await expect(page.locator('.anomaly-list')).toBeVisible();
    // Seeking back keeps them: the learner has seen the answer.
    await seekTo(page, 1000);
    await expect(page.getByTestId('count-lost')).toBeVisible();
  });

  test('another preset hides them again; dragging the scrubber to the end or the button shows them', async ({
    page,
  }) => {
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks1-leader-crash');
    await computed(page);
    await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
    await page.getByRole('button', { name: 'Show the results now' }).click();
    await expect(page.getByTestId('count-lost')).toBeVisible();
    await selectPreset(page, 'confirms-off-crash');
    await computed(page);
    await expect(page.getByTestId('count-lost')).toBeHidden();
    await expect(page.getByTestId('outcome-hidden')).toBeVisible();
    const slider = page.getByRole('slider', { name: 'Time' });
    await slider.fill(String(await slider.getAttribute('max')));
    await expect(page.getByTestId('count-lost')).toBeVisible();
  });

  test('zh: the hint and the button read as Chinese', async ({ page }) => {
    await openInEnglish(page);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('combobox', { name: '场景' }).selectOption('confirms-off-crash');
    await computed(page);
    await page.getByRole('tab', { name: '异常浏览器' }).click();
    await expect(page.getByTestId('outcome-hidden')).toContainText('先猜猜');
    await page.getByRole('button', { name: '现在显示结果' }).click();
    await expect(page.getByTestId('count-lost')).toContainText('丢失');
  });
});

test.describe('major 13: an edited preset says it was edited', () => {
  // main: the title stayed "acks=all: ...", the export kept the preset's file name, and a share
  // link with an extra crash showed the preset in the recipient's menu.
  test('a fault added: "(edited)" title, custom menu entry, another export name; its link too', async ({
    page,
    browser,
  }) => {
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks-all-leader-crash');
    const title = page.getByTestId('scenario-title');
    await expect(title).toHaveText('acks=all: broker-1, leader of orders-0, crashes');
    const plain = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    expect((await plain).suggestedFilename()).toBe('kafka-acks-all-leader-crash.json');

    await seekTo(page, 3000);
    await page.getByRole('combobox', { name: 'Faults', exact: true }).selectOption('crash');
    await page.getByRole('combobox', { name: 'node', exact: true }).selectOption('broker-2');
    await page.getByRole('button', { name: 'Add a fault at this moment' }).click();
    await expect(title).toHaveText('acks=all: broker-1, leader of orders-0, crashes (edited)');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('');
    const edited = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    expect((await edited).suggestedFilename()).toBe('kafka-acks-all-leader-crash-edited.json');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect(title).toHaveText(/（已修改）$/);
    await page.getByRole('button', { name: 'Switch to English' }).click();

    // The recipient of a link to the edited scenario sees it as edited, not as the preset.
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.getByTestId('share-url').inputValue();
    const other = await browser.newContext({ locale: 'en-US' });
    const them = await other.newPage();
    await openInEnglish(them, url.replace(/^https?:\/\/[^/]+/, ''));
    await expect.poll(async () => (await hook(them)).doc['faults']).toHaveLength(3);
    await expect(them.getByTestId('scenario-title')).toHaveText(/\(edited\)$/);
    await expect(them.getByRole('combobox', { name: 'Scenario' })).toHaveValue('');
    await other.close();
  });

  test('a link to the preset as shipped is the preset', async ({ page, browser }) => {
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks-all-leader-crash');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.getByTestId('share-url').inputValue();
    const other = await browser.newContext({ locale: 'en-US' });
    const them = await other.newPage();
    await openInEnglish(them, url.replace(/^https?:\/\/[^/]+/, ''));
    await expect
      .poll(async () => (await hook(them)).doc['name'])
      .toBe('kafka-acks-all-leader-crash');
    await expect(them.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
      'kafka-acks-all-leader-crash',
    );
    await expect(them.getByTestId('scenario-title')).not.toContainText('edited');
    await other.close();
  });
});

test.describe('minor 16: Step says which event it stepped', () => {
  // main: the Step button moved the clock and said nothing; there was no step back.
  test('en and zh: stepping onto the broker crash says so; Step back re-tells the step before', async ({
    page,
  }) => {
    await openInEnglish(page);
    await computed(page);
    const said = page.getByTestId('step-narration');
    await expect(said).toBeEmpty();
    // The default scenario's broker crashes at 3 s: step from just before it.
    await seekTo(page, 2999);
    const step = page.getByRole('button', { name: 'Step one event' });
    const texts: string[] = [];
    for (let i = 0; i < 40 && !texts.some((x) => /crash/.test(x)); i++) {
      const before = (await hook(page)).frameAtUs;
      await step.click();
      await expect.poll(async () => (await hook(page)).frameAtUs).not.toBe(before);
      await expect(said).toContainText(/^This step: \d+\.\d{3} s /);
      texts.push((await said.textContent()) ?? '');
    }
    expect(texts.find((x) => /crash/.test(x))).toMatch(/broker-1 crashed/);
    await shoot(page, 'step-narration-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect(said).toContainText(/^这一步：\d+\.\d{3}s .*崩溃/);
    // Back one step: the picture and the words of the step before.
    if (texts.length > 1) {
      await page.getByRole('button', { name: '后退一步' }).click();
      await expect(said).not.toContainText('崩溃');
      await expect(said).toContainText(/^这一步：/);
    }
    // Playing on leaves the step's words behind.
    await page.getByRole('button', { name: '播放' }).click();
    await expect(said).toBeEmpty();
  });
});

/** Rows whose log cells run into the offsets written at their end (layout units). */
async function cellsOverMarks(page: Page) {
  return page.locator('.stage-wrap svg g[data-store][data-cells-end]').evaluateAll((els) => {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return ['no canvas'];
    return els.flatMap((el) => {
      const r = el.querySelector('rect.row');
      const x = Number(r?.getAttribute('x'));
      const width = Number(r?.getAttribute('width'));
      const h = Number(r?.getAttribute('height'));
      const px = h < 12 ? Math.max(5, Math.min(8, h - 1)) : 10;
      ctx.font = `${px}px system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif`;
      const end = Number(el.getAttribute('data-cells-end'));
      const marks = el.getAttribute('data-marks') ?? '';
      const marksStart = marks ? x + width - 4 - ctx.measureText(marks).width : x + width;
      return end <= marksStart - 1
        ? []
        : [
            `${el.getAttribute('data-store')}: cells end ${end}, "${marks}" starts ${marksStart} (row ${x}+${width})`,
          ];
    });
  });
}

/** Each drawn replica row: its on-screen height and the offsets written at its end. */
async function presenterRows(page: Page) {
  return page.locator('.stage-wrap svg g[data-store]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-store') ?? '',
      h: el.querySelector('rect.row')?.getBoundingClientRect().height ?? 0,
      marks: el.getAttribute('data-marks') ?? '',
    })),
  );
}

test.describe('presenter: replica rows show LEO and HW', () => {
  // main: presenter mode lays the cluster out small, its rows were "narrow" and showed no offsets.
  test('acks=1 at 1920x1080: every replica row of orders-0 shows its HW, clear of its log cells', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openInEnglish(page);
    await selectPreset(page, 'kafka-acks1-leader-crash');
    await computed(page);
    await seekTo(page, 4000);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect
      .poll(async () => (await presenterRows(page)).map((r) => r.marks))
      .toEqual(expect.arrayContaining([expect.stringMatching(/hw \d+/)]));
    const rows = await presenterRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    await shoot(page, 'presenter-acks1-en-1920x1080');
    expect(await cellsOverMarks(page)).toEqual([]);
    // Each replica's high watermark (the log end offset too where the row has room).
    for (const r of rows) expect(r.marks, r.id).toMatch(/hw \d+/);
  });

  test('heavy scenario at 1920x1080: rows are tall enough to read and carry their HW', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openInEnglish(page);
    await importDoc(page, heavyKafka());
    await expect.poll(async () => (await hook(page)).doc['name']).toBe('bench-heavy');
    await computed(page, 240_000);
    await seekTo(page, 5000);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect.poll(async () => (await presenterRows(page)).length).toBe(90);
    await expect
      .poll(async () => (await presenterRows(page)).filter((r) => /hw \d+/.test(r.marks)).length)
      .toBe(90);
    const rows = await presenterRows(page);
    // main: about 9 layout units (a thin strip); a row must hold a line of text on screen.
    expect(Math.min(...rows.map((r) => r.h))).toBeGreaterThanOrEqual(18);
    await shoot(page, 'presenter-heavy-en-1920x1080');
    expect(await cellsOverMarks(page)).toEqual([]);
  });
});

for (const lang of ['en', 'zh'] as const) {
  for (const size of [
    { width: 390, height: 844 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    test(`screenshots ${lang} ${size.width}x${size.height}: about line, held results, step words`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await openInEnglish(page);
      if (lang === 'zh') await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      const zh = lang === 'zh';
      await page.getByRole('combobox', { name: zh ? '场景' : 'Scenario' }).selectOption('default');
      await computed(page);
      await page.getByRole('tab', { name: zh ? '异常浏览器' : 'Anomaly explorer' }).click();
      await page.getByRole('button', { name: zh ? '单步：一个事件' : 'Step one event' }).click();
      await expect(page.getByTestId('step-narration')).not.toBeEmpty();
      await page.getByTestId('scenario-about').locator('summary').click();
      await shoot(page, `lab-${lang}-${size.width}x${size.height}`);
      // The open description stays inside the window.
      const box = await page.getByTestId('scenario-description').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
    });
  }
}
