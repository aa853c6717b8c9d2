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
     * stored response visible.
     *
     * <p>In READ COMMITTED a statement reads the snapshot taken when it began, so a lookup in the locking statement
     * can miss a response that committed while the statement ran, then take the freed lock: the request runs a second
     * time. When the request's write is undone with this transaction ({@code undoable}) that is harmless and the
     * lookup shares the statement: {@link #complete} finds the entry, and the caller rolls back and replays it. When
     * it is not (an upload or an import that commits in steps of its own), the lookup is a second statement, which
     * sees everything committed before the lock was taken.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lookup begin(String caller, String key, boolean undoable) {
        if (undoable) {
            Object[] row = (Object[]) em.createNativeQuery("""
                    SELECT pg_try_advisory_xact_lock(?1, hashtext(?2 || ' ' || ?3)), k.fingerprint, k.status,
                           k.location, k.etag, k.content_type, k.body
                    FROM (VALUES (1)) AS one LEFT JOIN idempotency_key k
                         ON k.caller = ?2 AND k.idempotency_key = ?3 AND k.expires_at > now()""")
                    .setParameter(1, AdvisoryLocks.IDEMPOTENCY).setParameter(2, caller).setParameter(3, key)
                    .getSingleResult();
            if (row[1] != null) {
                return new Completed(stored(row, 1));
            }
            return Boolean.TRUE.equals(row[0]) ? new Free() : new Running();
        }
        boolean locked = Boolean.TRUE.equals(em.createNativeQuery(
                        "SELECT pg_try_advisory_xact_lock(?1, hashtext(?2 || ' ' || ?3))")
                .setParameter(1, AdvisoryLocks.IDEMPOTENCY).setParameter(2, caller).setParameter(3, key)
                .getSingleResult());
        Optional<Stored> done = find(caller, key);
        if (done.isPresent()) {
            return new Completed(done.get());
        }
        return locked ? new Free() : new Running();
    }

    /**
     * Stores the response in the transaction that made it, so it commits with the write or not at all; an expired
     * entry for the key gives way. Returns the response of an earlier request that completed with this key after
     * {@link #begin} looked (possible only when it looked in its locking statement): the caller must then undo its
     * write and answer with that one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Stored> complete(String caller, String key, Stored response) {
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
        if (stored == 1) {
            return Optional.empty();
        }
        // a live entry and this transaction holds the key: it committed between begin's snapshot and its lock
        return Optional.of(find(caller, key).orElseThrow(
                () -> new IllegalStateException("Idempotency-Key entry neither stored nor found")));
    }

    private Optional<Stored> find(String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT fingerprint, status, location, etag, content_type, body FROM idempotency_key
                WHERE caller = ?1 AND idempotency_key = ?2 AND expires_at > now()""")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(row -> stored(row, 0));
    }

    private static Stored stored(Object[] row, int from) {
        return new Stored((byte[]) row[from], ((Number) row[from + 1]).intValue(), (String) row[from + 2],
                (String) row[from + 3], (String) row[from + 4], (byte[]) row[from + 5]);
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
