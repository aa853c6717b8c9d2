import { useEffect } from 'preact/hooks';
import { publicClaimReview } from '../api/public';
import { formatDate, formatDateTime } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAsync } from '../ui/useAsync';
import { jsonLdScriptText, readerView } from './jsonld';

function when(d: string | undefined): string {
  if (!d) return '';
  return d.length === 10 ? formatDate(d) : formatDateTime(d);
}

/** What readers see for a published ruling, with its ClaimReview JSON-LD embedded. */
export function PublicReviewPage({ rulingId }: { rulingId: number }) {
  const doc = useAsync(() => publicClaimReview(rulingId), [rulingId]);
  const v = doc.data ? readerView(doc.data) : null;
  useEffect(() => {
    if (v) document.title = `Fact check: ${v.claimReviewed} — ${v.verdict}`;
  }, [v?.claimReviewed, v?.verdict]);
  return (
    <article class="public-review" aria-labelledby="review-title">
      {doc.loading && !doc.data ? <p role="status">Loading…</p> : null}
      <ProblemMessage problem={doc.problem} />
      {v && doc.data ? (
        <>
          <p class="kicker">Fact check{v.publisher ? ` by ${v.publisher}` : ''}</p>
          <h1 id="review-title">{v.headline || v.claimReviewed}</h1>
          <p class="claim-quote">
            <span class="muted">Claim: </span>“{v.claimReviewed}”
            {v.claimant ? <span> — {v.claimant}</span> : null}
            {v.claimDate ? <span>, {when(v.claimDate)}</span> : null}
          </p>
          <p class="verdict">
            <span class="muted">Our rating: </span>
            <strong>{v.verdict}</strong>
            {v.ratingValue !== undefined && v.bestRating !== undefined ? (
              <span class="muted">
                {' '}
                ({String(v.ratingValue)} on a scale from {String(v.worstRating ?? 1)} to {String(v.bestRating)})
              </span>
            ) : null}
          </p>
          {v.body ? <p>{v.body}</p> : null}
          {v.correction ? (
            <p class="correction">
              <strong>Correction:</strong> {v.correction}
            </p>
          ) : null}
          <p class="muted small">
            {v.datePublished ? <>Published {when(v.datePublished)}. </> : null}
            {v.dateModified ? <>Updated {when(v.dateModified)}. </> : null}
            {v.appearance ? (
              <>
                Where the claim appeared:{' '}
                <a href={v.appearance} rel="noopener noreferrer nofollow">
                  {v.appearance}
                </a>
              </>
            ) : null}
          </p>
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(doc.data) }} />
        </>
      ) : null}
    </article>
  );
}
