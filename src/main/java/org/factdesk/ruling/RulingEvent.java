package org.factdesk.ruling;

import java.util.List;

import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

/** Rulings drafted, returned and published, and rating-scale changes (the latter on the system chain). */
public sealed interface RulingEvent extends AuditRecord {

    @AuditType("RULING_DRAFTED")
    record Drafted(long rulingId, String verdict, String verdictLabel, int scaleVersion, String headline,
            String claimReviewed, String summary, List<Long> evidenceIds, String correctionNote, String claimantType,
            String firstAppearanceUrl) implements RulingEvent {
    }

    @AuditType("RULING_APPROVED")
    record Approved(long rulingId, int versionNumber, String verdict, String verdictLabel, int scaleVersion,
            String publishedAt, String provenanceHash, String correctionNote, Long supersedes, String draftedBy)
            implements RulingEvent {
    }

    /**
     * The public record of a publication, right after its approval on the claim's chain (so its {@code prevHash} is
     * the approval event's hash). The approval names the drafter and the approver and stays behind the desk's
     * roles; this one holds only what the published ruling shows, so its full text can go into a ruling's public
     * provenance and tie the document to the transparency log. Its actor is {@link #PUBLISHER}, not a person.
     */
    @AuditType(value = "RULING_PUBLISHED", audience = org.factdesk.common.Audience.SUBMITTER)
    record Published(long rulingId, int versionNumber, String verdict, String publishedAt, String provenanceHash,
            Long supersedes) implements RulingEvent {
    }

    /** The actor of {@link Published}: the desk as publisher, so the public event names no staff. */
    String PUBLISHER = "factdesk";

    @AuditType("RULING_RETURNED")
    record Returned(long rulingId, String comment) implements RulingEvent {
    }

    /** A new version of the rating scale: what changed and the whole new list. */
    @AuditType("RATING_SCALE_CHANGED")
    record ScaleChanged(int version, int previousVersion, List<String> added, List<Renamed> renamed,
            List<String> retired, List<String> restored, List<Verdict> verdicts) implements RulingEvent {
    }

    record Renamed(String key, String from, String to) {
    }

    record Verdict(String key, String label, Integer value, String description, boolean retired) {
    }
}
