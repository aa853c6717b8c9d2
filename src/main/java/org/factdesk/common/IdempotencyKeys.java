package org.factdesk.common;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * The stored responses of requests sent with an {@code Idempotency-Key}, in PostgreSQL so that a retry reaching
 * another instance finds them. A key belongs to the caller who sent it: the same key from someone else is another
 * request.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Longest key accepted; the draft leaves it open and UUIDs or ULIDs fit many times over. */
    public static final int MAX_LENGTH = 255;

    @Inject
    EntityManager em;
    @Inject
    IdempotencyConfig config;

    /** A response as it was answered, with the fingerprint of the request that produced it. */
    public record Stored(byte[] fingerprint, int status, String location, String etag, String contentType, byte[] body) {
    }

    /** What a key is doing when a request with it begins. */
    public sealed interface Lookup {
    }

    /** Nobody holds the key and nothing is stored: this request runs, holding it until its transaction ends. */
    public record Free() implements Lookup {
    }

    /** Another request with this key is running now. */
    public record Running() implements Lookup {
    }

    /** An earlier request with this key completed. */
    public record Completed(Stored response) implements Lookup {
    }

    /**
     * Takes the key for this transaction, or says why not. The transaction-scoped advisory lock makes a concurrent
     * duplicate see {@link Running} at once instead of executing too, and it is released by the commit that makes the
     * stored response visible. The lookup is a second statement on purpose: in READ COMMITTED a statement reads the
     * snapshot taken when it began, so a lookup in the locking statement could miss a response committed while it
     * waited for the lock and then take the freed lock, run the request again and fail on the stored entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lookup begin(String caller, String key) {
        boolean locked = Boolean.TRUE.equals(em.createNativeQuery(
                        "SELECT pg_try_advisory_xact_lock(?1, hashtext(?2 || ' ' || ?3))")
                .setParameter(1, AdvisoryLocks.IDEMPOTENCY).setParameter(2, caller).setParameter(3, key)
                .getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT fingerprint, status, location, etag, content_type, body FROM idempotency_key
                WHERE caller = ?1 AND idempotency_key = ?2 AND expires_at > now()""")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (!rows.isEmpty()) {
            Object[] row = rows.get(0);
            return new Completed(new Stored((byte[]) row[0], ((Number) row[1]).intValue(), (String) row[2],
                    (String) row[3], (String) row[4], (byte[]) row[5]));
        }
        return locked ? new Free() : new Running();
    }

    /**
     * Stores the response in the transaction that made it, so it commits with the write or not at all; an expired
     * entry for the key gives way.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String caller, String key, Stored response) {
        int stored = em.createNativeQuery("""
                INSERT INTO idempotency_key AS k (caller, idempotency_key, fingerprint, status, location, etag,
                       content_type, body, completed_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, clock_timestamp(), now() + make_interval(secs => ?9))
                ON CONFLICT (caller, idempotency_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                       status = EXCLUDED.status, location = EXCLUDED.location, etag = EXCLUDED.etag,
                       content_type = EXCLUDED.content_type, body = EXCLUDED.body,
                       completed_at = EXCLUDED.completed_at, expires_at = EXCLUDED.expires_at
                WHERE k.expires_at <= now()""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, response.fingerprint())
                .setParameter(4, response.status()).setParameter(5, response.location())
                .setParameter(6, response.etag()).setParameter(7, response.contentType())
                .setParameter(8, response.body()).setParameter(9, (double) config.retention().toSeconds())
                .executeUpdate();
        if (stored == 0) {
            // begin() held the key, so a live entry cannot have appeared; never commit a write without its answer
            throw new IllegalStateException("Idempotency-Key entry appeared while its key was held");
        }
    }

    /** Any instance may sweep; the delete is the same whoever runs it. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE expires_at <= now()").executeUpdate();
    }

    /**
     * The key of a request, if it sent one. The draft defines the field as a Structured Field string
     * ({@code "8e03978e-40d5"}); a bare token is accepted as well, because many clients send UUIDs unquoted.
     */
    public static Optional<String> parse(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        if (lines.size() > 1) {
            throw invalid("Send one Idempotency-Key header");
        }
        String value = lines.get(0).strip();
        String key;
        if (value.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            int i = 1;
            for (; i < value.length() && value.charAt(i) != '"'; i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= value.length() || (value.charAt(i + 1) != '"' && value.charAt(i + 1) != '\\')) {
                        throw invalid("Idempotency-Key has a bad escape; only \\\" and \\\\ are allowed in a string");
                    }
                    c = value.charAt(++i);
                }
                b.append(c);
            }
            if (i != value.length() - 1) {
                throw invalid("Idempotency-Key must be one quoted string, for example \"8e03978e-40d5-43e8\"");
            }
            key = b.toString();
        } else {
            key = value;
            if (key.indexOf(' ') >= 0 || key.indexOf(',') >= 0 || key.indexOf('"') >= 0) {
                throw invalid("Idempotency-Key must be one quoted string, for example \"8e03978e-40d5-43e8\"");
            }
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw invalid("Idempotency-Key must have 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw invalid("Idempotency-Key may only hold printable ASCII characters");
            }
        }
        return Optional.of(key);
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.invalidParameters(List.of(new ProblemException.FieldError(Idempotent.HEADER, detail)));
    }
}
