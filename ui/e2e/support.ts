import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The admin key of the server under test (UiEndToEndTests passes it). */
export const ADMIN_KEY = process.env.DATAFLOW_UI_KEY ?? '';

/** Where the main screens' screenshots go: build artifacts, referenced by the README, never committed. */
const SCREENSHOTS = process.env.DATAFLOW_UI_SCREENSHOTS;

/** Signs in through the sign-in form with a key (the admin key unless another is given). */
export async function signIn(page: Page, key: string = ADMIN_KEY): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
}

/** Saves a screenshot of the page under a name (one of the screens the README shows). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}

/** Calls the API with the admin key, for setting up what a test needs. */
export async function call<T>(request: APIRequestContext, method: string, path: string, body?: unknown): Promise<T> {
  const response = await request.fetch(path, {
    method,
    headers: { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A name no other test uses, so tests sharing one server keep apart. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
