package org.factdesk.ruling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draft;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.reopen;
import static org.factdesk.ruling.RulingKit.researchingClaim;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CorrectionTest {

    @Test
    void correctionPublishesVersionTwoAndMarksVersionOneExpiredWithAPointerToIt() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        Actor editor2 = TestApi.newUser(Role.EDITOR);
        long claimId = researchingClaim(checker, checker, "Ecuador's Foreign Ministry says Assange will not be expelled.");
        long link = addLink(checker, claimId, "https://gov.example.ec/no-expulsion", "https://archive.example.org/ne");
        long v1 = draftOk(checker, claimId, draftBody("false", List.of(link)));
        approve(editor, v1).then().statusCode(200);

        byte[] v1Document = given().get("/api/public/claim-reviews/" + v1).then().statusCode(200).extract().asByteArray();
        byte[] v1Provenance = given().get("/api/public/claim-reviews/" + v1 + "/provenance").then().statusCode(200)
                .extract().asByteArray();

        // a draft cannot start while the claim is RATED; an editor reopens it first (with a reason)
        draft(checker, claimId, draftBody("mostly_false", List.of(link))).then().statusCode(409);
        editor.spec().header("If-Match", TestApi.etag(editor, claimId)).body(Map.of("to", "RESEARCHING"))
                .post("/api/v1/claims/" + claimId + "/transitions").then().statusCode(422);
        reopen(editor, claimId, "New evidence: the ministry later published a revocation plan.");
        // claim edits after reopening must not reach the published version 1
        editor.spec().header("If-Match", TestApi.etag(editor, claimId)).body(Map.of("claimant", "Someone else"))
                .patch("/api/v1/claims/" + claimId).then().statusCode(200);
        long newLink = addLink(checker, claimId, "https://gov.example.ec/revocation-plan", null);

        draft(checker, claimId, draftBody("mostly_false", List.of(link, newLink))).then().statusCode(422)
                .body("errors[0].field", equalTo("correctionNote"));
        Map<String, Object> correction = draftBody("mostly_false", List.of(link, newLink));
        correction.put("headline", "Correction: Ecuador had discussed ending the asylum");
        correction.put("correctionNote", "Rating changed from False to Mostly false after new documents.");
        long v2 = draftOk(editor, claimId, correction);
        approve(editor, v2).then().statusCode(403);
        JsonPath published = approve(editor2, v2).then().statusCode(200).extract().jsonPath();
        assertThat(published.getInt("versionNumber")).isEqualTo(2);
        assertThat(published.getLong("supersedes")).isEqualTo(v1);

        // version 1: readable, marked superseded with a link to its successor; in its public document only the
        // expiry and the pointer to the correction are new, and its provenance bytes are unchanged
        editor.spec().get("/api/v1/rulings/" + v1).then().statusCode(200).body("status", equalTo("SUPERSEDED"))
                .body("supersededBy", equalTo((int) v2)).body("versionNumber", equalTo(1))
                .body("verdictLabel", equalTo("False"));
        var v1Again = given().get("/api/public/claim-reviews/" + v1).then().statusCode(200)
                .header("Link", containsString("</api/public/claim-reviews/" + v2 + ">; rel=\"successor-version\""))
                .extract();
        Map<String, Object> before = new JsonPath(new String(v1Document, StandardCharsets.UTF_8)).getMap("$");
        Map<String, Object> after = new LinkedHashMap<>(v1Again.jsonPath().getMap("$"));
        String v2Page = "https://factcheck.example.org/public/claim-reviews/" + v2;
        assertThat(v1Again.jsonPath().getString("correction.url")).isEqualTo(v2Page);
        assertThat(v1Again.jsonPath().getString("correction.text")).contains(v2Page);
        assertThat(v1Again.jsonPath().getString("expires")).isEqualTo(published.getString("publishedAt"));
        after.remove("correction");
        after.remove("expires");
        assertThat(after).isEqualTo(before);
        assertThat(given().get("/api/public/claim-reviews/" + v1 + "/provenance").then().extract().asByteArray())
                .isEqualTo(v1Provenance);
        assertThat(new String(v1Document, java.nio.charset.StandardCharsets.UTF_8)).contains(RulingKit.CLAIMANT)
                .doesNotContain("Someone else").doesNotContain("dateModified");

        // version 2: the correction, with dateModified and the public note
        JsonPath doc = given().get("/api/public/claim-reviews/" + v2).then().statusCode(200)
                .header("Link", containsString("rel=\"predecessor-version\"")).extract().jsonPath();
        assertThat(doc.getString("reviewRating.alternateName")).isEqualTo("Mostly false");
        assertThat(doc.getString("correction.text")).isEqualTo("Rating changed from False to Mostly false after new documents.");
        assertThat(doc.getString("dateModified")).isEqualTo(published.getString("publishedAt"));
        assertThat(doc.getString("datePublished")).isEqualTo(JsonPathOf.v1(v1).getString("datePublished"));
        assertThat(doc.getInt("version")).isEqualTo(2);

        // the staff list shows both versions; the public feed only the current one
        JsonPath list = editor.spec().get("/api/v1/claims/" + claimId + "/rulings").then().extract().jsonPath();
        assertThat(list.getList("items.status", String.class)).containsExactly("SUPERSEDED", "PUBLISHED");
        List<Long> feed = given().get("/api/public/claim-reviews?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("items.id", Long.class);
        assertThat(feed).contains(v2).doesNotContain(v1);
        // a partner that stored version 1 from the feed learns from the correction's entry what it replaces
        assertThat(given().get("/api/public/claim-reviews?limit=100").then().extract().jsonPath()
                .getString("items.find { it.id == " + v2 + " }.supersedes"))
                .isEqualTo("/api/public/claim-reviews/" + v1);

        // every step is in the claim's chain, and the chain verifies
        JsonPath history = editor.spec().get("/api/v1/claims/" + claimId + "/history").then().extract().jsonPath();
        assertThat(history.getList("items.type", String.class)).containsSubsequence("RULING_DRAFTED",
                "RULING_APPROVED", "CLAIM_TRANSITIONED", "CLAIM_EDITED", "EVIDENCE_ADDED", "RULING_DRAFTED",
                "RULING_APPROVED");
        Map<String, Object> approvedV2 = history.getMap("items.findAll { it.type == 'RULING_APPROVED' }[1].data");
        assertThat(approvedV2).containsEntry("versionNumber", 2)
                .containsEntry("correctionNote", "Rating changed from False to Mostly false after new documents.")
                .containsEntry("provenanceHash", published.getString("provenanceHash"));
        editor.spec().get("/api/v1/claims/" + claimId + "/history/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void aFirstRulingCannotCarryACorrectionNote() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = researchingClaim(checker, checker, "A claim that has never been rated before today.");
        long link = addLink(checker, claimId, "https://news.example.org/first", null);
        Map<String, Object> body = draftBody("true", List.of(link));
        body.put("correctionNote", "Nothing to correct yet.");
        draft(checker, claimId, body).then().statusCode(422).body("errors[0].field", equalTo("correctionNote"));
    }

    /** Reads a public document. */
    static final class JsonPathOf {
        static JsonPath v1(long id) {
            return given().get("/api/public/claim-reviews/" + id).then().extract().jsonPath();
        }
    }
}
