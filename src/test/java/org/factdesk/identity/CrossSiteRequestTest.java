package org.factdesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** Cookie-authenticated writes from other origins are refused by Origin, or by Referer when Origin is absent. */
@QuarkusTest
class CrossSiteRequestTest {

    Actor user;
    String self;

    @BeforeEach
    void signIn() {
        user = TestApi.newUser(Role.FACT_CHECKER);
        self = "http://localhost:" + RestAssured.port;
    }

    private static void refused(ValidatableResponse r) {
        r.statusCode(403).contentType("application/problem+json").body("type", endsWith("/foreign-origin"))
                .body("status", equalTo(403));
    }

    private ValidatableResponse submit(Actor actor, String header, String value) {
        var spec = actor.spec();
        if (header != null) {
            spec = spec.header(header, value);
        }
        return spec.body(Map.of("statement", "A claim submitted in the cross-site test.")).post("/api/v1/claims")
                .then();
    }

    @Test
    void originNullIsRefusedOnSignInAndOnCookieWrites() {
        refused(given().header("Origin", "null").formParam("username", "admin").formParam("password", "x")
                .post("/api/v1/auth/login").then());
        refused(submit(user, "Origin", "null"));
    }

    @Test
    void malformedOriginsAreRefused() {
        for (String origin : new String[] { "http://[::1", "ht tp://x", "localhost:8081", "file:///etc/passwd",
                self + "/path", "http://user@localhost:" + RestAssured.port, "%" }) {
            refused(given().header("Origin", origin).formParam("username", "admin").formParam("password", "x")
                    .post("/api/v1/auth/login").then());
            refused(submit(user, "Origin", origin));
        }
    }

    @Test
    void aForeignRefererWithoutOriginIsRefused() {
        refused(submit(user, "Referer", "https://evil.example/forged.html"));
        refused(submit(user, "Referer", "http://localhost:1/page"));
        refused(submit(user, "Referer", "not a url"));
        refused(given().header("Referer", "https://evil.example/").formParam("username", "admin")
                .formParam("password", TestApi.ADMIN_PASSWORD).post("/api/v1/auth/login").then());
    }

    @Test
    void aSameOriginRefererOrNeitherHeaderIsAllowed() {
        submit(user, "Referer", self + "/claims/new?draft=1").statusCode(201);
        submit(user, null, null).statusCode(201);
        submit(user, "Origin", self).statusCode(201);
        submit(user, "Origin", self.toUpperCase(java.util.Locale.ROOT).replace("HTTP", "http")).statusCode(201);
    }

    @Test
    void bearerRequestsStayExempt() {
        Actor key = TestApi.apiKey(Role.FACT_CHECKER);
        submit(key, "Origin", "null").statusCode(201);
        submit(key, "Referer", "https://evil.example/").statusCode(201);
    }
}
