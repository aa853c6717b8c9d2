package org.factdesk.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.evidence.EvidenceFixtures.counts;
import static org.factdesk.evidence.EvidenceFixtures.leftoverUploads;
import static org.factdesk.evidence.EvidenceFixtures.png;
import static org.factdesk.evidence.EvidenceFixtures.sha256;
import static org.factdesk.evidence.EvidenceFixtures.text;
import static org.factdesk.evidence.EvidenceFixtures.upload;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
class EvidenceUploadTest {

    @Inject
    AgroalDataSource dataSource;

    private Actor checker;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
    }

    private long claim() {
        return TestApi.researchingClaim(checker, "Evidence upload test claim " + System.nanoTime());
    }

    @Test
    void uploadThenDownloadGivesIdenticalBytesAndHash() {
        long claimId = claim();
        byte[] bytes = png(700_000);
        Response created = upload(checker, claimId, bytes, "flood photo.png");
        created.then().statusCode(201);
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/v1/evidence/" + id);
        assertThat(created.jsonPath().getString("sha256")).isEqualTo(sha256(bytes));
        assertThat(created.jsonPath().getLong("size")).isEqualTo(bytes.length);
        assertThat(created.jsonPath().getString("contentType")).isEqualTo("image/png");
        assertThat(created.jsonPath().getString("kind")).isEqualTo("FILE");
        assertThat(created.jsonPath().getString("stance")).isEqualTo("SUPPORTS");
        assertThat(created.jsonPath().getString("addedBy")).isEqualTo(checker.name());
        assertThat(created.jsonPath().getString("fileName")).isEqualTo("flood photo.png");

        Response download = checker.spec().get("/api/v1/evidence/" + id + "/content");
        download.then().statusCode(200);
        byte[] downloaded = download.asByteArray();
        assertThat(downloaded).isEqualTo(bytes);
        assertThat(sha256(downloaded)).isEqualTo(sha256(bytes));
        assertThat(download.header("ETag")).isEqualTo("\"" + sha256(bytes) + "\"");
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"flood photo.png\"; filename*=UTF-8''flood%20photo.png");
        assertThat(download.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(download.header("Accept-Ranges")).isEqualTo("bytes");

        checker.spec().header("If-None-Match", "\"" + sha256(bytes) + "\"").get("/api/v1/evidence/" + id + "/content")
                .then().statusCode(304);
        Response verify = checker.spec().get("/api/v1/evidence/" + id + "/verify");
        verify.then().statusCode(200);
        assertThat(verify.jsonPath().getString("sha256")).isEqualTo(sha256(bytes));
        assertThat(verify.jsonPath().getBoolean("matches")).isTrue();
    }

    @Test
    void listsEvidenceWithoutBytes() {
        long claimId = claim();
        upload(checker, claimId, text(2000), "notes.txt").then().statusCode(201);
        upload(checker, claimId, png(3000), "shot.png").then().statusCode(201);
        Response list = checker.spec().get("/api/v1/claims/" + claimId + "/evidence");
        list.then().statusCode(200);
        assertThat(list.jsonPath().getList("items.fileName")).containsExactly("notes.txt", "shot.png");
        assertThat(list.jsonPath().getList("items.contentType")).containsExactly("text/plain", "image/png");
        assertThat(list.asString()).doesNotContain("The ministry said");
    }

    @Test
    void rejectsUploadOverTheSizeLimit() throws Exception {
        long claimId = claim();
        Map<String, Long> before = counts(dataSource);
        Response response = upload(checker, claimId, text(26 * 1024 * 1024), "big.txt");
        response.then().statusCode(413).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).contains("limit");
        assertThat(counts(dataSource)).isEqualTo(before);
        assertThat(leftoverUploads(dataSource)).isZero();
    }

    @Test
    void acceptsAFileJustUnderTheLimit() throws Exception {
        long claimId = claim();
        byte[] bytes = text(25 * 1024 * 1024 - 1024);
        Response r = upload(checker, claimId, bytes, "almost.txt");
        r.then().statusCode(201);
        assertThat(r.jsonPath().getString("sha256")).isEqualTo(sha256(bytes));
        assertThat(r.jsonPath().getLong("size")).isEqualTo(bytes.length);
        assertThat(leftoverUploads(dataSource)).isZero();
    }

    @Test
    void rejectsARenamedExecutable() throws Exception {
        long claimId = claim();
        Map<String, Long> before = counts(dataSource);
        byte[] elf = new byte[4096];
        byte[] header = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0 };
        System.arraycopy(header, 0, elf, 0, header.length);
        Response r = upload(checker, claimId, elf, "photo.jpg");
        r.then().statusCode(415).contentType("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).contains("application/x-executable");

        byte[] pe = new byte[4096];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        upload(checker, claimId, pe, "statement.pdf").then().statusCode(415);

        byte[] unknown = png(4096);
        unknown[0] = 0;
        upload(checker, claimId, unknown, "photo.jpg").then().statusCode(415);
        assertThat(counts(dataSource)).isEqualTo(before);
    }

    @Test
    void refinesTextByNameButNeverTrustsTheNameAlone() {
        long claimId = claim();
        byte[] csv = ("city,floods\nQuito,12\nGuayaquil," + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8);
        Response csvUpload = upload(checker, claimId, csv, "floods.csv");
        csvUpload.then().statusCode(201);
        assertThat(csvUpload.jsonPath().getString("contentType")).isEqualTo("text/csv");
        byte[] pdf = ("%PDF-1.4\n1 0 obj << >> endobj\n% " + System.nanoTime() + "\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        Response r = upload(checker, claimId, pdf, "looks-like-a.png");
        r.then().statusCode(201);
        assertThat(r.jsonPath().getString("contentType")).isEqualTo("application/pdf");
    }

    @Test
    void sanitisesHostileFileNames() {
        long claimId = claim();
        Response traversal = upload(checker, claimId, text(500), "../../etc/passwd");
        traversal.then().statusCode(201);
        assertThat(traversal.jsonPath().getString("fileName")).isEqualTo("passwd");
        long id = traversal.jsonPath().getLong("id");
        assertThat(checker.spec().get("/api/v1/evidence/" + id + "/content").header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"passwd\"; filename*=UTF-8''passwd");

        Response windows = upload(checker, claimId, text(600), "..\\..\\Windows\\system.ini");
        windows.then().log().ifValidationFails().statusCode(201);
        assertThat(windows.jsonPath().getString("fileName")).isEqualTo("system.ini");

        String boundary = "b" + System.nanoTime();
        byte[] body = EvidenceFixtures.rawMultipart(boundary,
                "form-data; name=\"file\"; filename*=UTF-8''evil%22name%0D%0ASet-Cookie%3A%20x%3Dy%0A.txt",
                text(700));
        Response crlf = checker.spec().contentType("multipart/form-data; boundary=" + boundary).body(body)
                .post("/api/v1/claims/" + claimId + "/evidence");
        crlf.then().statusCode(201);
        String name = crlf.jsonPath().getString("fileName");
        assertThat(name).doesNotContain("\r", "\n", "\"").contains("evilname").endsWith(".txt");
        String disposition = checker.spec().get("/api/v1/evidence/" + crlf.jsonPath().getLong("id") + "/content")
                .header("Content-Disposition");
        assertThat(disposition).startsWith("attachment; filename=\"").doesNotContain("\r", "\n");
        assertThat(disposition.chars().filter(c -> c == '"').count()).isEqualTo(2);
        assertThat(crlf.jsonPath().getString("fileName")).isEqualTo(name);

        String boundary2 = "q" + System.nanoTime();
        byte[] quoted = EvidenceFixtures.rawMultipart(boundary2,
                "form-data; name=\"file\"; filename=\"a\\\"b'c.txt\"", text(800));
        Response q = checker.spec().contentType("multipart/form-data; boundary=" + boundary2).body(quoted)
                .post("/api/v1/claims/" + claimId + "/evidence");
        q.then().statusCode(201);
        assertThat(q.jsonPath().getString("fileName")).doesNotContain("\"", "'", "\\");

        String boundary3 = "p" + System.nanoTime();
        byte[] browser = EvidenceFixtures.rawMultipart(boundary3,
                "form-data; name=\"file\"; filename=\"say %22cheese%22 'now'.txt\"", text(850));
        Response b = checker.spec().contentType("multipart/form-data; boundary=" + boundary3).body(browser)
                .post("/api/v1/claims/" + claimId + "/evidence");
        b.then().statusCode(201);
        assertThat(b.jsonPath().getString("fileName")).isEqualTo("say 22cheese22 now.txt");

        String boundary4 = "u" + System.nanoTime();
        byte[] utf8 = EvidenceFixtures.rawMultipart(boundary4,
                "form-data; name=\"file\"; filename=\"informe de la cancillería \u202Egnp.exe\"", text(900));
        Response unicode = checker.spec().contentType("multipart/form-data; boundary=" + boundary4).body(utf8)
                .post("/api/v1/claims/" + claimId + "/evidence");
        unicode.then().statusCode(201);
        assertThat(unicode.jsonPath().getString("fileName")).isEqualTo("informe de la cancillería gnp.exe");
        assertThat(checker.spec().get("/api/v1/evidence/" + unicode.jsonPath().getLong("id") + "/content")
                .header("Content-Disposition")).isEqualTo("attachment; filename=\"informe de la canciller_a gnp.exe\"; "
                        + "filename*=UTF-8''informe%20de%20la%20canciller%C3%ADa%20gnp.exe");
    }

    @Test
    void duplicateUploadReturnsTheExistingItem() throws Exception {
        long claimId = claim();
        byte[] bytes = png(50_000);
        long first = upload(checker, claimId, bytes, "one.png").then().statusCode(201).extract().jsonPath().getLong("id");
        Actor editor = TestApi.user(Role.EDITOR);
        Map<String, Long> before = counts(dataSource);
        Response again = upload(editor, claimId, bytes, "two.png");
        again.then().statusCode(200);
        assertThat(again.jsonPath().getLong("id")).isEqualTo(first);
        assertThat(again.jsonPath().getString("fileName")).isEqualTo("one.png");
        assertThat(counts(dataSource)).isEqualTo(before);

        long other = claim();
        upload(checker, other, bytes, "one.png").then().statusCode(201);
    }

    @Test
    void concurrentUploadsAndCommentsOnOneClaimAllLand() throws Exception {
        long claimId = claim();
        Actor editor = TestApi.user(Role.EDITOR);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] bytes = i % 2 == 0 ? png(300_000 + i) : text(400_000 + i);
                hashes.add(sha256(bytes));
                Actor who = i % 3 == 0 ? editor : checker;
                String name = "parallel-" + i + (i % 2 == 0 ? ".png" : ".txt");
                tasks.add(() -> upload(who, claimId, bytes, name).statusCode());
            }
            for (int i = 0; i < 4; i++) {
                String body = "comment while uploading " + i;
                tasks.add(() -> editor.spec().body(Map.of("body", body)).post("/api/v1/claims/" + claimId + "/comments")
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses).hasSize(n + 4).containsOnly(201);
            List<String> stored = checker.spec().get("/api/v1/claims/" + claimId + "/evidence").then().statusCode(200)
                    .extract().jsonPath().getList("items.sha256");
            assertThat(stored).containsExactlyInAnyOrderElementsOf(hashes);
        } finally {
            pool.shutdownNow();
        }
        Response verify = checker.spec().get("/api/v1/claims/" + claimId + "/history/verify");
        assertThat(verify.jsonPath().getBoolean("valid")).isTrue();
        List<String> types = checker.spec().get("/api/v1/claims/" + claimId + "/history").jsonPath().getList("items.type");
        assertThat(types.stream().filter("EVIDENCE_ADDED"::equals)).hasSize(n);
        assertThat(types.stream().filter("COMMENT_ADDED"::equals)).hasSize(4);
    }

    @Test
    void killedConnectionMidUploadLeavesNothingBehind() throws Exception {
        long claimId = claim();
        Actor key = TestApi.apiKey(Role.FACT_CHECKER);
        Map<String, Long> before = counts(dataSource);
        String boundary = "killed" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"stance\"\r\n\r\nSUPPORTS\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"partial.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long declared = 8L * 1024 * 1024;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/claims/" + claimId + "/evidence HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + key.token() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(text(2 * 1024 * 1024));
            out.flush();
            long deadline = System.currentTimeMillis() + 10_000;
            while (EvidenceFixtures.stagedNow(dataSource) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(EvidenceFixtures.stagedNow(dataSource)).as("the partial file is streaming into storage")
                    .isPositive();
            assertThat(EvidenceFixtures.spooledNow()).as("and nothing of it is spooled to local disk").isZero();
        }
        assertThat(leftoverUploads(dataSource)).isZero();
        assertThat(counts(dataSource)).isEqualTo(before);
        assertThat(checker.spec().get("/api/v1/claims/" + claimId + "/evidence").jsonPath().getList("items")).isEmpty();
    }
}
