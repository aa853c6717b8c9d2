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
     * The best-scored claims above {@link Scoring#POSSIBLE}. Candidates are whatever either GIN index yields: the
     * trigram index through {@code %} (pg_trgm's default similarity threshold, 0.3) and the full-text index through
     * an OR of the text's stems, so that a paraphrase sharing a few content words but little spelling is still found.
     * Scoring runs on those candidates only, never on the table. A text of only stop words has no stems and gets no
     * candidates, rather than trigram matches on "the" and "of".
     */
    @SuppressWarnings("unchecked")
    public List<Row> similar(String text, String language, int limit, Long excluding, boolean publishedOnly) {
        List<Object[]> rows = bind(em.createNativeQuery(SQL), text, language, limit, excluding, publishedOnly)
                .getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), ((Number) r[1]).doubleValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue(), (String) r[4], (String) r[5])).toList();
    }

    static Query bind(Query q, String text, String language, int limit, Long excluding, boolean publishedOnly) {
        return q.setParameter(1, text).setParameter(2, language)
                .setParameter(3, excluding == null ? -1L : excluding)
                .setParameter(4, Scoring.POSSIBLE).setParameter(5, limit).setParameter(6, publishedOnly);
    }

    static final String SQL = """
                WITH q AS MATERIALIZED (
                    SELECT matching_normalize(?1) AS norm,
                           tsvector_to_array(to_tsvector(matching_ts_config(?2), matching_normalize(?1))) AS terms
                ), query AS (
                    SELECT norm, terms,
                           CAST(coalesce(array_to_string(array(SELECT '''' || replace(replace(t, '\\', '\\\\'), '''', '''''')
                               || '''' FROM unnest(terms) t), ' | '), '') AS tsquery) AS tsq
                    FROM q
                ), scored AS (
                    SELECT c.id,
                           similarity(matching_normalize(c.statement), query.norm) AS trigram,
                           2.0 * (SELECT count(*) FROM unnest(tsvector_to_array(c.match_terms)) t WHERE t = ANY (query.terms))
                               / greatest(cardinality(query.terms) + length(c.match_terms), 1) AS overlap
                    FROM claim c, query
                    WHERE cardinality(query.terms) > 0
                      AND (matching_normalize(c.statement) %% query.norm OR c.match_terms @@ query.tsq)
                      AND c.id <> ?3
                      AND NOT (c.status = 'DISMISSED' AND c.duplicate_of IS NOT NULL)
                      AND (NOT ?6 OR (c.status <> 'DISMISSED'
                           AND EXISTS (SELECT 1 FROM ruling p WHERE p.claim_id = c.id AND p.status = 'PUBLISHED')))
                ), ranked AS (
                    SELECT id, trigram, overlap, %s AS score FROM scored
                )
                SELECT ranked.id, ranked.trigram, ranked.overlap, ranked.score, r.verdict_key, r.verdict_label
                FROM ranked LEFT JOIN ruling r ON r.claim_id = ranked.id AND r.status = 'PUBLISHED'
                WHERE ranked.score >= ?4
                ORDER BY ranked.score DESC, ranked.id DESC
                LIMIT ?5
                """.formatted(Scoring.SQL);
}
