import { describe, expect, it } from 'vitest';
import type { Me } from '../auth/caller';
import { grantableScopes, newKeyBody, type Scope } from './apiKeys';

const me = (scopes: string[]): Me => ({
  keyId: 'key-1',
  keyName: 'k',
  scopes,
  userId: 'usr-1',
  userName: 'Ada',
  organizationId: 'org-1',
  organizationName: 'Acme',
  instanceAdmin: false,
});

describe('grantableScopes', () => {
  it('lets an admin key grant every scope and another key only those it holds', () => {
    expect(grantableScopes(me(['admin']))).toEqual(['workflows:read', 'workflows:write', 'workflows:execute', 'admin']);
    expect(grantableScopes(me(['workflows:execute', 'workflows:read']))).toEqual(['workflows:read', 'workflows:execute']);
  });
});

describe('newKeyBody', () => {
  it('trims the name, orders the scopes as the form does and names a user only when one is chosen', () => {
    const scopes = new Set<Scope>(['workflows:execute', 'workflows:read']);
    expect(newKeyBody('  nightly ', scopes, '')).toEqual({ name: 'nightly', scopes: ['workflows:read', 'workflows:execute'] });
    expect(newKeyBody('ci', new Set<Scope>(['admin']), ' usr-2 ')).toEqual({ name: 'ci', scopes: ['admin'], userId: 'usr-2' });
  });
});
