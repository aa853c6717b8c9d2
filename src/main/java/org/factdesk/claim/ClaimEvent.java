package org.factdesk.claim;

import java.util.List;
import java.util.Map;

import org.factdesk.common.Audience;
import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What happens to a claim itself; its submitter may read these in its history. */
public sealed interface ClaimEvent extends AuditRecord {

    @AuditType(value = "CLAIM_SUBMITTED", audience = Audience.SUBMITTER)
    record Submitted(String statement, String claimant, String sourceUrl, String claimedAt, String language,
            List<String> tags, String priority) implements ClaimEvent {

        /** The event of a new claim with these details, however it arrived (a submission, a line of an import). */
        public static Submitted of(Claim.Details details) {
            Claim.Details d = details.stored();
            return new Submitted(d.statement(), d.claimant(), d.sourceUrl(),
                    d.claimedAt() == null ? null : d.claimedAt().toString(), d.language(), d.tags(), d.priority().name());
        }
    }

    /** The fields that changed, each from its old to its new value. */
    @AuditType(value = "CLAIM_EDITED", audience = Audience.SUBMITTER)
    record Edited(Map<String, Change> changes) implements ClaimEvent {
    }

    /** One field's change. */
    record Change(Object from, Object to) {
    }

    /**
     * A status change; {@code duplicateOf} when dismissed as a duplicate, {@code rulingId} (and the published
     * {@code versionNumber}) when a ruling moved it.
     */
    @AuditType(value = "CLAIM_TRANSITIONED", audience = Audience.SUBMITTER)
    record Transitioned(String from, String to, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long duplicateOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long rulingId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer versionNumber) implements ClaimEvent {
    }

    /** The assignee changed ({@code to} null: unassigned). Staff only: who works on a claim is the desk's business. */
    @AuditType("CLAIM_ASSIGNED")
    record Assigned(String from, String to) implements ClaimEvent {
    }
}
