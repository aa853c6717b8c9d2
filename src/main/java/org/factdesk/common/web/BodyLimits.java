package org.factdesk.common.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import jakarta.inject.Inject;

import org.factdesk.common.HttpLimitsConfig;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Oversized bodies get a 413 problem before they are read ({@link HttpLimitsConfig}); features check their own,
 * smaller limits while storing. Bodies without a length are cut by {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimits {

    @Inject
    HttpLimitsConfig limits;

    void install(@Observes Router router) {
        long maxDocument = limits.maxDocument().asLongValue();
        long maxUpload = limits.maxUpload().asLongValue();
        long maxImport = limits.maxImport().asLongValue();
        router.route().order(Integer.MIN_VALUE + 50).handler(rc -> check(rc, maxDocument, maxUpload, maxImport));
        router.route().order(Integer.MIN_VALUE + 50).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc, "The request body exceeds the server's limit");
            } else {
                rc.next();
            }
        });
    }

    static void check(RoutingContext rc, long maxDocument, long maxUpload, long maxImport) {
        String type = rc.request().getHeader("Content-Type");
        String length = rc.request().getHeader("Content-Length");
        if (type != null && length != null) {
            String lower = type.toLowerCase(Locale.ROOT);
            boolean multipart = lower.startsWith("multipart/");
            // the media types of bulk imports, which only the import endpoint takes (and streams)
            boolean bulk = lower.startsWith("application/x-ndjson") || lower.startsWith("text/csv");
            try {
                long size = Long.parseLong(length.trim());
                if (bulk && size > maxImport) {
                    tooLarge(rc, "Imports are limited to " + maxImport + " bytes; split the file");
                    return;
                }
                if (!multipart && !bulk && size > maxDocument) {
                    tooLarge(rc, "Request bodies other than file uploads are limited to " + maxDocument + " bytes");
                    return;
                }
                if (multipart && size > maxUpload) {
                    tooLarge(rc, "Uploads are limited to " + maxUpload + " bytes including form fields");
                    return;
                }
            } catch (NumberFormatException e) {
                HttpEdge.send(rc, 400, "malformed-request", "Malformed request",
                        "The Content-Length header is not a number", null, java.util.List.of());
                return;
            }
        }
        rc.next();
    }

    private static void tooLarge(RoutingContext rc, String detail) {
        HttpEdge.send(rc, 413, "payload-too-large", "Payload too large", detail, rc.normalizedPath(),
                java.util.List.of());
    }
}
