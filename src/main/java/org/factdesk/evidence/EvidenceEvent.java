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

    /** A move of stored files from PostgreSQL to object storage began (system chain). */
    @AuditType("EVIDENCE_MIGRATION_STARTED")
    record MigrationStarted(long filesToMove, long bytesToMove, String bucket) implements EvidenceEvent {
    }

    @AuditType("EVIDENCE_MIGRATION_PAUSED")
    record MigrationPaused(long remainingFiles) implements EvidenceEvent {
    }

    @AuditType("EVIDENCE_MIGRATION_FINISHED")
    record MigrationFinished(long movedFiles, long movedBytes, long failedFiles, long remainingFiles)
            implements EvidenceEvent {
    }

    @AuditType("EVIDENCE_RETRACTED")
    record Retracted(long evidenceId, String kind, String sha256, String url, String reason) implements EvidenceEvent {
    }
}
