package org.factdesk.identity.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.factdesk.common.ProblemException;
import org.factdesk.identity.AuthConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF defence for cookie-authenticated writes (besides the SameSite cookie): an unsafe request whose {@code Origin}
 * is present and neither this service nor a trusted origin is refused with 403. Bearer requests are exempt.
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
        if (origin == null || origin.isBlank()) {
            return;
        }
        if (config.trustedOrigins().orElse(List.of()).contains(origin)) {
            return;
        }
        String host = request.getHeaderString("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeaderString("Host");
        }
        if (host != null && authority(origin).equalsIgnoreCase(host.trim())) {
            return;
        }
        throw new ProblemException(403, "foreign-origin", "Forbidden",
                "Cross-site request refused: Origin " + origin + " is not this service", Map.of(), Map.of());
    }

    private static String authority(String origin) {
        try {
            URI uri = URI.create(origin);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
