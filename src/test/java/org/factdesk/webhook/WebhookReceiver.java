package org.factdesk.webhook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The loopback receiver of {@code frontend/scripts/webhook-receiver.mjs}, run with node: it checks every delivery
 * with the standardwebhooks npm package, an implementation independent of Factdesk's.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String id, long timestamp, String type, Long seq, Long claimId, Long occurredAt, boolean verified, String error,
            int attempt, int signatures, String path, long receivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    final int port;

    WebhookReceiver() throws IOException {
        process = new ProcessBuilder("node", "scripts/webhook-receiver.mjs", "--port", "0")
                .directory(Path.of("frontend").toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            throw new IOException("the receiver did not start (node scripts/webhook-receiver.mjs)");
        }
        port = JSON.readTree(line).get("port").asInt();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void control(Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/_control")))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(settings))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("receiver control: " + r.statusCode());
        }
    }

    List<Received> received() throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url("/_received"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readValue(body, new TypeReference<List<Received>>() {
        });
    }

    /** What arrived once the condition holds, or after the time-out (the caller's assertions then say what is wrong). */
    List<Received> awaitReceived(Predicate<List<Received>> done, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<Received> r = received();
        while (!done.test(r) && System.nanoTime() < end) {
            Thread.sleep(100);
            r = received();
        }
        return r;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
