package org.factdesk.comment;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.factdesk.common.Clock;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A remark on a claim, possibly a reply to another; deleting leaves a tombstone so threads stay whole. */
@Entity
@Table(name = "claim_comment")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "claim_id")
    private long claimId;
    @Column(name = "parent_id")
    private Long parentId;
    private String author;
    private String body;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] mentions;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "edited_at")
    private Instant editedAt;
    private boolean deleted;
    @Column(name = "deleted_by")
    private String deletedBy;
    @Column(name = "deleted_at")
    private Instant deletedAt;
    private boolean resolved;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Version
    private long version;

    protected Comment() {
    }

    Comment(long claimId, Long parentId, String author, String body, List<String> mentions) {
        this.claimId = claimId;
        this.parentId = parentId;
        this.author = author;
        this.body = body;
        this.mentions = mentions.toArray(String[]::new);
        this.createdAt = Clock.now();
    }

    void edit(String body, List<String> mentions) {
        this.body = body;
        this.mentions = mentions.toArray(String[]::new);
        this.editedAt = Clock.now();
    }

    void delete(String actor) {
        this.body = null;
        this.mentions = new String[0];
        this.deleted = true;
        this.deletedBy = actor;
        this.deletedAt = Clock.now();
    }

    void resolve(String actor) {
        this.resolved = true;
        this.resolvedBy = actor;
        this.resolvedAt = Clock.now();
    }

    public Long id() {
        return id;
    }

    public long claimId() {
        return claimId;
    }

    public Long parentId() {
        return parentId;
    }

    public String author() {
        return author;
    }

    /** The text; null once deleted. */
    public String body() {
        return body;
    }

    /** Usernames of existing users mentioned as {@code @username}, in order of first mention. */
    public List<String> mentions() {
        return mentions == null ? List.of() : List.of(mentions);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public boolean deleted() {
        return deleted;
    }

    public String deletedBy() {
        return deletedBy;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public boolean resolved() {
        return resolved;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public long version() {
        return version;
    }
}
