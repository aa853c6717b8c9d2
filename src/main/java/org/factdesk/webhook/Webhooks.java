package org.factdesk.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.claim.ClaimFields;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.Clock;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;

/**
 * Webhook endpoints and their delivery log, for administrators (the resource admits only them). Every change is
 * audited on the system chain in its transaction; the secret is returned by creation and rotation only.
 */
@ApplicationScoped
public class Webhooks {

    /** Events one replay requeues at most; the answer says where to continue. */
    public static final int REPLAY_LIMIT = 10_000;

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    WebhookConfig config;
    @Inject
    Deliveries deliveries;

    /** A new endpoint and its secret, which nothing shows again. */
    public record Created(WebhookEndpoint endpoint, String secret) {
    }

    /** A rotated secret and until when the previous one keeps signing too. */
    public record Rotated(WebhookEndpoint endpoint, String secret, Instant previousValidUntil) {
    }

    /** What a requeue did: how many deliveries, and the seq to continue a replay from when there are more. */
    public record Requeued(int deliveries, Long continueFromSeq) {
    }

    @Transactional
    public Created create(WebhookEndpoint.Settings settings, String actor) {
        WebhookEndpoint.Settings s = validated(settings);
        String secret = Signature.newSecret();
        WebhookEndpoint e = new WebhookEndpoint(s, secret, actor, Clock.now());
        em.persist(e);
        em.flush();
        audit.record(null, actor, new WebhookEvent.Created(e.id(), s.url(), s.events(), s.tags(), s.description(),
                s.enabled()));
        return new Created(e, secret);
    }

    @Transactional
    public List<WebhookEndpoint> list() {
        return em.createQuery("FROM WebhookEndpoint ORDER BY id", WebhookEndpoint.class).getResultList();
    }

    @Transactional
    public WebhookEndpoint get(long id) {
        return Optional.ofNullable(em.find(WebhookEndpoint.class, id))
                .orElseThrow(() -> ProblemException.notFound("Webhook", id));
    }

    @Transactional
    public WebhookEndpoint update(long id, IfMatch ifMatch, java.util.function.UnaryOperator<WebhookEndpoint.Settings> change,
            String actor) {
        WebhookEndpoint e = locked(id, ifMatch);
        WebhookEndpoint.Settings s = validated(change.apply(e.settings()));
        e.apply(s, Clock.now());
        em.flush();
        audit.record(null, actor, new WebhookEvent.Updated(id, s.url(), s.events(), s.tags(), s.description(),
                s.enabled()));
        return e;
    }

    @Transactional
    public void delete(long id, IfMatch ifMatch, String actor) {
        WebhookEndpoint e = locked(id, ifMatch);
        em.remove(e);
        audit.record(null, actor, new WebhookEvent.Deleted(id, e.url()));
    }

    @Transactional
    public Rotated rotateSecret(long id, IfMatch ifMatch, String actor) {
        WebhookEndpoint e = locked(id, ifMatch);
        Instant now = Clock.now();
        Instant until = now.plus(config.secretOverlap());
        String secret = Signature.newSecret();
        e.rotate(secret, until, now);
        em.flush();
        audit.record(null, actor, new WebhookEvent.SecretRotated(id, until.toString()));
        return new Rotated(e, secret, until);
    }

    @Transactional
    public Requeued redeliver(long id, long deliveryId, String actor) {
        get(id);
        deliveries.requeue(id, deliveryId);
        audit.record(null, actor, new WebhookEvent.Requeued(id, deliveryId, null, 1));
        return new Requeued(1, null);
    }

    /** Requeues every subscribed event from {@code fromSeq} on, in feed order, at most {@link #REPLAY_LIMIT}. */
    @Transactional
    public Requeued replay(long id, long fromSeq, String actor) {
        WebhookEndpoint e = get(id);
        Deliveries.Replayed r = deliveries.replay(e, fromSeq, REPLAY_LIMIT);
        audit.record(null, actor, new WebhookEvent.Requeued(id, null, fromSeq, r.count()));
        return new Requeued(r.count(), r.count() == REPLAY_LIMIT ? r.lastSeq() + 1 : null);
    }

    private WebhookEndpoint locked(long id, IfMatch ifMatch) {
        WebhookEndpoint e = em.find(WebhookEndpoint.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("Webhook", id);
        }
        ifMatch.check(e.version());
        return e;
    }

    /** The settings normalised, or a 422 listing every refused field (the target is resolved and checked). */
    WebhookEndpoint.Settings validated(WebhookEndpoint.Settings s) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> target = TargetPolicy.refuse(s.url(), config.allowInsecureTargets(), TargetPolicy.SYSTEM);
        target.ifPresent(why -> errors.add(new FieldError("url", why)));
        List<String> events = s.events().stream().map(String::strip).distinct().toList();
        for (int i = 0; i < events.size(); i++) {
            String why = EventTypes.refusal(events.get(i));
            if (why != null) {
                errors.add(new FieldError("events[" + i + "]", why));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new WebhookEndpoint.Settings(s.url(), events, ClaimFields.normalizeTags(s.tags()),
                s.description() == null ? "" : s.description().strip(), s.enabled());
    }
}
