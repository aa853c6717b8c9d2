package org.factdesk.common.web;

import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.factdesk.common.Preconditions;

/**
 * A GET of a versioned resource: {@code 304 Not Modified} (ETag, no body) when {@code If-None-Match} lists the
 * current version, else {@code 200} with the representation and its ETag.
 * <p>
 * Part of the representation depends on the caller (the actions they may take) while the ETag is the stored
 * version, so no cache may keep it ({@code no-store}): a browser that revalidated a stored copy would get a 304 for
 * the next user who signs in on it and show them the previous user's {@code allowedActions} (Chromium does not key
 * its cache on the session cookie, so {@code Vary: Cookie} alone did not prevent that). Clients that keep the
 * representation themselves still send {@code If-None-Match} and get the 304.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    public static Response ok(long version, List<String> ifNoneMatch, Supplier<?> representation) {
        Response.ResponseBuilder rb = Preconditions.notModified(ifNoneMatch, version) ? Response.notModified()
                : Response.ok(representation.get());
        return rb.tag(String.valueOf(version)).header("Cache-Control", "private, no-store")
                .header("Vary", "Authorization, Cookie").build();
    }
}
