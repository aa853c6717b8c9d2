package org.factdesk.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Oversized bodies get a 413 problem before they are read: JSON and form bodies are capped at 1 MiB (uploads have
 * their own limit), and a body cut off by the server-wide limit is answered as a problem too.
 */
@ApplicationScoped
public class BodyLimits {

    /** Largest JSON or form body accepted. */
    public static final long MAX_DOCUMENT_BYTES = 1024 * 1024;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 50).handler(BodyLimits::check);
        router.route().order(Integer.MIN_VALUE + 50).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc, "The request body exceeds the server's limit");
            } else {
                rc.next();
            }
        });
    }

    static void check(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        String length = rc.request().getHeader("Content-Length");
        if (type != null && length != null && !type.toLowerCase().startsWith("multipart/")) {
            try {
                if (Long.parseLong(length.trim()) > MAX_DOCUMENT_BYTES) {
                    tooLarge(rc, "Request bodies other than file uploads are limited to 1 MiB");
                    return;
                }
            } catch (NumberFormatException e) {
                rc.response().setStatusCode(400).end();
                return;
            }
        }
        rc.next();
    }

    private static void tooLarge(RoutingContext rc, String detail) {
        JsonObject problem = new JsonObject().put("type", "https://factdesk.org/problems/payload-too-large")
                .put("title", "Payload too large").put("status", 413).put("detail", detail)
                .put("instance", rc.normalizedPath());
        rc.response().setStatusCode(413).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                .putHeader("Connection", "close").end(problem.encode());
    }
}
