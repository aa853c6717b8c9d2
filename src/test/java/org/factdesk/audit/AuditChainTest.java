package org.factdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuditChainTest {

    @Inject
    AgroalDataSource dataSource;

    Actor checker;
    Actor editor;
    Actor auditor;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        checker = TestApi.user(Role.FACT_CHECKER);
        editor = TestApi.user(Role.EDITOR);
        auditor = TestApi.user(Role.AUDITOR);
    }

    long claimWithHistory() {
        long id = TestApi.researchingClaim(checker, "Ecuador's foreign minister tweeted about revoking Assange's asylum.");
        editor.spec().header("If-Match", TestApi.etag(editor, id)).body(Map.of("claimant", "Foreign minister"))
                .patch("/api/v1/claims/" + id).then().statusCode(200);
        return id;
    }

    @Test
    void chainVerifiesAndAnOutsiderCanRecomputeEveryHash() throws Exception {
        long id = claimWithHistory();
        JsonPath history = auditor.spec().get("/api/v1/claims/" + id + "/history").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> events = history.getList("items");
        assertThat(events).hasSize(4);
        String prev = "0".repeat(64);
        ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        for (Map<String, Object> e : events) {
            Map<String, Object> doc = new TreeMap<>();
            doc.put("actor", e.get("actor"));
            doc.put("claimId", e.get("claimId"));
            doc.put("data", e.get("data"));
            String occurredAt = (String) e.get("occurredAt");
            doc.put("occurredAt", micros(occurredAt));
            doc.put("seq", e.get("seq"));
            doc.put("type", e.get("type"));
            String text = canonical.writeValueAsString(doc);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((prev + text).getBytes(StandardCharsets.UTF_8)));
            assertThat(e.get("prevHash")).isEqualTo(prev);
            assertThat(e.get("hash")).isEqualTo(hash);
            prev = hash;
        }
        auditor.spec().get("/api/v1/claims/" + id + "/history/verify").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true))
                .body("events", org.hamcrest.Matchers.equalTo(4));
    }

    /** The API prints ISO instants without trailing zeros; the canonical form always has six fraction digits. */
    private static String micros(String iso) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(iso));
    }

    @Test
    void verifyNamesTheFirstTamperedEvent() throws Exception {
        long id = claimWithHistory();
        List<Integer> seqs = auditor.spec().get("/api/v1/claims/" + id + "/history").then().extract().jsonPath()
                .getList("items.seq", Integer.class);
        long tampered = seqs.get(2);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            try {
                s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = " + tampered);
            } finally {
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
            }
        }
        auditor.spec().get("/api/v1/claims/" + id + "/history/verify").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(false))
                .body("firstBrokenSeq", org.hamcrest.Matchers.equalTo((int) tampered));
    }

    @Test
    void databaseRefusesUpdateAndDeleteOfEvents() throws Exception {
        claimWithHistory();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET actor = 'x'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_event CASCADE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void userAndKeyChangesChainInTheSystemStream() {
        Actor admin = TestApi.admin();
        Actor created = TestApi.newUser(Role.CONTRIBUTOR);
        long keyId = admin.spec().body(Map.of("name", "chain-test", "role", "AUDITOR")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin.spec().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        String after = "0";
        while (true) {
            JsonPath page = auditor.spec().queryParam("after", after).queryParam("limit", 500).get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                break;
            }
            events.addAll(items);
            after = page.getString("nextCursor");
        }
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("USER_CREATED");
            assertThat(e.get("claimId")).isNull();
            assertThat(((Map<?, ?>) e.get("data")).get("username")).isEqualTo(created.name());
        });
        assertThat(events).extracting(e -> e.get("type")).contains("API_KEY_CREATED", "API_KEY_REVOKED");
        auditor.spec().get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void auditFeedIsForAuditorsAndAdminsOnly() {
        editor.spec().get("/api/v1/audit").then().statusCode(403);
        auditor.spec().queryParam("after", "x").get("/api/v1/audit").then().statusCode(400);
    }
}
