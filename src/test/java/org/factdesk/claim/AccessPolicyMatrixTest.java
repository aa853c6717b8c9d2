package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The access matrix of {@code docs/api-contract.md} ("Access policy"), one HTTP test per cell: the table is read from
 * the document, so the contract and what the API does cannot drift apart. Each cell runs against a fresh claim in the
 * row's state, and also checks that the caller's {@code allowedActions} say what the request showed.
 */
@QuarkusTest
class AccessPolicyMatrixTest {

    static final Path CONTRACT = Path.of("docs/api-contract.md");
    static final List<String> COLUMNS = List.of("contributor", "other", "checker", "checker2", "editor", "drafter",
            "auditor", "admin");

    /** One row of the matrix. */
    record Row(String id, String state, String action, Map<String, String> cells) {
    }

    static List<Row> rows() throws IOException {
        String doc = Files.readString(CONTRACT, StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("<!-- access-matrix:start -->"), doc.indexOf("<!-- access-matrix:end -->"));
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : table.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("| ---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(c.strip());
            }
            if (header == null) {
                header = cells;
                assertThat(header.subList(5, header.size())).as("matrix columns").isEqualTo(COLUMNS);
                continue;
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                byColumn.put(COLUMNS.get(i), cells.get(5 + i));
            }
            rows.add(new Row(cells.get(0), cells.get(3), cells.get(4), byColumn));
        }
        return rows;
    }

    /** The cast: a fresh set of users per test run. */
    static final class Cast {
        final Map<String, Actor> actors = new LinkedHashMap<>();

        Cast() {
            actors.put("contributor", TestApi.newUser(Role.CONTRIBUTOR));
            actors.put("other", TestApi.newUser(Role.CONTRIBUTOR));
            actors.put("checker", TestApi.newUser(Role.FACT_CHECKER));
            actors.put("checker2", TestApi.newUser(Role.FACT_CHECKER));
            actors.put("editor", TestApi.newUser(Role.EDITOR, Role.FACT_CHECKER));
            actors.put("drafter", TestApi.newUser(Role.EDITOR, Role.FACT_CHECKER));
            actors.put("auditor", TestApi.newUser(Role.AUDITOR));
            actors.put("admin", TestApi.newUser(Role.ADMIN));
            actors.put("checker3", TestApi.newUser(Role.FACT_CHECKER));
        }

        Actor get(String name) {
            return actors.get(name);
        }
    }

    /** A claim in a given state with the ids of what hangs off it. */
    record Fixture(long claimId, Long evidenceId, Long commentId, Long rulingId) {
    }

    private static Cast cast;

    @TestFactory
    Stream<DynamicTest> everyCellOfTheAccessMatrixHolds() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(20);
        return rows.stream().flatMap(row -> COLUMNS.stream().map(column -> DynamicTest.dynamicTest(
                row.id() + " as " + column + " -> " + row.cells().get(column), () -> check(row, column))));
    }

    private static synchronized Cast cast() {
        if (cast == null) {
            cast = new Cast();
        }
        return cast;
    }

    private static void check(Row row, String column) {
        Cast c = cast();
        Fixture f = fixture(c, row.state());
        Actor who = c.get(column);
        String expected = row.cells().get(column);
        Response view = who.spec().get("/api/v1/claims/" + f.claimId());
        List<String> allowed = view.statusCode() == 200 ? view.jsonPath().getList("allowedActions", String.class)
                : List.of();
        Response r = request(row.id(), who, c, f);
        switch (expected) {
            case "yes", "listed", "unlisted", "all", "own", "published" ->
                assertThat(r.statusCode()).as("%s as %s: %s", row.id(), column, r.asString()).isBetween(200, 299);
            default -> {
                assertThat(r.statusCode()).as("%s as %s: %s", row.id(), column, r.asString())
                        .isEqualTo(Integer.parseInt(expected));
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        JsonPath body = r.statusCode() < 300 && r.asString().startsWith("{") ? r.jsonPath() : null;
        switch (expected) {
            case "listed" -> assertThat(body.getList("items.id", Long.class)).contains(f.claimId());
            case "unlisted" -> assertThat(body.getList("items.id", Long.class)).doesNotContain(f.claimId());
            case "all" -> assertThat(body.getList("items", Map.class)).as("everything").anySatisfy(item ->
                    assertThat(row.id().startsWith("history") ? item.get("type") : item.get("status"))
                            .isIn("EVIDENCE_ADDED", "DRAFT", "PUBLISHED"));
            case "own" -> assertThat(body.getList("items.type", String.class)).isNotEmpty()
                    .allMatch(t -> t.startsWith("CLAIM_") && !t.equals("CLAIM_ASSIGNED"));
            case "published" -> assertThat(body.getList("items.status", String.class))
                    .allMatch(s -> s.equals("PUBLISHED") || s.equals("SUPERSEDED"));
            default -> {
            }
        }
        if (!row.action().isEmpty()) {
            // "published" means the caller reads only what is public: the action itself (READ_DRAFTS) is not theirs
            boolean granted = List.of("yes", "all", "own", "listed").contains(expected);
            assertThat(allowed.contains(ClaimAction.valueOf(row.action()).name()))
                    .as("%s as %s: allowedActions %s agree with the matrix (%s)", row.id(), column, allowed, expected)
                    .isEqualTo(granted);
        }
    }

    private static Response request(String id, Actor who, Cast c, Fixture f) {
        long claim = f.claimId();
        String claimPath = "/api/v1/claims/" + claim;
        return switch (id) {
            case "claim-read" -> who.spec().get(claimPath);
            case "claim-list" -> who.spec().queryParam("limit", 100).get("/api/v1/claims");
            case "claim-edit-submitted", "claim-edit-researching" -> who.spec().header("If-Match", etag(c, claim))
                    .body(Map.of("claimant", "Edited by the matrix")).patch(claimPath);
            case "claim-take" -> who.spec().header("If-Match", etag(c, claim)).body(Map.of("username", who.name()))
                    .put(claimPath + "/assignee");
            case "claim-assign" -> who.spec().header("If-Match", etag(c, claim))
                    .body(Map.of("username", c.get("checker3").name())).put(claimPath + "/assignee");
            case "claim-dismiss" -> who.spec().header("If-Match", etag(c, claim))
                    .body(Map.of("to", "DISMISSED", "reason", "Out of scope")).post(claimPath + "/transitions");
            case "claim-reopen" -> who.spec().header("If-Match", etag(c, claim))
                    .body(Map.of("to", "SUBMITTED", "reason", "New facts")).post(claimPath + "/transitions");
            case "claim-reopen-correction" -> who.spec().header("If-Match", etag(c, claim))
                    .body(Map.of("to", "RESEARCHING", "reason", "A correction")).post(claimPath + "/transitions");
            case "history-read" -> who.spec().get(claimPath + "/history");
            case "history-verify" -> who.spec().get(claimPath + "/history/verify");
            case "evidence-list" -> who.spec().get(claimPath + "/evidence");
            case "evidence-get" -> who.spec().get("/api/v1/evidence/" + f.evidenceId());
            case "evidence-add" -> who.spec().body(link("https://example.org/matrix-added")).post(claimPath + "/evidence");
            case "evidence-retract" -> who.spec().body(Map.of("reason", "Shown to be misattributed"))
                    .post("/api/v1/evidence/" + f.evidenceId() + "/retraction");
            case "comment-list" -> who.spec().get(claimPath + "/comments");
            case "comment-post" -> who.spec().body(Map.of("body", "A remark from the matrix")).post(claimPath + "/comments");
            case "comment-edit" -> who.spec().header("If-Match", "\"0\"").body(Map.of("body", "Edited remark"))
                    .patch("/api/v1/comments/" + f.commentId());
            case "comment-delete" -> who.spec().delete("/api/v1/comments/" + f.commentId());
            case "ruling-list", "ruling-list-published" -> who.spec().get(claimPath + "/rulings");
            case "ruling-get-draft", "ruling-get-published" -> who.spec().get("/api/v1/rulings/" + f.rulingId());
            case "ruling-draft" -> who.spec().header("If-Match", etag(c, claim))
                    .body(draft(List.of(f.evidenceId()))).post(claimPath + "/rulings");
            case "ruling-approve" -> who.spec().post("/api/v1/rulings/" + f.rulingId() + "/approval");
            case "ruling-return" -> who.spec().body(Map.of("comment", "Needs a second source"))
                    .post("/api/v1/rulings/" + f.rulingId() + "/return");
            default -> throw new IllegalArgumentException("no request for matrix row " + id);
        };
    }

    private static String etag(Cast c, long claimId) {
        return TestApi.etag(c.get("editor"), claimId);
    }

    /** A claim submitted by the contributor, brought to the state a row needs by the checker, drafter and editor. */
    private static Fixture fixture(Cast c, String state) {
        Actor editor = c.get("editor");
        Actor checker = c.get("checker");
        long id = TestApi.submitClaim(c.get("contributor"), "Ecuador's Foreign Ministry said it has no plans to expel "
                + "Julian Assange (matrix " + state + ")");
        if (state.equals("SUBMITTED")) {
            return new Fixture(id, null, null, null);
        }
        if (state.equals("DISMISSED")) {
            editor.spec().header("If-Match", etag(c, id)).body(Map.of("to", "DISMISSED", "reason", "Duplicate"))
                    .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200);
            return new Fixture(id, null, null, null);
        }
        editor.spec().header("If-Match", etag(c, id)).body(Map.of("username", checker.name()))
                .put("/api/v1/claims/" + id + "/assignee").then().statusCode(200);
        long evidence = checker.spec().body(link("https://www.cancilleria.gob.ec/statement")).post(
                "/api/v1/claims/" + id + "/evidence").then().statusCode(201).extract().jsonPath().getLong("id");
        long comment = checker.spec().body(Map.of("body", "The ministry's statement is on its site")).post(
                "/api/v1/claims/" + id + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        if (state.equals("RESEARCHING")) {
            return new Fixture(id, evidence, comment, null);
        }
        long ruling = c.get("drafter").spec().header("If-Match", etag(c, id)).body(draft(List.of(evidence)))
                .post("/api/v1/claims/" + id + "/rulings").then().statusCode(201).extract().jsonPath().getLong("id");
        if (state.equals("IN_REVIEW")) {
            return new Fixture(id, evidence, comment, ruling);
        }
        editor.spec().post("/api/v1/rulings/" + ruling + "/approval").then().statusCode(200);
        assertThat(state).isEqualTo("RATED");
        return new Fixture(id, evidence, comment, ruling);
    }

    private static Map<String, Object> link(String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("title", "Ecuador's Foreign Ministry statement");
        body.put("stance", "REFUTES");
        return body;
    }

    private static Map<String, Object> draft(List<Long> evidence) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", "false");
        body.put("headline", "No, Ecuador did not announce it would expel Assange");
        body.put("claimReviewed", "Ecuador planned to expel Assange from its embassy");
        body.put("summary", "The Foreign Ministry denied any plan to end the asylum.");
        body.put("evidenceIds", evidence);
        return body;
    }
}
