import { useState } from 'react';
import { api } from '../api/client';
import { can, useCaller } from '../auth/caller';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import { CredentialDialog } from './CredentialDialog';
import type { Credential, CredentialListing } from './credentials';
import './settings.css';

const PAGE_SIZE = 20;

/**
 * The organization's credentials: names, types, who may use them and their fields' names, never their values. Any
 * key reads the list; administrators create, replace and delete. Pages follow the API's cursor.
 */
export function CredentialsPage() {
  const me = useCaller();
  const admin = can(me, 'admin');
  // The cursors of the pages before this one, so Previous can go back; the last is this page's.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const [editing, setEditing] = useState<Credential | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const listing = useLoad(
    (signal) => api.get<CredentialListing>('/api/v1/credentials', { limit: PAGE_SIZE, cursor }, signal),
    [cursor],
  );
  const page = listing.data;
  const firstPage = cursors.length === 0;

  return (
    <section aria-labelledby="credentials-title" className="page settings-page">
      <div className="page-head">
        <h1 id="credentials-title">Credentials</h1>
        {admin && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New credential
          </button>
        )}
      </div>
      <p className="hint">
        Secrets for tasks, used through a task type's <code>credential</code> input or{' '}
        <code>{'{{ secrets.<name>.<field> }}'}</code>. Values are stored encrypted and are never shown again
        {admin ? '.' : '; only administrators can add, replace or delete them.'}
      </p>
      <p role="status" className="notice-slot">
        {saved && <span className="notice notice-ok">{saved}</span>}
      </p>
      <ErrorNotice error={listing.error} title="Could not list the credentials" />
      {page && page.credentials.length === 0 && firstPage && (
        <EmptyState title="No credentials yet">
          <p>{admin ? 'Add one for the AI, SQL or HTTP tasks that need a secret.' : 'An administrator can add them.'}</p>
        </EmptyState>
      )}
      {page && (page.credentials.length > 0 || !firstPage) && (
        <>
          <table className="list">
            <caption className="visually-hidden">Credentials</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Usable by</th>
                <th scope="col">Templates</th>
                <th scope="col">Fields</th>
                <th scope="col">Changed</th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {page.credentials.map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.name}</code>
                  </td>
                  <td>{c.type ?? <span className="muted">—</span>}</td>
                  <td>{c.usableBy === 'admins' ? 'admin keys' : 'any key'}</td>
                  <td>{c.templates ? 'allowed' : 'not allowed'}</td>
                  <td className="field-names">
                    {c.fields.map((f) => (
                      <code key={f}>{f}</code>
                    ))}
                  </td>
                  <td>{formatTime(c.updatedAt)}</td>
                  {admin && (
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setEditing(c)} aria-label={`Replace ${c.name}`}>
                          Replace…
                        </button>
                        <button type="button" className="danger" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
                          Delete
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={firstPage} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <button type="button" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
              Next
            </button>
          </nav>
        </>
      )}
      {editing && (
        <CredentialDialog
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setSaved(`${editing === 'new' ? 'Saved' : 'Replaced'} the credential ${c.name}; its value is not shown again.`);
            setEditing(null);
            listing.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete credential"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.del(`/api/v1/credentials/${encodeURIComponent(deleting.name)}`);
            setSaved(`Deleted the credential ${deleting.name}.`);
            setDeleting(null);
            listing.reload();
          }}
        >
          <p>Tasks that use it fail from now on, until a credential of that name is created again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
