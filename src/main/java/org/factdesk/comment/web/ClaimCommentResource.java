package org.factdesk.comment.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.factdesk.common.Idempotent;
import org.factdesk.comment.Comment;
import org.factdesk.comment.CommentService;
import org.factdesk.comment.web.CommentViews.CommentList;
import org.factdesk.comment.web.CommentViews.CommentView;
import org.factdesk.comment.web.CommentViews.PostCommentRequest;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** A claim's discussion thread: read it, post and reply. */
@Path("/api/v1/claims/{id}/comments")
@Tag(name = "Comments", description = "Reviewer discussion on claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimCommentResource {

    @Inject
    CommentService comments;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "listComments",
            summary = "A claim's comments in thread order (each followed by its replies, by creation)")
    public CommentList list(@PathParam("id") long id) {
        var thread = comments.thread(id, currentUser.actor());
        var allowed = comments.allowedActions(id, thread, currentUser.actor());
        return new CommentList(thread.stream().map(c -> CommentView.of(c, allowed.get(c.id()))).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = CommentView.class, responseCode = "201")
    @Idempotent
    @Operation(operationId = "postComment", summary = "Comment on a claim, or reply to a comment",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    public Response post(@PathParam("id") long id, @NotNull @Valid PostCommentRequest request) {
        Comment comment = comments.post(id, request.parentId(), request.body(), currentUser.actor());
        var allowed = comments.allowedActions(id, java.util.List.of(comment), currentUser.actor());
        return Response.created(UriBuilder.fromPath("/api/v1/comments/{id}").build(comment.id()))
                .tag(String.valueOf(comment.version())).entity(CommentView.of(comment, allowed.get(comment.id())))
                .build();
    }
}
