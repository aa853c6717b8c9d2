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
import org.factdesk.audit.HistoryAccess;
import org.factdesk.audit.web.AuditViews.EventView;
import org.factdesk.audit.web.AuditViews.HistoryView;
import org.factdesk.audit.web.AuditViews.VerificationView;
import org.factdesk.common.Audience;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** A claim's timeline, as much of it as the caller may read, and the verification of its hash chain. */
@Path("/api/v1/claims/{id}/history")
@Tag(name = "Audit", description = "The tamper-evident record of every change")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimHistoryResource {

    @Inject
    AuditLog audit;
    @Inject
    HistoryAccess access;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "claimHistory", summary = "A claim's timeline of audit events: staff see every event, "
            + "the claim's submitter only the changes to the claim itself (submitted, edited, moved)")
    public HistoryView history(@PathParam("id") long id) {
        var audiences = access.audiencesFor(id, currentUser.actor());
        return new HistoryView(audit.history(id, audiences).stream().map(EventView::of).toList());
    }

    @GET
    @Path("/verify")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "verifyClaimHistory", summary = "Recompute a claim's whole hash chain; staff and "
            + "auditors also get its length and the first broken event, the submitter only whether it holds")
    public VerificationView verify(@PathParam("id") long id) {
        var audiences = access.audiencesFor(id, currentUser.actor());
        var v = audit.verify(id);
        // the chain covers staff-only events too: its length would tell a submitter how much goes on behind them
        return audiences.contains(Audience.STAFF) ? new VerificationView(v.valid(), v.events(), v.firstBrokenSeq())
                : new VerificationView(v.valid(), null, null);
    }
}
