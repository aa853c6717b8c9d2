package org.factdesk.ruling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

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

/**
 * A fact-checker's verdict on a claim: drafted, then returned or approved. Once published its content is frozen (the
 * database refuses changes); a correction publishes a new version that supersedes it.
 */
@Entity
@Table(name = "ruling")
public class Ruling {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "claim_id")
    private long claimId;
    @Enumerated(EnumType.STRING)
    private RulingStatus status;
    @Column(name = "verdict_key")
    private String verdictKey;
    @Column(name = "verdict_label")
    private String verdictLabel;
    @Column(name = "scale_version")
    private int scaleVersion;
    @Column(name = "rating_value")
    private Integer ratingValue;
    @Column(name = "best_rating")
    private Integer bestRating;
    @Column(name = "worst_rating")
    private Integer worstRating;
    private String headline;
    @Column(name = "claim_reviewed")
    private String claimReviewed;
    private String summary;
    @Column(name = "correction_note")
    private String correctionNote;
    @Enumerated(EnumType.STRING)
    @Column(name = "claimant_type")
    private ClaimantType claimantType;
    @Column(name = "first_appearance_url")
    private String firstAppearanceUrl;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "evidence_ids", columnDefinition = "bigint[]")
    private Long[] evidenceIds;
    @Column(name = "drafted_by")
    private String draftedBy;
    @Column(name = "drafted_at")
    private Instant draftedAt;
    @Column(name = "returned_by")
    private String returnedBy;
    @Column(name = "returned_at")
    private Instant returnedAt;
    @Column(name = "approved_by")
    private String approvedBy;
    @Column(name = "published_at")
    private Instant publishedAt;
    @Column(name = "publication_seq")
    private Long publicationSeq;
    @Column(name = "version_number")
    private Integer versionNumber;
    private Long supersedes;
    @Column(name = "first_published_at")
    private Instant firstPublishedAt;
    @Column(name = "claim_statement")
    private String claimStatement;
    private String claimant;
    @Column(name = "claim_source_url")
    private String claimSourceUrl;
    @Column(name = "claimed_at")
    private LocalDate claimedAt;
    private String language;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "evidence_sha256", columnDefinition = "text[]")
    private String[] evidenceSha256;
    @Column(name = "provenance_manifest")
    private String provenanceManifest;
    @Column(name = "provenance_hash")
    private String provenanceHash;
    @Column(name = "superseded_by")
    private Long supersededBy;
    @Column(name = "superseded_at")
    private Instant supersededAt;
    @Version
    private long version;

    protected Ruling() {
    }

    /** The content of a draft, as the drafter wrote it. */
    public record Draft(String verdictKey, String headline, String claimReviewed, String summary,
            List<Long> evidenceIds, String correctionNote, ClaimantType claimantType, String firstAppearanceUrl) {
    }

    /** The verdict pinned to a scale version: key, label and the ClaimReview numbers (null when not numeric). */
    public record PinnedVerdict(String key, String label, int scaleVersion, Integer ratingValue, Integer bestRating,
            Integer worstRating) {
    }

    /** The claim as it stood when the ruling was published. */
    public record ClaimSnapshot(String statement, String claimant, String sourceUrl, LocalDate claimedAt,
            String language) {
    }

    /** Everything approval fixes on a ruling. */
    public record Publication(PinnedVerdict verdict, String approvedBy, Instant publishedAt, long publicationSeq,
            int versionNumber, Long supersedes, Instant firstPublishedAt, ClaimSnapshot claim,
            List<String> evidenceSha256, String provenanceManifest, String provenanceHash) {
    }

    Ruling(long claimId, Draft draft, PinnedVerdict verdict, String draftedBy) {
        this.claimId = claimId;
        this.status = RulingStatus.DRAFT;
        pin(verdict);
        this.headline = draft.headline();
        this.claimReviewed = draft.claimReviewed();
        this.summary = draft.summary();
        this.correctionNote = draft.correctionNote();
        this.claimantType = draft.claimantType() == null ? ClaimantType.PERSON : draft.claimantType();
        this.firstAppearanceUrl = draft.firstAppearanceUrl();
        this.evidenceIds = draft.evidenceIds().toArray(Long[]::new);
        this.draftedBy = draftedBy;
        this.draftedAt = Clock.now();
    }

    private void pin(PinnedVerdict v) {
        this.verdictKey = v.key();
        this.verdictLabel = v.label();
        this.scaleVersion = v.scaleVersion();
        this.ratingValue = v.ratingValue();
        this.bestRating = v.bestRating();
        this.worstRating = v.worstRating();
    }

    private void move(RulingStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("ruling " + id + " cannot move from " + status + " to " + target);
        }
        this.status = target;
    }

    void returnToResearch(String actor, Instant at) {
        move(RulingStatus.RETURNED);
        this.returnedBy = actor;
        this.returnedAt = at;
    }

    void publish(Publication p) {
        move(RulingStatus.PUBLISHED);
        pin(p.verdict());
        this.approvedBy = p.approvedBy();
        this.publishedAt = p.publishedAt();
        this.publicationSeq = p.publicationSeq();
        this.versionNumber = p.versionNumber();
        this.supersedes = p.supersedes();
        this.firstPublishedAt = p.firstPublishedAt();
        this.claimStatement = p.claim().statement();
        this.claimant = p.claim().claimant();
        this.claimSourceUrl = p.claim().sourceUrl();
        this.claimedAt = p.claim().claimedAt();
        this.language = p.claim().language();
        this.evidenceSha256 = p.evidenceSha256().toArray(String[]::new);
        this.provenanceManifest = p.provenanceManifest();
        this.provenanceHash = p.provenanceHash();
    }

    void supersede(long successorId, Instant at) {
        move(RulingStatus.SUPERSEDED);
        this.supersededBy = successorId;
        this.supersededAt = at;
    }

    public Long id() {
        return id;
    }

    public long claimId() {
        return claimId;
    }

    public RulingStatus status() {
        return status;
    }

    public String verdictKey() {
        return verdictKey;
    }

    public String verdictLabel() {
        return verdictLabel;
    }

    public int scaleVersion() {
        return scaleVersion;
    }

    public Integer ratingValue() {
        return ratingValue;
    }

    public Integer bestRating() {
        return bestRating;
    }

    public Integer worstRating() {
        return worstRating;
    }

    public String headline() {
        return headline;
    }

    public String claimReviewed() {
        return claimReviewed;
    }

    public String summary() {
        return summary;
    }

    public String correctionNote() {
        return correctionNote;
    }

    public ClaimantType claimantType() {
        return claimantType;
    }

    public String firstAppearanceUrl() {
        return firstAppearanceUrl;
    }

    public List<Long> evidenceIds() {
        return evidenceIds == null ? List.of() : List.copyOf(Arrays.asList(evidenceIds));
    }

    public String draftedBy() {
        return draftedBy;
    }

    public Instant draftedAt() {
        return draftedAt;
    }

    public String returnedBy() {
        return returnedBy;
    }

    public Instant returnedAt() {
        return returnedAt;
    }

    public String approvedBy() {
        return approvedBy;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    /** Orders publications (the public feed's keyset); null until published. */
    public Long publicationSeq() {
        return publicationSeq;
    }

    public Integer versionNumber() {
        return versionNumber;
    }

    /** The id of the published ruling this one corrects, if any. */
    public Long supersedes() {
        return supersedes;
    }

    /** When version 1 of this claim's ruling was published (the ClaimReview's datePublished). */
    public Instant firstPublishedAt() {
        return firstPublishedAt;
    }

    public ClaimSnapshot claimSnapshot() {
        return new ClaimSnapshot(claimStatement, claimant, claimSourceUrl, claimedAt, language);
    }

    public List<String> evidenceSha256() {
        return evidenceSha256 == null ? List.of() : List.copyOf(Arrays.asList(evidenceSha256));
    }

    /** The canonical JSON whose SHA-256 is the provenance hash (exact bytes, as hashed). */
    public String provenanceManifest() {
        return provenanceManifest;
    }

    public String provenanceHash() {
        return provenanceHash;
    }

    public Long supersededBy() {
        return supersededBy;
    }

    public Instant supersededAt() {
        return supersededAt;
    }

    public long version() {
        return version;
    }
}
