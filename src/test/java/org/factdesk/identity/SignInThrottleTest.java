package org.factdesk.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.http.conn.params.ConnRoutePNames;
import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/**
 * Sign-in throttling by account and by client address. Each test signs in from its own loopback addresses
 * (127.0.0.0/8 is all ours), bound as the local end of the test's connections.
 */
@QuarkusTest
class SignInThrottleTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry registry;

    /** A loopback address no other test uses. */
    private static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(10, 250) + "." + r.nextInt(1, 250) + "." + r.nextInt(1, 250);
    }

    private static Response login(String from, String username, String password) {
        try {
            HttpClientConfig bound = HttpClientConfig.httpClientConfig()
                    .setParam(ConnRoutePNames.LOCAL_ADDRESS, InetAddress.getByName(from));
            return given().config(RestAssured.config().httpClient(bound)).formParam("username", username)
                    .formParam("password", password).post("/api/v1/auth/login");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aUserLockedOutFromOneAddressStillSignsInFromAnother() {
        Actor user = TestApi.newUser(Role.EDITOR);
        String attacker = freshAddress();
        for (int i = 0; i < 5; i++) {
            login(attacker, user.name(), "wrong-" + i).then().statusCode(401);
        }
        Response locked = login(attacker, user.name(), TestApi.PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 301);

        Response elsewhere = login(freshAddress(), user.name(), TestApi.PASSWORD);
        assertThat(elsewhere.statusCode()).as(elsewhere.asString()).isEqualTo(200);
        assertThat(locked.jsonPath().getString("detail")).contains("from your address");
        // and the administrator cannot be locked out by a stranger either
        String stranger = freshAddress();
        for (int i = 0; i < 6; i++) {
            login(stranger, "admin", "guess-" + i);
        }
        login(stranger, "admin", TestApi.ADMIN_PASSWORD).then().statusCode(429);
        login(freshAddress(), "admin", TestApi.ADMIN_PASSWORD).then().statusCode(200);
    }

    @Test
    void sprayingFromOneAddressIsThrottledBeforeAnyPasswordCheck() {
        String sprayer = freshAddress();
        int budget = 30; // factdesk.auth.address-max-failures
        double checksBefore = passwordChecks();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < budget + 15; i++) {
            statuses.add(login(sprayer, "nobody-" + System.nanoTime() + "-" + i, "Summer2026!").statusCode());
        }
        assertThat(statuses.subList(0, budget)).containsOnly(401);
        assertThat(statuses.subList(budget, statuses.size())).containsOnly(429);
        // the 15 throttled attempts never reached bcrypt
        assertThat(passwordChecks() - checksBefore).isEqualTo(budget);

        // a real user at that address is throttled too (it is the address that is spent), without a hash
        Actor user = TestApi.newUser(Role.FACT_CHECKER);
        double before = passwordChecks();
        for (int i = 0; i < 10; i++) {
            login(sprayer, user.name(), TestApi.PASSWORD).then().statusCode(429).header("Retry-After",
                    org.hamcrest.Matchers.notNullValue());
        }
        assertThat(passwordChecks()).isEqualTo(before);
        login(freshAddress(), user.name(), TestApi.PASSWORD).then().statusCode(200);
    }

    @Test
    void aLockedPairAnswers429WithoutAPasswordCheck() {
        Actor user = TestApi.newUser(Role.CONTRIBUTOR);
        String from = freshAddress();
        for (int i = 0; i < 5; i++) {
            login(from, user.name(), "wrong-" + i).then().statusCode(401);
        }
        double before = passwordChecks();
        for (int i = 0; i < 20; i++) {
            login(from, user.name(), i % 2 == 0 ? TestApi.PASSWORD : "wrong").then().statusCode(429);
        }
        assertThat(passwordChecks()).isEqualTo(before);
    }

    @Test
    void anAccountGuessedFromManyAddressesStillAdmitsItsUsualAddress() {
        Actor user = TestApi.newUser(Role.EDITOR);
        String office = freshAddress();
        login(office, user.name(), TestApi.PASSWORD).then().statusCode(200);
        for (int i = 0; i < 20; i++) { // factdesk.auth.account-max-failures, one guess from each of 20 addresses
            login(freshAddress(), user.name(), "guess-" + i).then().statusCode(401);
        }
        Response unknown = login(freshAddress(), user.name(), TestApi.PASSWORD);
        unknown.then().statusCode(429);
        assertThat(unknown.jsonPath().getString("detail")).contains("a place you used before");
        login(office, user.name(), TestApi.PASSWORD).then().statusCode(200);
    }

    @Test
    void inventedUsernamesAddBoundedRows() throws SQLException {
        String from = freshAddress();
        long before = throttleRows();
        for (int i = 0; i < 100; i++) {
            login(from, "invented-" + System.nanoTime() + "-" + i, "x");
        }
        // an address gets 30 failures per window: one address row, and a pair and an account row per attempt
        assertThat(throttleRows() - before).isLessThanOrEqualTo(1 + 2 * 30);
    }

    @Test
    void expiredRowsArePrunedByLaterAttempts() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO sign_in_throttle (scope, subject, failures, window_start, blocked_until, expires_at)
                    SELECT 'P', '10.9.9.9 old-' || g, 3, now() - interval '2 hours', NULL, now() - interval '1 hour'
                    FROM generate_series(1, 150) g""");
            s.executeUpdate("""
                    INSERT INTO sign_in_known_address (username, address, last_signed_in)
                    SELECT 'old-' || g, '10.9.9.9', now() - interval '400 days' FROM generate_series(1, 50) g""");
        }
        assertThat(count("SELECT count(*) FROM sign_in_throttle WHERE subject LIKE '10.9.9.9 old-%'")).isEqualTo(150);
        login(freshAddress(), "someone-" + System.nanoTime(), "wrong").then().statusCode(401);
        assertThat(count("SELECT count(*) FROM sign_in_throttle WHERE subject LIKE '10.9.9.9 old-%'")).isZero();
        assertThat(count("SELECT count(*) FROM sign_in_known_address WHERE address = '10.9.9.9'")).isZero();
        assertThat(count("SELECT count(*) FROM sign_in_throttle WHERE expires_at < now() - interval '1 minute'"))
                .isZero();
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertThat(SignInThrottle.addressSubject("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SignInThrottle.addressSubject("2001:db8:1:2:ffff:1:2:3")).isEqualTo("2001:db8:1:2::/64");
        assertThat(SignInThrottle.addressSubject("[2001:db8:1:3::1%eth0]")).isEqualTo("2001:db8:1:3::/64");
        assertThat(SignInThrottle.addressSubject("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(SignInThrottle.addressSubject("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(SignInThrottle.addressSubject(null)).isEqualTo("unknown");
        assertThat(SignInThrottle.addressSubject("some.host.example")).isEqualTo("some.host.example");
    }

    private double passwordChecks() {
        Counter c = registry.find("factdesk.sign_in.password_checks").counter();
        assertThat(c).as("the password-check counter").isNotNull();
        return c.count();
    }

    /** Rows of every sign-in throttling table, whatever the schema calls them. */
    private long throttleRows() throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("""
                        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
                        AND (table_name LIKE 'login%' OR table_name LIKE 'sign_in%')""")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String name : names) {
                total += count("SELECT count(*) FROM " + name);
            }
        }
        return total;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
