package org.factdesk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Password sign-in with per-account throttling kept in PostgreSQL (so every instance sees the same counters), and
 * server-side sessions that sign-out really ends.
 */
@ApplicationScoped
public class LoginService {

    /** Verified against when the user is unknown, so both failures cost the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("factdesk-timing-equaliser", 10);

    @Inject
    EntityManager em;
    @Inject
    UserRepository users;
    @Inject
    AuthConfig config;
    @Inject
    CredentialCache credentials;

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {
    }

    /** Signed in: the session secret for the cookie. */
    public record SignedIn(AppUser user, String sessionToken, Duration ttl) implements Outcome {
    }

    /** Wrong username or password (deliberately indistinguishable). */
    public record Rejected() implements Outcome {
    }

    /** Too many failures: retry after this many seconds. */
    public record Locked(long retryAfterSeconds) implements Outcome {
    }

    @Transactional
    public Outcome login(String username, String password) {
        String key = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        key = key.length() > 200 ? key.substring(0, 200) : key;
        Instant now = Clock.now();
        em.createNativeQuery("""
                INSERT INTO login_failure (username, failures, window_start) VALUES (?1, 0, ?2)
                ON CONFLICT (username) DO NOTHING""").setParameter(1, key).setParameter(2, now).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT failures, window_start, locked_until FROM login_failure WHERE username = ?1 FOR UPDATE")
                .setParameter(1, key).getResultList();
        Object[] row = rows.get(0);
        Instant lockedUntil = instant(row[2]);
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return new Locked(Math.max(1, Duration.between(now, lockedUntil).toSeconds() + 1));
        }
        Optional<AppUser> user = users.findByUsername(key).filter(AppUser::active);
        String given = password == null ? "" : password;
        boolean ok;
        if (user.isPresent()) {
            ok = user.get().passwordMatches(given);
        } else {
            BcryptUtil.matches(given, DUMMY_HASH);
            ok = false;
        }
        if (ok) {
            em.createNativeQuery("DELETE FROM login_failure WHERE username = ?1").setParameter(1, key).executeUpdate();
            String token = Tokens.newToken("");
            em.createNativeQuery("""
                    INSERT INTO user_session (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, Tokens.hash(token)).setParameter(2, user.get().id()).setParameter(3, now)
                    .setParameter(4, now.plus(config.sessionTtl())).executeUpdate();
            em.createNativeQuery("DELETE FROM user_session WHERE expires_at < ?1").setParameter(1, now).executeUpdate();
            return new SignedIn(user.get(), token, config.sessionTtl());
        }
        int failures = ((Number) row[0]).intValue();
        Instant windowStart = instant(row[1]);
        if (windowStart.plus(config.failureWindow()).isBefore(now)) {
            failures = 0;
            windowStart = now;
        }
        failures++;
        if (failures >= config.maxFailures()) {
            em.createNativeQuery(
                    "UPDATE login_failure SET failures = 0, window_start = ?2, locked_until = ?3 WHERE username = ?1")
                    .setParameter(1, key).setParameter(2, now).setParameter(3, now.plus(config.lockout()))
                    .executeUpdate();
        } else {
            em.createNativeQuery("UPDATE login_failure SET failures = ?2, window_start = ?3 WHERE username = ?1")
                    .setParameter(1, key).setParameter(2, failures).setParameter(3, windowStart).executeUpdate();
        }
        return new Rejected();
    }

    @Transactional
    public void logout(String sessionToken) {
        em.createNativeQuery("DELETE FROM user_session WHERE token_hash = ?1")
                .setParameter(1, Tokens.hash(sessionToken)).executeUpdate();
        credentials.announceChange(em);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
