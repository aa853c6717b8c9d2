package org.factdesk.imports;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimStatus;
import org.hibernate.Session;

/**
 * Writes imported claims straight into the claim table, a chunk per statement: one entity persist per line would cost
 * a round trip each and keep every claim in the session. The rows are what a submission stores (status SUBMITTED,
 * version 0, submitted and last updated by the importer), plus who imported them and their external id.
 */
@ApplicationScoped
public class ClaimImportRepository {

    @Inject
    EntityManager em;

    /** A claim to create: the line it came from, its details as stored, and its external id (null: none). */
    record NewClaim(long line, Claim.Details details, String externalId) {
    }

    /** What became of a line: the id of its claim and whether this import created it (false: it existed). */
    record Stored(NewClaim claim, long claimId, boolean created) {
    }

    /**
     * Creates the claims whose external id the importer has not imported yet and finds the ones it has. The unique
     * index on (imported_by, external_id) decides, with ON CONFLICT DO NOTHING: an import running at the same time
     * with the same ids waits for the other's chunk and then finds its claims, so each id makes one claim. Rows go in
     * in the order of their external ids, so two such imports take the index entries in the same order and never
     * deadlock on each other. Results come back in the order of {@code claims}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Stored> insert(String importer, List<NewClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> insert(connection, importer, claims));
    }

    /** Refreshes the planner's statistics of the claim table, the stem frequencies among them. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void analyzeClaims() {
        em.createNativeQuery("ANALYZE claim").executeUpdate();
    }

    private static List<Stored> insert(Connection connection, String importer, List<NewClaim> claims)
            throws SQLException {
        int n = claims.size();
        long[] ids = new long[n];
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('claim', 'id')) FROM generate_series(1, ?)")) {
            next.setInt(1, n);
            try (ResultSet rs = next.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        java.util.Arrays.sort(ids);
        // claims.get(i) gets ids[i], so ids follow the lines; rows are written in external id order (see above)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> claims.get(i).externalId(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        Long[] idCol = new Long[n];
        String[] statement = new String[n];
        String[] claimant = new String[n];
        String[] sourceUrl = new String[n];
        String[] claimedAt = new String[n];
        String[] language = new String[n];
        String[] tags = new String[n];
        String[] priority = new String[n];
        String[] externalId = new String[n];
        for (int row = 0; row < n; row++) {
            int i = order[row];
            NewClaim c = claims.get(i);
            Claim.Details d = c.details().stored();
            idCol[row] = ids[i];
            statement[row] = d.statement();
            claimant[row] = d.claimant();
            sourceUrl[row] = d.sourceUrl();
            claimedAt[row] = d.claimedAt() == null ? null : d.claimedAt().toString();
            language[row] = d.language();
            tags[row] = arrayLiteral(d.tags());
            priority[row] = d.priority().name();
            externalId[row] = c.externalId();
        }
        String now = org.factdesk.common.Clock.now().toString();
        Set<Long> created = new HashSet<>();
        List<Array> arrays = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO claim (id, statement, claimant, source_url, claimed_at, language, tags, priority, status,
                                   submitted_by, created_at, updated_at, updated_by, version, external_id, imported_by)
                OVERRIDING SYSTEM VALUE
                SELECT u.id, u.statement, u.claimant, u.source_url, CAST(u.claimed_at AS date), u.language,
                       CAST(u.tags AS text[]), u.priority, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz), ?, 0,
                       u.external_id, ?
                FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[])) WITH ORDINALITY
                     AS u(id, statement, claimant, source_url, claimed_at, language, tags, priority, external_id, ord)
                ORDER BY u.ord
                ON CONFLICT (imported_by, external_id) WHERE external_id IS NOT NULL DO NOTHING
                RETURNING id""")) {
            int p = 1;
            insert.setString(p++, ClaimStatus.SUBMITTED.name());
            insert.setString(p++, importer);
            insert.setString(p++, now);
            insert.setString(p++, now);
            insert.setString(p++, importer);
            insert.setString(p++, importer);
            for (Object[] column : new Object[][] { idCol, statement, claimant, sourceUrl, claimedAt, language, tags,
                    priority, externalId }) {
                Array a = connection.createArrayOf(column == idCol ? "bigint" : "text", column);
                arrays.add(a);
                insert.setArray(p++, a);
            }
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    created.add(rs.getLong(1));
                }
            }
        } finally {
            for (Array a : arrays) {
                a.free();
            }
        }
        Map<String, Long> existing = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!created.contains(ids[i])) {
                if (claims.get(i).externalId() == null) {
                    throw new IllegalStateException("a claim without external id was not inserted");
                }
                missing.add(claims.get(i).externalId());
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT external_id, id FROM claim WHERE imported_by = ? AND external_id = ANY (CAST(? AS text[]))")) {
                find.setString(1, importer);
                find.setArray(2, connection.createArrayOf("text", missing.toArray()));
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        existing.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        List<Stored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewClaim c = claims.get(i);
            if (created.contains(ids[i])) {
                out.add(new Stored(c, ids[i], true));
            } else {
                Long found = existing.get(c.externalId());
                if (found == null) {
                    throw new IllegalStateException("external id neither inserted nor found");
                }
                out.add(new Stored(c, found, false));
            }
        }
        return out;
    }

    /** A PostgreSQL array literal of the tags (each quoted, so no tag can change the literal's shape). */
    static String arrayLiteral(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
