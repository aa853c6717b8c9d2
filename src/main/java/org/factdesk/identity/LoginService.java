package org.factdesk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Password sign-in, throttled by account and by client address before any password is checked (see
 * {@link SignInThrottle}; all counters in PostgreSQL, so every instance sees the same ones), and server-side
 * sessions that sign-out really ends. The bcrypt check runs outside any transaction, so a slow hash holds neither a
 * pooled connection nor a row lock.
 */
@ApplicationScoped
public class LoginService {

    /** Verified against when the user is unknown, so both failures cost the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("factdesk-timing-equaliser", 10);

    @Inject
    EntityManager em;
    @Inject
    SignInThrottle throttle;
    @Inject
    AuthConfig config;
    @Inject
    CredentialCache credentials;
    @Inject
    MeterRegistry registry;

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {
    }

    /** Signed in: the session secret for the cookie. */
    public record SignedIn(AppUser user, String sessionToken, Duration ttl) implements Outcome {
    }

    /** Wrong username or password (deliberately indistinguishable). */
    public record Rejected() implements Outcome {
    }

    /** Too many failures: retry after this many seconds; {@code detail} says which budget is spent. */
    public record Locked(long retryAfterSeconds, String detail) implements Outcome {
    }

    /**
     * One sign-in attempt from the given client address (the socket peer, or the forwarded address when
     * {@code quarkus.http.proxy.*} forwarding is configured).
     */
    public Outcome login(String username, String password, String clientAddress) {
        String normalized = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String key = normalized.length() > 200 ? normalized.substring(0, 200) : normalized;
        String address = SignInThrottle.addressSubject(clientAddress);
        Instant now = Clock.now();
        SignInThrottle.Decision decision = throttle.reserve(key, address, now);
        if (decision instanceof SignInThrottle.Throttled t) {
            registry.counter("factdesk.sign_in.attempts", "outcome", "throttled", "scope",
                    t.scope().name().toLowerCase(Locale.ROOT)).increment();
            return new Locked(t.retryAfterSeconds(), switch (t.scope()) {
                case PAIR -> "Too many failed sign-ins for this account from your address";
                case ADDRESS -> "Too many failed sign-ins from your address";
                case ACCOUNT -> "Too many failed sign-ins for this account; signing in from a place you used before "
                        + "still works";
            } + "; retry in " + t.retryAfterSeconds() + " s");
        }
        Optional<AppUser> user = ((SignInThrottle.Allowed) decision).user();
        String given = password == null ? "" : password;
        registry.counter("factdesk.sign_in.password_checks").increment();
        boolean ok;
        if (user.isPresent()) {
            ok = user.get().passwordMatches(given);
        } else {
            BcryptUtil.matches(given, DUMMY_HASH);
            ok = false;
        }
        if (!ok) {
            registry.counter("factdesk.sign_in.attempts", "outcome", "rejected", "scope", "none").increment();
            return new Rejected();
        }
        String token = QuarkusTransaction.requiringNew().call(() -> startSession(user.get(), key, address, now));
        registry.counter("factdesk.sign_in.attempts", "outcome", "signed_in", "scope", "none").increment();
        return new SignedIn(user.get(), token, config.sessionTtl());
    }

    private String startSession(AppUser user, String key, String address, Instant now) {
        throttle.signedIn(key, address, now);
        String token = Tokens.newToken("");
        em.createNativeQuery("""
                INSERT INTO user_session (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, Tokens.hash(token)).setParameter(2, user.id()).setParameter(3, now)
                .setParameter(4, now.plus(config.sessionTtl())).executeUpdate();
        em.createNativeQuery("DELETE FROM user_session WHERE expires_at < ?1").setParameter(1, now).executeUpdate();
        return token;
    }

    @Transactional
    public void logout(String sessionToken) {
        em.createNativeQuery("DELETE FROM user_session WHERE token_hash = ?1")
                .setParameter(1, Tokens.hash(sessionToken)).executeUpdate();
        credentials.announceChange(em);
    }
}
