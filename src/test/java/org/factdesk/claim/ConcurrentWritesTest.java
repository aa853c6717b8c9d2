package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConcurrentWritesTest {

    @Test
    void concurrentIfMatchWritesEitherLandOnceOrGet412() throws Exception {
        Actor editor = TestApi.user(Role.EDITOR);
        long id = TestApi.submitClaim(editor, "Concurrent editors race to edit the same claimant field.");
        int writers = 24;
        int rounds = 3;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        int landed = 0;
        int refused = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                String etag = TestApi.etag(editor, id);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String claimant = "writer-" + round + "-" + w;
                    Callable<Integer> write = () -> {
                        start.await();
                        return editor.spec().header("If-Match", etag).body(Map.of("claimant", claimant))
                                .patch("/api/v1/claims/" + id).then().extract().statusCode();
                    };
                    results.add(pool.submit(write));
                }
                start.countDown();
                for (Future<Integer> f : results) {
                    int status = f.get();
                    assertThat(status).isIn(200, 412);
                    if (status == 200) {
                        landed++;
                    } else {
                        refused++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(landed).isEqualTo(rounds);
        assertThat(refused).isEqualTo(rounds * (writers - 1));
        var claim = editor.spec().get("/api/v1/claims/" + id).then().extract().jsonPath();
        assertThat(claim.getInt("version")).isEqualTo(landed);
        var types = editor.spec().get("/api/v1/claims/" + id + "/history").then().extract().jsonPath()
                .getList("items.type", String.class);
        assertThat(types.stream().filter("CLAIM_EDITED"::equals).count()).isEqualTo(landed);
        editor.spec().get("/api/v1/claims/" + id + "/history/verify").then().body("valid",
                org.hamcrest.Matchers.equalTo(true));
    }
}
