package org.factdesk.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.evidence.S3StorageProfile;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A backup that verifies: the database is dumped with pg_dump and the bucket copied, both are destroyed, the dump is
 * restored with pg_restore into a fresh database and the objects copied back, and the running service (which
 * reconnects) then passes every check of {@code tools/backup-check.sh}: the system chain, every claim's chain, every
 * evidence file's hash. Damage to the restored bucket fails the same script.
 */
@ExtendWith(MachinePostgres.class)
@QuarkusTest
@TestProfile(BackupProfile.class)
class BackupRestoreTest {

    static final String BUCKET = S3StorageProfile.BUCKET;
    static final String BACKUP_BUCKET = "factdesk-test-backup";
    static final Path DIR = Path.of("target/backup-test");

    static byte[] png(int size, Random random) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    static void upload(Actor who, long claimId, byte[] bytes, String name) {
        who.spec().contentType("multipart/form-data").multiPart("file", name, bytes, "application/octet-stream")
                .multiPart("stance", "SUPPORTS").post("/api/v1/claims/" + claimId + "/evidence").then().statusCode(201);
    }

    /** Runs a PostgreSQL client tool against the test's server; fails the test when it fails. */
    static void run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-h", BackupProfile.HOST, "-p", String.valueOf(BackupProfile.PORT), "-U", BackupProfile.USER));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    }

    static void copyBucket(S3Client s3, String from, String to) {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(from)).contents()) {
            s3.copyObject(b -> b.sourceBucket(from).sourceKey(o.key()).destinationBucket(to).destinationKey(o.key()));
        }
    }

    static void emptyBucket(S3Client s3, String bucket) {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
    }

    record Check(int exitCode, String output) {
    }

    static Check backupCheck(String token) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "tools/backup-check.sh", "--url", "http://localhost:" + RestAssured.port,
                "--token", token).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Check(p.exitValue(), out);
    }

    @Test
    void aRestoredDumpAndBucketVerifyEveryChainAndEveryFile() throws Exception {
        Random random = new Random(15);
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        Actor auditor = TestApi.apiKey(Role.AUDITOR);
        List<Long> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long id = TestApi.researchingClaim(checker, "Backup claim " + i + ": the embassy said it had no plans.");
            claims.add(id);
            upload(checker, id, png(40_000 + i, random), "photo-" + i + ".png");
            upload(checker, id, png(6 * 1024 * 1024 + i, random), "video-still-" + i + ".png");
            checker.spec().body(Map.of("url", "https://example.org/statement-" + i, "title", "Statement " + i,
                    "stance", "CONTEXT")).post("/api/v1/claims/" + id + "/evidence").then().statusCode(201);
            editor.spec().body(Map.of("body", "Checked the original " + i)).post("/api/v1/claims/" + id + "/comments")
                    .then().statusCode(201);
        }
        Check before = backupCheck(auditor.token());
        assertThat(before.exitCode()).as(before.output()).isZero();

        // back up: pg_dump of the database, a copy of the bucket
        Files.createDirectories(DIR);
        Path dump = DIR.resolve("factdesk.dump");
        run("pg_dump", "-Fc", "-f", dump.toString(), "-d", BackupProfile.DATABASE);
        try (S3Client s3 = S3StorageProfile.client()) {
            s3.createBucket(b -> b.bucket(BACKUP_BUCKET));
            copyBucket(s3, BUCKET, BACKUP_BUCKET);

            // lose both
            BackupProfile.admin("DROP DATABASE " + BackupProfile.DATABASE + " WITH (FORCE)");
            emptyBucket(s3, BUCKET);

            // restore into a fresh database, copy the objects back
            BackupProfile.admin("CREATE DATABASE " + BackupProfile.DATABASE);
            run("pg_restore", "--no-owner", "--exit-on-error", "-d", BackupProfile.DATABASE, dump.toString());
            copyBucket(s3, BACKUP_BUCKET, BUCKET);
        }

        Check after = backupCheck(auditor.token());
        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(after.output()).contains("system chain:", "claim chains: ", "0 broken", "evidence files: ",
                "0 not matching", "all 3 checks passed");
        assertThat(after.output()).containsPattern("evidence files: ([89]|\\d\\d+) checked");
        for (long id : claims) {
            assertThat(checker.spec().get("/api/v1/claims/" + id + "/evidence").jsonPath().getList("items"))
                    .as("claim %d's evidence came back with the dump", id).hasSize(3);
        }

        // the same check fails on a damaged bucket, naming the file
        try (S3Client s3 = S3StorageProfile.client()) {
            String key = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("sha256/")).contents().get(0).key();
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("not the evidence"));
            Check damaged = backupCheck(auditor.token());
            assertThat(damaged.exitCode()).as(damaged.output()).isEqualTo(1);
            assertThat(damaged.output()).contains("FAIL evidence", "1 not matching", "checks FAILED");
        }
    }
}
