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
 * version, so responses may be kept only by the caller's own cache ({@code private}), must be revalidated on every
 * use ({@code no-cache}) and are keyed on the credentials ({@code Vary}): a browser shared by two users never
 * serves one user's cached view to the other on a 304.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    public static Response ok(long version, List<String> ifNoneMatch, Supplier<?> representation) {
        Response.ResponseBuilder rb = Preconditions.notModified(ifNoneMatch, version) ? Response.notModified()
                : Response.ok(representation.get());
        return rb.tag(String.valueOf(version)).header("Cache-Control", "private, no-cache")
                .header("Vary", "Authorization, Cookie").build();
    }
}
