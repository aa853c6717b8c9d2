package org.factdesk.transparency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Writers append while two signers race (as two instances would: each request is its own transaction, and the
 * scheduler and the follower run beside them): exactly one checkpoint per tree size, every one consistent with the
 * one before, and no writer ever waits on a signer.
 */
@QuarkusTest
class ConcurrentCheckpointsTest {

    record Signed(int status, long treeSize, String note) {
    }

    @Test
    void signsOneCheckpointPerSizeAllConsistentWhileWritersAppend() throws Exception {
        Actor contributor = TestApi.user(Role.CONTRIBUTOR);
        Actor admin = TestApi.admin();
        long startSize = TestApi.admin().spec().post("/api/v1/transparency/checkpoints").then().extract().jsonPath()
                .getLong("treeSize");
        List<Signed> signed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    TestApi.submitClaim(contributor, "Writer " + writer + " claim " + i + " on the embassy");
                }
            }));
        }
        for (int s = 0; s < 2; s++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    var r = admin.spec().post("/api/v1/transparency/checkpoints").then().extract();
                    assertThat(r.statusCode()).as(r.body().asString()).isIn(200, 201);
                    signed.add(new Signed(r.statusCode(), r.jsonPath().getLong("treeSize"),
                            r.jsonPath().getString("note")));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Long> created = signed.stream().filter(s -> s.status() == 201).map(Signed::treeSize).toList();
        assertThat(created).as("a size is signed once, by whichever signer gets there first").doesNotHaveDuplicates();
        assertThat(created).isNotEmpty();
        for (Signed s : signed) {
            assertThat(s.note()).as("every answer for a size is the one checkpoint of that size")
                    .isEqualTo(given().get("/api/public/transparency/checkpoints?after=" + (s.treeSize() + 1)
                            + "&limit=1").then().extract().jsonPath().getString("items[0].note"));
        }

        List<JsonPath> all = new ArrayList<>();
        String after = null;
        do {
            var page = given().get("/api/public/transparency/checkpoints?limit=100"
                    + (after == null ? "" : "&after=" + after)).then().statusCode(200).extract().jsonPath();
            for (int i = 0; i < page.getList("items").size(); i++) {
                JsonPath one = JsonPath.from(page.prettify()).setRootPath("items[" + i + "]");
                if (one.getLong("treeSize") >= startSize) {
                    all.add(one);
                }
            }
            after = page.getString("nextCursor");
        } while (after != null);
        Collections.reverse(all);
        assertThat(all.size()).isGreaterThanOrEqualTo(created.size());
        for (int i = 1; i < all.size(); i++) {
            long from = all.get(i - 1).getLong("treeSize");
            long to = all.get(i).getLong("treeSize");
            assertThat(to).isGreaterThan(from);
            assertThat(all.get(i).getString("timestamp")).isGreaterThanOrEqualTo(all.get(i - 1).getString("timestamp"));
            List<byte[]> proof = given().get("/api/public/transparency/proof/consistency?from=" + from + "&to=" + to)
                    .then().statusCode(200).extract().jsonPath().getList("hashes", String.class).stream()
                    .map(Base64.getDecoder()::decode).toList();
            assertThat(Merkle.verifyConsistency(from, to, Base64.getDecoder().decode(all.get(i - 1).getString(
                    "rootHash")), Base64.getDecoder().decode(all.get(i).getString("rootHash")), proof))
                    .as("checkpoint %d is consistent with %d", to, from).isTrue();
        }
    }
}
