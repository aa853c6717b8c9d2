package org.factdesk.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.factdesk.common.Clock;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A statement someone made that the desk may check; the aggregate root of the workflow. */
@Entity
@Table(name = "claim")
public class Claim {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String statement;
    private String claimant;
    @Column(name = "source_url")
    private String sourceUrl;
    @Column(name = "claimed_at")
    private LocalDate claimedAt;
    private String language;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] tags;
    @Enumerated(EnumType.STRING)
    private Priority priority;
    @Enumerated(EnumType.STRING)
    private ClaimStatus status;
    private String assignee;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "dismissal_reason")
    private String dismissalReason;
    @Column(name = "duplicate_of")
    private Long duplicateOf;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;
    @Version
    private long version;
    // Written only by the bulk import's own INSERT (imports/ClaimImportRepository); the entity reads them back
    @Column(name = "external_id", insertable = false, updatable = false)
    private String externalId;
    @Column(name = "imported_by", insertable = false, updatable = false)
    private String importedBy;

    protected Claim() {
    }

    /** The editable metadata of a claim. */
    public record Details(String statement, String claimant, String sourceUrl, LocalDate claimedAt, String language,
            List<String> tags, Priority priority) {

        /** The details as a claim stores them: language {@code en}, no tags and NORMAL priority when not given. */
        public Details stored() {
            return new Details(statement, claimant, sourceUrl, claimedAt, language == null ? "en" : language,
                    tags == null ? List.of() : tags, priority == null ? Priority.NORMAL : priority);
        }
    }

    Claim(Details d, String submittedBy) {
        apply(d);
        this.status = ClaimStatus.SUBMITTED;
        this.submittedBy = submittedBy;
        this.createdAt = Clock.now();
        this.updatedAt = createdAt;
        this.updatedBy = submittedBy;
    }

    private void apply(Details given) {
        Details d = given.stored();
        this.statement = d.statement();
        this.claimant = d.claimant();
        this.sourceUrl = d.sourceUrl();
        this.claimedAt = d.claimedAt();
        this.language = d.language();
        this.tags = d.tags().toArray(String[]::new);
        this.priority = d.priority();
    }

    public Details details() {
        return new Details(statement, claimant, sourceUrl, claimedAt, language, tags(), priority);
    }

    /** Replaces the metadata; returns the changed fields (empty when nothing changed). */
    Map<String, ClaimEvent.Change> edit(Details next, String actor) {
        Details before = details();
        Map<String, ClaimEvent.Change> changes = new LinkedHashMap<>();
        diff(changes, "statement", before.statement(), next.statement());
        diff(changes, "claimant", before.claimant(), next.claimant());
        diff(changes, "sourceUrl", before.sourceUrl(), next.sourceUrl());
        diff(changes, "claimedAt", str(before.claimedAt()), str(next.claimedAt()));
        diff(changes, "language", before.language(), next.language() == null ? "en" : next.language());
        diff(changes, "tags", before.tags(), next.tags() == null ? List.of() : next.tags());
        diff(changes, "priority", str(before.priority()), str(next.priority() == null ? Priority.NORMAL : next.priority()));
        if (!changes.isEmpty()) {
            apply(next);
            touch(actor);
        }
        return changes;
    }

    private static void diff(Map<String, ClaimEvent.Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new ClaimEvent.Change(from, to));
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /**
     * Moves the claim along the status machine.
     *
     * @throws IllegalTransitionException when the move is not allowed from the current status
     */
    public void moveTo(ClaimStatus target, String actor) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(status, target, status.next());
        }
        this.status = target;
        if (target != ClaimStatus.DISMISSED) {
            this.dismissalReason = null;
            this.duplicateOf = null;
        }
        touch(actor);
    }

    void dismiss(String reason, Long duplicateOf, String actor) {
        moveTo(ClaimStatus.DISMISSED, actor);
        this.dismissalReason = reason;
        this.duplicateOf = duplicateOf;
    }

    void assign(String username, String actor) {
        this.assignee = username;
        touch(actor);
    }

    private void touch(String actor) {
        this.updatedAt = Clock.now();
        this.updatedBy = actor;
    }

    public Long id() {
        return id;
    }

    public String statement() {
        return statement;
    }

    public String claimant() {
        return claimant;
    }

    public String sourceUrl() {
        return sourceUrl;
    }

    public LocalDate claimedAt() {
        return claimedAt;
    }

    public String language() {
        return language;
    }

    public List<String> tags() {
        return tags == null ? List.of() : new ArrayList<>(Arrays.asList(tags));
    }

    public Priority priority() {
        return priority;
    }

    public ClaimStatus status() {
        return status;
    }

    public String assignee() {
        return assignee;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public String dismissalReason() {
        return dismissalReason;
    }

    public Long duplicateOf() {
        return duplicateOf;
    }

    /** The importing system's own id for this claim, when it came in through a bulk import. */
    public String externalId() {
        return externalId;
    }

    /** Who imported this claim, when it came in through a bulk import (the scope of {@link #externalId}). */
    public String importedBy() {
        return importedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
