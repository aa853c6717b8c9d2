package org.factdesk.evidence;

import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

/** Evidence attached to and retracted from claims (desk staff only). */
public sealed interface EvidenceEvent extends AuditRecord {

    @AuditType("EVIDENCE_ADDED")
    record LinkAdded(long evidenceId, String kind, String stance, String note, String url, String title,
            String publisher, String accessedAt, String archiveUrl) implements EvidenceEvent {
    }

    @AuditType("EVIDENCE_ADDED")
    record FileAdded(long evidenceId, String kind, String stance, String note, String sha256, long size,
            String contentType, String fileName, String originalFileName) implements EvidenceEvent {
    }

    @AuditType("EVIDENCE_RETRACTED")
    record Retracted(long evidenceId, String kind, String sha256, String url, String reason) implements EvidenceEvent {
    }
}
