package org.factdesk.audit.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.audit.AuditLog;
import org.factdesk.audit.web.AuditViews.AuditPage;
import org.factdesk.audit.web.AuditViews.EventView;
import org.factdesk.audit.web.AuditViews.VerificationView;
import org.factdesk.common.Cursors;
import org.factdesk.common.ProblemException;
import org.factdesk.identity.Role;

/** The full audit feed and the system chain, for auditors and administrators. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "The tamper-evident record of every change")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    @Path("/verify")
    @RolesAllowed({ Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "verifySystemChain", summary = "Recompute the system hash chain (users, keys, settings)")
    public VerificationView verifySystem() {
        var v = audit.verifySystem();
        return new VerificationView(v.valid(), v.events(), v.firstBrokenSeq());
    }

    @GET
    @RolesAllowed({ Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "auditFeed", summary = "All audit events, in commit-safe order; follow nextCursor",
            description = "Every page returns nextCursor, also when it is empty or not full (the tail): pass it as "
                    + "'after' to get exactly the events that became ready since. A follower that stores nextCursor "
                    + "sees every event exactly once, in an order that never changes.")
    public AuditPage feed(
            @Parameter(description = "nextCursor of the previous page; absent or 0 starts at the beginning",
                    example = "0") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1-1000 (default 100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("limit") Integer limit) {
        var page = audit.feed(decode(after), Cursors.limit(limit, 100, 1000));
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (page.next().txKey() + ":" + page.next().seq()).getBytes(StandardCharsets.UTF_8));
        return new AuditPage(page.events().stream().map(EventView::of).toList(), next);
    }

    private static AuditLog.FeedPosition decode(String after) {
        if (after == null || after.isBlank() || after.equals("0")) {
            return AuditLog.FeedPosition.START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            long tx = Long.parseLong(parts[0]);
            long seq = Long.parseLong(parts[1]);
            if (tx < 0 || seq < 0) {
                throw new IllegalArgumentException();
            }
            return new AuditLog.FeedPosition(tx, seq);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'after' must be the nextCursor of a previous page");
        }
    }
}
