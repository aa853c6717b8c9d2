package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addFile;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draft;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.researchingClaim;

import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The optional gates switched on: two independent sources, archive URLs on links; four-eyes switched off. */
@QuarkusTest
@TestProfile(OptionalGatesTest.StrictGates.class)
class OptionalGatesTest {

    /** Strict methodology, four-eyes off. */
    public static class StrictGates implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("factdesk.rulings.require-independent-sources", "true",
                    "factdesk.rulings.require-archive-urls", "true",
                    "factdesk.rulings.min-evidence", "2",
                    "factdesk.rulings.four-eyes", "false");
        }
    }

    @Test
    void requiresTwoIndependentSourcesAndArchiveUrlsWhenConfigured() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = researchingClaim(checker, checker, "A claim checked under strict sourcing rules.");
        long a = addLink(checker, claimId, "https://www.news.example.org/a", "https://archive.example.org/a");
        long sameHost = addLink(checker, claimId, "https://news.example.org/b", null);

        JsonPath problem = draft(checker, claimId, draftBody("false", List.of(a, sameHost))).then().statusCode(422)
                .extract().jsonPath();
        List<String> messages = problem.getList("errors.message", String.class);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("no archive URL"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("2 independent sources"));

        long file = addFile(checker, claimId, "The ministry's statement as a saved copy, strict test " + claimId);
        long rulingId = draft(checker, claimId, draftBody("false", List.of(a, file))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        approve(TestApi.user(Role.EDITOR), rulingId).then().statusCode(200);
    }

    @Test
    void letsTheDrafterApproveWhenFourEyesIsOff() {
        Actor editor = TestApi.newUser(Role.EDITOR, Role.FACT_CHECKER);
        long claimId = researchingClaim(editor, editor, "A claim in a desk that runs without four-eyes review.");
        long a = addLink(editor, claimId, "https://one.example.org/a", "https://archive.example.org/one");
        long b = addLink(editor, claimId, "https://two.example.org/b", "https://archive.example.org/two");
        long rulingId = draft(editor, claimId, draftBody("true", List.of(a, b))).then().statusCode(201).extract()
                .jsonPath().getLong("id");
        approve(editor, rulingId).then().statusCode(200);
    }
}
