package org.factdesk.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The served OpenAPI document says what the server does (issue 16): what a generated client would believe is held
 * against answers of the running server wherever a test can provoke them.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String TYPES = "https://factdesk.org/problems/";
    private JsonNode spec;

    @BeforeEach
    void readTheSpec() throws Exception {
        spec = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString());
    }

    private void eachOperation(BiConsumer<String, JsonNode> check) {
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("responses")) {
                check.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
    }

    @Test
    void everyErrorAnswerIsAProblemDocumentWhoseExampleHasTheTypeAndStatusTheServerSends() {
        List<String> wrong = new ArrayList<>();
        eachOperation((name, op) -> op.get("responses").fields().forEachRemaining(r -> {
            String code = r.getKey();
            if (!code.startsWith("4") && !code.startsWith("5")) {
                return;
            }
            JsonNode media = r.getValue().path("content").path("application/problem+json");
            if (!media.path("schema").path("$ref").asText().endsWith("/Problem")) {
                wrong.add(name + " " + code + ": no problem+json schema");
                return;
            }
            JsonNode example = media.path("example");
            if (example.isMissingNode()) {
                return;
            }
            if (!example.path("type").asText().startsWith(TYPES) || example.path("status").asInt() != Integer.parseInt(code)) {
                wrong.add(name + " " + code + ": example " + example);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void examplesUseTheProblemTypesTheServerActuallySends() {
        // provoke each common error and compare its type with the documented example of the same operation
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        String invalid = contributor.spec().body(Map.of("statement", "")).post("/api/v1/claims").then()
                .statusCode(422).extract().path("type");
        assertThat(example("post", "/api/v1/claims", "422").path("type").asText()).isEqualTo(invalid);
        String unauthorized = given().get("/api/v1/claims").then().statusCode(401).extract().path("type");
        assertThat(example("get", "/api/v1/claims", "401").path("type").asText()).isEqualTo(unauthorized);
        String malformed = contributor.spec().body("{not json").post("/api/v1/claims").then().statusCode(400)
                .extract().path("type");
        assertThat(example("post", "/api/v1/claims", "400").path("type").asText()).isEqualTo(malformed);
        String missing = contributor.spec().get("/api/v1/claims/987654321").then().statusCode(404).extract()
                .path("type");
        assertThat(example("get", "/api/v1/claims/{id}", "404").path("type").asText()).isEqualTo(missing);
        String signIn = given().formParam("username", "nobody-" + System.nanoTime()).formParam("password", "wrong-password")
                .post("/api/v1/auth/login").then().statusCode(401).extract().path("type");
        assertThat(example("post", "/api/v1/auth/login", "401").path("type").asText()).isEqualTo(signIn);
    }

    @Test
    void operationsListOnlyTheErrorsTheyCanAnswer() {
        JsonNode login = spec.at("/paths/~1api~1v1~1auth~1login/post/responses");
        assertThat(login.has("409")).as("sign-in has no status to conflict with").isFalse();
        assertThat(login.has("403")).isFalse();
        List<String> bodyless = new ArrayList<>();
        eachOperation((name, op) -> {
            if (!op.has("requestBody")) {
                for (String code : List.of("413", "415", "422")) {
                    if (op.get("responses").has(code)) {
                        bodyless.add(name + " " + code);
                    }
                }
            }
        });
        assertThat(bodyless).as("operations without a body never refuse one").isEmpty();
        List<String> illegal = new ArrayList<>();
        eachOperation((name, op) -> {
            if (op.at("/responses/409/content/application~1problem+json/example/title").asText()
                    .equals("Illegal status change") && !name.endsWith("/transitions")) {
                illegal.add(name);
            }
        });
        assertThat(illegal).as("only a transition is an illegal status change").isEmpty();
    }

    @Test
    void ifMatchIsRequiredExactlyWhereAWriteWithoutItIsRefusedWith428() {
        Set<String> required = new TreeSet<>();
        Set<String> with428 = new TreeSet<>();
        eachOperation((name, op) -> {
            for (JsonNode p : op.path("parameters")) {
                if (p.path("name").asText().equals("If-Match") && p.path("required").asBoolean()) {
                    required.add(name);
                }
            }
            if (op.get("responses").has("428")) {
                with428.add(name);
            }
        });
        assertThat(with428).as("428 is documented only with a required If-Match").isEqualTo(required);
        assertThat(required).containsExactlyInAnyOrder("PATCH /api/v1/claims/{id}", "POST /api/v1/claims/{id}/transitions",
                "PUT /api/v1/claims/{id}/assignee", "POST /api/v1/claims/{claimId}/rulings", "PATCH /api/v1/comments/{id}",
                "PUT /api/v1/rating-scale", "PATCH /api/v1/webhooks/{id}", "DELETE /api/v1/webhooks/{id}",
                "POST /api/v1/webhooks/{id}/secret");

        // and the server refuses each of them without If-Match, before looking at anything else
        Actor editor = TestApi.user(Role.EDITOR);
        Actor admin = TestApi.admin();
        long claim = TestApi.submitClaim(editor, "Ecuador's foreign minister said the asylum would not be revoked");
        long comment = editor.spec().body(Map.of("body", "Check the ministry's statement")).post("/api/v1/claims/" + claim
                + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(status(editor.spec().contentType("application/merge-patch+json").body(Map.of("claimant", "Ministry"))
                .patch("/api/v1/claims/" + claim))).isEqualTo(428);
        assertThat(status(editor.spec().body(Map.of("to", "RESEARCHING")).post("/api/v1/claims/" + claim + "/transitions")))
                .isEqualTo(428);
        assertThat(status(editor.spec().body(Map.of("username", editor.name())).put("/api/v1/claims/" + claim + "/assignee")))
                .isEqualTo(428);
        assertThat(status(editor.spec().body(Map.of("body", "Edited")).patch("/api/v1/comments/" + comment)))
                .isEqualTo(428);
        assertThat(status(admin.spec().delete("/api/v1/webhooks/987654321"))).isEqualTo(428);
        assertThat(status(admin.spec().post("/api/v1/webhooks/987654321/secret"))).isEqualTo(428);
        // where If-Match is optional, the write goes through without it
        assertThat(status(editor.spec().delete("/api/v1/comments/" + comment))).isEqualTo(204);
    }

    @Test
    void fileAndLinkEvidenceAreTwoOperationsEachWithItsOwnBody() {
        JsonNode link = operation("post", "/api/v1/claims/{id}/evidence").path("requestBody").path("content");
        assertThat(link.fieldNames()).toIterable().containsExactly("application/json");
        JsonNode upload = operation("post", "/api/v1/claims/{id}/evidence/files");
        assertThat(upload.path("operationId").asText()).isEqualTo("uploadEvidence");
        JsonNode form = upload.at("/requestBody/content/multipart~1form-data/schema");
        assertThat(form.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("file", "stance");
        assertThat(form.at("/properties/stance/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("SUPPORTS", "REFUTES", "CONTEXT");
        assertThat(upload.path("parameters").findValuesAsText("name")).doesNotContain("Content-Type", "Content-Length");

        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claim = TestApi.researchingClaim(checker, "Moreno said Assange violated the conditions of his asylum");
        String body = "Statement of the Ecuadorian foreign ministry, 28 March 2018 " + System.nanoTime();
        checker.spec().contentType("multipart/form-data")
                .multiPart("file", "ministry.txt", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain")
                .multiPart("stance", "CONTEXT").post("/api/v1/claims/" + claim + "/evidence/files").then()
                .statusCode(201).body("stance", org.hamcrest.Matchers.equalTo("CONTEXT"));
        checker.spec().body(Map.of("url", "https://www.cancilleria.gob.ec/2018/03/28/comunicado/", "title", "Comunicado oficial",
                "stance", "SUPPORTS"))
                .post("/api/v1/claims/" + claim + "/evidence").then().statusCode(201);
    }

    @Test
    void aMergePatchWithNullRemovesTheFieldAndWithoutTheMemberKeepsIt() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        long id = contributor.spec().body(Map.of("statement", "Ecuador will withdraw Assange's asylum within days",
                "claimant", "Ecuador Foreign Ministry", "sourceUrl", "https://www.cancilleria.gob.ec/comunicado",
                "claimedAt", "2019-04-04", "tags", List.of("assange"))).post("/api/v1/claims").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String etag = TestApi.etag(contributor, id);
        // an empty patch keeps everything
        ExtractableResponse<Response> kept = contributor.spec().header("If-Match", etag)
                .contentType("application/merge-patch+json").body("{}").patch("/api/v1/claims/" + id).then()
                .statusCode(200).extract();
        assertThat(kept.jsonPath().getString("claimant")).isEqualTo("Ecuador Foreign Ministry");
        assertThat(kept.jsonPath().getString("claimedAt")).isEqualTo("2019-04-04");
        Map<String, Object> remove = new java.util.HashMap<>();
        remove.put("claimant", null);
        remove.put("sourceUrl", null);
        remove.put("claimedAt", null);
        remove.put("tags", null);
        ExtractableResponse<Response> removed = contributor.spec().header("If-Match", kept.header("ETag"))
                .contentType("application/merge-patch+json").body(remove).patch("/api/v1/claims/" + id).then()
                .statusCode(200).extract();
        assertThat(removed.jsonPath().getMap("$")).doesNotContainKeys("claimant", "sourceUrl", "claimedAt")
                .containsEntry("statement", "Ecuador will withdraw Assange's asylum within days");
        assertThat(removed.jsonPath().getList("tags")).isNullOrEmpty();
        // what the answer said is what is stored
        assertThat(contributor.spec().get("/api/v1/claims/" + id).then().statusCode(200).extract().jsonPath()
                .getMap("$")).doesNotContainKeys("claimant", "sourceUrl", "claimedAt");
        // bad members are refused as before, and change nothing
        contributor.spec().header("If-Match", removed.header("ETag")).contentType("application/merge-patch+json")
                .body(Map.of("claimedAt", "not-a-date")).patch("/api/v1/claims/" + id).then().statusCode(
                        org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(422)))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("java.")));
        contributor.spec().header("If-Match", removed.header("ETag")).contentType("application/merge-patch+json")
                .body(Map.of("sourceUrl", "ftp://example.org/x")).patch("/api/v1/claims/" + id).then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sourceUrl"));
        contributor.spec().header("If-Match", removed.header("ETag")).contentType("application/merge-patch+json")
                .body("[1, 2]").patch("/api/v1/claims/" + id).then().statusCode(
                        org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(422)));
        // a field that cannot be removed keeps its value
        Map<String, Object> statement = new java.util.HashMap<>();
        statement.put("statement", null);
        contributor.spec().header("If-Match", removed.header("ETag")).contentType("application/merge-patch+json")
                .body(statement).patch("/api/v1/claims/" + id).then().statusCode(200)
                .body("statement", org.hamcrest.Matchers.equalTo("Ecuador will withdraw Assange's asylum within days"));
    }

    @Test
    void answersCarryEveryPropertyTheContractCallsRequired() {
        Actor editor = TestApi.user(Role.EDITOR);
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor admin = TestApi.admin();
        List<String> violations = new ArrayList<>();
        java.util.function.BiFunction<String, String, java.util.function.Function<Response, Response>> check =
                (method, path) -> response -> {
                    violations.addAll(org.factdesk.Contract.violations(method, path, response));
                    return response;
                };
        Response created = check.apply("POST", "/api/v1/claims").apply(editor.spec().body(Map.of(
                "statement", "Ecuador's president said Assange repeatedly violated the conditions of his asylum",
                "claimant", "Lenin Moreno", "tags", List.of("assange"))).post("/api/v1/claims"));
        long id = created.jsonPath().getLong("id");
        check.apply("GET", "/api/v1/claims/{id}").apply(editor.spec().get("/api/v1/claims/" + id));
        check.apply("GET", "/api/v1/claims").apply(editor.spec().get("/api/v1/claims?limit=5"));
        check.apply("GET", "/api/v1/claims/similar").apply(editor.spec().get("/api/v1/claims/similar?text="
                + "Moreno says Assange violated his asylum conditions"));
        long research = TestApi.researchingClaim(checker, "Ecuador cut Assange's internet access at the embassy");
        check.apply("POST", "/api/v1/claims/{id}/evidence/files").apply(checker.spec().contentType("multipart/form-data")
                .multiPart("file", "note.txt", ("Embassy statement " + System.nanoTime()).getBytes(), "text/plain")
                .multiPart("stance", "SUPPORTS").post("/api/v1/claims/" + research + "/evidence/files"));
        check.apply("POST", "/api/v1/claims/{id}/evidence").apply(checker.spec().body(Map.of("url",
                "https://www.theguardian.com/media/2018/mar/28/ecuador-cuts-off-julian-assange-internet-access",
                "title", "Ecuador cuts off Assange's internet access", "stance", "SUPPORTS"))
                .post("/api/v1/claims/" + research + "/evidence"));
        check.apply("GET", "/api/v1/claims/{id}/evidence").apply(checker.spec().get("/api/v1/claims/" + research
                + "/evidence"));
        check.apply("POST", "/api/v1/claims/{id}/comments").apply(checker.spec().body(Map.of("body",
                "Two sources confirm the cut")).post("/api/v1/claims/" + research + "/comments"));
        check.apply("GET", "/api/v1/claims/{id}/comments").apply(checker.spec().get("/api/v1/claims/" + research
                + "/comments"));
        check.apply("GET", "/api/v1/claims/{claimId}/rulings").apply(checker.spec().get("/api/v1/claims/" + research
                + "/rulings"));
        check.apply("GET", "/api/v1/claims/{id}/history").apply(editor.spec().get("/api/v1/claims/" + research
                + "/history"));
        check.apply("GET", "/api/v1/claims/{id}/history/verify").apply(editor.spec().get("/api/v1/claims/" + research
                + "/history/verify"));
        check.apply("GET", "/api/v1/auth/me").apply(editor.spec().get("/api/v1/auth/me"));
        check.apply("GET", "/api/v1/users").apply(admin.spec().get("/api/v1/users"));
        check.apply("GET", "/api/v1/api-keys").apply(admin.spec().get("/api/v1/api-keys"));
        check.apply("GET", "/api/v1/audit").apply(admin.spec().get("/api/v1/audit?limit=20"));
        check.apply("GET", "/api/v1/rating-scale").apply(editor.spec().get("/api/v1/rating-scale"));
        check.apply("GET", "/api/v1/rating-scale/versions").apply(editor.spec().get("/api/v1/rating-scale/versions"));
        check.apply("GET", "/api/v1/webhooks").apply(admin.spec().get("/api/v1/webhooks"));
        check.apply("GET", "/api/public/claim-reviews").apply(given().get("/api/public/claim-reviews"));
        assertThat(violations).isEmpty();
    }

    private static int status(Response response) {
        return response.then().extract().statusCode();
    }

    @Test
    void responseHeadersTheServerSendsAreDeclaredWhereItSendsThem() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        ExtractableResponse<Response> created = contributor.spec()
                .body(Map.of("statement", "Quito will hand Assange over to the British police")).post("/api/v1/claims")
                .then().statusCode(201).extract();
        assertThat(created.header("Location")).isNotBlank();
        assertThat(created.header("ETag")).isNotBlank();
        assertThat(headers("post", "/api/v1/claims", "201")).contains("Location", "ETag");

        ExtractableResponse<Response> read = contributor.spec().get(created.header("Location")).then().statusCode(200)
                .extract();
        assertThat(read.header("ETag")).isNotBlank();
        assertThat(headers("get", "/api/v1/claims/{id}", "200")).contains("ETag");

        String challenge = given().get("/api/v1/claims").then().statusCode(401).extract().header("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer");
        assertThat(headers("get", "/api/v1/claims", "401")).contains("WWW-Authenticate");

        long id = created.jsonPath().getLong("id");
        String stale = contributor.spec().header("If-Match", "\"99\"").contentType("application/merge-patch+json")
                .body(Map.of("claimant", "Ministry")).patch("/api/v1/claims/" + id).then().statusCode(412).extract()
                .header("ETag");
        assertThat(stale).isEqualTo(created.header("ETag"));
        assertThat(headers("patch", "/api/v1/claims/{id}", "412")).contains("ETag");
        assertThat(headers("post", "/api/v1/auth/login", "429")).contains("Retry-After");
        assertThat(headers("get", "/api/v1/evidence/{id}/content", "206")).contains("Content-Range", "Content-Disposition");
        assertThat(headers("get", "/api/v1/evidence/{id}/content", "200")).contains("Content-Disposition");
        assertThat(operation("get", "/api/v1/evidence/{id}/content")
                .at("/responses/200/content/application~1octet-stream/schema/format").asText())
                .as("a generated client returns the bytes, not void").isEqualTo("binary");
        assertThat(headers("get", "/api/v1/evidence/{id}/content", "416")).contains("Content-Range");
    }

    @Test
    void theContractNamesNoJavaTypesAndPointsAtThisDeployment() {
        assertThat(spec.path("components").path("schemas").has("Instant")).isFalse();
        assertThat(spec.path("components").path("schemas").has("LocalDate")).isFalse();
        assertThat(spec.at("/components/schemas/SubmitClaimRequest/properties/claimedAt/format").asText())
                .isEqualTo("date");
        List<String> refsWithSiblings = new ArrayList<>();
        walk(spec, "", refsWithSiblings);
        assertThat(refsWithSiblings).as("a $ref carries no type, format or examples of its own").isEmpty();
        assertThat(spec.at("/servers/0/url").asText()).isEqualTo("https://factcheck.example.org");
    }

    private static void walk(JsonNode node, String at, List<String> found) {
        if (node.isObject()) {
            if (node.has("$ref") && (node.has("type") || node.has("format") || node.has("examples"))) {
                found.add(at);
            }
            node.fields().forEachRemaining(f -> walk(f.getValue(), at + "/" + f.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, found);
            }
        }
    }

    @Test
    void parametersCarryTheLimitsAndValuesTheServerEnforces() {
        JsonNode limit = parameter("get", "/api/v1/claims", "limit").path("schema");
        assertThat(limit.path("type").asText()).isEqualTo("integer");
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(100);
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        assertThat(status(contributor.spec().get("/api/v1/claims?limit=101"))).isBetween(400, 422);
        assertThat(status(contributor.spec().get("/api/v1/claims?limit=100"))).isEqualTo(200);
        assertThat(parameter("get", "/api/v1/claims", "status").at("/schema/$ref").asText()).endsWith("/ClaimStatus");
        assertThat(status(contributor.spec().get("/api/v1/claims?status=NOT_A_STATUS"))).isBetween(400, 422);
        Set<String> formats = new HashSet<>();
        parameter("get", "/api/v1/exports/rulings", "format").at("/schema/enum").forEach(v -> formats.add(v.asText()));
        assertThat(formats).containsExactlyInAnyOrder("csv", "ndjson");
        assertThat(spec.at("/components/schemas/Me/properties/roles/items/$ref").asText()).endsWith("/Role");
    }

    private JsonNode operation(String method, String path) {
        JsonNode op = spec.path("paths").path(path).path(method);
        assertThat(op.isMissingNode()).as(method + " " + path).isFalse();
        return op;
    }

    private JsonNode example(String method, String path, String code) {
        return operation(method, path).path("responses").path(code).path("content").path("application/problem+json")
                .path("example");
    }

    private Set<String> headers(String method, String path, String code) {
        Set<String> names = new HashSet<>();
        operation(method, path).path("responses").path(code).path("headers").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode parameter(String method, String path, String name) {
        for (JsonNode p : operation(method, path).path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(method + " " + path + " has no parameter " + name);
    }
}
