package org.factdesk.identity.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.factdesk.common.ProblemException;
import org.factdesk.identity.AuthConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF defence for cookie-authenticated writes (besides the SameSite cookie). An unsafe request that does not carry
 * a Bearer token (sign-in included, even before there is a cookie) is refused with 403 when
 * <ul>
 * <li>its {@code Origin} is {@code null} (sandboxed frames, privacy redirects: never this service), malformed, or
 * an origin that is neither this service nor a trusted one; or</li>
 * <li>it has no {@code Origin} but a {@code Referer} that is malformed or from another origin (older browsers and
 * some same-site navigations send only the Referer).</li>
 * </ul>
 * A request with neither header stays allowed: non-browser clients send neither, and browsers send at least one of
 * them on cross-site writes. Bearer requests are exempt (a browser never adds that header by itself).
 */
public class OriginCheckFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AuthConfig config;

    @ServerRequestFilter(preMatching = true)
    public void checkOrigin(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.isBlank()) {
            String parsed = origin(origin.trim(), false);
            if (parsed == null) {
                throw refused("Cross-site request refused: the Origin header is 'null' or malformed");
            }
            if (!sameOrTrusted(parsed, request)) {
                throw refused("Cross-site request refused: Origin " + parsed + " is not this service");
            }
            return;
        }
        String referer = request.getHeaderString("Referer");
        if (referer != null && !referer.isBlank()) {
            String parsed = origin(referer.trim(), true);
            if (parsed == null) {
                throw refused("Cross-site request refused: the Referer header is malformed");
            }
            if (!sameOrTrusted(parsed, request)) {
                throw refused("Cross-site request refused: Referer from " + parsed + " is not this service");
            }
        }
    }

    private boolean sameOrTrusted(String origin, ContainerRequestContext request) {
        for (String trusted : config.trustedOrigins().orElse(List.of())) {
            String t = origin(trusted.trim(), false);
            if (origin.equals(t)) {
                return true;
            }
        }
        String host = request.getHeaderString("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeaderString("Host");
        }
        return host != null && authority(origin).equalsIgnoreCase(host.trim());
    }

    /**
     * The serialised origin ({@code scheme://host[:port]}, lower case) of an Origin header, or of a Referer URL
     * when {@code anyUrl}; {@code null} for {@code null}, anything but http(s), and anything malformed.
     */
    static String origin(String value, boolean anyUrl) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getRawAuthority() == null || uri.getHost() == null || uri.getUserInfo() != null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            if (!anyUrl && (uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()))) {
                return null; // an Origin header is scheme://host[:port] and nothing else
            }
            String origin = scheme.toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String authority(String origin) {
        return origin.substring(origin.indexOf("://") + 3);
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(403, "foreign-origin", "Forbidden", detail, Map.of(), Map.of());
    }
}
