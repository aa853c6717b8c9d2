package org.factdesk.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Resolved credentials (API keys, sessions) kept in memory, so that an authenticated request needs no database round
 * trip. PostgreSQL stays the only source of truth: every change that ends a credential (a key revoked, a session
 * ended, a user deactivated) sends {@code NOTIFY factdesk_credentials} in its transaction, and every instance's
 * listener empties its cache when the notification arrives, which PostgreSQL does at commit, within milliseconds.
 * While an instance's listener is not connected its cache is bypassed, so a lost connection can never leave a revoked
 * credential usable; and a lookup that raced with a change is not stored (generation check), so it cannot bring an
 * ended credential back.
 */
@ApplicationScoped
public class CredentialCache {

    static final String CHANNEL = "factdesk_credentials";
    private static final Logger LOG = Logger.getLogger(CredentialCache.class);
    private static final int MAX_ENTRIES = 50_000;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    /** When the listener last proved its connection alive; cached values are served only shortly after. */
    private volatile long provenAtNanos;
    private volatile boolean running;
    private volatile Connection listenerConnection;
    private Thread listener;

    /** A cached principal and until when it may be served without asking the database. */
    record Entry(Authenticator.Principal principal, Instant validUntil) {
    }

    /** Something that looks a credential up in the database. */
    interface Loader {
        Optional<Loaded> load() throws SQLException;
    }

    /** What a lookup found: the principal and how long it stays valid at most (a session's expiry). */
    record Loaded(Authenticator.Principal principal, Instant validUntil) {
    }

    /** A cached principal, if the listener vouches for the cache right now; no I/O (safe on the event loop). */
    Optional<Authenticator.Principal> cached(String key) {
        if (!vouched()) {
            return Optional.empty();
        }
        Entry e = entries.get(key);
        return e != null && e.validUntil().isAfter(Instant.now()) ? Optional.of(e.principal()) : Optional.empty();
    }

    /** The principal for a credential, from memory when the listener vouches for it, else from the database. */
    Optional<Authenticator.Principal> get(String key, Loader loader) throws SQLException {
        Optional<Authenticator.Principal> hit = cached(key);
        if (hit.isPresent()) {
            return hit;
        }
        long before = generation.get();
        Optional<Loaded> loaded = loader.load();
        if (loaded.isPresent() && vouched()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(loaded.get().principal(), loaded.get().validUntil()));
            if (generation.get() != before) {
                // a credential ended while we looked it up: the value just stored may be stale
                entries.remove(key);
            }
        }
        return loaded.map(Loaded::principal);
    }

    /** Tells every instance, at commit of the caller's transaction, that some credential ended. */
    public void announceChange(EntityManager tx) {
        tx.createNativeQuery("SELECT CAST(pg_notify('" + CHANNEL + "', '') AS text)").getSingleResult();
        // the notification reaches this instance's listener a moment after commit; until then a request here could
        // still be served the ended credential, so this instance forgets at once, before the answer is sent
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                clear();
            }
        });
    }

    @jakarta.inject.Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Forgets everything (on a notification, and whenever the listener is not connected). */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** Whether cached credentials may be served: the listener is connected and proved it within {@link #PROOF_WINDOW}. */
    public boolean vouched() {
        return listening && System.nanoTime() - provenAtNanos < PROOF_WINDOW.toNanos();
    }

    /** How long a proof of the listener's connection stays good; beyond it the database is asked again. */
    static final Duration PROOF_WINDOW = Duration.ofSeconds(3);

    /** Where the listener connects, read once at start: reading the datasource URL later could start things. */
    private volatile java.util.Properties connection;
    private volatile String url;

    void start(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        var props = new java.util.Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> props.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "factdesk-credential-listener");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "2");
        props.setProperty("tcpKeepAlive", "true");
        connection = props;
        running = true;
        listener = new Thread(this::listen, "factdesk-credential-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        listening = false;
        closeListenerConnection();
    }

    private volatile boolean suspended;

    /** Stops listening until {@link #resume()}: the cache is bypassed meanwhile (tests; a safe fallback to the database). */
    void suspend() {
        suspended = true;
        closeListenerConnection();
    }

    void resume() {
        suspended = false;
    }

    private void closeListenerConnection() {
        Connection c = listenerConnection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is going away either way
            }
        }
    }

    private void listen() {
        long backoff = 200;
        while (running) {
            if (suspended) {
                listening = false;
                sleep(50);
                continue;
            }
            try (Connection c = connect()) {
                listenerConnection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                clear();
                provenAtNanos = System.nanoTime();
                listening = true;
                backoff = 200;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] got = pg.getNotifications(1000);
                    if (got != null && got.length > 0) {
                        clear();
                    }
                    // a round trip proves the connection is alive (a silently dead one fails within socketTimeout)
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 'factdesk-credential-listener'");
                    }
                    provenAtNanos = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.debugf("Credential listener disconnected (%s); serving credentials from the database", e.getMessage());
                }
            } finally {
                listening = false;
                clear();
                listenerConnection = null;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, Duration.ofSeconds(5).toMillis());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, connection);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
