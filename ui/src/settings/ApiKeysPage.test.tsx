import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallerContext, type Me } from '../auth/caller';
import { ApiKeysPage } from './ApiKeysPage';
import type { ApiKey } from './apiKeys';

const SECRET = 'dfp_Q2xvSecretThatMustNotStay_0123456789';

const admin: Me = {
  keyId: 'key-admin',
  keyName: 'admin',
  scopes: ['admin'],
  userId: 'usr-admin',
  userName: 'Ada',
  organizationId: 'org-1',
  organizationName: 'Acme',
  instanceAdmin: false,
};

/** A tiny server for the page: the users, the keys, and POST issuing a key (or answering `refusal`). */
function fakeServer(refusal?: { status: number; body: unknown }) {
  const keys: ApiKey[] = [
    { id: 'key-admin', organizationId: 'org-1', userId: 'usr-admin', name: 'admin', prefix: 'dfp_adm1', scopes: ['admin'], createdAt: '2026-12-01T10:00:00Z', revokedAt: null },
  ];
  const posted: unknown[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/v1/users') {
      return json(200, { count: 2, limit: 100, offset: 0, users: [
        { id: 'usr-admin', organizationId: 'org-1', name: 'Ada', email: null, instanceAdmin: false, createdAt: '2026-12-01T10:00:00Z' },
        { id: 'usr-grace', organizationId: 'org-1', name: 'Grace', email: 'grace@example.com', instanceAdmin: false, createdAt: '2026-12-01T10:00:00Z' },
      ] });
    }
    if (url.pathname === '/api/v1/api-keys' && method === 'GET') {
      return json(200, { count: keys.length, limit: 20, offset: 0, apiKeys: [...keys].reverse() });
    }
    if (url.pathname === '/api/v1/api-keys' && method === 'POST') {
      const body = JSON.parse(String(init?.body));
      posted.push(body);
      if (refusal) return json(refusal.status, refusal.body);
      const key: ApiKey = { id: 'key-new', organizationId: 'org-1', userId: body.userId ?? 'usr-admin', name: body.name, prefix: SECRET.slice(0, 8), scopes: body.scopes, createdAt: '2026-12-03T10:00:00Z', revokedAt: null };
      keys.push(key);
      return json(201, { ...key, key: SECRET });
    }
    return json(404, { title: 'Not Found', status: 404, detail: `${method} ${url.pathname}` });
  });
  return { fetchMock, posted };
}

function renderPage() {
  return render(
    <CallerContext.Provider value={admin}>
      <ApiKeysPage />
    </CallerContext.Provider>,
  );
}

describe('creating an API key', () => {
  beforeEach(() => {
    sessionStorage.setItem('dataflow.apiKey', 'dfp_session');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the secret once, with a warning, and nothing of it is left once the dialog is closed', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('dfp_adm1…');

    await user.click(screen.getByRole('button', { name: 'New API key' }));
    const form = screen.getByRole('dialog', { name: 'New API key' });
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    await user.type(within(form).getByLabelText('Name'), '  nightly reports ');
    await user.click(within(form).getByRole('checkbox', { name: /workflows:execute/ }));
    await user.selectOptions(within(form).getByLabelText('User'), 'usr-grace');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByRole('dialog', { name: 'Your new API key' });
    expect(server.posted).toEqual([{ name: 'nightly reports', scopes: ['workflows:read', 'workflows:execute'], userId: 'usr-grace' }]);
    expect(within(shown).getByLabelText(/Secret of/)).toHaveValue(SECRET);
    expect(shown).toHaveTextContent("you won't see it again");
    expect(within(shown).getByRole('button', { name: 'Done' })).toHaveFocus();

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByRole('cell', { name: 'nightly reports' });
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(screen.getByText(`${SECRET.slice(0, 8)}…`)).toBeInTheDocument();
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(SECRET);
    expect(JSON.stringify({ ...localStorage })).not.toContain(SECRET);

    await user.click(screen.getByRole('button', { name: 'New API key' }));
    const again = screen.getByRole('dialog', { name: 'New API key' });
    expect(within(again).getByLabelText('Name')).toHaveValue('');
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('copies the secret with the Copy button and says so', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('isSecureContext', true);
    const user = userEvent.setup();
    // After setup, which puts its own clipboard in place.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'New API key' }));
    await user.type(screen.getByLabelText('Name'), 'ci');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const shown = await screen.findByRole('dialog', { name: 'Your new API key' });
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(within(shown).getByRole('status')).toHaveTextContent('Copied to the clipboard.');
  });

  it("shows the API's problems on the fields they name and keeps the form open", async () => {
    const server = fakeServer({
      status: 400,
      body: { title: 'Bad Request', status: 400, detail: 'the request has 2 problems', errors: [
        { pointer: '#/name', detail: 'must be at most 200 characters' },
        { pointer: '#/scopes/0', detail: "is not a scope: 'x'" },
      ] },
    });
    vi.stubGlobal('fetch', server.fetchMock);
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'New API key' }));
    await user.type(screen.getByLabelText('Name'), 'too long');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const name = screen.getByLabelText('Name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('must be at most 200 characters');
    expect(screen.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription("is not a scope: 'x'");
    expect(screen.getByRole('dialog', { name: 'New API key' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock);
    const user = userEvent.setup();
    renderPage();
    const open = await screen.findByRole('button', { name: 'New API key' });
    await user.click(open);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(open).toHaveFocus();
  });
});
