package org.factdesk.identity;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Resolves bearer secrets (API keys, session tokens) to principals: from {@link CredentialCache} when it vouches for
 * them (no database round trip), else with one indexed lookup of their SHA-256; never password hashing and no ORM
 * session on the per-request path.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    private static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);
    /** A key's cache entry is re-read at least this often even without notifications (bounds what memory holds). */
    private static final Duration KEY_REREAD = Duration.ofMinutes(10);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CredentialCache cache;

    /** When each key's last use was last written, so a key in steady use costs one UPDATE a minute, off the request. */
    private final Map<Long, Instant> lastUseWritten = new ConcurrentHashMap<>();
    private final ExecutorService lastUseWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "factdesk-key-last-use");
        t.setDaemon(true);
        return t;
    });

    /** Who a request acts as; {@code apiKeyId} for API keys (to record their last use), else null. */
    public record Principal(String name, String displayName, Set<String> roles, String method, Long apiKeyId) {
    }

    /** A principal already in memory for this secret, or empty (no I/O: safe on the event loop). */
    public Optional<Principal> cached(boolean apiKey, String token) {
        Optional<Principal> p = cache.cached(key(apiKey, token));
        p.ifPresent(this::noteUse);
        return p;
    }

    public Optional<Principal> apiKey(String token) throws SQLException {
        Optional<Principal> p = cache.get(key(true, token), () -> loadApiKey(token));
        p.ifPresent(this::noteUse);
        return p;
    }

    public Optional<Principal> session(String token) throws SQLException {
        return cache.get(key(false, token), () -> loadSession(token));
    }

    private static String key(boolean apiKey, String token) {
        return (apiKey ? "k:" : "s:") + HexFormat.of().formatHex(Tokens.hash(token));
    }

    private Optional<CredentialCache.Loaded> loadApiKey(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, name, role, last_used_at FROM api_key WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, Tokens.hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                Timestamp lastUsed = rs.getTimestamp(4);
                if (lastUsed != null) {
                    lastUseWritten.putIfAbsent(id, lastUsed.toInstant());
                }
                Principal p = new Principal(Actor.API_KEY_PREFIX + id, rs.getString(2), Set.of(rs.getString(3)),
                        "api-key", id);
                return Optional.of(new CredentialCache.Loaded(p, Instant.now().plus(KEY_REREAD)));
            }
        }
    }

    private Optional<CredentialCache.Loaded> loadSession(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT u.username, u.display_name, u.roles, s.expires_at FROM user_session s
                        JOIN app_user u ON u.id = s.user_id
                        WHERE s.token_hash = ? AND s.expires_at > now() AND u.active""")) {
            ps.setBytes(1, Tokens.hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array roles = rs.getArray(3);
                Set<String> set = new TreeSet<>(List.of((String[]) roles.getArray()));
                Principal p = new Principal(rs.getString(1), rs.getString(2), set, "session", null);
                return Optional.of(new CredentialCache.Loaded(p, rs.getTimestamp(4).toInstant()));
            }
        }
    }

    /** Records an API key's last use at most once a minute, on a background thread. */
    private void noteUse(Principal p) {
        if (p.apiKeyId() == null) {
            return;
        }
        Instant now = Instant.now();
        Instant written = lastUseWritten.get(p.apiKeyId());
        if (written != null && written.isAfter(now.minus(LAST_USE_GRANULARITY))) {
            return;
        }
        if (written == null ? lastUseWritten.putIfAbsent(p.apiKeyId(), now) != null
                : !lastUseWritten.replace(p.apiKeyId(), written, now)) {
            return;
        }
        lastUseWriter.execute(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement up = c.prepareStatement("UPDATE api_key SET last_used_at = now() WHERE id = ?")) {
                up.setLong(1, p.apiKeyId());
                up.executeUpdate();
            } catch (SQLException e) {
                LOG.debugf("Could not record the last use of API key %d: %s", p.apiKeyId(), e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        lastUseWriter.shutdown();
    }
}
