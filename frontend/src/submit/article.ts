import type { ClaimInput } from '../api/types';

/** Parses a comma separated tag field: trimmed, lower-cased, unique, non-empty. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const t of text.split(',')) {
    const v = t.trim().toLowerCase();
    if (v) seen.add(v);
  }
  return [...seen];
}

/** Builds the claim inputs for the picked sentences, all citing the article URL as their source. */
export function claimsFromSentences(
  sentences: string[],
  picked: Set<number>,
  article: { url: string; claimant?: string; claimedAt?: string; tags?: string[] },
): ClaimInput[] {
  return sentences
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => picked.has(i))
    .map(({ s }) => {
      const input: ClaimInput = { statement: s.trim() };
      if (article.url.trim()) input.sourceUrl = article.url.trim();
      if (article.claimant?.trim()) input.claimant = article.claimant.trim();
      if (article.claimedAt) input.claimedAt = article.claimedAt;
      if (article.tags && article.tags.length) input.tags = article.tags;
      return input;
    });
}

/** Builds a claim from the single-claim form, leaving out empty optional fields. */
export function claimFromForm(fd: FormData): ClaimInput {
  const str = (k: string) => String(fd.get(k) ?? '').trim();
  const input: ClaimInput = { statement: str('statement') };
  if (str('claimant')) input.claimant = str('claimant');
  if (str('sourceUrl')) input.sourceUrl = str('sourceUrl');
  if (str('claimedAt')) input.claimedAt = str('claimedAt');
  const tags = parseTags(str('tags'));
  if (tags.length) input.tags = tags;
  if (str('priority')) input.priority = str('priority') as ClaimInput['priority'];
  return input;
}
