package org.factdesk.ruling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import javax.sql.DataSource;

import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The public "has this been checked?" search: published ClaimReviews ranked by similarity to a free text, with no
 * staff data, and a request budget per client address kept in PostgreSQL. Each test sends from a loopback address
 * of its own (127.0.0.0/8 is all ours), so budgets spent by one test do not leak into another.
 */
@QuarkusTest
class PublicReviewSearchTest {

    static final String SEARCH = "/api/public/claim-reviews/search";
    static final int LIMIT = 60; // factdesk.public-search.rate-limit's default, per minute

    @Inject
    DataSource dataSource;

    @Test
    void aRewordedQuestionFindsThePublishedReviewOfTheOriginalWithoutStaffData() {
        Actor checker = TestApi.newUser(Role.FACT_CHECKER);
        Actor editor = TestApi.newUser(Role.EDITOR);
        String marker = "Tarvuna" + System.nanoTime();
        long claimId = PublishedRulings.ratedClaim(checker, editor,
                "The port of " + marker + " will be closed to foreign fishing fleets from next year.", "false");

        JsonPath answer = from(freshAddress()).queryParam("q", "Is it true " + marker + " port closes to foreign fishing fleets next year?")
                .get(SEARCH).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("model")).isEqualTo("lexical-v1");
        assertThat(answer.getList("items")).isNotEmpty();
        Map<String, Object> best = answer.getMap("items[0]");
        long rulingId = editor.spec().get("/api/v1/claims/" + claimId + "/rulings").then().statusCode(200).extract()
                .jsonPath().getLong("items.find { it.status == 'PUBLISHED' }.id");
        assertThat(answer.getLong("items[0].review.id")).isEqualTo(rulingId);
        assertThat(answer.getBoolean("items[0].likely")).isTrue();
        assertThat(answer.getString("items[0].review.rating")).isNotBlank();
        assertThat(answer.getString("items[0].review.claimReview")).startsWith("/api/public/claim-reviews/");
        assertThat(answer.getFloat("items[0].score")).isBetween(0f, 1f);
        assertThat(best).containsOnlyKeys("review", "score", "likely");
        // what a partner sees is the public summary, not the desk's claim: no ids of staff, no workflow
        String raw = answer.prettify();
        assertThat(raw).doesNotContain(checker.name()).doesNotContain(editor.name())
                .doesNotContain("allowedActions").doesNotContain("assignee").doesNotContain("\"claimId\"");
    }

    @Test
    void claimsWithoutAPublishedRulingAreNotFound() {
        Actor checker = TestApi.newUser(Role.FACT_CHECKER);
        String marker = "Brelloway" + System.nanoTime();
        TestApi.researchingClaim(checker, marker + " schools will teach four days a week from January.");
        JsonPath answer = from(freshAddress()).queryParam("q", marker + " schools four day week January").get(SEARCH)
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("items.review.claimReviewed", String.class)).noneMatch(s -> s.contains(marker));
    }

    @Test
    void badQueriesAreProblemsAndNeverServerErrors() {
        String address = freshAddress();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("no q", Map.of());
        cases.put("blank q", Map.of("q", "  "));
        cases.put("q over 5000 characters", Map.of("q", "a".repeat(5001)));
        cases.put("unknown language", Map.of("q", "Assange embassy", "language", "xx"));
        cases.put("limit 0", Map.of("q", "Assange embassy", "limit", 0));
        cases.put("limit 51", Map.of("q", "Assange embassy", "limit", 51));
        cases.forEach((name, params) -> {
            var r = from(address).queryParams(params).get(SEARCH).then().extract();
            assertThat(r.statusCode()).as(name).isEqualTo(422);
            assertThat(r.contentType()).as(name).startsWith("application/problem+json");
        });
        assertThat(from(address).queryParam("q", " ").get(SEARCH).then().extract().jsonPath()
                .getString("errors[0].field")).as("the problem names the client's parameter").isEqualTo("q");
        var nul = from(address).urlEncodingEnabled(false).get(SEARCH + "?q=a%00b").then().extract();
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.contentType()).startsWith("application/problem+json");
        var emoji = from(address).queryParam("q", "\uD83D\uDE00\uD83D\uDE4C").get(SEARCH).then().extract();
        assertThat(emoji.statusCode()).isIn(200, 422);
    }

    @Test
    void aClientAboveItsBudgetGets429WithRetryAfterWhileOtherAddressesGoOn() throws Exception {
        awaitFreshWindow();
        String flooder = freshAddress();
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(search(flooder).statusCode()).as("request %d of %d", i, LIMIT).isEqualTo(200);
        }
        ExtractableResponse<Response> refused = search(flooder);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.jsonPath().getString("type")).endsWith("rate-limited");
        assertThat(refused.jsonPath().getInt("limit")).isEqualTo(LIMIT);
        assertThat(refused.jsonPath().getString("detail")).doesNotContain("Exception").doesNotContain("SQL");

        // the count lives in PostgreSQL, where every instance spends the same budget (two jars: .ci/run step 4)
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(
                "SELECT hits FROM rate_limit_window WHERE scope = 'public-review-search' AND subject = ?")) {
            st.setString(1, flooder);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("stops one above the budget").isEqualTo(LIMIT + 1);
            }
        }

        assertThat(search(freshAddress()).statusCode()).as("another client address").isEqualTo(200);
        assertThat(search(flooder).statusCode()).as("still refused within the window").isEqualTo(429);
    }

    @Test
    void badRequestsSpendTheBudgetToo() throws InterruptedException {
        awaitFreshWindow();
        String address = freshAddress();
        for (int i = 0; i < LIMIT; i++) {
            from(address).queryParam("q", "").get(SEARCH).then().statusCode(422);
        }
        assertThat(search(address).statusCode()).isEqualTo(429);
    }

    private static ExtractableResponse<Response> search(String address) {
        return from(address).queryParam("q", "Ecuador expel Assange embassy").queryParam("limit", 3).get(SEARCH)
                .then().extract();
    }

    /** A request sent from this loopback address; the server sees it as the client's address. */
    static RequestSpecification from(String address) {
        InetAddress local;
        try {
            local = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return given().config(RestAssured.config().httpClient(
                HttpClientConfig.httpClientConfig().setParam("http.route.local-address", local)));
    }

    /** A loopback address no other test of this run sends from. */
    static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + "." + r.nextInt(2, 255);
    }

    /** Budgets are per minute-aligned window: start a counting test with enough of the window left to finish it. */
    static void awaitFreshWindow() throws InterruptedException {
        long intoWindow = Instant.now().toEpochMilli() % 60_000;
        if (intoWindow > 40_000) {
            Thread.sleep(60_000 - intoWindow + 200);
        }
    }
}
