package org.factdesk;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.factdesk.identity.Role;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Signs tests in as real users and API keys over HTTP, against the running test instance. */
public final class TestApi {

    public static final String ADMIN_PASSWORD = "test-admin-password-123";
    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<String, Actor> SHARED = new ConcurrentHashMap<>();
    private static volatile Actor admin;

    private TestApi() {
    }

    /** A signed-in caller: a user with a session cookie, or an API key. */
    public record Actor(String name, String cookie, String token) {
        public RequestSpecification spec() {
            RequestSpecification spec = given().contentType(ContentType.JSON);
            return cookie != null ? spec.cookie("factdesk_session", cookie)
                    : spec.header("Authorization", "Bearer " + token);
        }
    }

    /** The bootstrap administrator (created from factdesk.admin.password in the test profile). */
    public static Actor admin() {
        if (admin == null) {
            admin = login("admin", ADMIN_PASSWORD);
        }
        return admin;
    }

    /** A user with these roles shared across tests (created on first use). */
    public static Actor user(Role... roles) {
        String key = Arrays.toString(roles);
        return SHARED.computeIfAbsent(key, k -> newUser(roles));
    }

    /** A brand-new user with these roles. */
    public static Actor newUser(Role... roles) {
        String username = "u" + System.nanoTime() % 1_000_000_000L + "-" + COUNTER.incrementAndGet();
        admin().spec().body(Map.of("username", username, "displayName", "Test " + username, "password", PASSWORD,
                "roles", List.of(roles).stream().map(Enum::name).toList()))
                .post("/api/v1/users").then().statusCode(201);
        return login(username, PASSWORD);
    }

    /** A new API key with this role. */
    public static Actor apiKey(Role role) {
        var response = admin().spec().body(Map.of("name", "test-" + COUNTER.incrementAndGet(), "role", role.name()))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        return new Actor("apikey:" + response.path("id"), null, response.path("token"));
    }

    public static Actor login(String username, String password) {
        String cookie = given().formParam("username", username).formParam("password", password)
                .post("/api/v1/auth/login").then().statusCode(200).extract().cookie("factdesk_session");
        return new Actor(username, cookie, null);
    }

    /** Submits a claim and returns its id. */
    public static long submitClaim(Actor actor, String statement) {
        return actor.spec().body(Map.of("statement", statement)).post("/api/v1/claims").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The current ETag of a claim. */
    public static String etag(Actor actor, long claimId) {
        return actor.spec().get("/api/v1/claims/" + claimId).then().statusCode(200).extract().header("ETag");
    }

    /** Submits a claim and has a fresh fact-checker take it into RESEARCHING; returns the id. */
    public static long researchingClaim(Actor checker, String statement) {
        return startResearch(checker, submitClaim(checker, statement));
    }

    /** Moves a submitted claim to RESEARCHING as this checker; returns its id. */
    public static long startResearch(Actor checker, long id) {
        checker.spec().header("If-Match", etag(checker, id)).body(Map.of("to", "RESEARCHING"))
                .post("/api/v1/claims/" + id + "/transitions").then().statusCode(200);
        return id;
    }
}
