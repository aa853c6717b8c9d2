import { useState } from 'preact/hooks';
import { getClaim } from '../api/claims';
import { allows, type ClaimView } from '../api/types';
import { useSession } from '../auth/session';
import { CommentsPanel } from '../comments/CommentsPanel';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { RulingPanel } from '../ruling/RulingPanel';
import { Link } from '../router/router';
import { ProblemMessage } from '../ui/Problem';
import { StatusBadge } from '../ui/Status';
import { useAsync } from '../ui/useAsync';
import { AssigneePicker } from './AssigneePicker';
import { ClaimDetails } from './ClaimDetails';
import { HistoryTimeline } from './HistoryTimeline';
import { AlreadyRatedBanner } from '../matching/AlreadyRatedBanner';
import { DuplicatesPanel } from '../matching/DuplicatesPanel';
import { SimilarPanel } from '../matching/SimilarPanel';
import { useSimilar } from '../matching/useSimilar';
import { WorkflowActions } from './WorkflowActions';

export function ClaimPage({ id }: { id: number }) {
  const me = useSession();
  const claim = useAsync(() => getClaim(id), [id]);
  // bumps when something elsewhere on the page changed the claim (evidence, rulings), to refresh history
  const [changes, setChanges] = useState(0);
  // looked up at the top: hooks run on every render, also before the claim has loaded
  const similar = useSimilar(claim.data);
  const update = (c: ClaimView) => {
    claim.setData(c);
    setChanges((n) => n + 1);
  };
  const refresh = () => {
    claim.reload();
    setChanges((n) => n + 1);
  };

  if (!claim.data) {
    return (
      <section>
        <h1>Claim #{id}</h1>
        {claim.loading ? <p role="status">Loading…</p> : null}
        <ProblemMessage problem={claim.problem} />
        <p>
          <Link href="/">Back to the queue</Link>
        </p>
      </section>
    );
  }
  const c = claim.data;
  return (
    <article class="claim-page" aria-labelledby="claim-title">
      <p class="crumbs">
        <Link href="/">Queue</Link> / Claim #{c.id}
      </p>
      <h1 id="claim-title" class="statement">
        {c.statement}
      </h1>
      <p class="claim-status">
        <StatusBadge status={c.status} />{' '}
        {allows(c, 'READ_EVIDENCE') ? (c.assignee ? <span>Assigned to {c.assignee}</span> : <span>Unassigned</span>) : null}
      </p>
      <AlreadyRatedBanner claim={c} items={similar} />
      <ProblemMessage problem={claim.problem} />
      <div class="claim-layout">
        <aside class="claim-actions" aria-label="Workflow">
          <WorkflowActions claim={c} me={me} onChanged={update} />
          <AssigneePicker claim={c} me={me} onChanged={update} />
          <SimilarPanel claim={c} items={similar} onChanged={update} />
          <DuplicatesPanel claim={c} refreshKey={changes} />
        </aside>
        <div class="claim-main">
          <ClaimDetails claim={c} me={me} onSaved={update} />
          {allows(c, 'READ_EVIDENCE') ? (
            <EvidencePanel claim={c} me={me} onChanged={() => setChanges((n) => n + 1)} />
          ) : null}
          <RulingPanel claim={c} me={me} onClaimChanged={refresh} evidenceKey={changes} />
          <CommentsPanel claimId={c.id} me={me} canComment={allows(c, 'COMMENT')} />
        </div>
        <aside class="claim-history" aria-label="Audit trail">
          <HistoryTimeline claimId={c.id} refreshKey={`${c.version}-${changes}`} />
        </aside>
      </div>
    </article>
  );
}

