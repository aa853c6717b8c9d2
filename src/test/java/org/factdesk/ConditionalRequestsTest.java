package org.factdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * RFC 9110 conditional requests on every resource that reads If-Match or If-None-Match: one dynamic test per
 * resource and case. Each write case works on a fresh resource, so every case starts from a known version.
 */
@QuarkusTest
class ConditionalRequestsTest {

    /** A versioned resource prepared for one write: where its ETag can be read, and the write to send. */
    private record Prepared(String readPath, Actor reader, Function<RequestSpecification, Response> write) {
    }

    /** A write endpoint guarded by If-Match. */
    private record Write(String name, boolean required, Function<Actors, Prepared> prepare) {
    }

    private record Actors(Actor checker, Actor editor, Actor admin) {
    }

    /** One If-Match case: the header lines to send given the current ETag, and the expected outcome. */
    private record Case(String name, Function<String, List<String>> header, int status) {
    }

    private static final int OK = 200;
    private static final int ABSENT = -1;

    private static List<Case> ifMatchCases(boolean required) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("the current tag succeeds", etag -> List.of(etag), OK));
        cases.add(new Case("* matches the existing resource", etag -> List.of("*"), OK));
        cases.add(new Case("a list holding the current tag succeeds", etag -> List.of("\"999\", " + etag + ", \"x\""), OK));
        cases.add(new Case("the current tag on a second header line succeeds", etag -> List.of("\"999\"", etag), OK));
        cases.add(new Case("a weak tag never matches (412)", etag -> List.of("W/" + etag), 412));
        cases.add(new Case("an opaque tag that is not ours is 412", etag -> List.of("\"abc\""), 412));
        cases.add(new Case("a stale or future version is 412", etag -> List.of("\"999\""), 412));
        cases.add(new Case("the version with a leading zero is another tag (412)",
                etag -> List.of("\"0" + etag.replace("\"", "") + "\""), 412));
        cases.add(new Case("an unquoted version is malformed (400)", etag -> List.of(etag.replace("\"", "")), 400));
        cases.add(new Case("an unterminated tag is malformed (400)", etag -> List.of("\"unterminated"), 400));
        cases.add(new Case("* with a tag is malformed (400)", etag -> List.of("*, " + etag), 400));
        cases.add(new Case(required ? "absent is 428" : "absent is allowed (optional here)", etag -> List.of(),
                required ? 428 : OK));
        return cases;
    }

    private static List<Write> writes() {
        return List.of(
                new Write("PATCH /claims/{id}", true, a -> {
                    long id = TestApi.submitClaim(a.editor(), "Conditional edit " + System.nanoTime());
                    return new Prepared("/api/v1/claims/" + id, a.editor(),
                            s -> s.body(Map.of("claimant", "Ministry " + System.nanoTime())).patch("/api/v1/claims/" + id));
                }),
                new Write("POST /claims/{id}/transitions", true, a -> {
                    long id = TestApi.submitClaim(a.checker(), "Conditional move " + System.nanoTime());
                    return new Prepared("/api/v1/claims/" + id, a.checker(),
                            s -> s.body(Map.of("to", "RESEARCHING")).post("/api/v1/claims/" + id + "/transitions"));
                }),
                new Write("PUT /claims/{id}/assignee", true, a -> {
                    long id = TestApi.submitClaim(a.editor(), "Conditional assignment " + System.nanoTime());
                    return new Prepared("/api/v1/claims/" + id, a.editor(),
                            s -> s.body(Map.of("username", a.checker().name())).put("/api/v1/claims/" + id + "/assignee"));
                }),
                new Write("POST /claims/{id}/rulings (If-Match of the claim)", true, a -> {
                    long id = TestApi.researchingClaim(a.checker(), "Conditional draft " + System.nanoTime());
                    long link = link(a.checker(), id);
                    return new Prepared("/api/v1/claims/" + id, a.checker(),
                            s -> s.body(draft(link)).post("/api/v1/claims/" + id + "/rulings"));
                }),
                new Write("POST /rulings/{id}/approval", false, a -> {
                    long ruling = drafted(a.checker());
                    return new Prepared("/api/v1/rulings/" + ruling, a.editor(),
                            s -> s.post("/api/v1/rulings/" + ruling + "/approval"));
                }),
                new Write("POST /rulings/{id}/return", false, a -> {
                    long ruling = drafted(a.checker());
                    return new Prepared("/api/v1/rulings/" + ruling, a.editor(),
                            s -> s.body(Map.of("comment", "Add the ministry's statement")).post(
                                    "/api/v1/rulings/" + ruling + "/return"));
                }),
                new Write("PATCH /comments/{id}", true, a -> {
                    long comment = comment(a.checker());
                    return new Prepared("/api/v1/comments/" + comment, a.checker(),
                            s -> s.body(Map.of("body", "Edited " + System.nanoTime())).patch("/api/v1/comments/" + comment));
                }),
                new Write("DELETE /comments/{id}", false, a -> {
                    long comment = comment(a.checker());
                    return new Prepared("/api/v1/comments/" + comment, a.checker(),
                            s -> s.delete("/api/v1/comments/" + comment));
                }),
                new Write("PUT /rating-scale (unchanged verdicts: the precondition is still evaluated)", true, a -> {
                    List<Map<String, Object>> verdicts = a.admin().spec().get("/api/v1/rating-scale").then()
                            .statusCode(200).extract().jsonPath().getList("verdicts");
                    verdicts.forEach(v -> v.keySet().retainAll(List.of("key", "label", "value", "retired", "description")));
                    return new Prepared("/api/v1/rating-scale", a.admin(),
                            s -> s.body(Map.of("verdicts", verdicts)).put("/api/v1/rating-scale"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEvaluatesIfMatchPerRfc9110() {
        Actors actors = new Actors(TestApi.user(Role.FACT_CHECKER), TestApi.user(Role.EDITOR), TestApi.admin());
        return writes().stream().flatMap(w -> ifMatchCases(w.required()).stream().map(c -> DynamicTest.dynamicTest(
                w.name() + ": " + c.name(), () -> {
                    Prepared p = w.prepare().apply(actors);
                    String before = etagOf(p);
                    RequestSpecification spec = p.reader().spec();
                    for (String line : c.header().apply(before)) {
                        spec = spec.header("If-Match", line);
                    }
                    Response r = p.write().apply(spec);
                    if (c.status() == OK) {
                        assertThat(r.statusCode()).as(r.asString()).isBetween(200, 204);
                        return;
                    }
                    assertThat(r.statusCode()).as(r.asString()).isEqualTo(c.status());
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    if (c.status() == 412) {
                        assertThat(r.header("ETag")).isEqualTo(before);
                        assertThat(r.jsonPath().getString("detail")).contains(before);
                    }
                    assertThat(etagOf(p)).as("a refused write changes nothing").isEqualTo(before);
                })));
    }

    /** A GET resource: how to create one, and its path. */
    private record Read(String name, Function<Actors, String> create) {
    }

    private record ReadCase(String name, Function<String, String> header, int status) {
    }

    private static final List<ReadCase> IF_NONE_MATCH = List.of(
            new ReadCase("the current tag is 304", etag -> etag, 304),
            new ReadCase("the weak form of the current tag is 304 (weak comparison)", etag -> "W/" + etag, 304),
            new ReadCase("a list holding the current tag is 304", etag -> "\"x\", W/\"y\", " + etag, 304),
            new ReadCase("* is 304 for an existing resource", etag -> "*", 304),
            new ReadCase("another tag is 200", etag -> "\"999\", \"abc\"", 200),
            new ReadCase("absent is 200", etag -> null, 200),
            new ReadCase("a malformed field is 400", etag -> etag.replace("\"", ""), 400));

    @TestFactory
    Stream<DynamicTest> getsAnswer304WhenIfNoneMatchListsTheCurrentTag() {
        Actors actors = new Actors(TestApi.user(Role.FACT_CHECKER), TestApi.user(Role.EDITOR), TestApi.admin());
        List<Read> reads = List.of(
                new Read("GET /claims/{id}", a -> "/api/v1/claims/" + TestApi.submitClaim(a.checker(), "Cached " + System.nanoTime())),
                new Read("GET /rulings/{id}", a -> "/api/v1/rulings/" + drafted(a.checker())),
                new Read("GET /comments/{id}", a -> "/api/v1/comments/" + comment(a.checker())),
                new Read("GET /evidence/{id}/content (ETag = SHA-256)", a -> "/api/v1/evidence/" + file(a.checker()) + "/content"));
        return reads.stream().flatMap(read -> IF_NONE_MATCH.stream().map(c -> DynamicTest.dynamicTest(
                read.name() + ": " + c.name(), () -> {
                    String path = read.create().apply(actors);
                    Response first = actors.editor().spec().get(path);
                    first.then().statusCode(200);
                    String etag = first.header("ETag");
                    assertThat(etag).matches("\"[0-9a-f]+\"");
                    RequestSpecification spec = actors.editor().spec();
                    String header = c.header().apply(etag);
                    if (header != null) {
                        spec = spec.header("If-None-Match", header);
                    }
                    Response r = spec.get(path);
                    assertThat(r.statusCode()).as(r.asString()).isEqualTo(c.status());
                    if (c.status() == 304) {
                        assertThat(r.header("ETag")).isEqualTo(etag);
                        assertThat(r.asByteArray()).isEmpty();
                    } else if (c.status() == 200) {
                        assertThat(r.header("ETag")).isEqualTo(etag);
                        assertThat(r.asByteArray()).isEqualTo(first.asByteArray());
                    } else {
                        assertThat(r.contentType()).startsWith("application/problem+json");
                    }
                })));
    }

    @org.junit.jupiter.api.Test
    void claimViewsAreNeverStoredByABrowserCacheBecauseTheirActionsDependOnTheCaller() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        String path = "/api/v1/claims/" + TestApi.submitClaim(checker, "Per-caller " + System.nanoTime());
        Response asChecker = checker.spec().get(path);
        Response asEditor = editor.spec().get(path);
        // same stored version, so the same ETag, but not the same representation
        assertThat(asEditor.header("ETag")).isEqualTo(asChecker.header("ETag"));
        assertThat(asEditor.jsonPath().getList("allowedActions"))
                .isNotEqualTo(asChecker.jsonPath().getList("allowedActions"));
        // a browser that revalidated a stored copy would be told 304 and show the editor the checker's actions
        for (Response r : List.of(asChecker, asEditor)) {
            assertThat(r.header("Cache-Control")).contains("no-store");
        }
    }

    @org.junit.jupiter.api.Test
    void aCommentHasAGetWithTheVisibilityOfItsThread() {
        Actor contributor = TestApi.newUser(Role.CONTRIBUTOR);
        Actor stranger = TestApi.newUser(Role.CONTRIBUTOR);
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claim = TestApi.submitClaim(contributor, "A contributor's claim with a comment " + System.nanoTime());
        long comment = contributor.spec().body(Map.of("body", "Here is the original post")).post(
                "/api/v1/claims/" + claim + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        Response own = contributor.spec().get("/api/v1/comments/" + comment);
        own.then().statusCode(200);
        assertThat(own.jsonPath().getString("body")).isEqualTo("Here is the original post");
        assertThat(own.header("ETag")).isEqualTo("\"0\"");
        checker.spec().get("/api/v1/comments/" + comment).then().statusCode(200);
        TestApi.user(Role.AUDITOR).spec().get("/api/v1/comments/" + comment).then().statusCode(200);
        stranger.spec().get("/api/v1/comments/" + comment).then().statusCode(404);
        checker.spec().get("/api/v1/comments/999999999").then().statusCode(404);
        RestAssured.given().get("/api/v1/comments/" + comment).then().statusCode(401);
        // an edit changes the tag: the old one no longer revalidates
        contributor.spec().header("If-Match", "\"0\"").body(Map.of("body", "Here is the original post, archived"))
                .patch("/api/v1/comments/" + comment).then().statusCode(200).header("ETag", "\"1\"");
        Response after = contributor.spec().header("If-None-Match", "\"0\"").get("/api/v1/comments/" + comment);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.jsonPath().getString("body")).endsWith("archived");
    }

    private static String etagOf(Prepared p) {
        return p.reader().spec().get(p.readPath()).then().statusCode(200).extract().header("ETag");
    }

    private static long link(Actor checker, long claimId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", "https://gov.example.ec/statement/" + System.nanoTime());
        body.put("title", "Ministry statement");
        body.put("stance", "REFUTES");
        return checker.spec().body(body).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> draft(long evidenceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", "false");
        body.put("headline", "No, Ecuador did not announce it would expel Assange");
        body.put("claimReviewed", "Ecuador planned to expel Assange from its embassy");
        body.put("summary", "The Foreign Ministry denied any plan to end the asylum.");
        body.put("evidenceIds", List.of(evidenceId));
        return body;
    }

    /** A ruling drafted by the checker (so an editor may approve or return it). */
    private static long drafted(Actor checker) {
        long claim = TestApi.researchingClaim(checker, "Conditional ruling " + System.nanoTime());
        long link = link(checker, claim);
        return checker.spec().header("If-Match", TestApi.etag(checker, claim)).body(draft(link))
                .post("/api/v1/claims/" + claim + "/rulings").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long comment(Actor checker) {
        long claim = TestApi.submitClaim(checker, "Conditional comment " + System.nanoTime());
        return checker.spec().body(Map.of("body", "Where is the source?")).post("/api/v1/claims/" + claim + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long file(Actor checker) {
        long claim = TestApi.researchingClaim(checker, "Conditional download " + System.nanoTime());
        byte[] text = ("The ministry said on 5 April it had no plans " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        long id = RestAssured.given().cookie("factdesk_session", checker.cookie())
                .multiPart("file", "statement.txt", text, "text/plain").multiPart("stance", "REFUTES")
                .post("/api/v1/claims/" + claim + "/evidence").then().statusCode(201).extract().jsonPath().getLong("id");
        return id;
    }
}
