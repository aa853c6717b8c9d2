package org.factdesk.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.evidence.EvidenceFixtures.counts;
import static org.factdesk.evidence.EvidenceFixtures.png;
import static org.factdesk.evidence.EvidenceFixtures.sha256;
import static org.factdesk.evidence.EvidenceFixtures.text;
import static org.factdesk.evidence.EvidenceFixtures.upload;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;

/** Evidence in an S3-compatible bucket (a real s3proxy on loopback), through the HTTP API. */
@QuarkusTest
@TestProfile(S3StorageProfile.class)
class S3EvidenceStorageTest {

    static final String BUCKET = S3StorageProfile.BUCKET;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EvidenceCleanup cleanup;
    @Inject
    S3EvidenceStorage storage;

    private Actor checker;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
    }

    private long claim() {
        return TestApi.researchingClaim(checker, "S3 evidence test claim " + System.nanoTime());
    }

    @Test
    void uploadStreamsInPartsToItsContentKeyAndDownloadsWithRanges() throws Exception {
        long claimId = claim();
        byte[] bytes = png(12 * 1024 * 1024 + 12345);
        String hash = sha256(bytes);
        long chunks = counts(dataSource).get("evidence_blob_chunk");
        Response created = upload(checker, claimId, bytes, "satellite.png");
        created.then().statusCode(201);
        assertThat(created.jsonPath().getString("sha256")).isEqualTo(hash);
        long id = created.jsonPath().getLong("id");

        assertThat(TestBucket.keys("sha256/")).contains("sha256/" + hash);
        assertThat(TestBucket.object("sha256/" + hash)).isEqualTo(bytes);
        TestBucket.awaitNoTemporaries();
        assertThat(TestBucket.keys("tmp/")).as("the temporary multipart object is deleted").isEmpty();
        assertThat(TestBucket.multipartUploads()).isEmpty();
        assertThat(counts(dataSource).get("evidence_blob_chunk")).as("no bytes in PostgreSQL").isEqualTo(chunks);

        Response whole = checker.spec().get("/api/v1/evidence/" + id + "/content");
        whole.then().statusCode(200).header("ETag", "\"" + hash + "\"");
        assertThat(whole.asByteArray()).isEqualTo(bytes);

        int first = 5 * 1024 * 1024 - 10;
        Response part = checker.spec().header("Range", "bytes=" + first + "-" + (first + 99))
                .get("/api/v1/evidence/" + id + "/content");
        part.then().statusCode(206).header("Content-Range",
                "bytes " + first + "-" + (first + 99) + "/" + bytes.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, first, first + 100));
        Response tail = checker.spec().header("Range", "bytes=-7").get("/api/v1/evidence/" + id + "/content");
        tail.then().statusCode(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 7, bytes.length));

        Response verify = checker.spec().get("/api/v1/evidence/" + id + "/verify");
        assertThat(verify.jsonPath().getBoolean("matches")).isTrue();
        assertThat(verify.jsonPath().getString("sha256")).isEqualTo(hash);
    }

    @Test
    void aDuplicateUploadStoresNothingNew() throws Exception {
        byte[] bytes = text(6 * 1024 * 1024);
        long one = claim();
        upload(checker, one, bytes, "report.txt").then().statusCode(201);
        TestBucket.awaitNoTemporaries();
        List<String> before = TestBucket.keys("");

        long two = claim();
        Response other = upload(checker, two, bytes, "same report.txt");
        other.then().statusCode(201);
        Response again = upload(checker, one, bytes, "again.txt");
        again.then().statusCode(200);
        TestBucket.awaitNoTemporaries();
        assertThat(TestBucket.keys("")).as("same bytes on another claim share the object").isEqualTo(before);
        assertThat(checker.spec().get("/api/v1/evidence/" + other.jsonPath().getLong("id") + "/content").asByteArray())
                .isEqualTo(bytes);

        byte[] small = png(40_000);
        upload(checker, one, small, "small.png").then().statusCode(201);
        List<String> withSmall = TestBucket.keys("");
        upload(checker, two, small, "small.png").then().statusCode(201);
        assertThat(TestBucket.keys("")).isEqualTo(withSmall).contains("sha256/" + sha256(small));
    }

    @Test
    void aCorruptedObjectFailsVerification() {
        long claimId = claim();
        byte[] bytes = png(300_000);
        long id = upload(checker, claimId, bytes, "chart.png").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(checker.spec().get("/api/v1/evidence/" + id + "/verify").jsonPath().getBoolean("matches")).isTrue();

        byte[] tampered = bytes.clone();
        tampered[150_000] ^= 1;
        TestBucket.s3().putObject(b -> b.bucket(BUCKET).key("sha256/" + sha256(bytes)), RequestBody.fromBytes(tampered));

        Response verify = checker.spec().get("/api/v1/evidence/" + id + "/verify");
        verify.then().statusCode(200);
        assertThat(verify.jsonPath().getBoolean("matches")).isFalse();
        assertThat(verify.jsonPath().getString("sha256")).isEqualTo(sha256(tampered));

        TestBucket.s3().deleteObject(b -> b.bucket(BUCKET).key("sha256/" + sha256(bytes)));
        Response gone = checker.spec().get("/api/v1/evidence/" + id + "/verify");
        gone.then().statusCode(200);
        assertThat(gone.jsonPath().getBoolean("matches")).isFalse();
    }

    @Test
    void anInterruptedUploadLeavesNoRowAndNoObject() throws Exception {
        long claimId = claim();
        Actor key = TestApi.apiKey(Role.FACT_CHECKER);
        TestBucket.awaitNoTemporaries();
        Map<String, Long> before = counts(dataSource);
        List<String> objects = TestBucket.keys("");
        String boundary = "cut" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"stance\"\r\n\r\nSUPPORTS\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"partial.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/claims/" + claimId + "/evidence HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + key.token() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + (20L * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(text(12 * 1024 * 1024));
            out.flush();
            long deadline = System.currentTimeMillis() + 20_000;
            while (TestBucket.multipartUploads().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(TestBucket.multipartUploads()).as("parts are on their way to the bucket").isNotEmpty();
        }
        TestBucket.awaitNoTemporaries();
        assertThat(TestBucket.multipartUploads()).as("the multipart upload is aborted").isEmpty();
        assertThat(TestBucket.keys("")).isEqualTo(objects);
        assertThat(counts(dataSource)).isEqualTo(before);
        assertThat(checker.spec().get("/api/v1/claims/" + claimId + "/evidence").jsonPath().getList("items")).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIsAbortedWhileStreaming() throws Exception {
        long claimId = claim();
        TestBucket.awaitNoTemporaries();
        Map<String, Long> before = counts(dataSource);
        List<String> objects = TestBucket.keys("");
        Response r = upload(checker, claimId, text(26 * 1024 * 1024), "big.txt");
        r.then().statusCode(413).contentType("application/problem+json");
        TestBucket.awaitNoTemporaries();
        assertThat(TestBucket.multipartUploads()).isEmpty();
        assertThat(TestBucket.keys("")).isEqualTo(objects);
        assertThat(counts(dataSource)).isEqualTo(before);
    }

    @Test
    void theSweepRemovesWhatCrashedUploadsLeftButNeverAReferencedObject() throws Exception {
        long claimId = claim();
        byte[] kept = png(20_000);
        upload(checker, claimId, kept, "kept.png").then().statusCode(201);
        String keptKey = "sha256/" + sha256(kept);
        String orphanKey = "sha256/" + sha256(png(1000));
        // what a crash at each step leaves: an unfinished multipart upload, a finished temporary object, a content
        // object whose row never committed, a staged PostgreSQL blob; and a stale pending entry of a kept object
        TestBucket.s3().createMultipartUpload(b -> b.bucket(BUCKET).key("tmp/crashed-" + System.nanoTime()));
        TestBucket.s3().putObject(b -> b.bucket(BUCKET).key("tmp/finished-" + System.nanoTime()), RequestBody.fromString("x"));
        TestBucket.s3().putObject(b -> b.bucket(BUCKET).key(orphanKey), RequestBody.fromString("orphan"));
        try (Connection c = dataSource.getConnection()) {
            for (String k : List.of(orphanKey, keptKey)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO evidence_object_pending (object_key, created_at) VALUES (?, ?)")) {
                    ps.setString(1, k);
                    ps.setTimestamp(2, Timestamp.from(Instant.now().minus(Duration.ofDays(1))));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_blob (size, sha256, chunk_size, "
                    + "created_at, staged_at) VALUES (0, '', 262144, now(), now() - interval '1 day')")) {
                ps.executeUpdate();
            }
        }
        // nothing is older than a cutoff an hour ago except what was backdated
        EvidenceCleanup.Swept early = cleanup.sweep(Instant.now().minus(Duration.ofHours(1)));
        assertThat(early.multipartUploads()).isZero();
        assertThat(early.temporaryObjects()).isZero();
        assertThat(early.stagedBlobs()).isEqualTo(1);
        assertThat(early.orphanObjects()).isEqualTo(1);
        assertThat(TestBucket.keys("sha256/")).contains(keptKey).doesNotContain(orphanKey);

        EvidenceCleanup.Swept swept = cleanup.sweep(Instant.now().plusSeconds(60));
        assertThat(swept.ran()).isTrue();
        assertThat(swept.multipartUploads()).isEqualTo(1);
        assertThat(swept.temporaryObjects()).isEqualTo(1);
        assertThat(TestBucket.multipartUploads()).isEmpty();
        assertThat(TestBucket.keys("tmp/")).isEmpty();
        assertThat(TestBucket.keys("sha256/")).contains(keptKey);
        assertThat(EvidenceFixtures.stagedNow(dataSource)).isZero();
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM evidence_object_pending")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aPresignedUrlServesTheObjectAsAnAttachment() throws Exception {
        long claimId = claim();
        byte[] bytes = png(70_000);
        upload(checker, claimId, bytes, "map.png").then().statusCode(201);
        URI url = storage.presignedDownload("sha256/" + sha256(bytes), "attachment; filename=\"map.png\"", "image/png");
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(c.getHeaderField("Content-Disposition")).isEqualTo("attachment; filename=\"map.png\"");
        try (var in = c.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        HttpURLConnection forged = (HttpURLConnection) URI.create(url.toString().replace("map.png", "other.png"))
                .toURL().openConnection();
        assertThat(forged.getResponseCode()).as("the signature covers the headers").isEqualTo(403);
    }
}
