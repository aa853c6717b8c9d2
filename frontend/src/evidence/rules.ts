import type { ClaimView, EvidenceView, Me } from '../api/types';
import { can } from '../auth/session';

/** Fact-checkers and editors add evidence while the claim is RESEARCHING or IN_REVIEW. */
export function mayAddEvidence(claim: ClaimView, me: Me | null | undefined): boolean {
  return can.research(me) && (claim.status === 'RESEARCHING' || claim.status === 'IN_REVIEW');
}

/** Retraction: an editor, or the fact-checker who added it, while the claim is RESEARCHING or IN_REVIEW. */
export function mayRetract(claim: ClaimView, ev: EvidenceView, me: Me | null | undefined): boolean {
  if (ev.retracted || !(claim.status === 'RESEARCHING' || claim.status === 'IN_REVIEW')) return false;
  return can.edit(me) || (can.research(me) && ev.addedBy === me?.username);
}
