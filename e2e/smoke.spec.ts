import { expect, test } from '@playwright/test';

test('the app loads and shows its title heading', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto('/');

  await expect(page.getByRole('heading', { name: 'Brokerlab', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/Brokerlab/);
  expect(consoleErrors).toEqual([]);
});
