package org.factdesk.audit.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.audit.AuditLog;
import org.factdesk.audit.web.AuditViews.EventView;
import org.factdesk.audit.web.AuditViews.HistoryView;
import org.factdesk.audit.web.AuditViews.VerificationView;
import org.factdesk.claim.ClaimService;
import org.factdesk.identity.Role;

/** A claim's timeline and the verification of its hash chain. */
@Path("/api/v1/claims/{id}/history")
@Tag(name = "Audit", description = "The tamper-evident record of every change")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimHistoryResource {

    @Inject
    AuditLog audit;
    @Inject
    ClaimService claims;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "claimHistory", summary = "A claim's timeline of audit events")
    public HistoryView history(@PathParam("id") long id) {
        claims.get(id);
        return new HistoryView(audit.history(id).stream().map(EventView::of).toList());
    }

    @GET
    @Path("/verify")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "verifyClaimHistory", summary = "Recompute a claim's hash chain")
    public VerificationView verify(@PathParam("id") long id) {
        claims.get(id);
        var v = audit.verify(id);
        return new VerificationView(v.valid(), v.events(), v.firstBrokenSeq());
    }
}
