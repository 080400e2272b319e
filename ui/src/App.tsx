import { useEffect, useState } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { api, onUnauthorized } from './api/client';
import { CallerContext, type Me } from './auth/caller';
import { session } from './auth/session';
import { SignIn } from './auth/SignIn';
import { Shell } from './layout/Shell';
import { NotFound } from './layout/NotFound';
import { WorkflowList } from './workflows/WorkflowList';
import { WorkflowEditorPage } from './editor/WorkflowEditorPage';
import { ExecutionPage } from './executions/ExecutionPage';
import { ExecutionListPage } from './executions/ExecutionListPage';
import { RunPage } from './executions/RunPage';
import { VersionsPage } from './workflows/VersionsPage';
import { ApiKeysPage } from './settings/ApiKeysPage';
import { CredentialsPage } from './settings/CredentialsPage';
import { OrganizationPage } from './settings/OrganizationPage';

/**
 * The app: sign-in until the session has a key the server accepts, then the pages. Routes live in the URL's hash
 * (`/#/workflows/...`), so that no page address is ever an API path (the API owns `/workflows`).
 */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => session.key() !== null);

  useEffect(() => {
    if (!session.key()) return;
    api.get<Me>('/api/v1/me').then(
      (found) => {
        setMe(found);
        setChecking(false);
      },
      () => {
        session.signOut();
        setChecking(false);
      },
    );
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        session.signOut();
        setMe(null);
      }),
    [],
  );

  const signOut = () => {
    session.signOut();
    setMe(null);
  };

  if (checking) return <p className="page-loading">Loading…</p>;
  if (!me) return <SignIn onSignedIn={setMe} />;
  return (
    <CallerContext.Provider value={me}>
      <HashRouter>
        <Shell onSignOut={signOut}>
          <Routes>
            <Route path="/" element={<WorkflowList />} />
            <Route path="/workflows/new" element={<WorkflowEditorPage />} />
            <Route path="/workflows/:id" element={<WorkflowEditorPage />} />
            <Route path="/workflows/:id/run" element={<RunPage />} />
            <Route path="/workflows/:id/executions" element={<ExecutionListPage />} />
            <Route path="/workflows/:id/versions" element={<VersionsPage />} />
            <Route path="/executions/:id" element={<ExecutionPage />} />
            <Route path="/settings/api-keys" element={<ApiKeysPage />} />
            <Route path="/settings/credentials" element={<CredentialsPage />} />
            <Route path="/settings/organization" element={<OrganizationPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Shell>
      </HashRouter>
    </CallerContext.Provider>
  );
}
