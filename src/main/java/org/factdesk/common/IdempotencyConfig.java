package org.factdesk.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a caller's {@code Idempotency-Key} keeps its stored response. */
@ConfigMapping(prefix = "factdesk.idempotency")
public interface IdempotencyConfig {

    /** A retry later than this runs as a new request (the draft leaves the window to the server; 24 h is common). */
    @WithDefault("24h")
    Duration retention();
}
