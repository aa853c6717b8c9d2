package org.factdesk.matching;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** The one query behind similar-claim matching; see {@link Scoring} for how its score is composed. */
@ApplicationScoped
public class MatchRepository {

    @Inject
    EntityManager em;

    /** A candidate as the database scored it, with the verdict of its published ruling if any. */
    public record Row(long claimId, double trigram, double overlap, double score, String verdictKey,
            String verdictLabel) {
    }

    /**
     * The best-scored claims above {@link Scoring#POSSIBLE}. Candidates come from the full-text GIN index only, so a
     * lookup reads posting lists, never the table, and scoring (trigram similarity and stem overlap) runs on a few
     * hundred candidates at most. Which stems to ask for depends on how many claims carry them, read from the
     * planner's statistics of {@code match_terms} (pg_stats' most common elements times the row estimate, which
     * autovacuum's ANALYZE keeps current):
     * <ul>
     * <li>a stem on at most {@link #RARE_ROWS} claims is ORed in: every claim sharing it is a candidate. On a desk's
     * table that is nearly every content word, the names, places and numbers a paraphrase keeps;</li>
     * <li>stems on more claims than that would turn the OR into a scan of the table ("says", "year", the country
     * everyone writes about): claims that carry the two least common of them are candidates. The index answers that
     * from those two posting lists alone. "The least common and one of the next three" read four lists and cost
     * three times as much at 1M claims (2.0 ms against 0.6 ms for the index alone), and matched 357 claims where the
     * two stems matched 21, so the row limit below cut the looser set in physical order, oldest first, not by
     * likeness: it cost more and chose worse.</li>
     * </ul>
     * Each source stops at a fixed number of rows, so a lookup's cost is bounded at any table size. (Candidates once
     * also came from a trigram GIN index through {@code %}; on a million similar sentences nearly every row shares
     * 30% of its trigrams with a query, and a lookup rechecked most of the table: 15 s.) A text of only stop words
     * has no stems and gets no candidates.
     */
    @SuppressWarnings("unchecked")
    public List<Row> similar(String text, String language, int limit, Long excluding, boolean publishedOnly) {
        List<Object[]> rows = bind(em.createNativeQuery(SQL), text, language, limit, excluding, publishedOnly)
                .getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), ((Number) r[1]).doubleValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue(), (String) r[4], (String) r[5])).toList();
    }

    /** A stem on at most this many claims is selective enough to take every claim that has it as a candidate. */
    static final int RARE_ROWS = 1000;

    static Query bind(Query q, String text, String language, int limit, Long excluding, boolean publishedOnly) {
        return q.setParameter(1, text).setParameter(2, language)
                .setParameter(3, excluding == null ? -1L : excluding)
                .setParameter(4, Scoring.POSSIBLE).setParameter(5, limit).setParameter(6, publishedOnly)
                .setParameter(7, RARE_ROWS);
    }

    /** A stem as a tsquery operand: quoted (its quotes and backslashes escaped), so it is matched as a word. */
    private static String operand(String stem) {
        return "'''' || replace(replace(" + stem + ", '\\', '\\\\'), '''', '''''') || ''''";
    }

    /** What may be matched, applied inside each source so that a source's row limit counts only those. */
    private static final String MATCHABLE = """
            c.id <> ?3 AND NOT (c.status = 'DISMISSED' AND c.duplicate_of IS NOT NULL)
                                  AND (NOT ?6 OR (c.status <> 'DISMISSED' AND EXISTS (SELECT 1 FROM ruling p
                                       WHERE p.claim_id = c.id AND p.status = 'PUBLISHED')))""";

    /*
     * Shaped for what it costs at 1M claims (bench/run.sh, EXPLAIN ANALYZE): each query stem's frequency is looked up
     * once (tf; pg_stats' list once hashed per use cost ~1 ms), candidates bring the columns scoring needs (no second
     * visit of the table by key), and scored/ranked are materialized so each candidate's trigram similarity is computed
     * once, not again for the filter and the sort.
     */
    static final String SQL = """
                WITH q AS MATERIALIZED (
                    SELECT matching_normalize(?1) AS norm,
                           tsvector_to_array(to_tsvector(matching_ts_config(?2), matching_normalize(?1))) AS terms
                ), freq AS (
                    SELECT e.elem, e.f * greatest(t.reltuples, 0) AS claims
                    FROM pg_stats s JOIN pg_class t ON t.relname = s.tablename
                             AND t.relnamespace = CAST(s.schemaname AS regnamespace),
                         unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs) AS e(elem, f)
                    WHERE s.schemaname = current_schema() AND s.tablename = 'claim' AND s.attname = 'match_terms'
                ), tf AS MATERIALIZED (
                    SELECT u.t, %1$s AS operand, coalesce(freq.claims, 0) AS claims
                    FROM q, unnest(q.terms) u(t) LEFT JOIN freq ON freq.elem = u.t
                ), common AS (
                    SELECT operand FROM tf WHERE claims > ?7 ORDER BY claims, t LIMIT 2
                ), query AS MATERIALIZED (
                    SELECT q.norm, q.terms,
                           CAST(coalesce(array_to_string(array(SELECT operand FROM tf WHERE claims <= ?7), ' | '), '')
                               AS tsquery) AS rare,
                           CAST(coalesce((SELECT string_agg(operand, ' & ') FROM common), '') AS tsquery) AS most
                    FROM q
                ), candidates AS (
                    (SELECT c.id, c.statement, c.match_terms FROM claim c
                     WHERE c.match_terms @@ (SELECT rare FROM query) AND %2$s LIMIT 300)
                    UNION ALL
                    (SELECT c.id, c.statement, c.match_terms FROM claim c
                     WHERE c.match_terms @@ (SELECT most FROM query) AND %2$s LIMIT 100)
                ), scored AS MATERIALIZED (
                    SELECT k.id,
                           similarity(matching_normalize(k.statement), query.norm) AS trigram,
                           2.0 * (SELECT count(*) FROM unnest(tsvector_to_array(k.match_terms)) t WHERE t = ANY (query.terms))
                               / greatest(cardinality(query.terms) + length(k.match_terms), 1) AS overlap
                    FROM (SELECT DISTINCT ON (id) * FROM candidates) k, query
                ), ranked AS MATERIALIZED (
                    SELECT id, trigram, overlap, %3$s AS score FROM scored
                )
                SELECT ranked.id, ranked.trigram, ranked.overlap, ranked.score, r.verdict_key, r.verdict_label
                FROM ranked LEFT JOIN ruling r ON r.claim_id = ranked.id AND r.status = 'PUBLISHED'
                WHERE ranked.score >= ?4
                ORDER BY ranked.score DESC, ranked.id DESC
                LIMIT ?5
                """.formatted(operand("u.t"), MATCHABLE, Scoring.SQL);
}
