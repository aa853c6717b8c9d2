package org.factdesk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.ClientAddress;

/**
 * The sign-in throttle, all of it in PostgreSQL so every instance enforces the same budgets. Three counters per
 * attempt, each over {@code failure-window}:
 * <ul>
 * <li><b>(account, address)</b>, {@code max-failures}: the lockout. It locks the account only for the address the
 * failures came from, so an attacker cannot lock a user out of another address.</li>
 * <li><b>address</b> (an IPv6 /64), {@code address-max-failures} over all usernames: against password spraying and
 * floods. Once spent, the address gets 429s without a password check for {@code lockout}.</li>
 * <li><b>account</b>, {@code account-max-failures} over all addresses: against guessing one password from many
 * addresses. Once spent, only addresses that signed in to the account within {@code known-address-ttl} may keep
 * trying, so the owner at a usual place is never locked out.</li>
 * </ul>
 * An attempt is counted as a failure when it is let through, before its password is checked (so concurrent
 * attempts cannot all pass the check), and {@link #signedIn} gives the reservation back. Whether to let it through
 * is decided first from a plain read: a throttled attempt takes no lock, writes nothing and runs no bcrypt.
 * Rows for invented usernames are bounded like any other (each let-through attempt adds at most three, an address
 * gets at most {@code address-max-failures} of them per window) and are pruned once expired.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Expired rows one attempt deletes at most (opportunistic pruning, bounded work per request). */
    private static final int PRUNE_BATCH = 200;

    @Inject
    EntityManager em;
    @Inject
    UserRepository users;
    @Inject
    AuthConfig config;

    /** The scopes, in the order their rows are locked (so concurrent attempts never deadlock). */
    enum Scope {
        ADDRESS("A"), PAIR("P"), ACCOUNT("U");

        final String code;

        Scope(String code) {
            this.code = code;
        }
    }

    /** Whether an attempt may check a password. */
    sealed interface Decision permits Allowed, Throttled {
    }

    /** Let through: the active user of that name, if any, whose password is to be checked. */
    record Allowed(Optional<AppUser> user) implements Decision {
    }

    /** Throttled: retry after this many seconds. */
    record Throttled(long retryAfterSeconds, Scope scope) implements Decision {
    }

    /** Decides whether an attempt may check a password; counts it as a failure when it may. */
    @Transactional
    public Decision reserve(String username, String address, Instant now) {
        String[] subjects = subjects(username, address);
        Throttled blocked = blocked(read(subjects, false), username, address, now);
        if (blocked != null) {
            return blocked;
        }
        em.createNativeQuery("""
                INSERT INTO sign_in_throttle (scope, subject, failures, window_start, expires_at)
                VALUES ('A', ?1, 0, ?4, ?4), ('P', ?2, 0, ?4, ?4), ('U', ?3, 0, ?4, ?4)
                ON CONFLICT (scope, subject) DO NOTHING""")
                .setParameter(1, subjects[0]).setParameter(2, subjects[1]).setParameter(3, subjects[2])
                .setParameter(4, now).executeUpdate();
        Row[] rows = read(subjects, true);
        blocked = blocked(rows, username, address, now);
        if (blocked != null) {
            return blocked;
        }
        for (Scope scope : Scope.values()) {
            Row r = rows[scope.ordinal()];
            boolean fresh = r.windowStart().plus(config.failureWindow()).isBefore(now);
            int failures = (fresh ? 0 : r.failures()) + 1;
            Instant windowStart = fresh ? now : r.windowStart();
            Instant blockedUntil = failures >= max(scope) ? now.plus(config.lockout()) : null;
            Instant windowEnd = windowStart.plus(config.failureWindow());
            Instant expires = blockedUntil != null && blockedUntil.isAfter(windowEnd) ? blockedUntil : windowEnd;
            // an upsert: the row may have been pruned since it was read (it had expired)
            em.createNativeQuery("""
                    INSERT INTO sign_in_throttle (scope, subject, failures, window_start, blocked_until, expires_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT (scope, subject) DO UPDATE SET failures = excluded.failures,
                        window_start = excluded.window_start, blocked_until = excluded.blocked_until,
                        expires_at = excluded.expires_at""")
                    .setParameter(1, scope.code).setParameter(2, subjects[scope.ordinal()]).setParameter(3, failures)
                    .setParameter(4, windowStart).setParameter(5, blockedUntil).setParameter(6, expires)
                    .executeUpdate();
        }
        prune(now);
        return new Allowed(users.findByUsername(username).filter(AppUser::active));
    }

    /**
     * A successful sign-in: forgets the (account, address) failures, gives back the reservation on the address and
     * the account, and remembers the address as one the account signs in from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void signedIn(String username, String address, Instant now) {
        String[] subjects = subjects(username, address);
        em.createNativeQuery("DELETE FROM sign_in_throttle WHERE scope = 'P' AND subject = ?1")
                .setParameter(1, subjects[1]).executeUpdate();
        em.createNativeQuery("""
                UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0),
                       blocked_until = CASE WHEN failures - 1 < CASE scope WHEN 'A' THEN ?3 ELSE ?4 END
                                            THEN NULL ELSE blocked_until END
                WHERE (scope = 'A' AND subject = ?1) OR (scope = 'U' AND subject = ?2)""")
                .setParameter(1, subjects[0]).setParameter(2, subjects[2])
                .setParameter(3, config.addressMaxFailures()).setParameter(4, config.accountMaxFailures())
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO sign_in_known_address (username, address, last_signed_in) VALUES (?1, ?2, ?3)
                ON CONFLICT (username, address) DO UPDATE SET last_signed_in = excluded.last_signed_in""")
                .setParameter(1, username).setParameter(2, address).setParameter(3, now).executeUpdate();
    }

    /**
     * Deletes expired rows, a bounded batch at a time; SKIP LOCKED keeps concurrent attempts on any instance from
     * waiting for each other here.
     */
    private void prune(Instant now) {
        em.createNativeQuery("""
                DELETE FROM sign_in_throttle WHERE ctid IN (SELECT ctid FROM sign_in_throttle WHERE expires_at < ?1
                                                            LIMIT ?2 FOR UPDATE SKIP LOCKED)""")
                .setParameter(1, now).setParameter(2, PRUNE_BATCH).executeUpdate();
        em.createNativeQuery("""
                DELETE FROM sign_in_known_address WHERE ctid IN (
                    SELECT ctid FROM sign_in_known_address WHERE last_signed_in < ?1 LIMIT ?2 FOR UPDATE SKIP LOCKED)""")
                .setParameter(1, now.minus(config.knownAddressTtl())).setParameter(2, PRUNE_BATCH).executeUpdate();
    }

    private record Row(int failures, Instant windowStart, Instant blockedUntil) {
        static final Row NONE = new Row(0, Instant.EPOCH, null);
    }

    /** The rows of the three subjects, in {@link Scope} order ({@link Row#NONE} where there is none). */
    private Row[] read(String[] subjects, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("""
                SELECT scope, failures, window_start, blocked_until FROM sign_in_throttle
                WHERE (scope = 'A' AND subject = ?1) OR (scope = 'P' AND subject = ?2) OR (scope = 'U' AND subject = ?3)
                ORDER BY scope""" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, subjects[0]).setParameter(2, subjects[1]).setParameter(3, subjects[2])
                .getResultList();
        Row[] rows = { Row.NONE, Row.NONE, Row.NONE };
        for (Object[] f : found) {
            Scope scope = switch (f[0].toString()) {
                case "A" -> Scope.ADDRESS;
                case "P" -> Scope.PAIR;
                default -> Scope.ACCOUNT;
            };
            rows[scope.ordinal()] = new Row(((Number) f[1]).intValue(), instant(f[2]), instant(f[3]));
        }
        return rows;
    }

    /** The first block in force for this attempt, or null. */
    private Throttled blocked(Row[] rows, String username, String address, Instant now) {
        for (Scope scope : Scope.values()) {
            Instant until = rows[scope.ordinal()].blockedUntil();
            if (until != null && until.isAfter(now)
                    && (scope != Scope.ACCOUNT || !knownAddress(username, address, now))) {
                return new Throttled(Math.max(1, Duration.between(now, until).toSeconds() + 1), scope);
            }
        }
        return null;
    }

    private boolean knownAddress(String username, String address, Instant now) {
        return !em.createNativeQuery("""
                SELECT 1 FROM sign_in_known_address WHERE username = ?1 AND address = ?2 AND last_signed_in >= ?3""")
                .setParameter(1, username).setParameter(2, address).setParameter(3, now.minus(config.knownAddressTtl()))
                .getResultList().isEmpty();
    }

    private int max(Scope scope) {
        return switch (scope) {
            case ADDRESS -> config.addressMaxFailures();
            case PAIR -> config.maxFailures();
            case ACCOUNT -> config.accountMaxFailures();
        };
    }

    /** See {@link ClientAddress#subject}. */
    static String addressSubject(String hostAddress) {
        return ClientAddress.subject(hostAddress);
    }

    /** Subjects in {@link Scope} order; a space cannot occur in a client address, so the pair key is unambiguous. */
    private static String[] subjects(String username, String address) {
        return new String[] { address, address + " " + username, username };
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
