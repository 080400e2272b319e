import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { can, useCaller } from '../auth/caller';

/** The frame of every signed-in page: the navigation, who is signed in, and the page. */
export function Shell({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const me = useCaller();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Data Flow Platform</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Workflows
          </NavLink>
          <NavLink to="/settings/credentials">Credentials</NavLink>
          {can(me, 'admin') && <NavLink to="/settings/api-keys">API keys</NavLink>}
          {can(me, 'admin') && <NavLink to="/settings/organization">Organization</NavLink>}
        </nav>
        <div className="who">
          <span title={`key ${me.keyId}`}>
            {me.userName ?? me.userId} · {me.organizationName ?? me.organizationId}
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
