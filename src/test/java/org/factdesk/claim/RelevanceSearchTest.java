package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/v1/claims?q=&sort=relevance}: best full-text rank first, keyset-paged; newest first stays the default. */
@QuarkusTest
class RelevanceSearchTest {

    Actor checker;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
    }

    @Test
    void theClaimThatMatchesBestComesFirstEvenWhenOthersAreNewer() {
        String m = "Quexton" + System.nanoTime();
        long close = TestApi.submitClaim(checker, m + " dockworkers strike closes the harbour.");
        long apart = TestApi.submitClaim(checker, m + " officials said the long awaited harbour renovation, which "
                + "had been delayed by years of budget disputes and legal challenges, was finally complete despite a strike.");

        List<Long> byRelevance = ids(search(m + " harbour strike", "relevance", 20, null));
        assertThat(byRelevance).containsExactly(close, apart);
        List<Long> newestFirst = ids(search(m + " harbour strike", null, 20, null));
        assertThat(newestFirst).containsExactly(apart, close);
    }

    @Test
    void pagesByRelevanceWithoutRepeatsOrGaps() {
        String m = "Vellacourt" + System.nanoTime();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(TestApi.submitClaim(checker, m + " bridge toll rises " + (i % 2 == 0 ? "sharply " : "")
                    + "bridge toll again, claim " + i));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = search(m + " bridge toll", "relevance", 2, cursor);
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).isEqualTo(ids(search(m + " bridge toll", "relevance", 20, null)));
    }

    @Test
    void relevanceWithoutAQueryIsRefusedAndAnUnknownSortIsABadRequest() {
        var noQuery = checker.spec().queryParam("sort", "relevance").get("/api/v1/claims").then().statusCode(422)
                .extract();
        assertThat(noQuery.jsonPath().getString("errors[0].field")).isEqualTo("sort");
        var unknown = checker.spec().queryParam("sort", "oldest").get("/api/v1/claims").then().statusCode(400).extract();
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        checker.spec().queryParam("q", "x").queryParam("sort", "relevance").queryParam("cursor", "not-a-cursor")
                .get("/api/v1/claims").then().statusCode(400);
    }

    private JsonPath search(String q, String sort, int limit, String cursor) {
        var spec = checker.spec().queryParam("q", q).queryParam("limit", limit);
        if (sort != null) {
            spec.queryParam("sort", sort);
        }
        if (cursor != null) {
            spec.queryParam("cursor", cursor);
        }
        return spec.get("/api/v1/claims").then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> ids(JsonPath page) {
        return page.getList("items.id", Long.class);
    }
}
