package org.factdesk.audit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs every {@link FeedFollower}: each round, per follower, it locks the follower's row in {@code feed_cursor}
 * with {@code FOR UPDATE SKIP LOCKED} (so with several instances exactly one works on a follower at a time and the
 * others skip it), reads the feed after the stored position, lets the follower handle the events and stores the new
 * position, all in one transaction. A crash anywhere rolls the batch back; it is handled again, never lost.
 */
@ApplicationScoped
public class FeedFollowers {

    private static final Logger LOG = Logger.getLogger(FeedFollowers.class);

    @Inject
    Instance<FeedFollower> followers;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    FeedConfig config;

    /** One thread per follower, so that a slow follower (a tree batch) never delays another (a webhook). */
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "feed-follower");
        t.setDaemon(true);
        return t;
    });
    /** Followers whose loop is running on this instance (another instance's loop is kept out by the row lock). */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * The scheduler runs this every second, its finest interval; each follower then makes a round every
     * {@code factdesk.feed.poll-interval} within that second on its own thread, so what follows the feed (webhooks
     * above all) lags it by that much, not by up to a second, and not by the time other followers take.
     */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (FeedFollower f : followers) {
            if (!stopping && f.enabled() && running.add(f.name())) {
                try {
                    threads.execute(() -> {
                        try {
                            follow(f);
                        } finally {
                            running.remove(f.name());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    running.remove(f.name()); // shutting down
                }
            }
        }
    }

    /**
     * Stops the loops before the application's shutdown closes the database access they use (a round under way gets
     * a few seconds to commit; one cut off rolls back and runs again on the next start, never lost).
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rounds of one follower for about a second, a poll interval apart. */
    private void follow(FeedFollower f) {
        long interval = Math.max(10, f.pollInterval().orElse(config.pollInterval()).toMillis());
        long end = System.nanoTime() + 1_000_000_000L - interval * 1_000_000L;
        do {
            round(f);
            if (stopping || System.nanoTime() >= end) {
                return;
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down
                return;
            }
        } while (true);
    }

    private void round(FeedFollower f) {
        try {
            drain(f);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf("Feed follower %s stopped mid-round by the shutdown: %s", f.name(), e.getMessage());
            } else if (isDatabaseDown(e)) {
                LOG.debugf("Feed follower %s waits for the database: %s", f.name(), e.getMessage());
            } else {
                LOG.errorf(e, "Feed follower %s failed; it retries from its stored position", f.name());
            }
        }
    }

    /** Handles everything that is ready for one follower now; returns how many events it handled. */
    public int drain(FeedFollower follower) {
        return drain(follower, false);
    }

    private int drain(FeedFollower follower, boolean wait) {
        int total = 0;
        while (true) {
            int handled = QuarkusTransaction.requiringNew().call(() -> step(follower, wait));
            if (handled < 0) {
                return total;
            }
            total += handled;
            if (handled < config.batchSize()) {
                return total;
            }
        }
    }

    /**
     * Brings the follower of this name up to everything committed before the call (for admin actions and tests). It
     * waits for an instance that holds the follower instead of skipping it: a scheduled round that is mid-batch would
     * otherwise make the caller act on a position that misses events it has just seen committed.
     */
    public int drain(String name) {
        for (FeedFollower f : followers) {
            if (f.name().equals(name)) {
                return drain(f, true);
            }
        }
        throw new IllegalArgumentException("no feed follower named " + name);
    }

    /** One batch; -1 when another instance holds the follower. */
    private int step(FeedFollower follower, boolean wait) {
        AuditLog.FeedPosition position = lock(follower, wait);
        if (position == null) {
            return -1;
        }
        AuditLog.FeedPage page = audit.feed(position, config.batchSize());
        if (page.events().isEmpty()) {
            return 0;
        }
        follower.handle(page.events());
        em.createNativeQuery("""
                UPDATE feed_cursor SET tx_id = CAST(CAST(?2 AS text) AS xid8), seq = ?3, events = events + ?4,
                       updated_at = now() WHERE name = ?1""")
                .setParameter(1, follower.name()).setParameter(2, page.next().txKey())
                .setParameter(3, page.next().seq()).setParameter(4, page.events().size()).executeUpdate();
        return page.events().size();
    }

    private AuditLog.FeedPosition lock(FeedFollower follower, boolean wait) {
        List<?> rows = select(follower.name(), wait);
        if (rows.isEmpty()) {
            AuditLog.FeedPosition start = follower.fromStart() ? AuditLog.FeedPosition.START : audit.tail();
            em.createNativeQuery("""
                    INSERT INTO feed_cursor (name, tx_id, seq, updated_at)
                    VALUES (?1, CAST(CAST(?2 AS text) AS xid8), ?3, now()) ON CONFLICT (name) DO NOTHING""")
                    .setParameter(1, follower.name()).setParameter(2, start.txKey()).setParameter(3, start.seq())
                    .executeUpdate();
            rows = select(follower.name(), wait);
            if (rows.isEmpty()) {
                return null;
            }
        }
        Object[] row = (Object[]) rows.get(0);
        return new AuditLog.FeedPosition(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    private List<?> select(String name, boolean wait) {
        return em.createNativeQuery("SELECT CAST(CAST(tx_id AS text) AS bigint), seq FROM feed_cursor "
                + "WHERE name = ?1 FOR UPDATE" + (wait ? "" : " SKIP LOCKED")).setParameter(1, name).getResultList();
    }

    private static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
