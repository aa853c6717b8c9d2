package org.factdesk.claim;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.HistoryAccess;
import org.factdesk.common.Audience;
import org.factdesk.identity.Actor;

/** Claim histories are read as the claim policy allows: staff every event, the submitter the claim's own changes. */
@ApplicationScoped
public class ClaimHistoryAccess implements HistoryAccess {

    @Inject
    ClaimService claims;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<Audience> audiencesFor(long claimId, Actor actor) {
        Claim claim = claims.get(claimId, actor, ClaimAction.READ_HISTORY);
        return ClaimPolicy.historyAudiences(ClaimPolicy.Facts.of(claim), actor);
    }
}
