import { createContext, useContext } from 'react';
import type { paths } from './api/schema.gen';

export type Me = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['roles'][number];
export type Organisation =
  paths['/api/organisations/{id}']['get']['responses'][200]['content']['application/json'];

export type Session = { me: Me; organisation: Organisation | undefined; signOut: () => void };

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function hasAnyRole(me: Me, roles: readonly Role[] | undefined): boolean {
  return !roles || me.roles.some((r) => roles.includes(r));
}

/** Who works cases and reads the unit report (the route policy's CASEWORK roles). */
export const CASEWORK: readonly Role[] = ['investigator', 'supervisor', 'agency_admin'];
