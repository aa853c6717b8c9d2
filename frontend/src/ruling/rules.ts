import type { RulingView, Verdict } from '../api/types';

export const CLAIM_REVIEWED_WARN = 75;
export const CLAIM_REVIEWED_MAX = 280;

export type RulingPhase = 'draft' | 'returned' | 'published' | 'superseded';

/** Where a ruling stands, tolerant of how the server names it. */
export function rulingPhase(r: RulingView): RulingPhase {
  const s = String(r.status ?? '').toUpperCase();
  if (s === 'SUPERSEDED' || r.supersededBy) return 'superseded';
  if (r.publishedAt || s === 'PUBLISHED' || s === 'APPROVED' || s === 'CURRENT') return 'published';
  if (s === 'RETURNED') return 'returned';
  return 'draft';
}

export function claimReviewedHint(text: string): { level: 'ok' | 'warn' | 'error'; message: string } {
  const n = text.trim().length;
  if (n > CLAIM_REVIEWED_MAX) return { level: 'error', message: `${n} characters: at most ${CLAIM_REVIEWED_MAX} allowed.` };
  if (n > CLAIM_REVIEWED_WARN) return { level: 'warn', message: `${n} characters: keep it under ${CLAIM_REVIEWED_WARN} if you can.` };
  return { level: 'ok', message: `${n} of ${CLAIM_REVIEWED_WARN} characters.` };
}

/** Verdicts offered for new rulings: the current scale without retired labels. */
export function selectableVerdicts(verdicts: Verdict[]): Verdict[] {
  return verdicts.filter((v) => !v.retired);
}

/** A correction note is required once a ruling on this claim has been published. */
export function needsCorrectionNote(rulings: RulingView[]): boolean {
  return rulings.some((r) => {
    const p = rulingPhase(r);
    return p === 'published' || p === 'superseded';
  });
}

/** Newest first by version number, then creation time. */
export function sortRulings(rulings: RulingView[]): RulingView[] {
  return [...rulings].sort(
    (a, b) => (b.versionNumber ?? 0) - (a.versionNumber ?? 0) || b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  );
}

/** Four-eyes explanation when the viewer drafted the ruling they are about to approve. */
export function fourEyesNote(r: RulingView, username: string | undefined): string | null {
  if (!username || r.draftedBy !== username) return null;
  return 'Four-eyes rule: you drafted this ruling, so a different editor has to approve it.';
}
