package org.factdesk.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Where and what to deliver. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String url;
    private String description;
    private String[] events;
    private String[] tags;
    private boolean enabled;
    private String secret;
    @Column(name = "previous_secret")
    private String previousSecret;
    @Column(name = "previous_secret_until")
    private Instant previousSecretUntil;
    @Column(name = "failing_since")
    private Instant failingSince;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "disabled_at")
    private Instant disabledAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected WebhookEndpoint() {
    }

    /** What an admin sets. */
    public record Settings(String url, List<String> events, List<String> tags, String description, boolean enabled) {
    }

    WebhookEndpoint(Settings s, String secret, String createdBy, Instant now) {
        apply(s, now);
        this.secret = secret;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    final void apply(Settings s, Instant now) {
        if (s.enabled() && !enabled) {
            // switched (back) on by a person: a fresh start, the old failure streak no longer counts
            failingSince = null;
            disabledReason = null;
            disabledAt = null;
        }
        this.url = s.url();
        this.events = s.events().toArray(String[]::new);
        this.tags = s.tags().toArray(String[]::new);
        this.description = s.description();
        this.enabled = s.enabled();
        this.updatedAt = now;
    }

    void rotate(String newSecret, Instant previousUntil, Instant now) {
        this.previousSecret = secret;
        this.previousSecretUntil = previousUntil;
        this.secret = newSecret;
        this.updatedAt = now;
    }

    public Settings settings() {
        return new Settings(url, events(), tags(), description, enabled);
    }

    public Long id() {
        return id;
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    public List<String> events() {
        return new ArrayList<>(Arrays.asList(events));
    }

    public List<String> tags() {
        return tags == null ? List.of() : new ArrayList<>(Arrays.asList(tags));
    }

    public boolean enabled() {
        return enabled;
    }

    /** The secrets that sign now, newest first. */
    public List<String> signingSecrets(Instant now) {
        return previousSecretValidUntil(now) != null ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** Until when a rotated-out secret still signs; null when there is none (any more). */
    public Instant previousSecretValidUntil(Instant now) {
        return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                ? previousSecretUntil : null;
    }

    public String secret() {
        return secret;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public String disabledReason() {
        return disabledReason;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
