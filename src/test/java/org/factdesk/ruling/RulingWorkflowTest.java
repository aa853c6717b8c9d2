package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addFile;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draft;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.researchingClaim;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RulingWorkflowTest {

    Actor contributor;
    Actor checker;
    Actor editor;
    Actor otherEditor;

    @BeforeEach
    void signIn() {
        contributor = TestApi.user(Role.CONTRIBUTOR);
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
        otherEditor = TestApi.newUser(Role.EDITOR);
    }

    @Test
    void takesAClaimFromSubmittedToRatedOverHttp() {
        long claimId = researchingClaim(contributor, checker, "Ecuador's Foreign Ministry says it has no plans to expel Assange.");
        long file = addFile(checker, claimId, "Statement of the Ministry: no plans to end the asylum. " + claimId);
        long link = addLink(checker, claimId, "https://gov.example.ec/statement", null);

        var drafted = draft(checker, claimId, draftBody("false", List.of(file, link))).then().statusCode(201)
                .header("Location", containsString("/api/v1/rulings/")).extract().jsonPath();
        long rulingId = drafted.getLong("id");
        assertThat(drafted.getString("status")).isEqualTo("DRAFT");
        assertThat(drafted.getString("verdictLabel")).isEqualTo("False");
        assertThat(drafted.getInt("scaleVersion")).isGreaterThanOrEqualTo(1);
        assertThat(drafted.getString("draftedBy")).isEqualTo(checker.name());
        assertThat(drafted.getList("evidenceIds", Long.class)).containsExactly(file, link);
        assertThat((Object) drafted.get("versionNumber")).isNull();
        assertThat((Object) drafted.get("publishedAt")).isNull();
        assertThat(claimStatus(claimId)).isEqualTo("IN_REVIEW");

        JsonPath published = approve(editor, rulingId).then().statusCode(200).extract().jsonPath();
        assertThat(published.getString("status")).isEqualTo("PUBLISHED");
        assertThat(published.getInt("versionNumber")).isEqualTo(1);
        assertThat(published.getString("approvedBy")).isEqualTo(editor.name());
        assertThat(published.getString("publishedAt")).isNotBlank();
        assertThat(published.getString("provenanceHash")).matches("[0-9a-f]{64}");
        assertThat(published.getString("publicUrl")).isEqualTo("https://factcheck.example.org/public/claim-reviews/" + rulingId);
        assertThat(claimStatus(claimId)).isEqualTo("RATED");

        JsonPath history = editor.spec().get("/api/v1/claims/" + claimId + "/history").then().statusCode(200)
                .extract().jsonPath();
        List<String> types = history.getList("items.type");
        assertThat(types).containsSubsequence("CLAIM_SUBMITTED", "CLAIM_TRANSITIONED", "EVIDENCE_ADDED",
                "RULING_DRAFTED", "CLAIM_TRANSITIONED", "RULING_APPROVED", "CLAIM_TRANSITIONED");
        Map<String, Object> approved = history.getMap("items.find { it.type == 'RULING_APPROVED' }.data");
        assertThat(approved).containsEntry("versionNumber", 1)
                .containsEntry("provenanceHash", published.getString("provenanceHash"));
        editor.spec().get("/api/v1/claims/" + claimId + "/history/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void refusesApprovalByTheDrafter() {
        long claimId = researchingClaim(contributor, checker, "Moreno enriched himself from an offshore account in Panama.");
        long link = addLink(checker, claimId, "https://registry.example.pa/record", null);
        long rulingId = draftOk(editor, claimId, draftBody("unproven", List.of(link)));

        approve(editor, rulingId).then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("type", containsString("four-eyes"))
                .body("detail", containsString("You drafted this ruling, so another editor must approve it"));
        assertThat(claimStatus(claimId)).isEqualTo("IN_REVIEW");
        editor.spec().get("/api/v1/rulings/" + rulingId).then().statusCode(200).body("status", equalTo("DRAFT"));

        approve(otherEditor, rulingId).then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("ratingValue", equalTo(null)).body("verdictLabel", equalTo("Unproven"));
    }

    @Test
    void refusesApprovalByAFactCheckerAndASecondApproval() {
        long claimId = researchingClaim(contributor, checker, "Ecuador first granted asylum to Julian Assange in 2012.");
        long link = addLink(checker, claimId, "https://archive.example.org/asylum-2012", null);
        long rulingId = draftOk(checker, claimId, draftBody("true", List.of(link)));
        approve(checker, rulingId).then().statusCode(403);
        approve(editor, rulingId).then().statusCode(200);
        approve(otherEditor, rulingId).then().statusCode(409).body("detail", containsString("PUBLISHED"));
    }

    @Test
    void draftingNeedsTheClaimsIfMatchAndAClaimInResearch() {
        long claimId = researchingClaim(contributor, checker, "The embassy revoked some of Assange's privileges last year.");
        long link = addLink(checker, claimId, "https://news.example.org/privileges", null);
        checker.spec().body(draftBody("true", List.of(link))).post("/api/v1/claims/" + claimId + "/rulings").then()
                .statusCode(428);
        checker.spec().header("If-Match", "\"0\"").body(draftBody("true", List.of(link)))
                .post("/api/v1/claims/" + claimId + "/rulings").then().statusCode(412);

        long submitted = TestApi.submitClaim(contributor, "A claim still waiting for triage in the queue.");
        draft(checker, submitted, draftBody("true", List.of(link))).then().statusCode(409)
                .body("detail", containsString("RESEARCHING"));

        draftOk(checker, claimId, draftBody("true", List.of(link)));
        // a second draft while the first is under review: the claim is no longer RESEARCHING
        draft(checker, claimId, draftBody("true", List.of(link))).then().statusCode(409);
        contributor.spec().header("If-Match", TestApi.etag(contributor, claimId)).body(draftBody("true", List.of(link)))
                .post("/api/v1/claims/" + claimId + "/rulings").then().statusCode(403);
    }

    @Test
    void rejectsAClaimReviewedOver280CharactersAndWarnsOver75() {
        long claimId = researchingClaim(contributor, checker, "Lenin Moreno described Assange as a stone in his shoe.");
        long link = addLink(checker, claimId, "https://news.example.org/stone", null);
        Map<String, Object> tooLong = draftBody("true", List.of(link));
        tooLong.put("claimReviewed", "x".repeat(281));
        draft(checker, claimId, tooLong).then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("claimReviewed"));
        assertThat(claimStatus(claimId)).isEqualTo("RESEARCHING");

        Map<String, Object> longish = draftBody("true", List.of(link));
        longish.put("claimReviewed", "Lenin Moreno described Julian Assange as a stone in his shoe, in a 2018 interview");
        JsonPath drafted = draft(checker, claimId, longish).then().statusCode(201).extract().jsonPath();
        assertThat(drafted.getList("warnings", String.class)).anySatisfy(w -> assertThat(w).contains("claimReviewed")
                .contains("75"));
    }

    @Test
    void rejectsAnUnknownOrMissingVerdictAndControlCharacters() {
        long claimId = researchingClaim(contributor, checker, "The UN rapporteur demanded Ecuador let Assange stay.");
        long link = addLink(checker, claimId, "https://un.example.org/melzer", null);
        draft(checker, claimId, draftBody("very_false", List.of(link))).then().statusCode(422)
                .body("errors[0].field", equalTo("verdict")).body("errors[0].message", containsString("allowed"));
        Map<String, Object> bad = draftBody("false", List.of(link));
        bad.put("headline", "Line\u0007bell");
        draft(checker, claimId, bad).then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("headline"));
        assertThat(claimStatus(claimId)).isEqualTo("RESEARCHING");
    }

    @Test
    void returningSendsTheDraftBackAndPostsTheEditorsComment() {
        long claimId = researchingClaim(contributor, checker, "Ecuador denied an agreement with the UK to hand over Assange.");
        long link = addLink(checker, claimId, "https://gov.example.ec/denial", null);
        long rulingId = draftOk(checker, claimId, draftBody("mostly_true", List.of(link)));

        editor.spec().body(Map.of("comment", "   ")).post("/api/v1/rulings/" + rulingId + "/return").then().statusCode(422);
        editor.spec().body(Map.of("comment", "Please cite the UK statement as well."))
                .post("/api/v1/rulings/" + rulingId + "/return").then().statusCode(200)
                .body("status", equalTo("RETURNED")).body("returnedBy", equalTo(editor.name()));
        assertThat(claimStatus(claimId)).isEqualTo("RESEARCHING");
        approve(otherEditor, rulingId).then().statusCode(409);

        List<String> comments = editor.spec().get("/api/v1/claims/" + claimId + "/comments").then().statusCode(200)
                .extract().jsonPath().getList("items.body");
        assertThat(comments).contains("Please cite the UK statement as well.");
        JsonPath history = editor.spec().get("/api/v1/claims/" + claimId + "/history").then().extract().jsonPath();
        assertThat(history.getList("items.type", String.class)).contains("RULING_RETURNED");

        long second = draftOk(checker, claimId, draftBody("mostly_true", List.of(link)));
        JsonPath list = checker.spec().get("/api/v1/claims/" + claimId + "/rulings").then().statusCode(200).extract()
                .jsonPath();
        assertThat(list.getList("items.id", Long.class)).containsExactly(rulingId, second);
        assertThat(list.getList("items.status", String.class)).containsExactly("RETURNED", "DRAFT");
        approve(otherEditor, second).then().statusCode(200).body("versionNumber", equalTo(1));
    }

    @Test
    void unknownRulingsAndClaimsAre404Problems() {
        editor.spec().get("/api/v1/rulings/987654321").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        approve(editor, 987654321).then().statusCode(404);
        editor.spec().get("/api/v1/claims/987654321/rulings").then().statusCode(404);
    }

    private String claimStatus(long claimId) {
        return editor.spec().get("/api/v1/claims/" + claimId).then().statusCode(200).extract().path("status");
    }
}
