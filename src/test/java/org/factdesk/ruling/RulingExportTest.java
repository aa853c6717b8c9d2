package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addFile;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.researchingClaim;
import static org.hamcrest.Matchers.containsString;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RulingExportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportsPublishedRulingsAsCsvThatACsvLibraryParses() throws Exception {
        Fixture f = publishedWithAwkwardText();
        Actor auditor = TestApi.user(Role.AUDITOR);
        var response = auditor.spec().queryParam("format", "csv").queryParam("from", today()).get("/api/v1/exports/rulings").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract();
        try (CSVParser csv = CSVParser.parse(new StringReader(response.asString()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames()).containsExactly("ruling_id", "claim_id", "claim_statement",
                    "version_number", "status", "verdict_key", "verdict_label", "rating_value", "scale_version",
                    "published_at", "drafted_at", "drafted_by", "approved_by", "evidence_ids", "evidence_sha256",
                    "provenance_hash", "correction_note", "supersedes", "superseded_by");
            List<CSVRecord> rows = csv.getRecords();
            CSVRecord row = rows.stream().filter(r -> r.get("ruling_id").equals(String.valueOf(f.rulingId)))
                    .findFirst().orElseThrow();
            assertThat(row.get("claim_id")).isEqualTo(String.valueOf(f.claimId));
            assertThat(row.get("claim_statement")).isEqualTo(f.statement);
            assertThat(row.get("verdict_key")).isEqualTo("mostly_false");
            assertThat(row.get("verdict_label")).isEqualTo("Mostly false");
            assertThat(row.get("rating_value")).isEqualTo("3");
            assertThat(row.get("version_number")).isEqualTo("1");
            assertThat(row.get("status")).isEqualTo("PUBLISHED");
            assertThat(Instant.parse(row.get("published_at"))).isAfter(Instant.parse(row.get("drafted_at")));
            assertThat(row.get("drafted_by")).isEqualTo(f.drafter);
            assertThat(row.get("approved_by")).isEqualTo(f.approver);
            assertThat(row.get("evidence_ids").split(" ")).hasSize(2);
            assertThat(row.get("evidence_sha256")).matches("[0-9a-f]{64}");
            assertThat(row.get("provenance_hash")).isEqualTo(f.provenanceHash);
            assertThat(rows).allSatisfy(r -> assertThat(r.get("provenance_hash")).matches("[0-9a-f]{64}"));
            // published order, oldest first
            List<Instant> times = rows.stream().map(r -> Instant.parse(r.get("published_at"))).toList();
            assertThat(times).isSorted();
        }
    }

    @Test
    void exportsPublishedRulingsAsNdjsonOneObjectPerLine() throws Exception {
        Fixture f = publishedWithAwkwardText();
        String body = TestApi.user(Role.EDITOR).spec().queryParam("format", "ndjson").queryParam("from", today()).get("/api/v1/exports/rulings")
                .then().statusCode(200).contentType(containsString("application/x-ndjson")).extract().asString();
        assertThat(body).endsWith("\n");
        JsonNode mine = null;
        for (String line : body.split("\n")) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.isObject()).isTrue();
            if (row.path("rulingId").asLong() == f.rulingId) {
                mine = row;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("claimStatement").asText()).isEqualTo(f.statement);
        assertThat(mine.path("verdictLabel").asText()).isEqualTo("Mostly false");
        assertThat(mine.path("scaleVersion").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(mine.path("evidenceSha256").get(0).asText()).matches("[0-9a-f]{64}");
        assertThat(mine.path("provenanceHash").asText()).isEqualTo(f.provenanceHash);
        assertThat(mine.path("draftedBy").asText()).isEqualTo(f.drafter);
        assertThat(mine.path("approvedBy").asText()).isEqualTo(f.approver);
    }

    @Test
    void filtersByPublicationDateAndValidatesParameters() {
        Fixture f = publishedWithAwkwardText();
        Actor admin = TestApi.admin();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(admin.spec().queryParam("format", "ndjson").queryParam("from", today).queryParam("to", today)
                .get("/api/v1/exports/rulings").then().statusCode(200).extract().asString())
                .contains("\"rulingId\":" + f.rulingId);
        assertThat(admin.spec().queryParam("format", "ndjson").queryParam("from", tomorrow)
                .get("/api/v1/exports/rulings").then().statusCode(200).extract().asString()).isEmpty();
        admin.spec().queryParam("format", "xml").get("/api/v1/exports/rulings").then().statusCode(422);
        admin.spec().queryParam("from", "yesterday").get("/api/v1/exports/rulings").then().statusCode(422);
        admin.spec().queryParam("from", tomorrow).queryParam("to", today).get("/api/v1/exports/rulings").then()
                .statusCode(422);
        TestApi.user(Role.FACT_CHECKER).spec().get("/api/v1/exports/rulings").then().statusCode(403);
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    record Fixture(long claimId, long rulingId, String statement, String drafter, String approver,
            String provenanceHash) {
    }

    /** A published ruling whose claim statement has a comma, quotes and a line break. */
    private static Fixture publishedWithAwkwardText() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        String statement = "He said \"we will, of course, protect him\",\nthen changed his mind " + System.nanoTime();
        long claimId = researchingClaim(checker, checker, statement);
        long file = addFile(checker, claimId, "Transcript of the interview " + claimId);
        long link = addLink(checker, claimId, "https://news.example.org/interview", null);
        long rulingId = draftOk(checker, claimId, draftBody("mostly_false", List.of(file, link)));
        String hash = approve(editor, rulingId).then().statusCode(200).extract().path("provenanceHash");
        return new Fixture(claimId, rulingId, statement, checker.name(), editor.name(), hash);
    }
}
