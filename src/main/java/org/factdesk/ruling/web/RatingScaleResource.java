package org.factdesk.ruling.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.ruling.RatingScale;
import org.factdesk.ruling.RatingScaleService;
import org.factdesk.ruling.web.RulingViews.RatingScaleVersions;
import org.factdesk.ruling.web.RulingViews.RatingScaleView;
import org.factdesk.ruling.web.RulingViews.ReplaceRatingScaleRequest;
import org.factdesk.ruling.web.RulingViews.VerdictInput;

/** The versioned rating scale: read the current version or any earlier one; administrators create new versions. */
@Path("/api/v1/rating-scale")
@Tag(name = "Rating scale", description = "Verdicts a ruling can give, versioned")
@Produces(MediaType.APPLICATION_JSON)
public class RatingScaleResource {

    @Inject
    RatingScaleService scales;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponseSchema(value = RatingScaleView.class, responseCode = "200")
    @Operation(operationId = "currentRatingScale", summary = "The current rating scale (ETag = its version)")
    public Response current() {
        return withEtag(scales.current());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "ratingScaleVersions", summary = "Every rating scale version, newest first")
    public RatingScaleVersions versions() {
        return new RatingScaleVersions(scales.versions().stream().map(RatingScaleView::of).toList());
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponseSchema(value = RatingScaleView.class, responseCode = "200")
    @Operation(operationId = "ratingScaleVersion", summary = "One rating scale version")
    public Response version(@PathParam("version") int version) {
        return withEtag(scales.version(version));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @APIResponseSchema(value = RatingScaleView.class, responseCode = "200")
    @Operation(operationId = "replaceRatingScale", summary = "Create the next rating scale version (If-Match of the "
            + "current one): rename labels, retire or add verdicts; existing rulings keep their version and label")
    public Response replace(
            @Parameter(required = true, description = "ETag of the current scale", example = "\"1\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid ReplaceRatingScaleRequest request) {
        return withEtag(scales.replace(Preconditions.requireIfMatch(ifMatch), request.verdicts().stream().map(VerdictInput::spec).toList(),
                currentUser.name()));
    }

    private static Response withEtag(RatingScale scale) {
        return Response.ok(RatingScaleView.of(scale)).tag(String.valueOf(scale.version())).build();
    }
}
