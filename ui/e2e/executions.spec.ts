import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  canvasNode,
  countExecutionReads,
  createWorkflow,
  execute,
  executionStatus,
  markWindow,
  waitForStatus,
  windowStillMarked,
} from './executions-support';
import { call, screenshot, signIn } from './support';

const at = (x: number) => ({ x, y: 0 });

/** trigger(name) → shout (upper case) → echo: the last node outputs the name in capitals. */
function shoutingWorkflow(request: Parameters<typeof createWorkflow>[0], prefix: string, inputs: unknown[]) {
  return createWorkflow(
    request,
    prefix,
    [
      { id: 'trigger', nodeId: 'trigger.manual', label: 'Start', position: at(0), config: { inputs } },
      { id: 'shout', nodeId: 'TextOperation.Uppercase', position: at(300) },
      { id: 'echo', nodeId: 'Echo', position: at(600) },
    ],
    [
      ['trigger', 'name', 'shout', 'text'],
      ['shout', 'text', 'echo', 'text'],
    ],
  );
}

test('the run form takes the declared inputs, says what is wrong on the field, uploads a file and lands on the execution', async ({ page, request }) => {
  const workflowId = await shoutingWorkflow(request, 'Run form', [
    { name: 'name', type: 'text', description: 'Who to greet' },
    { name: 'times', type: 'integer', default: 2 },
    { name: 'loud', type: 'boolean', default: false },
    { name: 'extra', type: 'object', required: false },
    { name: 'doc', type: 'file', required: false },
  ]);
  await signIn(page);
  await page.goto(`/#/workflows/${workflowId}/run`);
  await expect(page.getByRole('heading', { name: /^Run Run form/ })).toBeVisible();
  await expect(page.getByLabel('times', { exact: true })).toHaveValue('2');

  // A value the field's type cannot be is refused on the field, before anything is sent.
  await page.getByLabel('times', { exact: true }).fill('2.5');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByText('must be a whole number, got 2.5')).toBeVisible();
  await expect(page.getByLabel('times', { exact: true })).toBeFocused();
  await expect(page.getByLabel('times', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // The server's problem at #/triggerInputs/name is shown on the name field.
  await page.getByLabel('times', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('#/triggerInputs/name');
  await expect(page.locator('#run-name-error')).toHaveText('is required');
  await expect(page.getByLabel('name', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('name', { exact: true }).fill('ada');
  await page.getByLabel('loud', { exact: true }).check();
  await page.getByLabel('extra', { exact: true }).fill('{"city": "London"}');
  await page.getByLabel('doc', { exact: true }).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello files') });
  await expect(page.getByText('Uploaded notes.txt (11 B)')).toBeVisible();
  await screenshot(page, 'run-form');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(page).toHaveURL(/#\/executions\/ex-/);
  await expect(executionStatus(page)).toHaveText('completed');
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('ADA');
  const inputs = page.getByRole('region', { name: 'Trigger inputs' });
  await expect(inputs).toContainText('"times": 3');
  await expect(inputs).toContainText('"loud": true');
  await expect(inputs).toContainText('"city": "London"');

  // The uploaded file is downloaded with the key in a header, never in the address.
  const downloading = page.waitForEvent('download');
  await inputs.getByRole('button', { name: 'Download file notes.txt' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('notes.txt');
  expect(await readFile(await download.path(), 'utf8')).toBe('hello files');
});

test('a paused workflow refuses the run, said clearly', async ({ page, request }) => {
  const workflowId = await shoutingWorkflow(request, 'Paused', [{ name: 'name', type: 'text' }]);
  await call(request, 'POST', `/api/v1/workflows/${workflowId}/deploy`);
  await call(request, 'PUT', `/api/v1/workflows/${workflowId}/status`, { status: 'paused' });
  await signIn(page);
  await page.goto(`/#/workflows/${workflowId}/run`);
  await expect(page.getByText('This workflow is paused')).toBeVisible();
  await page.getByLabel('name', { exact: true }).fill('ada');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The workflow does not take executions now');
});

test('a running execution updates live on the graph, node after node, without reloading or polling', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Slow',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0), config: { inputs: [{ name: 'word', type: 'text', default: 'slow' }] } },
      { id: 's1', nodeId: 'sleep', position: at(300), config: { duration: '3 seconds' } },
      { id: 's2', nodeId: 'sleep', position: at(600), config: { duration: '3 seconds' } },
      { id: 'echo', nodeId: 'Echo', position: at(900) },
    ],
    [
      ['trigger', 'word', 's1', 'value'],
      ['s1', 'value', 's2', 'value'],
      ['s2', 'value', 'echo', 'text'],
    ],
  );
  await signIn(page);
  await page.goto(`/#/workflows/${workflowId}/run`);
  await markWindow(page);
  const reads = countExecutionReads(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/#\/executions\/ex-/);

  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(canvasNode(page, 's1')).toHaveAttribute('data-status', 'waiting');
  await expect(canvasNode(page, 'echo')).toHaveAttribute('data-status', 'pending');
  await screenshot(page, 'execution-live');

  await expect(canvasNode(page, 's1')).toHaveAttribute('data-status', 'completed');
  // s1 finished while s2 still sleeps: the page shows each step as it happens
  await expect(canvasNode(page, 's2')).toHaveAttribute('data-status', 'waiting');
  await expect(canvasNode(page, 'echo')).toHaveAttribute('data-status', 'pending');

  await expect(canvasNode(page, 's2')).toHaveAttribute('data-status', 'completed');
  await expect(canvasNode(page, 'echo')).toHaveAttribute('data-status', 'completed');
  await expect(executionStatus(page)).toHaveText('completed');
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('slow');

  expect(await windowStillMarked(page)).toBe(true);
  expect(reads()).toBe(1); // read once, then only listened to its stream
  await page.getByRole('button', { name: 's1', exact: true }).click();
  await expect(page.getByRole('complementary')).toContainText('Attempt history');
  await screenshot(page, 'execution-done');
});

test('pause, resume and restart from the page', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Pausable',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0) },
      { id: 'nap', nodeId: 'sleep', position: at(300), config: { value: 'a', duration: '3 seconds' } },
      { id: 'after', nodeId: 'Echo', position: at(600) },
    ],
    [['nap', 'value', 'after', 'text']],
  );
  const executionId = await execute(request, workflowId);
  await signIn(page);
  await page.goto(`/#/executions/${executionId}`);
  await markWindow(page);
  const controls = page.getByRole('group', { name: 'Execution controls' });
  await expect(controls.getByRole('button', { name: 'Resume' })).toBeDisabled();
  await controls.getByRole('button', { name: 'Pause' }).click();
  await expect(executionStatus(page)).toHaveText(/^(pausing|paused)$/);
  await expect(executionStatus(page)).toHaveText('paused');
  await expect(controls.getByRole('button', { name: 'Pause' })).toBeDisabled();
  await expect(canvasNode(page, 'after')).toHaveAttribute('data-status', 'pending');

  await controls.getByRole('button', { name: 'Resume' }).click();
  await expect(executionStatus(page)).toHaveText('completed', { timeout: 15_000 });
  await expect(canvasNode(page, 'after').getByTestId('node-output')).toHaveText('a');
  await expect(controls.getByRole('button', { name: 'Terminate' })).toBeDisabled();

  // Restarting the finished execution follows it live again, on the same page.
  await controls.getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('dialog', { name: 'Restart this execution?' }).getByRole('button', { name: 'Restart' }).click();
  await expect(canvasNode(page, 'nap')).toHaveAttribute('data-status', 'waiting');
  await expect(executionStatus(page)).not.toHaveText('completed');
  await expect(executionStatus(page)).toHaveText('completed', { timeout: 15_000 });
  await expect(canvasNode(page, 'after')).toHaveAttribute('data-status', 'completed');
  expect(await windowStillMarked(page)).toBe(true);
});

test('terminate asks first, then stops the execution', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Terminable',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0) },
      { id: 'nap', nodeId: 'sleep', position: at(300), config: { value: 'a', duration: '1 minute' } },
    ],
    [],
  );
  const executionId = await execute(request, workflowId);
  await signIn(page);
  await page.goto(`/#/executions/${executionId}`);
  await expect(canvasNode(page, 'nap')).toHaveAttribute('data-status', 'waiting');
  await page.getByRole('button', { name: 'Terminate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Terminate this execution?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(executionStatus(page)).toHaveText('waiting');
  await page.getByRole('button', { name: 'Terminate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Terminate' }).click();
  await expect(executionStatus(page)).toHaveText('terminated');
  await expect(canvasNode(page, 'nap')).toHaveAttribute('data-status', 'cancelled');
});

test('rerun from a node with an edited input opens the new execution with the new output', async ({ page, request }) => {
  const workflowId = await shoutingWorkflow(request, 'Rerun', [{ name: 'name', type: 'text' }]);
  const original = await execute(request, workflowId, { name: 'ada' });
  await waitForStatus(request, original, ['completed']);
  await signIn(page);
  await page.goto(`/#/executions/${original}`);
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('ADA');

  await page.getByRole('button', { name: 'shout', exact: true }).click();
  const details = page.getByRole('complementary');
  await expect(details.getByRole('region', { name: 'Input' })).toContainText('"text": "ada"');
  await details.getByRole('button', { name: 'Rerun from here' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rerun from shout' });
  const triggerInputs = dialog.getByRole('group', { name: 'Trigger inputs' });
  await expect(triggerInputs.getByLabel('name', { exact: true })).toHaveValue('ada');
  await triggerInputs.getByLabel('name', { exact: true }).fill('grace');
  await dialog.getByRole('button', { name: 'Rerun' }).click();

  await expect(page).not.toHaveURL(new RegExp(original));
  await expect(executionStatus(page)).toHaveText('completed');
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('GRACE');
  await expect(page.getByRole('link', { name: original })).toBeVisible(); // "Rerun of"
});

test("rerun with the node's own input changed in the dialog: a bad value is refused on its field, a good one changes the output", async ({ page, request }) => {
  const workflowId = await shoutingWorkflow(request, 'Rerun node input', [{ name: 'name', type: 'text' }]);
  const original = await execute(request, workflowId, { name: 'ada' });
  await waitForStatus(request, original, ['completed']);
  await signIn(page);
  await page.goto(`/#/executions/${original}`);
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('ADA');

  await page.getByRole('button', { name: 'shout', exact: true }).click();
  await page.getByRole('complementary').getByRole('button', { name: 'Rerun from here' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rerun from shout' });
  const nodeInputs = dialog.getByRole('group', { name: 'Inputs of shout' });
  const text = nodeInputs.getByLabel('text', { exact: true });
  await expect(text).toHaveValue('ada'); // its last input, which came by a connection from the trigger

  // A template reading a node that does not exist: the server refuses it on the field, and nothing starts.
  await text.fill('{{ tasks.nowhere.outputs.text }}');
  await dialog.getByRole('button', { name: 'Rerun' }).click();
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await expect(nodeInputs).toContainText("unknown task 'nowhere'");
  await expect(dialog.getByRole('alert')).toContainText('Could not rerun');
  await screenshot(page, 'rerun-node-input-refused');

  await text.fill('hey {{ inputs.name }}');
  await expect(text).not.toHaveAttribute('aria-invalid');
  await screenshot(page, 'rerun-node-input');
  await dialog.getByRole('button', { name: 'Rerun' }).click();

  await expect(page).not.toHaveURL(new RegExp(original));
  await expect(executionStatus(page)).toHaveText('completed');
  await expect(canvasNode(page, 'echo').getByTestId('node-output')).toHaveText('HEY ADA');
  await expect(canvasNode(page, 'shout').getByTestId('node-output')).toHaveText('HEY ADA');
  await page.getByRole('button', { name: 'shout', exact: true }).click();
  await expect(page.getByRole('complementary').getByRole('region', { name: 'Input' })).toContainText('"text": "hey ada"');
  const executions = await call<{ count: number }>(request, 'GET', `/api/v1/workflows/${workflowId}/executions`);
  expect(executions.count).toBe(2); // the refused rerun started nothing
});

test('an event sent from the page to a waiting node completes it', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Approval',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0) },
      { id: 'ask', nodeId: 'wait_for_event', label: 'Ask', position: at(300), config: { event_type: 'approval', timeout: '1 hour' } },
      { id: 'answer', nodeId: 'Echo', position: at(600) },
    ],
    [['ask', 'payload', 'answer', 'text']],
  );
  const executionId = await execute(request, workflowId);
  await signIn(page);
  await page.goto(`/#/executions/${executionId}`);
  await expect(canvasNode(page, 'ask')).toHaveAttribute('data-status', 'waiting');
  // A node of the canvas is chosen with the keyboard too: focus it, press Enter.
  await page.locator('.react-flow__node[data-id="ask"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary')).toContainText('wait_for_event');
  const form = page.getByRole('form', { name: 'Send event' });
  await expect(form.getByLabel('Event type')).toHaveValue('approval');
  await form.getByLabel('Payload (JSON)').fill('{"note": "yes"}');
  await form.getByRole('button', { name: 'Send event' }).click();
  await expect(canvasNode(page, 'ask')).toHaveAttribute('data-status', 'completed');
  await expect(executionStatus(page)).toHaveText('completed');
  await expect(canvasNode(page, 'answer').getByTestId('node-output')).toHaveText('{"note":"yes"}');
});

test('the executions list filters by status, kept in the address', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Listed runs',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0) },
      { id: 'ask', nodeId: 'wait_for_event', position: at(300), config: { event_type: 'go', timeout: '1 hour' } },
    ],
    [],
  );
  const done = await execute(request, workflowId);
  const stopped = await execute(request, workflowId);
  const waiting = await execute(request, workflowId);
  await waitForStatus(request, done, ['waiting']);
  await call(request, 'POST', `/workflows/${workflowId}/executions/${done}/events/go`, {});
  await waitForStatus(request, done, ['completed']);
  await call(request, 'POST', `/api/v1/executions/${stopped}/terminate`);
  await waitForStatus(request, waiting, ['waiting']);

  await signIn(page);
  await page.goto(`/#/workflows/${workflowId}/executions`);
  const rows = page.locator('table.executions tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(waiting); // newest first

  await page.getByRole('checkbox', { name: 'terminated' }).check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(stopped);
  await expect(page).toHaveURL(/status=terminated/);
  await page.getByRole('checkbox', { name: 'waiting' }).check();
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/status=waiting%2Cterminated|status=waiting,terminated/);

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'waiting' })).toBeChecked();
  await expect(rows).toHaveCount(2);
  await screenshot(page, 'executions');

  await page.getByRole('checkbox', { name: 'waiting' }).uncheck();
  await page.getByRole('checkbox', { name: 'terminated' }).uncheck();
  await page.getByRole('checkbox', { name: 'failed' }).check();
  await expect(page.getByRole('heading', { name: 'No execution matches' })).toBeVisible();

  await page.getByRole('button', { name: 'Any status' }).click();
  await rows.filter({ hasText: done }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/executions/${done}`));
  await expect(executionStatus(page)).toHaveText('completed');
  await call(request, 'POST', `/api/v1/executions/${waiting}/terminate`);
});

test('a long output is shown cut, with the whole of it as a download', async ({ page, request }) => {
  const workflowId = await createWorkflow(
    request,
    'Long output',
    [
      { id: 'trigger', nodeId: 'trigger.manual', position: at(0), config: { inputs: [{ name: 'text', type: 'text' }] } },
      { id: 'echo', nodeId: 'Echo', position: at(300) },
    ],
    [['trigger', 'text', 'echo', 'text']],
  );
  const long = 'abcdefghij'.repeat(300);
  const executionId = await execute(request, workflowId, { text: long });
  await waitForStatus(request, executionId, ['completed']);
  await signIn(page);
  await page.goto(`/#/executions/${executionId}`);
  await page.getByRole('button', { name: 'echo', exact: true }).click();
  const output = page.getByRole('complementary').getByRole('region', { name: 'Output' });
  const whole = JSON.stringify({ text: long }, null, 2).length;
  const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\\D?'); // any digit grouping of the locale
  await expect(output).toContainText(new RegExp(`first ${grouped(2000)} of ${grouped(whole)} characters`));
  expect((await output.locator('pre').textContent())!.length).toBe(2001); // 2,000 and an ellipsis
  const downloading = page.waitForEvent('download');
  await output.getByRole('button', { name: 'Download output' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${executionId}-echo-output.json`);
  expect(JSON.parse(await readFile(await download.path(), 'utf8'))).toEqual({ text: long });
});
