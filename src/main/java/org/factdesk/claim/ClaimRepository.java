package org.factdesk.claim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import org.factdesk.common.Cursors;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Claim storage: keyset-paginated listing with filters and PostgreSQL full-text search. */
@ApplicationScoped
public class ClaimRepository implements PanacheRepositoryBase<Claim, Long> {

    /** Listing filters; null means "any". */
    public record Filter(ClaimStatus status, String assignee, String tag, String query, String submittedBy,
            Long duplicateOf, String externalId) {
    }

    /**
     * How many of the newest claims (by id, below the cursor) a search checks row by row before it turns to the
     * full-text index. See {@link #page}.
     */
    static final int SEARCH_WINDOW = 4096;

    /**
     * Claims matching the filter with id below {@code beforeId}, newest first, at most {@code limit}.
     * <p>
     * A search runs in two steps. PostgreSQL estimates the share of rows matching a multi-word query badly (it
     * multiplies the words' frequencies, though words like "budget deficit" come together), and then reads every
     * match through the GIN index to sort them, which costs tens of milliseconds at a million claims. So the
     * first step walks the newest {@link #SEARCH_WINDOW} ids and tests each row, which finds a page of any query
     * that matches more than about one claim in two hundred (for pages of 20); only when that step finds too few
     * does the second step ask the GIN index for the rest, which is cheap exactly because such a query matches
     * few claims.
     */
    public List<Claim> page(Filter f, Long beforeId, int limit) {
        if (f.query() == null) {
            return newest(conditions(f).below(beforeId), limit);
        }
        long upper = beforeId != null ? beforeId
                : ((Number) getEntityManager().createNativeQuery("SELECT coalesce(max(id), 0) + 1 FROM claim")
                        .getSingleResult()).longValue();
        long floor = upper - SEARCH_WINDOW;
        // OFFSET 0 keeps PostgreSQL from pushing the text match into the inner scan, so it walks the primary key
        // backwards over the window instead of reading the whole posting list
        Conditions window = conditions(f).below(upper).atLeast(floor);
        String match = window.matching(f.query());
        List<Claim> found = window.query(getEntityManager(), "SELECT * FROM (SELECT * FROM claim WHERE " + window
                + " ORDER BY id DESC OFFSET 0) newest WHERE " + match + " ORDER BY id DESC LIMIT " + limit);
        if (found.size() >= limit || floor <= 0) {
            return found;
        }
        Conditions older = conditions(f).below(floor);
        older.add(older.matching(f.query()));
        List<Claim> all = new ArrayList<>(found);
        all.addAll(newest(older, limit - found.size()));
        return all;
    }

    /** A claim and its rank in a relevance listing. */
    public record Ranked(long id, float rank) {
    }

    /**
     * Claims matching the filter's query, best first by {@code ts_rank_cd} (cover density: the closer the query's
     * words stand, the higher), ties newest first, after the given position. Unlike the newest-first listing this
     * must rank every match, which the GIN index makes cheap for queries that match few claims, and which is what a
     * reader asking for relevance accepts.
     */
    @SuppressWarnings("unchecked")
    public List<Ranked> rankedPage(Filter f, Cursors.Ranked after, int limit) {
        Conditions where = conditions(f);
        String match = where.matching(f.query());
        String rank = "ts_rank_cd(search, websearch_to_tsquery('english', ?" + where.param(f.query()) + "))";
        String position = "";
        if (after != null) {
            position = " AND (" + rank + ", id) < (CAST(?" + where.param(after.rank()) + " AS real), ?"
                    + where.param(after.id()) + ")";
        }
        Query q = getEntityManager().createNativeQuery("SELECT id, " + rank + " FROM claim WHERE " + where + " AND "
                + match + position + " ORDER BY 2 DESC, id DESC LIMIT " + limit);
        for (int i = 0; i < where.params.size(); i++) {
            q.setParameter(i + 1, where.params.get(i));
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Ranked(((Number) r[0]).longValue(), ((Number) r[1]).floatValue())).toList();
    }

    private List<Claim> newest(Conditions where, int limit) {
        return where.query(getEntityManager(),
                "SELECT * FROM claim WHERE " + where + " ORDER BY id DESC LIMIT " + limit);
    }

    private static Conditions conditions(Filter f) {
        Conditions c = new Conditions();
        if (f.status() != null) {
            c.add("status = ?" + c.param(f.status().name()));
        }
        if (f.assignee() != null) {
            c.add("assignee = ?" + c.param(f.assignee()));
        }
        if (f.submittedBy() != null) {
            c.add("submitted_by = ?" + c.param(f.submittedBy()));
        }
        if (f.externalId() != null) {
            c.add("external_id = ?" + c.param(f.externalId()));
        }
        if (f.duplicateOf() != null) {
            c.add("duplicate_of = ?" + c.param(f.duplicateOf()));
        }
        if (f.tag() != null) {
            c.add("tags @> ARRAY[CAST(?" + c.param(f.tag()) + " AS text)]");
        }
        return c;
    }

    /** A WHERE clause and its positional parameters. */
    private static final class Conditions {
        private final List<String> clauses = new ArrayList<>(List.of("TRUE"));
        private final List<Object> params = new ArrayList<>();

        int param(Object value) {
            params.add(value);
            return params.size();
        }

        void add(String clause) {
            clauses.add(clause);
        }

        Conditions below(Long id) {
            if (id != null) {
                add("id < ?" + param(id));
            }
            return this;
        }

        /** The full-text match of {@code query} against the stored {@code search} vector. */
        String matching(String query) {
            return "search @@ websearch_to_tsquery('english', ?" + param(query) + ")";
        }

        Conditions atLeast(long id) {
            add("id >= ?" + param(id));
            return this;
        }

        @SuppressWarnings("unchecked")
        List<Claim> query(EntityManager em, String sql) {
            Query q = em.createNativeQuery(sql, Claim.class);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.getResultList();
        }

        @Override
        public String toString() {
            return String.join(" AND ", clauses);
        }
    }

    /** Loads a claim and locks its row until the transaction ends. */
    public Claim findForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Claims per status, of everyone or of one submitter. */
    @SuppressWarnings("unchecked")
    public Map<ClaimStatus, Long> countByStatus(String submittedBy) {
        Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
        for (ClaimStatus s : ClaimStatus.values()) {
            counts.put(s, 0L);
        }
        Query q = getEntityManager().createNativeQuery("SELECT status, count(*) FROM claim"
                + (submittedBy == null ? "" : " WHERE submitted_by = ?1") + " GROUP BY status");
        if (submittedBy != null) {
            q.setParameter(1, submittedBy);
        }
        List<Object[]> rows = q.getResultList();
        for (Object[] row : rows) {
            counts.put(ClaimStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
