package org.factdesk.comment.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.comment.Comment;
import org.factdesk.comment.CommentService;
import org.factdesk.comment.web.CommentViews.CommentView;
import org.factdesk.comment.web.CommentViews.EditCommentRequest;
import org.factdesk.common.Versions;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** One comment: edit, delete to a tombstone, resolve. */
@Path("/api/v1/comments")
@Tag(name = "Comments", description = "Reviewer discussion on claims")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {

    @Inject
    CommentService comments;
    @Inject
    CurrentUser currentUser;

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = CommentView.class, responseCode = "200")
    @Operation(operationId = "editComment", summary = "Edit your comment (requires If-Match; previous text is audited)")
    public Response edit(@PathParam("id") long id,
            @Parameter(description = "ETag of the comment version being edited", example = "\"0\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid EditCommentRequest request) {
        long expected = Versions.requireIfMatch(ifMatch);
        return withEtag(comments.edit(id, expected, request.body(), currentUser.actor()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "204", description = "Deleted (a tombstone stays in the thread)")
    @Operation(operationId = "deleteComment",
            summary = "Delete a comment (author or editor): it stays in the thread as a tombstone")
    public Response delete(@PathParam("id") long id,
            @Parameter(description = "Optional: ETag of the version being deleted", example = "\"0\"") @HeaderParam("If-Match") String ifMatch) {
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : Versions.requireIfMatch(ifMatch);
        comments.delete(id, expected, currentUser.actor());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = CommentView.class, responseCode = "200")
    @Operation(operationId = "resolveComment", summary = "Mark a review remark resolved")
    public Response resolve(@PathParam("id") long id) {
        return withEtag(comments.resolve(id, currentUser.actor()));
    }

    private Response withEtag(Comment comment) {
        var allowed = comments.allowedActions(comment.claimId(), java.util.List.of(comment), currentUser.actor());
        return Response.ok(CommentView.of(comment, allowed.get(comment.id()))).tag(String.valueOf(comment.version()))
                .build();
    }
}
