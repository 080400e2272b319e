import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallerContext, type Me } from '../auth/caller';
import { RunPage } from './RunPage';

const me: Me = {
  keyId: 'key-1', keyName: 'test', scopes: ['admin'], userId: 'usr-1', userName: 'Ada', organizationId: 'org-1', organizationName: 'Org', instanceAdmin: false,
};

const workflow = {
  id: 'wf-1', name: 'Greeter', description: null, status: 'active', version: 2, tags: [], organizationId: 'org-1', ownerId: 'usr-1',
  isPublic: false, isTemplate: false, createdAt: '', updatedAt: '', config: {}, settings: {}, sharedWith: [], connections: [],
  nodes: [
    {
      id: 'trigger', nodeId: 'trigger.manual',
      config: { inputs: [
        { name: 'name', type: 'text', description: 'Who to greet' },
        { name: 'times', type: 'integer', default: 2 },
        { name: 'loud', type: 'boolean', default: false },
        { name: 'extra', type: 'object', required: false },
      ] },
    },
    { id: 'echo', nodeId: 'Echo', config: {} },
  ],
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function ExecutionStub() {
  return <p>execution {useParams().id}</p>;
}

function renderRunPage(answers: (body: unknown) => Response) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body));
        posted.push({ url, body });
        return answers(body);
      }
      return json(200, workflow);
    }),
  );
  render(
    <CallerContext.Provider value={me}>
      <MemoryRouter initialEntries={['/workflows/wf-1/run']}>
        <Routes>
          <Route path="/workflows/:id/run" element={<RunPage />} />
          <Route path="/executions/:id" element={<ExecutionStub />} />
        </Routes>
      </MemoryRouter>
    </CallerContext.Provider>,
  );
  return posted;
}

afterEach(() => vi.unstubAllGlobals());

describe('RunPage', () => {
  it('builds a field per declared input and starts the execution with typed values', async () => {
    const posted = renderRunPage(() => json(201, { executionId: 'ex-9' }));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('name'), 'ada');
    expect(screen.getByLabelText('times')).toHaveValue('2');
    await user.click(screen.getByLabelText('loud'));
    await user.type(screen.getByLabelText('extra'), '{{"a": [[1]}');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText('execution ex-9')).toBeInTheDocument();
    expect(posted).toEqual([{ url: '/api/v1/workflows/wf-1/execute', body: { triggerInputs: { name: 'ada', times: 2, loud: true, extra: { a: [1] } } } }]);
  });

  it('says on the field what cannot be read, and sends nothing', async () => {
    const posted = renderRunPage(() => json(201, { executionId: 'ex-9' }));
    const user = userEvent.setup();
    const times = await screen.findByLabelText('times');
    await user.clear(times);
    await user.type(times, 'many');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText("must be a number, got 'many'")).toBeInTheDocument();
    expect(times).toHaveAttribute('aria-invalid', 'true');
    expect(times).toHaveAccessibleDescription(/A whole number.*must be a number/);
    expect(posted).toEqual([]);
  });

  it("shows the server's problems on the fields they point at, until the field changes", async () => {
    renderRunPage(() =>
      json(400, { status: 400, title: 'Bad Request', detail: 'the request has 1 problem', errors: [{ pointer: '#/triggerInputs/name', detail: 'is required' }] }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not start the execution');
    const name = screen.getByLabelText('name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/is required/);
    await user.type(name, 'x');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('says plainly when the workflow takes no executions', async () => {
    renderRunPage(() => json(409, { status: 409, title: 'Conflict', detail: 'workflow wf-1 is paused; it takes no executions' }));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('name'), 'ada');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The workflow does not take executions now: workflow wf-1 is paused');
  });
});
