package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.common.EmbeddedPostgresConfigSourceFactory.EmbeddedServer;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A PostgreSQL restart: 503 problems while it is down, success on the very first requests after. */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void answers503DuringAnOutageAndRecoversWithoutErrorsAfterARestart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(EmbeddedServer.isRunning(),
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
}
