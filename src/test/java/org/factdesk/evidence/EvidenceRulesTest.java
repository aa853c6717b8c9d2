package org.factdesk.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.evidence.EvidenceFixtures.png;
import static org.factdesk.evidence.EvidenceFixtures.sha256;
import static org.factdesk.evidence.EvidenceFixtures.text;
import static org.factdesk.evidence.EvidenceFixtures.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EvidenceRulesTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EvidenceService evidenceService;

    private Actor checker;
    private Actor editor;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
    }

    private long researching() {
        return TestApi.researchingClaim(checker, "Evidence rules test claim " + System.nanoTime());
    }

    private static Map<String, Object> link() {
        Map<String, Object> link = new HashMap<>();
        link.put("url", "https://www.Example.org/ministry/statement?id=" + System.nanoTime());
        link.put("title", "Ministry statement");
        link.put("publisher", "Ministry of Foreign Affairs");
        link.put("accessedAt", "2019-04-06T09:30:00Z");
        link.put("archiveUrl", "https://web.archive.org/web/20190406093000/https://www.example.org/ministry/statement");
        link.put("stance", "REFUTES");
        link.put("note", "Full text of the denial");
        return link;
    }

    @Test
    void attachesALinkAndOffersItToRulings() {
        long claimId = researching();
        Response r = checker.spec().body(link()).post("/api/v1/claims/" + claimId + "/evidence");
        r.then().statusCode(201);
        assertThat(r.jsonPath().getString("kind")).isEqualTo("LINK");
        assertThat(r.jsonPath().getString("title")).isEqualTo("Ministry statement");
        assertThat(r.jsonPath().getString("accessedAt")).isEqualTo("2019-04-06T09:30:00Z");
        assertThat(r.jsonPath().getString("sha256")).isNull();
        long linkId = r.jsonPath().getLong("id");
        long fileId = upload(checker, claimId, png(2048), "a.png").then().statusCode(201).extract().jsonPath()
                .getLong("id");

        List<CitedEvidence> cited = evidenceService.cited(List.of(linkId, fileId, 999_999_999L));
        assertThat(cited).hasSize(2);
        CitedEvidence l = cited.stream().filter(c -> c.id() == linkId).findFirst().orElseThrow();
        assertThat(l.kind()).isEqualTo(CitedEvidence.Kind.LINK);
        assertThat(l.host()).isEqualTo("www.example.org");
        assertThat(l.claimId()).isEqualTo(claimId);
        assertThat(l.archiveUrl()).startsWith("https://web.archive.org/");
        CitedEvidence f = cited.stream().filter(c -> c.id() == fileId).findFirst().orElseThrow();
        assertThat(f.kind()).isEqualTo(CitedEvidence.Kind.FILE);
        assertThat(f.sha256()).hasSize(64);
        assertThat(f.title()).isEqualTo("a.png");
        assertThat(f.retracted()).isFalse();

        checker.spec().get("/api/v1/evidence/" + linkId + "/content").then().statusCode(404);
    }

    @Test
    void validatesLinksAndUploadFields() {
        long claimId = researching();
        Map<String, Object> bad = link();
        bad.put("url", "javascript:alert(1)");
        bad.put("title", " ");
        bad.put("archiveUrl", "ftp://example.org/x");
        Response r = checker.spec().body(bad).post("/api/v1/claims/" + claimId + "/evidence");
        r.then().statusCode(422).contentType("application/problem+json");
        assertThat(r.jsonPath().getList("errors.field")).contains("url", "title", "archiveUrl");

        Map<String, Object> noStance = link();
        noStance.remove("stance");
        checker.spec().body(noStance).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(422);
        Map<String, Object> sneaky = link();
        sneaky.put("sha256", "0".repeat(64));
        checker.spec().body(sneaky).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(400);

        Response noFile = checker.spec().contentType("multipart/form-data").multiPart("stance", "MAYBE")
                .multiPart("note", "x").post("/api/v1/claims/" + claimId + "/evidence");
        noFile.then().statusCode(422);
        assertThat(noFile.jsonPath().getList("errors.field")).containsExactly("file", "stance");

        checker.spec().contentType("multipart/form-data").multiPart("file", "empty.txt", new byte[0], "text/plain")
                .multiPart("stance", "CONTEXT").post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(422);
    }

    @Test
    void unauthenticatedCallsGet401() {
        long claimId = researching();
        long id = upload(checker, claimId, text(300), "x.txt").then().statusCode(201).extract().jsonPath().getLong("id");
        given().get("/api/v1/claims/" + claimId + "/evidence").then().statusCode(401);
        given().multiPart("file", "x.txt", text(300), "text/plain").multiPart("stance", "SUPPORTS")
                .post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(401);
        given().contentType("application/json").body(link()).post("/api/v1/claims/" + claimId + "/evidence").then()
                .statusCode(401);
        given().get("/api/v1/evidence/" + id).then().statusCode(401);
        given().get("/api/v1/evidence/" + id + "/content").then().statusCode(401);
        given().get("/api/v1/evidence/" + id + "/verify").then().statusCode(401);
        given().contentType("application/json").body(Map.of("reason", "x")).post("/api/v1/evidence/" + id + "/retraction")
                .then().statusCode(401);
    }

    @Test
    void onlyFactCheckersAndEditorsAddOrRetract() {
        long claimId = researching();
        long id = upload(checker, claimId, text(300), "x.txt").then().statusCode(201).extract().jsonPath().getLong("id");
        for (Role role : List.of(Role.CONTRIBUTOR, Role.ADMIN, Role.AUDITOR)) {
            Actor a = TestApi.user(role);
            upload(a, claimId, text(300), "y.txt").then().statusCode(403);
            a.spec().body(link()).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(403);
            a.spec().body(Map.of("reason", "no")).post("/api/v1/evidence/" + id + "/retraction").then().statusCode(403);
        }
        upload(TestApi.apiKey(Role.FACT_CHECKER), claimId, text(310), "key.txt").then().statusCode(201);
        editor.spec().body(link()).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(201);
        TestApi.newUser(Role.FACT_CHECKER).spec().body(Map.of("reason", "not mine"))
                .post("/api/v1/evidence/" + id + "/retraction").then().statusCode(403);
    }

    @Test
    void evidenceChangesOnlyWhileTheClaimIsResearched() {
        long submitted = TestApi.submitClaim(checker, "Evidence status test claim " + System.nanoTime());
        upload(checker, submitted, text(300), "x.txt").then().statusCode(409).contentType("application/problem+json");
        checker.spec().body(link()).post("/api/v1/claims/" + submitted + "/evidence").then().statusCode(409);

        long claimId = researching();
        long id = upload(checker, claimId, text(320), "x.txt").then().statusCode(201).extract().jsonPath().getLong("id");
        editor.spec().header("If-Match", TestApi.etag(editor, claimId))
                .body(Map.of("to", "DISMISSED", "reason", "Out of scope")).post("/api/v1/claims/" + claimId + "/transitions")
                .then().statusCode(200);
        upload(checker, claimId, text(330), "late.txt").then().statusCode(409);
        checker.spec().body(link()).post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(409);
        editor.spec().body(Map.of("reason", "late")).post("/api/v1/evidence/" + id + "/retraction").then()
                .statusCode(409);
        checker.spec().get("/api/v1/evidence/" + id + "/content").then().statusCode(200);

        upload(checker, 999_999_999L, text(300), "x.txt").then().statusCode(404);
        checker.spec().get("/api/v1/evidence/999999999").then().statusCode(404);
    }

    @Test
    void retractionKeepsTheBytesAndIsAudited() {
        long claimId = researching();
        byte[] bytes = png(5000);
        long id = upload(checker, claimId, bytes, "x.png").then().statusCode(201).extract().jsonPath().getLong("id");
        checker.spec().body(Map.of("reason", " ")).post("/api/v1/evidence/" + id + "/retraction").then().statusCode(422);
        Response r = checker.spec().body(Map.of("reason", "Photo is from a 2016 flood"))
                .post("/api/v1/evidence/" + id + "/retraction");
        r.then().statusCode(200);
        assertThat(r.jsonPath().getBoolean("retracted")).isTrue();
        assertThat(r.jsonPath().getString("retractedBy")).isEqualTo(checker.name());
        assertThat(r.jsonPath().getString("retractionReason")).isEqualTo("Photo is from a 2016 flood");
        assertThat(r.jsonPath().getString("retractedAt")).isNotNull();
        editor.spec().body(Map.of("reason", "again")).post("/api/v1/evidence/" + id + "/retraction").then()
                .statusCode(409);
        assertThat(TestApi.user(Role.AUDITOR).spec().get("/api/v1/evidence/" + id + "/content").asByteArray())
                .isEqualTo(bytes);
        assertThat(evidenceService.cited(List.of(id)).get(0).retracted()).isTrue();

        List<Map<String, Object>> events = checker.spec().get("/api/v1/claims/" + claimId + "/history").jsonPath()
                .getList("items");
        Map<String, Object> added = events.stream().filter(e -> "EVIDENCE_ADDED".equals(e.get("type"))).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) added.get("data");
        assertThat(data).containsEntry("sha256", sha256(bytes)).containsEntry("size", 5000)
                .containsEntry("contentType", "image/png").containsEntry("fileName", "x.png");
        assertThat(events).extracting(e -> e.get("type")).contains("EVIDENCE_RETRACTED");
        checker.spec().get("/api/v1/claims/" + claimId + "/history/verify").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true));
    }

    @Test
    void verifyReportsCorruptedBytes() throws Exception {
        long claimId = researching();
        byte[] bytes = text(600_000);
        Response up = upload(checker, claimId, bytes, "report.txt");
        long id = up.jsonPath().getLong("id");
        assertThat(checker.spec().get("/api/v1/evidence/" + id + "/verify").jsonPath().getBoolean("matches")).isTrue();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE evidence_blob_chunk SET data = set_byte(data, 10, (get_byte(data, 10) + 1) % 256) "
                        + "WHERE chunk_no = 1 AND blob_id = (SELECT CAST(storage_key AS BIGINT) FROM evidence WHERE id = ?)")) {
            ps.setLong(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Response verify = TestApi.user(Role.AUDITOR).spec().get("/api/v1/evidence/" + id + "/verify");
        verify.then().statusCode(200);
        assertThat(verify.jsonPath().getBoolean("matches")).isFalse();
        assertThat(verify.jsonPath().getString("sha256")).hasSize(64).isNotEqualTo(sha256(bytes));
    }

    @Test
    void servesSingleByteRanges() {
        long claimId = researching();
        byte[] bytes = png(600_000);
        long id = upload(checker, claimId, bytes, "clip.png").then().statusCode(201).extract().jsonPath().getLong("id");
        String url = "/api/v1/evidence/" + id + "/content";

        Response part = checker.spec().header("Range", "bytes=262000-262299").get(url);
        part.then().statusCode(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 262000-262299/600000");
        assertThat(part.header("Content-Length")).isEqualTo("300");
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 262000, 262300));

        Response suffix = checker.spec().header("Range", "bytes=-100").get(url);
        suffix.then().statusCode(206);
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 599_900, 600_000));

        Response open = checker.spec().header("Range", "bytes=599990-").get(url);
        assertThat(open.header("Content-Range")).isEqualTo("bytes 599990-599999/600000");
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 599_990, 600_000));

        Response outside = checker.spec().header("Range", "bytes=600000-").get(url);
        outside.then().statusCode(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */600000");

        checker.spec().header("Range", "bytes=0-1,5-9").get(url).then().statusCode(200);
        checker.spec().header("Range", "bytes=0-9").header("If-Range", "\"stale\"").get(url).then().statusCode(200);
        Response matching = checker.spec().header("Range", "bytes=0-9")
                .header("If-Range", "\"" + sha256(bytes) + "\"").get(url);
        matching.then().statusCode(206);
        assertThat(matching.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 0, 10));
    }

    @Test
    void contributorsNeverSeeEvidenceAndOthersClaimsDoNotExistForThem() {
        Actor contributor = TestApi.newUser(Role.CONTRIBUTOR);
        long own = researchedWithEvidence(contributor);
        long mine = checker.spec().get("/api/v1/claims/" + own + "/evidence").jsonPath().getLong("items[0].id");
        long other = researching();
        long theirs = upload(checker, other, text(300), "x.txt").then().statusCode(201).extract().jsonPath().getLong("id");

        contributor.spec().get("/api/v1/claims/" + own + "/evidence").then().statusCode(403);
        contributor.spec().get("/api/v1/evidence/" + mine + "/content").then().statusCode(403);
        contributor.spec().get("/api/v1/claims/" + other + "/evidence").then().statusCode(404);
        contributor.spec().get("/api/v1/evidence/" + theirs).then().statusCode(404);
        contributor.spec().get("/api/v1/evidence/" + theirs + "/content").then().statusCode(404);
        TestApi.user(Role.AUDITOR).spec().get("/api/v1/evidence/" + theirs + "/verify").then().statusCode(200);
        TestApi.user(Role.ADMIN).spec().get("/api/v1/claims/" + other + "/evidence").then().statusCode(200);
    }

    @Test
    void theSubmitterLearnsOnlyWhetherTheChainHoldsNotHowLongItIs() {
        Actor contributor = TestApi.newUser(Role.CONTRIBUTOR);
        long own = researchedWithEvidence(contributor);
        String verify = "/api/v1/claims/" + own + "/history/verify";

        // the staff-only evidence event is in the chain: its length would give it away
        contributor.spec().get(verify).then().statusCode(200).body("valid", equalTo(true))
                .body("$", not(hasKey("events"))).body("$", not(hasKey("firstBrokenSeq")));
        int whole = checker.spec().get("/api/v1/claims/" + own + "/history").jsonPath().getList("items").size();
        int theirs = contributor.spec().get("/api/v1/claims/" + own + "/history").jsonPath().getList("items").size();
        assertThat(theirs).isLessThan(whole);
        checker.spec().get(verify).then().statusCode(200).body("valid", equalTo(true)).body("events", equalTo(whole));
        TestApi.user(Role.AUDITOR).spec().get(verify).then().statusCode(200).body("events", equalTo(whole));
    }

    /** A claim the contributor submitted, under research by the checker, with one uploaded file as evidence. */
    private long researchedWithEvidence(Actor contributor) {
        long id = TestApi.startResearch(checker,
                TestApi.submitClaim(contributor, "Contributor's own claim for evidence " + System.nanoTime()));
        upload(checker, id, text(300), "x.txt").then().statusCode(201);
        return id;
    }
}
