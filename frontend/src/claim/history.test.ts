// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './history';

const ev = (data: Record<string, unknown>) => ({ seq: 1, type: 'CLAIM_EDITED', actor: 'x', occurredAt: '', hash: 'h', data });

describe('summarizeEvent', () => {
  it('shows before/after pairs', () => {
    expect(summarizeEvent(ev({ changes: { claimant: { before: null, after: 'UN' } } }))).toBe('claimant: — → UN');
    expect(summarizeEvent(ev({ priority: { before: 'LOW', after: 'HIGH' } }))).toBe('priority: LOW → HIGH');
  });
  it('understands {from, to} pairs', () => {
    expect(summarizeEvent(ev({ tags: { from: [], to: ['assange', 'ecuador'] } }))).toBe('tags: — → assange, ecuador');
  });
  it('shows transitions with reasons', () => {
    expect(summarizeEvent(ev({ from: 'SUBMITTED', to: 'DISMISSED', reason: 'dup' }))).toBe(
      'from: SUBMITTED; to: DISMISSED; reason: dup',
    );
  });
  it('leaves out empty values', () => {
    expect(summarizeEvent(ev({ from: 'SUBMITTED', to: 'RESEARCHING', reason: null }))).toBe('from: SUBMITTED; to: RESEARCHING');
  });
  it('is empty without data', () => {
    expect(summarizeEvent({ seq: 1, type: 't', actor: 'a', occurredAt: '', hash: 'h' })).toBe('');
  });
});
