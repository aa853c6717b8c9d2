package org.factdesk.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.audit.AuditEvent;
import org.factdesk.audit.FeedFollower;
import org.factdesk.common.AuditRecord;

/**
 * Turns audit events into deliveries, in the transaction that moves the feed position: an event is queued for every
 * endpoint that subscribes to it exactly when the feed passes it, after its own transaction committed, and a crash
 * before that commit hands the same events over again (the unique (endpoint, event) makes that harmless).
 * Endpoints see events from their creation on; older ones are a replay away.
 */
@ApplicationScoped
public class WebhookFollower implements FeedFollower {

    public static final String NAME = "webhooks";

    @Inject
    EntityManager em;
    @Inject
    Deliveries deliveries;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry tsr;

    @Override
    public String name() {
        return NAME;
    }

    /** A desk that adds webhooks later does not want its whole past delivered: replays are for that. */
    @Override
    public boolean fromStart() {
        return false;
    }

    @Override
    public void handle(List<AuditEvent> events) {
        List<WebhookEndpoint> endpoints = em
                .createQuery("FROM WebhookEndpoint WHERE enabled = true ORDER BY id", WebhookEndpoint.class)
                .getResultList();
        if (endpoints.isEmpty()) {
            return;
        }
        Map<Long, Set<String>> tags = endpoints.stream().anyMatch(e -> !e.tags().isEmpty()) ? tagsOf(events) : Map.of();
        List<Deliveries.New> made = new ArrayList<>();
        for (AuditEvent ev : events) {
            String dotted = AuditRecord.dottedName(ev.type());
            for (WebhookEndpoint w : endpoints) {
                if (ev.occurredAt().isBefore(w.createdAt()) || !EventTypes.matches(w.events(), dotted)) {
                    continue;
                }
                if (!w.tags().isEmpty()) {
                    Set<String> claimTags = ev.claimId() == null ? Set.of() : tags.getOrDefault(ev.claimId(), Set.of());
                    if (w.tags().stream().noneMatch(claimTags::contains)) {
                        continue;
                    }
                }
                made.add(new Deliveries.New(w.id(), ev.seq(), ev.claimId(), ev.type()));
            }
        }
        deliveries.add(made);
        if (!made.isEmpty()) {
            // send them as soon as they are committed rather than at this instance's next poll (a second away:
            // the scheduler's finest interval); other instances still find them by polling
            tsr.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        dispatcher.nudge();
                    }
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Set<String>> tagsOf(List<AuditEvent> events) {
        Set<Long> ids = new HashSet<>();
        events.forEach(e -> {
            if (e.claimId() != null) {
                ids.add(e.claimId());
            }
        });
        Map<Long, Set<String>> tags = new HashMap<>();
        if (ids.isEmpty()) {
            return tags;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT id, tags FROM claim WHERE id IN (:ids)")
                .setParameter("ids", ids).getResultList();
        for (Object[] r : rows) {
            tags.put(((Number) r[0]).longValue(), new HashSet<>(java.util.Arrays.asList((String[]) r[1])));
        }
        return tags;
    }
}
