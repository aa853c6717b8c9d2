package org.factdesk.audit.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "auditFeed", summary = "All audit events in sequence order")
    public AuditPage feed(
            @Parameter(description = "Return events with seq greater than this", example = "0") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1-1000 (default 100)") @QueryParam("limit") Integer limit) {
        long from = 0;
        if (after != null && !after.isBlank()) {
            try {
                from = Long.parseLong(after.strip());
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0) {
                throw ProblemException.badRequest("'after' must be a sequence number from a previous page");
            }
        }
        int n = Cursors.limit(limit, 100, 1000);
        var events = audit.feed(from, n);
        Long next = events.size() == n ? events.get(n - 1).seq() : null;
        return new AuditPage(events.stream().map(EventView::of).toList(), next);
    }
}
