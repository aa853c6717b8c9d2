// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ClaimView } from '../api/types';
import { elsewhere, transitionLabel, transitionNeedsReason } from './workflow';

describe('workflow', () => {
  it('labels moves', () => {
    expect(transitionLabel('SUBMITTED', 'RESEARCHING')).toBe('Start research');
    expect(transitionLabel('RATED', 'RESEARCHING')).toBe('Reopen for correction');
    expect(transitionLabel('DISMISSED', 'SUBMITTED')).toBe('Reopen');
    expect(transitionLabel('RESEARCHING', 'DISMISSED')).toBe('Dismiss');
  });
  it('asks for a reason where the service requires one', () => {
    expect(transitionNeedsReason('SUBMITTED', 'RESEARCHING')).toBe(false);
    expect(transitionNeedsReason('SUBMITTED', 'DISMISSED')).toBe(true);
    expect(transitionNeedsReason('DISMISSED', 'SUBMITTED')).toBe(true);
    expect(transitionNeedsReason('RATED', 'RESEARCHING')).toBe(true);
  });
  it('points to the ruling panel instead of saying nothing when the moves are made there', () => {
    const claim = (allowedActions: ClaimView['allowedActions']) => ({ allowedActions }) as ClaimView;
    expect(elsewhere(claim(['READ', 'APPROVE_RULING', 'RETURN_RULING']))).toMatch(/Approve or return the ruling/);
    expect(elsewhere(claim(['READ', 'DRAFT_RULING']))).toMatch(/sends the claim to review/);
    expect(elsewhere(claim(['READ']))).toBe('No status changes available to you.');
  });
});
