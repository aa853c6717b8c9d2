package org.factdesk.transparency.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.transparency.TransparencyLog;
import org.factdesk.transparency.web.TransparencyViews.CheckpointView;

/** Signing a checkpoint now, for administrators (the service also signs on its own every checkpoint-interval). */
@Path("/api/v1/transparency/checkpoints")
@Tag(name = "Transparency log")
@RolesAllowed(Role.ADMIN_)
public class CheckpointResource {

    @Inject
    TransparencyLog log;
    @Inject
    CurrentUser currentUser;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = CheckpointView.class, responseCode = "201",
            responseDescription = "A new checkpoint of everything appended so far")
    @APIResponse(responseCode = "200", description = "Nothing was appended since the latest checkpoint: it is returned")
    @APIResponse(responseCode = "409", description = "The stored log no longer extends the last checkpoint: "
            + "nothing is signed")
    @Operation(operationId = "makeCheckpoint", summary = "Sign a checkpoint of the log now")
    public Response make() {
        var made = log.checkpointNow(currentUser.name());
        CheckpointView view = CheckpointView.of(made.checkpoint());
        return Response.status(made.created() ? 201 : 200).entity(view)
                .location(java.net.URI.create("/api/public/transparency/checkpoints?after=" + (view.treeSize() + 1)
                        + "&limit=1"))
                .build();
    }
}
