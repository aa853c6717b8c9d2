// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { RulingView } from '../api/types';
import { claimReviewedHint, fourEyesNote, needsCorrectionNote, rulingPhase, selectableVerdicts, sortRulings } from './rules';

const r = (over: Partial<RulingView>): RulingView => ({
  id: 1,
  claimId: 1,
  verdict: 'FALSE',
  headline: 'h',
  claimReviewed: 'c',
  summary: 's',
  evidenceIds: [],
  status: 'DRAFT',
  draftedBy: 'checker',
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('ruling rules', () => {
  it('derives the phase', () => {
    expect(rulingPhase(r({}))).toBe('draft');
    expect(rulingPhase(r({ status: 'RETURNED' }))).toBe('returned');
    expect(rulingPhase(r({ publishedAt: '2026-01-02T00:00:00Z', status: 'PUBLISHED' }))).toBe('published');
    expect(rulingPhase(r({ publishedAt: '2026-01-02T00:00:00Z', supersededBy: 5 }))).toBe('superseded');
  });
  it('warns and rejects long claimReviewed', () => {
    expect(claimReviewedHint('x'.repeat(70)).level).toBe('ok');
    expect(claimReviewedHint('x'.repeat(76)).level).toBe('warn');
    expect(claimReviewedHint('x'.repeat(281)).level).toBe('error');
  });
  it('requires a correction note after a publication', () => {
    expect(needsCorrectionNote([r({})])).toBe(false);
    expect(needsCorrectionNote([r({ publishedAt: '2026-01-02T00:00:00Z' })])).toBe(true);
  });
  it('hides retired verdicts and sorts versions', () => {
    expect(selectableVerdicts([{ key: 'A', label: 'A' }, { key: 'B', label: 'B', retired: true }]).map((v) => v.key)).toEqual(['A']);
    expect(sortRulings([r({ id: 1, versionNumber: 1 }), r({ id: 2, versionNumber: 2 })]).map((x) => x.id)).toEqual([2, 1]);
  });
  it('explains the four-eyes rule to the drafter only', () => {
    expect(fourEyesNote(r({ draftedBy: 'editor' }), 'editor')).toMatch(/Four-eyes/);
    expect(fourEyesNote(r({ draftedBy: 'editor' }), 'editor2')).toBeNull();
  });
});
