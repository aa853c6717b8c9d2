package org.factdesk.ruling;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.ReviewBarrier;

/** Tells the claim policy who drafted each ruling under review, when the four-eyes rule bars them from approving it. */
@ApplicationScoped
public class RulingReviewBarrier implements ReviewBarrier {

    @Inject
    RulingRepository rulings;
    @Inject
    RulingsConfig config;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, String> barredApprovers(Collection<Long> claimIds) {
        Map<Long, String> barred = new HashMap<>();
        if (!config.fourEyes() || claimIds.isEmpty()) {
            return barred;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = rulings.getEntityManager().createQuery(
                "SELECT r.claimId, r.draftedBy FROM Ruling r WHERE r.claimId IN :ids AND r.status = :draft")
                .setParameter("ids", claimIds).setParameter("draft", RulingStatus.DRAFT).getResultList();
        for (Object[] row : rows) {
            barred.put((Long) row[0], (String) row[1]);
        }
        return barred;
    }
}
