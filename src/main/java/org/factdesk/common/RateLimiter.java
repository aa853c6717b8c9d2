package org.factdesk.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * Request budgets per client in fixed windows, counted in PostgreSQL so that every instance spends the same budget:
 * a client that spreads its requests over the instances behind a balancer gets no more than from one. Counting is a
 * single upsert per request; the counter stops one above the budget, so a flood cannot grow it.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    EntityManager em;

    /**
     * Spends one request of {@code subject}'s budget of {@code limit} per {@code window} under {@code scope}; a 429
     * problem with {@code Retry-After} (seconds until the window ends) once it is spent. Counted in a transaction of
     * its own, so a request that then fails still counts.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = ProblemException.class)
    public void spend(String scope, String subject, int limit, Duration window, Instant now) {
        long size = window.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
        Instant end = start.plusMillis(size);
        int hits = ((Number) em.createNativeQuery("""
                INSERT INTO rate_limit_window (scope, subject, window_start, hits, expires_at)
                VALUES (?1, ?2, ?3, 1, ?4)
                ON CONFLICT (scope, subject, window_start)
                DO UPDATE SET hits = least(rate_limit_window.hits + 1, ?5 + 1)
                RETURNING hits""")
                .setParameter(1, scope).setParameter(2, subject).setParameter(3, start).setParameter(4, end)
                .setParameter(5, limit).getSingleResult()).intValue();
        if (hits > limit) {
            long retryAfter = Math.max(1, (end.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
            throw new ProblemException(429, "rate-limited", "Too many requests",
                    "At most " + limit + " requests per " + seconds(window) + " from one client; retry in "
                            + retryAfter + " s",
                    Map.of("limit", limit, "retryAfter", retryAfter), Map.of("Retry-After", String.valueOf(retryAfter)));
        }
    }

    /** Windows that ended; any instance may sweep, deleting twice is harmless. */
    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweep() {
        em.createNativeQuery("DELETE FROM rate_limit_window WHERE expires_at < now()").executeUpdate();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
