package org.factdesk.webhook.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.claim.ClaimFields;
import org.factdesk.webhook.Deliveries;
import org.factdesk.webhook.WebhookEndpoint;

/** What the webhook endpoints take and answer. */
public final class WebhookViews {

    private WebhookViews() {
    }

    @Schema(name = "CreateWebhookRequest")
    public record CreateWebhookRequest(
            @NotBlank @Size(max = 2048) @Schema(example = "https://cms.example.org/hooks/factdesk") String url,
            @NotEmpty @Size(max = 50) @Schema(description = "Dotted event types, resource.* or *",
                    example = "[\"ruling.published\", \"claim.*\"]") List<@NotNull @Size(max = 100) String> events,
            @Size(max = 20) @Schema(description = "Only events of claims with one of these tags (empty: all events)")
            List<@NotNull @Pattern(regexp = ClaimFields.TAG_PATTERN, message = ClaimFields.TAG_MESSAGE) String> tags,
            @Size(max = 500) String description,
            @Schema(description = "Default true") Boolean enabled) {

        WebhookEndpoint.Settings settings() {
            return new WebhookEndpoint.Settings(url, events, tags == null ? List.of() : tags, description,
                    enabled == null || enabled);
        }
    }

    /** JSON merge patch of an endpoint: absent fields stay as they are. */
    @Schema(name = "UpdateWebhookRequest")
    public record UpdateWebhookRequest(
            @Size(min = 1, max = 2048) String url,
            @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) String> events,
            @Size(max = 20) List<@NotNull @Pattern(regexp = ClaimFields.TAG_PATTERN, message = ClaimFields.TAG_MESSAGE) String> tags,
            @Size(max = 500) String description,
            Boolean enabled) {

        WebhookEndpoint.Settings applyTo(WebhookEndpoint.Settings s) {
            return new WebhookEndpoint.Settings(url == null ? s.url() : url, events == null ? s.events() : events,
                    tags == null ? s.tags() : tags, description == null ? s.description() : description,
                    enabled == null ? s.enabled() : enabled);
        }
    }

    @Schema(name = "Webhook", requiredProperties = { "id", "url", "events", "tags", "enabled", "createdBy", "createdAt", "updatedAt", "version" })
    public record WebhookView(long id, String url, List<String> events, List<String> tags, String description,
            boolean enabled,
            @Schema(description = "Since when every attempt failed (null while it succeeds)") Instant failingSince,
            @Schema(description = "Why the service disabled it (410 Gone, or failing too long)") String disabledReason,
            Instant disabledAt,
            @Schema(description = "Until when the previous secret signs too, after a rotation") Instant previousSecretValidUntil,
            String createdBy, Instant createdAt, Instant updatedAt, long version) {

        static WebhookView of(WebhookEndpoint e) {
            Instant until = e.previousSecretValidUntil(org.factdesk.common.Clock.now());
            return new WebhookView(e.id(), e.url(), e.events(), e.tags(), e.description(), e.enabled(),
                    e.failingSince(), e.disabledReason(), e.disabledAt(), until, e.createdBy(), e.createdAt(),
                    e.updatedAt(), e.version());
        }
    }

    @Schema(name = "CreatedWebhook", requiredProperties = { "secret", "webhook" }, description = "The new endpoint and its secret, shown this once")
    public record CreatedWebhookView(@Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            WebhookView webhook) {
    }

    @Schema(name = "WebhookSecret", requiredProperties = { "secret", "webhook" }, description = "A rotated secret, shown this once")
    public record SecretView(String secret, Instant previousSecretValidUntil, WebhookView webhook) {
    }

    @Schema(name = "WebhookList", requiredProperties = { "items" })
    public record WebhookList(List<WebhookView> items) {
    }

    @Schema(name = "WebhookEventTypes", requiredProperties = { "items" }, description = "What an endpoint can subscribe to (and resource.*, *)")
    public record EventTypeList(List<String> items) {
    }

    @Schema(name = "WebhookAttempt", requiredProperties = { "attemptedAt" })
    public record AttemptView(Instant attemptedAt, Integer status, int durationMs,
            @Schema(description = "The first 1024 bytes of the receiver's answer") String response, String error) {

        static AttemptView of(Deliveries.Attempt a) {
            return new AttemptView(a.attemptedAt(), a.status(), a.durationMs(), a.response(), a.error());
        }
    }

    @Schema(name = "WebhookDelivery", requiredProperties = { "id", "messageId", "eventSeq", "eventType", "status", "attempts", "createdAt" })
    public record DeliveryView(long id, @Schema(description = "The webhook-id header") String messageId, long eventSeq,
            String eventType, Long claimId, Deliveries.Status status,
            @Schema(description = "Attempts since it was last queued") int attempts,
            @Schema(description = "When the next attempt is due (pending only)") Instant nextAttemptAt,
            Instant lastAttemptAt, Integer lastStatus, Integer lastDurationMs,
            @Schema(description = "The first 1024 bytes of the last answer") String lastResponse, String lastError,
            Instant createdAt, Instant completedAt,
            @Schema(description = "Every attempt (on a single delivery only)") List<AttemptView> attemptLog) {

        static DeliveryView of(Deliveries.Delivery d, List<AttemptView> attempts) {
            return new DeliveryView(d.id(), d.messageId(), d.eventSeq(), d.eventType(), d.claimId(), d.status(),
                    d.attempts(), d.status() == Deliveries.Status.PENDING ? d.nextAttemptAt() : null,
                    d.lastAttemptAt(), d.lastStatus(), d.lastDurationMs(), d.lastResponse(), d.lastError(),
                    d.createdAt(), d.completedAt(), attempts);
        }
    }

    @Schema(name = "WebhookDeliveryPage", requiredProperties = { "items" })
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    @Schema(name = "ReplayRequest", description = "Requeue every subscribed event from this audit seq on")
    public record ReplayRequest(@NotNull @PositiveOrZero Long fromSeq) {
    }

    @Schema(name = "Requeued", requiredProperties = { "deliveries" })
    public record RequeuedView(int deliveries,
            @Schema(description = "Where to continue a replay that hit its limit (null: done)") Long continueFromSeq) {
    }
}
