package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;
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

/** The default gates: at least one cited item, none retracted, all on this claim; checked at draft and approval. */
@QuarkusTest
class MethodologyGatesTest {

    Actor checker;
    Actor editor;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
    }

    @Test
    void refusesADraftCitingNoEvidence() {
        long claimId = researchingClaim(checker, checker, "A claim nobody has found any evidence for yet.");
        JsonPath problem = draft(checker, claimId, draftBody("false", List.of())).then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("type", containsString("methodology-gates")).extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactly("evidenceIds");
        assertThat(problem.getString("errors[0].message")).contains("at least 1");
        assertThat(status(claimId)).isEqualTo("RESEARCHING");
    }

    @Test
    void refusesRetractedEvidenceAndEvidenceOfAnotherClaimListingEach() {
        long claimId = researchingClaim(checker, checker, "A claim whose only evidence is later retracted.");
        long other = researchingClaim(checker, checker, "Another claim that owns a different piece of evidence.");
        long retracted = addLink(checker, claimId, "https://photos.example.org/wrong-event", null);
        long foreign = addLink(checker, other, "https://elsewhere.example.org/other", null);
        checker.spec().body(Map.of("reason", "The photo was from another event"))
                .post("/api/v1/evidence/" + retracted + "/retraction").then().statusCode(200);

        JsonPath problem = draft(checker, claimId, draftBody("false", List.of(retracted, foreign, 99999999L))).then()
                .statusCode(422).extract().jsonPath();
        List<String> messages = problem.getList("errors.message", String.class);
        assertThat(problem.getList("errors.field", String.class))
                .contains("evidenceIds[0]", "evidenceIds[1]", "evidenceIds[2]", "evidenceIds");
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("retracted"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("another claim"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("does not exist"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("at least 1"));
    }

    @Test
    void checksTheGatesAgainAtApproval() {
        long claimId = researchingClaim(checker, checker, "A claim whose evidence is retracted while under review.");
        long link = addLink(checker, claimId, "https://news.example.org/retracted-later", null);
        long rulingId = draftOk(checker, claimId, draftBody("false", List.of(link)));
        checker.spec().body(Map.of("reason", "The article was withdrawn by its publisher"))
                .post("/api/v1/evidence/" + link + "/retraction").then().statusCode(200);

        approve(editor, rulingId).then().statusCode(422).body("type", containsString("methodology-gates"))
                .body("errors[0].message", containsString("retracted"));
        assertThat(status(claimId)).isEqualTo("IN_REVIEW");
        editor.spec().get("/api/v1/rulings/" + rulingId).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void refusesCitingTheSameEvidenceTwice() {
        long claimId = researchingClaim(checker, checker, "A claim with one piece of evidence cited twice.");
        long link = addLink(checker, claimId, "https://news.example.org/twice", null);
        draft(checker, claimId, draftBody("false", List.of(link, link))).then().statusCode(422)
                .body("errors[0].field", equalTo("evidenceIds"));
    }

    private String status(long claimId) {
        return editor.spec().get("/api/v1/claims/" + claimId).then().extract().path("status");
    }
}
