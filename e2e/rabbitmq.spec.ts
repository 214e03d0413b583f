import { expect, test } from '@playwright/test';
import { openInEnglish, selectPreset } from './helpers';

test('a RabbitMQ preset draws its exchange and the bindings to its queues, with their keys', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'rabbitmq-g3-topic-wildcards');
  const exchange = page.locator('g.node[data-role="exchange"]');
  await expect(exchange.first()).toBeVisible();
  const bindings = page.locator('g.bindings g.binding');
  await expect(bindings).toHaveCount(4);
  await expect(page.locator('g.bindings text', { hasText: 'order.#' })).toBeVisible();
  await page.getByRole('button', { name: 'Run to end' }).click();
  await page.screenshot({ path: test.info().outputPath('rabbitmq-topic.png') });
});
