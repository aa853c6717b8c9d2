package org.factdesk.ruling;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;

import io.restassured.response.Response;

/** Builds claims, evidence and rulings over HTTP for the ruling tests. */
final class RulingKit {

    static final String CLAIMANT = "Ecuador's Foreign Ministry";
    static final String SOURCE_URL = "https://news.example.com/2019/04/05/ecuador-assange";
    static final String CLAIMED_AT = "2019-04-05";

    private RulingKit() {
    }

    /** A claim with claimant, source URL and date, taken into RESEARCHING by the checker. */
    static long researchingClaim(Actor submitter, Actor checker, String statement) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statement", statement);
        body.put("claimant", CLAIMANT);
        body.put("sourceUrl", SOURCE_URL);
        body.put("claimedAt", CLAIMED_AT);
        long id = submitter.spec().body(body).post("/api/v1/claims").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        checker.spec().header("If-Match", TestApi.etag(checker, id)).body(Map.of("to", "RESEARCHING"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200);
        return id;
    }

    static long addLink(Actor actor, long claimId, String url, String archiveUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("title", "Source " + url);
        body.put("stance", "REFUTES");
        if (archiveUrl != null) {
            body.put("archiveUrl", archiveUrl);
        }
        return actor.spec().body(body).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Uploads a text file; returns its evidence id. */
    static long addFile(Actor actor, long claimId, String text) {
        var spec = actor.cookie() != null
                ? io.restassured.RestAssured.given().cookie("factdesk_session", actor.cookie())
                : io.restassured.RestAssured.given().header("Authorization", "Bearer " + actor.token());
        return spec.multiPart("file", "statement.txt", text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("stance", "REFUTES").post("/api/v1/claims/" + claimId + "/evidence").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    static Map<String, Object> draftBody(String verdict, List<Long> evidenceIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", verdict);
        body.put("headline", "No, Ecuador did not announce it would expel Assange");
        body.put("claimReviewed", "Ecuador planned to expel Assange from its embassy");
        body.put("summary", "The Foreign Ministry denied any plan to end the asylum; no expulsion order exists.");
        body.put("evidenceIds", evidenceIds);
        return body;
    }

    static Response draft(Actor actor, long claimId, Map<String, Object> body) {
        return actor.spec().header("If-Match", TestApi.etag(actor, claimId)).body(body)
                .post("/api/v1/claims/" + claimId + "/rulings");
    }

    static long draftOk(Actor actor, long claimId, Map<String, Object> body) {
        return draft(actor, claimId, body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Response approve(Actor editor, long rulingId) {
        return editor.spec().post("/api/v1/rulings/" + rulingId + "/approval");
    }

    /** Researching claim with one link cited, drafted by {@code drafter} and approved by {@code approver}. */
    static long published(Actor checker, Actor drafter, Actor approver, String statement, String verdict) {
        long claimId = researchingClaim(checker, checker, statement);
        long link = addLink(checker, claimId, "https://gov.example.ec/statement", "https://archive.example.org/1");
        long rulingId = draftOk(drafter, claimId, draftBody(verdict, List.of(link)));
        approve(approver, rulingId).then().statusCode(200);
        return rulingId;
    }

    static void reopen(Actor editor, long claimId, String reason) {
        editor.spec().header("If-Match", TestApi.etag(editor, claimId))
                .body(Map.of("to", "RESEARCHING", "reason", reason))
                .post("/api/v1/claims/" + claimId + "/transitions").then().statusCode(200);
    }
}
