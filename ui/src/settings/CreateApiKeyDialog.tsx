import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { can, type Me } from '../auth/caller';
import { ErrorNotice } from '../common/ErrorNotice';
import { FieldError, invalidProps } from '../common/FieldError';
import { fieldProblem, formLevelError } from '../common/fieldProblems';
import { ModalDialog } from '../common/ModalDialog';
import { grantableScopes, newKeyBody, SCOPES, type CreatedApiKey, type Scope } from './apiKeys';
import { SecretField } from './SecretField';
import type { OrganizationUser } from './users';

/**
 * Issues an API key: its name, scopes and (for administrators) user, then its secret, shown this once with a Copy
 * button. The secret is held by this dialog alone and is gone when it closes.
 */
export function CreateApiKeyDialog({
  me,
  users,
  onCreated,
  onClose,
}: {
  me: Me;
  users: OrganizationUser[];
  onCreated: () => void;
  onClose: () => void;
}) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  if (created) {
    return (
      <ModalDialog key="secret" title="Your new API key" onClose={onClose} className="secret-dialog">
        <p className="notice notice-info" id="secret-warning">
          <strong>Copy this key now: you won't see it again.</strong> The server keeps only its fingerprint; if you
          lose it, revoke it and create another.
        </p>
        <SecretField label={`Secret of “${created.name}”`} value={created.key} />
        <p className="hint">
          Scopes: {created.scopes.join(', ')} · prefix <code>{created.prefix}</code>
        </p>
        <div className="modal-actions">
          <button type="button" className="primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </ModalDialog>
    );
  }
  return (
    <ModalDialog key="form" title="New API key" onClose={onClose}>
      <KeyForm
        me={me}
        users={users}
        onCancel={onClose}
        onCreated={(key) => {
          setCreated(key);
          onCreated();
        }}
      />
    </ModalDialog>
  );
}

function KeyForm({
  me,
  users,
  onCancel,
  onCreated,
}: {
  me: Me;
  users: OrganizationUser[];
  onCancel: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const admin = can(me, 'admin');
  const grantable = grantableScopes(me);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(['workflows:read']));
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const toggle = (scope: Scope, on: boolean) => {
    const next = new Set(scopes);
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.post<CreatedApiKey>('/api/v1/api-keys', newKeyBody(name, scopes, userId)));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const nameError = fieldProblem(error, '#/name');
  const scopesError = fieldProblem(error, '#/scopes');
  // A user the organization does not have is a 404 about that user: shown on the user field.
  const userNotFound = error instanceof ApiProblem && error.status === 404 ? error.detail : undefined;
  const userError = fieldProblem(error, '#/userId') ?? userNotFound;
  const rest = userNotFound ? null : formLevelError(error, ['#/name', '#/scopes', '#/userId']);

  return (
    <form onSubmit={submit} noValidate className="stack-form">
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          required
          data-autofocus
          placeholder="nightly reports"
          {...invalidProps('key-name-error', nameError)}
        />
      </label>
      <FieldError id="key-name-error" message={nameError} />
      <fieldset aria-describedby={scopesError ? 'key-scopes-error' : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map(({ scope, hint }) => (
          <label key={scope} className="check">
            <input
              type="checkbox"
              checked={scopes.has(scope)}
              disabled={!grantable.includes(scope)}
              onChange={(e) => toggle(scope, e.target.checked)}
            />
            <span>
              <code>{scope}</code> <span className="hint">{hint}</span>
            </span>
          </label>
        ))}
        {grantable.length < SCOPES.length && <p className="hint">A key can be given only the scopes your own key holds.</p>}
      </fieldset>
      <FieldError id="key-scopes-error" message={scopesError} />
      {admin && (
        <>
          <label>
            User
            {users.length > 0 ? (
              <select value={userId} onChange={(e) => setUserId(e.target.value)} {...invalidProps('key-user-error', userError)}>
                <option value="">{me.userName ?? me.userId} (you)</option>
                {users
                  .filter((u) => u.id !== me.userId)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                      {u.email ? ` <${u.email}>` : ''}
                    </option>
                  ))}
              </select>
            ) : (
              <input value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="usr-… (empty: yourself)" {...invalidProps('key-user-error', userError)} />
            )}
          </label>
          <FieldError id="key-user-error" message={userError} />
        </>
      )}
      <ErrorNotice error={rest} title="The key was not created" />
      <div className="modal-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || scopes.size === 0}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
