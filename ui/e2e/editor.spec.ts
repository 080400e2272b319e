import { expect, test } from '@playwright/test';
import { canvasNode, connectPorts, dragFromPalette, finishedExecution, inspector } from './editor-support';
import { call, screenshot, signIn, unique } from './support';

interface V1Execution {
  status: string;
  nodes: Record<string, { status: string; output: { text?: unknown } | null }>;
}

test('seed 000 built on the canvas by dragging and connecting is saved and runs to the reversed greeting', async ({ page, request }) => {
  const name = unique('Reversed greeting');
  await signIn(page);
  await page.goto('/#/workflows/new');
  await expect(page.getByText('The canvas is empty.')).toBeVisible();
  await page.getByLabel('Name').fill(name);

  await dragFromPalette(page, 'StaticTextInput', { x: 30, y: 40 });
  await expect(canvasNode(page, 'static_text_input')).toBeVisible();
  await inspector(page).getByLabel('text', { exact: true }).fill('Hello, world!');
  await dragFromPalette(page, 'TextOperation.Reverse', { x: 330, y: 160 });
  await dragFromPalette(page, 'Echo', { x: 60, y: 300 });
  await expect(canvasNode(page, 'reverse')).toBeVisible();
  await expect(canvasNode(page, 'echo')).toBeVisible();

  await connectPorts(page, ['static_text_input', 'text'], ['reverse', 'text']);
  await expect(page.getByRole('status').filter({ hasText: 'Connected static_text_input.text to reverse.text' })).toBeVisible();
  await connectPorts(page, ['reverse', 'text'], ['echo', 'text']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  // Every required input has a value or a connection: no node shows a problem.
  await expect(page.locator('.task-node.has-problems')).toHaveCount(0);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 1.' })).toBeVisible();
  await expect(page).toHaveURL(/#\/workflows\/wf-/);
  const id = /#\/workflows\/(wf-[^/?]+)/.exec(page.url())![1];
  await expect(page.getByRole('link', { name: 'Run' })).toHaveAttribute('href', `#/workflows/${id}/run`);
  await page.getByRole('button', { name: 'Arrange' }).click();
  await expect(page.getByText('unsaved changes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();
  await canvasNode(page, 'static_text_input').click();
  await expect(inspector(page).getByLabel('text', { exact: true })).toHaveValue('Hello, world!');
  await screenshot(page, 'editor');

  const saved = await call<{ nodes: { id: string; config: Record<string, unknown> }[]; connections: unknown[] }>(request, 'GET', `/api/v1/workflows/${id}`);
  expect(saved.nodes.map((n) => n.id)).toEqual(['static_text_input', 'reverse', 'echo']);
  expect(saved.nodes[0].config).toEqual({ text: 'Hello, world!' });
  expect(saved.connections).toHaveLength(2);

  // Run it from the editor and watch it on its graph: the Echo node shows the reversed greeting.
  await page.getByRole('link', { name: 'Run' }).click();
  await expect(page).toHaveURL(new RegExp(`#/workflows/${id}/run$`));
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page).toHaveURL(/#\/executions\/ex-/);
  const echo = page.locator('.run-canvas [data-node-id="echo"]');
  await expect(echo).toHaveAttribute('data-status', 'completed');
  await expect(echo.getByTestId('node-output')).toHaveText('!dlrow ,olleH');
  const executionId = /#\/executions\/(ex-[^/?]+)/.exec(page.url())![1];
  const execution = await finishedExecution<V1Execution>(request, `/api/v1/executions/${executionId}`, ['completed', 'failed', 'terminated']);
  expect(execution.status).toBe('completed');
  expect(execution.nodes.echo.output).toEqual({ text: '!dlrow ,olleH' });
});

test('a connection between ports of different types is refused, saying why', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/workflows/new');
  await dragFromPalette(page, 'TextOperation.Length', { x: 30, y: 60 });
  await dragFromPalette(page, 'TextOperation.Reverse', { x: 340, y: 60 });
  await expect(canvasNode(page, 'reverse')).toBeVisible();

  await connectPorts(page, ['length', 'length'], ['reverse', 'text']);
  const status = page.locator('.canvas-status');
  await expect(status).toHaveText('Not connected: length gives an integer, text takes a text.');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // A text output fits: the same input takes it.
  await dragFromPalette(page, 'StaticTextInput', { x: 30, y: 260 });
  await connectPorts(page, ['static_text_input', 'text'], ['reverse', 'text']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  // and a second connection into the same input is refused too
  await connectPorts(page, ['length', 'output'], ['reverse', 'text']);
  await expect(status).toContainText('text of reverse is already fed by static_text_input.text');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // A selected connection goes with Delete; the input is then without a value again.
  await page.locator('.react-flow__edge').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(canvasNode(page, 'reverse')).toContainText('text is required');
});

test('the server’s problems are shown on the node, in the inspector and on the header field they name', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/workflows/new');
  await dragFromPalette(page, 'TextOperation.Reverse', { x: 60, y: 60 });
  const reverse = canvasNode(page, 'reverse');
  await expect(reverse).toContainText('text is required');

  await page.getByRole('button', { name: 'Save' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Not saved: the server found 2 problems.' });
  await expect(summary).toContainText('Name: must not be blank');
  await expect(summary).toContainText("Node reverse: node 'reverse' (TextOperation.Reverse) needs input 'text'");
  await expect(reverse).toContainText("node 'reverse' (TextOperation.Reverse) needs input 'text' (text)");
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.editor-meta')).toContainText('must not be blank');
  await expect(inspector(page).getByRole('alert')).toContainText("needs input 'text' (text): give it in config or connect an output to it");
  await screenshot(page, 'editor-problems');

  // Fixing the node clears the server's problem there; the saved workflow has its own page.
  await inspector(page).getByLabel('text', { exact: true }).fill('stressed');
  await expect(reverse).not.toContainText('needs input');
  await page.getByLabel('Name').fill(unique('Fixed'));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 1.' })).toBeVisible();
});

test('a node is added from the palette with the keyboard alone', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/workflows/new');
  const search = page.getByLabel('Search task types');
  await search.focus();
  await page.keyboard.type('TextOperation');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: /TextOperation\.Concat/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const length = page.getByRole('option', { name: /TextOperation\.Length/ });
  await expect(length).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(canvasNode(page, 'length')).toBeVisible();
  await expect(page.locator('.canvas-status')).toHaveText('Added length (TextOperation.Length).');
  await expect(inspector(page).getByRole('heading', { name: 'length' })).toBeVisible();
  // Enter again adds a second one with its own id, and the focus stays in the list.
  await page.keyboard.press('Enter');
  await expect(canvasNode(page, 'length_2')).toBeVisible();
  await expect(length).toBeFocused();
});

test('a seed 000 workflow opens as a graph, and after a label is changed and saved it still runs through /workflows', async ({ page, request }) => {
  const name = unique('Dummy');
  const created = await call<{ workflow_id: string }>(request, 'POST', '/workflows', {
    name,
    steps: [{ type: 'StaticTextInput', input: 'Hello, world!' }, { type: 'TextOperation.Reverse' }, { type: 'Echo' }],
  });
  const id = created.workflow_id;
  await signIn(page);
  await page.goto(`/#/workflows/${id}`);
  await expect(page.getByRole('note')).toContainText('written through /workflows as linear steps');
  for (const node of ['trigger', 'step_1', 'step_2', 'step_3']) await expect(canvasNode(page, node)).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await canvasNode(page, 'step_2').click();
  await expect(inspector(page)).toContainText('from step_1.text');
  await inspector(page).getByLabel('Label').fill('Flip');
  await expect(canvasNode(page, 'step_2')).toContainText('Flip');
  // Leaving with unsaved changes asks first; declining stays on the page with the change.
  const asked = page.waitForEvent('dialog').then(async (dialog) => {
    const message = dialog.message();
    await dialog.dismiss();
    return message;
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
  expect(await asked).toContain('unsaved changes');
  await expect(page).toHaveURL(new RegExp(`#/workflows/${id}$`));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();

  const document = await call<{ nodes: { id: string; label: string }[] }>(request, 'GET', `/workflows/${id}`);
  expect(document.nodes.find((n) => n.id === 'step_2')?.label).toBe('Flip');
  const started = await call<{ execution_id: string }>(request, 'POST', `/workflows/${id}/execute`, {});
  const done = await finishedExecution<{ status: string; tasks: { name: string; output: { text: string } }[] }>(
    request,
    `/workflows/${id}/executions/${started.execution_id}`,
    ['COMPLETED', 'FAILED', 'TERMINATED'],
  );
  expect(done.status).toBe('COMPLETED');
  expect(done.tasks.find((t) => t.name === 'step_3')?.output).toEqual({ text: '!dlrow ,olleH' });
});

test('a trigger declares an input that feeds a renamed node; a refused retry count is shown on its field; it runs', async ({ page, request }) => {
  await signIn(page);
  await page.goto('/#/workflows/new');
  await page.getByLabel('Name').fill(unique('Triggered'));
  await dragFromPalette(page, 'trigger.manual', { x: 30, y: 60 });
  await inspector(page).getByRole('button', { name: 'Add an input' }).click();
  await inspector(page).getByRole('textbox', { name: 'Name' }).fill('word');
  await expect(page.getByRole('option', { name: /^Trigger/ })).toHaveAttribute('aria-disabled', 'true');
  await dragFromPalette(page, 'TextOperation.Reverse', { x: 330, y: 60 });
  // the port renamed a moment ago is the one that connects
  await connectPorts(page, ['trigger', 'word'], ['reverse', 'text']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await inspector(page).getByLabel('Id').fill('flip');
  await inspector(page).getByLabel('Id').press('Enter');
  await expect(canvasNode(page, 'flip')).toBeVisible();
  await expect(inspector(page)).toContainText('from trigger.word');

  await inspector(page).getByText('Retries and time limit').click();
  await inspector(page).getByLabel('Retries').fill('50');
  await inspector(page).getByLabel('First retry after').fill('5 seconds');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(inspector(page).getByLabel('Retries')).toHaveAccessibleDescription('must be a whole number from 0 to 20');
  await expect(canvasNode(page, 'flip')).toContainText('retries.limit: must be a whole number from 0 to 20');
  await inspector(page).getByLabel('Retries').fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 1.' })).toBeVisible();

  const id = /#\/workflows\/(wf-[^/?]+)/.exec(page.url())![1];
  const saved = await call<{ nodes: { id: string; config: unknown; retries?: unknown }[] }>(request, 'GET', `/api/v1/workflows/${id}`);
  expect(saved.nodes[0].config).toEqual({ inputs: [{ name: 'word', type: 'text', required: true }] });
  expect(saved.nodes[1]).toMatchObject({ id: 'flip', retries: { limit: 2, delay: '5 seconds' } });
  const { executionId } = await call<{ executionId: string }>(request, 'POST', `/api/v1/workflows/${id}/execute`, { triggerInputs: { word: 'stressed' } });
  const execution = await finishedExecution<V1Execution>(request, `/api/v1/executions/${executionId}`, ['completed', 'failed', 'terminated']);
  expect(execution.nodes.flip.output).toEqual({ text: 'desserts' });
});
