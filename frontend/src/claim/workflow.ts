import { allows, type ClaimStatus, type ClaimView } from '../api/types';
import { statusLabel } from '../ui/format';

/** Button text for a status move. */
export function transitionLabel(from: ClaimStatus, to: ClaimStatus): string {
  if (to === 'RESEARCHING' && from === 'SUBMITTED') return 'Start research';
  if (to === 'RESEARCHING' && from === 'RATED') return 'Reopen for correction';
  if (to === 'RESEARCHING' && from === 'IN_REVIEW') return 'Back to research';
  if (to === 'DISMISSED') return 'Dismiss';
  if (to === 'SUBMITTED' && from === 'DISMISSED') return 'Reopen';
  return `Move to ${statusLabel(to)}`;
}

/** Dismissing and reopening need a reason (contract). */
export function transitionNeedsReason(from: ClaimStatus, to: ClaimStatus): boolean {
  return to === 'DISMISSED' || (to === 'SUBMITTED' && from === 'DISMISSED') || (to === 'RESEARCHING' && from === 'RATED');
}

/**
 * What to say when no status change is offered here: the moves of a claim in review (approve, return) and of one in
 * research (drafting sends it to review) live in the ruling panel, so point there instead of saying "nothing".
 */
export function elsewhere(claim: ClaimView): string {
  if (allows(claim, 'APPROVE_RULING') || allows(claim, 'RETURN_RULING')) {
    return 'Approve or return the ruling in the Ruling panel.';
  }
  if (allows(claim, 'DRAFT_RULING')) {
    return 'Drafting a ruling in the Ruling panel sends the claim to review.';
  }
  return 'No status changes available to you.';
}
