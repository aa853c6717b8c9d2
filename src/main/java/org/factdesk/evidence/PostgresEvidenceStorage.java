package org.factdesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Keeps bytes in PostgreSQL: one {@code evidence_blob} row per file and its bytes in 256 KiB
 * {@code evidence_blob_chunk} rows, so no read or write ever needs more than one chunk in memory. Staging writes each
 * chunk on a connection of its own (autocommit): a slow client never pins a connection for the whole upload, and the
 * blob stays marked staged until the evidence row's transaction adopts it.
 */
@ApplicationScoped
@Typed(PostgresEvidenceStorage.class)
public class PostgresEvidenceStorage implements EvidenceStorage {

    static final int CHUNK_SIZE = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(PostgresEvidenceStorage.class);

    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;

    /** A blob written but not yet adopted by an evidence row. */
    record StagedBlob(long blobId, long size, String sha256) implements Staged {
    }

    @Override
    public Staged stage(InputStream bytes) throws IOException {
        long blobId = sql("staging an upload", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_blob (size, sha256, chunk_size, "
                    + "created_at, staged_at) VALUES (0, '', ?, ?, ?) RETURNING id")) {
                Timestamp now = Timestamp.from(Clock.now());
                ps.setInt(1, CHUNK_SIZE);
                ps.setTimestamp(2, now);
                ps.setTimestamp(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        try {
            MessageDigest digest = Digests.sha256();
            byte[] buffer = new byte[CHUNK_SIZE];
            long size = 0;
            int chunkNo = 0;
            int n;
            while ((n = bytes.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
                digest.update(buffer, 0, n);
                byte[] data = n == CHUNK_SIZE ? buffer : java.util.Arrays.copyOf(buffer, n);
                int no = chunkNo++;
                sql("staging an upload", c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO evidence_blob_chunk (blob_id, chunk_no, data) VALUES (?, ?, ?)")) {
                        ps.setLong(1, blobId);
                        ps.setInt(2, no);
                        ps.setBytes(3, data);
                        return ps.executeUpdate();
                    }
                });
                size += n;
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            long total = size;
            sql("staging an upload", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE evidence_blob SET size = ?, sha256 = ? WHERE id = ?")) {
                    ps.setLong(1, total);
                    ps.setString(2, sha256);
                    ps.setLong(3, blobId);
                    return ps.executeUpdate();
                }
            });
            return new StagedBlob(blobId, size, sha256);
        } catch (IOException | RuntimeException | Error e) {
            release(new StagedBlob(blobId, 0, ""));
            throw e;
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored commit(Staged staged) throws IOException {
        StagedBlob blob = (StagedBlob) staged;
        // the row lock this takes keeps the sweep (FOR UPDATE SKIP LOCKED) away until the transaction ends
        int adopted = em.createNativeQuery("UPDATE evidence_blob SET staged_at = NULL WHERE id = ?1 AND staged_at IS NOT NULL")
                .setParameter(1, blob.blobId()).executeUpdate();
        if (adopted != 1) {
            throw new IOException("staged upload " + blob.blobId() + " was removed before it was committed");
        }
        return new Stored(String.valueOf(blob.blobId()), blob.size(), blob.sha256());
    }

    @Override
    public void release(Staged staged) {
        long blobId = ((StagedBlob) staged).blobId();
        try {
            sql("releasing a staged upload", c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH b AS (DELETE FROM evidence_blob WHERE id = ? AND staged_at IS NOT NULL RETURNING id)
                        DELETE FROM evidence_blob_chunk c USING b WHERE c.blob_id = b.id""")) {
                    ps.setLong(1, blobId);
                    return ps.executeUpdate();
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not remove staged upload %d now (the sweep will): %s", blobId, e.getMessage());
        }
    }

    /** Deletes blobs staged before {@code cutoff} that no evidence row adopted; returns how many. */
    int sweep(Instant cutoff) throws IOException {
        return sql("sweeping staged uploads", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH b AS (DELETE FROM evidence_blob WHERE id IN (
                                 SELECT id FROM evidence_blob WHERE staged_at < ? FOR UPDATE SKIP LOCKED LIMIT 1000)
                               RETURNING id),
                         c AS (DELETE FROM evidence_blob_chunk c USING b WHERE c.blob_id = b.id)
                    SELECT count(*) FROM b""")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Locks a committed blob's row until the transaction ends, before its rows are repointed and it is dropped. */
    @Transactional(Transactional.TxType.MANDATORY)
    void lockForDrop(String key) throws IOException {
        em.createNativeQuery("SELECT CAST(id AS text) FROM evidence_blob WHERE id = ?1 FOR UPDATE")
                .setParameter(1, blobId(key)).getResultList();
    }

    /** Deletes a committed blob's chunks and row, in the caller's transaction, once its bytes live elsewhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    void drop(String key) throws IOException {
        long blobId = blobId(key);
        em.createNativeQuery("DELETE FROM evidence_blob_chunk WHERE blob_id = ?1").setParameter(1, blobId)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM evidence_blob WHERE id = ?1").setParameter(1, blobId).executeUpdate();
    }

    @Override
    public boolean holds(String key) {
        return key != null && !key.isEmpty() && key.chars().allMatch(Character::isDigit);
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        if (length <= 0) {
            return;
        }
        long blobId = blobId(key);
        int chunkSize = chunkSize(blobId);
        long end = offset + length;
        int first = (int) (offset / chunkSize);
        int last = (int) ((end - 1) / chunkSize);
        for (int chunk = first; chunk <= last; chunk++) {
            // one pooled connection per chunk: a slow client never pins a connection for the whole download
            byte[] data = chunk(blobId, chunk);
            long chunkStart = (long) chunk * chunkSize;
            int from = (int) Math.max(0, offset - chunkStart);
            int to = (int) Math.min(data.length, end - chunkStart);
            if (to > from) {
                out.write(data, from, to - from);
            }
        }
    }

    /** The stored bytes as a stream, one chunk (and one short connection borrow) at a time. */
    InputStream open(String key) throws IOException {
        long blobId = blobId(key);
        chunkSize(blobId);
        return new InputStream() {
            private int next;
            private byte[] current = new byte[0];
            private int pos;
            private boolean done;

            private boolean fill() throws IOException {
                while (!done && pos >= current.length) {
                    byte[] data = chunkOrNull(blobId, next++);
                    if (data == null) {
                        done = true;
                    } else {
                        current = data;
                        pos = 0;
                    }
                }
                return !done || pos < current.length;
            }

            @Override
            public int read() throws IOException {
                return fill() ? current[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public String sha256(String key) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = open(key)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private int chunkSize(long blobId) throws IOException {
        Integer size = sql("reading stored evidence " + blobId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT chunk_size FROM evidence_blob WHERE id = ?")) {
                ps.setLong(1, blobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
        if (size == null) {
            throw new NoSuchFileException("no stored evidence " + blobId);
        }
        return size;
    }

    private byte[] chunk(long blobId, int chunkNo) throws IOException {
        byte[] data = chunkOrNull(blobId, chunkNo);
        if (data == null) {
            throw new IOException("stored evidence " + blobId + " is missing chunk " + chunkNo);
        }
        return data;
    }

    private byte[] chunkOrNull(long blobId, int chunkNo) throws IOException {
        return sql("reading stored evidence " + blobId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT data FROM evidence_blob_chunk WHERE blob_id = ? AND chunk_no = ?")) {
                ps.setLong(1, blobId);
                ps.setInt(2, chunkNo);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    private static long blobId(String key) throws IOException {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IOException("not a PostgreSQL storage key: " + key);
        }
    }

    /** Work on one pooled connection of its own (outside any transaction: autocommit). */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(String what, Work<T> work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IOException(what + " failed", e);
        }
    }
}
