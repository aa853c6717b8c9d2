package org.factdesk.common.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.factdesk.common.HttpLimitsConfig;
import org.factdesk.common.ProblemException.FieldError;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request: answers what the HTTP layer refuses with the same problem documents as the
 * REST layer, before anything parses the URL.
 *
 * <ul>
 * <li>414 for a request target above {@code factdesk.http.max-url}, 431 for a header block above
 * {@code factdesk.http.max-headers}. Vert.x answers its own parser limits with an empty 414/431 from its default
 * invalid-request handler ({@code HttpServer#invalidRequestHandler}), which Quarkus 3.33 gives applications no way
 * to replace; so its limits are set well above ours in application.properties and ours are enforced here.</li>
 * <li>400 for a malformed URL: not a valid URI reference (bad or cut-off percent escapes, raw spaces), raw
 * non-ASCII, or percent-escapes in the path or a query parameter that do not decode as UTF-8. Quarkus checks URI
 * syntax itself and answers an empty 400 before any route; {@link QuarkusUriCheckHandover} hands that check to us,
 * and this handler makes it stricter, so no later code sees a URL it cannot decode.</li>
 * <li>A router-level 4xx failure without a body (Vert.x Web fails a context with a bare status) gets a problem.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);

    @Inject
    HttpLimitsConfig limits;

    void install(@Observes Router router) {
        int maxUrl = (int) Math.min(Integer.MAX_VALUE, limits.maxUrl().asLongValue());
        long maxHeaders = limits.maxHeaders().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(rc -> check(rc, maxUrl, maxHeaders));
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpEdge::bareFailure);
        if (!Boolean.getBoolean(QuarkusUriCheckHandover.PROPERTY)) {
            LOG.warnf("System property %s is not set: Quarkus will answer malformed URLs with an empty 400",
                    QuarkusUriCheckHandover.PROPERTY);
        }
    }

    static void check(RoutingContext rc, int maxUrl, long maxHeaders) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        if (uri == null || uri.length() > maxUrl) {
            send(rc, 414, "uri-too-long", "URI too long",
                    "The request URL is longer than " + maxUrl + " bytes", null, List.of());
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4; // ": " and CRLF
        }
        if (headerBytes > maxHeaders) {
            send(rc, 431, "request-header-fields-too-large", "Request header fields too large",
                    "The request headers take more than " + maxHeaders + " bytes", null, List.of());
            return;
        }
        FieldError malformed = malformed(uri);
        if (malformed != null) {
            send(rc, 400, "malformed-request", "Malformed request", "The request URL is malformed", null,
                    List.of(malformed));
            return;
        }
        rc.next();
    }

    /** What is wrong with a request target (the part after the method), or {@code null} when it is well formed. */
    static FieldError malformed(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return new FieldError("url", "raw character at index " + i + " must be percent-encoded");
            }
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return new FieldError("url", e.getReason() + " at index " + e.getIndex());
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (!decodesAsUtf8(path)) {
            return new FieldError("path", "percent-escapes do not decode as UTF-8");
        }
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (!decodesAsUtf8(pair)) {
                    String shown = decodesAsUtf8(name) ? decode(name) : "(query parameter name)";
                    return new FieldError(shown, "percent-escapes do not decode as UTF-8");
                }
            }
        }
        return null;
    }

    /** Whether the percent-escapes of {@code s} (already checked to be pairs of hex digits) form valid UTF-8. */
    static boolean decodesAsUtf8(String s) {
        byte[] bytes = bytes(s);
        if (bytes == null) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String decode(String s) {
        return new String(bytes(s), StandardCharsets.UTF_8).replace('+', ' ');
    }

    /** The bytes {@code s} stands for once percent-decoded; {@code null} when an escape is not two hex digits. */
    private static byte[] bytes(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out[n++] = (byte) c;
                continue;
            }
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                return null;
            }
            out[n++] = (byte) Integer.parseInt(s, i + 1, i + 3, 16);
            i += 2;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** A failure of the router itself (not of a resource, whose exceptions ProblemMappers answers). */
    static void bareFailure(RoutingContext rc) {
        int status = rc.statusCode();
        if (status < 400 || status >= 500 || status == 413 || rc.response().headWritten()) {
            rc.next();
            return;
        }
        String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        String type = status == 400 ? "malformed-request"
                : reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        send(rc, status, type, status == 400 ? "Malformed request" : reason,
                status == 400 ? "The request could not be parsed" : reason, null, List.of());
    }

    /** Writes a problem from a router handler (before the REST layer) and closes the connection. */
    static void send(RoutingContext rc, int status, String type, String title, String detail,
            String instance, List<FieldError> errors) {
        Map<String, Object> extensions = errors.isEmpty() ? Map.of()
                : Map.of("errors", new JsonArray(errors.stream()
                        .map(e -> new JsonObject().put("field", e.field()).put("message", e.message())).toList()));
        JsonObject problem = new JsonObject(ProblemMappers.body(status, type, title, detail, instance, extensions));
        // the body (if any) of a refused request is not read: close rather than drain it
        rc.response().setStatusCode(status).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                .putHeader("Connection", "close").end(problem.encode());
    }

    /**
     * Turns off Quarkus' own URI syntax check, which answers an empty 400 before any route, so that
     * {@link HttpEdge} can make the same check and answer with a problem. The switch is the system property
     * {@value #PROPERTY}, read once when Quarkus' HTTP recorder is initialised at runtime start, after the runtime
     * configuration is built; a config source factory is application code that runs before that in tests and in the
     * packaged jar. It contributes no configuration. {@code quarkus:dev} initialises the recorder earlier, so the
     * pom sets the property for the dev JVM as well ({@code HttpLayerProblemsTest} and the CI smoke test cover the
     * other two modes).
     */
    public static final class QuarkusUriCheckHandover implements ConfigSourceFactory {

        static final String PROPERTY = "vertx.disableURIValidation";

        @Override
        public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
            System.setProperty(PROPERTY, "true");
            return List.of();
        }
    }
}
