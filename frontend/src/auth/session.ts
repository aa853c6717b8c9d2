import { useEffect, useState } from 'preact/hooks';
import type { Me, Role } from '../api/types';

/** The signed-in user, shared by every screen. undefined = not yet known, null = signed out. */
let current: Me | null | undefined;
const subs = new Set<(m: Me | null | undefined) => void>();

export function setSession(me: Me | null): void {
  current = me;
  for (const s of subs) s(me);
}

export function getSession(): Me | null | undefined {
  return current;
}

export function useSession(): Me | null | undefined {
  const [me, setMe] = useState(current);
  useEffect(() => {
    subs.add(setMe);
    setMe(current);
    return () => {
      subs.delete(setMe);
    };
  }, []);
  return me;
}

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}

export const can = {
  submitClaims: (me: Me | null | undefined) => hasRole(me, 'CONTRIBUTOR', 'FACT_CHECKER', 'EDITOR'),
  research: (me: Me | null | undefined) => hasRole(me, 'FACT_CHECKER', 'EDITOR'),
  edit: (me: Me | null | undefined) => hasRole(me, 'EDITOR'),
  admin: (me: Me | null | undefined) => hasRole(me, 'ADMIN'),
  /** GET /api/v1/users is for staff other than contributors */
  listUsers: (me: Me | null | undefined) => hasRole(me, 'ADMIN', 'EDITOR', 'FACT_CHECKER', 'AUDITOR'),
  /** Staff who can see the queue (every role; contributors see what they submitted). */
  staff: (me: Me | null | undefined) => !!me,
};
