// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ClaimView, EvidenceView } from '../api/types';
import { mayAddEvidence, mayRetract } from './rules';

const claim = { id: 1, status: 'RESEARCHING' } as ClaimView;
const ev = { id: 3, addedBy: 'checker', retracted: false } as EvidenceView;
const checker = { username: 'checker', displayName: 'C', roles: ['FACT_CHECKER' as const] };
const checker2 = { ...checker, username: 'checker2' };
const editor = { username: 'editor', displayName: 'E', roles: ['EDITOR' as const] };
const contributor = { username: 'contributor', displayName: 'K', roles: ['CONTRIBUTOR' as const] };

describe('evidence rules', () => {
  it('lets researchers add while the claim is researched or reviewed', () => {
    expect(mayAddEvidence(claim, checker)).toBe(true);
    expect(mayAddEvidence({ ...claim, status: 'IN_REVIEW' }, editor)).toBe(true);
    expect(mayAddEvidence({ ...claim, status: 'RATED' }, editor)).toBe(false);
    expect(mayAddEvidence(claim, contributor)).toBe(false);
  });
  it('lets editors and the adding fact-checker retract', () => {
    expect(mayRetract(claim, ev, checker)).toBe(true);
    expect(mayRetract(claim, ev, checker2)).toBe(false);
    expect(mayRetract(claim, ev, editor)).toBe(true);
    expect(mayRetract({ ...claim, status: 'RATED' }, ev, editor)).toBe(false);
    expect(mayRetract(claim, { ...ev, retracted: true }, editor)).toBe(false);
  });
});
