package org.factdesk.identity;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Resolves bearer secrets (API keys, session tokens) to principals with one indexed lookup of their SHA-256: no
 * password hashing and no ORM session on the per-request path.
 */
@ApplicationScoped
public class Authenticator {

    private static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

    @Inject
    AgroalDataSource dataSource;

    /** Who a request acts as. */
    public record Principal(String name, String displayName, Set<String> roles, String method) {
    }

    public Optional<Principal> apiKey(String token) throws SQLException {
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
                if (lastUsed == null || lastUsed.toInstant().isBefore(Instant.now().minus(LAST_USE_GRANULARITY))) {
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE api_key SET last_used_at = now() WHERE id = ?")) {
                        up.setLong(1, id);
                        up.executeUpdate();
                    }
                }
                return Optional.of(new Principal("apikey:" + id, rs.getString(2), Set.of(rs.getString(3)), "api-key"));
            }
        }
    }

    public Optional<Principal> session(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT u.username, u.display_name, u.roles FROM user_session s
                        JOIN app_user u ON u.id = s.user_id
                        WHERE s.token_hash = ? AND s.expires_at > now() AND u.active""")) {
            ps.setBytes(1, Tokens.hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array roles = rs.getArray(3);
                Set<String> set = new TreeSet<>(java.util.List.of((String[]) roles.getArray()));
                return Optional.of(new Principal(rs.getString(1), rs.getString(2), set, "session"));
            }
        }
    }
}
