// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ClaimView } from '../api/types';
import { changedFields, describeConflict, otherChanges } from './edit';

const base: ClaimView = {
  id: 1,
  statement: 'Ecuador has no plans to expel Assange.',
  claimant: 'Foreign Ministry',
  sourceUrl: 'https://example.org/a',
  claimedAt: null,
  tags: ['ecuador'],
  priority: 'NORMAL',
  status: 'RESEARCHING',
  assignee: 'checker',
  submittedBy: 'contributor',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
  allowedTransitions: ['DISMISSED'],
  allowedActions: [],
};

describe('changedFields', () => {
  it('sends only what the user changed; empty optional fields become null', () => {
    expect(
      changedFields(base, {
        statement: base.statement,
        claimant: '',
        sourceUrl: base.sourceUrl,
        tags: ['ecuador', 'un'],
        priority: 'NORMAL',
      }),
    ).toEqual({ claimant: null, tags: ['ecuador', 'un'] });
  });
  it('is empty when nothing changed', () => {
    expect(changedFields(base, { statement: base.statement, tags: ['ecuador'] })).toEqual({});
  });
});

describe('describeConflict', () => {
  it('shows server changes next to mine and flags clashes', () => {
    const latest = { ...base, version: 4, claimant: 'Ecuador Foreign Ministry', priority: 'HIGH' as const };
    const rows = describeConflict(base, latest, { claimant: 'Ministry of Foreign Affairs', tags: ['ecuador', 'un'] });
    expect(rows).toEqual([
      {
        field: 'claimant',
        label: 'Claimant',
        before: 'Foreign Ministry',
        server: 'Ecuador Foreign Ministry',
        mine: 'Ministry of Foreign Affairs',
        clash: true,
      },
      { field: 'tags', label: 'Tags', before: 'ecuador', server: 'ecuador', mine: 'ecuador, un', clash: false },
      { field: 'priority', label: 'Priority', before: 'NORMAL', server: 'HIGH', mine: null, clash: false },
    ]);
  });
  it('reports status and assignee moves', () => {
    expect(otherChanges(base, { ...base, status: 'DISMISSED', assignee: null })).toEqual([
      'Status: RESEARCHING → DISMISSED',
      'Assignee: checker → none',
    ]);
  });
});
