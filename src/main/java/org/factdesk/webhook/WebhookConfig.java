package org.factdesk.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook deliveries: how often, how long, how many times, and which targets are allowed at all. */
@ConfigMapping(prefix = "factdesk.webhooks")
public interface WebhookConfig {

    /**
     * Whether this instance sends deliveries. Off, deliveries are still made from the feed and wait; another
     * instance (or this one, switched back on) sends them.
     */
    @WithDefault("true")
    boolean deliver();

    /**
     * Allows http and loopback targets (dev and test). Private (RFC 1918, fc00::/7), link-local and metadata
     * addresses stay refused even then: they are where an attacker would point a webhook to reach internal systems.
     */
    @WithDefault("false")
    boolean allowInsecureTargets();

    /**
     * How often each instance looks for deliveries that are due (retries, and what other instances queued); new
     * deliveries are sent as soon as the feed follower commits them. 1 s is the scheduler's finest interval.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** The time-out of one attempt, connection included. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * The waits after each failed attempt; after the last one the delivery has failed. Each wait is jittered by up
     * to a fifth either way, so receivers coming back from an outage are not hit by every retry at once.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h")
    List<Duration> retrySchedule();

    /** An endpoint whose every attempt failed for this long is disabled (admins see why on the endpoint). */
    @WithDefault("24h")
    Duration disableAfter();

    /** How long a rotated-out secret keeps signing next to the new one. */
    @WithDefault("24h")
    Duration secretOverlap();

    /** Deliveries one instance sends at once. */
    @WithDefault("32")
    int concurrency();

    /** Completed deliveries (and their attempts) are kept this long for the delivery log. */
    @WithDefault("30d")
    Duration retention();
}
