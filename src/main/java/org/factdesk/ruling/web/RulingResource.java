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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.Preconditions;
import org.factdesk.common.web.ConditionalGet;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.ruling.PublishingConfig;
import org.factdesk.ruling.Ruling;
import org.factdesk.ruling.RulingService;
import org.factdesk.ruling.web.RulingViews.ReturnRulingRequest;
import org.factdesk.ruling.web.RulingViews.RulingView;

/** One ruling: read it, approve it (four-eyes) or return it to research. */
@Path("/api/v1/rulings")
@Tag(name = "Rulings", description = "Verdicts on claims: drafts, four-eyes approval, corrections")
@Produces(MediaType.APPLICATION_JSON)
public class RulingResource {

    @Inject
    RulingService rulings;
    @Inject
    CurrentUser currentUser;
    @Inject
    PublishingConfig publishing;

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponseSchema(value = RulingView.class, responseCode = "200")
    @Operation(operationId = "getRuling", summary = "Get a ruling (with its ETag; 304 when If-None-Match lists it)")
    public Response get(@PathParam("id") long id,
            @Parameter(description = "ETags the client already has, or *", example = "\"0\"") @HeaderParam("If-None-Match") List<String> ifNoneMatch) {
        Ruling ruling = rulings.get(id, currentUser.actor());
        return ConditionalGet.ok(ruling.version(), ifNoneMatch,
                () -> RulingView.of(ruling, publishing.pageUrl(ruling.id()), RulingService.warnings(ruling, null)));
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed(Role.EDITOR_)
    @APIResponseSchema(value = RulingView.class, responseCode = "200")
    @Operation(operationId = "approveRuling", summary = "Approve and publish a draft; the drafter cannot approve "
            + "their own draft (four-eyes rule). The claim moves to RATED")
    public Response approve(@PathParam("id") long id,
            @Parameter(description = "Optional ETag of the ruling", example = "\"0\"") @HeaderParam("If-Match") List<String> ifMatch) {
        return withEtag(rulings.approve(id, Preconditions.ifMatch(ifMatch), currentUser.actor()));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.EDITOR_)
    @APIResponseSchema(value = RulingView.class, responseCode = "200")
    @Operation(operationId = "returnRuling",
            summary = "Return a draft to research with a comment (posted on the claim's thread); the claim moves to RESEARCHING")
    public Response returnToResearch(@PathParam("id") long id,
            @Parameter(description = "Optional ETag of the ruling", example = "\"0\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid ReturnRulingRequest request) {
        return withEtag(rulings.returnToResearch(id, Preconditions.ifMatch(ifMatch), request.comment(), currentUser.actor()));
    }

    private Response withEtag(Ruling ruling) {
        return Response.ok(RulingView.of(ruling, publishing.pageUrl(ruling.id()), RulingService.warnings(ruling, null)))
                .tag(String.valueOf(ruling.version())).build();
    }

}
