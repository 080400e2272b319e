import { useState, type FormEvent } from 'react';
import { request } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Me } from './caller';
import { session } from './session';

/** Asks for an API key and keeps it for this tab only once the server accepts it. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = key.trim();
    if (!typed) {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await request<Me>('GET', '/api/v1/me', { key: typed });
      session.signIn(typed);
      onSignedIn(me);
    } catch (e) {
      setError(e instanceof ApiProblem && e.status === 401 ? 'The server does not accept this API key.' : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Data Flow Platform</h1>
        <p>Sign in with an API key. It is kept in this browser tab only and forgotten when the tab closes.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'api-key-error' : undefined}
          autoFocus
        />
        {error && (
          <p id="api-key-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          A new server writes its first administrator key to <code>data/admin-api-key</code>.
        </p>
      </form>
    </main>
  );
}
