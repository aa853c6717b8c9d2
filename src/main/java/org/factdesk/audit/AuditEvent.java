package org.factdesk.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    protected AuditEvent() {
    }

    AuditEvent(long seq, Long claimId, String type, String actor, Instant occurredAt, String data, String prevHash,
            String hash) {
        this.seq = seq;
        this.claimId = claimId;
        this.type = type;
        this.actor = actor;
        this.occurredAt = occurredAt;
        this.data = data;
        this.prevHash = prevHash;
        this.hash = hash;
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
}
