package org.factdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.audit.FeedFollowers;
import org.factdesk.identity.Role;
import org.factdesk.webhook.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Deliveries as a receiver sees them, checked by the standardwebhooks npm package on loopback (the test profile
 * allows http and loopback targets, and retries after 100-600 ms instead of 5 s-10 h).
 */
@QuarkusTest
class WebhookDeliveryTest {

    static WebhookReceiver receiver;
    final List<Long> endpoints = new ArrayList<>();

    @Inject
    FeedFollowers feed;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Endpoints outlive a test otherwise and would get every later test's events. */
    @AfterEach
    void deleteEndpoints() {
        for (long id : endpoints) {
            String etag = TestApi.admin().spec().get("/api/v1/webhooks/" + id).then().extract().header("ETag");
            if (etag != null) {
                TestApi.admin().spec().header("If-Match", etag).delete("/api/v1/webhooks/" + id);
            }
        }
    }

    JsonPath create(String path, List<String> events, List<String> tags) throws Exception {
        JsonPath made = TestApi.admin().spec().body(Map.of("url", receiver.url(path), "events", events, "tags", tags,
                "description", "test receiver " + path)).post("/api/v1/webhooks").then().statusCode(201).extract()
                .jsonPath();
        endpoints.add(made.getLong("webhook.id"));
        receiver.control(Map.of("secrets", List.of(made.getString("secret")), "failFirst", 0, "status", 204,
                "delayMs", 0));
        return made;
    }

    static List<Received> at(List<Received> all, String path) {
        return all.stream().filter(r -> r.path().equals(path)).toList();
    }

    static JsonPath deliveries(long endpoint) {
        return TestApi.admin().spec().get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void deliversACommittedEventSignedSoTheReferenceVerifierAcceptsIt() throws Exception {
        JsonPath made = create("/signed", List.of("claim.submitted"), List.of());
        assertThat(made.getString("secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
        long claim = TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Ecuador's embassy cut Assange's internet");

        List<Received> got = at(receiver.awaitReceived(r -> !at(r, "/signed").isEmpty(), Duration.ofSeconds(15)),
                "/signed");
        assertThat(got).hasSize(1);
        Received r = got.get(0);
        assertThat(r.verified()).as(r.error()).isTrue();
        assertThat(r.type()).isEqualTo("claim.submitted");
        assertThat(r.claimId()).isEqualTo(claim);
        assertThat(r.id()).startsWith("msg_" + r.seq() + "_");
        JsonPath log = deliveries(made.getLong("webhook.id"));
        assertThat(log.getString("items[0].status")).isEqualTo("SUCCEEDED");
        assertThat(log.getString("items[0].messageId")).isEqualTo(r.id());
        assertThat(log.getInt("items[0].lastStatus")).isEqualTo(204);
        // the secret is shown at creation only
        assertThat(TestApi.admin().spec().get("/api/v1/webhooks/" + made.getLong("webhook.id")).then()
                .statusCode(200).extract().asString()).doesNotContain(made.getString("secret"));
    }

    @Test
    void retriesAFailingReceiverWithTheSameWebhookIdUntilTheThirdAttemptSucceeds() throws Exception {
        JsonPath made = create("/flaky", List.of("claim.*"), List.of());
        receiver.control(Map.of("failFirst", 2, "failStatus", 503));
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange skateboarded in the embassy corridors");

        List<Received> got = at(receiver.awaitReceived(r -> at(r, "/flaky").size() >= 3, Duration.ofSeconds(20)),
                "/flaky");
        assertThat(got).extracting(Received::attempt).containsExactly(1, 2, 3);
        assertThat(got).extracting(Received::id).containsOnly(got.get(0).id());
        assertThat(got).allMatch(Received::verified);
        long endpoint = made.getLong("webhook.id");
        long delivery = awaitStatus(endpoint, "SUCCEEDED");
        JsonPath one = TestApi.admin().spec().get("/api/v1/webhooks/" + endpoint + "/deliveries/" + delivery).then()
                .statusCode(200).extract().jsonPath();
        assertThat(one.getInt("attempts")).isEqualTo(3);
        assertThat(one.getList("attemptLog.status", Integer.class)).containsExactly(503, 503, 204);
        assertThat(one.getString("attemptLog[0].response")).contains("refused (attempt 1)");
    }

    long awaitStatus(long endpoint, String status) throws InterruptedException {
        return awaitNewest(endpoint, "a " + status + " delivery", log -> status.equals(log.getString("items[0].status")));
    }

    long awaitLastStatus(long endpoint, int status) throws InterruptedException {
        return awaitNewest(endpoint, "an attempt answered " + status,
                log -> Integer.valueOf(status).equals(log.get("items[0].lastStatus")));
    }

    /** The id of the endpoint's newest delivery once the log satisfies the condition (polled for 15 s). */
    long awaitNewest(long endpoint, String what, java.util.function.Predicate<JsonPath> done)
            throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            JsonPath log = deliveries(endpoint);
            if (done.test(log)) {
                return log.getLong("items[0].id");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + ": " + deliveries(endpoint).prettify());
    }

    @Test
    void deliversTheEventsOfOneClaimInCommitOrderEvenWhenEachFailsOnce() throws Exception {
        create("/ordered", List.of("claim.*"), List.of());
        receiver.control(Map.of("failFirst", 1, "failStatus", 500));
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claim = TestApi.researchingClaim(checker, "Ecuador says Assange smeared faeces on the embassy walls");
        checker.spec().header("If-Match", TestApi.etag(checker, claim)).body(Map.of("claimant", "Ecuador's government"))
                .patch("/api/v1/claims/" + claim).then().statusCode(200);

        List<Received> ok = at(receiver.awaitReceived(r -> at(r, "/ordered").stream()
                .filter(x -> x.attempt() == 2 && "claim.edited".equals(x.type())).count() >= 1, Duration.ofSeconds(20)), "/ordered").stream()
                .filter(x -> x.attempt() == 2).toList();
        assertThat(ok).extracting(Received::type).containsSubsequence("claim.submitted", "claim.transitioned",
                "claim.edited");
        assertThat(ok).extracting(Received::claimId).containsOnly(claim);
        assertThat(ok).extracting(Received::seq).isSorted();
    }

    @Test
    void filtersByClaimTagAndEventType() throws Exception {
        create("/tagged", List.of("claim.submitted"), List.of("Elections"));
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        contributor.spec().body(Map.of("statement", "Ecuador's vote was rigged, a candidate says", "tags",
                List.of("elections"))).post("/api/v1/claims").then().statusCode(201);
        long untagged = TestApi.submitClaim(contributor, "Assange's cat was taken away by the embassy");
        long tagged = contributor.spec().body(Map.of("statement", "Turnout in Ecuador was 80 percent", "tags",
                List.of("elections", "turnout"))).post("/api/v1/claims").then().statusCode(201).extract().jsonPath()
                .getLong("id");

        List<Received> got = at(receiver.awaitReceived(r -> at(r, "/tagged").size() >= 2, Duration.ofSeconds(15)),
                "/tagged");
        Thread.sleep(500);
        got = at(receiver.received(), "/tagged");
        assertThat(got).hasSize(2).extracting(Received::claimId).doesNotContain(untagged).contains(tagged);
    }

    @Test
    void signsWithBothSecretsWhileARotatedOneIsStillValid() throws Exception {
        JsonPath made = create("/rotated", List.of("claim.submitted"), List.of());
        long id = made.getLong("webhook.id");
        String old = made.getString("secret");
        String etag = TestApi.admin().spec().get("/api/v1/webhooks/" + id).then().extract().header("ETag");
        JsonPath rotated = TestApi.admin().spec().header("If-Match", etag).post("/api/v1/webhooks/" + id + "/secret")
                .then().statusCode(200).extract().jsonPath();
        assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.getString("previousSecretValidUntil")).isNotNull();
        receiver.control(Map.of("secrets", List.of(old)));
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "The embassy spent millions on Assange's security");
        List<Received> got = at(receiver.awaitReceived(r -> !at(r, "/rotated").isEmpty(), Duration.ofSeconds(15)),
                "/rotated");
        assertThat(got.get(0).signatures()).isEqualTo(2);
        assertThat(got.get(0).verified()).as("verified with the old secret").isTrue();
        receiver.control(Map.of("secrets", List.of(rotated.getString("secret"))));
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "The embassy spent millions on Assange's food");
        got = at(receiver.awaitReceived(r -> at(r, "/rotated").size() >= 2, Duration.ofSeconds(15)), "/rotated");
        assertThat(got.get(1).verified()).as("verified with the new secret").isTrue();
    }

    @Test
    void disablesAnEndpointWhoseReceiverAnswersGoneAndSaysWhy() throws Exception {
        JsonPath made = create("/gone", List.of("claim.submitted"), List.of());
        receiver.control(Map.of("status", 410));
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange was served a notice of new embassy rules");
        long id = made.getLong("webhook.id");
        awaitStatus(id, "FAILED");
        JsonPath w = TestApi.admin().spec().get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(w.getBoolean("enabled")).isFalse();
        assertThat(w.getString("disabledReason")).contains("410");
    }

    @Test
    void disablesAnEndpointOnlyOnceEveryAttemptFailedForTwentyFourHours() throws Exception {
        long longFailing = create("/failing-25h", List.of("claim.submitted"), List.of()).getLong("webhook.id");
        long recentlyFailing = create("/failing-23h", List.of("claim.submitted"), List.of()).getLong("webhook.id");
        receiver.control(Map.of("failFirst", 1000, "failStatus", 500));
        // a day of failures without waiting a day: the endpoints have been failing since before the test began
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE webhook_endpoint SET failing_since = now() - interval '25 hours' WHERE id = "
                    + longFailing);
            s.executeUpdate("UPDATE webhook_endpoint SET failing_since = now() - interval '23 hours' WHERE id = "
                    + recentlyFailing);
        }
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange's cat was handed to his family, the embassy said");
        awaitLastStatus(longFailing, 500);
        awaitLastStatus(recentlyFailing, 500);

        JsonPath disabled = TestApi.admin().spec().get("/api/v1/webhooks/" + longFailing).then().statusCode(200)
                .extract().jsonPath();
        assertThat(disabled.getBoolean("enabled")).isFalse();
        assertThat(disabled.getString("disabledReason")).startsWith("every attempt failed since").contains("500");
        JsonPath still = TestApi.admin().spec().get("/api/v1/webhooks/" + recentlyFailing).then().statusCode(200)
                .extract().jsonPath();
        assertThat(still.getBoolean("enabled")).isTrue();
        assertThat(still.getString("disabledReason")).isNull();
        assertThat(still.getString("failingSince")).isNotNull();
    }

    @Test
    void followsNoRedirectAndTimesOutASlowReceiver() throws Exception {
        JsonPath made = create("/slow", List.of("claim.submitted"), List.of());
        receiver.control(Map.of("status", 302));
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange was moved to a smaller embassy room");
        long id = made.getLong("webhook.id");
        long delivery = awaitLastStatus(id, 302);
        JsonPath one = TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries/" + delivery).then()
                .extract().jsonPath();
        assertThat(one.getString("status")).as("a redirect is a failure, retried").isIn("PENDING", "FAILED");
        receiver.control(Map.of("status", 204, "delayMs", 3_000));
        TestApi.admin().spec().post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redeliver");
        for (int i = 0; i < 100; i++) {
            one = TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries/" + delivery).then().extract()
                    .jsonPath();
            if (one.getList("attemptLog.error").stream().anyMatch(e -> e != null && e.toString().contains("timed out"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(one.getList("attemptLog.error", String.class)).anyMatch(e -> e != null
                && e.contains("timed out after 2000 ms"));
    }

    @Test
    void redeliversAndReplaysWithTheSameWebhookId() throws Exception {
        JsonPath made = create("/replayed", List.of("claim.submitted"), List.of());
        long id = made.getLong("webhook.id");
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange's lawyers called the eviction illegal");
        List<Received> got = at(receiver.awaitReceived(r -> !at(r, "/replayed").isEmpty(), Duration.ofSeconds(15)),
                "/replayed");
        long delivery = awaitStatus(id, "SUCCEEDED");
        TestApi.admin().spec().post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redeliver").then()
                .statusCode(202);
        got = at(receiver.awaitReceived(r -> at(r, "/replayed").size() >= 2, Duration.ofSeconds(15)), "/replayed");
        assertThat(got).hasSize(2).extracting(Received::id).containsOnly(got.get(0).id());

        awaitStatus(id, "SUCCEEDED");
        TestApi.admin().spec().body(Map.of("fromSeq", got.get(0).seq())).post("/api/v1/webhooks/" + id + "/replay")
                .then().statusCode(202);
        got = at(receiver.awaitReceived(r -> at(r, "/replayed").size() >= 3, Duration.ofSeconds(15)), "/replayed");
        assertThat(got.get(2).id()).isEqualTo(got.get(0).id());
        TestApi.admin().spec().post("/api/v1/webhooks/" + id + "/deliveries/999999999/redeliver").then()
                .statusCode(404);
    }

    @Test
    void checksTheTargetAgainAtDeliveryTime() throws Exception {
        JsonPath made = create("/moved", List.of("claim.submitted"), List.of());
        long id = made.getLong("webhook.id");
        // what a DNS change would do to a public name: the stored target now leads to a private address
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE webhook_endpoint SET url = 'http://10.1.2.3/hook' WHERE id = " + id);
        }
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange's visitors were filmed by a security firm");
        for (int i = 0; i < 150; i++) {
            if (deliveries(id).getString("items[0].lastError") != null) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(deliveries(id).getString("items[0].lastError")).contains("not sent")
                .contains("10.1.2.3, a private address");
    }
}
