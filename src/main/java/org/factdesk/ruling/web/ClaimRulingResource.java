package org.factdesk.ruling.web;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.factdesk.common.Idempotent;
import org.factdesk.common.Preconditions;
import org.factdesk.common.web.ConditionalGet;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.ruling.PublishingConfig;
import org.factdesk.ruling.RulingService;
import org.factdesk.ruling.web.RulingViews.DraftRulingRequest;
import org.factdesk.ruling.web.RulingViews.RulingList;
import org.factdesk.ruling.web.RulingViews.RulingView;

/** A claim's rulings: draft one (the claim moves to IN_REVIEW) and list every version, drafts included. */
@Path("/api/v1/claims/{claimId}/rulings")
@Tag(name = "Rulings", description = "Verdicts on claims: drafts, four-eyes approval, corrections")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimRulingResource {

    @Inject
    RulingService rulings;
    @Inject
    CurrentUser currentUser;
    @Inject
    PublishingConfig publishing;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = RulingView.class, responseCode = "201")
    @Idempotent
    @Operation(operationId = "draftRuling",
            summary = "Draft a ruling on a claim in research (If-Match of the claim); the claim moves to IN_REVIEW",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    public Response draft(@PathParam("claimId") long claimId,
            @Parameter(required = true, description = "ETag of the claim", example = "\"3\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid DraftRulingRequest request) {
        var drafted = rulings.draft(claimId, Preconditions.requireIfMatch(ifMatch), request.toDraft(), currentUser.actor());
        var ruling = drafted.ruling();
        return Response.created(UriBuilder.fromPath("/api/v1/rulings/{id}").build(ruling.id()))
                .tag(String.valueOf(ruling.version()))
                .entity(RulingView.of(ruling, publishing.pageUrl(ruling.id()), drafted.warnings())).build();
    }

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "listClaimRulings",
            summary = "Every ruling of a claim, oldest first: drafts, returned drafts, published and superseded versions")
    public RulingList list(@PathParam("claimId") long claimId) {
        return new RulingList(rulings.forClaim(claimId, currentUser.actor()).stream()
                .map(r -> RulingView.of(r, publishing.pageUrl(r.id()), RulingService.warnings(r, null))).toList());
    }
}
