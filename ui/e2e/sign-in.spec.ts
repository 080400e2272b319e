import { expect, test } from '@playwright/test';
import { call, screenshot, signIn, unique } from './support';

test('a wrong key is refused on the form and nothing is kept', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('API key').fill('dfp_not_a_key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('does not accept this API key');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await screenshot(page, 'sign-in');
});

test('signing in shows the workflows with their status, and signing out forgets the key', async ({ page, request }) => {
  const name = unique('Listed');
  await call(request, 'POST', '/api/v1/workflows', { name, tags: ['e2e'], nodes: [], connections: [] });
  await signIn(page);
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('draft');
  await expect(row).toContainText('e2e');
  await expect(row).toContainText('never run');
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await screenshot(page, 'workflows');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('the key stays for the tab only: a reload keeps the session, a new tab asks again', async ({ page, context }) => {
  await signIn(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByLabel('API key')).toBeVisible();
});
