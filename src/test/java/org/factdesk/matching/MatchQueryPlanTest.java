package org.factdesk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The match query takes its candidates from the full-text GIN index, so its cost follows matches, not claims. */
@QuarkusTest
class MatchQueryPlanTest {

    @Inject
    EntityManager em;
    @Inject
    MatchRepository repository;

    @Test
    @Transactional
    @SuppressWarnings("unchecked")
    void candidatesComeFromTheFullTextIndexNeverAScanOfClaims() {
        // a test database holds too few claims for the planner to prefer an index on its own; forbidding the
        // sequential scan shows whether the query can use the indexes at all, which is what a big table needs (and
        // forbidding plain index scans keeps it from walking the whole primary key, as it may on a tiny table)
        em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
        em.createNativeQuery("SET LOCAL enable_indexscan = off").executeUpdate();
        for (boolean publishedOnly : new boolean[] { false, true }) {
            List<String> plan = MatchRepository.bind(em.createNativeQuery("EXPLAIN " + MatchRepository.SQL),
                    "Ecuador has no plans to expel Assange from its embassy", "en", 10, null, publishedOnly)
                    .getResultList();
            String text = String.join("\n", plan);
            System.out.println(text);
            assertThat(text).as("published only: " + publishedOnly).contains("claim_match_terms_idx")
                   .doesNotContain("Seq Scan on claim");
        }
    }

    @Test
    @Transactional
    void aTextOfOnlyCommonStemsStillFindsTheClaimsThatShareItsTwoLeastCommonStems() {
        // 1,500 claims that all carry the same four invented words make each of them "common" (on more than
        // RARE_ROWS claims) once ANALYZE has seen them; the transaction rolls back, statistics included
        em.createNativeQuery("""
                INSERT INTO claim (statement, language, tags, priority, status, submitted_by, created_at, updated_at,
                                   updated_by, version)
                SELECT 'Zarquon blivet frobnicate quuxes, case ' || g, 'en', '{}', 'NORMAL', 'SUBMITTED', 'plan-test',
                       now(), now(), 'plan-test', 0
                FROM generate_series(1, 1500) g""").executeUpdate();
        em.createNativeQuery("""
                INSERT INTO claim (statement, language, tags, priority, status, submitted_by, created_at, updated_at,
                                   updated_by, version)
                VALUES ('Zarquon blivet frobnicate in Lakeport', 'en', '{}', 'NORMAL', 'SUBMITTED', 'plan-test',
                        now(), now(), 'plan-test', 0)""").executeUpdate();
        em.createNativeQuery("ANALYZE claim").executeUpdate();
        Number common = (Number) em.createNativeQuery("""
                SELECT count(*) FROM pg_stats s, unnest(CAST(CAST(s.most_common_elems AS text) AS text[])) e
                WHERE s.tablename = 'claim' AND s.attname = 'match_terms' AND e IN ('zarquon', 'blivet', 'frobnic')""")
                .getSingleResult();
        assertThat(common.intValue()).as("the invented words are common in the statistics").isEqualTo(3);

        // every stem of the text is common, so none is ORed in; claims with its two least common stems are found
        List<MatchRepository.Row> rows = repository.similar("Zarquon blivet frobnicate", "en", 5, null, false);
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        // a rare stem ("lakeport") is ORed in and brings its claim to the top
        List<MatchRepository.Row> withRare = repository.similar("Zarquon blivet frobnicate in Lakeport", "en", 5, null,
                false);
        assertThat(withRare.get(0).score()).isGreaterThan(0.9);
    }
}
