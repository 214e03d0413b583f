/**
 * The I1 lesson (Kafka vs RabbitMQ vs RocketMQ) walked in zh and en: a wrong prediction about
 * what each system loses under the same leader crash, committed, then contradicted by the reveal;
 * the run step's compare mode with one column per system, each saying which node the role fault
 * hit there; screenshots of those three columns at 1366x768 and 390x844.
 *
 * Which choice is wrong is worked out in Node by the same engine and judge the page uses
 * (`lesson-helpers.ts`, which runs every system of the lesson): nothing here hard-codes an outcome.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSON_STRINGS } from '../src/i18n/lessons';
import { lesson, openHome, player, stepTo } from './lesson-helpers';

const ID = 'i1-compare-brokers';
// Each system's run, label and mapped node, from the loader in Node (`src/cli/lessons.ts --json`).
const SYSTEMS = lesson(ID).systems;

async function commitWrong(page: Page, lang: 'en' | 'zh', predict: string): Promise<string> {
  const p = lesson(ID).predictions.find((x) => x.id === predict);
  const wrong = p?.choices.find((c) => !p.trueChoices.includes(c.id));
  if (!p || !wrong) throw new Error(`no wrong choice for ${predict}`);
  await stepTo(page, p.index, lang);
  await expect(player(page)).toHaveAttribute('data-kind', 'predict');
  await expect(page.locator('#tab-anomalies')).toBeHidden();
  await page.getByRole('radio', { name: wrong.text[lang], exact: true }).check();
  await page.getByRole('button', { name: LESSON_STRINGS[lang].commit }).click();
  await expect(page.getByTestId('committed')).toContainText(wrong.text[lang]);
  return wrong.text[lang];
}

for (const [lang, size] of [
  ['en', { width: 1366, height: 768 }],
  ['zh', { width: 390, height: 844 }],
] as const) {
  test(`${ID} (${lang}): three systems, one crash by role; the reveal contradicts a wrong prediction`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    const t = LESSON_STRINGS[lang];
    const l = lesson(ID);
    await openHome(page, lang);
    await page.locator(`li[data-lesson="${ID}"] button`).click();
    await expect(player(page)).toHaveAttribute('data-lesson', ID);
    await expect(player(page)).toContainText(l.question[lang]);
    const lossWrong = await commitWrong(page, lang, 'loss');
    await commitWrong(page, lang, 'replay');

    // The run step: the mapping of the role fault, and the systems side by side.
    const runAt = l.kinds.indexOf('run');
    await stepTo(page, runAt, lang);
    const mapping = page.getByTestId('systems-mapping');
    for (const x of SYSTEMS) await expect(mapping).toContainText(x.how[lang]);
    await page.getByTestId('systems-compare').click();
    const compare = page.getByTestId('compare');
    await expect(compare).toBeVisible();
    await expect(compare.locator('section.cmp-col')).toHaveCount(SYSTEMS.length);
    for (const [i, x] of SYSTEMS.entries()) {
      const col = page.getByTestId(`compare-col-${i}`);
      await expect(col).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
      await expect(page.getByTestId(`compare-system-${i}`)).toContainText(x.system);
      await expect(page.getByTestId(`compare-system-${i}`)).toContainText(x.how[lang]);
    }
    // The systems differ somewhere (what they lose, what the late consumer gets).
    await expect(compare.locator('tr.differs').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`i1-compare-${lang}-${size.width}.png`) });
    await page.screenshot({
      path: test.info().outputPath(`i1-compare-${lang}-${size.width}-full.png`),
      fullPage: true,
    });
    await page.getByTestId('compare-close').click();
    await expect(compare).toBeHidden();
    await expect(player(page)).toHaveAttribute('data-step', String(runAt + 1));

    // The reveal judges the committed answer on all three runs.
    const reveal = l.predictions.find((x) => x.id === 'loss')?.reveal ?? -1;
    await stepTo(page, reveal, lang);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'false', { timeout: 120_000 });
    await expect(verdict).toContainText(t.wrong);
    await expect(verdict).toContainText(lossWrong);
    for (const x of SYSTEMS.slice(1)) await expect(verdict).toContainText(x.label[lang]);
    await page.screenshot({ path: test.info().outputPath(`i1-reveal-${lang}-${size.width}.png`) });

    // The note says throughput is not modelled and names its source.
    await stepTo(page, l.kinds.indexOf('note'), lang);
    await expect(player(page)).toContainText('confluent.io/blog/kafka-fastest-messaging-system');
  });
}
