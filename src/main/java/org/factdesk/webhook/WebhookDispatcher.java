package org.factdesk.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.audit.AuditEvent;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.Clock;
import org.factdesk.ruling.PublishingConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries: each round leases what it has room for, sends each on a worker of its own (so one slow
 * receiver holds up only its own deliveries) and records the outcome as the lease holder. Redirects are not
 * followed (a 3xx is a failure: the target was checked, where it points was not); 2xx succeeds; 410 Gone disables the
 * endpoint; anything else is retried on the schedule until it runs out, and an endpoint that fails for
 * {@code disable-after} on end is disabled with the reason.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** What the delivery log keeps of a receiver's answer. */
    static final int RESPONSE_KEPT = 1024;

    @Inject
    WebhookConfig config;
    @Inject
    Deliveries deliveries;
    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    ObjectMapper json;
    @Inject
    PublishingConfig publishing;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Map.Entry<Deliveries.Due, Sent>> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settling = new AtomicBoolean();
    private final AtomicBoolean more = new AtomicBoolean();
    private volatile ExecutorService workers;
    private volatile HttpClient client;

    private synchronized void start() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.concurrency(), r -> {
                Thread t = new Thread(r, "webhook-sender");
                t.setDaemon(true);
                return t;
            });
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        }
    }

    @PreDestroy
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Scheduled(every = "${factdesk.webhooks.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.deliver()) {
            return;
        }
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.debugf("Webhook round skipped: %s", e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forget() {
        try {
            deliveries.forgetBefore(Clock.now().minus(config.retention()));
        } catch (RuntimeException e) {
            LOG.debugf("Webhook log clean-up skipped: %s", e.getMessage());
        }
    }

    /** Looks for due deliveries now, off the caller's thread (after the feed committed new ones). */
    void nudge() {
        if (!config.deliver()) {
            return;
        }
        start();
        workers.execute(() -> {
            try {
                sendDue();
            } catch (RuntimeException e) {
                LOG.debugf("Webhook nudge skipped: %s", e.getMessage());
            }
        });
    }

    /** Leases and starts what there is room for; returns how many attempts it started. */
    public int sendDue() {
        start();
        int room = config.concurrency() - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        long lease = config.timeout().toMillis() + 20_000;
        Instant now = Clock.now();
        // one transaction leases the batch and reads what each attempt sends
        List<Prepared> batch = QuarkusTransaction.requiringNew().call(() -> {
            List<Prepared> out = new ArrayList<>();
            Map<Long, WebhookEndpoint> endpoints = new HashMap<>();
            for (Deliveries.Due d : deliveries.lease(room, lease)) {
                WebhookEndpoint w = endpoints.computeIfAbsent(d.endpointId(), id -> em.find(WebhookEndpoint.class, id));
                AuditEvent e = em.find(AuditEvent.class, d.eventSeq());
                if (w == null || e == null) {
                    continue; // the endpoint was deleted meanwhile, and its deliveries with it
                }
                out.add(new Prepared(d, new Target(w.url(), w.signingSecrets(now)), Payload.messageId(e),
                        Payload.body(json, e, publishing.base())));
            }
            return out;
        });
        for (Prepared p : batch) {
            inFlight.incrementAndGet();
            workers.execute(() -> {
                try {
                    outcomes.add(Map.entry(p.due(), send(p.target(), p.messageId(), p.body())));
                    settleQueued();
                } finally {
                    inFlight.decrementAndGet();
                }
                // a full batch may have left more due: look again as soon as there is room, not at the next poll
                if (more.compareAndSet(true, false)) {
                    nudge();
                }
            });
        }
        if (batch.size() == room) {
            more.set(true);
        }
        return batch.size();
    }

    private record Prepared(Deliveries.Due due, Target target, String messageId, String body) {
    }

    /**
     * Records the outcomes that are waiting, many in one transaction: whichever sender finishes while no one else
     * records takes everything queued so far, so under load the cost of a commit is shared by many deliveries and a
     * slow receiver never holds up the recording of others.
     */
    private void settleQueued() {
        while (!outcomes.isEmpty() && settling.compareAndSet(false, true)) {
            try {
                List<Map.Entry<Deliveries.Due, Sent>> taken = new ArrayList<>();
                for (Map.Entry<Deliveries.Due, Sent> o; (o = outcomes.poll()) != null;) {
                    taken.add(o);
                }
                if (!taken.isEmpty()) {
                    QuarkusTransaction.requiringNew().run(() -> taken.forEach(o -> settle(o.getKey(), o.getValue())));
                }
            } catch (RuntimeException e) {
                // the leases run out and the attempts are made again (a database outage, most likely)
                LOG.warnf("Webhook deliveries: could not record their attempts: %s", e.getMessage());
            } finally {
                settling.set(false);
            }
        }
    }

    private record Target(String url, List<String> secrets) {
    }

    /** What one attempt got back. */
    record Sent(Instant at, Integer status, int durationMs, String response, String error) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private Sent send(Target target, String id, String body) {
        Instant at = Clock.now();
        long start = System.nanoTime();
        Optional<String> refused = TargetPolicy.refuse(target.url(), config.allowInsecureTargets(), TargetPolicy.SYSTEM);
        if (refused.isPresent()) {
            return new Sent(at, null, 0, null, "not sent: the URL " + refused.get());
        }
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url())).timeout(config.timeout())
                .header("content-type", "application/json").header("user-agent", "Factdesk-Webhooks/1")
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", Signature.header(target.secrets(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String kept;
            try (InputStream in = r.body()) {
                kept = new String(in.readNBytes(RESPONSE_KEPT), StandardCharsets.UTF_8);
            }
            return new Sent(at, r.statusCode(), elapsed(start), kept, null);
        } catch (HttpTimeoutException e) {
            return new Sent(at, null, elapsed(start), null, "timed out after " + config.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Sent(at, null, elapsed(start), null, "could not connect: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(at, null, elapsed(start), null, "interrupted (the instance stopped)");
        }
    }

    private static int elapsed(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }

    private void settle(Deliveries.Due d, Sent s) {
        Decision next = decide(d.attempts() + 1, s, config.retrySchedule(), ThreadLocalRandom.current().nextDouble());
        Instant nextAt = next.delay() == null ? null : s.at().plus(next.delay());
        if (!deliveries.record(d, new Deliveries.Outcome(s.at(), s.status(), s.durationMs(), s.response(), s.error(),
                next.status(), nextAt))) {
            return;
        }
        if (s.succeeded()) {
            em.createNativeQuery("UPDATE webhook_endpoint SET failing_since = NULL, version = version + 1 "
                    + "WHERE id = ?1 AND failing_since IS NOT NULL").setParameter(1, d.endpointId()).executeUpdate();
            return;
        }
        if (Integer.valueOf(410).equals(s.status())) {
            disable(d.endpointId(), "the receiver answered 410 Gone at " + s.at().truncatedTo(ChronoUnit.SECONDS));
            return;
        }
        Object since = em.createNativeQuery("""
                UPDATE webhook_endpoint SET failing_since = coalesce(failing_since, ?2), version = version + 1
                WHERE id = ?1 RETURNING failing_since""").setParameter(1, d.endpointId()).setParameter(2, s.at())
                .getSingleResult();
        Instant failingSince = since instanceof Instant i ? i : ((java.sql.Timestamp) since).toInstant();
        if (!failingSince.plus(config.disableAfter()).isAfter(s.at())) {
            disable(d.endpointId(), "every attempt failed since " + failingSince.truncatedTo(ChronoUnit.SECONDS)
                    + " (last: " + (s.status() == null ? s.error() : "HTTP " + s.status()) + ")");
        }
    }

    private void disable(long endpointId, String reason) {
        int changed = em.createNativeQuery("""
                UPDATE webhook_endpoint SET enabled = false, disabled_reason = ?2, disabled_at = now(),
                       version = version + 1, updated_at = now()
                WHERE id = ?1 AND enabled""").setParameter(1, endpointId).setParameter(2, reason).executeUpdate();
        if (changed > 0) {
            LOG.warnf("Webhook %d disabled: %s", endpointId, reason);
            audit.record(null, "factdesk", new WebhookEvent.Disabled(endpointId, reason));
        }
    }

    /** What becomes of a delivery after its n-th attempt (counted from its last queuing): pure, for tests. */
    record Decision(Deliveries.Status status, Duration delay) {
    }

    /** A wait moved by up to a fifth either way ({@code random} in [0, 1)). */
    static Duration jittered(Duration wait, double random) {
        return Duration.ofMillis((long) (wait.toMillis() * (0.8 + 0.4 * random)));
    }

    static Decision decide(int attempt, Sent s, List<Duration> schedule, double random) {
        if (s.succeeded()) {
            return new Decision(Deliveries.Status.SUCCEEDED, null);
        }
        if (Integer.valueOf(410).equals(s.status()) || attempt > schedule.size()) {
            return new Decision(Deliveries.Status.FAILED, null);
        }
        return new Decision(Deliveries.Status.PENDING, jittered(schedule.get(attempt - 1), random));
    }
}
