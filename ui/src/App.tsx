import { lazy, Suspense, useEffect, useState } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { api, onUnauthorized } from './api/client';
import { CallerContext, type Me } from './auth/caller';
import { session } from './auth/session';
import { SignIn } from './auth/SignIn';
import { Shell } from './layout/Shell';
import { NotFound } from './layout/NotFound';
import { WorkflowList } from './workflows/WorkflowList';

// The workflow list comes with the first script; every other page (the canvas library with the editor and the
// execution view) is loaded when first opened, so that the list is usable sooner.
const WorkflowEditorPage = lazy(() => import('./editor/WorkflowEditorPage').then((m) => ({ default: m.WorkflowEditorPage })));
const ExecutionPage = lazy(() => import('./executions/ExecutionPage').then((m) => ({ default: m.ExecutionPage })));
const ExecutionListPage = lazy(() => import('./executions/ExecutionListPage').then((m) => ({ default: m.ExecutionListPage })));
const RunPage = lazy(() => import('./executions/RunPage').then((m) => ({ default: m.RunPage })));
const VersionsPage = lazy(() => import('./workflows/VersionsPage').then((m) => ({ default: m.VersionsPage })));
const ApiKeysPage = lazy(() => import('./settings/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })));
const CredentialsPage = lazy(() => import('./settings/CredentialsPage').then((m) => ({ default: m.CredentialsPage })));
const OrganizationPage = lazy(() => import('./settings/OrganizationPage').then((m) => ({ default: m.OrganizationPage })));

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
          <Suspense fallback={<p className="page-loading">Loading…</p>}>
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
          </Suspense>
        </Shell>
      </HashRouter>
    </CallerContext.Provider>
  );
}
