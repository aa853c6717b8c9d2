package org.factdesk.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.factdesk.common.Clock;

/** A credential for another system; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "token_hash")
    private byte[] tokenHash;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoked_by")
    private String revokedBy;

    protected ApiKey() {
    }

    ApiKey(String name, Role role, String token, String createdBy) {
        this.name = name;
        this.role = role;
        this.tokenHash = Tokens.hash(token);
        this.createdBy = createdBy;
        this.createdAt = Clock.now();
    }

    void revoke(String actor) {
        this.revokedAt = Clock.now();
        this.revokedBy = actor;
    }

    /** The actor name this key acts as in the audit log. */
    public String actorName() {
        return "apikey:" + id;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
