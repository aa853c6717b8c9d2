package org.factdesk.ruling;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Ruling storage: per-claim versions, the current published ruling and the public feed. */
@ApplicationScoped
public class RulingRepository implements PanacheRepositoryBase<Ruling, Long> {

    /** The claim a ruling belongs to, without loading it. */
    public Optional<Long> claimIdOf(long rulingId) {
        return getEntityManager().createQuery("SELECT r.claimId FROM Ruling r WHERE r.id = :id", Long.class)
                .setParameter("id", rulingId).getResultStream().findFirst();
    }

    public List<Ruling> forClaim(long claimId) {
        return list("claimId = ?1 ORDER BY id", claimId);
    }

    /** The claim's current published ruling, if any. */
    public Optional<Ruling> current(long claimId) {
        return find("claimId = ?1 AND status = ?2", claimId, RulingStatus.PUBLISHED).firstResultOptional();
    }

    public int lastVersionNumber(long claimId) {
        Integer max = getEntityManager()
                .createQuery("SELECT max(r.versionNumber) FROM Ruling r WHERE r.claimId = :c", Integer.class)
                .setParameter("c", claimId).getSingleResult();
        return max == null ? 0 : max;
    }

    public long nextPublicationSeq() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('ruling_publication_seq')")
                .getSingleResult()).longValue();
    }

    /** A published ruling (current or superseded) of a claim that is not dismissed. */
    @SuppressWarnings("unchecked")
    public Optional<Ruling> publicRuling(long rulingId) {
        List<Ruling> rows = getEntityManager().createNativeQuery("SELECT r.* FROM ruling r JOIN claim c ON c.id = r.claim_id"
                + " WHERE r.id = ?1 AND r.published_at IS NOT NULL AND c.status <> 'DISMISSED'", Ruling.class)
                .setParameter(1, rulingId).getResultList();
        return rows.stream().findFirst();
    }

    /** Current published rulings of claims not dismissed, newest publication first, below {@code beforeSeq}. */
    @SuppressWarnings("unchecked")
    public List<Ruling> feed(Long beforeSeq, int limit) {
        String sql = "SELECT r.* FROM ruling r JOIN claim c ON c.id = r.claim_id"
                + " WHERE r.status = 'PUBLISHED' AND c.status <> 'DISMISSED'"
                + (beforeSeq == null ? "" : " AND r.publication_seq < ?1")
                + " ORDER BY r.publication_seq DESC LIMIT " + limit;
        var q = getEntityManager().createNativeQuery(sql, Ruling.class);
        if (beforeSeq != null) {
            q.setParameter(1, beforeSeq);
        }
        return q.getResultList();
    }
}
