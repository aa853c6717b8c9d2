package org.factdesk.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;

/**
 * Appends events to the hash chains, inside the caller's transaction. Appends to one chain are serialised by a
 * transaction-scoped advisory lock on that chain only (a claim's id, or -1 for the system chain), so writes to
 * different claims never wait for each other.
 */
@ApplicationScoped
public class AuditLog {

    private static final long SYSTEM_CHAIN = -1L;
    private static final String HEADS = AuditLog.class.getName() + ".heads";

    @Inject
    EntityManager em;
    @Inject
    TransactionSynchronizationRegistry tsr;

    /** Records an event on the claim's chain, or on the system chain when {@code claimId} is null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(Long claimId, String type, String actor, Map<String, ?> data) {
        long chain = claimId == null ? SYSTEM_CHAIN : claimId;
        String prevHash = heads().get(chain);
        long seq;
        if (prevHash != null) {
            seq = ((Number) em.createNativeQuery("SELECT nextval('audit_event_seq')").getSingleResult()).longValue();
        } else {
            em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)").setParameter(1, chain)
                    .getSingleResult();
            // a statement of its own after the lock, so its snapshot sees every append that committed before
            Query head = em.createNativeQuery("SELECT nextval('audit_event_seq'), (SELECT hash FROM audit_event WHERE "
                    + (claimId == null ? "claim_id IS NULL" : "claim_id = ?1") + " ORDER BY seq DESC LIMIT 1)");
            if (claimId != null) {
                head.setParameter(1, claimId);
            }
            Object[] row = (Object[]) head.getSingleResult();
            seq = ((Number) row[0]).longValue();
            prevHash = row[1] == null ? CanonicalJson.GENESIS : (String) row[1];
        }
        var occurredAt = Clock.now();
        String json = CanonicalJson.write(data == null ? Map.of() : data);
        String hash = CanonicalJson.chainHash(prevHash,
                CanonicalJson.event(seq, claimId, type, actor, occurredAt, json));
        AuditEvent event = new AuditEvent(seq, claimId, type, actor, occurredAt, json, prevHash, hash);
        em.persist(event);
        heads().put(chain, hash);
        return event;
    }

    /**
     * Records the first event of a claim created in this transaction. Its row is not visible to any other
     * transaction before this one commits, so nobody else can append to its chain: no lock and no look-up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent recordFirst(long claimId, String type, String actor, Map<String, ?> data) {
        heads().put(claimId, CanonicalJson.GENESIS);
        return record(claimId, type, actor, data);
    }

    @SuppressWarnings("unchecked")
    private Map<Long, String> heads() {
        Map<Long, String> heads = (Map<Long, String>) tsr.getResource(HEADS);
        if (heads == null) {
            heads = new HashMap<>();
            tsr.putResource(HEADS, heads);
        }
        return heads;
    }

    /** A claim's events in chain order. */
    @Transactional
    public List<AuditEvent> history(long claimId) {
        return em.createQuery("FROM AuditEvent WHERE claimId = :c ORDER BY seq", AuditEvent.class)
                .setParameter("c", claimId).getResultList();
    }

    /** Recomputes a claim's chain from the stored events. */
    @Transactional
    public ChainVerification verify(long claimId) {
        return ChainVerification.of(history(claimId));
    }

    /** Recomputes the system chain. */
    @Transactional
    public ChainVerification verifySystem() {
        return ChainVerification.of(em.createQuery("FROM AuditEvent WHERE claimId IS NULL ORDER BY seq",
                AuditEvent.class).getResultList());
    }

    /** A page of the feed and the position after its last event. */
    public record FeedPage(List<AuditEvent> events, FeedPosition next) {
    }

    /** A position in the feed: the writing transaction and sequence number of the last event read. */
    public record FeedPosition(String txId, long seq) {
        public static final FeedPosition START = new FeedPosition("0", 0);
    }

    /**
     * Events after {@code position} in commit-safe order: only events of transactions that have finished (older
     * than the oldest transaction still running) are served, ordered by writing transaction then sequence, so a
     * follower that pages with the returned position never misses an event that committed late.
     */
    @Transactional
    public FeedPage feed(FeedPosition position, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT seq, CAST(tx_id AS text) FROM audit_event
                WHERE (tx_id, seq) > (CAST(CAST(?1 AS text) AS xid8), ?2)
                  AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY tx_id, seq LIMIT ?3""")
                .setParameter(1, position.txId()).setParameter(2, position.seq()).setParameter(3, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return new FeedPage(List.of(), null);
        }
        List<Long> seqs = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Map<Long, AuditEvent> bySeq = new HashMap<>();
        em.createQuery("FROM AuditEvent WHERE seq IN :seqs", AuditEvent.class).setParameter("seqs", seqs)
                .getResultList().forEach(e -> bySeq.put(e.seq(), e));
        Object[] last = rows.get(rows.size() - 1);
        FeedPosition next = rows.size() == limit ? new FeedPosition((String) last[1], ((Number) last[0]).longValue())
                : null;
        return new FeedPage(seqs.stream().map(bySeq::get).toList(), next);
    }

    /** The result of recomputing a chain: whether it holds, how many events, and the first broken one. */
    public record ChainVerification(boolean valid, int events, Long firstBrokenSeq) {
        static ChainVerification of(List<AuditEvent> events) {
            String expectedPrev = CanonicalJson.GENESIS;
            for (AuditEvent e : events) {
                String recomputed = CanonicalJson.chainHash(e.prevHash(),
                        CanonicalJson.event(e.seq(), e.claimId(), e.type(), e.actor(), e.occurredAt(), e.data()));
                if (!e.prevHash().equals(expectedPrev) || !recomputed.equals(e.hash())) {
                    return new ChainVerification(false, events.size(), e.seq());
                }
                expectedPrev = e.hash();
            }
            return new ChainVerification(true, events.size(), null);
        }
    }
}
