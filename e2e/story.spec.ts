import { expect, test, type Locator, type Page } from '@playwright/test';
import { hook, openInEnglish, runToEnd, selectPreset } from './helpers';

/**
 * The anomaly explorer tells what happened to a lost message as sentences (issue 9, item 3): the
 * message's path and its mechanism's causes, tagged as causes, in English and in Chinese; a raw
 * view for experts; a picked sentence is marked on the timeline.
 */

/** Journal kinds and reason codes a learner must never see in the story. */
const RAW =
  /\b(leader-elected|confirm-sent|confirm-received|net-drop|hw-advance|not-on-new-leader|crash-unwritten|reason=|undefined|NaN)\b|\[object/;

async function sentences(story: Locator): Promise<string[]> {
  return story.locator('.sentence').allTextContents();
}

/** The page with the explanation's top in view, then with the story's causes in view. */
async function shoot(page: Page, why: Locator, name: string) {
  await why.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  await why.locator('li.cause').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath(`${name}-story.png`) });
}

test('a lost message’s chain reads as a story, with a raw view and timeline marks', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openInEnglish(page);
  await selectPreset(page, 'kafka-acks1-leader-crash');
  await runToEnd(page);
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  await expect(page.getByTestId('count-lost')).not.toContainText(/^\D*0\D*$/);
  await page.locator('.anomaly-lost button').first().click();
  const why = page.getByTestId('explanation');
  const story = why.getByTestId('story');
  await expect(story.locator('li').first()).toBeVisible();

  const en = await sentences(story);
  expect(en.length).toBeGreaterThan(2);
  for (const s of en) {
    expect(s).toMatch(/[.]$/);
    expect(s).not.toMatch(RAW);
  }
  expect(en.some((s) => /crashed/.test(s))).toBe(true);
  // The crash is there as a cause of the loss, not as a step of the message's path.
  await expect(story.locator('li.cause', { hasText: 'crashed' }).first()).toBeVisible();
  await expect(story.locator('li.cause .tag', { hasText: 'cause' }).first()).toBeVisible();
  await shoot(page, why, 'story-laptop-en');

  // Experts can see the raw journal entries, as before.
  const raw = why.getByRole('checkbox', { name: 'Raw events' });
  await raw.check();
  await expect(why.getByTestId('raw-events')).toContainText('crash');
  await expect(why.getByTestId('raw-events')).toContainText('reason=');
  await expect(story).toHaveCount(0);
  await raw.uncheck();
  await expect(story).toBeVisible();

  // Picking a sentence marks it on the timeline and moves the cursor to it.
  const marks = page.locator('.tl-chain rect');
  await expect(marks).toHaveCount(en.length);
  const step = story.locator('li', { hasText: 'crashed' }).first().getByRole('button');
  await step.click();
  await expect(step).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.tl-chain rect.selected')).toHaveCount(1);
  const at = await step.locator('time').textContent();
  const us = Math.round(Number((at ?? '').replace(/[^\d.]/g, '')) * 1e6);
  await expect.poll(async () => Math.abs((await hook(page)).tUs - us)).toBeLessThan(1000);

  // The same story in Chinese.
  await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  await expect(why.getByRole('checkbox', { name: '原始事件' })).toBeVisible();
  const zh = await sentences(story);
  expect(zh.length).toBe(en.length);
  for (const s of zh) {
    expect(s).toMatch(/。$/);
    expect(s).not.toMatch(RAW);
  }
  expect(zh.some((s) => s.includes('崩溃'))).toBe(true);
  await expect(story.locator('li.cause .tag', { hasText: '起因' }).first()).toBeVisible();
  await shoot(page, why, 'story-laptop-zh');

  // A phone: the story stays readable in a narrow column.
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, why, 'story-phone-zh');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(story.locator('.sentence').first()).toBeVisible();
  await shoot(page, why, 'story-phone-en');
  // Nothing of the story is cut off or pushed sideways.
  expect(await story.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  const box = await story.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 391).toBe(true);
});
