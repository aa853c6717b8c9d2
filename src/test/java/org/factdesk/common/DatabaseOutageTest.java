package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.common.EmbeddedPostgresConfigSourceFactory.EmbeddedServer;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * PostgreSQL going away: a restart, a fast shutdown with writes in flight (commits among them), and an
 * administrator terminating every backend. Every answer is a 2xx or a 503 problem with Retry-After, never a 500;
 * afterwards every acknowledged write is there with its audit event and nothing was half written.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final int WRITERS = 16;
    private static final List<String> SLOW_COMMIT_TABLES = List.of("claim", "claim_comment");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answers503DuringAnOutageAndRecoversWithoutErrorsAfterARestart() throws Exception {
        Assumptions.assumeTrue(EmbeddedServer.isRunning(),
                "restarts only the embedded server; with an external datasource URL this test is skipped");
        Actor apiKey = TestApi.apiKey(Role.EDITOR);
        Actor user = TestApi.user(Role.EDITOR);
        long id = TestApi.submitClaim(user, "Claims stay readable across a database restart.");
        for (int i = 0; i < 5; i++) {
            apiKey.spec().get("/api/v1/claims/" + id).then().statusCode(200);
            user.spec().get("/api/v1/claims/" + id).then().statusCode(200);
        }
        EmbeddedServer.stop();
        try {
            for (Actor actor : new Actor[] { apiKey, user }) {
                Response down = actor.spec().get("/api/v1/claims/" + id);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.contentType()).startsWith("application/problem+json");
                assertThat(down.header("Retry-After")).isNotNull();
                assertThat(down.asString()).doesNotContainIgnoringCase("exception").doesNotContain("jdbc:");
            }
            Response write = user.spec().header("If-Match", "\"0\"").body("{\"claimant\":\"x\"}")
                    .patch("/api/v1/claims/" + id);
            assertThat(write.statusCode()).isEqualTo(503);
        } finally {
            EmbeddedServer.restart();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(apiKey.spec().get("/api/v1/claims/" + id).statusCode()).isEqualTo(200);
            assertThat(user.spec().get("/api/v1/claims/" + id).statusCode()).isEqualTo(200);
        }
        user.spec().header("If-Match", "\"0\"").body("{\"claimant\":\"after restart\"}")
                .patch("/api/v1/claims/" + id).then().statusCode(200);
    }

    @Test
    void writesInFlightDuringAFastShutdownGet2xxOr503AndNoAcknowledgedWriteIsLost() throws Exception {
        Assumptions.assumeTrue(EmbeddedServer.isRunning(), "stops only the embedded server");
        Workload load = new Workload(TestApi.user(Role.EDITOR), TestApi.apiKey(Role.EDITOR));
        slowCommitsOfComments(true);
        load.start();
        for (int outage = 0; outage < 3; outage++) { // three shutdowns: more commits caught mid-way
            Thread.sleep(1200);
            try {
                EmbeddedServer.stop(); // pg_ctl stop -m fast
                Thread.sleep(1000);
            } finally {
                EmbeddedServer.restart();
            }
        }
        Thread.sleep(2000);
        try {
            load.stopAndCheck(this);
        } finally {
            slowCommitsOfComments(false);
        }
    }

    @Test
    void writesInFlightWhileAnAdministratorTerminatesEveryBackendGet2xxOr503() throws Exception {
        Assumptions.assumeTrue(EmbeddedServer.isRunning(), "terminates backends of the embedded server only");
        Workload load = new Workload(TestApi.user(Role.EDITOR), TestApi.apiKey(Role.EDITOR));
        slowCommitsOfComments(true);
        load.start();
        Thread.sleep(1000);
        int terminated = 0;
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            terminated += EmbeddedServer.terminateOtherBackends();
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        try {
            load.stopAndCheck(this);
        } finally {
            slowCommitsOfComments(false);
        }
        assertThat(terminated).as("backends terminated").isPositive();
    }

    /**
     * Makes the commit of every new claim and comment take 0.3 s (a deferred constraint trigger runs inside COMMIT), as a
     * commit waiting for a synchronous standby would: the outage then surely cuts commits off mid-way, which with
     * the test database's instant commits it hits only by chance.
     */
    private void slowCommitsOfComments(boolean on) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (on) {
                s.execute("""
                        CREATE OR REPLACE FUNCTION outage_test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS
                        $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$""");
                for (String table : SLOW_COMMIT_TABLES) {
                    s.execute("DROP TRIGGER IF EXISTS outage_test_slow_commit ON " + table);
                    s.execute("CREATE CONSTRAINT TRIGGER outage_test_slow_commit AFTER INSERT ON " + table
                            + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION outage_test_slow_commit()");
                }
            } else {
                for (String table : SLOW_COMMIT_TABLES) {
                    s.execute("DROP TRIGGER IF EXISTS outage_test_slow_commit ON " + table);
                }
                s.execute("DROP FUNCTION IF EXISTS outage_test_slow_commit()");
            }
        }
    }

    /** A write the service acknowledged with a 2xx, and how to find it afterwards. */
    private record Ack(String kind, long claimId, String marker) {
    }

    /** An answer that is neither a 2xx nor a 503 problem with Retry-After. */
    private record Bad(String request, int status, String body) {
    }

    /**
     * {@value #WRITERS} threads submitting claims, editing them and commenting on them in a loop, half with a
     * session cookie and half with an API key.
     */
    private static final class Workload {
        private final Actor[] actors;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        private final Queue<Bad> bad = new ConcurrentLinkedQueue<>();
        private final Queue<String> unavailable = new ConcurrentLinkedQueue<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        private final List<Future<?>> futures = new ArrayList<>();

        Workload(Actor... actors) {
            this.actors = actors;
        }

        void start() {
            for (int t = 0; t < WRITERS; t++) {
                Actor actor = actors[t % actors.length];
                int thread = t;
                futures.add(pool.submit(() -> run(actor, thread)));
            }
        }

        private void run(Actor actor, int thread) {
            List<Long> own = new ArrayList<>();
            for (int i = 0; running.get(); i++) {
                String marker = "t" + thread + "-" + i + "-" + System.nanoTime();
                try {
                    if (own.isEmpty() || i % 3 == 0) {
                        Response r = actor.spec().body(Map.of("statement", "Outage claim " + marker))
                                .post("/api/v1/claims");
                        if (judge("POST /claims", r)) {
                            long id = r.jsonPath().getLong("id");
                            own.add(id);
                            acks.add(new Ack("CLAIM_SUBMITTED", id, marker));
                        }
                    } else if (i % 3 == 1) {
                        long id = own.get(own.size() - 1);
                        Response get = actor.spec().get("/api/v1/claims/" + id);
                        if (judge("GET /claims/" + id, get)) {
                            Response r = actor.spec().header("If-Match", get.header("ETag"))
                                    .body(Map.of("claimant", marker)).patch("/api/v1/claims/" + id);
                            if (judge("PATCH /claims/" + id, r)) {
                                acks.add(new Ack("CLAIM_EDITED", id, marker));
                            }
                        }
                    } else {
                        long id = own.get(i % own.size());
                        Response r = actor.spec().body(Map.of("body", "Outage comment " + marker))
                                .post("/api/v1/claims/" + id + "/comments");
                        if (judge("POST /claims/" + id + "/comments", r)) {
                            acks.add(new Ack("COMMENT_ADDED", id, marker));
                        }
                    }
                } catch (RuntimeException e) {
                    bad.add(new Bad("thread " + thread, -1, e.toString()));
                }
            }
        }

        /** True for a 2xx; records anything but a well-formed 503 as bad. */
        private boolean judge(String request, Response r) {
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
                return true;
            }
            String body = r.asString();
            boolean wellFormed503 = status == 503 && r.contentType().startsWith("application/problem+json")
                    && r.header("Retry-After") != null && !body.toLowerCase().contains("exception")
                    && !body.contains("jdbc:") && !body.contains("at org.");
            if (wellFormed503) {
                unavailable.add(request);
            } else {
                bad.add(new Bad(request, status, body.length() > 400 ? body.substring(0, 400) : body));
            }
            return false;
        }

        void stopAndCheck(DatabaseOutageTest test) throws Exception {
            running.set(false);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(bad).as("answers other than 2xx or a 503 problem with Retry-After").isEmpty();
            assertThat(unavailable).as("503s while the database was away (the outage was felt)").isNotEmpty();
            Actor reader = actors[0];
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reader.spec().get("/api/v1/claims/counts").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(acks.stream().filter(a -> a.kind().equals("CLAIM_SUBMITTED")).count()).isGreaterThan(WRITERS);
            assertThat(acks.stream().filter(a -> !a.kind().equals("CLAIM_SUBMITTED")).count()).isPositive();
            Map<Long, String> histories = new java.util.HashMap<>();
            for (Ack ack : acks) {
                String history = histories.computeIfAbsent(ack.claimId(), id -> {
                    reader.spec().get("/api/v1/claims/" + id + "/history/verify").then().statusCode(200)
                            .body("valid", org.hamcrest.Matchers.equalTo(true));
                    return reader.spec().get("/api/v1/claims/" + id + "/history").then().statusCode(200).extract()
                            .asString();
                });
                assertThat(history).as("the audit history of claim " + ack.claimId() + " holds " + ack)
                        .contains("\"type\":\"" + ack.kind() + "\"").contains(ack.marker());
                if (ack.kind().equals("CLAIM_EDITED")) {
                    // the edit is stored: the claimant is this edit's or a later one's (a later edit may have
                    // committed although its answer was a 503: the outcome of a commit cut off mid-way is unknown)
                    String claimant = reader.spec().get("/api/v1/claims/" + ack.claimId()).then().statusCode(200)
                            .extract().jsonPath().getString("claimant");
                    assertThat(history).contains(claimant);
                }
            }
            try (Connection c = test.dataSource.getConnection(); Statement s = c.createStatement()) {
                assertThat(single(s, """
                        SELECT count(*) FROM claim c WHERE NOT EXISTS (
                            SELECT 1 FROM audit_event e WHERE e.claim_id = c.id AND e.type = 'CLAIM_SUBMITTED')"""))
                        .as("claims without their CLAIM_SUBMITTED event").isZero();
                assertThat(single(s, """
                        SELECT count(*) FROM claim_comment m WHERE NOT EXISTS (
                            SELECT 1 FROM audit_event e WHERE e.claim_id = m.claim_id AND e.type = 'COMMENT_ADDED'
                            AND (e.data ->> 'commentId')::bigint = m.id)"""))
                        .as("comments without their COMMENT_ADDED event").isZero();
            }
        }

        private static long single(Statement s, String sql) throws java.sql.SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
