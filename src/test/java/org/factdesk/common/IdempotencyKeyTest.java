package org.factdesk.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    EntityManager em;

    private static String newKey() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    private long claimsWith(String statement) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM claim WHERE statement = ?1").setParameter(1, statement)
                .getSingleResult()).longValue());
    }

    private static Response submit(Actor actor, String key, String statement) {
        return actor.spec().header("Idempotency-Key", key).body(Map.of("statement", statement))
                .post("/api/v1/claims");
    }

    @Test
    void replaysTheStoredResponseToARetryWithTheSameKeyAndBody() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String key = newKey();
        String statement = "Ecuador's embassy asked Assange to clean his bathroom " + key;
        Response first = submit(contributor, key, statement);
        first.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        Response again = submit(contributor, key, statement);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(again.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(claimsWith(statement)).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyAndCreatesNothing() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String key = newKey();
        submit(contributor, key, "Moreno said the asylum was unsustainable " + key).then().statusCode(201);
        String other = "Moreno said the asylum would last forever " + key;
        submit(contributor, key, other).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("Idempotency-Key"));
        assertThat(claimsWith(other)).isZero();
    }

    // Repeated because the race it guards (a duplicate taking the key just as the first commits) is a matter of timing
    @RepeatedTest(5)
    void twentyConcurrentIdenticalPostsCreateOneClaim() throws Exception {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String key = newKey();
        String statement = "Twenty retries of one submission about the embassy " + key;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Response>> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return submit(contributor, key, statement);
                }));
            }
            start.countDown();
            int executed = 0;
            List<Long> ids = new ArrayList<>();
            for (Future<Response> f : results) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isIn(201, 409);
                if (r.statusCode() == 201) {
                    ids.add(r.jsonPath().getLong("id"));
                    if (r.header("Idempotent-Replayed") == null) {
                        executed++;
                    }
                } else {
                    assertThat(r.jsonPath().getString("type")).endsWith("idempotency-key-in-use");
                    assertThat(r.header("Retry-After")).isNotNull();
                }
            }
            assertThat(executed).isEqualTo(1);
            assertThat(ids).hasSizeGreaterThanOrEqualTo(1).allMatch(ids.get(0)::equals);
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimsWith(statement)).isEqualTo(1);
        submit(contributor, key, statement).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void scopesKeysToTheCaller() {
        String key = newKey();
        String statement = "Two newsrooms' systems happen to pick the same key " + key;
        submit(TestApi.user(Role.CONTRIBUTOR), key, statement).then().statusCode(201);
        submit(TestApi.user(Role.FACT_CHECKER), key, statement).then().statusCode(201)
                .header("Idempotent-Replayed", (String) null);
        assertThat(claimsWith(statement)).isEqualTo(2);
    }

    @Test
    void keepsNothingForARefusedRequestSoTheCorrectedOneRuns() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String key = newKey();
        contributor.spec().header("Idempotency-Key", key).body(Map.of("statement", ""))
                .post("/api/v1/claims").then().statusCode(422);
        String statement = "A corrected submission after a refused one " + key;
        submit(contributor, key, statement).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(claimsWith(statement)).isEqualTo(1);
    }

    @Test
    void refusesMalformedKeysWithAProblemAndCreatesNothing() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String statement = "A claim sent with a broken key " + UUID.randomUUID();
        for (String bad : List.of("\"\"", "\"unterminated", "\"a\" \"b\"", "two words", "\"" + "k".repeat(256) + "\"",
                "\"caf\u00e9\"")) {
            contributor.spec().header("Idempotency-Key", bad).body(Map.of("statement", statement))
                    .post("/api/v1/claims").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("Idempotency-Key"));
        }
        contributor.spec().header("Idempotency-Key", "\"a\"").header("Idempotency-Key", "\"b\"")
                .body(Map.of("statement", statement)).post("/api/v1/claims").then().statusCode(400);
        assertThat(claimsWith(statement)).isZero();
        // a bare token is accepted as well as the Structured Field string
        submit(contributor, UUID.randomUUID().toString(), statement).then().statusCode(201);
    }

    @Test
    void runsAgainOnceTheKeyHasExpired() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String key = newKey();
        String statement = "A retry that comes a day too late " + key;
        submit(contributor, key, statement).then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?1")
                .setParameter(1, key.substring(1, key.length() - 1)).executeUpdate());
        submit(contributor, key, statement).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(claimsWith(statement)).isEqualTo(2);
    }

    @Test
    void aRetriedRulingDraftGetsItsStoredAnswerNotAPreconditionFailure() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = TestApi.researchingClaim(checker, "Assange's cat was taken into care " + UUID.randomUUID());
        long link = checker.spec().body(Map.of("url", "https://gov.example.ec/cat", "title", "The ministry's note",
                "stance", "REFUTES")).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String etag = TestApi.etag(checker, claimId);
        String key = newKey();
        Map<String, Object> body = Map.of("verdict", "false", "headline", "No, the cat was not seized",
                "claimReviewed", "Assange's cat was taken into care", "summary", "The embassy gave the cat to a family.",
                "evidenceIds", List.of(link));
        Response first = checker.spec().header("If-Match", etag).header("Idempotency-Key", key).body(body)
                .post("/api/v1/claims/" + claimId + "/rulings");
        first.then().statusCode(201);
        // the claim moved on to IN_REVIEW, so the same If-Match would now fail: the retry must not run again
        Response retry = checker.spec().header("If-Match", etag).header("Idempotency-Key", key).body(body)
                .post("/api/v1/claims/" + claimId + "/rulings");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.jsonPath().getLong("id")).isEqualTo(first.jsonPath().getLong("id"));
    }

    @Test
    void replaysAnUploadRetriedWithANewMultipartBoundary() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = TestApi.researchingClaim(checker, "The embassy installed cameras " + UUID.randomUUID());
        String key = newKey();
        byte[] file = ("Minutes of the embassy meeting " + key).getBytes(StandardCharsets.UTF_8);
        Response first = given().cookie("factdesk_session", checker.cookie()).header("Idempotency-Key", key)
                .multiPart("file", "minutes.txt", file, "text/plain").multiPart("stance", "CONTEXT")
                .post("/api/v1/claims/" + claimId + "/evidence");
        first.then().statusCode(201);
        Response retry = given().cookie("factdesk_session", checker.cookie()).header("Idempotency-Key", key)
                .multiPart("file", "minutes.txt", file, "text/plain").multiPart("stance", "CONTEXT")
                .post("/api/v1/claims/" + claimId + "/evidence");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.asByteArray()).isEqualTo(first.asByteArray());
    }

    @Test
    void replaysCommentsAndLinkEvidence() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = TestApi.researchingClaim(checker, "The ministry published the protocol " + UUID.randomUUID());
        for (String path : List.of("/comments", "/evidence")) {
            String key = newKey();
            Map<String, Object> body = path.equals("/comments") ? Map.of("body", "Asked the ministry for the protocol")
                    : Map.of("url", "https://gov.example.ec/protocol", "title", "The protocol", "stance", "CONTEXT");
            Response first = checker.spec().header("Idempotency-Key", key).body(body)
                    .post("/api/v1/claims/" + claimId + path);
            first.then().statusCode(201);
            checker.spec().header("Idempotency-Key", key).body(body).post("/api/v1/claims/" + claimId + path)
                    .then().statusCode(201).header("Idempotent-Replayed", "true");
        }
        assertThat(checker.spec().get("/api/v1/claims/" + claimId + "/comments").jsonPath().getList("items"))
                .hasSize(1);
    }

    @Test
    void documentsTheHeaderOnTheCreatingOperations() {
        var spec = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(spec.getList("paths.'/api/v1/claims'.post.parameters.name", String.class))
                .contains("Idempotency-Key");
        assertThat(spec.getMap("paths.'/api/v1/claims'.post.responses.'201'.headers")).containsKey("Idempotent-Replayed");
    }
}
