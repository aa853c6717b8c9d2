// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ClaimView, EvidenceView } from '../api/types';
import { mayAddEvidence, mayRetract } from './rules';

const claim = { id: 1, status: 'RESEARCHING', allowedActions: ['READ', 'ADD_EVIDENCE'] } as ClaimView;
const ev = { id: 3, addedBy: 'checker', retracted: false, allowedActions: ['RETRACT'] } as EvidenceView;

describe('evidence rules follow the server', () => {
  it('offers adding evidence exactly when the claim allows ADD_EVIDENCE', () => {
    expect(mayAddEvidence(claim)).toBe(true);
    expect(mayAddEvidence({ ...claim, allowedActions: ['READ'] })).toBe(false);
  });
  it('offers retraction exactly when the item allows RETRACT', () => {
    expect(mayRetract(claim, ev)).toBe(true);
    expect(mayRetract(claim, { ...ev, allowedActions: [] })).toBe(false);
    expect(mayRetract(claim, { ...ev, allowedActions: undefined })).toBe(false);
  });
});
