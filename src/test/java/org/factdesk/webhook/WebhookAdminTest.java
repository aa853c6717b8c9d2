package org.factdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class WebhookAdminTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    static JsonPath created(String url, List<String> events) {
        return TestApi.admin().spec().body(Map.of("url", url, "events", events, "enabled", false))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    static void refused(Map<String, Object> body, String field, String why) {
        TestApi.admin().spec().body(body).post("/api/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem(field))
                .body("errors.message", hasItem(containsString(why)));
    }

    @Test
    void refusesPrivateLinkLocalAndMetadataTargetsAtCreation() {
        for (String url : List.of("http://10.0.0.1/hook", "https://192.168.10.2/hook", "http://169.254.169.254/latest",
                "http://[fd00:ec2::254]/", "http://[::ffff:172.16.0.1]/", "http://100.100.100.200/")) {
            refused(Map.of("url", url, "events", List.of("*")), "url", "address");
        }
        refused(Map.of("url", "ftp://127.0.0.1/", "events", List.of("*")), "url", "http");
    }

    @Test
    void refusesUnknownEventTypes() {
        refused(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("claim.submitted", "claim.exploded")),
                "events[1]", "is not an event type");
        refused(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("nothing.*")), "events[0]",
                "is not an event type");
        TestApi.admin().spec().body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422);
    }

    @Test
    void letsOnlyAdministratorsManageWebhooks() {
        for (Role role : List.of(Role.CONTRIBUTOR, Role.FACT_CHECKER, Role.EDITOR)) {
            TestApi.user(role).spec().body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("*")))
                    .post("/api/v1/webhooks").then().statusCode(403);
            TestApi.user(role).spec().get("/api/v1/webhooks").then().statusCode(403);
        }
    }

    @Test
    void changesAnEndpointOnlyWithTheCurrentEtagAndAuditsEveryChange() throws Exception {
        JsonPath made = created("http://127.0.0.1:9/audited", List.of("ruling.*"));
        long id = made.getLong("webhook.id");
        String path = "/api/v1/webhooks/" + id;
        TestApi.admin().spec().body(Map.of("description", "CMS")).patch(path).then().statusCode(428);
        String etag = TestApi.admin().spec().get(path).then().statusCode(200).extract().header("ETag");
        TestApi.admin().spec().header("If-Match", etag).body(Map.of("description", "CMS", "events",
                List.of("ruling.published", "ruling.returned"))).patch(path).then().statusCode(200)
                .body("description", equalTo("CMS")).body("events", equalTo(List.of("ruling.published",
                        "ruling.returned")));
        TestApi.admin().spec().header("If-Match", etag).body(Map.of("description", "lost update")).patch(path)
                .then().statusCode(412);
        TestApi.admin().spec().header("If-Match", etag).delete(path).then().statusCode(412);
        String now = TestApi.admin().spec().get(path).then().extract().header("ETag");
        TestApi.admin().spec().header("If-Match", now).delete(path).then().statusCode(204);
        TestApi.admin().spec().get(path).then().statusCode(404);

        List<String> types = new java.util.ArrayList<>();
        StringBuilder data = new StringBuilder();
        try (var c = dataSource.getConnection(); var q = c.prepareStatement("SELECT type, actor, data::text FROM "
                + "audit_event WHERE claim_id IS NULL AND (data->>'endpointId')::bigint = ? ORDER BY seq")) {
            q.setLong(1, id);
            try (var r = q.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                    assertThat(r.getString(2)).isEqualTo("admin");
                    data.append(r.getString(3));
                }
            }
        }
        assertThat(types).containsExactly("WEBHOOK_CREATED", "WEBHOOK_UPDATED", "WEBHOOK_DELETED");
        assertThat(data.toString()).doesNotContain(made.getString("secret"));
    }

    @Test
    void listsTheEventTypesToSubscribeTo() {
        TestApi.admin().spec().get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("items", hasItem("ruling.published")).body("items", hasItem("claim.submitted"))
                .body("items", hasItem("webhook.created"));
    }

    @Test
    void answersBadDeliveryQueriesWithProblems() {
        long id = created("http://127.0.0.1:9/queries", List.of("*")).getLong("webhook.id");
        TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries?status=LOST").then().statusCode(400);
        TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries?cursor=%00").then().statusCode(400);
        TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries?limit=99999999999").then().statusCode(422);
        TestApi.admin().spec().get("/api/v1/webhooks/" + id + "/deliveries?limit=ten").then().statusCode(400);
        TestApi.admin().spec().get("/api/v1/webhooks/987654321/deliveries").then().statusCode(404);
        TestApi.admin().spec().body(Map.of("fromSeq", -1)).post("/api/v1/webhooks/" + id + "/replay").then()
                .statusCode(422);
    }
}
