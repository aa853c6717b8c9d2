import type { ClaimView, Me } from '../api/types';
import { can } from '../auth/session';

/** Fact-checkers and editors add evidence while the claim is RESEARCHING or IN_REVIEW. */
export function mayAddEvidence(claim: ClaimView, me: Me | null | undefined): boolean {
  return can.research(me) && (claim.status === 'RESEARCHING' || claim.status === 'IN_REVIEW');
}
