package org.factdesk.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.evidence.EvidenceFixtures.png;
import static org.factdesk.evidence.EvidenceFixtures.sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.sync.RequestBody;

/** Moving evidence that PostgreSQL storage wrote into the bucket: paused half-way like a crash, then finished. */
@QuarkusTest
@TestProfile(S3StorageProfile.class)
class EvidenceMigrationTest {

    static final String BUCKET = S3StorageProfile.BUCKET;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EvidenceCleanup cleanup;

    /** Writes a file the way PostgreSQL storage did (256 KiB chunks), with its evidence row; returns the row id. */
    static long legacyFile(DataSource ds, long claimId, byte[] bytes, String recordedSha256) throws Exception {
        try (Connection c = ds.getConnection()) {
            long blobId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_blob (size, sha256, chunk_size, "
                    + "created_at) VALUES (?, ?, ?, now()) RETURNING id")) {
                ps.setLong(1, bytes.length);
                ps.setString(2, recordedSha256);
                ps.setInt(3, PostgresEvidenceStorage.CHUNK_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    blobId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO evidence_blob_chunk (blob_id, chunk_no, data) VALUES (?, ?, ?)")) {
                for (int i = 0, no = 0; i < bytes.length; i += PostgresEvidenceStorage.CHUNK_SIZE, no++) {
                    ps.setLong(1, blobId);
                    ps.setInt(2, no);
                    ps.setBytes(3, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + PostgresEvidenceStorage.CHUNK_SIZE)));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence (claim_id, kind, stance, added_by, "
                    + "added_at, storage_key, file_name, content_type, size, sha256) VALUES (?, 'FILE', 'SUPPORTS', "
                    + "'legacy', now(), ?, ?, 'image/png', ?, ?) RETURNING id")) {
                ps.setLong(1, claimId);
                ps.setString(2, String.valueOf(blobId));
                ps.setString(3, "legacy-" + blobId + ".png");
                ps.setLong(4, bytes.length);
                ps.setString(5, recordedSha256);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static JsonPath awaitStatus(Actor admin, Predicate<JsonPath> until) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonPath status = admin.spec().get("/api/v1/admin/evidence-migration").then().statusCode(200).extract()
                    .jsonPath();
            if (until.test(status) || System.currentTimeMillis() > deadline) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aMigrationPausedHalfWayLosesNothingAndARerunFinishesIt() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor admin = TestApi.admin();
        Actor auditor = TestApi.user(Role.AUDITOR);
        long claimA = TestApi.researchingClaim(checker, "Migration claim A " + System.nanoTime());
        long claimB = TestApi.researchingClaim(checker, "Migration claim B " + System.nanoTime());

        Map<Long, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] b = png(1024 * 1024 + i * 1000);
            files.put(legacyFile(dataSource, i % 2 == 0 ? claimA : claimB, b, sha256(b)), b);
        }
        byte[] large = png(6 * 1024 * 1024 + 17);
        files.put(legacyFile(dataSource, claimA, large, sha256(large)), large);
        byte[] shared = png(400_000);
        files.put(legacyFile(dataSource, claimA, shared, sha256(shared)), shared);
        files.put(legacyFile(dataSource, claimB, shared, sha256(shared)), shared);
        // a crashed earlier attempt left a wrong object under one file's content key
        byte[] halfWritten = png(1024 * 1024 + 5 * 1000);
        TestBucket.s3().putObject(b -> b.bucket(BUCKET).key("sha256/" + sha256(files.values().stream().skip(5).findFirst()
                .orElseThrow())), RequestBody.fromBytes(halfWritten));
        // bytes in PostgreSQL that no longer match their recorded hash are never moved
        byte[] rotten = png(300_000);
        byte[] recorded = rotten.clone();
        recorded[1000] ^= 1;
        long rottenId = legacyFile(dataSource, claimB, rotten, sha256(recorded));
        int total = files.size() + 1;

        JsonPath before = admin.spec().get("/api/v1/admin/evidence-migration").then().statusCode(200).extract()
                .jsonPath();
        // earlier tests in this JVM may have left files in PostgreSQL storage (the embedded server outlives profiles)
        long all = before.getLong("remainingFiles");
        assertThat(all).isGreaterThanOrEqualTo(total);
        long bucketBefore = count(dataSource, "SELECT count(*) FROM evidence WHERE storage_key LIKE 'sha256/%'");
        // files whose PostgreSQL bytes no longer match their recorded hash (ours, and any a tamper test left)
        long rottenFiles = count(dataSource, """
                SELECT count(*) FROM evidence e JOIN evidence_blob b ON e.storage_key = CAST(b.id AS text)
                WHERE e.sha256 <> encode(sha256(coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.chunk_no)
                                                          FROM evidence_blob_chunk c WHERE c.blob_id = b.id), ''::bytea)), 'hex')""");
        assertThat(rottenFiles).isGreaterThanOrEqualTo(1);
        checker.spec().post("/api/v1/admin/evidence-migration").then().statusCode(403);

        admin.spec().post("/api/v1/admin/evidence-migration").then().statusCode(202);
        awaitStatus(admin, s -> s.getLong("movedFiles") >= 5);
        JsonPath paused = admin.spec().delete("/api/v1/admin/evidence-migration").then().statusCode(200).extract()
                .jsonPath();
        assertThat(paused.getString("state")).isEqualTo("PAUSED");
        JsonPath halfWay = awaitStatus(admin, s -> !s.getBoolean("active"));
        assertThat(halfWay.getLong("remainingFiles")).as("paused half-way").isBetween(2L, all - 5);
        long inBucket = count(dataSource, "SELECT count(*) FROM evidence WHERE storage_key LIKE 'sha256/%'");
        assertThat(inBucket - bucketBefore + halfWay.getLong("remainingFiles")).isEqualTo(all);
        assertThat(count(dataSource, "SELECT count(*) FROM evidence_blob")).as("moved files' chunks are gone")
                .isEqualTo(count(dataSource,
                        "SELECT count(DISTINCT storage_key) FROM evidence WHERE storage_key ~ '^[0-9]+$'"));
        for (var f : files.entrySet()) {
            assertThat(checker.spec().get("/api/v1/evidence/" + f.getKey() + "/content").asByteArray())
                    .as("evidence %d readable wherever it is", f.getKey()).isEqualTo(f.getValue());
        }

        admin.spec().post("/api/v1/admin/evidence-migration").then().statusCode(202);
        JsonPath done = awaitStatus(admin, s -> "FINISHED".equals(s.getString("state")) && !s.getBoolean("active"));
        assertThat(done.getString("state")).isEqualTo("FINISHED");
        assertThat(done.getLong("remainingFiles")).as("only the rotten ones stay").isEqualTo(rottenFiles);
        assertThat(done.getLong("failedFiles")).isEqualTo(rottenFiles);
        assertThat(done.getString("lastError")).contains("not the recorded");
        assertThat(count(dataSource, "SELECT count(*) FROM evidence_blob WHERE staged_at IS NULL")).isEqualTo(rottenFiles);
        assertThat(count(dataSource, "SELECT count(*) FROM evidence WHERE id = " + rottenId
                + " AND storage_key ~ '^[0-9]+$'")).isEqualTo(1);

        List<Long> ids = new ArrayList<>(files.keySet());
        for (long id : ids) {
            JsonPath verify = checker.spec().get("/api/v1/evidence/" + id + "/verify").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(verify.getBoolean("matches")).as("evidence %d verifies from the bucket", id).isTrue();
            assertThat(checker.spec().get("/api/v1/evidence/" + id + "/content").asByteArray())
                    .isEqualTo(files.get(id));
        }
        assertThat(count(dataSource, "SELECT count(DISTINCT storage_key) FROM evidence WHERE sha256 = '"
                + sha256(shared) + "'")).as("equal bytes share one object").isEqualTo(1);

        admin.spec().post("/api/v1/admin/evidence-migration").then().statusCode(202);
        JsonPath again = awaitStatus(admin, s -> "FINISHED".equals(s.getString("state")) && !s.getBoolean("active"));
        assertThat(again.getLong("movedFiles")).as("a rerun has nothing left to move").isZero();

        cleanup.sweep(Instant.now().plusSeconds(60));
        assertThat(TestBucket.keys("tmp/")).isEmpty();
        assertThat(TestBucket.multipartUploads()).isEmpty();

        JsonPath system = auditor.spec().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(system.getBoolean("valid")).isTrue();
        List<String> types = new ArrayList<>();
        String cursor = "0";
        // the feed always answers a position to resume from, also at its tail: an empty page is the end
        List<String> page;
        do {
            JsonPath json = auditor.spec().queryParam("after", cursor).queryParam("limit", 1000).get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath();
            page = json.getList("items.type");
            types.addAll(page);
            cursor = json.getString("nextCursor");
        } while (!page.isEmpty());
        assertThat(types).contains("EVIDENCE_MIGRATION_STARTED", "EVIDENCE_MIGRATION_PAUSED",
                "EVIDENCE_MIGRATION_FINISHED");
    }
}
