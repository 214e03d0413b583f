import { expect, test } from '@playwright/test';
import { openInEnglish, runToEnd, selectPreset } from './helpers';

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

test('dead-lettered messages are set aside, not lost, and each says why', async ({ page }) => {
  await openInEnglish(page);
  await selectPreset(page, 'rabbitmq-f2-ttl-dlx');
  await runToEnd(page);
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  await expect(page.getByTestId('count-lost')).toContainText(/^\D*0\D*lost/);
  const aside = page.getByTestId('set-aside');
  await expect(aside).toContainText('Set aside by a broker policy (not lost)');
  await aside.locator('summary').click();
  await expect(aside.locator('li').first()).toContainText('dead-letter exchange parking');
});
