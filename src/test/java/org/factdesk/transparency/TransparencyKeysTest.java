package org.factdesk.transparency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.factdesk.TestApi;
import org.factdesk.audit.AuditLog;
import org.factdesk.audit.FeedFollowers;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The signing key as outsiders see it, its rotation, the periodic checkpoint, and the order of the leaves. */
@QuarkusTest
class TransparencyKeysTest {

    static final String PUBLIC = TransparencyLogTest.PUBLIC;
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 raw key bytes. */
    static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @Inject
    TransparencyLog log;
    @Inject
    FeedFollowers feed;
    @Inject
    AuditLog audit;
    @Inject
    TreeStore tree;
    @Inject
    EntityManager em;

    @Test
    void servesTheKeyAsRawEd25519BytesThatVerifyTheCheckpointWithTheJdkAlone() throws Exception {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Ecuador's embassy logged every visitor to Assange");
        var cp = TransparencyLogTest.checkpointNow();
        var key = given().get(PUBLIC + "/key").then().statusCode(200).extract().jsonPath();

        assertThat(key.getString("name")).isEqualTo(cp.getString("origin"));
        byte[] publicKey = Base64.getDecoder().decode(key.getString("publicKey"));
        assertThat(publicKey).hasSize(32);
        // C2SP signed-note key id and verifier key, derived here from the served bytes alone
        byte[] typed = new byte[33];
        typed[0] = 0x01;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((key.getString("name") + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] keyId = Arrays.copyOf(sha.digest(typed), 4);
        assertThat(key.getString("keyId")).isEqualTo(HexFormat.of().formatHex(keyId));
        assertThat(key.getString("verifierKey")).isEqualTo(key.getString("name") + "+" + HexFormat.of()
                .formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed));

        // the note: the checkpoint text, a blank line, then "— name base64(keyId || signature)"
        String note = cp.getString("note");
        int blank = note.indexOf("\n\n");
        byte[] text = note.substring(0, blank + 1).getBytes(StandardCharsets.UTF_8);
        String line = note.substring(blank + 2).lines().filter(l -> l.startsWith("\u2014 " + key.getString("name")
                + " ")).findFirst().orElseThrow();
        byte[] sig = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(Arrays.copyOf(sig, 4)).isEqualTo(keyId);
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        v.update(text);
        assertThat(v.verify(Arrays.copyOfRange(sig, 4, sig.length))).as("the note's signature").isTrue();
    }

    @Test
    void keepsCheckpointsSignedBeforeAKeyRotationVerifiableWithTheOldKey() throws Exception {
        SigningKey original = log.currentKey().orElseThrow();
        Path state = Files.createTempDirectory("verify-log-rotation").resolve("state.json");
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Moreno said Assange had violated the asylum terms");
        var before = TransparencyLogTest.checkpointNow();
        String oldKey = given().get(PUBLIC + "/key").then().extract().path("verifierKey");
        var trusted = LogVerifier.run(state, "--key", oldKey);
        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        try {
            Path file = Files.createTempDirectory("rotated-key").resolve("transparency-signing-key.pem");
            log.signWith(SigningKey.load(original.name(), file, true));
            TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "The embassy asked Assange to clean his bathroom");
            var after = TransparencyLogTest.checkpointNow();
            String newKey = given().get(PUBLIC + "/key").then().extract().path("verifierKey");
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(after.getString("keyId")).isNotEqualTo(before.getString("keyId"));

            List<String> served = given().get(PUBLIC + "/keys").then().statusCode(200).extract().jsonPath()
                    .getList("items.verifierKey", String.class);
            assertThat(served).contains(oldKey, newKey);
            String oldNote = checkpointNote(before.getLong("treeSize"));
            assertThat(SignedNote.verify(oldNote, SignedNote.Verifier.parse(oldKey))).isPresent();
            assertThat(SignedNote.verify(oldNote, SignedNote.Verifier.parse(newKey))).isEmpty();
            assertThat(SignedNote.verify(after.getString("note"), SignedNote.Verifier.parse(newKey))).isPresent();

            // an auditor who trusts only the old key refuses the new checkpoint until told the new key
            var refused = LogVerifier.run(state);
            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).contains("--key");
            var accepted = LogVerifier.run(state, "--key", newKey);
            assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
            assertThat(accepted.out()).contains("treeSize=" + after.getLong("treeSize"));
        } finally {
            log.signWith(original);
        }
    }

    @Test
    void signsOnItsScheduleOnlyWhenTheLogGrew() {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange's skateboarding disturbed embassy staff");
        feed.drain(TransparencyFollower.NAME);
        log.periodically();
        long size = QuarkusTransaction.requiringNew().call(() -> tree.size());
        Object[] newest = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT tree_size, created_by FROM transparency_checkpoint ORDER BY tree_size DESC LIMIT 1")
                .getSingleResult());
        assertThat(((Number) newest[0]).longValue()).isEqualTo(size);
        assertThat(newest[1]).isEqualTo("system");

        long count = checkpointCount();
        log.periodically();
        assertThat(checkpointCount()).as("nothing was appended, so nothing is signed").isEqualTo(count);
    }

    @Test
    void checkpointsEverySixtySecondsUnlessConfiguredOtherwise() {
        // Quarkus's own reading of "60s" (plain SmallRye reads only ISO-8601 durations)
        var defaults = new SmallRyeConfigBuilder().withMapping(TransparencyConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()).build()
                .getConfigMapping(TransparencyConfig.class);
        assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.followInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void numbersTheLeavesInTheOrderTheFeedHandsOutEvents() {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Ecuador gave Assange citizenship in 2017");
        feed.drain(TransparencyFollower.NAME);
        long size = QuarkusTransaction.requiringNew().call(() -> tree.size());
        List<Long> leafSeqs = new ArrayList<>();
        for (long start = 0; start < size; start += TransparencyLog.MAX_LEAVES) {
            long end = Math.min(size, start + TransparencyLog.MAX_LEAVES);
            long from = start;
            for (var l : QuarkusTransaction.requiringNew().call(() -> tree.leaves(from, end))) {
                assertThat(l.index()).isEqualTo(leafSeqs.size());
                leafSeqs.add(l.seq());
            }
        }
        List<Long> feedSeqs = new ArrayList<>();
        var position = AuditLog.FeedPosition.START;
        while (feedSeqs.size() < size) {
            var at = position;
            var page = QuarkusTransaction.requiringNew().call(() -> audit.feed(at, 1000));
            assertThat(page.events()).as("the feed has every leaf's event").isNotEmpty();
            page.events().forEach(e -> feedSeqs.add(e.seq()));
            position = page.next();
        }
        assertThat(leafSeqs).hasSize((int) size);
        assertThat(feedSeqs.subList(0, (int) size)).isEqualTo(leafSeqs);
    }

    private long checkpointCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM transparency_checkpoint").getSingleResult()).longValue());
    }

    private static String checkpointNote(long treeSize) {
        String after = null;
        while (true) {
            var page = (after == null ? given() : given().queryParam("after", after)).queryParam("limit", 100).get(PUBLIC + "/checkpoints")
                    .then().statusCode(200).extract().jsonPath();
            List<Long> sizes = page.getList("items.treeSize", Long.class);
            int i = sizes.indexOf(treeSize);
            if (i >= 0) {
                return page.getString("items[" + i + "].note");
            }
            after = page.getString("nextCursor");
            assertThat(after).as("checkpoint " + treeSize + " is listed").isNotNull();
        }
    }

}
