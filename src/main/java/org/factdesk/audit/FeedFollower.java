package org.factdesk.audit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A consumer of the audit feed (webhook fan-out, inboxes, the transparency log ...): declare it as a CDI bean and
 * {@link FeedFollowers} hands it every event once, in feed order, inside the transaction that then stores its new
 * position; what it writes to PostgreSQL there commits with that position or not at all.
 */
public interface FeedFollower {

    /** Stable and unique: the key of this follower's position in {@code feed_cursor}. */
    String name();

    /**
     * Whether this follower runs at all. A disabled follower keeps its stored position untouched (it is not a
     * follower that handles events by ignoring them), so enabling it later resumes where it stopped.
     */
    default boolean enabled() {
        return true;
    }

    /** Whether a follower seen for the first time starts with every past event (true) or at the tail. */
    default boolean fromStart() {
        return true;
    }

    /**
     * The pause between this follower's rounds once it has caught up, when it differs from the feed's
     * ({@code factdesk.feed.poll-interval}): a follower nobody waits for takes bigger batches in fewer transactions.
     */
    default Optional<Duration> pollInterval() {
        return Optional.empty();
    }

    /**
     * Handles the next events. Throwing rolls back the batch and the position, so the same events come again on the
     * next round; a follower that cannot handle an event should record why and move on rather than block forever.
     */
    void handle(List<AuditEvent> events);
}
