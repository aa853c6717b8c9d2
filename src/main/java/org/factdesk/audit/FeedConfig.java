package org.factdesk.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often followers of the audit feed look for new events, and how many they take at once. */
@ConfigMapping(prefix = "factdesk.feed")
public interface FeedConfig {

    /** Pause between rounds when a follower has caught up (several rounds within each second of the scheduler, see FeedFollowers#poll). */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Events per transaction of a follower. */
    @WithDefault("500")
    int batchSize();
}
