package org.factdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.claim.ClaimEvent;
import org.factdesk.common.AuditTrail;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The audit feed as a follower sees it: a resume position on every page, never frozen, never an event skipped. */
@QuarkusTest
class AuditFeedTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditTrail audit;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String dbPassword;

    Actor checker;
    Actor auditor;

    @BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        auditor = TestApi.user(Role.AUDITOR);
    }

    /** A follower: pages from its cursor until a page is empty, collecting seqs. */
    final class Follower {
        String cursor = "0";
        final List<Long> seen = new ArrayList<>();

        List<Long> poll() {
            List<Long> got = new ArrayList<>();
            while (true) {
                JsonPath page = auditor.spec().queryParam("after", cursor).queryParam("limit", 500)
                        .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
                List<Long> seqs = page.getList("items.seq", Long.class);
                assertThat(page.getString("nextCursor")).as("every page has a position to resume from").isNotBlank();
                cursor = page.getString("nextCursor");
                got.addAll(seqs);
                if (seqs.isEmpty()) {
                    break;
                }
            }
            seen.addAll(got);
            return got;
        }
    }

    @Test
    void everyPageReturnsAPositionSoAFollowerAtTheTailSeesEachEventOnce() {
        Follower f = new Follower();
        f.poll();
        long id = TestApi.submitClaim(checker, "A claim submitted while a follower sits at the tail of the feed.");
        List<Long> fresh = f.poll();
        assertThat(fresh).hasSize(1);
        assertThat(f.poll()).as("polling again at the tail returns nothing twice").isEmpty();
        assertThat(f.seen).doesNotHaveDuplicates();
        assertThat(auditor.spec().get("/api/v1/claims/" + id + "/history").jsonPath().getLong("items[0].seq"))
                .isEqualTo(fresh.get(0));
    }

    @Test
    void aTransactionLeftOpenInAnotherDatabaseDoesNotFreezeTheFeed() throws Exception {
        Follower f = new Follower();
        f.poll();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS feed_elsewhere");
            s.execute("CREATE DATABASE feed_elsewhere");
        }
        String url = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "feed_elsewhere";
        try (Connection elsewhere = DriverManager.getConnection(url, dbUser, dbPassword);
                Statement s = elsewhere.createStatement()) {
            elsewhere.setAutoCommit(false);
            s.execute("CREATE TABLE t (x int)");
            s.execute("INSERT INTO t VALUES (1)");
            TestApi.submitClaim(checker, "An event written while a transaction stays open in another database.");
            assertThat(pollWithin(f, 1000)).as("new events appear within 1 s").hasSize(1);
            elsewhere.rollback();
        }
    }

    @Test
    void aTransactionOfThisDatabaseThatWritesNoAuditEventsDoesNotFreezeTheFeed() throws Exception {
        Follower f = new Follower();
        f.poll();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT pg_current_xact_id()");
            s.execute("UPDATE app_user SET display_name = display_name WHERE username = 'admin'");
            TestApi.submitClaim(checker, "An event written while a reporting transaction stays open here.");
            assertThat(pollWithin(f, 1000)).as("new events appear within 1 s").hasSize(1);
            c.rollback();
        }
    }

    @Test
    void anOlderAuditWritingTransactionHoldsLaterEventsBackUntilItEndsSoNoneIsSkipped() throws Exception {
        Follower f = new Follower();
        f.poll();
        long id = TestApi.submitClaim(checker, "A claim whose event commits late, after a newer one.");
        f.poll();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                audit.record(id, "checker", new ClaimEvent.Assigned(null, "checker"));
                appended.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            TestApi.submitClaim(checker, "A newer claim whose event commits first.");
            assertThat(f.poll()).as("held back while the older transaction may still commit").isEmpty();
            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
            List<Long> after = f.poll();
            assertThat(after).as("the late event and the newer one, once each").hasSize(2);
            assertThat(f.seen).doesNotHaveDuplicates();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anEventOfATransactionOvertakenByAYoungerOneIsServedAtOnceWithoutWaitingForTheNextWrite() throws Exception {
        long id = TestApi.submitClaim(checker, "A claim whose next event commits after a younger transaction.");
        Follower f = new Follower();
        f.poll();
        CountDownLatch hasId = new CountDownLatch(1);
        CountDownLatch younger = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> older = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("SELECT CAST(pg_current_xact_id() AS text)").getSingleResult();
                hasId.countDown();
                try {
                    younger.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                audit.record(id, "checker", new ClaimEvent.Assigned(null, "checker"));
            }));
            assertThat(hasId.await(10, TimeUnit.SECONDS)).isTrue();
            // a younger transaction takes the next id and ends first: the older one's event gets a key above every
            // finished transaction, and nothing else writes afterwards
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_current_xact_id()");
            }
            younger.countDown();
            older.get(10, TimeUnit.SECONDS);
        } finally {
            younger.countDown();
            pool.shutdownNow();
        }
        assertThat(f.poll()).as("the event is served on the first poll after its commit").hasSize(1);
        assertThat(f.poll()).isEmpty();
    }

    @Test
    void followersUnderConcurrentWritesSeeEveryEventExactlyOnce() throws Exception {
        Follower f = new Follower();
        f.poll();
        long fromSeq;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM audit_event")) {
            rs.next();
            fromSeq = rs.getLong(1);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int n = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 12; i++) {
                        long id = TestApi.submitClaim(checker, "Concurrent writer " + n + " claim " + i + " for the feed");
                        checker.spec().body(java.util.Map.of("body", "note " + i)).post("/api/v1/claims/" + id + "/comments")
                                .then().statusCode(201);
                    }
                }));
            }
            Future<?> follower = pool.submit(() -> {
                while (!stop.get()) {
                    f.poll();
                }
            });
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            stop.set(true);
            follower.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        f.poll();
        Set<Long> expected = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT seq FROM audit_event WHERE seq > " + fromSeq)) {
            while (rs.next()) {
                expected.add(rs.getLong(1));
            }
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(8 * 12 * 2);
        assertThat(f.seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(f.seen)).containsAll(expected);
    }

    private static List<Long> pollWithin(Follower f, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Long> got = new ArrayList<>();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            got.addAll(f.poll());
            if (got.isEmpty()) {
                Thread.sleep(50);
            }
        }
        return got;
    }
}
