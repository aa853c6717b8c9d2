import type { ClaimStatus } from '../api/types';
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
