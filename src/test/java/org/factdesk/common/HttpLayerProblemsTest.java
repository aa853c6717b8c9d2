package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.factdesk.AsciiJson;
import org.factdesk.TestApi;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Errors of the HTTP layer itself are problem documents too. Requests are written on raw sockets, byte for byte,
 * because HTTP clients would re-encode a malformed URL or refuse to send it.
 */
@QuarkusTest
class HttpLayerProblemsTest {

    String token;

    @BeforeEach
    void key() {
        token = TestApi.apiKey(Role.EDITOR).token();
    }

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return AsciiJson.parse(body);
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) and reads until the server closes. */
    static Answer send(String requestLine, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
        sb.append("Host: localhost:").append(RestAssured.port).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        return exchange(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0;) {
                    received.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                // the server may close while we still write a refused request: keep what it answered
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("a complete response head in: %s", text).isPositive();
            String[] lines = text.substring(0, split).split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                h.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), h, text.substring(split + 4));
        }
    }

    private static void assertProblem(Answer a, int status, String typeSuffix) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.headers().get("content-type")).as(a.toString()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("type").asText()).isEqualTo("https://factdesk.org/problems/" + typeSuffix);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
        if (p.has("instance")) {
            assertThat(p.get("instance").isTextual()).isTrue();
        }
    }

    @Test
    void aTooLongUrlIsA414Problem() throws IOException {
        Answer a = send("GET /api/v1/claims?q=" + "a".repeat(9_000) + " HTTP/1.1", "Authorization: Bearer " + token);
        assertProblem(a, 414, "uri-too-long");
        assertThat(a.json().get("detail").asText()).contains("8192");
    }

    @Test
    void aUrlJustUnderTheLimitIsServed() throws IOException {
        String prefix = "/api/v1/claims?q=";
        Answer a = send("GET " + prefix + "a".repeat(8192 - prefix.length()) + " HTTP/1.1",
                "Authorization: Bearer " + token);
        // q is longer than search allows: the resource answers, not the HTTP layer
        assertThat(a.status()).isEqualTo(422);
    }

    @Test
    void tooLargeHeadersAreA431Problem() throws IOException {
        Answer a = send("GET /api/v1/claims HTTP/1.1", "Authorization: Bearer " + token,
                "X-Padding: " + "p".repeat(25_000));
        assertProblem(a, 431, "request-header-fields-too-large");
    }

    @Test
    void malformedPercentEncodingIsA400Problem() throws IOException {
        for (String target : new String[] { "/api/v1/claims?q=%zz", "/api/v1/claims/%E0%A4%A", "/api/v1/claims/%",
                "/%zz", "/api/v1/claims?q=a%2" }) {
            Answer a = send("GET " + target + " HTTP/1.1", "Authorization: Bearer " + token);
            assertProblem(a, 400, "malformed-request");
            assertThat(a.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
    }

    @Test
    void percentEscapesThatAreNotUtf8AreA400ProblemNamingTheParameter() throws IOException {
        Answer truncated = send("GET /api/v1/claims?q=%E0%A4 HTTP/1.1", "Authorization: Bearer " + token);
        assertProblem(truncated, 400, "malformed-request");
        assertThat(truncated.json().get("errors").get(0).get("field").asText()).isEqualTo("q");
        Answer surrogate = send("GET /api/v1/claims?tag=%ED%A0%80 HTTP/1.1", "Authorization: Bearer " + token);
        assertProblem(surrogate, 400, "malformed-request");
        assertThat(surrogate.json().get("errors").get(0).get("field").asText()).isEqualTo("tag");
        Answer path = send("GET /api/v1/users/%C3%28/deactivation HTTP/1.1", "Authorization: Bearer " + token);
        assertProblem(path, 400, "malformed-request");
        assertThat(path.json().get("errors").get(0).get("field").asText()).isEqualTo("path");
    }

    @Test
    void rawNonAsciiAndSpacesInTheUrlAreA400Problem() throws IOException {
        byte[] raw = ("GET /api/v1/claims?q=caf\u00c3\u00a9 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(exchange(raw), 400, "malformed-request");
        assertProblem(send("GET /api/v1/claims?q=\"a|b\" HTTP/1.1", "Authorization: Bearer " + token), 400,
                "malformed-request");
    }

    @Test
    void wellFormedEscapesStillWork() throws IOException {
        Answer a = send("GET /api/v1/claims?q=caf%C3%A9%20%22embassy%22 HTTP/1.1", "Authorization: Bearer " + token);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
    }

    @Test
    void methodNotAllowedIsAProblem() throws IOException {
        assertProblem(send("DELETE /api/v1/claims HTTP/1.1", "Authorization: Bearer " + token), 405,
                "method-not-allowed");
        assertProblem(send("BREW /api/v1/claims/1 HTTP/1.1", "Authorization: Bearer " + token), 405,
                "method-not-allowed");
    }

    @Test
    void notAcceptableIsAProblem() throws IOException {
        assertProblem(send("GET /api/v1/claims/counts HTTP/1.1", "Authorization: Bearer " + token,
                "Accept: text/csv"), 406, "not-acceptable");
    }

    @Test
    void unsupportedMediaTypeIsAProblem() throws IOException {
        assertProblem(send("POST /api/v1/claims HTTP/1.1", "Authorization: Bearer " + token,
                "Content-Type: text/plain", "Content-Length: 0"), 415, "unsupported-media-type");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "/api/v1/claims?limit=ten",
            "/api/v1/claims?duplicateOf=12x", "/api/v1/claims/similar?text=Assange&limit=1e3",
            "/api/v1/audit?limit=99999999999", "/api/public/claim-reviews?limit=abc",
            "/api/public/claim-reviews/search?q=Assange&limit=-" })
    void aNumberParameterThatIsNotANumberIsA400NamingIt(String url) {
        String name = url.replaceAll(".*[?&](limit|duplicateOf)=.*", "$1");
        TestApi.admin().spec().get(url).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/bad-request"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(name))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("must be a whole number"));
    }

    @Test
    void aPathIdThatIsNotANumberStaysA404() {
        RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/claims/abc").then()
                .statusCode(404).contentType("application/problem+json");
    }
}
