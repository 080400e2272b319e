import { describe, expect, it } from 'vitest';
import type { Workflow } from '../api/types';
import type { Me } from '../auth/caller';
import { allowedFromProblem, lifecycleActions, mayChange, TRANSITIONS, withMetadata } from './lifecycle';

const me = (scopes: string[], userId = 'usr-me'): Me => ({
  keyId: 'key-1', keyName: 'k', scopes, userId, userName: 'Me', organizationId: 'org-1', organizationName: 'Org', instanceAdmin: false,
});

describe('lifecycleActions', () => {
  it('offers from each status only changes the lifecycle allows', () => {
    for (const [from, allowed] of Object.entries(TRANSITIONS)) {
      for (const action of lifecycleActions(from as keyof typeof TRANSITIONS)) {
        const to = action.kind === 'deploy' ? 'active' : action.kind === 'undeploy' ? 'draft' : action.to;
        if (to !== from) expect(allowed, `${from} -> ${to}`).toContain(to);
      }
    }
  });

  it('deploys a draft rather than setting it active, and lets an archived workflow only go back to draft', () => {
    expect(lifecycleActions('draft').map((a) => a.label)).toEqual(['Deploy', 'Archive']);
    expect(lifecycleActions('archived').map((a) => a.label)).toEqual(['Back to draft']);
    expect(lifecycleActions('paused')[0]).toEqual({ kind: 'status', to: 'active', label: 'Resume (active)' });
  });
});

describe('allowedFromProblem', () => {
  it("reads a 409's allowed statuses and ignores anything else", () => {
    expect(allowedFromProblem({ allowed: ['active', 'archived'] })).toEqual(['active', 'archived']);
    expect(allowedFromProblem({ allowed: ['active', 'gone', 3] })).toEqual(['active']);
    expect(allowedFromProblem({})).toEqual([]);
  });
});

describe('mayChange', () => {
  it('lets the owner with write and any admin change, and nobody with read only', () => {
    expect(mayChange(me(['workflows:write']), { ownerId: 'usr-me' })).toBe(true);
    expect(mayChange(me(['workflows:write']), { ownerId: 'usr-other' })).toBe(false);
    expect(mayChange(me(['admin']), { ownerId: 'usr-other' })).toBe(true);
    expect(mayChange(me(['workflows:read']), { ownerId: 'usr-me' })).toBe(false);
  });
});

describe('withMetadata', () => {
  it("takes the server's status, flags and shares and keeps the page's graph", () => {
    const current = { id: 'wf', status: 'draft', isPublic: false, isTemplate: false, sharedWith: [], nodes: [{ id: 'edited', nodeId: 'Echo' }], updatedAt: 'a' } as unknown as Workflow;
    const fresh = { id: 'wf', status: 'active', isPublic: true, isTemplate: true, sharedWith: ['usr-2'], nodes: [], updatedAt: 'b' } as unknown as Workflow;
    const merged = withMetadata(current, fresh);
    expect(merged.status).toBe('active');
    expect(merged.isPublic && merged.isTemplate).toBe(true);
    expect(merged.sharedWith).toEqual(['usr-2']);
    expect(merged.nodes).toEqual([{ id: 'edited', nodeId: 'Echo' }]);
  });
});
