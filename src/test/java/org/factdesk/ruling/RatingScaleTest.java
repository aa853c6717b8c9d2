package org.factdesk.ruling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.approve;
import static org.factdesk.ruling.RulingKit.draft;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.researchingClaim;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RatingScaleTest {

    @Test
    void theDefaultScaleHasSixOrdinalVerdictsAndTwoWithoutANumber() {
        JsonPath v1 = TestApi.user(Role.FACT_CHECKER).spec().get("/api/v1/rating-scale/versions/1").then()
                .statusCode(200).header("ETag", "\"1\"").extract().jsonPath();
        assertThat(v1.getList("verdicts.label", String.class)).containsExactly("True", "Mostly true", "Half true",
                "Mostly false", "False", "Pants on fire", "Unproven", "Satire");
        assertThat(v1.getList("verdicts.value")).containsExactly(6, 5, 4, 3, 2, 1, null, null);
        assertThat(v1.getList("verdicts.key", String.class)).contains("true", "pants_on_fire", "unproven", "satire");
        assertThat(v1.getInt("bestRating")).isEqualTo(6);
        assertThat(v1.getInt("worstRating")).isEqualTo(1);
        assertThat(v1.getList("verdicts.retired", Boolean.class)).containsOnly(false);
    }

    @Test
    void aRetiredOrRenamedLabelStillShowsOnOldRulingsForever() {
        Actor admin = TestApi.admin();
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.newUser(Role.EDITOR);

        // a new version adds "misleading"; a ruling is published with it
        JsonPath current = admin.spec().get("/api/v1/rating-scale").then().statusCode(200).extract().jsonPath();
        int base = current.getInt("version");
        List<Map<String, Object>> verdicts = verdicts(current);
        verdicts.add(verdict("misleading", "Misleading", null, false));
        JsonPath added = put(admin, base, verdicts).then().statusCode(200).header("ETag", "\"" + (base + 1) + "\"")
                .extract().jsonPath();
        assertThat(added.getInt("version")).isEqualTo(base + 1);

        long claimId = researchingClaim(checker, checker, "A video clip was cut to change what the minister said.");
        long link = addLink(checker, claimId, "https://video.example.org/full-clip", null);
        long rulingId = draftOk(checker, claimId, draftBody("misleading", List.of(link)));
        approve(editor, rulingId).then().statusCode(200).body("verdictLabel", equalTo("Misleading"))
                .body("scaleVersion", equalTo(base + 1));
        String before = given().get("/api/public/claim-reviews/" + rulingId).then().extract().asString();

        // the next version renames it, the one after retires it
        List<Map<String, Object>> renamed = verdicts(added);
        renamed.stream().filter(v -> v.get("key").equals("misleading")).forEach(v -> v.put("label", "Missing context"));
        JsonPath v3 = put(admin, base + 1, renamed).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> retired = verdicts(v3);
        retired.stream().filter(v -> v.get("key").equals("misleading")).forEach(v -> v.put("retired", true));
        put(admin, base + 2, retired).then().statusCode(200).body("version", equalTo(base + 3));

        // the published ruling keeps the version and the label it was published with
        editor.spec().get("/api/v1/rulings/" + rulingId).then().body("verdictLabel", equalTo("Misleading"))
                .body("scaleVersion", equalTo(base + 1));
        String after = given().get("/api/public/claim-reviews/" + rulingId).then().statusCode(200).extract().asString();
        assertThat(after).isEqualTo(before).contains("\"alternateName\":\"Misleading\"");
        // new rulings cannot choose a retired verdict
        long other = researchingClaim(checker, checker, "Another clip that was cut to mislead viewers.");
        long otherLink = addLink(checker, other, "https://video.example.org/other-clip", null);
        draft(checker, other, draftBody("misleading", List.of(otherLink))).then().statusCode(422)
                .body("errors[0].field", equalTo("verdict")).body("errors[0].message", containsString("retired"));
        // every version stays listed, newest first
        JsonPath versions = admin.spec().get("/api/v1/rating-scale/versions").then().statusCode(200).extract().jsonPath();
        assertThat(versions.getList("items.version", Integer.class)).startsWith(base + 3, base + 2, base + 1).endsWith(1);
        // each change is an event on the system chain
        List<Map<String, Object>> events = new ArrayList<>();
        Object cursor = 0;
        while (true) {
            JsonPath page = admin.spec().get("/api/v1/audit?limit=1000&after=" + cursor).then().statusCode(200)
                    .extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                break;
            }
            events.addAll(page.getList("items.findAll { it.type == 'RATING_SCALE_CHANGED' }"));
            cursor = page.get("nextCursor");
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events).allSatisfy(e -> assertThat(e.get("claimId")).isNull());
        admin.spec().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void replacingTheScaleNeedsIfMatchAndKeepsEveryKey() {
        Actor admin = TestApi.admin();
        JsonPath current = admin.spec().get("/api/v1/rating-scale").then().statusCode(200).extract().jsonPath();
        int version = current.getInt("version");
        List<Map<String, Object>> verdicts = verdicts(current);
        admin.spec().body(Map.of("verdicts", verdicts)).put("/api/v1/rating-scale").then().statusCode(428);
        put(admin, version + 7, verdicts).then().statusCode(412);

        List<Map<String, Object>> missing = new ArrayList<>(verdicts);
        missing.removeIf(v -> v.get("key").equals("satire"));
        put(admin, version, missing).then().statusCode(422).body("errors[0].message", containsString("retire it instead"));

        List<Map<String, Object>> renumbered = verdicts(current);
        renumbered.get(0).put("value", 9);
        put(admin, version, renumbered).then().statusCode(422).body("errors[0].field", equalTo("verdicts[0].value"));

        List<Map<String, Object>> badKey = verdicts(current);
        badKey.add(verdict("Not A Key", "Whatever", null, false));
        put(admin, version, badKey).then().statusCode(422);

        // nothing changed: no new version
        put(admin, version, verdicts(current)).then().statusCode(200).body("version", equalTo(version));
    }

    private static io.restassured.response.Response put(Actor admin, int ifMatch, List<Map<String, Object>> verdicts) {
        return admin.spec().header("If-Match", "\"" + ifMatch + "\"").body(Map.of("verdicts", verdicts))
                .put("/api/v1/rating-scale");
    }

    private static List<Map<String, Object>> verdicts(JsonPath scale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> v : scale.<Map<String, Object>>getList("verdicts")) {
            out.add(verdict((String) v.get("key"), (String) v.get("label"), (Integer) v.get("value"),
                    (Boolean) v.get("retired")));
            out.get(out.size() - 1).put("description", v.get("description"));
        }
        return out;
    }

    private static Map<String, Object> verdict(String key, String label, Integer value, boolean retired) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", key);
        v.put("label", label);
        v.put("value", value);
        v.put("retired", retired);
        return v;
    }
}
