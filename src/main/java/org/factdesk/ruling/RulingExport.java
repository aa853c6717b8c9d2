package org.factdesk.ruling;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Streams published rulings (current and superseded) for auditors with constant memory: one read-only,
 * repeatable-read JDBC transaction whose cursor fetches rows in batches ({@link #FETCH_SIZE}), each handed to a sink.
 */
@ApplicationScoped
public class RulingExport {

    static final int FETCH_SIZE = 500;
    private static final String SQL = "SELECT id, claim_id, claim_statement, version_number, status, verdict_key,"
            + " verdict_label, rating_value, scale_version, published_at, drafted_at, drafted_by, approved_by,"
            + " evidence_ids, evidence_sha256, provenance_hash, correction_note, supersedes, superseded_by"
            + " FROM ruling WHERE published_at IS NOT NULL AND published_at >= ? AND published_at < ?"
            + " ORDER BY published_at, id";

    @Inject
    DataSource dataSource;

    /** One exported ruling. */
    public record Row(long rulingId, long claimId, String claimStatement, int versionNumber, String status,
            String verdictKey, String verdictLabel, Integer ratingValue, int scaleVersion, Instant publishedAt,
            Instant draftedAt, String draftedBy, String approvedBy, List<Long> evidenceIds,
            List<String> evidenceSha256, String provenanceHash, String correctionNote, Long supersedes,
            Long supersededBy) {
    }

    /** Receives rows one at a time (e.g. writes them to the response). */
    @FunctionalInterface
    public interface Sink {
        void accept(Row row) throws IOException;
    }

    /** Streams rulings published in {@code [from, to)}, oldest first. */
    public void stream(Instant from, Instant to, Sink sink) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("export failed: " + e.getMessage(), e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("claim_id"), rs.getString("claim_statement"),
                rs.getInt("version_number"), rs.getString("status"), rs.getString("verdict_key"),
                rs.getString("verdict_label"), (Integer) rs.getObject("rating_value"), rs.getInt("scale_version"),
                instant(rs.getTimestamp("published_at")), instant(rs.getTimestamp("drafted_at")),
                rs.getString("drafted_by"), rs.getString("approved_by"), longs(rs.getArray("evidence_ids")),
                strings(rs.getArray("evidence_sha256")), rs.getString("provenance_hash"),
                rs.getString("correction_note"), (Long) rs.getObject("supersedes"),
                (Long) rs.getObject("superseded_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<Long> longs(Array a) throws SQLException {
        List<Long> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add(((Number) o).longValue());
            }
        }
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }
}
