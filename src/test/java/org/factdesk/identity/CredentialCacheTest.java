package org.factdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Credentials are served from memory, yet PostgreSQL stays the source of truth: a change made by any instance reaches
 * this one through NOTIFY, and without a live listener nothing is served from memory.
 */
@QuarkusTest
class CredentialCacheTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CredentialCache cache;

    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedHereWithin100Milliseconds() throws Exception {
        Actor key = TestApi.apiKey(Role.EDITOR);
        awaitVouched();
        for (int i = 0; i < 3; i++) {
            key.spec().get("/api/v1/auth/me").then().statusCode(200);
        }
        long id = Long.parseLong(key.name().replace("apikey:", ""));
        // what another instance's revocation does: the row changes and a notification goes out at commit
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE api_key SET revoked_at = now(), revoked_by = 'other-instance' WHERE id = " + id);
            s.execute("SELECT pg_notify('" + CredentialCache.CHANNEL + "', '')");
            c.commit();
        }
        Thread.sleep(100);
        key.spec().get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void withoutALiveListenerEveryRequestAsksTheDatabase() throws Exception {
        Actor key = TestApi.apiKey(Role.EDITOR);
        awaitVouched();
        key.spec().get("/api/v1/auth/me").then().statusCode(200);
        cache.suspend();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cache.vouched() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(cache.vouched()).as("the cache stops vouching once its listener is gone").isFalse();
            long id = Long.parseLong(key.name().replace("apikey:", ""));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // a change that sends no notification at all: only asking the database can notice it
                s.execute("UPDATE api_key SET revoked_at = now(), revoked_by = 'sql' WHERE id = " + id);
            }
            key.spec().get("/api/v1/auth/me").then().statusCode(401);
        } finally {
            cache.resume();
        }
        awaitVouched();
    }

    @Test
    void aListenerConnectionKilledByTheDatabaseReconnectsAndVouchesAgain() throws Exception {
        awaitVouched();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'factdesk-credential-listener'");
        }
        awaitVouched();
    }

    @Test
    void signingOutEndsTheSessionAtOnce() throws Exception {
        Actor user = TestApi.newUser(Role.FACT_CHECKER);
        awaitVouched();
        user.spec().get("/api/v1/auth/me").then().statusCode(200);
        user.spec().post("/api/v1/auth/logout").then().statusCode(204);
        Thread.sleep(100);
        user.spec().get("/api/v1/auth/me").then().statusCode(401);
    }

    private void awaitVouched() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!cache.vouched() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cache.vouched()).as("the credential listener is connected").isTrue();
    }
}
