package org.factdesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;
import org.hibernate.Session;

import io.agroal.api.AgroalDataSource;

/**
 * Keeps bytes in PostgreSQL: one {@code evidence_blob} row per file and its bytes in 256 KiB
 * {@code evidence_blob_chunk} rows, so no read ever needs more than one chunk in memory.
 */
@ApplicationScoped
public class PostgresEvidenceStorage implements EvidenceStorage {

    static final int CHUNK_SIZE = 256 * 1024;

    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored store(InputStream bytes) throws IOException {
        try {
            return em.unwrap(Session.class).doReturningWork(connection -> {
                try {
                    return store(connection, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Stored store(Connection connection, InputStream bytes) throws SQLException, IOException {
        long blobId;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO evidence_blob (size, sha256, chunk_size, created_at) VALUES (0, '', ?, ?) RETURNING id")) {
            ps.setInt(1, CHUNK_SIZE);
            ps.setTimestamp(2, Timestamp.from(Clock.now()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                blobId = rs.getLong(1);
            }
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK_SIZE];
        long size = 0;
        int chunkNo = 0;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO evidence_blob_chunk (blob_id, chunk_no, data) VALUES (?, ?, ?)")) {
            int n;
            while ((n = bytes.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
                digest.update(buffer, 0, n);
                ps.setLong(1, blobId);
                ps.setInt(2, chunkNo++);
                if (n == CHUNK_SIZE) {
                    ps.setBytes(3, buffer);
                } else {
                    byte[] last = new byte[n];
                    System.arraycopy(buffer, 0, last, 0, n);
                    ps.setBytes(3, last);
                }
                ps.executeUpdate();
                size += n;
            }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE evidence_blob SET size = ?, sha256 = ? WHERE id = ?")) {
            ps.setLong(1, size);
            ps.setString(2, sha256);
            ps.setLong(3, blobId);
            ps.executeUpdate();
        }
        return new Stored(String.valueOf(blobId), size, sha256);
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

    @Override
    public String sha256(String key) throws IOException {
        long blobId = blobId(key);
        MessageDigest digest = sha256();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT data FROM evidence_blob_chunk WHERE blob_id = ? AND chunk_no = ?")) {
            for (int chunk = 0;; chunk++) {
                ps.setLong(1, blobId);
                ps.setInt(2, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    digest.update(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading stored evidence " + key + " failed", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private int chunkSize(long blobId) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT chunk_size FROM evidence_blob WHERE id = ?")) {
            ps.setLong(1, blobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("no stored evidence " + blobId);
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IOException("reading stored evidence " + blobId + " failed", e);
        }
    }

    private byte[] chunk(long blobId, int chunkNo) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT data FROM evidence_blob_chunk WHERE blob_id = ? AND chunk_no = ?")) {
            ps.setLong(1, blobId);
            ps.setInt(2, chunkNo);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("stored evidence " + blobId + " is missing chunk " + chunkNo);
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("reading stored evidence " + blobId + " failed", e);
        }
    }

    private static long blobId(String key) throws IOException {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IOException("not a PostgreSQL storage key: " + key);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
