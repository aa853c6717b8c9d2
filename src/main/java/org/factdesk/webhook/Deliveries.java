package org.factdesk.webhook;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.ProblemException;
import org.hibernate.Session;

/**
 * The delivery queue and log in PostgreSQL. Several instances share it: a due delivery is leased with
 * {@code FOR UPDATE SKIP LOCKED} and a random token, so exactly one instance makes each attempt, and only the holder
 * of the lease records its outcome; a sender that dies leaves a lease that runs out, and the attempt is made again
 * with the same {@code webhook-id} (at least once). A delivery waits while an earlier one of the same claim to the
 * same endpoint is pending, so each receiver sees a claim's events in commit order.
 */
@ApplicationScoped
public class Deliveries {

    public enum Status {
        PENDING, SUCCEEDED, FAILED
    }

    /** A delivery to make from the feed. */
    public record New(long endpointId, long eventSeq, Long claimId, String eventType) {
    }

    /** A leased delivery: what the sender needs, and the token that proves it holds the lease. */
    public record Due(long id, UUID lease, long endpointId, long eventSeq, int attempts) {
    }

    /** One row of the delivery log. */
    public record Delivery(long id, long endpointId, long eventSeq, Long claimId, String eventType, Status status,
            int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, Integer lastDurationMs,
            String lastResponse, String lastError, Instant createdAt, Instant completedAt, String eventHash) {

        /** The webhook-id its attempts carry. */
        public String messageId() {
            return Payload.messageId(eventSeq, eventHash);
        }
    }

    /** One attempt of a delivery. */
    public record Attempt(Instant attemptedAt, Integer status, int durationMs, String response, String error) {
    }

    public record Replayed(int count, long lastSeq) {
    }

    @Inject
    EntityManager em;

    /** Adds deliveries in the caller's (the feed's) transaction; an event already queued for an endpoint is skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<New> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            Long[] endpoints = new Long[deliveries.size()];
            Long[] seqs = new Long[deliveries.size()];
            Long[] claims = new Long[deliveries.size()];
            String[] types = new String[deliveries.size()];
            for (int i = 0; i < deliveries.size(); i++) {
                New d = deliveries.get(i);
                endpoints[i] = d.endpointId();
                seqs[i] = d.eventSeq();
                claims[i] = d.claimId();
                types[i] = d.eventType();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO webhook_delivery (endpoint_id, event_seq, claim_id, event_type, status, next_attempt_at,
                                                  created_at)
                    SELECT e, s, c, t, 'PENDING', now(), now()
                    FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[]) WITH ORDINALITY AS d(e, s, c, t, n)
                    ORDER BY n
                    ON CONFLICT (endpoint_id, event_seq) DO NOTHING""")) {
                s.setArray(1, c.createArrayOf("bigint", endpoints));
                s.setArray(2, c.createArrayOf("bigint", seqs));
                s.setArray(3, c.createArrayOf("bigint", claims));
                s.setArray(4, c.createArrayOf("text", types));
                s.executeUpdate();
            }
        });
    }

    /** Leases up to {@code limit} due deliveries of enabled endpoints for {@code leaseMillis}. */
    @Transactional
    public List<Due> lease(int limit, long leaseMillis) {
        List<Due> due = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH due AS (
                        SELECT d.id FROM webhook_delivery d
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                          AND (d.lease_until IS NULL OR d.lease_until < now())
                          AND EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.id = d.endpoint_id AND w.enabled)
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                          WHERE e.endpoint_id = d.endpoint_id AND e.status = 'PENDING' AND e.id < d.id
                                            AND (e.claim_id = d.claim_id OR (e.claim_id IS NULL AND d.claim_id IS NULL)))
                        ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE SKIP LOCKED)
                    UPDATE webhook_delivery d SET lease_until = now() + ? * interval '1 millisecond',
                                                  lease_token = gen_random_uuid()
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.lease_token, d.endpoint_id, d.event_seq, d.attempts""")) {
                s.setInt(1, limit);
                s.setLong(2, leaseMillis);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new Due(r.getLong(1), (UUID) r.getObject(2), r.getLong(3), r.getLong(4), r.getInt(5)));
                    }
                }
            }
        });
        return due;
    }

    /** What an attempt came to, and what follows from it for the delivery. */
    public record Outcome(Instant at, Integer status, int durationMs, String response, String error, Status next,
            Instant nextAttemptAt) {
    }

    /**
     * Records an attempt if this caller still holds the lease (false: it ran out and another instance took over, so
     * this outcome is dropped; that instance's attempt counts).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(Due d, Outcome o) {
        boolean[] held = new boolean[1];
        em.unwrap(Session.class).doWork(c -> {
            Timestamp at = Timestamp.from(o.at());
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
                           lease_until = NULL, lease_token = NULL, last_attempt_at = ?, last_status = ?,
                           last_duration_ms = ?, last_response = ?, last_error = ?, completed_at = ?
                    WHERE id = ? AND lease_token = ?""")) {
                s.setString(1, o.next().name());
                s.setTimestamp(2, o.nextAttemptAt() == null ? at : Timestamp.from(o.nextAttemptAt()));
                s.setTimestamp(3, at);
                s.setObject(4, o.status(), java.sql.Types.INTEGER);
                s.setInt(5, o.durationMs());
                s.setString(6, o.response());
                s.setString(7, o.error());
                s.setTimestamp(8, o.next() == Status.PENDING ? null : at);
                s.setLong(9, d.id());
                s.setObject(10, d.lease());
                held[0] = s.executeUpdate() > 0;
            }
            if (!held[0]) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO webhook_attempt (delivery_id, attempted_at, status, duration_ms, response, error)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                s.setLong(1, d.id());
                s.setTimestamp(2, at);
                s.setObject(3, o.status(), java.sql.Types.INTEGER);
                s.setInt(4, o.durationMs());
                s.setString(5, o.response());
                s.setString(6, o.error());
                s.executeUpdate();
            }
        });
        return held[0];
    }

    /** Queues one delivery again, now, with its attempts counted afresh; 409 while an attempt is in flight. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requeue(long endpointId, long deliveryId) {
        int updated = em.createNativeQuery("""
                UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), completed_at = NULL
                WHERE id = ?1 AND endpoint_id = ?2 AND (lease_until IS NULL OR lease_until < now())""")
                .setParameter(1, deliveryId).setParameter(2, endpointId).executeUpdate();
        if (updated == 0) {
            if (get(endpointId, deliveryId).isEmpty()) {
                throw ProblemException.notFound("Delivery", deliveryId);
            }
            throw ProblemException.conflict("Delivery in progress",
                    "an attempt of delivery " + deliveryId + " is being made now; look again when it ends");
        }
    }

    /**
     * Queues every event from {@code fromSeq} on that the endpoint subscribes to (as its subscriptions read now), in
     * feed order; events already delivered are queued again with their webhook-id, pending ones stay as they are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Replayed replay(WebhookEndpoint e, long fromSeq, int limit) {
        Replayed[] out = new Replayed[1];
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH picked AS (
                        SELECT a.seq, a.claim_id, a.type, a.tx_id FROM audit_event a
                        WHERE a.seq >= ? AND a.type = ANY (?::text[])
                          AND (cardinality(?::text[]) = 0
                               OR EXISTS (SELECT 1 FROM claim c WHERE c.id = a.claim_id AND c.tags && ?::text[]))
                        ORDER BY a.tx_id, a.seq LIMIT ?),
                    queued AS (
                        INSERT INTO webhook_delivery AS w (endpoint_id, event_seq, claim_id, event_type, status,
                                                           next_attempt_at, created_at)
                        SELECT ?, seq, claim_id, type, 'PENDING', now(), now() FROM picked ORDER BY tx_id, seq
                        ON CONFLICT (endpoint_id, event_seq) DO UPDATE
                            SET status = 'PENDING', attempts = 0, next_attempt_at = now(), completed_at = NULL
                            WHERE w.status <> 'PENDING')
                    -- a data-modifying WITH runs to completion whether or not the query reads it
                    SELECT (SELECT count(*) FROM picked), (SELECT coalesce(max(seq), 0) FROM picked)""")) {
                Array types = c.createArrayOf("text", EventTypes.storedTypes(e.events()).toArray());
                Array tags = c.createArrayOf("text", e.tags().toArray());
                s.setLong(1, fromSeq);
                s.setArray(2, types);
                s.setArray(3, tags);
                s.setArray(4, tags);
                s.setInt(5, limit);
                s.setLong(6, e.id());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    out[0] = new Replayed(r.getInt(1), r.getLong(2));
                }
            }
        });
        return out[0];
    }

    @Transactional
    public java.util.Optional<Delivery> get(long endpointId, long deliveryId) {
        List<Delivery> l = page(endpointId, null, deliveryId, 1);
        return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l.get(0));
    }

    /** The log, newest first: after {@code beforeId} (a cursor), optionally of one status. */
    @Transactional
    public List<Delivery> page(long endpointId, Status status, Long onlyId, int limit) {
        return page(endpointId, status, onlyId, null, limit);
    }

    @Transactional
    public List<Delivery> page(long endpointId, Status status, Long onlyId, Long beforeId, int limit) {
        List<Delivery> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT d.id, d.endpoint_id, d.event_seq, d.claim_id, d.event_type, d.status, d.attempts,
                           d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_duration_ms, d.last_response,
                           d.last_error, d.created_at, d.completed_at, a.hash
                    FROM webhook_delivery d JOIN audit_event a ON a.seq = d.event_seq
                    WHERE d.endpoint_id = ? AND (?::text IS NULL OR d.status = ?::text)
                      AND (?::bigint IS NULL OR d.id = ?::bigint) AND (?::bigint IS NULL OR d.id < ?::bigint)
                    ORDER BY d.id DESC LIMIT ?""")) {
                s.setLong(1, endpointId);
                s.setString(2, status == null ? null : status.name());
                s.setString(3, status == null ? null : status.name());
                s.setObject(4, onlyId);
                s.setObject(5, onlyId);
                s.setObject(6, beforeId);
                s.setObject(7, beforeId);
                s.setInt(8, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Delivery(r.getLong(1), r.getLong(2), r.getLong(3), (Long) r.getObject(4),
                                r.getString(5), Status.valueOf(r.getString(6)), r.getInt(7), instant(r.getTimestamp(8)),
                                instant(r.getTimestamp(9)), (Integer) r.getObject(10), (Integer) r.getObject(11),
                                r.getString(12), r.getString(13), instant(r.getTimestamp(14)),
                                instant(r.getTimestamp(15)), r.getString(16)));
                    }
                }
            }
        });
        return out;
    }

    @Transactional
    public List<Attempt> attempts(long deliveryId) {
        List<Attempt> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT attempted_at, status, duration_ms, response, error FROM webhook_attempt
                    WHERE delivery_id = ? ORDER BY id""")) {
                s.setLong(1, deliveryId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Attempt(instant(r.getTimestamp(1)), (Integer) r.getObject(2), r.getInt(3),
                                r.getString(4), r.getString(5)));
                    }
                }
            }
        });
        return out;
    }

    /** Forgets completed deliveries older than the retention (the audit log keeps the events themselves). */
    @Transactional
    public int forgetBefore(Instant before) {
        return em.createNativeQuery("DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND completed_at < ?1")
                .setParameter(1, before).executeUpdate();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
