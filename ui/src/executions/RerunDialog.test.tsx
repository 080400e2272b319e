import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Execution, TaskType, Workflow } from '../api/types';
import { RerunDialog } from './RerunDialog';

const port = (name: string, type: string, required = true, default_value: unknown = null) => ({ name, type, required, default_value, description: null });

const types = new Map<string, TaskType>([
  ['TextOperation.Uppercase', { name: 'TextOperation.Uppercase', description: '', inputs: [port('text', 'text')], outputs: [port('text', 'text', false)] }],
  [
    'TextOperation.Concat',
    { name: 'TextOperation.Concat', description: '', inputs: [port('text', 'text'), port('with', 'text'), port('separator', 'text', false, '')], outputs: [port('text', 'text', false)] },
  ],
]);

const workflow = {
  id: 'wf-1', name: 'Greeter', description: null, status: 'active', version: 1, tags: [], organizationId: 'org-1', ownerId: 'usr-1',
  isPublic: false, isTemplate: false, createdAt: '', updatedAt: '', config: {}, settings: {}, sharedWith: [],
  nodes: [
    { id: 'trigger', nodeId: 'trigger.manual', config: { inputs: [{ name: 'name', type: 'text' }] } },
    { id: 'shout', nodeId: 'TextOperation.Uppercase', config: {} },
    { id: 'greet', nodeId: 'TextOperation.Concat', config: { with: '!' } },
  ],
  connections: [
    { sourceNodeId: 'trigger', sourcePort: 'name', targetNodeId: 'shout', targetPort: 'text' },
    { sourceNodeId: 'shout', sourcePort: 'text', targetNodeId: 'greet', targetPort: 'text' },
  ],
} as Workflow;

const ran = (input: unknown, output: unknown) => ({ status: 'completed', input, output, error: null, attempts: 1, attemptHistory: [], startedAt: null, finishedAt: null });

const execution = {
  id: 'ex-1', workflowId: 'wf-1', workflowVersion: 1, status: 'completed', triggerInputs: { name: 'ada' }, output: null, error: null,
  createdAt: '', startedAt: null, finishedAt: null, rerunOf: null,
  nodes: {
    shout: { nodeId: 'TextOperation.Uppercase', ...ran({ text: 'ada' }, { text: 'ADA' }) },
    greet: { nodeId: 'TextOperation.Concat', ...ran({ text: 'ADA', with: '!', separator: '' }, { text: 'ADA!' }) },
  },
} as Execution;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function NewExecution() {
  return <p>execution {useParams().id}</p>;
}

function renderDialog(answer: () => Response) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      posted.push({ url, body: JSON.parse(String(init?.body)) });
      return answer();
    }),
  );
  render(
    <MemoryRouter initialEntries={['/executions/ex-1']}>
      <Routes>
        <Route
          path="/executions/ex-1"
          element={<RerunDialog execution={execution} nodeId="greet" run={execution.nodes.greet} workflow={workflow} types={types} onClose={() => undefined} />}
        />
        <Route path="/executions/:id" element={<NewExecution />} />
      </Routes>
    </MemoryRouter>,
  );
  const nodeInputs = within(screen.getByRole('group', { name: 'Inputs of greet' }));
  return { posted, nodeInputs, user: userEvent.setup() };
}

afterEach(() => vi.unstubAllGlobals());

describe('RerunDialog', () => {
  it("starts each of the node's input fields from its last input and sends only those changed, as config", async () => {
    const { posted, nodeInputs, user } = renderDialog(() => json(201, { executionId: 'ex-2' }));
    expect(nodeInputs.getByLabelText('text')).toHaveValue('ADA');
    expect(nodeInputs.getByLabelText('with')).toHaveValue('!');
    await user.clear(nodeInputs.getByLabelText('with'));
    await user.type(nodeInputs.getByLabelText('with'), '?');
    const text = nodeInputs.getByLabelText('text');
    await user.clear(text);
    // userEvent reads braces as key names: {{ is one brace.
    await user.type(text, 'hey {{{{ tasks.shout.outputs.text }}');
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    expect(await screen.findByText('execution ex-2')).toBeInTheDocument();
    expect(posted).toEqual([
      { url: '/api/v1/executions/ex-1/rerun', body: { fromNode: 'greet', config: { text: 'hey {{ tasks.shout.outputs.text }}', with: '?' } } },
    ]);
  });

  it('sends no config when nothing of the node changed, and the trigger inputs when they did', async () => {
    const { posted, user } = renderDialog(() => json(201, { executionId: 'ex-2' }));
    const name = within(screen.getByRole('group', { name: 'Trigger inputs' })).getByLabelText('name');
    await user.clear(name);
    await user.type(name, 'grace');
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    await screen.findByText('execution ex-2');
    expect(posted).toEqual([{ url: '/api/v1/executions/ex-1/rerun', body: { fromNode: 'greet', triggerInputs: { name: 'grace' } } }]);
  });

  it('resets a changed field to the last input, which is then not sent', async () => {
    const { posted, nodeInputs, user } = renderDialog(() => json(201, { executionId: 'ex-2' }));
    await user.type(nodeInputs.getByLabelText('with'), '!');
    await user.click(nodeInputs.getByRole('button', { name: 'Reset with to its last input' }));
    expect(nodeInputs.getByLabelText('with')).toHaveValue('!');
    expect(nodeInputs.queryByRole('button', { name: /Reset/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    await screen.findByText('execution ex-2');
    expect(posted).toEqual([{ url: '/api/v1/executions/ex-1/rerun', body: { fromNode: 'greet' } }]);
  });

  it('says on an emptied field that it needs a value, and sends nothing', async () => {
    const { posted, nodeInputs, user } = renderDialog(() => json(201, { executionId: 'ex-2' }));
    const withField = nodeInputs.getByLabelText('with');
    await user.clear(withField);
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    expect(withField).toHaveAttribute('aria-invalid', 'true');
    expect(withField).toHaveAccessibleDescription(/give a value, or reset the field/);
    expect(posted).toEqual([]);
  });

  it("shows the server's problems on the port they name until it changes, and the rest above the buttons", async () => {
    const { nodeInputs, user } = renderDialog(() =>
      json(400, {
        status: 400, title: 'Bad Request', detail: 'the request has 2 problems',
        errors: [
          { pointer: '#/config/text', detail: "references unknown task 'ghost'" },
          { pointer: '#/config', detail: 'tasks form a cycle: greet -> greet' },
        ],
      }),
    );
    const text = nodeInputs.getByLabelText('text');
    await user.clear(text);
    await user.type(text, '{{{{ tasks.ghost.outputs.text }}');
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not rerun');
    expect(alert).toHaveTextContent('tasks form a cycle');
    expect(alert).not.toHaveTextContent('ghost');
    expect(text).toHaveAttribute('aria-invalid', 'true');
    expect(text).toHaveAccessibleDescription(/references unknown task 'ghost'/);
    await user.type(text, ' ');
    expect(text).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('tasks form a cycle');
  });

  it('says a refusal shown on a field above the buttons too, until the field changes', async () => {
    const { nodeInputs, user } = renderDialog(() =>
      json(400, {
        status: 400, title: 'Bad Request', detail: "input 'with' must be text, got number",
        errors: [{ pointer: '#/config/with', detail: "input 'with' must be text, got number" }],
      }),
    );
    await user.type(nodeInputs.getByLabelText('with'), '?');
    await user.click(screen.getByRole('button', { name: 'Rerun' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not rerun: input 'with' must be text");
    await user.type(nodeInputs.getByLabelText('with'), '?');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
