package org.factdesk.evidence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.common.AdvisoryLocks;
import org.factdesk.common.Clock;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The periodic sweep of what failed or interrupted uploads left behind, older than
 * {@code factdesk.evidence.cleanup.after}: staged PostgreSQL blobs no row adopted, unfinished multipart uploads and
 * temporary objects in the bucket, and content objects whose evidence row never committed. Instances take turns
 * through a PostgreSQL advisory lock; each deletion of a content object happens under that object's own lock and
 * only while no evidence row references it, so an upload adopting the same bytes at that moment is never robbed.
 */
@ApplicationScoped
public class EvidenceCleanup {

    /** The sweep's key within the evidence-storage lock space ({@code AdvisoryLocks.EVIDENCE_STORAGE}). */
    private static final int SWEEP_LOCK = 0;
    private static final Logger LOG = Logger.getLogger(EvidenceCleanup.class);

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

    /** What one sweep removed; {@code ran} is false when another instance was sweeping. */
    public record Swept(boolean ran, int stagedBlobs, int multipartUploads, int temporaryObjects, int orphanObjects) {
    }

    @Scheduled(every = "${factdesk.evidence.cleanup.every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Swept swept = sweep(Clock.now().minus(config.cleanup().after()));
            if (swept.stagedBlobs() + swept.multipartUploads() + swept.temporaryObjects() + swept.orphanObjects() > 0) {
                LOG.infof("Evidence sweep removed %s", swept);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Evidence sweep failed (next run retries): %s", e.getMessage());
        }
    }

    /** Removes what uploads begun before {@code cutoff} left behind, unless another instance is sweeping. */
    public Swept sweep(Instant cutoff) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return new Swept(false, 0, 0, 0, 0);
            }
            try {
                int blobs = postgres.sweep(cutoff);
                int uploads = 0;
                int temporaries = 0;
                int orphans = 0;
                if (s3.configured()) {
                    uploads = s3.abortStaleUploads(cutoff);
                    temporaries = s3.deleteStaleTemporaries(cutoff);
                    orphans = deleteOrphans(cutoff);
                }
                return new Swept(true, blobs, uploads, temporaries, orphans);
            } finally {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    ps.setInt(1, AdvisoryLocks.EVIDENCE_STORAGE);
                    ps.setInt(2, SWEEP_LOCK);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw new IOException("evidence sweep failed", e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, AdvisoryLocks.EVIDENCE_STORAGE);
            ps.setInt(2, SWEEP_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int deleteOrphans(Instant cutoff) throws IOException {
        @SuppressWarnings("unchecked")
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT object_key FROM evidence_object_pending WHERE created_at < ?1 ORDER BY created_at LIMIT 1000")
                .setParameter(1, cutoff).getResultList());
        int deleted = 0;
        for (String key : keys) {
            boolean removed = QuarkusTransaction.requiringNew().call(() -> {
                s3.lockContent(key);
                // a statement of its own after the lock: sees every evidence row that committed before it
                boolean referenced = !em.createNativeQuery("SELECT 1 FROM evidence WHERE storage_key = ?1 LIMIT 1")
                        .setParameter(1, key).getResultList().isEmpty();
                int still = em.createNativeQuery(
                        "DELETE FROM evidence_object_pending WHERE object_key = ?1 AND created_at < ?2")
                        .setParameter(1, key).setParameter(2, cutoff).executeUpdate();
                if (still == 1 && !referenced) {
                    s3.delete(key);
                    return true;
                }
                return false;
            });
            if (removed) {
                deleted++;
            }
        }
        return deleted;
    }
}
