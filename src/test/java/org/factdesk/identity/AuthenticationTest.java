package org.factdesk.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AuthenticationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void signInSetsAnHttpOnlySameSiteCookieAndMeShowsTheUser() {
        Actor user = TestApi.newUser(Role.FACT_CHECKER, Role.EDITOR);
        var response = given().formParam("username", user.name()).formParam("password", TestApi.PASSWORD)
                .post("/api/v1/auth/login").then().statusCode(200)
                .body("username", equalTo(user.name())).extract();
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).contains("factdesk_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/");
        user.spec().get("/api/v1/auth/me").then().statusCode(200).body("username", equalTo(user.name()))
                .body("roles", equalTo(List.of("EDITOR", "FACT_CHECKER")));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Actor user = TestApi.newUser(Role.CONTRIBUTOR);
        var wrong = given().formParam("username", user.name()).formParam("password", "nope-nope-nope")
                .post("/api/v1/auth/login").then().statusCode(401).contentType("application/problem+json")
                .extract().jsonPath();
        var unknown = given().formParam("username", "nobody-" + System.nanoTime()).formParam("password", "x")
                .post("/api/v1/auth/login").then().statusCode(401).extract().jsonPath();
        assertThat(wrong.getString("detail")).isEqualTo(unknown.getString("detail"));
        assertThat(wrong.getString("title")).isEqualTo(unknown.getString("title"));
    }

    @Test
    void repeatedFailuresLockTheAccountWithRetryAfter() {
        Actor user = TestApi.newUser(Role.CONTRIBUTOR);
        for (int i = 0; i < 5; i++) {
            given().formParam("username", user.name()).formParam("password", "wrong-" + i)
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        var locked = given().formParam("username", user.name()).formParam("password", TestApi.PASSWORD)
                .post("/api/v1/auth/login").then().statusCode(429).contentType("application/problem+json")
                .extract();
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 301);
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        Actor user = TestApi.newUser(Role.CONTRIBUTOR);
        user.spec().get("/api/v1/auth/me").then().statusCode(200);
        user.spec().post("/api/v1/auth/logout").then().statusCode(204);
        user.spec().get("/api/v1/auth/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void deactivatedUsersLoseTheirSessions() {
        Actor user = TestApi.newUser(Role.FACT_CHECKER);
        TestApi.admin().spec().post("/api/v1/users/" + user.name() + "/deactivation").then().statusCode(200)
                .body("active", equalTo(false));
        user.spec().get("/api/v1/auth/me").then().statusCode(401);
        given().formParam("username", user.name()).formParam("password", TestApi.PASSWORD)
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void apiKeysAuthenticateRecordLastUseStoreOnlyAHashAndCanBeRevoked() throws Exception {
        var issued = TestApi.admin().spec().body(Map.of("name", "cms", "role", "CONTRIBUTOR"))
                .post("/api/v1/api-keys").then().statusCode(201).body("token", notNullValue()).extract()
                .jsonPath();
        long id = issued.getLong("id");
        String token = issued.getString("token");
        assertThat(token.length()).isGreaterThanOrEqualTo(43);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("statement", "Integrations submit claims with their API key."))
                .post("/api/v1/claims").then().statusCode(201).body("submittedBy", equalTo("apikey:" + id));
        var listed = TestApi.admin().spec().get("/api/v1/api-keys").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("items.find { it.id == " + id + " }.lastUsedAt")).isNotNull();
        assertThat(listed.getString("items.find { it.id == " + id + " }.token")).isNull();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM api_key WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBytes(1)).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        TestApi.admin().spec().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/v1/claims").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void unknownBearerTokenIs401() {
        given().header("Authorization", "Bearer fdk_not-a-real-token").get("/api/v1/claims").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/claims").then().statusCode(401);
    }

    @Test
    void cookieWritesFromAForeignOriginAreRefused() {
        Actor user = TestApi.newUser(Role.CONTRIBUTOR);
        user.spec().header("Origin", "https://evil.example").body(Map.of("statement", "A cross-site forged claim here."))
                .post("/api/v1/claims").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("evil.example"));
        var sameOrigin = user.spec().header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .body(Map.of("statement", "A same-origin claim from the web client."))
                .post("/api/v1/claims").then().extract().statusCode();
        assertThat(sameOrigin).isEqualTo(201);
        Actor key = TestApi.apiKey(Role.CONTRIBUTOR);
        key.spec().header("Origin", "https://evil.example").body(Map.of("statement", "Bearer requests need no origin check."))
                .post("/api/v1/claims").then().statusCode(201);
        given().header("Origin", "https://evil.example").formParam("username", "admin")
                .formParam("password", TestApi.ADMIN_PASSWORD).post("/api/v1/auth/login").then().statusCode(403);
    }

    @Test
    void adminCreatesAndListsUsersWithValidation() {
        Actor admin = TestApi.admin();
        admin.spec().body(Map.of("username", "Bad Name", "displayName", "", "password", "short", "roles", List.of()))
                .post("/api/v1/users").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("username", "displayName", "password", "roles"));
        Actor someone = TestApi.newUser(Role.AUDITOR);
        admin.spec().body(Map.of("username", someone.name(), "displayName", "Dup", "password", "another-long-password",
                "roles", List.of("AUDITOR"))).post("/api/v1/users").then().statusCode(409);
        admin.spec().get("/api/v1/users").then().statusCode(200)
                .body("items.find { it.username == '" + someone.name() + "' }.roles", equalTo(List.of("AUDITOR")))
                .body("items.find { it.username == '" + someone.name() + "' }.passwordHash", nullValue());
    }
}
