import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Workflow, WorkflowStatus } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNotice } from '../common/ErrorNotice';
import { ActionsMenu, type MenuItem } from './ActionsMenu';
import { allowedFromProblem, lifecycleActions, mayChange, statusAction, withMetadata, type LifecycleAction } from './lifecycle';
import { ShareDialog } from './ShareDialog';
import './workflowActions.css';

/** The outcome of the last action, shown under the buttons: a confirmation, or the refusal and what it allows. */
type Feedback = { done: string } | { error: unknown; allowed: WorkflowStatus[] } | null;

/**
 * A workflow's actions for a page header: deploy, share and a menu with the rest of the lifecycle, versions,
 * duplicate, template and public flags and delete. Only what the caller's scopes and ownership allow is offered;
 * a refusal that still comes (someone changed the workflow meanwhile) is shown with the statuses it allows.
 * `onChanged` gets the workflow with the server's status, flags and shares on top of the one given, so that a
 * page's unsaved graph is kept.
 */
export function WorkflowActions({ workflow: given, onChanged }: { workflow: Workflow; onChanged: (workflow: Workflow) => void }) {
  const me = useCaller();
  // What the server said after this component's last action: a page that keeps only some members of what
  // onChanged hands it (the status, say) still gets the flags and shares offered as they now are. A newer
  // workflow from the page (saved since) wins.
  const [fresh, setFresh] = useState<Workflow | null>(null);
  const workflow = fresh && fresh.id === given.id && Date.parse(fresh.updatedAt) >= Date.parse(given.updatedAt) ? withMetadata(given, fresh) : given;
  const navigate = useNavigate();
  const onVersionsPage = useLocation().pathname === `/workflows/${workflow.id}/versions`;
  const editable = mayChange(me, workflow);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const base = `/api/v1/workflows/${workflow.id}`;

  // A confirmation is read out at once (role=status) and leaves by itself; a refusal stays until dismissed.
  useEffect(() => {
    if (!feedback || !('done' in feedback)) return;
    const timer = setTimeout(() => setFeedback(null), 8000);
    return () => clearTimeout(timer);
  }, [feedback]);

  const refresh = async () => {
    const found = await api.get<Workflow>(base);
    setFresh(found);
    onChanged(withMetadata(given, found));
  };

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFeedback(null);
    try {
      await what();
      await refresh();
      setFeedback({ done });
    } catch (error) {
      const allowed = error instanceof ApiProblem && error.status === 409 ? allowedFromProblem(error.extra) : [];
      setFeedback({ error, allowed });
      // The workflow may have changed under us (that is what a 409 says): show its status as it is now.
      if (allowed.length > 0) refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const lifecycle = (action: LifecycleAction) => {
    switch (action.kind) {
      case 'deploy':
        return run(() => api.post(`${base}/deploy`), 'Deployed: the current version runs, and the workflow is active.');
      case 'undeploy':
        return run(() => api.post(`${base}/undeploy`), 'Undeployed: the workflow is a draft again.');
      case 'status':
        return run(() => api.put(`${base}/status`, { status: action.to }), `The workflow is ${action.to} now.`);
    }
  };

  const duplicate = async () => {
    setBusy(true);
    setFeedback(null);
    try {
      const copy = await api.post<{ workflowId: string }>(`${base}/duplicate`);
      navigate(`/workflows/${copy.workflowId}`);
    } catch (error) {
      setFeedback({ error, allowed: [] });
    } finally {
      setBusy(false);
    }
  };

  const flag = (member: 'isTemplate' | 'isPublic', value: boolean, done: string) =>
    run(() => api.put(base, { [member]: value }), done);

  const actions = editable ? lifecycleActions(workflow.status) : [];
  const [first, ...rest] = actions;
  const deployButton = first && first.kind === 'deploy' ? first : null;
  const menu: MenuItem[] = [
    ...(deployButton ? rest : actions).map((a) => ({ label: a.label, onSelect: () => lifecycle(a) })),
    ...startGroup([
      ...(onVersionsPage ? [] : [{ label: 'Versions', onSelect: () => navigate(`/workflows/${workflow.id}/versions`) }]),
      ...(can(me, 'workflows:write') ? [{ label: 'Duplicate', onSelect: duplicate }] : []),
    ]),
    ...(editable
      ? [
          {
            label: workflow.isTemplate ? 'Remove from templates' : 'Mark as template',
            onSelect: () => flag('isTemplate', !workflow.isTemplate, workflow.isTemplate ? 'No longer a template.' : 'Marked as a template.'),
            group: true,
          },
          {
            label: workflow.isPublic ? 'Make private' : 'Make public',
            onSelect: () =>
              flag('isPublic', !workflow.isPublic, workflow.isPublic ? 'Private: only its owner, those it is shared with and administrators see it.' : 'Public: every user of the organization may read it.'),
          },
          { label: 'Delete…', onSelect: () => setDeleting(true), danger: true, group: true },
        ]
      : []),
  ];

  return (
    <div className="workflow-actions" aria-busy={busy}>
      <div className="workflow-actions-row">
        {deployButton && (
          <button type="button" className={workflow.status === 'draft' ? 'primary' : undefined} disabled={busy} onClick={() => lifecycle(deployButton)} title="Deploys the saved current version">
            {deployButton.label}
          </button>
        )}
        <button type="button" onClick={() => setSharing(true)} disabled={busy}>
          Share…
        </button>
        {menu.length > 0 && <ActionsMenu label="More actions" items={menu} />}
      </div>
      <div className="workflow-actions-feedback">
        <p role="status" className={feedback && 'done' in feedback ? 'notice notice-ok' : 'visually-hidden'}>
          {feedback && 'done' in feedback ? feedback.done : ''}
        </p>
        {feedback && 'error' in feedback && (
          <div className="feedback-box">
            <ErrorNotice error={feedback.error} title="Refused" />
            {feedback.allowed.length > 0 && (
              <div className="allowed">
                <span>Allowed now:</span>
                {feedback.allowed.map((to) => (
                  <button key={to} type="button" onClick={() => lifecycle(statusAction(to))} disabled={busy}>
                    Set to {to}
                  </button>
                ))}
              </div>
            )}
            <button type="button" className="dismiss" onClick={() => setFeedback(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
      </div>
      {sharing && (
        <ShareDialog workflow={workflow} me={me} editable={editable} onShared={() => refresh().catch(() => undefined)} onClose={() => setSharing(false)} />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${workflow.name}”?`}
          confirmLabel="Delete workflow"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.del(base);
            navigate('/');
          }}
        >
          <p>
            The workflow is no longer found or listed anywhere, and its executions under way are stopped. This cannot be
            undone; its name becomes free again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Items with a separator before the first. */
function startGroup(items: MenuItem[]): MenuItem[] {
  return items.map((item, i) => (i === 0 ? { ...item, group: true } : item));
}
