import { describe, expect, it } from 'vitest';
import { can, getSession, hasRole, setSession } from './session';

describe('session', () => {
  it('stores the signed-in user', () => {
    setSession({ username: 'checker', displayName: 'Checker', roles: ['FACT_CHECKER'] });
    expect(getSession()?.username).toBe('checker');
    setSession(null);
    expect(getSession()).toBeNull();
  });
  it('derives permissions from roles', () => {
    const checker = { username: 'c', displayName: 'C', roles: ['FACT_CHECKER' as const] };
    const auditor = { username: 'a', displayName: 'A', roles: ['AUDITOR' as const] };
    expect(can.research(checker)).toBe(true);
    expect(can.edit(checker)).toBe(false);
    expect(can.submitClaims(auditor)).toBe(false);
    expect(can.admin({ ...auditor, roles: ['ADMIN'] })).toBe(true);
    expect(hasRole(null, 'ADMIN')).toBe(false);
  });
});
