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
import { SimilarPanel } from '../matching/SimilarPanel';
import { WorkflowActions } from './WorkflowActions';

export function ClaimPage({ id }: { id: number }) {
  const me = useSession();
  const claim = useAsync(() => getClaim(id), [id]);
  // bumps when something elsewhere on the page changed the claim (evidence, rulings), to refresh history
  const [changes, setChanges] = useState(0);
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
      <ProblemMessage problem={claim.problem} />
      <div class="claim-layout">
        <aside class="claim-actions" aria-label="Workflow">
          <WorkflowActions claim={c} me={me} onChanged={update} />
          <AssigneePicker claim={c} me={me} onChanged={update} />
          <SimilarPanel claim={c} />
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
