package org.factdesk.comment.web;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.factdesk.common.Preconditions;
import org.factdesk.common.web.ConditionalGet;
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

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponseSchema(value = CommentView.class, responseCode = "200")
    @Operation(operationId = "getComment",
            summary = "Get a comment (with its ETag; 304 when If-None-Match lists it); readable by whoever may read its claim's thread")
    public Response get(@PathParam("id") long id,
            @Parameter(description = "ETags the client already has, or *", example = "\"0\"") @HeaderParam("If-None-Match") List<String> ifNoneMatch) {
        Comment comment = comments.get(id, currentUser.actor());
        return ConditionalGet.ok(comment.version(), ifNoneMatch, () -> view(comment));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = CommentView.class, responseCode = "200")
    @Operation(operationId = "editComment", summary = "Edit your comment (requires If-Match; previous text is audited)")
    public Response edit(@PathParam("id") long id,
            @Parameter(required = true, description = "ETag of the comment version being edited", example = "\"0\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid EditCommentRequest request) {
        return withEtag(comments.edit(id, Preconditions.requireIfMatch(ifMatch), request.body(), currentUser.actor()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "204", description = "Deleted (a tombstone stays in the thread)")
    @Operation(operationId = "deleteComment",
            summary = "Delete a comment (author or editor): it stays in the thread as a tombstone")
    public Response delete(@PathParam("id") long id,
            @Parameter(description = "Optional: ETag of the version being deleted", example = "\"0\"") @HeaderParam("If-Match") List<String> ifMatch) {
        comments.delete(id, Preconditions.ifMatch(ifMatch), currentUser.actor());
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
        return Response.ok(view(comment)).tag(String.valueOf(comment.version())).build();
    }

    private CommentView view(Comment comment) {
        var allowed = comments.allowedActions(comment.claimId(), List.of(comment), currentUser.actor());
        return CommentView.of(comment, allowed.get(comment.id()));
    }
}
