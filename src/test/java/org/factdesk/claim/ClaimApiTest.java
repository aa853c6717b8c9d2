package org.factdesk.claim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ClaimApiTest {

    static final String STATEMENT = "Ecuador first granted asylum to Wikileaks founder Julian Assange in 2012.";

    @Inject
    AgroalDataSource dataSource;

    Actor contributor;
    Actor checker;
    Actor editor;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        contributor = TestApi.user(Role.CONTRIBUTOR);
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
    }

    @Test
    void submitsAClaimWithLocationEtagAndFullView() {
        var response = contributor.spec().body(Map.of("statement", STATEMENT, "claimant", "Bloomberg",
                "sourceUrl", "https://example.org/article", "claimedAt", "2019-04-05", "language", "en",
                "tags", List.of("Assange", "asylum"), "priority", "HIGH"))
                .post("/api/v1/claims").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/claims/\\d+$"))
                .header("ETag", equalTo("\"0\""))
                .body("statement", equalTo(STATEMENT))
                .body("claimant", equalTo("Bloomberg"))
                .body("claimedAt", equalTo("2019-04-05"))
                .body("tags", equalTo(List.of("assange", "asylum")))
                .body("priority", equalTo("HIGH"))
                .body("status", equalTo("SUBMITTED"))
                .body("assignee", nullValue())
                .body("submittedBy", equalTo(contributor.name()))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("version", equalTo(0))
                .extract();
        String location = response.header("Location");
        contributor.spec().get(location.substring(location.indexOf("/api/"))).then().statusCode(200)
                .header("ETag", "\"0\"").body("id", equalTo(response.path("id")));
    }

    @Test
    void rejectsInvalidFieldsWithA422ListingEachField() {
        contributor.spec().body(Map.of("statement", "short", "sourceUrl", "ftp://example.org/x",
                "tags", List.of("ok", "bad/tag!"), "language", "not a language"))
                .post("/api/v1/claims").then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItems("statement", "sourceUrl", "language"))
                .body("errors.field", hasItem(containsString("tags")));
    }

    @Test
    void rejectsTooManyTagsAndOverlongStatements() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tags.add("tag" + i);
        }
        contributor.spec().body(Map.of("statement", "x".repeat(2001), "tags", tags))
                .post("/api/v1/claims").then().statusCode(422)
                .body("errors.field", hasItems("statement", "tags"));
    }

    @Test
    void refusesClientSetIdentityAndWorkflowFields() {
        for (String field : List.of("id", "status", "version", "submittedBy", "hash")) {
            contributor.spec().body(Map.of("statement", STATEMENT, field, "RATED"))
                    .post("/api/v1/claims").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(field));
        }
    }

    @Test
    void answersMalformedJsonWrongTypesAndUnknownEnumsWithProblems() {
        contributor.spec().body("{\"statement\": ").post("/api/v1/claims").then().statusCode(400)
                .contentType("application/problem+json");
        contributor.spec().body("{\"statement\": \"" + STATEMENT + "\", \"tags\": 5}").post("/api/v1/claims")
                .then().statusCode(400).body("detail", containsString("tags"));
        contributor.spec().body("{\"statement\": \"" + STATEMENT + "\", \"priority\": \"WHENEVER\"}")
                .post("/api/v1/claims").then().statusCode(400).body("detail", containsString("priority"));
        contributor.spec().contentType(ContentType.TEXT).body(STATEMENT).post("/api/v1/claims").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownClaimIsA404Problem() {
        contributor.spec().get("/api/v1/claims/987654321").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("987654321"));
        contributor.spec().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void editRequiresIfMatchAndRefusesStaleVersions() {
        long id = TestApi.submitClaim(editor, STATEMENT);
        editor.spec().body(Map.of("claimant", "Someone")).patch("/api/v1/claims/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        editor.spec().header("If-Match", "\"0\"").body(Map.of("claimant", "Reuters"))
                .patch("/api/v1/claims/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("claimant", equalTo("Reuters")).body("version", equalTo(1));
        editor.spec().header("If-Match", "\"0\"").body(Map.of("claimant", "Overwriter"))
                .patch("/api/v1/claims/" + id).then().statusCode(412).header("ETag", "\"1\"")
                .body("currentVersion", equalTo(1));
        editor.spec().get("/api/v1/claims/" + id).then().body("claimant", equalTo("Reuters"))
                .body("version", equalTo(1));
    }

    @Test
    void editRecordsBeforeAndAfterOfChangedFieldsOnly() {
        long id = TestApi.submitClaim(editor, STATEMENT);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("claimant", "AP", "priority", "URGENT"))
                .patch("/api/v1/claims/" + id).then().statusCode(200);
        var events = editor.spec().get("/api/v1/claims/" + id + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertThat(events.getList("items.type", String.class)).containsExactly("CLAIM_SUBMITTED", "CLAIM_EDITED");
        Map<String, Object> changes = events.getMap("items[1].data.changes");
        assertThat(changes).containsOnlyKeys("claimant", "priority");
        assertThat(events.getString("items[1].data.changes.priority.from")).isEqualTo("NORMAL");
        assertThat(events.getString("items[1].data.changes.priority.to")).isEqualTo("URGENT");
    }

    @Test
    void editWithEmptyStringClearsAnOptionalFieldAndAbsentKeepsIt() {
        long id = editor.spec().body(Map.of("statement", STATEMENT, "claimant", "Bloomberg", "language", "es"))
                .post("/api/v1/claims").then().statusCode(201).extract().jsonPath().getLong("id");
        editor.spec().header("If-Match", "\"0\"").body("{\"claimant\": \"\", \"priority\": null}").patch("/api/v1/claims/" + id)
                .then().statusCode(200).body("claimant", nullValue()).body("language", equalTo("es"));
    }

    @Test
    void contributorsDoNotEvenSeeOthersClaims() {
        long id = TestApi.submitClaim(editor, STATEMENT);
        contributor.spec().header("If-Match", "\"0\"").body(Map.of("claimant", "x"))
                .patch("/api/v1/claims/" + id).then().statusCode(404).contentType("application/problem+json");
        contributor.spec().get("/api/v1/claims/" + id).then().statusCode(404);
    }

    @Test
    void factCheckerTakesASubmittedClaim() {
        long id = TestApi.submitClaim(contributor, STATEMENT);
        checker.spec().header("If-Match", "\"0\"").body(Map.of("to", "RESEARCHING"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200)
                .body("status", equalTo("RESEARCHING")).body("assignee", equalTo(checker.name()))
                .header("ETag", "\"1\"");
    }

    @Test
    void illegalMoveIsA409NamingAllowedTargets() {
        long id = TestApi.submitClaim(contributor, STATEMENT);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("to", "RATED"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json")
                .body("allowed", equalTo(List.of("DISMISSED", "RESEARCHING")));
        editor.spec().get("/api/v1/claims/" + id).then().body("status", equalTo("SUBMITTED"))
                .body("version", equalTo(0));
    }

    @Test
    void dismissingNeedsAnEditorAndAReasonAndReopeningToo() {
        long original = TestApi.submitClaim(contributor, STATEMENT);
        long id = TestApi.submitClaim(contributor, STATEMENT + " (again)");
        checker.spec().header("If-Match", "\"0\"").body(Map.of("to", "DISMISSED", "reason", "dup"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(403);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("to", "DISMISSED"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(422)
                .body("errors.field", hasItem("reason"));
        editor.spec().header("If-Match", "\"0\"")
                .body(Map.of("to", "DISMISSED", "reason", "Duplicate", "duplicateOf", original))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200)
                .body("status", equalTo("DISMISSED")).body("duplicateOf", equalTo((int) original))
                .body("dismissalReason", equalTo("Duplicate"));
        editor.spec().header("If-Match", "\"1\"").body(Map.of("to", "SUBMITTED"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(422);
        editor.spec().header("If-Match", "\"1\"").body(Map.of("to", "SUBMITTED", "reason", "Not a duplicate"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("duplicateOf", nullValue());
    }

    @Test
    void inReviewAndRatedAreReachedOnlyThroughRulings() {
        long id = TestApi.researchingClaim(checker, STATEMENT);
        editor.spec().header("If-Match", TestApi.etag(editor, id)).body(Map.of("to", "IN_REVIEW"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(409);
    }

    @Test
    void editorAssignsAndSubmittedClaimStartsResearch() {
        long id = TestApi.submitClaim(contributor, STATEMENT);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("username", checker.name()))
                .put("/api/v1/claims/" + id + "/assignee").then().statusCode(200)
                .body("assignee", equalTo(checker.name())).body("status", equalTo("RESEARCHING"));
        var types = editor.spec().get("/api/v1/claims/" + id + "/history").then().extract().jsonPath()
                .getList("items.type", String.class);
        assertThat(types).containsExactly("CLAIM_SUBMITTED", "CLAIM_ASSIGNED", "CLAIM_TRANSITIONED");
    }

    @Test
    void factCheckersOnlyAssignThemselvesAndOnlyToStaff() {
        long id = TestApi.submitClaim(contributor, STATEMENT);
        Actor other = TestApi.newUser(Role.FACT_CHECKER);
        checker.spec().header("If-Match", "\"0\"").body(Map.of("username", other.name()))
                .put("/api/v1/claims/" + id + "/assignee").then().statusCode(403);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("username", contributor.name()))
                .put("/api/v1/claims/" + id + "/assignee").then().statusCode(422)
                .body("errors.field", hasItem("username"));
        checker.spec().header("If-Match", "\"0\"").body(Map.of("username", checker.name()))
                .put("/api/v1/claims/" + id + "/assignee").then().statusCode(200);
    }

    @Test
    void listsNewestFirstWithStableKeysetPagesUnderInserts() {
        String tag = "page" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(contributor.spec().body(Map.of("statement", STATEMENT + " #" + i, "tags", List.of(tag)))
                    .post("/api/v1/claims").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        var first = contributor.spec().queryParam("tag", tag).queryParam("limit", 2).get("/api/v1/claims")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", Long.class)).containsExactly(ids.get(4), ids.get(3));
        String cursor = first.getString("nextCursor");
        contributor.spec().body(Map.of("statement", STATEMENT + " inserted", "tags", List.of(tag)))
                .post("/api/v1/claims").then().statusCode(201);
        var second = contributor.spec().queryParam("tag", tag).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/claims").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id", Long.class)).containsExactly(ids.get(2), ids.get(1));
        var third = contributor.spec().queryParam("tag", tag).queryParam("limit", 2)
                .queryParam("cursor", second.getString("nextCursor")).get("/api/v1/claims").then().extract()
                .jsonPath();
        assertThat(third.getList("items.id", Long.class)).containsExactly(ids.get(0));
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void filtersByStatusAssigneeAndSubmitter() {
        Actor me = TestApi.newUser(Role.FACT_CHECKER);
        long taken = TestApi.researchingClaim(me, STATEMENT + " filter");
        long untouched = TestApi.submitClaim(me, STATEMENT + " filter 2");
        var mine = me.spec().queryParam("assignee", me.name()).get("/api/v1/claims").then().extract().jsonPath();
        assertThat(mine.getList("items.id", Long.class)).containsExactly(taken);
        var submitted = me.spec().queryParam("submittedBy", me.name()).queryParam("status", "SUBMITTED")
                .get("/api/v1/claims").then().extract().jsonPath();
        assertThat(submitted.getList("items.id", Long.class)).containsExactly(untouched);
    }

    @Test
    void searchesFullTextWithWebSearchSyntax() {
        String word = "zanzibarian" + (System.nanoTime() % 100000);
        long hit = TestApi.submitClaim(contributor, "The " + word + " ambassador denied the extradition agreement.");
        TestApi.submitClaim(contributor, "The " + word + " ambassador praised the weather in London.");
        var found = contributor.spec().queryParam("q", word + " extradition -weather").get("/api/v1/claims")
                .then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("items.id", Long.class)).containsExactly(hit);
        var stemmed = contributor.spec().queryParam("q", word + " denies").get("/api/v1/claims").then()
                .extract().jsonPath();
        assertThat(stemmed.getList("items.id", Long.class)).containsExactly(hit);
    }

    @Test
    void searchFindsAndPagesThroughMatchesOlderThanTheNewestWindow() throws Exception {
        String word = "quitonian" + (System.nanoTime() % 100000);
        long old = TestApi.submitClaim(contributor, "The " + word + " consulate issued the first passport.");
        skipClaimIds(ClaimRepository.SEARCH_WINDOW + 100);
        long middle = TestApi.submitClaim(contributor, "The " + word + " consulate revoked the passport later.");
        skipClaimIds(ClaimRepository.SEARCH_WINDOW + 100);
        long recent = TestApi.submitClaim(contributor, "The " + word + " consulate denied any passport was issued.");
        TestApi.submitClaim(contributor, "An unrelated statement about the weather in London last spring.");

        var all = contributor.spec().queryParam("q", word + " passport").get("/api/v1/claims").then()
                .statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.id", Long.class)).containsExactly(recent, middle, old);

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            var spec = contributor.spec().queryParam("q", word).queryParam("limit", 1);
            var page = (cursor == null ? spec : spec.queryParam("cursor", cursor)).get("/api/v1/claims").then()
                    .statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertThat(paged).containsExactly(recent, middle, old);
    }

    private void skipClaimIds(int count) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("SELECT setval(seq, nextval(seq) + " + count + ") FROM "
                    + "(SELECT CAST(pg_get_serial_sequence('claim', 'id') AS regclass) AS seq) s");
        }
    }

    @Test
    void rejectsBadCursorsLimitsAndStatuses() {
        contributor.spec().queryParam("cursor", "not-a-cursor!").get("/api/v1/claims").then().statusCode(400)
                .contentType("application/problem+json");
        contributor.spec().queryParam("limit", 1000).get("/api/v1/claims").then().statusCode(422);
        contributor.spec().queryParam("status", "PENDING").get("/api/v1/claims").then().statusCode(400);
    }

    @Test
    void countsClaimsPerStatus() {
        var counts = contributor.spec().get("/api/v1/claims/counts").then().statusCode(200).extract().jsonPath();
        assertThat(counts.getMap("")).containsKeys("SUBMITTED", "RESEARCHING", "IN_REVIEW", "RATED", "DISMISSED");
    }

    @Test
    void metricsExposeClaimsPerStatus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("factdesk_claims{status=\"SUBMITTED\"}"));
    }

    @Test
    void oversizedBodiesGetA413ProblemAndStoreNothing() {
        long before = contributor.spec().get("/api/v1/claims/counts").then().extract().jsonPath().getLong("SUBMITTED");
        String huge = "{\"statement\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        contributor.spec().body(huge).post("/api/v1/claims").then().statusCode(413)
                .contentType("application/problem+json");
        long after = contributor.spec().get("/api/v1/claims/counts").then().extract().jsonPath().getLong("SUBMITTED");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void operationalEndpointsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("submitClaim"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
