package org.factdesk.ruling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.reopen;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The Fact Check Tools markup says what the ClaimReview says, and never offers a superseded rating (issue 16). */
@QuarkusTest
class FactCheckToolsMarkupTest {

    @Test
    void theMarkupPageCarriesTheClaimReviewsFieldsAndASupersededVersionPointsAtItsCorrection() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        Actor editor2 = TestApi.newUser(Role.EDITOR);
        long v1 = RulingKit.published(checker, checker, editor, "Ecuador will expel Julian Assange from its London embassy",
                "false");
        JsonPath ruling = editor.spec().get("/api/v1/rulings/" + v1).then().statusCode(200).extract().jsonPath();
        long claimId = ruling.getLong("claimId");
        List<Long> cited = ruling.getList("evidenceIds", Long.class);

        JsonPath ld = given().get("/api/public/claim-reviews/" + v1).then().statusCode(200).extract().jsonPath();
        JsonPath page = given().get("/api/public/claim-reviews/" + v1 + "/fact-check-tools").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getString("pageUrl")).isEqualTo(ld.getString("url"));
        assertThat(page.getString("publishDate")).isEqualTo(ld.getString("datePublished").substring(0, 10));
        assertThat(page.getString("claimReviewAuthor.name")).isEqualTo(ld.getString("author.name"));
        assertThat(page.getList("claimReviewMarkups")).hasSize(1);
        assertThat(page.getString("claimReviewMarkups[0].url")).isEqualTo(ld.getString("url"));
        assertThat(page.getString("claimReviewMarkups[0].claimReviewed")).isEqualTo(ld.getString("claimReviewed"));
        assertThat(page.getString("claimReviewMarkups[0].rating.textualRating"))
                .isEqualTo(ld.getString("reviewRating.alternateName")).isEqualTo("False");
        for (String bound : List.of("ratingValue", "bestRating", "worstRating")) {
            assertThat(page.getInt("claimReviewMarkups[0].rating." + bound)).as(bound)
                    .isEqualTo(ld.getInt("reviewRating." + bound));
        }
        assertThat(page.getList("claimReviewMarkups[0].claimAppearances"))
                .isEqualTo(ld.getList("itemReviewed.appearance.url"));

        // the ruling as staff and the public feed read it carry every property the contract calls required
        assertThat(org.factdesk.Contract.violations("GET", "/api/v1/rulings/{id}",
                editor.spec().get("/api/v1/rulings/" + v1))).isEmpty();
        assertThat(org.factdesk.Contract.violations("GET", "/api/public/claim-reviews",
                given().get("/api/public/claim-reviews"))).isEmpty();

        reopen(editor, claimId, "The ministry later published a revocation plan.");
        Map<String, Object> correction = draftBody("mostly_false", cited);
        correction.put("correctionNote", "Rating changed from False to Mostly false after new documents.");
        long v2 = draftOk(editor, claimId, correction);
        approve(editor2, v2).then().statusCode(200);

        given().get("/api/public/claim-reviews/" + v1 + "/fact-check-tools").then().statusCode(409)
                .body("type", containsString("superseded"))
                .header("Link", containsString("/api/public/claim-reviews/" + v2 + "/fact-check-tools"));
        given().get("/api/public/claim-reviews/" + v2 + "/fact-check-tools").then().statusCode(200)
                .body("claimReviewMarkups[0].rating.textualRating", org.hamcrest.Matchers.equalTo("Mostly false"));
    }
}
