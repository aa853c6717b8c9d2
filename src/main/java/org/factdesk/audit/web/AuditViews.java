package org.factdesk.audit.web;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.audit.AuditEvent;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** Response records of the audit endpoints. */
public final class AuditViews {

    private AuditViews() {
    }

    /** One event of a hash chain. */
    @Schema(name = "AuditEvent", requiredProperties = { "seq", "type", "actor", "occurredAt", "data", "hash" })
    public record EventView(long seq, Long claimId, @Schema(example = "CLAIM_SUBMITTED") String type,
            @Schema(example = "checker") String actor, Instant occurredAt,
            @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                    description = "Event details") String data,
            @Schema(example = "0000000000000000000000000000000000000000000000000000000000000000") String prevHash,
            String hash) {
        public static EventView of(AuditEvent e) {
            return new EventView(e.seq(), e.claimId(), e.type(), e.actor(), e.occurredAt(), e.data(), e.prevHash(),
                    e.hash());
        }
    }

    /** A claim's timeline. */
    @Schema(name = "History", requiredProperties = { "items" })
    public record HistoryView(List<EventView> items) {
    }

    /** The result of recomputing a chain; {@code events} and {@code firstBrokenSeq} only for staff and auditors. */
    @Schema(name = "ChainVerification", requiredProperties = { "valid", "events" })
    public record VerificationView(boolean valid,
            @Schema(description = "Events in the whole chain; left out for the claim's submitter") Integer events,
            @Schema(description = "The first event whose hash does not hold; left out for the claim's submitter")
            Long firstBrokenSeq) {
    }

    /** A page of the audit feed; pass {@code nextCursor} as {@code after}. */
    @Schema(name = "AuditPage", requiredProperties = { "items" })
    public record AuditPage(List<EventView> items, @Schema(example = "NzQ0OjEyMw") String nextCursor) {
    }
}
