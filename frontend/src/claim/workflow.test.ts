// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { transitionLabel, transitionNeedsReason } from './workflow';

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
});
