package org.factdesk.audit;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.factdesk.common.AdvisoryLocks;
import org.factdesk.common.Audience;
import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.AuditType;
import org.factdesk.common.Clock;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Appends events to the hash chains, inside the caller's transaction, and serves them as a feed. Appends to one
 * chain are serialised by a transaction-scoped advisory lock on that chain only (a claim's id, or -1 for the system
 * chain), so writes to different claims never wait for each other.
 */
@ApplicationScoped
public class AuditLog implements AuditTrail {

    private static final long SYSTEM_CHAIN = -1L;
    private static final String STATE = AuditLog.class.getName() + ".tx";

    @Inject
    EntityManager em;
    @Inject
    TransactionSynchronizationRegistry tsr;

    /** What this transaction has appended so far: the head of each chain it wrote, and whether it holds the feed lock. */
    private static final class TxState {
        final Map<Long, String> heads = new HashMap<>();
        boolean announced;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Long claimId, String actor, AuditRecord record) {
        AuditType type = AuditRecord.typeOf(record.getClass());
        append(claimId, type.value(), type.audience(), actor, CanonicalJson.write(record));
    }

    /**
     * Records the first event of a claim created in this transaction. Its row is not visible to any other
     * transaction before this one commits, so nobody else can append to its chain: no chain lock and no look-up.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirst(long claimId, String actor, AuditRecord record) {
        state().heads.put(claimId, CanonicalJson.GENESIS);
        record(claimId, actor, record);
    }

    /**
     * Records the first event of many claims created in this transaction (a chunk of a bulk import) in three statements
     * instead of two per event, with exactly what {@link #append} would store for each: no chain lock and no look-up
     * (as in {@link #recordFirst}, nobody else can see these claims yet), the feed lock taken before any key is
     * computed, sequence numbers in the given order, and one feed key for all, computed in the insert that runs after
     * the announcement, which is the rule {@link #feed} relies on.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirstOfMany(List<AuditTrail.First> events) {
        if (events.isEmpty()) {
            return;
        }
        TxState tx = state();
        for (AuditTrail.First e : events) {
            if (tx.heads.containsKey(e.claimId())) {
                throw new IllegalStateException("claim " + e.claimId() + " already has events in this transaction");
            }
        }
        if (!tx.announced) {
            em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock_shared(?1, 0) AS text)")
                    .setParameter(1, AdvisoryLocks.AUDIT_FEED).getSingleResult();
            tx.announced = true;
        }
        int n = events.size();
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("SELECT nextval('audit_event_seq') FROM generate_series(1, ?1)")
                .setParameter(1, n).getResultList();
        long[] seqs = numbers.stream().mapToLong(Number::longValue).sorted().toArray();
        Long[] seqCol = new Long[n];
        Long[] claimCol = new Long[n];
        String[] typeCol = new String[n];
        String[] actorCol = new String[n];
        String[] timeCol = new String[n];
        String[] dataCol = new String[n];
        String[] prevCol = new String[n];
        String[] hashCol = new String[n];
        String[] audienceCol = new String[n];
        for (int i = 0; i < n; i++) {
            AuditTrail.First e = events.get(i);
            AuditType type = AuditRecord.typeOf(e.record().getClass());
            String json = CanonicalJson.write(e.record());
            var occurredAt = Clock.now();
            String hash = CanonicalJson.chainHash(CanonicalJson.GENESIS,
                    CanonicalJson.event(seqs[i], e.claimId(), type.value(), e.actor(), occurredAt, json));
            seqCol[i] = seqs[i];
            claimCol[i] = e.claimId();
            typeCol[i] = type.value();
            actorCol[i] = e.actor();
            timeCol[i] = occurredAt.toString();
            dataCol[i] = json;
            prevCol[i] = CanonicalJson.GENESIS;
            hashCol[i] = hash;
            audienceCol[i] = type.audience().name();
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit_event (seq, claim_id, type, actor, occurred_at, data, prev_hash, hash, audience, tx_id)
                    SELECT u.seq, u.claim_id, u.type, u.actor, CAST(u.occurred_at AS timestamptz), CAST(u.data AS jsonb),
                           u.prev_hash, u.hash, u.audience,
                           greatest(pg_current_xact_id(), pg_snapshot_xmax(pg_current_snapshot()))
                    FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
                                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                CAST(? AS text[])) WITH ORDINALITY
                         AS u(seq, claim_id, type, actor, occurred_at, data, prev_hash, hash, audience, ord)
                    ORDER BY u.ord""")) {
                insert.setArray(1, connection.createArrayOf("bigint", seqCol));
                insert.setArray(2, connection.createArrayOf("bigint", claimCol));
                insert.setArray(3, connection.createArrayOf("text", typeCol));
                insert.setArray(4, connection.createArrayOf("text", actorCol));
                insert.setArray(5, connection.createArrayOf("text", timeCol));
                insert.setArray(6, connection.createArrayOf("text", dataCol));
                insert.setArray(7, connection.createArrayOf("text", prevCol));
                insert.setArray(8, connection.createArrayOf("text", hashCol));
                insert.setArray(9, connection.createArrayOf("text", audienceCol));
                int inserted = insert.executeUpdate();
                if (inserted != n) {
                    throw new IllegalStateException("inserted " + inserted + " of " + n + " audit events");
                }
            }
        });
        for (int i = 0; i < n; i++) {
            tx.heads.put(claimCol[i], hashCol[i]);
        }
    }

    private AuditEvent append(Long claimId, String type, Audience audience, String actor, String json) {
        long chain = claimId == null ? SYSTEM_CHAIN : claimId;
        TxState tx = state();
        String prevHash = tx.heads.get(chain);
        long seq;
        if (prevHash != null && tx.announced) {
            seq = ((Number) em.createNativeQuery("SELECT nextval('audit_event_seq')").getSingleResult()).longValue();
        } else if (prevHash != null) {
            // a new claim's first event: announce this transaction to feed readers (see feed) and take a number
            Object[] row = (Object[]) em.createNativeQuery("SELECT nextval('audit_event_seq'), "
                    + "CAST(pg_advisory_xact_lock_shared(?1, 0) AS text)")
                    .setParameter(1, AdvisoryLocks.AUDIT_FEED).getSingleResult();
            seq = ((Number) row[0]).longValue();
            tx.announced = true;
        } else {
            em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock_shared(?1, 0) AS text), "
                    + "CAST(pg_advisory_xact_lock(?2) AS text)")
                    .setParameter(1, AdvisoryLocks.AUDIT_FEED).setParameter(2, chain).getSingleResult();
            tx.announced = true;
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
        String hash = CanonicalJson.chainHash(prevHash,
                CanonicalJson.event(seq, claimId, type, actor, occurredAt, json));
        // The feed key is computed here, in a statement that runs after this transaction announced itself: it is
        // at least this transaction's own id and at least the snapshot horizon of this moment. See feed() for why.
        Object key = em.createNativeQuery("""
                INSERT INTO audit_event (seq, claim_id, type, actor, occurred_at, data, prev_hash, hash, audience, tx_id)
                VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7, ?8, ?9,
                        greatest(pg_current_xact_id(), pg_snapshot_xmax(pg_current_snapshot())))
                RETURNING CAST(CAST(tx_id AS text) AS bigint)""")
                .unwrap(NativeQuery.class).setParameter(1, seq).setParameter(2, claimId, Long.class).setParameter(3, type).setParameter(4, actor)
                .setParameter(5, occurredAt).setParameter(6, json).setParameter(7, prevHash).setParameter(8, hash)
                .setParameter(9, audience.name()).getSingleResult();
        tx.heads.put(chain, hash);
        return new AuditEvent(seq, claimId, type, actor, occurredAt, json, prevHash, hash, ((Number) key).longValue(),
                audience);
    }

    private TxState state() {
        TxState s = (TxState) tsr.getResource(STATE);
        if (s == null) {
            s = new TxState();
            tsr.putResource(STATE, s);
        }
        return s;
    }

    /** A claim's events in chain order, only those meant for one of the audiences. */
    @Transactional
    public List<AuditEvent> history(long claimId, Collection<Audience> audiences) {
        return em.createQuery("FROM AuditEvent WHERE claimId = :c AND audience IN :a ORDER BY seq", AuditEvent.class)
                .setParameter("c", claimId).setParameter("a", audiences).getResultList();
    }

    /** The first event of this type on a claim's chain whose data has this numeric field value (a claim has few). */
    @Transactional
    public java.util.Optional<AuditEvent> find(long claimId, String type, String field, long value) {
        return em.createQuery("FROM AuditEvent WHERE claimId = :c AND type = :t ORDER BY seq", AuditEvent.class)
                .setParameter("c", claimId).setParameter("t", type).getResultStream()
                .filter(e -> CanonicalJson.longField(e.data(), field) == value).findFirst();
    }

    /** Recomputes a claim's chain from the stored events. */
    @Transactional
    public ChainVerification verify(long claimId) {
        return ChainVerification.of(em.createQuery("FROM AuditEvent WHERE claimId = :c ORDER BY seq", AuditEvent.class)
                .setParameter("c", claimId).getResultList());
    }

    /** Recomputes the system chain. */
    @Transactional
    public ChainVerification verifySystem() {
        return ChainVerification.of(em.createQuery("FROM AuditEvent WHERE claimId IS NULL ORDER BY seq",
                AuditEvent.class).getResultList());
    }

    /** A page of the feed and the position to resume from (the given one when nothing new was ready). */
    public record FeedPage(List<AuditEvent> events, FeedPosition next) {
    }

    /** A position in the feed: the feed key of the last event read and its sequence number. */
    public record FeedPosition(long txKey, long seq) {
        public static final FeedPosition START = new FeedPosition(0, 0);
    }

    /**
     * Events after {@code position} in commit-safe order, ordered by (feed key, seq), so a follower that pages with
     * the returned position sees every event exactly once.
     * <p>
     * An event's feed key is {@code greatest(own transaction id, snapshot xmax)} taken when it is inserted, after
     * its transaction took the shared {@link AdvisoryLocks#AUDIT_FEED} lock. The feed serves only keys below a
     * horizon: the {@code xmax} of a snapshot, lowered to the transaction id of every lock holder that was running in
     * that snapshot. A transaction that announces itself later inserts with a key of at least that {@code xmax}
     * (snapshot horizons only grow), one that was announced is below the horizon only by its own id, which its keys
     * never go below; so no event can later appear behind a position already served. Transactions that write no
     * audit events, and transactions in other databases, never hold the feed back (the old horizon, the cluster's
     * oldest running transaction, froze the feed while any transaction anywhere stayed open). The events themselves
     * are read in a later statement, whose snapshot sees every holder that finished in between.
     * <p>
     * A key can run ahead of every finished transaction: an event's transaction got its id before a younger one that
     * finished first, so its key is that younger one's {@code xmax}, an id nobody may have taken yet. The horizon
     * passes such a key only once a transaction with an id at least that high ends; on a quiet desk that would be the
     * next write, minutes away. So when nothing holds the feed back but committed events wait at or above the
     * horizon, the reader ends a transaction of its own that takes an id ({@link #advanceHorizon}) and looks again.
     */
    @Transactional
    public FeedPage feed(FeedPosition position, int limit) {
        Horizon horizon = horizon();
        List<Number> rows = servable(position, horizon, limit);
        if (rows.size() < limit && !horizon.heldByWriter() && stranded(horizon)) {
            advanceHorizon();
            horizon = horizon();
            rows = servable(position, horizon, limit);
        }
        if (rows.isEmpty()) {
            return new FeedPage(List.of(), position);
        }
        List<Long> seqs = rows.stream().map(Number::longValue).toList();
        Map<Long, AuditEvent> bySeq = new HashMap<>();
        em.createQuery("FROM AuditEvent WHERE seq IN :seqs", AuditEvent.class).setParameter("seqs", seqs)
                .getResultList().forEach(e -> bySeq.put(e.seq(), e));
        List<AuditEvent> events = new ArrayList<>(seqs.size());
        seqs.forEach(s -> events.add(bySeq.get(s)));
        return new FeedPage(events, events.get(events.size() - 1).position());
    }

    @SuppressWarnings("unchecked")
    private List<Number> servable(FeedPosition position, Horizon horizon, int limit) {
        return em.createNativeQuery("""
                SELECT seq FROM audit_event
                WHERE (tx_id, seq) > (CAST(CAST(?1 AS text) AS xid8), ?2) AND tx_id < CAST(CAST(?3 AS text) AS xid8)
                ORDER BY tx_id, seq LIMIT ?4""")
                .setParameter(1, position.txKey()).setParameter(2, position.seq()).setParameter(3, horizon.key())
                .setParameter(4, limit).getResultList();
    }

    /**
     * Whether committed events wait at or above the horizon (see feed). Asked as "is the highest key at or above it",
     * one step down the feed index: PostgreSQL keeps no useful statistics on xid8, so it answered the equivalent
     * {@code EXISTS (... WHERE tx_id >= ?)} with a scan of the whole table (134 ms at a million events, on every
     * idle round of every follower).
     */
    private boolean stranded(Horizon horizon) {
        return (Boolean) em.createNativeQuery("""
                SELECT coalesce((SELECT tx_id >= CAST(CAST(?1 AS text) AS xid8) FROM audit_event
                                 ORDER BY tx_id DESC LIMIT 1), false)""")
                .setParameter(1, horizon.key()).getSingleResult();
    }

    /**
     * Ends a transaction that took an id, in a transaction of its own: every key handed out so far is at most the
     * next id to assign, so once this one commits the horizon is past them all. Costs one commit record, and only
     * when events are stranded (see feed).
     */
    private void advanceHorizon() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("SELECT CAST(pg_current_xact_id() AS text)")
                .getSingleResult());
    }

    /** A position after every event visible now: where a follower that wants no past events starts. */
    @Transactional
    public FeedPosition tail() {
        return new FeedPosition(horizon().key() - 1, Long.MAX_VALUE);
    }

    /**
     * The feed key below which every event that will ever exist is already visible, and whether a running transaction
     * that appends events holds it there (rather than the snapshot's {@code xmax}).
     */
    private record Horizon(long key, boolean heldByWriter) {
    }

    private Horizon horizon() {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT CAST(CAST(pg_snapshot_xmax(s) AS text) AS bigint),
                       (SELECT CAST(CAST(min(x) AS text) AS bigint) FROM pg_snapshot_xip(s) AS x
                        WHERE CAST(x AS xid) IN (
                            SELECT t.transactionid FROM pg_locks a
                            JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction
                            WHERE a.locktype = 'advisory' AND a.classid = CAST(?1 AS oid) AND a.objid = 0
                              AND a.objsubid = 2 AND a.granted
                              AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                              AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock' AND t.granted))
                FROM pg_current_snapshot() AS s""").setParameter(1, AdvisoryLocks.AUDIT_FEED).getSingleResult();
        long xmax = ((Number) row[0]).longValue();
        return row[1] == null ? new Horizon(xmax, false) : new Horizon(Math.min(xmax, ((Number) row[1]).longValue()), true);
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
