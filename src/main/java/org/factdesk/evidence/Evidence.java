package org.factdesk.evidence;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

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
import org.factdesk.evidence.CitedEvidence.Kind;

/** A file or link attached to a claim; never deleted, only retracted (a file's bytes are kept). */
@Entity
@Table(name = "evidence")
public class Evidence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "claim_id")
    private long claimId;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    @Enumerated(EnumType.STRING)
    private Stance stance;
    private String note;
    @Column(name = "added_by")
    private String addedBy;
    @Column(name = "added_at")
    private Instant addedAt;
    private String url;
    private String title;
    private String publisher;
    @Column(name = "accessed_at")
    private Instant accessedAt;
    @Column(name = "archive_url")
    private String archiveUrl;
    @Column(name = "storage_key")
    private String storageKey;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "original_file_name")
    private String originalFileName;
    @Column(name = "content_type")
    private String contentType;
    private Long size;
    private String sha256;
    private boolean retracted;
    @Column(name = "retracted_by")
    private String retractedBy;
    @Column(name = "retracted_at")
    private Instant retractedAt;
    @Column(name = "retraction_reason")
    private String retractionReason;
    @Version
    private long version;

    protected Evidence() {
    }

    private Evidence(long claimId, Kind kind, Stance stance, String note, String addedBy) {
        this.claimId = claimId;
        this.kind = kind;
        this.stance = stance;
        this.note = note;
        this.addedBy = addedBy;
        this.addedAt = Clock.now();
    }

    /** What describes a link: where it points, what it is, when it was read and where it is archived. */
    public record LinkDetails(String url, String title, String publisher, Instant accessedAt, String archiveUrl) {
    }

    /** What describes a stored file: where its bytes are and what they are. */
    public record FileDetails(String storageKey, String fileName, String originalFileName, String contentType,
            long size, String sha256) {
    }

    static Evidence link(long claimId, LinkDetails link, Stance stance, String note, String addedBy) {
        Evidence e = new Evidence(claimId, Kind.LINK, stance, note, addedBy);
        e.url = link.url();
        e.title = link.title();
        e.publisher = link.publisher();
        e.accessedAt = link.accessedAt();
        e.archiveUrl = link.archiveUrl();
        return e;
    }

    static Evidence file(long claimId, FileDetails file, Stance stance, String note, String addedBy) {
        Evidence e = new Evidence(claimId, Kind.FILE, stance, note, addedBy);
        e.storageKey = file.storageKey();
        e.fileName = file.fileName();
        e.originalFileName = file.originalFileName();
        e.contentType = file.contentType();
        e.size = file.size();
        e.sha256 = file.sha256();
        return e;
    }

    void retract(String reason, String actor) {
        this.retracted = true;
        this.retractedBy = actor;
        this.retractedAt = Clock.now();
        this.retractionReason = reason;
    }

    /** What rulings may know of this evidence. */
    public CitedEvidence cited() {
        return new CitedEvidence(id, claimId, kind, kind == Kind.FILE ? fileName : title, sha256, url, archiveUrl,
                host(url), retracted);
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Long id() {
        return id;
    }

    public long claimId() {
        return claimId;
    }

    public Kind kind() {
        return kind;
    }

    public Stance stance() {
        return stance;
    }

    public String note() {
        return note;
    }

    public String addedBy() {
        return addedBy;
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String url() {
        return url;
    }

    public String title() {
        return title;
    }

    public String publisher() {
        return publisher;
    }

    public Instant accessedAt() {
        return accessedAt;
    }

    public String archiveUrl() {
        return archiveUrl;
    }

    /** Where the bytes are kept (files only). */
    public String storageKey() {
        return storageKey;
    }

    /** The sanitised name used for downloads (files only). */
    public String fileName() {
        return fileName;
    }

    /** The name the uploader's client sent, kept as metadata and never used in headers. */
    public String originalFileName() {
        return originalFileName;
    }

    /** The type detected from the bytes (files only). */
    public String contentType() {
        return contentType;
    }

    public Long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public boolean retracted() {
        return retracted;
    }

    public String retractedBy() {
        return retractedBy;
    }

    public Instant retractedAt() {
        return retractedAt;
    }

    public String retractionReason() {
        return retractionReason;
    }

    public long version() {
        return version;
    }
}
