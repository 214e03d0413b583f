/**
 * Lessons end to end: the home (curriculum map beside the lab), one lesson per theme walked in zh
 * and en with a prediction the run contradicts, a lesson step addressable by URL, a malformed
 * lesson, and screenshots of the home and a lesson at phone, laptop and projector sizes.
 *
 * Which choice is wrong is worked out here, in Node, by the same engine and judge the page uses:
 * the test never hard-codes an outcome.
 */
import { expect, test } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, setLang, stepTo, wrongChoice } from './lesson-helpers';

/** A lesson per theme in each language (with the walks of lessons-compare, lessons-rocketmq and models). */
const WALKS: [string, 'en' | 'zh'][] = [
  ['a1-decoupling', 'zh'],
  ['b4-autoack-vs-manual', 'en'],
  ['c3-idempotent-producer', 'zh'],
  ['d4-retry-reordering', 'en'],
  ['e4-replication', 'zh'],
  ['f3-queue-full', 'en'],
  ['g3-topic-wildcards', 'zh'],
  // The other language of each theme (a2, b1, g4, e5 and h9 are walked in their own specs).
  ['c1-duplicates', 'en'],
  ['d3-key-ordering', 'zh'],
  ['f2-ttl-dlx', 'zh'],
  ['i3-push-pull', 'zh'],
  ['i3-push-pull', 'en'],
];

for (const [id, lang] of WALKS) {
  test(`${id} (${lang}): a wrong prediction, committed, is contradicted by the reveal`, async ({
    page,
  }) => {
    // e4's run is the longest (40 s of a cut-off leader); on a shared machine it can take a while.
    test.setTimeout(180_000);
    const l = lesson(id);
    const t = LESSON_STRINGS[lang];
    const { p, index, wrong } = wrongChoice(l);
    await openHome(page, lang);
    await page.locator(`li[data-lesson="${id}"] button`).click();
    await expect(player(page)).toHaveAttribute('data-lesson', id);
    await expect(player(page)).toContainText(l.question[lang]);
    // The lab beside it runs the lesson's scenario.
    await expect(page.getByRole('button', { name: lang === 'en' ? 'Play' : '播放' })).toBeVisible();
    await stepTo(page, index, lang, lang === 'zh');
    await expect(player(page)).toHaveAttribute('data-kind', 'predict');
    // Nothing of the outcome shows before the commit: no result tabs, no Next.
    await expect(page.locator('#tab-anomalies')).toBeHidden();
    await expect(page.locator('#tab-metrics')).toBeHidden();
    await expect(page.getByTestId('scenario-title')).toBeHidden();
    await expect(page.getByRole('button', { name: t.next, exact: true })).toBeDisabled();
    const text = wrong.text[lang];
    await page.getByRole('radio', { name: text, exact: true }).check();
    await page.getByRole('button', { name: t.commit }).click();
    await expect(page.getByTestId('committed')).toContainText(text);
    // Chinese text takes Chinese punctuation (the glossary's rule), not ": " and ". ".
    if (lang === 'zh') await expect(page.getByTestId('committed')).toContainText(`：${text}。`);
    // Results show once every prediction of the lesson is committed (a later one may ask about them).
    const more = l.predictions.filter((x) => x.kind === 'predict').length > 1;
    await expect(page.locator('#tab-anomalies')).toBeVisible({ visible: !more });
    const reveal = p.reveal ?? -1;
    await stepTo(page, reveal, lang);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 90_000 });
    await expect(verdict).toContainText(t.wrong);
    await expect(verdict).toContainText(text);
    // The lesson and step are in the URL; a reload comes back to the same step with the answer.
    await expect(page).toHaveURL(new RegExp(`#lesson=${id}&step=${reveal + 1}$`));
    await page.reload();
    await expect(player(page)).toHaveAttribute('data-step', String(reveal + 1));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-right', 'false', {
      timeout: 90_000,
    });
  });
}

test('b4 (en): the run stops at its pause point, and a vary step shows both runs', async ({
  page,
}) => {
  const id = 'b4-autoack-vs-manual';
  const l = lesson(id);
  const t = LESSON_STRINGS.en;
  const { index, right } = wrongChoice(l);
  const run = l.kinds.indexOf('run');
  const vary = l.kinds.indexOf('vary');
  await page.goto(`/#lesson=${id}&step=${index + 1}`);
  await setLang(page, 'en');
  await expect(player(page)).toHaveAttribute('data-kind', 'predict');
  await page.locator(`input[type=radio][value="${right[0]}"]`).check();
  await page.getByRole('button', { name: t.commit }).click();
  await stepTo(page, run, 'en');
  await page.getByRole('button', { name: new RegExp(t.play) }).click();
  await expect(page.getByTestId('pause-point')).toContainText('Both consumers crash now', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('clock')).toHaveAttribute('data-us', '2000000');
  await stepTo(page, run + 1, 'en');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-right', 'true');
  // Answer the second prediction, then go on to the vary step.
  const second = l.kinds.findIndex((k, i) => i > run && k === 'predict');
  await stepTo(page, second, 'en');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: t.commit }).click();
  await stepTo(page, vary, 'en');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: t.commit }).click();
  const table = page.getByTestId('vary-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.locator('tr.differs')).not.toHaveCount(0);
});

test('a malformed lesson file and an unknown lesson show an error and keep progress', async ({
  page,
}) => {
  const t = LESSON_STRINGS.en;
  await openHome(page, 'en');
  // Some progress first.
  await page.locator('li[data-lesson="c1-duplicates"] button').click();
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await page.getByRole('button', { name: `← ${t.toHome}` }).click();
  // A lesson whose narration points at a node its scenario does not have.
  const bad = {
    version: 1,
    id: 'broken',
    topic: 'C1',
    theme: 'duplicates',
    title: { en: 'Broken', zh: '坏的' },
    questions: [{ en: 'Why?', zh: '为什么？' }],
    scenario: { preset: 'kafka-c1-duplicates' },
    steps: [
      { kind: 'narrate', text: { en: 'x', zh: '看' }, highlight: [{ node: 'ghost' }] },
      { kind: 'run' },
    ],
  };
  await page.getByLabel(t.openFile).setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const err = page.getByTestId('lesson-error');
  await expect(err).toContainText('steps.0.highlight.0.node');
  await expect(err).toContainText('no node named "ghost"');
  await expect(err).toContainText(t.errorKept);
  await page.goto('/#lesson=no-such-lesson&step=2');
  await setLang(page, 'en');
  await expect(page.getByTestId('lesson-error')).toContainText('no-such-lesson');
  await page.getByRole('button', { name: t.toHome }).click();
  await expect(page.locator('li[data-lesson="c1-duplicates"] button')).toContainText(
    t.resume(2, lesson('c1-duplicates').steps),
  );
});

test('a share link and a dismissed home open straight on the lab', async ({ page }) => {
  await openHome(page, 'en');
  await page.getByLabel(LESSON_STRINGS.en.hideHome).check();
  await page.getByRole('button', { name: LESSON_STRINGS.en.openLab }).click();
  await expect(page.getByRole('tab', { name: 'Anomaly explorer' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Anomaly explorer' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

const SIZES = [
  ['phone', 390, 844],
  ['laptop', 1366, 768],
  ['projector', 1920, 1080],
] as const;

for (const [name, width, height] of SIZES)
  for (const lang of ['en', 'zh'] as const)
    test(`screenshots: home and a lesson, ${name} ${lang}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await openHome(page, lang);
      await page.screenshot({ path: test.info().outputPath(`home-${name}-${lang}.png`) });
      const l = lesson('b5-no-loss-recipe');
      const { index, wrong } = wrongChoice(l);
      await page.goto(`/#lesson=b5-no-loss-recipe&step=${index + 1}`);
      await expect(player(page)).toHaveAttribute('data-kind', 'predict');
      await page.screenshot({ path: test.info().outputPath(`predict-${name}-${lang}.png`) });
      await page.locator(`input[type=radio][value="${wrong.id}"]`).check();
      await page.getByRole('button', { name: LESSON_STRINGS[lang].commit }).click();
      const reveal = l.kinds.indexOf('reveal');
      await page.goto(`/#lesson=b5-no-loss-recipe&step=${reveal + 1}`);
      await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 });
      await page.screenshot({ path: test.info().outputPath(`reveal-${name}-${lang}.png`) });
    });
