package org.factdesk.webhook;

import java.util.List;

import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

/** Changes to webhook endpoints, on the system chain. Secrets never appear in them, only that one was made. */
public sealed interface WebhookEvent extends AuditRecord {

    @AuditType("WEBHOOK_CREATED")
    record Created(long endpointId, String url, List<String> events, List<String> tags, String description,
            boolean enabled) implements WebhookEvent {
    }

    /** The endpoint as it is after the change. */
    @AuditType("WEBHOOK_UPDATED")
    record Updated(long endpointId, String url, List<String> events, List<String> tags, String description,
            boolean enabled) implements WebhookEvent {
    }

    @AuditType("WEBHOOK_DELETED")
    record Deleted(long endpointId, String url) implements WebhookEvent {
    }

    /** A new secret; the previous one keeps signing until {@code previousValidUntil}. */
    @AuditType("WEBHOOK_SECRET_ROTATED")
    record SecretRotated(long endpointId, String previousValidUntil) implements WebhookEvent {
    }

    /** Disabled by the service (its actor is {@code factdesk}): the receiver answered 410 or failed too long. */
    @AuditType("WEBHOOK_DISABLED")
    record Disabled(long endpointId, String reason) implements WebhookEvent {
    }

    /** Deliveries requeued by an admin: one delivery, or every event from a point of the feed. */
    @AuditType("WEBHOOK_REQUEUED")
    record Requeued(long endpointId, Long deliveryId, Long fromSeq, int deliveries) implements WebhookEvent {
    }
}
