package org.factdesk.evidence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.common.AdvisoryLocks;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.Clock;
import org.factdesk.common.ProblemException;
import org.factdesk.evidence.EvidenceStorageConfig.Kind;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Moves the bytes of existing evidence from PostgreSQL to the bucket, one file at a time and in its own transaction:
 * the file is streamed to the bucket through the same path as an upload (temporary key, content key under the hash
 * lock), the object is read back and its SHA-256 compared with the recorded one, and only then, in one transaction,
 * do the evidence rows point at the object and the chunks go. A crash or a pause between two files loses nothing, in
 * the middle of one leaves staged objects for the sweep; running it again (idempotent) carries on with what is left,
 * since what is left is read from the evidence table itself. One run at a time across instances: the running one
 * holds a session advisory lock, which dies with its connection. Start and end are audited on the system chain.
 */
@ApplicationScoped
public class EvidenceMigration {

    private static final int MIGRATION_LOCK = 1;
    private static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(EvidenceMigration.class);

    @Inject
    EvidenceStorageConfig config;
    @Inject
    PostgresEvidenceStorage postgres;
    @Inject
    S3EvidenceStorage s3;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "evidence-migration");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> running;

    /**
     * Where the move stands. {@code state} is NOT_STARTED, RUNNING, PAUSED, FINISHED or INTERRUPTED (it was running
     * and its instance went away: start it again).
     */
    public record Status(String state, boolean active, Instant startedAt, String startedBy, Instant finishedAt,
            long movedFiles, long movedBytes, long failedFiles, String lastError, long remainingFiles,
            long remainingBytes, long filesInObjectStorage) {
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Starts (or resumes) the move; when it is running already, anywhere, says so and changes nothing. */
    public Status start(CurrentUser user) {
        user.require("Only administrators move evidence between storages", Role.ADMIN);
        if (config.storage() != Kind.S3 || !s3.configured()) {
            throw ProblemException.conflict("Object storage is not in use",
                    "Set factdesk.evidence.storage=s3 and factdesk.evidence.s3.bucket before moving evidence there");
        }
        Connection lock;
        try {
            lock = dataSource.getConnection();
            if (!lock(lock, "pg_try_advisory_lock")) {
                lock.close();
                return status();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the migration lock", e);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Remaining left = remaining();
                em.createNativeQuery("""
                        INSERT INTO evidence_migration (id, state, started_at, started_by, updated_at)
                        VALUES (1, 'RUNNING', ?1, ?2, ?1)
                        ON CONFLICT (id) DO UPDATE SET state = 'RUNNING', started_at = ?1, started_by = ?2,
                            updated_at = ?1, finished_at = NULL, moved_files = 0, moved_bytes = 0, failed_files = 0,
                            last_error = NULL""")
                        .setParameter(1, Clock.now()).setParameter(2, user.name()).executeUpdate();
                audit.record(null, user.name(), new EvidenceEvent.MigrationStarted(left.files(), left.bytes(),
                        s3.bucket()));
            });
            String startedBy = user.name();
            running = worker.submit(() -> run(lock, startedBy));
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
        return status();
    }

    /** Pauses the move after (or, on this instance, in the middle of) the current file; start resumes it. */
    public Status pause(CurrentUser user) {
        user.require("Only administrators move evidence between storages", Role.ADMIN);
        boolean paused = QuarkusTransaction.requiringNew().call(() -> {
            int n = em.createNativeQuery("UPDATE evidence_migration SET state = 'PAUSED', updated_at = ?1 "
                    + "WHERE id = 1 AND state = 'RUNNING'").setParameter(1, Clock.now()).executeUpdate();
            if (n == 1) {
                audit.record(null, user.name(), new EvidenceEvent.MigrationPaused(remaining().files()));
            }
            return n == 1;
        });
        Future<?> job = running;
        if (paused && job != null) {
            // as abrupt as a crash for the file in flight: its transaction has not committed, so nothing is lost
            job.cancel(true);
        }
        return status();
    }

    public Status status(CurrentUser user) {
        user.require("Only administrators and auditors see the evidence migration", Role.ADMIN, Role.AUDITOR);
        return status();
    }

    Status status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Remaining left = remaining();
            Object[] inBucket = (Object[]) em.createNativeQuery("SELECT count(*), 0 FROM evidence "
                    + "WHERE kind = 'FILE' AND storage_key LIKE 'sha256/%'").getSingleResult();
            boolean active = !em.createNativeQuery("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND classid = ?1 AND objid = ?2 AND objsubid = 2 AND granted")
                    .setParameter(1, AdvisoryLocks.EVIDENCE_STORAGE).setParameter(2, MIGRATION_LOCK)
                    .getResultList().isEmpty();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT state, started_at, started_by, finished_at, "
                    + "moved_files, moved_bytes, failed_files, last_error FROM evidence_migration WHERE id = 1")
                    .getResultList();
            long stored = ((Number) inBucket[0]).longValue();
            if (rows.isEmpty()) {
                return new Status("NOT_STARTED", active, null, null, null, 0, 0, 0, null, left.files(), left.bytes(),
                        stored);
            }
            Object[] r = rows.get(0);
            String state = (String) r[0];
            if ("RUNNING".equals(state) && !active) {
                state = "INTERRUPTED";
            }
            return new Status(state, active, instant(r[1]), (String) r[2], instant(r[3]), ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), (String) r[7], left.files(),
                    left.bytes(), stored);
        });
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }

    private record Remaining(long files, long bytes) {
    }

    private Remaining remaining() {
        Object[] r = (Object[]) em.createNativeQuery("SELECT count(*), coalesce(sum(size), 0) FROM evidence "
                + "WHERE kind = 'FILE' AND storage_key ~ '^[0-9]+$'").getSingleResult();
        return new Remaining(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    private void run(Connection lock, String startedBy) {
        try {
            long cursor = 0;
            while (true) {
                if (Thread.currentThread().isInterrupted() || !stillRunning()) {
                    return;
                }
                List<Object[]> batch = batch(cursor);
                if (batch.isEmpty()) {
                    finish(startedBy);
                    return;
                }
                for (Object[] blob : batch) {
                    cursor = ((Number) blob[0]).longValue();
                    try {
                        move(cursor, (String) blob[2]);
                    } catch (IOException | RuntimeException e) {
                        if (Thread.currentThread().isInterrupted() || !stillRunning()) {
                            return;
                        }
                        failed(cursor, e);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Evidence migration stopped");
        } finally {
            closeQuietly(lock);
        }
    }

    private boolean stillRunning() {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM evidence_migration WHERE id = 1 AND state = 'RUNNING'").getResultList().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> batch(long after) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT b.id, b.size, b.sha256 FROM evidence_blob b
                WHERE b.id > ?1 AND b.staged_at IS NULL
                  AND EXISTS (SELECT 1 FROM evidence e WHERE e.storage_key = CAST(b.id AS text))
                ORDER BY b.id LIMIT ?2""").setParameter(1, after).setParameter(2, BATCH).getResultList());
    }

    /** Moves one blob: stream to the bucket, check the hash, read the object back, then repoint and drop. */
    void move(long blobId, String recordedSha256) throws IOException {
        String key = String.valueOf(blobId);
        EvidenceStorage.Staged staged = s3.stage(postgres.open(key));
        try {
            if (!staged.sha256().equals(recordedSha256)) {
                throw new IOException("the bytes of blob " + blobId + " hash to " + staged.sha256()
                        + ", not the recorded " + recordedSha256 + "; left in PostgreSQL");
            }
            // the object is read back inside the transaction: give it time for that at a slow 10 MiB/s
            int timeout = (int) Math.min(Integer.MAX_VALUE, 60 + staged.size() / (10L * 1024 * 1024));
            try {
                QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
                    EvidenceStorage.Stored stored = s3.commitVerified(staged);
                    postgres.lockForDrop(key);
                    em.createNativeQuery("UPDATE evidence SET storage_key = ?1 WHERE storage_key = ?2")
                            .setParameter(1, stored.key()).setParameter(2, key).executeUpdate();
                    postgres.drop(key);
                    em.createNativeQuery("UPDATE evidence_migration SET moved_files = moved_files + 1, "
                            + "moved_bytes = moved_bytes + ?1, updated_at = ?2 WHERE id = 1")
                            .setParameter(1, stored.size()).setParameter(2, Clock.now()).executeUpdate();
                    return stored;
                });
            } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        } finally {
            s3.release(staged);
        }
    }

    private void failed(long blobId, Exception e) {
        LOG.warnf("Evidence migration could not move blob %d: %s", blobId, e.getMessage());
        String message = ("blob " + blobId + ": " + e.getMessage());
        String error = message.length() > 2000 ? message.substring(0, 2000) : message;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE evidence_migration SET "
                + "failed_files = failed_files + 1, last_error = ?1, updated_at = ?2 WHERE id = 1")
                .setParameter(1, error).setParameter(2, Clock.now()).executeUpdate());
    }

    private void finish(String startedBy) {
        QuarkusTransaction.requiringNew().run(() -> {
            int n = em.createNativeQuery("UPDATE evidence_migration SET state = 'FINISHED', finished_at = ?1, "
                    + "updated_at = ?1 WHERE id = 1 AND state = 'RUNNING'").setParameter(1, Clock.now())
                    .executeUpdate();
            if (n == 1) {
                Object[] r = (Object[]) em.createNativeQuery("SELECT moved_files, moved_bytes, failed_files "
                        + "FROM evidence_migration WHERE id = 1").getSingleResult();
                audit.record(null, startedBy, new EvidenceEvent.MigrationFinished(((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), remaining().files()));
            }
        });
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, AdvisoryLocks.EVIDENCE_STORAGE);
            ps.setInt(2, MIGRATION_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            // closing returns it to the pool, where the session lock would live on: unlock first
            lock(c, "pg_advisory_unlock");
            c.close();
        } catch (SQLException e) {
            LOG.debugf("closing the migration lock connection: %s", e.getMessage());
        }
    }
}
