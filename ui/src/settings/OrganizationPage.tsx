import { useState } from 'react';
import { api } from '../api/client';
import { can, useCaller } from '../auth/caller';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { SecretField } from './SecretField';
import './settings.css';

interface OrganizationAnswer {
  organization_id: string;
  name: string;
  created_at: string;
  webhook_signing_secret: string;
}

/**
 * The caller's organization, for administrators: its name and id, and its webhook signing secret, which is asked
 * for only when the administrator clicks to see it, and forgotten again on Hide or when leaving the page.
 */
export function OrganizationPage() {
  const me = useCaller();
  if (!can(me, 'admin')) {
    return (
      <section className="page">
        <EmptyState title="Administrators only">
          <p>The organization's settings are shown to keys with the admin scope.</p>
        </EmptyState>
      </section>
    );
  }
  return (
    <section aria-labelledby="organization-title" className="page settings-page">
      <div className="page-head">
        <h1 id="organization-title">Organization</h1>
      </div>
      <dl className="org-facts">
        <dt>Name</dt>
        <dd>{me.organizationName ?? '—'}</dd>
        <dt>Id</dt>
        <dd>
          <code>{me.organizationId}</code>
        </dd>
      </dl>
      <WebhookSecret />
    </section>
  );
}

function WebhookSecret() {
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setSecret((await api.get<OrganizationAnswer>('/organization')).webhook_signing_secret);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" aria-labelledby="webhook-secret-title" role="region">
      <h2 id="webhook-secret-title">Webhook signing secret</h2>
      <p className="hint">
        Every webhook of the organization is signed with this secret (Standard Webhooks, <code>webhook-signature</code>
        ). Receivers verify messages with it; keep it as secret as an API key.
      </p>
      {secret ? (
        <>
          <SecretField label="Signing secret" value={secret} />
          <button type="button" onClick={() => setSecret(null)}>
            Hide the secret
          </button>
        </>
      ) : (
        <button type="button" onClick={reveal} disabled={busy}>
          {busy ? 'Asking…' : 'Show webhook signing secret'}
        </button>
      )}
      <ErrorNotice error={error} title="Could not read the secret" />
    </div>
  );
}
