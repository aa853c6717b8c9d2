package org.factdesk.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.audit.AuditLog;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class ImportClaimsTest {

    static final String NDJSON = "application/x-ndjson";
    // REST Assured would otherwise declare ISO-8859-1 for a text/* body, which an import refuses (415)
    static final String CSV = "text/csv; charset=UTF-8";
    static final String IMPORTS = "/api/v1/imports/claims";
    /** Sends the content type as given (REST Assured appends a charset to types it does not know otherwise). */
    static final RestAssuredConfig AS_GIVEN = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
            .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    EntityManager em;
    @Inject
    AuditLog audit;

    /** A body of {@code lines} lines made as it is read, never held whole (line n, from 1, is {@code line(n)}). */
    static final class Lines extends InputStream {
        private final long lines;
        private final LongFunction<String> line;
        private long next = 1;
        private byte[] current = new byte[0];
        private int pos;

        Lines(long lines, LongFunction<String> line) {
            this.lines = lines;
            this.line = line;
        }

        private boolean more() {
            while (pos == current.length) {
                if (next > lines) {
                    return false;
                }
                current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return more() ? current[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && more()) {
                int k = Math.min(len - n, current.length - pos);
                System.arraycopy(current, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            return n == 0 ? -1 : n;
        }
    }

    static Response importBody(Actor actor, String contentType, InputStream body) {
        return actor.spec().config(AS_GIVEN).contentType(contentType).body(body).post(IMPORTS);
    }

    static Response importText(Actor actor, String contentType, String body) {
        return actor.spec().config(AS_GIVEN).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .post(IMPORTS);
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private long importedClaims(Actor importer) {
        return count("SELECT count(*) FROM claim WHERE imported_by = ?1", importer.name());
    }

    private Map<String, Long> idsByExternalId(Actor importer) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> ids = new HashMap<>();
            for (Object row : em.createNativeQuery("SELECT external_id, id FROM claim WHERE imported_by = ?1 "
                    + "AND external_id IS NOT NULL").setParameter(1, importer.name()).getResultList()) {
                Object[] r = (Object[]) row;
                ids.put((String) r[0], ((Number) r[1]).longValue());
            }
            return ids;
        });
    }

    /** Good lines, and every hundredth line (n % 100 == 50) bad in one of nine ways. */
    static String bigImportLine(long n) {
        if (n % 100 != 50) {
            String language = n % 3 == 0 ? ",\"language\":\"en\"" : "";
            String priority = n % 5 == 0 ? ",\"priority\":\"HIGH\"" : "";
            return "{\"statement\":\"The minister said unemployment fell by " + (n % 97) + " percent in district "
                    + n + "\",\"claimant\":\"Minister " + (n % 13) + "\",\"claimedAt\":\"2024-0" + (1 + n % 9)
                    + "-1" + (n % 10) + "\",\"tags\":[\"economy\",\"district-" + (n % 7) + "\"],\"sourceUrl\":"
                    + "\"https://news.example.org/" + n + "\",\"externalId\":\"ext-" + n + "\"" + language + priority
                    + "}";
        }
        return switch ((int) (n / 100 % 9)) {
            case 0 -> "{\"statement\": \"a line cut off in the middle";
            case 1 -> "{\"claimant\":\"Nobody said anything\",\"externalId\":\"ext-" + n + "\"}";
            case 2 -> "{\"statement\":\"Too short\",\"externalId\":\"ext-" + n + "\"}";
            case 3 -> "{\"statement\":\"" + "x".repeat(2001) + "\",\"externalId\":\"ext-" + n + "\"}";
            case 4 -> "{\"statement\":\"A claim of a priority nobody knows\",\"priority\":\"SOMETIMES\"}";
            case 5 -> "{\"statement\":\"A claim with a field nobody knows\",\"colour\":\"red\"}";
            case 6 -> "{\"statement\":\"A claim from a source that is no web page\",\"sourceUrl\":\"ftp://x.example\"}";
            case 7 -> "{\"statement\":\"A second claim with the external id of the line before\",\"externalId\":\"ext-"
                    + (n - 1) + "\"}";
            default -> "{\"statement\":\"A claim with a NUL \\u0000 in it\",\"externalId\":\"ext-" + n + "\"}";
        };
    }

    @Test
    void importsAHundredThousandNdjsonLinesAndReportsEachBadOne() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        int lines = 100_000;
        long analyzedBefore = count("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'claim'");
        long started = System.nanoTime();
        JsonPath report = importBody(editor, NDJSON, new Lines(lines, ImportClaimsTest::bigImportLine))
                .then().statusCode(200).extract().jsonPath();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("imported %d lines in %.1f s (%.0f lines/s)%n", lines, seconds, lines / seconds);

        List<Long> bad = new ArrayList<>();
        for (long n = 50; n <= lines; n += 100) {
            bad.add(n);
        }
        assertThat(report.getLong("received")).isEqualTo(lines);
        assertThat(report.getLong("failed")).isEqualTo(bad.size());
        assertThat(report.getLong("created")).isEqualTo(lines - bad.size());
        assertThat(report.getLong("existing")).isZero();
        assertThat(report.getBoolean("truncated")).isFalse();
        assertThat(report.getList("errors.line", Long.class)).containsExactlyElementsOf(bad);
        Map<Long, String> problems = new TreeMap<>();
        List<Map<String, Object>> errors = report.getList("errors");
        errors.forEach(e -> problems.put(((Number) e.get("line")).longValue(), (String) e.get("problem")));
        assertThat(problems.get(50L)).isEqualTo("not valid JSON");
        assertThat(problems.get(150L)).isEqualTo("statement: must not be blank");
        assertThat(problems.get(250L)).isEqualTo("statement: size must be between 10 and 2000");
        assertThat(problems.get(350L)).isEqualTo("statement: size must be between 10 and 2000");
        assertThat(problems.get(450L)).isEqualTo("priority: must be one of [LOW, NORMAL, HIGH, URGENT]");
        assertThat(problems.get(550L)).startsWith("unknown field 'colour'");
        assertThat(problems.get(650L)).isEqualTo("sourceUrl: must be an absolute http or https URL");
        assertThat(problems.get(750L)).isEqualTo("externalId: repeats the externalId of line 749");
        assertThat(problems.get(850L)).startsWith("statement: must not contain NUL");

        // every created claim is in the database with exactly one event, its CLAIM_SUBMITTED, and its chain holds
        assertThat(importedClaims(editor)).isEqualTo(lines - bad.size());
        assertThat(count("SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.imported_by = ?1",
                editor.name())).isEqualTo(lines - bad.size());
        assertThat(count("SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.imported_by = ?1 "
                + "AND e.type = 'CLAIM_SUBMITTED' AND e.actor = ?1 AND e.audience = 'SUBMITTER'", editor.name()))
                .isEqualTo(lines - bad.size());
        Map<String, Long> ids = idsByExternalId(editor);
        assertThat(ids).hasSize(lines - bad.size()).doesNotContainKey("ext-150").containsKey("ext-749");
        for (long n = 1; n <= lines; n += 997) {
            if (n % 100 == 50) {
                continue;
            }
            long id = ids.get("ext-" + n);
            AuditLog.ChainVerification chain = audit.verify(id);
            assertThat(chain.valid()).as("chain of claim %d (line %d)", id, n).isTrue();
            assertThat(chain.events()).isEqualTo(1);
        }
        // line order is id order, and the claim reads back as it was sent
        assertThat(ids.get("ext-1")).isLessThan(ids.get("ext-2"));
        assertThat(ids.get("ext-99999")).isGreaterThan(ids.get("ext-1001"));
        JsonPath claim = editor.spec().get("/api/v1/claims/" + ids.get("ext-3")).then().statusCode(200).extract()
                .jsonPath();
        assertThat(claim.getString("statement")).isEqualTo("The minister said unemployment fell by 3 percent in district 3");
        assertThat(claim.getString("submittedBy")).isEqualTo(editor.name());
        assertThat(claim.getString("status")).isEqualTo("SUBMITTED");
        assertThat(claim.getString("language")).isEqualTo("en");
        assertThat(claim.getList("tags")).containsExactly("economy", "district-3");
        assertThat(claim.getString("claimedAt")).isEqualTo("2024-04-13");

        // the import refreshed the statistics, so "minister", now on 99,000 claims, is no longer taken for a rare
        // stem whose claims all become candidates (300 arbitrary ministers would crowd this claim out)
        String marker = "Zorblat" + UUID.randomUUID().toString().substring(0, 8);
        long tweeted = editor.spec().body(Map.of("statement", "The Ecuadorian foreign minister tweeted about "
                + "mechanisms to revoke the asylum of " + marker + ".", "language", "en")).post("/api/v1/claims")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long deadline = System.nanoTime() + 15_000_000_000L;
        boolean analyzed = false;
        while (!analyzed && System.nanoTime() < deadline) {
            analyzed = count("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'claim'") > analyzedBefore;
            if (!analyzed) {
                sleep(200);
            }
        }
        assertThat(analyzed).as("ANALYZE claim after the import").isTrue();
        List<Long> found = List.of();
        while (!found.contains(tweeted) && System.nanoTime() < deadline) {
            found = editor.spec().queryParam("text", "The foreign minister posted a tweet about revoking the asylum of "
                    + marker).get("/api/v1/claims/similar").then().statusCode(200).extract().jsonPath()
                    .getList("items.claim.id", Long.class);
            if (!found.contains(tweeted)) {
                sleep(200);
            }
        }
        assertThat(found).as("similar claims after the import").contains(tweeted);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void recordsTheSameEventAndRowASubmissionOfTheSameFieldsWould() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String statement = "The harbour bridge was painted pink in 1998, a spokesman said " + UUID.randomUUID();
        long submitted = editor.spec().body(Map.of("statement", statement, "claimant", " Harbour authority ",
                "tags", List.of("Bridges", "bridges", "city"), "claimedAt", "2020-02-02"))
                .post("/api/v1/claims").then().statusCode(201).extract().jsonPath().getLong("id");
        importText(editor, NDJSON, "{\"statement\":\"" + statement + "\",\"claimant\":\" Harbour authority \","
                + "\"tags\":[\"Bridges\",\"bridges\",\"city\"],\"claimedAt\":\"2020-02-02\",\"externalId\":\"b-1\"}\n")
                .then().statusCode(200).body("created", equalTo(1));
        long imported = idsByExternalId(editor).get("b-1");
        JsonPath a = editor.spec().get("/api/v1/claims/" + submitted + "/history").then().statusCode(200).extract()
                .jsonPath();
        JsonPath b = editor.spec().get("/api/v1/claims/" + imported + "/history").then().statusCode(200).extract()
                .jsonPath();
        assertThat(b.getList("items.type")).containsExactly("CLAIM_SUBMITTED");
        assertThat(b.getMap("items[0].data")).isEqualTo(a.getMap("items[0].data"));
        assertThat(b.getString("items[0].actor")).isEqualTo(a.getString("items[0].actor"));
        for (String field : List.of("statement", "claimant", "sourceUrl", "claimedAt", "language", "tags", "priority",
                "status", "submittedBy", "version", "assignee")) {
            Object x = editor.spec().get("/api/v1/claims/" + submitted).then().extract().path(field);
            Object y = editor.spec().get("/api/v1/claims/" + imported).then().extract().path(field);
            assertThat(y).as(field).isEqualTo(x);
        }
        editor.spec().get("/api/v1/claims/" + imported + "/history/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void reportsARepeatedExternalIdAsExistingWithoutCreatingAgain() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String first = line("a", "The port authority said exports doubled last year")
                + line("b", "The mayor claimed the new tram line cost nothing")
                + line("c", "A viral post says the river froze in July");
        importText(editor, NDJSON, first).then().statusCode(200).body("created", equalTo(3));
        Map<String, Long> before = idsByExternalId(editor);
        long events = count("SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.imported_by = ?1",
                editor.name());

        String again = line("c", "A viral post says the river froze in July, again") + "\n"
                + line("d", "The council said every school now has solar panels")
                + line("b", "The mayor claimed the new tram line cost nothing");
        JsonPath report = importText(editor, NDJSON, again).then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("received")).isEqualTo(3);
        assertThat(report.getLong("created")).isEqualTo(1);
        assertThat(report.getLong("existing")).isEqualTo(2);
        assertThat(report.getLong("failed")).isZero();
        assertThat(report.getList("existingClaims.line", Long.class)).containsExactly(1L, 4L);
        assertThat(report.getList("existingClaims.externalId", String.class)).containsExactly("c", "b");
        assertThat(report.getList("existingClaims.claimId", Long.class)).containsExactly(before.get("c"), before.get("b"));
        Map<String, Long> after = idsByExternalId(editor);
        assertThat(after).hasSize(4).containsAllEntriesOf(before);
        assertThat(count("SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.imported_by = ?1",
                editor.name())).isEqualTo(events + 1);
        // unique per importer: another editor's "a" is a claim of its own
        Actor other = TestApi.newUser(Role.EDITOR);
        importText(other, NDJSON, line("a", "The port authority said exports doubled last year")).then()
                .statusCode(200).body("created", equalTo(1)).body("existing", equalTo(0));
    }

    private static String line(String externalId, String statement) {
        return "{\"statement\":\"" + statement + "\",\"externalId\":\"" + externalId + "\"}\n";
    }

    @Test
    void importsCsvWithAHeaderRow() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String csv = "\uFEFFexternal_id,statement,Claimant,claimed_at,tags,priority,language,source_url\r\n"
                + "c-1,\"The governor said, in a speech, that taxes fell\",Governor,2023-05-01,tax; budget,high,,"
                + "https://example.org/speech\r\n"
                + "c-2,\"A quoted statement that spans\ntwo lines, with \"\"quotes\"\" inside\",,,,,,\r\n"
                + "\r\n"
                + "c-3,Too short,,,,,,\r\n"
                + "c-4,The minister claimed the bridge will open in May,,2023-13-01,,,,\r\n"
                + "c-5,A line with a cell too few,,,,\r\n"
                + "c-6,\"A broken \"quote\" in the middle of a field\",,,,,,\r\n"
                + ",Claims without an external id are imported as well,,,,,,\r\n";
        JsonPath report = importText(editor, CSV, csv).then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("received")).isEqualTo(7);
        assertThat(report.getLong("created")).isEqualTo(3);
        assertThat(report.getLong("failed")).isEqualTo(4);
        assertThat(report.getList("errors.line", Long.class)).containsExactly(6L, 7L, 8L, 9L);
        assertThat(report.getList("errors.problem", String.class)).containsExactly(
                "statement: size must be between 10 and 2000", "claimedAt: must be a date (yyyy-mm-dd)",
                "has 6 cells, the header has 8", report.getString("errors[3].problem"));
        assertThat(report.getString("errors[3].problem")).startsWith("not valid CSV");
        Map<String, Long> ids = idsByExternalId(editor);
        assertThat(ids).containsOnlyKeys("c-1", "c-2");
        JsonPath first = editor.spec().get("/api/v1/claims/" + ids.get("c-1")).then().statusCode(200).extract()
                .jsonPath();
        assertThat(first.getString("statement")).isEqualTo("The governor said, in a speech, that taxes fell");
        assertThat(first.getString("claimant")).isEqualTo("Governor");
        assertThat(first.getList("tags")).containsExactly("tax", "budget");
        assertThat(first.getString("priority")).isEqualTo("HIGH");
        assertThat(first.getString("sourceUrl")).isEqualTo("https://example.org/speech");
        assertThat(editor.spec().get("/api/v1/claims/" + ids.get("c-2")).then().extract().path("statement")
                .toString()).isEqualTo("A quoted statement that spans\ntwo lines, with \"quotes\" inside");
        assertThat(importedClaims(editor)).isEqualTo(3);
    }

    @Test
    void refusesACsvWithoutAUsableHeaderRow() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        importText(editor, CSV, "statement,colour\nA claim about the colour of the sky,blue\n").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("header"));
        importText(editor, CSV, "claimant\nSomebody\n").then().statusCode(422).body("errors[0].field", equalTo("header"));
        importText(editor, CSV, "").then().statusCode(422).body("errors[0].field", equalTo("header"));
        assertThat(importedClaims(editor)).isZero();
    }

    @Test
    void refusesAnImportByAFactChecker() {
        Actor checker = TestApi.newUser(Role.FACT_CHECKER);
        importText(checker, NDJSON, line("x", "A fact-checker tries to import a claim in bulk")).then()
                .statusCode(403).contentType(startsWith("application/problem+json"));
        assertThat(importedClaims(checker)).isZero();
    }

    @Test
    void refusesAnImportByAContributorOrAnAdministrator() {
        for (Role role : List.of(Role.CONTRIBUTOR, Role.ADMIN, Role.AUDITOR)) {
            Actor actor = TestApi.newUser(role);
            importText(actor, NDJSON, line("x", "Somebody without the editor role imports a claim")).then()
                    .statusCode(403).contentType(startsWith("application/problem+json"));
            assertThat(importedClaims(actor)).isZero();
        }
        RestAssured.given().config(AS_GIVEN).contentType(NDJSON)
                .body(line("x", "Nobody signed in imports a claim").getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void importsWithAnEditorApiKey() {
        Actor key = TestApi.apiKey(Role.EDITOR);
        importText(key, NDJSON, line("k-1", "An integration imports a claim with its key")).then().statusCode(200)
                .body("created", equalTo(1));
        assertThat(importedClaims(key)).isEqualTo(1);
    }

    @Test
    void refusesMoreThanAHundredThousandLines() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        importBody(editor, NDJSON, new Lines(100_001, n -> "{\"statement\":\"Claim number " + n
                + " of an import that is one line too long\",\"externalId\":\"" + n + "\"}"))
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://factdesk.org/problems/too-many-lines")).body("maxLines", equalTo(100000));
        assertThat(importedClaims(editor)).isZero();
    }

    @Test
    void refusesAnUnsupportedMediaType() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        editor.spec().body(Map.of("statement", "A claim sent as one JSON document")).post(IMPORTS).then()
                .statusCode(415).contentType(startsWith("application/problem+json"));
        importText(editor, "text/csv; charset=ISO-8859-1", "statement\nA claim in another encoding\n").then()
                .statusCode(415).contentType(startsWith("application/problem+json"));
        assertThat(importedClaims(editor)).isZero();
    }

    @Test
    void concurrentImportsOfTheSameExternalIdsCreateEachClaimOnce() throws Exception {
        Actor editor = TestApi.newUser(Role.EDITOR);
        int lines = 3_000;
        // the second body has the lines in another order, so the two imports' chunks overlap differently
        LongFunction<String> forward = n -> "{\"statement\":\"Concurrent import claim number " + n
                + "\",\"externalId\":\"same-" + n + "\"}";
        LongFunction<String> backward = n -> forward.apply(lines + 1 - n);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonPath>> results = new ArrayList<>();
            for (LongFunction<String> body : List.of(forward, backward)) {
                results.add(pool.submit(() -> {
                    start.await();
                    return importBody(editor, NDJSON, new Lines(lines, body)).then().statusCode(200).extract()
                            .jsonPath();
                }));
            }
            start.countDown();
            long created = 0;
            long existing = 0;
            for (Future<JsonPath> f : results) {
                JsonPath r = f.get();
                assertThat(r.getLong("failed")).isZero();
                created += r.getLong("created");
                existing += r.getLong("existing");
            }
            assertThat(created).isEqualTo(lines);
            assertThat(existing).isEqualTo(lines);
        } finally {
            pool.shutdownNow();
        }
        assertThat(importedClaims(editor)).isEqualTo(lines);
        assertThat(idsByExternalId(editor)).hasSize(lines);
        assertThat(count("SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.imported_by = ?1",
                editor.name())).isEqualTo(lines);
    }

    @Test
    void replaysTheReportToARetryWithTheSameIdempotencyKey() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String key = "\"" + UUID.randomUUID() + "\"";
        byte[] body = (line("i-1", "The first claim of an import that is retried") + "{\"statement\":\"short\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        Response first = editor.spec().config(AS_GIVEN).header("Idempotency-Key", key).contentType(NDJSON).body(body)
                .post(IMPORTS);
        first.then().statusCode(200).header("Idempotent-Replayed", (String) null).body("created", equalTo(1))
                .body("failed", equalTo(1));
        Response again = editor.spec().config(AS_GIVEN).header("Idempotency-Key", key).contentType(NDJSON).body(body)
                .post(IMPORTS);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(again.asByteArray()).isEqualTo(first.asByteArray());
        editor.spec().config(AS_GIVEN).header("Idempotency-Key", key).contentType(NDJSON)
                .body(line("i-2", "Another body, same key").getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(importedClaims(editor)).isEqualTo(1);
    }

    @Test
    void importedClaimsAreFoundBySearchAndBySimilarClaims() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        importText(editor, NDJSON, line("s-1", "The lighthouse keeper " + word + " said the lamp runs on olive oil"))
                .then().statusCode(200).body("created", equalTo(1));
        long id = idsByExternalId(editor).get("s-1");
        editor.spec().queryParam("q", word).get("/api/v1/claims").then().statusCode(200)
                .body("items[0].id", equalTo((int) id));
        editor.spec().queryParam("text", "lighthouse keeper " + word + " says the lamp burns olive oil")
                .get("/api/v1/claims/similar").then().statusCode(200).body("items[0].claim.id", equalTo((int) id));
    }

    @Test
    void readsAnImportedClaimBackByItsExternalId() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        Actor other = TestApi.newUser(Role.EDITOR);
        String externalId = "monitor-" + UUID.randomUUID();
        importText(editor, NDJSON, line(externalId, "The harbour master said the pier was rebuilt in a week"))
                .then().statusCode(200).body("created", equalTo(1));
        importText(other, NDJSON, line(externalId, "Another monitor used the same id for its own claim"))
                .then().statusCode(200).body("created", equalTo(1));
        long id = idsByExternalId(editor).get(externalId);

        editor.spec().queryParam("externalId", externalId).queryParam("submittedBy", editor.name())
                .get("/api/v1/claims").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains((int) id))
                .body("items[0].externalId", equalTo(externalId));
        editor.spec().get("/api/v1/claims/" + id).then().statusCode(200).body("externalId", equalTo(externalId));
        // the id is the importer's: without submittedBy both importers' claims answer
        editor.spec().queryParam("externalId", externalId).get("/api/v1/claims").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(2));
        editor.spec().queryParam("externalId", "never-imported-" + externalId).get("/api/v1/claims").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void skipsBlankLinesAndCountsLinesAsSent() {
        Actor editor = TestApi.newUser(Role.EDITOR);
        String body = "\n" + line("n-1", "A claim on line two after a blank line") + "   \n\r\n"
                + "[\"an array\"]\n" + "{\"statement\":\"Two values on one line\"} {}\n"
                + "{\"statement\":\"A claim with tags of the wrong type\",\"tags\":\"economy\"}\n"
                + "{\"statement\":\"A claim on the last line without a line break\",\"externalId\":\"n-2\"}";
        JsonPath report = importText(editor, NDJSON, body).then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("received")).isEqualTo(5);
        assertThat(report.getLong("created")).isEqualTo(2);
        assertThat(report.getList("errors.line", Long.class)).containsExactly(5L, 6L, 7L);
        assertThat(report.getList("errors.problem", String.class)).containsExactly("must be a JSON object",
                "more than one JSON value on the line", "tags: has the wrong type");
    }
}
