import type { Workflow, WorkflowStatus } from '../api/types';
import { can, type Me } from '../auth/caller';

/** The status changes `PUT .../status` allows (docs/api-v1.md, Lifecycle); the server's 409 names them too. */
export const TRANSITIONS: Record<WorkflowStatus, WorkflowStatus[]> = {
  draft: ['active', 'archived'],
  active: ['draft', 'paused', 'archived'],
  paused: ['draft', 'active', 'archived'],
  archived: ['draft'],
};

/** One lifecycle action: deploy and undeploy have their own endpoints, every other change is `PUT .../status`. */
export type LifecycleAction =
  | { kind: 'deploy'; label: string }
  | { kind: 'undeploy'; label: string }
  | { kind: 'status'; to: WorkflowStatus; label: string };

/**
 * What the lifecycle offers from a status, deploy first: from a draft, deploying (which pins the version) rather
 * than setting `active` by hand; from paused, resuming the deployed version or deploying the current one.
 */
export function lifecycleActions(status: WorkflowStatus): LifecycleAction[] {
  switch (status) {
    case 'draft':
      return [{ kind: 'deploy', label: 'Deploy' }, statusAction('archived')];
    case 'active':
      return [{ kind: 'deploy', label: 'Redeploy current version' }, statusAction('paused'), { kind: 'undeploy', label: 'Undeploy' }, statusAction('archived')];
    case 'paused':
      return [statusAction('active'), { kind: 'deploy', label: 'Deploy current version' }, { kind: 'undeploy', label: 'Undeploy' }, statusAction('archived')];
    case 'archived':
      return [statusAction('draft')];
    default:
      return [];
  }
}

/** The action that sets a status, named as the user thinks of it. */
export function statusAction(to: WorkflowStatus): LifecycleAction {
  const labels: Record<WorkflowStatus, string> = {
    draft: 'Back to draft',
    active: 'Resume (active)',
    paused: 'Pause',
    archived: 'Archive',
  };
  return { kind: 'status', to, label: labels[to] ?? `Set to ${to}` };
}

/** The statuses a 409 of the lifecycle says are allowed, or none when the answer does not list them. */
export function allowedFromProblem(extra: Record<string, unknown>): WorkflowStatus[] {
  const allowed = extra.allowed;
  return Array.isArray(allowed) ? allowed.filter((s): s is WorkflowStatus => typeof s === 'string' && s in TRANSITIONS) : [];
}

/** Whether the caller may change the workflow (deploy, status, share, flags, delete): its owner or an admin. */
export function mayChange(me: Me, workflow: Pick<Workflow, 'ownerId'>): boolean {
  return can(me, 'workflows:write') && (can(me, 'admin') || workflow.ownerId === me.userId);
}

/**
 * The workflow after an action, for the page that shows it: the server's status, flags and shares on top of what
 * the page has, so that the page's unsaved edits of the graph are not replaced.
 */
export function withMetadata(current: Workflow, fresh: Workflow): Workflow {
  return {
    ...current,
    status: fresh.status,
    isPublic: fresh.isPublic,
    isTemplate: fresh.isTemplate,
    sharedWith: fresh.sharedWith,
    updatedAt: fresh.updatedAt,
  };
}
