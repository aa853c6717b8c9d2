package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Marking a claim as a duplicate of another (DISMISSED + duplicateOf) and seeing how often a claim came back. */
@QuarkusTest
class DuplicateMarkingTest {

    Actor editor;
    Actor checker;

    @BeforeEach
    void signIn() {
        editor = TestApi.newUser(Role.EDITOR);
        checker = TestApi.newUser(Role.FACT_CHECKER);
    }

    @Test
    void anEditorMarksADuplicateAndTheHistoryRecordsWhoAndWhichOriginal() {
        long original = TestApi.submitClaim(checker, "Ecuador will expel Assange from its London embassy " + System.nanoTime());
        long again = TestApi.submitClaim(checker, "Assange is about to be kicked out of Ecuador's embassy " + System.nanoTime());

        JsonPath marked = markDuplicate(editor, again, original).then().statusCode(200).extract().jsonPath();
        assertThat(marked.getString("status")).isEqualTo("DISMISSED");
        assertThat(marked.getLong("duplicateOf")).isEqualTo(original);

        JsonPath history = editor.spec().get("/api/v1/claims/" + again + "/history").then().statusCode(200)
                .extract().jsonPath();
        int last = history.getList("items").size() - 1;
        assertThat(history.getString("items[" + last + "].type")).isEqualTo("CLAIM_TRANSITIONED");
        assertThat(history.getString("items[" + last + "].actor")).isEqualTo(editor.name());
        assertThat(history.getLong("items[" + last + "].data.duplicateOf")).isEqualTo(original);
        assertThat(history.getString("items[" + last + "].data.to")).isEqualTo("DISMISSED");
        assertThat(history.getString("items[" + last + "].data.reason")).isEqualTo("Already submitted");
        assertThat(editor.spec().get("/api/v1/claims/" + again + "/history/verify").then().statusCode(200).extract()
                .jsonPath().getBoolean("valid")).isTrue();
    }

    @Test
    void refusesDuplicateMarkingByAFactChecker() {
        long original = TestApi.submitClaim(checker, "Original claim for the checker refusal " + System.nanoTime());
        long again = TestApi.submitClaim(checker, "Second claim for the checker refusal " + System.nanoTime());
        var refused = markDuplicate(checker, again, original).then().statusCode(403).extract();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(editor.spec().get("/api/v1/claims/" + again).then().extract().jsonPath().getString("status"))
                .isEqualTo("SUBMITTED");
    }

    @Test
    void refusesADuplicateOfItselfOfAMissingClaimOrOfAnotherDuplicate() {
        long original = TestApi.submitClaim(checker, "The original of a chain " + System.nanoTime());
        long first = TestApi.submitClaim(checker, "First return of it " + System.nanoTime());
        long second = TestApi.submitClaim(checker, "Second return of it " + System.nanoTime());
        markDuplicate(editor, first, original).then().statusCode(200);

        for (long target : List.of(second, Long.MAX_VALUE, first)) {
            var r = markDuplicate(editor, second, target).then().statusCode(422).extract();
            assertThat(r.jsonPath().getString("errors[0].field")).as("target %d", target).isEqualTo("duplicateOf");
        }
        assertThat(markDuplicate(editor, second, first).then().extract().jsonPath().getString("errors[0].message"))
                .contains("duplicate of claim " + original);
        assertThat(editor.spec().get("/api/v1/claims/" + second).then().extract().jsonPath().getString("status"))
                .as("nothing changed").isEqualTo("SUBMITTED");
    }

    @Test
    void listingDuplicatesOfAClaimShowsEveryReturnOfIt() {
        long original = TestApi.submitClaim(checker, "A claim that keeps coming back " + System.nanoTime());
        long a = TestApi.submitClaim(checker, "It came back once " + System.nanoTime());
        long b = TestApi.submitClaim(checker, "It came back twice " + System.nanoTime());
        long unrelated = TestApi.submitClaim(checker, "Something else entirely " + System.nanoTime());
        markDuplicate(editor, a, original).then().statusCode(200);
        markDuplicate(editor, b, original).then().statusCode(200);

        List<Long> ids = checker.spec().queryParam("duplicateOf", original).get("/api/v1/claims").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertThat(ids).containsExactly(b, a).doesNotContain(unrelated, original);
    }

    static io.restassured.response.Response markDuplicate(Actor actor, long claimId, long original) {
        return actor.spec().header("If-Match", TestApi.etag(actor, claimId))
                .body(Map.of("to", "DISMISSED", "reason", "Already submitted", "duplicateOf", original))
                .post("/api/v1/claims/" + claimId + "/transitions");
    }
}
