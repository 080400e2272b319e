import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Workflow } from '../api/types';
import { can, type Me } from '../auth/caller';
import { ErrorNotice } from '../common/ErrorNotice';
import { FieldError, invalidProps } from '../common/FieldError';
import { fieldProblem } from '../common/fieldProblems';
import { ModalDialog } from '../common/ModalDialog';
import { formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import { userLabel, useOrganizationUsers } from '../settings/users';

interface Shares {
  workflowId: string;
  sharedWith: { userId: string; sharedAt: string }[];
}

/**
 * Who a workflow is shared with, and, for its owner and administrators, sharing it with another user of the
 * organization (picked from the users for an administrator, typed as an id otherwise, since only administrators may
 * list users) and stopping.
 */
export function ShareDialog({
  workflow,
  me,
  editable,
  onShared,
  onClose,
}: {
  workflow: Workflow;
  me: Me;
  editable: boolean;
  onShared: () => void;
  onClose: () => void;
}) {
  const path = `/api/v1/workflows/${workflow.id}/share`;
  const shares = useLoad((signal) => api.get<Shares>(path, undefined, signal), [path]);
  const { users } = useOrganizationUsers(me);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const sharedIds = new Set(shares.data?.sharedWith.map((s) => s.userId) ?? []);

  const remove = async (userId: string) => {
    setRemoveError(null);
    try {
      await api.del(`${path}/${encodeURIComponent(userId)}`);
      setNotice(`Stopped sharing with ${userLabel(userId, me, users)}.`);
      shares.reload();
      onShared();
    } catch (e) {
      setRemoveError(e);
    }
  };

  return (
    <ModalDialog title={`Share “${workflow.name}”`} onClose={onClose} className="share-dialog">
      <p className="hint">
        Users it is shared with may read and execute it; only its owner and administrators may change it.
        {workflow.isPublic && ' It is also public: every user of the organization may read it.'}
      </p>
      {editable && (
        <AddShare
          path={path}
          me={me}
          candidates={users.filter((u) => u.id !== workflow.ownerId && !sharedIds.has(u.id))}
          onAdded={(userId) => {
            setNotice(`Shared with ${userLabel(userId, me, users)}.`);
            shares.reload();
            onShared();
          }}
        />
      )}
      <p role="status" className="hint">
        {notice}
      </p>
      <h3>Shared with</h3>
      <ErrorNotice error={shares.error} title="Could not read who it is shared with" />
      <ErrorNotice error={removeError} title="Could not stop sharing" />
      {shares.data && shares.data.sharedWith.length === 0 && <p className="muted">Not shared with anyone yet.</p>}
      {shares.data && shares.data.sharedWith.length > 0 && (
        <ul className="share-list">
          {shares.data.sharedWith.map((s) => (
            <li key={s.userId}>
              <span>
                {userLabel(s.userId, me, users)} <span className="hint">since {formatTime(s.sharedAt)}</span>
              </span>
              {editable && (
                <button type="button" onClick={() => remove(s.userId)} aria-label={`Stop sharing with ${userLabel(s.userId, me, users)}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function AddShare({
  path,
  me,
  candidates,
  onAdded,
}: {
  path: string;
  me: Me;
  candidates: { id: string; name: string; email: string | null }[];
  onAdded: (userId: string) => void;
}) {
  const pick = can(me, 'admin') && candidates.length > 0;
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = userId.trim();
    if (!id) {
      setError(new ApiProblem(400, 'Bad Request', '', [{ pointer: '#/userId', detail: pick ? 'choose a user' : 'type the id of a user (usr-…)' }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(path, { userId: id });
      setUserId('');
      onAdded(id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // An unknown user is a 404 naming the user: shown on the user field like the 400s at #/userId.
  const notFound = error instanceof ApiProblem && error.status === 404 ? error.detail : undefined;
  const userError = fieldProblem(error, '#/userId') ?? notFound;
  const rest = userError ? null : error;
  return (
    <form onSubmit={submit} noValidate className="share-add">
      <label>
        {pick ? 'User' : 'User id'}
        {pick ? (
          <select value={userId} onChange={(e) => setUserId(e.target.value)} data-autofocus {...invalidProps('share-user-error', userError)}>
            <option value="">Choose a user…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.email ? ` <${u.email}>` : ''}
              </option>
            ))}
          </select>
        ) : (
          <input value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="usr-…" spellCheck={false} data-autofocus {...invalidProps('share-user-error', userError)} />
        )}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Sharing…' : 'Share'}
      </button>
      <FieldError id="share-user-error" message={userError} />
      <ErrorNotice error={rest} title="Could not share" />
    </form>
  );
}
