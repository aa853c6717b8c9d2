package org.factdesk.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.factdesk.common.Audience;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** One recorded change; immutable once written (the database refuses UPDATE and DELETE). */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private long seq;
    @Column(name = "claim_id")
    private Long claimId;
    private String type;
    private String actor;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private String data;
    @Column(name = "prev_hash")
    private String prevHash;
    private String hash;
    /** The feed position of the writing transaction (see {@link AuditLog#feed}); not part of the hash. */
    @ColumnTransformer(read = "CAST(CAST(tx_id AS text) AS bigint)", write = "CAST(CAST(? AS text) AS xid8)")
    @Column(name = "tx_id", columnDefinition = "xid8")
    private long txKey;
    @Enumerated(EnumType.STRING)
    private Audience audience;

    protected AuditEvent() {
    }

    AuditEvent(long seq, Long claimId, String type, String actor, Instant occurredAt, String data, String prevHash,
            String hash, long txKey, Audience audience) {
        this.seq = seq;
        this.claimId = claimId;
        this.type = type;
        this.actor = actor;
        this.occurredAt = occurredAt;
        this.data = data;
        this.prevHash = prevHash;
        this.hash = hash;
        this.txKey = txKey;
        this.audience = audience;
    }

    public long seq() {
        return seq;
    }

    public Long claimId() {
        return claimId;
    }

    public String type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** The event's data as stored (JSON text). */
    public String data() {
        return data;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    /** Where the event stands in the feed: its writing transaction's key, then {@link #seq()}. */
    public AuditLog.FeedPosition position() {
        return new AuditLog.FeedPosition(txKey, seq);
    }

    public Audience audience() {
        return audience;
    }

    /** The canonical document whose hash, chained to {@link #prevHash()}, is {@link #hash()} (see {@link CanonicalJson}). */
    public String canonical() {
        return CanonicalJson.event(seq, claimId, type, actor, occurredAt, data);
    }
}
