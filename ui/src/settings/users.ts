import { api } from '../api/client';
import { can, type Me } from '../auth/caller';
import { useLoad } from '../common/useLoad';

/** A user of the organization, as `GET /api/v1/users` lists them. */
export interface OrganizationUser {
  id: string;
  organizationId: string;
  name: string;
  email: string | null;
  instanceAdmin: boolean;
  createdAt: string;
}

interface UserListing {
  count: number;
  limit: number;
  offset: number;
  users: OrganizationUser[];
}

/** How many users a picker offers; past that, a user id can still be typed. */
export const USERS_PAGE = 100;

/**
 * The organization's users, for administrators only (the API lists them to admin keys alone): others get an empty
 * list and type a user id instead. `complete` says whether every user is in the list.
 */
export function useOrganizationUsers(me: Me): { users: OrganizationUser[]; complete: boolean; error: unknown } {
  const admin = can(me, 'admin');
  const loaded = useLoad(
    (signal) =>
      admin ? api.get<UserListing>('/api/v1/users', { limit: USERS_PAGE }, signal) : Promise.resolve(null),
    [admin],
  );
  const listing = loaded.data ?? null;
  return {
    users: listing?.users ?? [],
    complete: listing !== null && listing.users.length >= listing.count,
    error: loaded.error,
  };
}

/**
 * How a user id reads: "you" for the caller, the user's name (with the id as a hint) when the list knows it, else
 * the id itself.
 */
export function userLabel(id: string | null | undefined, me: Me, users: OrganizationUser[]): string {
  if (!id) return '—';
  if (id === me.userId) return `${me.userName ?? id} (you)`;
  const user = users.find((u) => u.id === id);
  return user ? user.name : id;
}
