package org.factdesk.comment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CommentTest {

    private Actor checker;
    private Actor editor;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
    }

    private long claim() {
        return TestApi.submitClaim(checker, "Comment test claim " + System.nanoTime());
    }

    private static Response post(Actor actor, long claimId, String body, Long parentId) {
        Map<String, Object> request = new HashMap<>();
        request.put("body", body);
        if (parentId != null) {
            request.put("parentId", parentId);
        }
        return actor.spec().body(request).post("/api/v1/claims/" + claimId + "/comments");
    }

    private static long id(Response r) {
        r.then().statusCode(201);
        return r.jsonPath().getLong("id");
    }

    private List<Map<String, Object>> thread(Actor actor, long claimId) {
        Response r = actor.spec().get("/api/v1/claims/" + claimId + "/comments");
        r.then().statusCode(200);
        return r.jsonPath().getList("items");
    }

    @Test
    void listsRepliesUnderTheirParentsInCreationOrder() {
        long claimId = claim();
        long a = id(post(checker, claimId, "A: where is the original statement?", null));
        long b = id(post(editor, claimId, "B: check the ministry site", null));
        long a1 = id(post(editor, claimId, "A1: on the ministry site", a));
        long b1 = id(post(checker, claimId, "B1: found it", b));
        long a2 = id(post(checker, claimId, "A2: thanks", a));
        long a11 = id(post(checker, claimId, "A1.1: archived as well", a1));
        List<Map<String, Object>> items = thread(checker, claimId);
        assertThat(items).extracting(m -> ((Number) m.get("id")).longValue()).containsExactly(a, a1, a11, a2, b, b1);
        assertThat(items.get(1)).containsEntry("parentId", (int) a).containsEntry("author", editor.name())
                .containsEntry("deleted", false).containsEntry("resolved", false).containsEntry("version", 0);

        long other = claim();
        Response cross = post(checker, other, "reply to another claim's comment", a);
        cross.then().statusCode(422);
        assertThat(cross.jsonPath().getList("errors.field")).containsExactly("parentId");
        post(checker, claimId, "reply to nothing", 999_999_999L).then().statusCode(422);
        post(checker, 999_999_999L, "on no claim", null).then().statusCode(404);
    }

    @Test
    void validatesTheBody() {
        long claimId = claim();
        post(checker, claimId, "   ", null).then().statusCode(422);
        checker.spec().body(Map.of()).post("/api/v1/claims/" + claimId + "/comments").then().statusCode(422);
        post(checker, claimId, "x".repeat(10_001), null).then().statusCode(422);
        Response longest = post(checker, claimId, "y".repeat(10_000), null);
        longest.then().statusCode(201);
        Response markup = post(checker, claimId, "<script>alert(1)</script> stays text", null);
        assertThat(markup.jsonPath().getString("body")).isEqualTo("<script>alert(1)</script> stays text");
        checker.spec().body(Map.of("body", "hi there", "author", "someone-else"))
                .post("/api/v1/claims/" + claimId + "/comments").then().statusCode(400);
    }

    @Test
    void editingNeedsIfMatchAndTheAuthor() {
        long claimId = claim();
        Response created = post(checker, claimId, "The date is 4 April", null);
        long id = id(created);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String url = "/api/v1/comments/" + id;
        checker.spec().body(Map.of("body", "The date is 5 April")).patch(url).then().statusCode(428);
        editor.spec().header("If-Match", "\"0\"").body(Map.of("body", "hijacked")).patch(url).then().statusCode(403);

        Response edited = checker.spec().header("If-Match", "\"0\"").body(Map.of("body", "The date is 5 April"))
                .patch(url);
        edited.then().statusCode(200);
        assertThat(edited.header("ETag")).isEqualTo("\"1\"");
        assertThat(edited.jsonPath().getString("body")).isEqualTo("The date is 5 April");
        assertThat(edited.jsonPath().getString("editedAt")).isNotNull();

        Response stale = checker.spec().header("If-Match", "\"0\"").body(Map.of("body", "lost update")).patch(url);
        stale.then().statusCode(412).contentType("application/problem+json");
        assertThat(thread(checker, claimId).get(0)).containsEntry("body", "The date is 5 April").containsEntry("version", 1);

        List<Map<String, Object>> events = checker.spec().get("/api/v1/claims/" + claimId + "/history").jsonPath()
                .getList("items");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) events.stream()
                .filter(e -> "COMMENT_EDITED".equals(e.get("type"))).findFirst().orElseThrow().get("data");
        assertThat(data).containsEntry("previousBody", "The date is 4 April").containsEntry("body", "The date is 5 April");
    }

    @Test
    void deletingLeavesATombstoneAndKeepsTheTextInTheAuditLog() {
        long claimId = claim();
        long parent = id(post(checker, claimId, "This source is unreliable", null));
        long reply = id(post(editor, claimId, "Agreed", parent));
        TestApi.newUser(Role.FACT_CHECKER).spec().delete("/api/v1/comments/" + parent).then().statusCode(403);
        editor.spec().delete("/api/v1/comments/" + parent).then().statusCode(204);
        editor.spec().delete("/api/v1/comments/" + parent).then().statusCode(204);

        List<Map<String, Object>> items = thread(checker, claimId);
        assertThat(items).extracting(m -> ((Number) m.get("id")).longValue()).containsExactly(parent, reply);
        assertThat(items.get(0)).containsEntry("deleted", true).containsEntry("author", checker.name());
        assertThat(items.get(0).get("body")).as("a tombstone has no body").isNull();
        checker.spec().header("If-Match", "\"1\"").body(Map.of("body", "back")).patch("/api/v1/comments/" + parent)
                .then().statusCode(409);
        checker.spec().post("/api/v1/comments/" + parent + "/resolution").then().statusCode(409);

        checker.spec().delete("/api/v1/comments/" + reply).then().statusCode(403);
        editor.spec().header("If-Match", "\"7\"").delete("/api/v1/comments/" + reply).then().statusCode(412);
        editor.spec().delete("/api/v1/comments/" + reply).then().statusCode(204);

        List<Map<String, Object>> events = checker.spec().get("/api/v1/claims/" + claimId + "/history").jsonPath()
                .getList("items");
        assertThat(events.stream().filter(e -> "COMMENT_DELETED".equals(e.get("type")))
                .map(e -> (Object) ((Map<?, ?>) e.get("data")).get("body"))).containsExactly("This source is unreliable", "Agreed");
    }

    @Test
    void recognisesMentionsOfExistingUsers() {
        long claimId = claim();
        Actor mentioned = TestApi.newUser(Role.EDITOR);
        Response r = post(checker, claimId, "@" + mentioned.name() + ", please look. Also @nobody-here and "
                + "mail@" + editor.name() + " and @" + mentioned.name().toUpperCase() + ". cc @" + editor.name() + ".", null);
        r.then().statusCode(201);
        assertThat(r.jsonPath().getList("mentions")).containsExactly(mentioned.name(), editor.name());
        long id = r.jsonPath().getLong("id");
        Response edited = checker.spec().header("If-Match", "\"0\"").body(Map.of("body", "no one now"))
                .patch("/api/v1/comments/" + id);
        assertThat(edited.jsonPath().getList("mentions")).isEmpty();
    }

    @Test
    void contributorsCommentOnlyOnTheirOwnClaimsAndAuditorsOnlyRead() {
        Actor contributor = TestApi.newUser(Role.CONTRIBUTOR);
        long own = TestApi.submitClaim(contributor, "Contributor's own claim for comments " + System.nanoTime());
        long other = claim();
        long mine = id(post(contributor, own, "Here is where I saw it", null));
        id(post(checker, own, "Thanks, checking", mine));
        post(contributor, other, "Can I comment here?", null).then().statusCode(404);
        contributor.spec().get("/api/v1/claims/" + other + "/comments").then().statusCode(404);
        assertThat(thread(contributor, own)).hasSize(2);

        Actor auditor = TestApi.user(Role.AUDITOR);
        assertThat(thread(auditor, own)).hasSize(2);
        post(auditor, own, "Auditors only read", null).then().statusCode(403);
        auditor.spec().post("/api/v1/comments/" + mine + "/resolution").then().statusCode(403);
        auditor.spec().delete("/api/v1/comments/" + mine).then().statusCode(403);
        post(TestApi.user(Role.ADMIN), other, "Administrators read, the desk writes", null).then().statusCode(403);
        assertThat(thread(TestApi.user(Role.ADMIN), own)).hasSize(2);

        given().get("/api/v1/claims/" + own + "/comments").then().statusCode(401);
        given().contentType("application/json").body(Map.of("body", "anon"))
                .post("/api/v1/claims/" + own + "/comments").then().statusCode(401);
        given().contentType("application/json").header("If-Match", "\"0\"").body(Map.of("body", "anon"))
                .patch("/api/v1/comments/" + mine).then().statusCode(401);
        given().delete("/api/v1/comments/" + mine).then().statusCode(401);
        given().post("/api/v1/comments/" + mine + "/resolution").then().statusCode(401);
    }

    @Test
    void resolvesReviewRemarksAndKeepsTheChainValid() {
        long claimId = claim();
        long remark = id(post(editor, claimId, "Needs a second source", null));
        TestApi.newUser(Role.FACT_CHECKER).spec().post("/api/v1/comments/" + remark + "/resolution").then()
                .statusCode(403);
        Response resolved = editor.spec().post("/api/v1/comments/" + remark + "/resolution");
        resolved.then().statusCode(200);
        assertThat(resolved.jsonPath().getBoolean("resolved")).isTrue();
        assertThat(resolved.jsonPath().getString("resolvedBy")).isEqualTo(editor.name());
        editor.spec().post("/api/v1/comments/" + remark + "/resolution").then().statusCode(200);
        checker.spec().post("/api/v1/comments/999999999/resolution").then().statusCode(404);

        List<Object> types = checker.spec().get("/api/v1/claims/" + claimId + "/history").jsonPath().getList("items.type");
        assertThat(types).containsSubsequence("CLAIM_SUBMITTED", "COMMENT_ADDED", "COMMENT_RESOLVED");
        assertThat(types.stream().filter("COMMENT_RESOLVED"::equals)).hasSize(1);
        Response verify = checker.spec().get("/api/v1/claims/" + claimId + "/history/verify");
        assertThat(verify.jsonPath().getBoolean("valid")).isTrue();
        assertThat(verify.jsonPath().getInt("events")).isEqualTo(types.size());
    }
}
