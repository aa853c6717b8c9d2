package org.factdesk.comment.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.claim.ClaimPolicy.ItemAction;
import org.factdesk.comment.Comment;

/** Request and response records of the comment endpoints. */
public final class CommentViews {

    private CommentViews() {
    }

    /** A new comment, or a reply to {@code parentId}. */
    @Schema(name = "PostCommentRequest")
    public record PostCommentRequest(
            @NotBlank @Schema(maxLength = 10000, description = "Plain text; @username mentions are recognised",
                    example = "@editor the ministry's statement contradicts the tweet, see the second link") String body,
            @Positive @Schema(description = "The comment this replies to (same claim)") Long parentId) {
    }

    /** New text for a comment. */
    @Schema(name = "EditCommentRequest")
    public record EditCommentRequest(
            @NotBlank @Schema(maxLength = 10000, example = "Corrected: the statement is from 5 April") String body) {
    }

    /** A comment as clients see it; a deleted one keeps its place with {@code body: null, deleted: true}. */
    @Schema(name = "Comment", requiredProperties = { "id", "claimId", "author", "mentions", "createdAt", "deleted", "resolved", "version", "allowedActions" })
    public record CommentView(long id, long claimId, Long parentId, @Schema(example = "checker") String author,
            @Schema(description = "Plain text (render escaped); null once deleted") String body,
            @Schema(description = "Usernames of existing users mentioned", example = "[\"editor\"]") List<String> mentions,
            Instant createdAt, Instant editedAt, boolean deleted, boolean resolved, String resolvedBy, long version,
            @Schema(description = "What the caller may do with this comment now (EDIT, DELETE, RESOLVE)")
            List<ItemAction> allowedActions) {

        static CommentView of(Comment c, Set<ItemAction> allowed) {
            return new CommentView(c.id(), c.claimId(), c.parentId(), c.author(), c.body(), c.mentions(),
                    c.createdAt(), c.editedAt(), c.deleted(), c.resolved(), c.resolvedBy(), c.version(),
                    List.copyOf(allowed));
        }
    }

    /** A claim's comments in thread order. */
    @Schema(name = "CommentList", requiredProperties = { "items" })
    public record CommentList(List<CommentView> items) {
    }
}
