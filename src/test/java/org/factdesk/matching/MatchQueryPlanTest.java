package org.factdesk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The match query takes its candidates from the two GIN indexes, so its cost follows matches, not claims. */
@QuarkusTest
class MatchQueryPlanTest {

    @Inject
    EntityManager em;

    @Test
    @Transactional
    @SuppressWarnings("unchecked")
    void candidatesComeFromTheTrigramAndFullTextIndexesNeverAScanOfClaims() {
        // a test database holds too few claims for the planner to prefer an index on its own; forbidding the
        // sequential scan shows whether the query can use the indexes at all, which is what a big table needs
        em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
        for (boolean publishedOnly : new boolean[] { false, true }) {
            List<String> plan = MatchRepository.bind(em.createNativeQuery("EXPLAIN " + MatchRepository.SQL),
                    "Ecuador has no plans to expel Assange from its embassy", "en", 10, null, publishedOnly)
                    .getResultList();
            String text = String.join("\n", plan);
            System.out.println(text);
            assertThat(text).as("published only: " + publishedOnly).contains("claim_match_trgm_idx")
                    .contains("claim_match_terms_idx").doesNotContain("Seq Scan on claim");
        }
    }
}
