package org.factdesk.ruling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addFile;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.researchingClaim;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PublicClaimReviewTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Actor contributor;
    Actor checker;
    Actor drafter;
    Actor approver;

    @BeforeEach
    void signIn() {
        contributor = TestApi.newUser(Role.CONTRIBUTOR);
        checker = TestApi.newUser(Role.FACT_CHECKER);
        drafter = checker;
        approver = TestApi.newUser(Role.EDITOR);
    }

    @Test
    void claimReviewJsonLdHasEveryFieldGoogleListsAsRequiredOrRecommended() throws Exception {
        long claimId = researchingClaim(contributor, checker, "Ecuador's Foreign Ministry says it has no plans to expel Assange.");
        long link = addLink(checker, claimId, "https://gov.example.ec/statement", null);
        Map<String, Object> body = draftBody("false", List.of(link));
        body.put("claimantType", "ORGANIZATION");
        body.put("firstAppearanceUrl", "https://social.example.com/post/1");
        long rulingId = draftOk(drafter, claimId, body);
        approve(approver, rulingId).then().statusCode(200);

        var response = given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(200)
                .contentType(containsString("application/ld+json")).extract();
        JsonNode doc = JSON.readTree(response.asByteArray());
        // required
        assertThat(doc.path("@context").asText()).isEqualTo("https://schema.org");
        assertThat(doc.path("@type").asText()).isEqualTo("ClaimReview");
        assertThat(doc.path("url").asText()).isEqualTo("https://factcheck.example.org/public/claim-reviews/" + rulingId);
        assertThat(doc.path("claimReviewed").asText()).isEqualTo("Ecuador planned to expel Assange from its embassy");
        JsonNode rating = doc.path("reviewRating");
        assertThat(rating.path("@type").asText()).isEqualTo("Rating");
        assertThat(rating.path("alternateName").asText()).isEqualTo("False");
        // recommended
        assertThat(rating.path("name").asText()).isEqualTo("False");
        assertThat(rating.path("ratingValue").asInt()).isEqualTo(2);
        assertThat(rating.path("bestRating").asInt()).isEqualTo(6);
        assertThat(rating.path("worstRating").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(doc.path("datePublished").asText())).isNotNull();
        JsonNode author = doc.path("author");
        assertThat(author.path("@type").asText()).isEqualTo("Organization");
        assertThat(author.path("name").asText()).isEqualTo("Factdesk");
        assertThat(author.path("url").asText()).isEqualTo("https://factcheck.example.org/about");
        JsonNode item = doc.path("itemReviewed");
        assertThat(item.path("@type").asText()).isEqualTo("Claim");
        assertThat(item.path("author").path("@type").asText()).isEqualTo("Organization");
        assertThat(item.path("author").path("name").asText()).isEqualTo(RulingKit.CLAIMANT);
        assertThat(item.path("datePublished").asText()).isEqualTo(RulingKit.CLAIMED_AT);
        assertThat(item.path("appearance").get(0).path("@type").asText()).isEqualTo("CreativeWork");
        assertThat(item.path("appearance").get(0).path("url").asText()).isEqualTo(RulingKit.SOURCE_URL);
        assertThat(item.path("firstAppearance").path("url").asText()).isEqualTo("https://social.example.com/post/1");
        assertThat(doc.has("dateModified")).isFalse();
        assertThat(doc.has("correction")).isFalse();
    }

    @Test
    void aVerdictWithoutANumberPublishesOnlyItsLabel() throws Exception {
        long claimId = researchingClaim(contributor, checker, "A satirical site says the embassy will become a hotel.");
        long link = addLink(checker, claimId, "https://satire.example.org/hotel", null);
        long rulingId = draftOk(drafter, claimId, draftBody("satire", List.of(link)));
        approve(approver, rulingId).then().statusCode(200);
        JsonNode rating = JSON.readTree(given().get("/api/public/claim-reviews/" + rulingId).asByteArray())
                .path("reviewRating");
        assertThat(rating.path("alternateName").asText()).isEqualTo("Satire");
        assertThat(rating.has("ratingValue")).isFalse();
        assertThat(rating.has("bestRating")).isFalse();
        assertThat(rating.has("worstRating")).isFalse();
    }

    @Test
    void publicEndpointsNeedNoSignInAndLeakNoStaffData() {
        long claimId = researchingClaim(contributor, checker, "Fairbanks tweeted video of protesters outside the embassy.");
        Actor assignee = checker;
        long link = addLink(checker, claimId, "https://social.example.com/fairbanks", null);
        checker.spec().body(Map.of("body", "Internal remark: double-check the date with @" + approver.name()))
                .post("/api/v1/claims/" + claimId + "/comments");
        long rulingId = draftOk(drafter, claimId, draftBody("true", List.of(link)));
        // a draft is not public
        given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().get("/api/public/claim-reviews/" + rulingId + "/provenance").then().statusCode(404);
        approve(approver, rulingId).then().statusCode(200);

        List<String> texts = new ArrayList<>();
        texts.add(given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(200).extract().asString());
        texts.add(given().get("/api/public/claim-reviews/" + rulingId + "/provenance").then().statusCode(200)
                .extract().asString());
        texts.add(given().get("/api/public/claim-reviews?limit=100").then().statusCode(200).extract().asString());
        for (String text : texts) {
            for (String secret : List.of(contributor.name(), assignee.name(), drafter.name(), approver.name(),
                    "Internal remark", "admin")) {
                assertThat(text).as("public response mentions %s", secret).doesNotContain(secret);
            }
            assertThat(text).doesNotContain("draftedBy").doesNotContain("approvedBy").doesNotContain("assignee")
                    .doesNotContain("submittedBy");
        }
    }

    @Test
    void rulingsOfDismissedClaimsDisappearFromPublicView() {
        Actor editor = approver;
        long claimId = researchingClaim(contributor, checker, "A claim rated and then dismissed as a duplicate.");
        long link = addLink(checker, claimId, "https://news.example.org/dup", null);
        long rulingId = draftOk(drafter, claimId, draftBody("false", List.of(link)));
        approve(approver, rulingId).then().statusCode(200);
        given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(200);
        RulingKit.reopen(editor, claimId, "Turns out to duplicate an older claim");
        editor.spec().header("If-Match", TestApi.etag(editor, claimId))
                .body(Map.of("to", "DISMISSED", "reason", "Duplicate"))
                .post("/api/v1/claims/" + claimId + "/transitions").then().statusCode(200);
        given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(404);
        given().get("/api/public/claim-reviews/" + rulingId + "/provenance").then().statusCode(404);
        assertThat(feedIds()).doesNotContain(rulingId);
        // staff still see it
        editor.spec().get("/api/v1/rulings/" + rulingId).then().statusCode(200);
    }

    @Test
    void theFeedPagesThroughCurrentRulingsNewestFirstWithAKeysetCursor() {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(RulingKit.published(checker, drafter, approver, "Feed claim number " + i + " for paging.", "false"));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            var spec = given().queryParam("limit", 2);
            if (cursor != null) {
                spec = spec.queryParam("after", cursor);
            }
            JsonPath page = spec.get("/api/public/claim-reviews").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 3)).containsExactly(mine.get(2), mine.get(1), mine.get(0));
        given().queryParam("after", "not-a-cursor").get("/api/public/claim-reviews").then().statusCode(400);
        given().queryParam("limit", 0).get("/api/public/claim-reviews").then().statusCode(422);
    }

    @Test
    void anOutsiderCanRecomputeTheProvenanceHashFromTheManifest() throws Exception {
        long claimId = researchingClaim(contributor, checker, "The ministry's statement denies any expulsion plan.");
        String fileText = "Statement of the Ministry of Foreign Affairs: no plans to end the asylum. " + claimId;
        long file = addFile(checker, claimId, fileText);
        long link = addLink(checker, claimId, "https://gov.example.ec/statement-2", "https://archive.example.org/s2");
        long rulingId = draftOk(drafter, claimId, draftBody("false", List.of(link, file)));
        String hash = approve(approver, rulingId).then().statusCode(200).extract().path("provenanceHash");

        JsonNode manifest = JSON.readTree(given().get("/api/public/claim-reviews/" + rulingId + "/provenance")
                .then().statusCode(200).extract().asByteArray());
        assertThat(manifest.path("provenanceHash").asText()).isEqualTo(hash);
        JsonNode document = manifest.path("document");
        assertThat(sha256(canonical(document).getBytes(StandardCharsets.UTF_8))).isEqualTo(hash);

        // the document commits to the ruling as published and to each cited item
        assertThat(document.path("ruling").path("verdict").path("label").asText()).isEqualTo("False");
        assertThat(document.path("ruling").path("claimReviewed").asText())
                .isEqualTo("Ecuador planned to expel Assange from its embassy");
        JsonNode evidence = document.path("evidence");
        assertThat(evidence.size()).isEqualTo(2);
        JsonNode fileEntry = evidence.get(0).path("id").asLong() == file ? evidence.get(0) : evidence.get(1);
        JsonNode linkEntry = fileEntry == evidence.get(0) ? evidence.get(1) : evidence.get(0);
        assertThat(fileEntry.path("sha256").asText()).isEqualTo(sha256(fileText.getBytes(StandardCharsets.UTF_8)));
        assertThat(linkEntry.path("url").asText()).isEqualTo("https://gov.example.ec/statement-2");
        assertThat(linkEntry.path("archiveUrl").asText()).isEqualTo("https://archive.example.org/s2");
        // and the stored bytes of the file still match
        byte[] bytes = checker.spec().get("/api/v1/evidence/" + file + "/content").then().statusCode(200).extract()
                .asByteArray();
        assertThat(sha256(bytes)).isEqualTo(fileEntry.path("sha256").asText());
    }

    private static List<Long> feedIds() {
        return given().get("/api/public/claim-reviews?limit=100").then().extract().jsonPath().getList("items.id", Long.class);
    }

    /** An independent canonical writer: object keys sorted, no whitespace, strings JSON-escaped. */
    static String canonical(JsonNode node) throws Exception {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            names.sort(null);
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(JSON.writeValueAsString(names.get(i))).append(':').append(canonical(node.get(names.get(i))));
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(canonical(node.get(i)));
            }
            return sb.append(']').toString();
        }
        return JSON.writeValueAsString(node);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
