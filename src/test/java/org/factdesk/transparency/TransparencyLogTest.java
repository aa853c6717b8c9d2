package org.factdesk.transparency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.audit.FeedFollowers;
import org.factdesk.identity.Role;
import org.factdesk.ruling.PublishedRulings;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TransparencyLogTest {

    static final String PUBLIC = "/api/public/transparency";

    @Inject
    FeedFollowers feed;
    @Inject
    TreeStore tree;
    @Inject
    jakarta.persistence.EntityManager em;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    static JsonPath checkpointNow() {
        var r = TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().extract();
        assertThat(r.statusCode()).isIn(200, 201);
        return r.jsonPath();
    }

    static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    static List<byte[]> hashes(JsonPath p) {
        return p.getList("hashes", String.class).stream().map(TransparencyLogTest::b64).toList();
    }

    static SignedNote.Verifier servedVerifier() {
        return SignedNote.Verifier.parse(given().get(PUBLIC + "/key").then().statusCode(200).extract()
                .path("verifierKey"));
    }

    @Test
    void makesEveryAuditEventOneLeafWhoseStoredTreeHasTheRecomputedRoot() {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Ecuador says Assange's asylum was revoked lawfully");
        feed.drain(TransparencyFollower.NAME);
        QuarkusTransaction.requiringNew().run(() -> {
            long maxSeq = ((Number) em.createNativeQuery(
                    "SELECT max(seq) FROM audit_event WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())")
                    .getSingleResult()).longValue();
            assertThat(((Number) em.createNativeQuery("SELECT count(*) FROM audit_event e WHERE e.seq <= ?1 AND "
                    + "tx_id < pg_snapshot_xmin(pg_current_snapshot()) AND NOT EXISTS "
                    + "(SELECT 1 FROM transparency_leaf l WHERE l.seq = e.seq)").setParameter(1, maxSeq)
                    .getSingleResult()).longValue()).as("events without a leaf").isZero();
            long size = tree.size();
            assertThat(((Number) em.createNativeQuery("SELECT count(*) FROM transparency_leaf").getSingleResult())
                    .longValue()).as("leaf indexes are 0..size-1").isEqualTo(size);
            List<byte[]> leaves = new ArrayList<>();
            for (var l : tree.leaves(0, size)) {
                leaves.add(Merkle.leafHash(HexFormat.of().parseHex(l.eventHash())));
            }
            byte[] stored = tree.compute(t -> Merkle.root(t, size));
            assertThat(stored).isEqualTo(Merkle.rootOfLeaves(leaves));
            for (long n : List.of(1L, size / 3, size / 2, size - 1)) {
                byte[] at = tree.compute(t -> Merkle.root(t, n));
                assertThat(at).isEqualTo(Merkle.rootOfLeaves(leaves.subList(0, (int) n)));
            }
        });
    }

    @Test
    void coversEventsCommittedBeforeTheRequestEvenWhileAScheduledRoundHoldsTheFollower() throws Exception {
        feed.drain(TransparencyFollower.NAME);
        long claim = TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "Assange's cat was given to his lawyers");
        long newest;
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            // what a scheduled round on this or another instance holds while it appends a batch
            s.execute("SELECT 1 FROM feed_cursor WHERE name = '" + TransparencyFollower.NAME + "' FOR UPDATE");
            try (var r = s.executeQuery("SELECT max(seq) FROM audit_event WHERE claim_id = " + claim)) {
                r.next();
                newest = r.getLong(1);
            }
            var checkpoint = java.util.concurrent.CompletableFuture.supplyAsync(TransparencyLogTest::checkpointNow);
            Thread.sleep(300);
            assertThat(checkpoint).as("the checkpoint waits for the round").isNotDone();
            c.commit();
            long treeSize = checkpoint.get(20, java.util.concurrent.TimeUnit.SECONDS).getLong("treeSize");
            given().queryParam("seq", newest).queryParam("treeSize", treeSize).get(PUBLIC + "/proof/inclusion")
                    .then().statusCode(200);
        }
    }

    @Test
    void signsANewCheckpointAndAnswersTheSameOneWhenNothingWasAppended() {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "The embassy cut Assange's internet access in 2018");
        var made = TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().statusCode(201).extract()
                .jsonPath();
        var again = TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().statusCode(200).extract()
                .jsonPath();
        assertThat(again.getLong("treeSize")).isEqualTo(made.getLong("treeSize"));
        assertThat(again.getString("note")).isEqualTo(made.getString("note"));
        var latest = given().get(PUBLIC + "/checkpoint").then().statusCode(200).extract().jsonPath();
        assertThat(latest.getString("note")).isEqualTo(made.getString("note"));

        String text = SignedNote.verify(latest.getString("note"), servedVerifier()).orElseThrow();
        var cp = SignedNote.parseCheckpoint(text).orElseThrow();
        assertThat(cp.origin()).isEqualTo(latest.getString("origin")).isEqualTo("factdesk.example.org/audit-log");
        assertThat(cp.treeSize()).isEqualTo(latest.getLong("treeSize"));
        assertThat(Base64.getEncoder().encodeToString(cp.rootHash())).isEqualTo(latest.getString("rootHash"));
        assertThat(SignedNote.TIMESTAMP.format(cp.timestamp())).isEqualTo(latest.getString("timestamp"));
        assertThat(latest.getString("keyId")).isEqualTo(HexFormat.of().formatHex(servedVerifier().keyId()));
        given().get(PUBLIC + "/keys").then().statusCode(200)
                .body("items.verifierKey", org.hamcrest.Matchers.hasItem(
                        given().get(PUBLIC + "/key").then().extract().path("verifierKey").toString()));
    }

    @Test
    void letsOnlyAdministratorsSignCheckpoints() {
        for (Role role : List.of(Role.CONTRIBUTOR, Role.FACT_CHECKER, Role.EDITOR, Role.AUDITOR)) {
            TestApi.user(role).spec().post("/api/v1/transparency/checkpoints").then().statusCode(403);
        }
        given().post("/api/v1/transparency/checkpoints").then().statusCode(401);
    }

    @Test
    void provesEveryLeafIncludedAndEveryCheckpointConsistentWithTheNext() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        List<JsonPath> cps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestApi.submitClaim(contributor, "Claim number " + i + " about the asylum");
            cps.add(checkpointNow());
        }
        for (int i = 0; i < cps.size(); i++) {
            for (int j = i; j < cps.size(); j++) {
                long from = cps.get(i).getLong("treeSize");
                long to = cps.get(j).getLong("treeSize");
                var proof = given().get(PUBLIC + "/proof/consistency?from=" + from + "&to=" + to).then()
                        .statusCode(200).body("from", equalTo((int) from)).extract().jsonPath();
                assertThat(Merkle.verifyConsistency(from, to, b64(cps.get(i).getString("rootHash")),
                        b64(cps.get(j).getString("rootHash")), hashes(proof))).as(from + " -> " + to).isTrue();
            }
        }
        JsonPath last = cps.get(cps.size() - 1);
        long size = last.getLong("treeSize");
        long start = Math.max(0, size - 40);
        var leaves = given().get(PUBLIC + "/leaves?start=" + start + "&end=" + size).then().statusCode(200)
                .extract().jsonPath();
        assertThat(leaves.getList("items")).hasSize((int) (size - start));
        for (int i = 0; i < size - start; i++) {
            long seq = leaves.getLong("items[" + i + "].seq");
            byte[] leaf = Merkle.leafHash(HexFormat.of().parseHex(leaves.getString("items[" + i + "].eventHash")));
            var proof = given().get(PUBLIC + "/proof/inclusion?seq=" + seq + "&treeSize=" + size).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(proof.getLong("leafIndex")).isEqualTo(start + i);
            assertThat(b64(proof.getString("leafHash"))).isEqualTo(leaf);
            assertThat(Merkle.verifyInclusion(start + i, size, leaf, hashes(proof), b64(last.getString("rootHash"))))
                    .isTrue();
            assertThat(proof.getList("hashes")).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size));
        }
    }

    @Test
    void refusesProofsForTreeSizesThatWereNeverSignedOrDoNotHoldTheEvent() {
        TestApi.submitClaim(TestApi.user(Role.CONTRIBUTOR), "A claim before the refusals");
        JsonPath cp = checkpointNow();
        long size = cp.getLong("treeSize");
        given().get(PUBLIC + "/proof/inclusion?seq=1&treeSize=" + (size + 1000)).then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("no checkpoint"));
        given().get(PUBLIC + "/proof/consistency?from=" + size + "&to=" + (size + 1000)).then().statusCode(404);
        given().get(PUBLIC + "/proof/consistency?from=" + size + "&to=1").then().statusCode(400);
        given().get(PUBLIC + "/proof/inclusion?seq=" + Long.MAX_VALUE + "&treeSize=" + size).then().statusCode(404);
        for (String bad : List.of("seq=abc&treeSize=1", "treeSize=1", "seq=1&treeSize=-1", "seq=1&treeSize=1e3")) {
            given().get(PUBLIC + "/proof/inclusion?" + bad).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get(PUBLIC + "/leaves?start=0&end=1001").then().statusCode(400);
        given().get(PUBLIC + "/leaves?start=0&end=" + (size + 1)).then().statusCode(400);
        given().get(PUBLIC + "/leaves?start=5&end=4").then().statusCode(400);
        given().get(PUBLIC + "/checkpoints?limit=0").then().statusCode(400);
        given().get(PUBLIC + "/checkpoints?after=x").then().statusCode(400);
    }

    @Test
    void pagesCheckpointsNewestFirst() {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        TestApi.submitClaim(contributor, "Paging one");
        checkpointNow();
        TestApi.submitClaim(contributor, "Paging two");
        long newest = checkpointNow().getLong("treeSize");
        var first = given().get(PUBLIC + "/checkpoints?limit=1").then().statusCode(200).extract().jsonPath();
        assertThat(first.getLong("items[0].treeSize")).isEqualTo(newest);
        String next = first.getString("nextCursor");
        var second = given().get(PUBLIC + "/checkpoints?limit=1&after=" + next).then().statusCode(200).extract()
                .jsonPath();
        assertThat(second.getLong("items[0].treeSize")).isLessThan(newest);
    }

    @Test
    void givesEachPublishedRulingAnInclusionProofOfItsPublicationEventAgainstASignedCheckpoint() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        long claimId = PublishedRulings.ratedClaim(checker, editor, "Ecuador granted Assange citizenship in 2017", "false");
        long rulingId = firstRuling(editor, claimId);
        var before = given().get("/api/public/claim-reviews/" + rulingId + "/provenance").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getLong("transparency.approvalSeq")).isPositive();
        checkpointNow();
        var p = given().get("/api/public/claim-reviews/" + rulingId + "/provenance").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> event = p.getMap("transparency.approvalEvent");
        String hash = (String) event.get("hash");
        // the event names the drafter and the approver: outsiders get its hash, its content stays behind the roles
        assertThat(event).doesNotContainKey("canonical");
        String published = given().get("/api/public/claim-reviews/" + rulingId + "/provenance").asString();
        assertThat(published).doesNotContain(checker.name()).doesNotContain(editor.name());
        var history = TestApi.user(Role.AUDITOR).spec().get("/api/v1/claims/" + claimId + "/history").then()
                .statusCode(200).extract().jsonPath();
        long seq = p.getLong("transparency.approvalSeq");
        assertThat(history.getString("items.find { it.seq == " + seq + " }.type")).isEqualTo("RULING_APPROVED");
        assertThat(history.getString("items.find { it.seq == " + seq + " }.hash")).isEqualTo(hash);
        assertThat(history.getString("items.find { it.seq == " + seq + " }.prevHash")).isEqualTo(event.get("prevHash"));
        assertThat(history.getString("items.find { it.seq == " + seq + " }.data.provenanceHash"))
                .isEqualTo(p.getString("provenanceHash"));
        assertThat(history.getLong("items.find { it.seq == " + seq + " }.data.rulingId")).isEqualTo(rulingId);

        // the publication event is public whole, follows the approval on the claim's chain and records the document
        Map<String, Object> publication = p.getMap("transparency.publicationEvent");
        String canonical = (String) publication.get("canonical");
        String publicationHash = (String) publication.get("hash");
        assertThat(publication.get("prevHash")).isEqualTo(hash);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                (hash + canonical).getBytes(StandardCharsets.UTF_8)))).isEqualTo(publicationHash);
        var parsed = JsonPath.from(canonical);
        assertThat(parsed.getString("type")).isEqualTo("RULING_PUBLISHED");
        assertThat(parsed.getString("actor")).isEqualTo("factdesk");
        assertThat(parsed.getLong("data.rulingId")).isEqualTo(rulingId);
        assertThat(parsed.getString("data.provenanceHash")).isEqualTo(p.getString("provenanceHash"));
        assertThat(parsed.getLong("seq")).isEqualTo(p.getLong("transparency.publicationSeq"))
                .isEqualTo(p.getLong("transparency.provenSeq"));

        long index = p.getLong("transparency.inclusion.leafIndex");
        long size = p.getLong("transparency.inclusion.treeSize");
        assertThat(p.getLong("transparency.checkpoint.treeSize")).isEqualTo(size);
        byte[] leaf = Merkle.leafHash(HexFormat.of().parseHex(publicationHash));
        assertThat(b64(p.getString("transparency.inclusion.leafHash"))).isEqualTo(leaf);
        String text = SignedNote.verify(p.getString("transparency.checkpoint.note"), servedVerifier()).orElseThrow();
        byte[] root = SignedNote.parseCheckpoint(text).orElseThrow().rootHash();
        List<byte[]> path = p.getList("transparency.inclusion.hashes", String.class).stream()
                .map(TransparencyLogTest::b64).toList();
        assertThat(Merkle.verifyInclusion(index, size, leaf, path, root)).isTrue();
    }

    @Test
    void satisfiesTheOutsidersVerifierRunAfterRun() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        long claimId = PublishedRulings.ratedClaim(checker, editor, "Assange was arrested inside the embassy", "true");
        long rulingId = firstRuling(editor, claimId);
        checkpointNow();
        Path state = Files.createTempDirectory("verify-log").resolve("state.json");
        String key = given().get(PUBLIC + "/key").then().extract().path("verifierKey");
        var first = LogVerifier.run(state, "--key", key, "--ruling", String.valueOf(rulingId), "--audit");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("OK factdesk.example.org/audit-log");

        TestApi.submitClaim(checker, "A later claim the verifier sees on its second run");
        long newSize = checkpointNow().getLong("treeSize");
        var second = LogVerifier.run(state, "--ruling", String.valueOf(rulingId), "--max-age", "1h");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("treeSize=" + newSize);
        assertThat(JsonPath.from(Files.readString(state)).getLong("checkpoint.treeSize")).isEqualTo(newSize);
    }

    private static long firstRuling(Actor editor, long claimId) {
        return editor.spec().get("/api/v1/claims/" + claimId + "/rulings").then().statusCode(200).extract().jsonPath()
                .getLong("items[0].id");
    }
}
