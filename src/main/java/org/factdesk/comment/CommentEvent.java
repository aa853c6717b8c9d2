package org.factdesk.comment;

import java.util.List;

import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

/**
 * The discussion on a claim. Staff only in the history: edits and deletions keep the previous text here, which the
 * thread itself no longer shows.
 */
public sealed interface CommentEvent extends AuditRecord {

    @AuditType("COMMENT_ADDED")
    record Added(long commentId, Long parentId, String body, List<String> mentions) implements CommentEvent {
    }

    @AuditType("COMMENT_EDITED")
    record Edited(long commentId, String previousBody, String body, List<String> mentions) implements CommentEvent {
    }

    @AuditType("COMMENT_DELETED")
    record Deleted(long commentId, String author, String body) implements CommentEvent {
    }

    @AuditType("COMMENT_RESOLVED")
    record Resolved(long commentId) implements CommentEvent {
    }
}
