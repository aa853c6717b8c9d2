package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.factdesk.AsciiJson;
import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Property: for arbitrary Unicode text sent through create claim, PATCH claim, post comment and add link evidence,
 * either the answer is a 4xx problem and nothing changed, or what the 2xx echoed is what every later read returns,
 * char for char. Besides, which of the two happens must be what {@link Text} predicts for the text.
 *
 * <p>jqwik's engine cannot drive a {@code @QuarkusTest}, so its arbitraries are used programmatically (in a
 * {@link JqwikSession}): a generator fed by a {@link Random} with a fixed seed gives the same {@value #TRIES} strings on every run (change
 * {@link #SEED} to explore others). Bodies are serialised by {@link AsciiJson}, so lone surrogates reach the server
 * as {@code \}{@code uD800} escapes.
 */
@QuarkusTest
class ExactTextPropertyTest {

    static final long SEED = 0x9_2026_1203L;
    static final int TRIES = 80;
    static final String JSON = "application/json; charset=UTF-8";

    /** Text from every corner of UTF-16: any code unit (lone surrogates and controls too), astral planes, marks. */
    static Arbitrary<String> unicodeText() {
        Arbitrary<String> anyCodeUnits = Arbitraries.strings().all().ofMaxLength(12);
        Arbitrary<String> astral = Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString);
        Arbitrary<String> combining = Arbitraries.chars().range('\u0300', '\u036F').map(String::valueOf);
        Arbitrary<String> rightToLeft = Arbitraries.strings().withCharRange('\u0590', '\u06FF').ofMaxLength(8);
        Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(10);
        Arbitrary<String> notable = Arbitraries.of(
                "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // family: ZWJ sequence
                "\uD83C\uDDEA\uD83C\uDDE8", "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "\u0061\u0301\u0323",
                "\u202Eevil\u202C", "\u200F", "\u2067\u05D0\u2069", "\uFEFF", "\u00A0", "\u2028", "\uFDFA",
                "\uD835\uDD4F", "\t", "\r\n", "\u007F", "\u0085", "\uFFFD",
                "\u0000", "\uD800", "\uDFFF", "\uDBFF\uDBFF", "\u0007", "\u001B[0m", "\u000B", "\uFFFE", "\uFFFF");
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(2, anyCodeUnits), Tuple.of(2, astral),
                Tuple.of(1, combining), Tuple.of(2, rightToLeft), Tuple.of(3, notable))
                .list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    }

    /** The same strings on every run: a jqwik session outside its engine, fed by a seeded Random. */
    static List<String> samples() {
        List<String> out = new ArrayList<>();
        JqwikSession.start();
        try {
            RandomGenerator<String> generator = unicodeText().generator(TRIES);
            Random random = new Random(SEED);
            for (int i = 0; i < TRIES; i++) {
                out.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        return out;
    }

    Actor checker;
    int accepted;
    int refused;
    final List<String> unpredicted = new ArrayList<>();

    @Test
    void whatA2xxEchoesIsWhatEveryLaterReadReturns() {
        checker = TestApi.user(Role.FACT_CHECKER);
        long base = TestApi.researchingClaim(checker, "Base claim for the exact-text property test.");
        String etag = TestApi.etag(checker, base);
        List<String> samples = samples();
        for (int i = 0; i < samples.size(); i++) {
            String s = samples.get(i);
            String label = "try " + i + " (seed " + SEED + "), text " + AsciiJson.of(s);
            boolean allowed = Text.acceptable(s);
            createClaim(s, allowed, label);
            etag = patchClaim(base, etag, s, allowed, label);
            postComment(base, s, allowed, label);
            addLink(base, i, s, allowed, label);
        }
        assertThat(unpredicted).as("outcomes other than the text rule predicts").isEmpty();
        // neither outcome may be vacuous: both kinds of text were generated and went through
        assertThat(accepted).as("accepted writes").isGreaterThan(TRIES);
        assertThat(refused).as("refused writes").isGreaterThan(TRIES / 2);
    }

    private void createClaim(String s, boolean allowed, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statement", "Claim under test: " + s);
        body.put("claimant", s);
        Response r = write("POST", "/api/v1/claims", null, body);
        if (!outcome(r, allowed, label + " POST /claims")) {
            return;
        }
        JsonNode echo = AsciiJson.parse(r.asString());
        assertThat(echo.get("statement").asText()).as(label).isEqualTo(("Claim under test: " + s).strip());
        JsonNode read = read("/api/v1/claims/" + echo.get("id").asLong());
        assertSame(echo, read, "statement", label + " GET claim after POST");
        assertSame(echo, read, "claimant", label + " GET claim after POST");
    }

    private String patchClaim(long id, String etag, String s, boolean allowed, String label) {
        JsonNode before = read("/api/v1/claims/" + id);
        Response r = write("PATCH", "/api/v1/claims/" + id, etag, Map.of("statement", "Edited under test: " + s));
        if (!outcome(r, allowed, label + " PATCH /claims/" + id)) {
            JsonNode after = read("/api/v1/claims/" + id);
            assertSame(before, after, "statement", label + " refused PATCH changed nothing");
            return etag;
        }
        JsonNode echo = AsciiJson.parse(r.asString());
        assertSame(echo, read("/api/v1/claims/" + id), "statement", label + " GET claim after PATCH");
        return r.header("ETag");
    }

    private void postComment(long claimId, String s, boolean allowed, String label) {
        Response r = write("POST", "/api/v1/claims/" + claimId + "/comments", null, Map.of("body", "Comment: " + s));
        if (!outcome(r, allowed, label + " POST comment")) {
            return;
        }
        JsonNode echo = AsciiJson.parse(r.asString());
        JsonNode stored = null;
        for (JsonNode c : read("/api/v1/claims/" + claimId + "/comments").get("items")) {
            if (c.get("id").asLong() == echo.get("id").asLong()) {
                stored = c;
            }
        }
        assertThat(stored).as(label + " comment listed").isNotNull();
        assertSame(echo, stored, "body", label + " GET comments");
    }

    private void addLink(long claimId, int i, String s, boolean allowed, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", "https://example.org/exact-text/" + SEED + "/" + i + "/" + System.nanoTime());
        body.put("title", "Title " + s);
        body.put("stance", "CONTEXT");
        body.put("note", s);
        Response r = write("POST", "/api/v1/claims/" + claimId + "/evidence", null, body);
        if (!outcome(r, allowed, label + " POST link evidence")) {
            return;
        }
        JsonNode echo = AsciiJson.parse(r.asString());
        JsonNode single = read("/api/v1/evidence/" + echo.get("id").asLong());
        assertSame(echo, single, "title", label + " GET evidence");
        assertSame(echo, single, "note", label + " GET evidence");
        JsonNode listed = null;
        for (JsonNode e : read("/api/v1/claims/" + claimId + "/evidence").get("items")) {
            if (e.get("id").asLong() == echo.get("id").asLong()) {
                listed = e;
            }
        }
        assertThat(listed).as(label + " evidence listed").isNotNull();
        assertSame(echo, listed, "title", label + " GET claim evidence");
        assertSame(echo, listed, "note", label + " GET claim evidence");
    }

    /**
     * True for a 2xx; anything else must be a 4xx problem. Whether the outcome is the one {@link Text} predicts is
     * collected and checked at the end, so that a broken round trip is what fails first.
     */
    private boolean outcome(Response r, boolean allowed, String label) {
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            if (!allowed) {
                unpredicted.add(label + ": accepted text that Text refuses");
            }
            accepted++;
            return true;
        }
        assertThat(status).as(label + ": " + r.asString()).isBetween(400, 499);
        assertThat(r.contentType()).as(label).startsWith("application/problem+json");
        if (allowed) {
            unpredicted.add(label + ": refused acceptable text: " + r.asString());
        }
        refused++;
        return false;
    }

    private Response write(String method, String path, String ifMatch, Object body) {
        var spec = checker.spec().contentType(JSON).body(AsciiJson.of(body));
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.request(method, path);
    }

    private JsonNode read(String path) {
        Response r = checker.spec().get(path);
        assertThat(r.statusCode()).as("GET " + path + ": " + r.asString()).isEqualTo(200);
        return AsciiJson.parse(r.asString());
    }

    private static void assertSame(JsonNode echoed, JsonNode read, String field, String label) {
        JsonNode a = echoed.get(field);
        JsonNode b = read.get(field);
        String shownA = a == null || a.isNull() ? "null" : AsciiJson.of(a.asText());
        String shownB = b == null || b.isNull() ? "null" : AsciiJson.of(b.asText());
        assertThat(shownB).as(label + ": field " + field + " read back differs from the echo").isEqualTo(shownA);
    }
}
