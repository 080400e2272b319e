import { expect, test, type Page } from '@playwright/test';
import { ADMIN_KEY, call, screenshot, signIn, unique } from './support';

/** A graph that runs: the trigger's `name` upper-cased, then echoed. */
function greeting(name: string, shout = 'TextOperation.Uppercase') {
  return {
    name,
    nodes: [
      { id: 'trigger', nodeId: 'trigger.manual', label: 'Start', position: { x: 0, y: 0 }, config: { inputs: [{ name: 'name', type: 'text' }] } },
      { id: 'shout', nodeId: shout, label: 'Shout', position: { x: 300, y: 0 }, config: {} },
      { id: 'echo', nodeId: 'Echo', label: 'Echo', position: { x: 600, y: 0 } },
    ],
    connections: [
      { sourceNodeId: 'trigger', sourcePort: 'name', targetNodeId: 'shout', targetPort: 'text' },
      { sourceNodeId: 'shout', sourcePort: 'output', targetNodeId: 'echo', targetPort: 'input' },
    ],
    settings: { timeout: 60 },
  };
}

async function newWorkflow(request: Parameters<typeof call>[0], prefix: string): Promise<{ id: string; name: string }> {
  const name = unique(prefix);
  const { workflowId } = await call<{ workflowId: string }>(request, 'POST', '/api/v1/workflows', greeting(name));
  return { id: workflowId, name };
}

async function openVersions(page: Page, id: string, name: string) {
  await signIn(page);
  await page.goto(`/#/workflows/${id}/versions`);
  await expect(page.getByRole('heading', { level: 1, name: `Versions of ${name}` })).toBeVisible();
}

const headerStatus = (page: Page) => page.locator('.page-head .badge');

test('an API key shows its secret once; a read-only key gets no New workflow button; revoking it signs it out', async ({ page, browser }) => {
  const name = unique('reader key');
  await signIn(page);
  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('dialog', { name: 'New API key' });
  await form.getByLabel('Name').fill(name);
  await expect(form.getByRole('checkbox', { name: /workflows:read/ })).toBeChecked();
  await form.getByRole('button', { name: 'Create key' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(shown).toContainText("you won't see it again");
  const secret = await shown.getByLabel(/Secret of/).inputValue();
  expect(secret).toMatch(/^dfp_/);
  await expect(shown.getByRole('button', { name: 'Copy' })).toBeVisible();
  await screenshot(page, 'api-keys');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).toContainText('workflows:read');
  expect(await page.content()).not.toContain(secret);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(secret);

  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await signIn(reader, secret);
  await expect(reader.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
  await expect(reader.getByRole('link', { name: 'New workflow' })).toHaveCount(0);
  await expect(reader.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  await expect(reader.getByRole('link', { name: 'Organization' })).toHaveCount(0);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke “${name}”?` });
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);

  await reader.reload();
  await expect(reader.getByLabel('API key')).toBeVisible();
  await readerContext.close();
});

test('a credential value is written once and never shown back', async ({ page, request }) => {
  const name = `e2e_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const value = `s3cr3t-${Math.random().toString(36).slice(2)}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Credentials' }).click();
  await page.getByRole('button', { name: 'New credential' }).click();
  const form = page.getByRole('dialog', { name: 'New credential' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('combobox', { name: 'Type' }).fill('http');
  await expect(form.getByLabel('Field 1 name')).toHaveValue('token');
  const secretInput = form.getByLabel('Field 1 value');
  await expect(secretInput).toHaveAttribute('type', 'password');
  await secretInput.fill(value);
  await form.getByLabel('Usable by').selectOption('organization');
  await form.getByRole('button', { name: 'Save credential' }).click();

  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('token');
  await expect(row).toContainText('any key');
  await expect(page.getByRole('status').filter({ hasText: `Saved the credential ${name}` })).toBeVisible();
  expect(await page.content()).not.toContain(value);
  await screenshot(page, 'credentials');
  const stored = await call<{ fields: string[]; usableBy: string }>(request, 'GET', `/api/v1/credentials/${name}`);
  expect(stored.fields).toEqual(['token']);
  expect(stored.usableBy).toBe('organization');

  // A second one of the same name is refused on the name field.
  await page.getByRole('button', { name: 'New credential' }).click();
  const again = page.getByRole('dialog', { name: 'New credential' });
  await again.getByLabel('Name', { exact: true }).fill(name);
  await again.getByLabel('Field 1 name').fill('token');
  await again.getByLabel('Field 1 value').fill('other');
  await again.getByRole('button', { name: 'Save credential' }).click();
  await expect(again.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(again).toContainText('already exists');
  await again.getByRole('button', { name: 'Cancel' }).click();

  // Replacing starts from the field names with empty values: nothing of the value comes back.
  await row.getByRole('button', { name: `Replace ${name}` }).click();
  const replace = page.getByRole('dialog', { name: `Replace “${name}”` });
  await expect(replace.getByLabel('Field 1 name')).toHaveValue('token');
  await expect(replace.getByLabel('Field 1 value')).toHaveValue('');
  await replace.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog', { name: `Delete “${name}”?` }).getByRole('button', { name: 'Delete credential' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

test('a workflow is shared with a user of the organization, then no longer', async ({ page, request }) => {
  const { id, name } = await newWorkflow(request, 'Shared');
  const userName = unique('Grace');
  const user = await call<{ id: string }>(request, 'POST', '/api/v1/users', { name: userName });
  await openVersions(page, id, name);

  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: `Share “${name}”` });
  await expect(dialog).toContainText('Not shared with anyone yet.');
  await dialog.getByLabel('User').selectOption({ label: userName });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: userName })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText(`Shared with ${userName}`);
  await screenshot(page, 'share');
  const shared = await call<{ sharedWith: { userId: string }[] }>(request, 'GET', `/api/v1/workflows/${id}/share`);
  expect(shared.sharedWith.map((s) => s.userId)).toEqual([user.id]);

  await dialog.getByRole('button', { name: `Stop sharing with ${userName}` }).click();
  await expect(dialog).toContainText('Not shared with anyone yet.');
  const after = await call<{ sharedWith: unknown[] }>(request, 'GET', `/api/v1/workflows/${id}/share`);
  expect(after.sharedWith).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share…' })).toBeFocused();
});

test('deploying makes a workflow active; a change the lifecycle refuses shows what it allows', async ({ page, request }) => {
  const { id, name } = await newWorkflow(request, 'Deployed');
  await openVersions(page, id, name);
  await expect(headerStatus(page)).toHaveText('draft');

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(headerStatus(page)).toHaveText('active');
  await expect(page.getByRole('status').filter({ hasText: 'Deployed' })).toBeVisible();
  expect((await call<{ status: string }>(request, 'GET', `/api/v1/workflows/${id}`)).status).toBe('active');
  await expect(page.getByRole('row').filter({ hasText: 'deployed' })).toContainText('v1');

  // Someone archives it meanwhile; this page still offers to pause it, and the server refuses.
  await call(request, 'PUT', `/api/v1/workflows/${id}/status`, { status: 'archived' });
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Pause' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cannot be set to paused');
  await expect(page.getByText('Allowed now:')).toBeVisible();
  await expect(headerStatus(page)).toHaveText('archived');
  await page.getByRole('button', { name: 'Set to draft' }).click();
  await expect(headerStatus(page)).toHaveText('draft');
  expect((await call<{ status: string }>(request, 'GET', `/api/v1/workflows/${id}`)).status).toBe('draft');
});

test('two tagged versions are compared side by side, showing the node that changed', async ({ page, request }) => {
  const { id, name } = await newWorkflow(request, 'Compared');
  await openVersions(page, id, name);
  await page.getByRole('textbox', { name: 'Tag' }).fill('v1.0.0');
  await page.getByRole('textbox', { name: 'Description' }).fill('first release');
  await page.getByRole('button', { name: 'Tag version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 2 tagged v1.0.0' })).toBeVisible();

  // A tag the workflow already has is refused on the tag field.
  await page.getByRole('textbox', { name: 'Tag' }).fill('v1.0.0');
  await page.getByRole('button', { name: 'Tag version' }).click();
  await expect(page.getByRole('textbox', { name: 'Tag' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#version-tag-error')).toContainText("already has a version tagged 'v1.0.0'");

  await call(request, 'PUT', `/api/v1/workflows/${id}`, { ...greeting(name, 'TextOperation.Lowercase'), settings: { timeout: 90 } });
  await page.reload();
  await page.getByRole('textbox', { name: 'Tag' }).fill('v2.0.0');
  await page.getByRole('button', { name: 'Tag version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 4 tagged v2.0.0' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Compare', exact: true }).selectOption({ label: 'v2 (v1.0.0)' });
  await page.getByRole('combobox', { name: 'with', exact: true }).selectOption({ label: 'v4 (v2.0.0)' });
  const compare = page.locator('.version-compare');
  await expect(compare.getByRole('heading', { name: 'v2 (v1.0.0) → v4 (v2.0.0)' })).toBeVisible();
  await expect(compare).toContainText('1 node changed · 1 setting changed');
  const changed = compare.locator('.diff-node[data-node="shout"]');
  const typeRow = changed.getByRole('row').filter({ hasText: 'type' });
  await expect(typeRow).toContainText('"TextOperation.Uppercase"');
  await expect(typeRow).toContainText('"TextOperation.Lowercase"');
  await expect(compare.getByRole('table', { name: 'Changes of the settings' })).toContainText('90');
  await expect(compare.locator('.version-canvas .diff-node-changed')).toHaveCount(2);
  expect(page.url()).toContain('from=2');
  await compare.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.compare-picker')?.scrollIntoView());
  await screenshot(page, 'versions-compare');
});

test('the webhook signing secret is read only when an administrator asks for it', async ({ page, request }) => {
  const { webhook_signing_secret: secret } = await call<{ webhook_signing_secret: string }>(request, 'GET', '/organization');
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/organization') asked.push(r.url());
  });
  await signIn(page);
  await page.getByRole('link', { name: 'Organization' }).click();
  await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toBeVisible();
  expect(asked).toEqual([]);
  expect(await page.content()).not.toContain(secret);

  await page.getByRole('button', { name: 'Show webhook signing secret' }).click();
  await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(secret);
  expect(asked).toHaveLength(1);
  await page.getByRole('button', { name: 'Hide the secret' }).click();
  await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test('a workflow is duplicated into a copy, marked as a template, and deleted after confirming', async ({ page, request }) => {
  const { id, name } = await newWorkflow(request, 'Copied');
  await openVersions(page, id, name);

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Mark as template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Marked as a template.' })).toBeVisible();
  expect((await call<{ isTemplate: boolean }>(request, 'GET', `/api/v1/workflows/${id}`)).isTemplate).toBe(true);

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(page).toHaveURL(/#\/workflows\/wf-[^/]+$/);
  const copyId = new URL(page.url()).hash.split('/').pop()!;
  expect(copyId).not.toBe(id);
  const copy = await call<{ name: string; status: string; isTemplate: boolean }>(request, 'GET', `/api/v1/workflows/${copyId}`);
  expect(copy).toMatchObject({ name: `${name} (copy)`, status: 'draft', isTemplate: false });

  await page.goto(`/#/workflows/${id}/versions`);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete “${name}”?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: `Delete “${name}”?` }).getByRole('button', { name: 'Delete workflow' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
  const gone = await request.get(`/api/v1/workflows/${id}`, { headers: { 'X-API-Key': ADMIN_KEY } });
  expect(gone.status()).toBe(404);
  await call(request, 'DELETE', `/api/v1/workflows/${copyId}`);
});
