import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workflow } from '../api/types';
import { CallerContext, type Me } from '../auth/caller';
import { WorkflowActions } from './WorkflowActions';

const caller = (scopes: string[], userId = 'usr-owner'): Me => ({
  keyId: 'key-1', keyName: 'k', scopes, userId, userName: 'Owner', organizationId: 'org-1', organizationName: 'Acme', instanceAdmin: false,
});

const draft = {
  id: 'wf-1', name: 'Greeting', description: null, status: 'draft', version: 2, tags: [], organizationId: 'org-1', ownerId: 'usr-owner',
  isPublic: false, isTemplate: false, createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z',
  nodes: [{ id: 'unsaved', nodeId: 'Echo' }], connections: [], config: {}, settings: {}, sharedWith: [],
} as Workflow;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function renderActions(me: Me, workflow: Workflow, onChanged = vi.fn()) {
  render(
    <CallerContext.Provider value={me}>
      <MemoryRouter>
        <WorkflowActions workflow={workflow} onChanged={onChanged} />
      </MemoryRouter>
    </CallerContext.Provider>,
  );
  return onChanged;
}

afterEach(() => vi.unstubAllGlobals());

describe('WorkflowActions', () => {
  it('offers a read-only caller only what reading allows', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const user = userEvent.setup();
    renderActions(caller(['workflows:read'], 'usr-reader'), draft);
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Share…' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Versions']);
  });

  it('lets a writer who does not own the workflow duplicate it, and nothing that changes it', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const user = userEvent.setup();
    renderActions(caller(['workflows:read', 'workflows:write'], 'usr-colleague'), draft);
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Versions', 'Duplicate']);
  });

  it("deploys, then hands the page the server's status on top of its own unsaved graph", async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
        if (String(input).endsWith('/deploy')) return json(200, { message: 'Workflow deployed successfully', workflowId: 'wf-1', status: 'active' });
        return json(200, { ...draft, status: 'active', nodes: [] });
      }),
    );
    const user = userEvent.setup();
    const onChanged = renderActions(caller(['workflows:read', 'workflows:write']), draft);
    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Deployed');
    expect(calls).toEqual(['POST /api/v1/workflows/wf-1/deploy', 'GET /api/v1/workflows/wf-1']);
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'active', nodes: [{ id: 'unsaved', nodeId: 'Echo' }] }));
  });

  it('shows a refused status change with the statuses the server allows, as buttons', async () => {
    const puts: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
        if (init?.method === 'PUT') {
          const body = JSON.parse(String(init.body));
          puts.push(body);
          if (body.status === 'archived') {
            return json(409, { title: 'Conflict', status: 409, detail: 'workflow wf-1 is paused and cannot be set to archived; allowed: [draft]', workflowStatus: 'paused', allowed: ['draft'] });
          }
          return json(200, { ...draft, status: body.status });
        }
        return json(200, { ...draft, status: 'paused' });
      }),
    );
    const user = userEvent.setup();
    renderActions(caller(['admin'], 'usr-admin'), draft);
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Archive' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('cannot be set to archived');
    const setDraft = screen.getByRole('button', { name: 'Set to draft' });
    await user.click(setDraft);
    expect(puts).toEqual([{ status: 'archived' }, { status: 'draft' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('The workflow is draft now.');
  });

  it('offers the flags as the server has them even when the page keeps only the status of what it is handed', async () => {
    const puts: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
        if (init?.method === 'PUT') puts.push(JSON.parse(String(init.body)));
        return json(200, { ...draft, isTemplate: true, updatedAt: '2026-12-01T10:05:00Z' });
      }),
    );
    const user = userEvent.setup();
    renderActions(caller(['admin'], 'usr-admin'), draft);
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Mark as template' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Marked as a template.');
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Remove from templates' }));
    expect(puts).toEqual([{ isTemplate: true }, { isTemplate: false }]);
  });

  it('moves through the menu with the keyboard and closes it with Escape', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const user = userEvent.setup();
    renderActions(caller(['admin'], 'usr-admin'), draft);
    const button = screen.getByRole('button', { name: 'More actions' });
    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(items[items.length - 1]).toHaveFocus();
    expect(items[items.length - 1]).toHaveTextContent('Delete…');
    await user.keyboard('{Home}{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
  });
});
