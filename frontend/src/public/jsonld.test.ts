// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { jsonLdScriptText, readerView } from './jsonld';

describe('JSON-LD', () => {
  it('escapes anything that could close the script element', () => {
    const text = jsonLdScriptText({ claimReviewed: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ claimReviewed: '</script><script>alert(1)</script>' });
  });
  it('extracts the reader view from a ClaimReview', () => {
    const v = readerView({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'Ecuador planned to expel Assange',
      datePublished: '2026-01-02',
      author: { '@type': 'Organization', name: 'Factdesk' },
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly false', ratingValue: 3, bestRating: 6, worstRating: 1 },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Wikileaks' },
        appearance: [{ '@type': 'CreativeWork', url: 'https://example.org/a' }],
      },
      correction: { '@type': 'CorrectionComment', text: 'Rating changed after new evidence.' },
    });
    expect(v.verdict).toBe('Mostly false');
    expect(v.publisher).toBe('Factdesk');
    expect(v.claimant).toBe('Wikileaks');
    expect(v.appearance).toBe('https://example.org/a');
    expect(v.correction).toBe('Rating changed after new evidence.');
  });
});
