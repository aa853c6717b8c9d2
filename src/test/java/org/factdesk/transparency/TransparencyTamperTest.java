package org.factdesk.transparency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.audit.AuditLog;
import org.factdesk.audit.CanonicalJson;
import org.factdesk.audit.FeedFollowers;
import org.factdesk.identity.Role;
import org.factdesk.ruling.PublishedRulings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An attacker with superuser rights on the database rewrites history in the ways the service's own hash chains
 * cannot reveal; the outsider's verifier, holding a checkpoint signed before, detects each one. The attacks build
 * on each other (each test checks the verifier against the untampered state, with the option that looks at what
 * that attack touched), as a real intruder's would.
 */
@QuarkusTest
@TestProfile(TamperProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyTamperTest {

    static Path dir;
    static Path before;
    static long claimA;
    static long claimB;
    static long rulingId;
    static String key;

    @Inject
    FeedFollowers feed;
    @Inject
    AuditLog audit;

    @BeforeAll
    static void directory() throws Exception {
        dir = Files.createTempDirectory("tamper");
        before = dir.resolve("before.json");
    }

    static Path stateBefore() throws Exception {
        Path copy = Files.createTempFile(dir, "state", ".json");
        Files.copy(before, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    static long checkpoint(int expectedStatus) {
        return TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().statusCode(expectedStatus)
                .extract().jsonPath().getLong("treeSize");
    }

    static List<Long> seqsOf(long claimId) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = TamperProfile.connect();
                PreparedStatement s = c.prepareStatement("SELECT seq FROM audit_event WHERE claim_id = ? ORDER BY seq")) {
            s.setLong(1, claimId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seqs.add(r.getLong(1));
                }
            }
        }
        return seqs;
    }

    static void assertDetected(LogVerifier.Result r, String why) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).startsWith("FAIL: ").containsIgnoringCase(why);
    }

    @Test
    @Order(1)
    void verifiesTheLogBeforeAnyTampering() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        claimA = TestApi.researchingClaim(checker, "Ecuador revoked Assange's asylum over his conduct");
        checker.spec().body(Map.of("body", "Checking the ministry's statement")).post("/api/v1/claims/" + claimA
                + "/comments").then().statusCode(201);
        claimB = TestApi.researchingClaim(checker, "Assange had lived in the embassy for nearly seven years");
        long rated = PublishedRulings.ratedClaim(checker, editor, "Ecuador's president called Assange a spoiled brat",
                "true");
        rulingId = editor.spec().get("/api/v1/claims/" + rated + "/rulings").then().statusCode(200).extract()
                .jsonPath().getLong("items[0].id");
        checkpoint(201);
        key = given().get("/api/public/transparency/key").then().statusCode(200).extract().path("verifierKey");
        List<Long> a = seqsOf(claimA);
        var r = LogVerifier.run(before, "--key", key, "--audit", "--ruling", String.valueOf(rulingId), "--event",
                String.valueOf(a.get(a.size() - 1)), "--event", String.valueOf(seqsOf(claimB).get(0)));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    @Order(2)
    void detectsTheNewestEventsOfAClaimDeleted() throws Exception {
        List<Long> a = seqsOf(claimA);
        long newest = a.get(a.size() - 1);
        TamperProfile.superuser("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update",
                "DELETE FROM audit_event WHERE seq IN (" + newest + ", " + a.get(a.size() - 2) + ")",
                "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
        assertThat(audit.verify(claimA).valid()).as("the shortened chain still verifies on its own").isTrue();

        assertDetected(LogVerifier.run(stateBefore(), "--event", String.valueOf(newest)), String.valueOf(newest));
        assertDetected(LogVerifier.run(stateBefore(), "--audit"), "(seq " + newest + ")");
    }

    @Test
    @Order(3)
    void detectsAnEventRewrittenWithEveryLaterHashOfItsChainRecomputed() throws Exception {
        List<Long> b = seqsOf(claimB);
        try (Connection c = TamperProfile.connect()) {
            c.createStatement().execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            String prev = CanonicalJson.GENESIS;
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT seq, claim_id, type, actor, occurred_at, data::text FROM audit_event WHERE claim_id = ? "
                            + "ORDER BY seq");
                    PreparedStatement write = c.prepareStatement(
                            "UPDATE audit_event SET data = ?::jsonb, prev_hash = ?, hash = ? WHERE seq = ?")) {
                read.setLong(1, claimB);
                try (ResultSet r = read.executeQuery()) {
                    boolean first = true;
                    while (r.next()) {
                        String data = r.getString(6);
                        if (first) {
                            data = data.replace("nearly seven years", "nearly two years");
                            first = false;
                        }
                        String canonical = CanonicalJson.event(r.getLong(1), r.getLong(2), r.getString(3),
                                r.getString(4), r.getTimestamp(5).toInstant(), data);
                        String hash = CanonicalJson.chainHash(prev, canonical);
                        write.setString(1, data);
                        write.setString(2, prev);
                        write.setString(3, hash);
                        write.setLong(4, r.getLong(1));
                        write.executeUpdate();
                        prev = hash;
                    }
                }
            }
            c.createStatement().execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
            c.commit();
        }
        assertThat(audit.verify(claimB).valid()).as("the rewritten chain verifies on its own").isTrue();

        assertDetected(LogVerifier.run(stateBefore(), "--event", String.valueOf(b.get(0))), "inclusion");
    }

    @Test
    @Order(4)
    void detectsAPublishedRulingRewrittenWithItsTriggersDisabled() throws Exception {
        try (Connection c = TamperProfile.connect()) {
            String headline;
            String manifest;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT headline, provenance_manifest FROM ruling WHERE id = ?")) {
                s.setLong(1, rulingId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    headline = r.getString(1);
                    manifest = r.getString(2);
                }
            }
            String forged = manifest.replace(headline, "Forged headline");
            assertThat(forged).isNotEqualTo(manifest);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(forged.getBytes(StandardCharsets.UTF_8)));
            c.createStatement().execute("ALTER TABLE ruling DISABLE TRIGGER ruling_immutable_when_published");
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE ruling SET headline = ?, provenance_manifest = ?, provenance_hash = ? WHERE id = ?")) {
                u.setString(1, "Forged headline");
                u.setString(2, forged);
                u.setString(3, hash);
                u.setLong(4, rulingId);
                assertThat(u.executeUpdate()).isOne();
            }
            c.createStatement().execute("ALTER TABLE ruling ENABLE TRIGGER ruling_immutable_when_published");
            c.commit();
        }
        given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Forged headline"));

        assertDetected(LogVerifier.run(stateBefore(), "--ruling", String.valueOf(rulingId)), "provenance");
    }

    @Test
    @Order(5)
    void refusesToSignLeavesWhoseEventsWereDeletedBeforeTheirFirstCheckpoint() throws Exception {
        long claim = TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "A claim deleted before it is signed");
        feed.drain(TransparencyFollower.NAME);
        TamperProfile.superuser("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update",
                "DELETE FROM audit_event WHERE claim_id = " + claim,
                "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
        try (var errors = org.factdesk.CapturedLog.errorsOf(TransparencyLog.class)) {
            TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().statusCode(409)
                    .body("type", org.hamcrest.Matchers.endsWith("log-inconsistent"))
                    .body("detail", org.hamcrest.Matchers.containsString("no longer match"));
            assertThat(errors.lines()).as("the refusal is an ERROR for the operators").anySatisfy(l -> assertThat(
                    l.message()).contains("refusing to sign a checkpoint").contains("no longer match"));
        }
    }

    @Test
    @Order(6)
    void refusesToSignWhenTheRebuiltTreeNoLongerExtendsTheLastCheckpoint() {
        // The cursor row first: the follower locks it before it writes the tree, so taking the tables
        // first and the row second deadlocks with a follower round that is under way.
        TamperProfile.superuser(
                "DELETE FROM feed_cursor WHERE name = 'transparency'",
                "ALTER TABLE transparency_leaf DISABLE TRIGGER USER",
                "ALTER TABLE transparency_node DISABLE TRIGGER USER",
                "TRUNCATE transparency_leaf, transparency_node",
                "ALTER TABLE transparency_leaf ENABLE TRIGGER USER",
                "ALTER TABLE transparency_node ENABLE TRIGGER USER");
        feed.drain(TransparencyFollower.NAME);
        TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("Refusing to sign"));
    }

    @Test
    @Order(7)
    void detectsTheWholeTreeDroppedAndRebuiltWithItsCheckpoints() throws Exception {
        for (int i = 0; i < 5; i++) {
            TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "A claim after the tampering " + i);
        }
        TamperProfile.superuser(
                "DELETE FROM feed_cursor WHERE name = 'transparency'",
                "ALTER TABLE transparency_leaf DISABLE TRIGGER USER",
                "ALTER TABLE transparency_node DISABLE TRIGGER USER",
                "ALTER TABLE transparency_checkpoint DISABLE TRIGGER USER",
                "TRUNCATE transparency_leaf, transparency_node, transparency_checkpoint",
                "ALTER TABLE transparency_leaf ENABLE TRIGGER USER",
                "ALTER TABLE transparency_node ENABLE TRIGGER USER",
                "ALTER TABLE transparency_checkpoint ENABLE TRIGGER USER");
        feed.drain(TransparencyFollower.NAME);
        long size = checkpoint(201);
        long signedBefore = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Files.readString(before)).path("checkpoint").path("treeSize").asLong();
        assertThat(size).as("the rebuilt log is larger, so only a consistency proof can tell").isGreaterThan(
                signedBefore);
        var fresh = LogVerifier.run(dir.resolve("newcomer.json"), "--key", key, "--audit");
        assertThat(fresh.exitCode()).as("a verifier with no earlier checkpoint is fooled: " + fresh).isZero();

        assertDetected(LogVerifier.run(stateBefore()), "consisten");
    }
}
