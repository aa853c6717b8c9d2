package org.factdesk.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.factdesk.AsciiJson;
import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every entry point refuses NUL, lone surrogates and C0 controls with a problem naming the field. */
@QuarkusTest
class ExactTextTest {

    static final String JSON = "application/json; charset=UTF-8";
    static final String STATEMENT = "Ecuador's Foreign Ministry denied any agreement to hand over Assange.";

    Actor checker;
    Actor admin;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        admin = TestApi.admin();
    }

    private ValidatableResponse post(Actor actor, String path, Object body) {
        return actor.spec().contentType(JSON).body(AsciiJson.of(body)).post(path).then();
    }

    private static void refusedField(ValidatableResponse r, int status, String field) {
        r.statusCode(status).contentType("application/problem+json")
                .body("type", endsWith(status == 422 ? "/validation" : "/bad-request"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    @Test
    void refusesNulInAStatementOnPost() {
        refusedField(post(checker, "/api/v1/claims", Map.of("statement", STATEMENT + "\u0000")), 422, "statement");
    }

    @Test
    void refusesALoneSurrogateInsteadOfStoringAQuestionMark() {
        var r = post(checker, "/api/v1/claims", Map.of("statement", STATEMENT + " \uD800"));
        refusedField(r, 422, "statement");
        r.body("errors[0].message", containsString("surrogate"));
        refusedField(post(checker, "/api/v1/claims", Map.of("statement", STATEMENT, "claimant", "\uDC00x")), 422,
                "claimant");
    }

    @Test
    void refusesNulInAStatementOnPatchAndChangesNothing() {
        long id = TestApi.submitClaim(checker, STATEMENT);
        String etag = TestApi.etag(checker, id);
        var r = checker.spec().contentType(JSON).header("If-Match", etag)
                .body(AsciiJson.of(Map.of("statement", "Changed \u0000 statement text"))).patch("/api/v1/claims/" + id)
                .then();
        refusedField(r, 422, "statement");
        checker.spec().get("/api/v1/claims/" + id).then().statusCode(200).header("ETag", etag)
                .body("statement", equalTo(STATEMENT));
    }

    @Test
    void namesTheListElementOfARefusedTag() {
        var r = post(checker, "/api/v1/claims", Map.of("statement", STATEMENT, "tags", List.of("a", "b", "c\u0000")));
        r.statusCode(422).body("errors.field", equalTo(List.of("tags[2]")))
                .body("errors[0].message", containsString("NUL"));
    }

    @Test
    void refusesControlCharactersButKeepsTabNewlineAndCarriageReturn() {
        refusedField(post(checker, "/api/v1/claims", Map.of("statement", STATEMENT + "\u001B[2J")), 422, "statement");
        String kept = "Line one\twith a tab\r\nline two: \u00e9\u0301 \uD83D\uDC69\u200D\uD83D\uDC67 \u05E9\u05DC\u05D5\u05DD";
        var created = post(checker, "/api/v1/claims", Map.of("statement", kept)).statusCode(201).extract().asString();
        long id = AsciiJson.parse(created).get("id").asLong();
        String read = checker.spec().get("/api/v1/claims/" + id).then().statusCode(200).extract().asString();
        assertThat(AsciiJson.parse(read).get("statement").asText()).isEqualTo(kept);
    }

    @Test
    void refusesNulInQueryParametersWith400NamingThem() {
        for (String param : List.of("q", "tag", "assignee", "submittedBy", "status", "cursor")) {
            var r = checker.spec().urlEncodingEnabled(false).get("/api/v1/claims?" + param + "=a%00b").then();
            refusedField(r, 400, param);
        }
        refusedField(checker.spec().urlEncodingEnabled(false).get("/api/v1/claims?q=ok&q=%01").then(), 400, "q");
    }

    @Test
    void refusesNulInAPathSegmentWith400NamingTheParameter() {
        var r = admin.spec().urlEncodingEnabled(false).post("/api/v1/users/a%00b/deactivation").then();
        refusedField(r, 400, "username");
    }

    @Test
    void refusesNulInTheLoginFormWith422() {
        var r = given().formParam("username", "admin\u0000").formParam("password", "x")
                .post("/api/v1/auth/login").then();
        refusedField(r, 422, "username");
        var p = given().formParam("username", "admin").formParam("password", TestApi.ADMIN_PASSWORD + "\u0002")
                .post("/api/v1/auth/login").then();
        refusedField(p, 422, "password");
    }

    @Test
    void answersAMalformedFormBodyWith400() {
        given().contentType("application/x-www-form-urlencoded").body("username=%zz&password=x")
                .post("/api/v1/auth/login").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/malformed-request"));
    }

    @Test
    void refusesNulInADisplayName() {
        String username = "nul" + System.nanoTime() % 1_000_000;
        refusedField(post(admin, "/api/v1/users", Map.of("username", username, "displayName", "Jane\u0000Doe",
                "password", TestApi.PASSWORD, "roles", List.of("FACT_CHECKER"))), 422, "displayName");
        admin.spec().get("/api/v1/users").then().statusCode(200)
                .body("items.username", org.hamcrest.Matchers.not(hasItem(username)));
    }

    @Test
    void refusesNulInAnApiKeyName() {
        refusedField(post(admin, "/api/v1/api-keys", Map.of("name", "cms\u0000", "role", "CONTRIBUTOR")), 422,
                "name");
    }

    @Test
    void refusesNulInLinkEvidenceAndComments() {
        long id = TestApi.researchingClaim(checker, STATEMENT);
        refusedField(post(checker, "/api/v1/claims/" + id + "/evidence", Map.of("url", "https://example.org/a",
                "title", "Title", "stance", "SUPPORTS", "note", "n\u0000")), 422, "note");
        refusedField(post(checker, "/api/v1/claims/" + id + "/evidence", Map.of("url", "https://example.org/a",
                "title", "T\uDBFF", "stance", "SUPPORTS")), 422, "title");
        refusedField(post(checker, "/api/v1/claims/" + id + "/comments", Map.of("body", "hello \u0000")), 422,
                "body");
        checker.spec().get("/api/v1/claims/" + id + "/evidence").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void refusesNulInMultipartNoteAndFileName() {
        long id = TestApi.researchingClaim(checker, STATEMENT);
        var note = checker.spec().contentType("multipart/form-data")
                .multiPart("file", "note.txt", "some evidence text".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("stance", "SUPPORTS")
                .multiPart("note", "why\u0000", "text/plain; charset=UTF-8")
                .post("/api/v1/claims/" + id + "/evidence").then();
        refusedField(note, 422, "note");

        String boundary = "n" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"stance\"\r\n\r\nCONTEXT\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nplain evidence\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var file = checker.spec().contentType("multipart/form-data; boundary=" + boundary).body(body)
                .post("/api/v1/claims/" + id + "/evidence").then();
        refusedField(file, 422, "file");
        checker.spec().get("/api/v1/claims/" + id + "/evidence").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void answersABrokenMultipartBodyWith400() {
        long id = TestApi.researchingClaim(checker, STATEMENT);
        checker.spec().contentType("multipart/form-data; boundary=zz").body("--zz\r\nbroken".getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/claims/" + id + "/evidence").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/malformed-request"));
    }
}
