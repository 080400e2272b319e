import { can, type Me } from '../auth/caller';

export type Scope = 'workflows:read' | 'workflows:write' | 'workflows:execute' | 'admin';

/** The four scopes, in the order the form shows them, with what each lets a key do. */
export const SCOPES: { scope: Scope; hint: string }[] = [
  { scope: 'workflows:read', hint: 'list and read workflows, their versions and executions' },
  { scope: 'workflows:write', hint: 'create, change, deploy, share and delete workflows' },
  { scope: 'workflows:execute', hint: 'start and control executions, upload files' },
  { scope: 'admin', hint: "the organization's administrator: every scope, users, keys, credentials" },
];

/** An API key as listed: never its secret. */
export interface ApiKey {
  id: string;
  organizationId: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt?: string | null;
}

/** The answer that creates a key: the only one that carries its secret, in `key`. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface ApiKeyListing {
  count: number;
  limit: number;
  offset: number;
  apiKeys: ApiKey[];
}

/**
 * The scopes the caller may put on a key: an admin key any, another key only those it holds (the API refuses the
 * rest with 403).
 */
export function grantableScopes(me: Me): Scope[] {
  return SCOPES.map((s) => s.scope).filter((scope) => can(me, 'admin') || me.scopes.includes(scope));
}

/** The body of `POST /api/v1/api-keys`: the name as typed but trimmed, the scopes in form order, the user if any. */
export function newKeyBody(name: string, scopes: ReadonlySet<Scope>, userId: string): { name: string; scopes: Scope[]; userId?: string } {
  const body: { name: string; scopes: Scope[]; userId?: string } = {
    name: name.trim(),
    scopes: SCOPES.map((s) => s.scope).filter((s) => scopes.has(s)),
  };
  if (userId.trim()) body.userId = userId.trim();
  return body;
}
