import type { ClaimReviewJsonLd } from '../api/types';

/** JSON for a <script type="application/ld+json"> body: "<" escaped so no text can close the script. */
export function jsonLdScriptText(doc: unknown): string {
  return JSON.stringify(doc).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function name(v: unknown): string | undefined {
  if (!v) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'name' in (v as object)) return String((v as { name?: unknown }).name ?? '') || undefined;
  return undefined;
}

function url(v: unknown): string | undefined {
  if (!v) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return url(v[0]);
  if (typeof v === 'object') return url((v as { url?: unknown }).url);
  return undefined;
}

function correctionText(v: unknown): string | undefined {
  if (!v) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return correctionText(v[0]);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; description?: unknown };
    return String(o.text ?? o.description ?? '') || undefined;
  }
  return undefined;
}

/** What a reader sees, taken from the ClaimReview document. */
export function readerView(doc: ClaimReviewJsonLd) {
  const rating = doc.reviewRating ?? {};
  const item = doc.itemReviewed ?? {};
  return {
    claimReviewed: doc.claimReviewed ?? '',
    headline: typeof doc.headline === 'string' ? doc.headline : undefined,
    body: typeof doc.reviewBody === 'string' ? doc.reviewBody : undefined,
    verdict: rating.alternateName ?? '',
    ratingValue: rating.ratingValue,
    bestRating: rating.bestRating,
    worstRating: rating.worstRating,
    publisher: name(doc.author),
    claimant: name((item as { author?: unknown }).author),
    claimDate: (item as { datePublished?: string }).datePublished,
    appearance: url((item as { appearance?: unknown }).appearance),
    datePublished: doc.datePublished,
    dateModified: doc.dateModified,
    correction: correctionText(doc.correction),
    url: doc.url,
  };
}
