package org.factdesk.claim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Claim storage: keyset-paginated listing with filters and PostgreSQL full-text search. */
@ApplicationScoped
public class ClaimRepository implements PanacheRepositoryBase<Claim, Long> {

    /** Listing filters; null means "any". */
    public record Filter(ClaimStatus status, String assignee, String tag, String query, String submittedBy) {
    }

    /** Claims matching the filter with id below {@code beforeId}, newest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<Claim> page(Filter f, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM claim WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            params.add(f.status().name());
            sql.append(" AND status = ?").append(params.size());
        }
        if (f.assignee() != null) {
            params.add(f.assignee());
            sql.append(" AND assignee = ?").append(params.size());
        }
        if (f.submittedBy() != null) {
            params.add(f.submittedBy());
            sql.append(" AND submitted_by = ?").append(params.size());
        }
        if (f.tag() != null) {
            params.add(f.tag());
            sql.append(" AND tags @> ARRAY[CAST(?").append(params.size()).append(" AS text)]");
        }
        if (f.query() != null) {
            params.add(f.query());
            sql.append(" AND search @@ websearch_to_tsquery('english', ?").append(params.size()).append(")");
        }
        if (beforeId != null) {
            params.add(beforeId);
            sql.append(" AND id < ?").append(params.size());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        Query q = getEntityManager().createNativeQuery(sql.toString(), Claim.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q.getResultList();
    }

    /** Loads a claim and locks its row until the transaction ends. */
    public Claim findForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @SuppressWarnings("unchecked")
    public Map<ClaimStatus, Long> countByStatus() {
        Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
        for (ClaimStatus s : ClaimStatus.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("SELECT status, count(*) FROM claim GROUP BY status").getResultList();
        for (Object[] row : rows) {
            counts.put(ClaimStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
