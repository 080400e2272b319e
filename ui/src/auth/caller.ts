import { createContext, useContext } from 'react';

/** Who is signed in: the key's record and what it may do, from `GET /api/v1/me`. */
export interface Me {
  keyId: string;
  keyName: string;
  scopes: string[];
  userId: string;
  userName: string | null;
  organizationId: string;
  organizationName: string | null;
  instanceAdmin: boolean;
}

export const CallerContext = createContext<Me | null>(null);

/** The signed-in caller; only inside the signed-in part of the app. */
export function useCaller(): Me {
  const me = useContext(CallerContext);
  if (!me) throw new Error('useCaller outside a signed-in page');
  return me;
}

/** Whether the caller holds a scope (admin holds every scope). */
export function can(me: Me, scope: 'workflows:read' | 'workflows:write' | 'workflows:execute' | 'admin'): boolean {
  return me.scopes.includes('admin') || me.scopes.includes(scope);
}
