import { expect, test } from '@playwright/test';
import { hook, openInEnglish, runToEnd, seekTo, selectPreset } from './helpers';

/**
 * RocketMQ in the lab: the About tab says where the model simplifies (zh and en), a consumer's
 * group is called a consumer group, and the fault menu's "crash after processing" works on a
 * RocketMQ consumer (it duplicates what the consumer did since its last 5 s offset persist).
 */
test('RocketMQ: the model says what it leaves out, in English and Chinese', async ({ page }) => {
  await openInEnglish(page);
  await selectPreset(page, 'rocketmq-h5-rebalance');
  await page.getByRole('tab', { name: 'About this run' }).click();
  const note = page.getByTestId('model-note');
  await expect(note).toHaveAttribute('data-system', 'rocketmq');
  await expect(note).toContainText('What this model leaves out');
  await expect(note).toContainText('No DLedger');
  await expect(note).toContainText('No message tracing');
  await expect(note).toContainText('SQL92');
  await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  await expect(note).toContainText('这个模型省略了什么');
  await expect(note).toContainText('没有 DLedger');
  await expect(note).toContainText('没有消息轨迹');
});

test('RocketMQ: a consumer’s group is a consumer group; crash after processing duplicates', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'rocketmq-h5-rebalance');
  await runToEnd(page);
  await page.locator('g.node[data-node="c2"]').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByTestId('inspector')).toContainText('consumer group: g1');
  // Take the preset's own faults off, then crash c2 after processing at 7.5 s by the menu.
  const markers = page.getByRole('button', { name: /^Faults: / });
  while ((await markers.count()) > 0) {
    await markers.first().focus();
    await page.keyboard.press('Delete');
    await expect
      .poll(async () => ((await hook(page)).doc['faults'] as unknown[]).length)
      .toBe(await markers.count());
  }
  await seekTo(page, 7500);
  await page.locator('g.node[data-node="c2"]').click({ button: 'right' });
  await page
    .getByRole('menuitem', { name: 'Crash after processing its next message, before acking' })
    .click();
  await expect
    .poll(async () => (await hook(page)).doc['faults'])
    .toContainEqual({ atMs: 7500, type: 'crash', node: 'c2', when: 'after-process' });
  await runToEnd(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  await expect
    .poll(async () =>
      Number(await page.getByTestId('count-duplicated').locator('.n').textContent()),
    )
    .toBeGreaterThan(0);
  await expect(page.getByText('consumer group').first()).toBeVisible();
});
