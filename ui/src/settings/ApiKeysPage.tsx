import { useState } from 'react';
import { api } from '../api/client';
import { can, useCaller } from '../auth/caller';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import type { ApiKey, ApiKeyListing } from './apiKeys';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { userLabel, useOrganizationUsers } from './users';
import './settings.css';
import { OffsetPager } from '../common/OffsetPager';

const PAGE_SIZE = 20;

/**
 * The API keys an administrator manages (every key of the organization; any other key sees its own user's): who
 * holds each, its scopes and prefix, never its secret. New keys show their secret once; revoking asks first.
 */
export function ApiKeysPage() {
  const me = useCaller();
  const admin = can(me, 'admin');
  const { users } = useOrganizationUsers(me);
  const [offset, setOffset] = useState(0);
  const [userFilter, setUserFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const listing = useLoad(
    (signal) => api.get<ApiKeyListing>('/api/v1/api-keys', { limit: PAGE_SIZE, offset, userId: userFilter }, signal),
    [offset, userFilter],
  );
  const page = listing.data;

  return (
    <section aria-labelledby="api-keys-title" className="page settings-page">
      <div className="page-head">
        <h1 id="api-keys-title">API keys</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New API key
        </button>
      </div>
      <p className="hint">
        {admin
          ? 'Every key of the organization. A key acts as its user with its scopes; its secret is shown only when it is created.'
          : 'Your own keys. A key acts as you with its scopes; its secret is shown only when it is created.'}
      </p>
      {admin && users.length > 0 && (
        <div className="filters">
          <label>
            User
            <select
              value={userFilter}
              onChange={(e) => {
                setUserFilter(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">Everyone</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {userLabel(u.id, me, users)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <ErrorNotice error={listing.error} title="Could not list the API keys" />
      {page && page.apiKeys.length === 0 && (
        <EmptyState title="No API keys">
          <p>{userFilter ? 'This user has no keys.' : 'Create a key for a script, a CI job or a colleague.'}</p>
        </EmptyState>
      )}
      {page && page.apiKeys.length > 0 && (
        <>
          <table className="list">
            <caption className="visually-hidden">API keys, {page.count} in all</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">User</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.apiKeys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'revoked' : undefined}>
                  <td>
                    {key.name}
                    {key.id === me.keyId && <span className="badge">this session</span>}
                  </td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    {key.scopes.map((s) => (
                      <span key={s} className="scope">
                        {s}
                      </span>
                    ))}
                  </td>
                  <td>{userLabel(key.userId, me, users)}</td>
                  <td>{formatTime(key.createdAt)}</td>
                  <td>{key.revokedAt ? `revoked ${formatTime(key.revokedAt)}` : 'active'}</td>
                  <td>
                    {!key.revokedAt && (
                      <button type="button" className="danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name} (${key.prefix})`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <OffsetPager offset={offset} shown={page.apiKeys.length} count={page.count} pageSize={PAGE_SIZE} onOffset={setOffset} />
        </>
      )}
      {creating && <CreateApiKeyDialog me={me} users={users} onCreated={listing.reload} onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.del(`/api/v1/api-keys/${revoking.id}`);
            setRevoking(null);
            listing.reload();
          }}
        >
          <p>
            Requests with the key <code>{revoking.prefix}…</code> are refused from now on (other servers of the same
            database may accept it for up to 10 seconds). This cannot be undone.
          </p>
          {revoking.id === me.keyId && (
            <p className="notice notice-error">This is the key you are signed in with: you will be signed out.</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
