package org.factdesk.claim;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes {@code factdesk_claims{status=...}}: claims per status, read from PostgreSQL at most every 10 seconds,
 * so every instance reports the same shared truth.
 */
@ApplicationScoped
public class ClaimMetrics {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    @Inject
    ClaimRepository claims;

    private volatile Map<ClaimStatus, Long> snapshot = new EnumMap<>(ClaimStatus.class);
    private volatile Instant takenAt = Instant.EPOCH;

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (ClaimStatus status : ClaimStatus.values()) {
            Gauge.builder("factdesk.claims", this, m -> m.current(status))
                    .description("Claims per workflow status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private double current(ClaimStatus status) {
        if (takenAt.plus(MAX_AGE).isBefore(Instant.now())) {
            synchronized (this) {
                if (takenAt.plus(MAX_AGE).isBefore(Instant.now())) {
                    try {
                        snapshot = QuarkusTransaction.requiringNew().call(() -> claims.countByStatus(null));
                    } catch (RuntimeException e) {
                        // keep the previous snapshot while the database is unreachable
                    }
                    takenAt = Instant.now();
                }
            }
        }
        return snapshot.getOrDefault(status, 0L);
    }
}
