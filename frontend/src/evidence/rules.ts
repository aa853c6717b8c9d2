import { allows, type ClaimView, type EvidenceView, type Me } from '../api/types';

/** The server says whether the caller may add evidence now (ClaimView.allowedActions). */
export function mayAddEvidence(claim: ClaimView, _me?: Me | null): boolean {
  return allows(claim, 'ADD_EVIDENCE');
}

/** The server says whether the caller may retract this item (EvidenceView.allowedActions). */
export function mayRetract(_claim: ClaimView, ev: EvidenceView, _me?: Me | null): boolean {
  return (ev.allowedActions ?? []).includes('RETRACT');
}
