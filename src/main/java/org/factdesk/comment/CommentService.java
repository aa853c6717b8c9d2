package org.factdesk.comment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.AuditLog;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimService;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.identity.UserService;

/**
 * The discussion on a claim: post, reply, edit (author only), delete to a tombstone (author or editor), resolve.
 * Every change is audited on the claim's chain in the same transaction; edits and deletions keep the previous text
 * there.
 */
@ApplicationScoped
public class CommentService {

    /** Longest comment body, in characters. */
    public static final int BODY_MAX = 10_000;

    @Inject
    CommentRepository comments;
    @Inject
    ClaimService claims;
    @Inject
    UserService users;
    @Inject
    AuditLog audit;

    /**
     * Posts a comment, or a reply when {@code parentId} names a comment on the same claim. Used by the comment
     * endpoint and by workflows that explain themselves on the thread (a returned ruling).
     */
    @Transactional
    public Comment post(long claimId, Long parentId, String body, CurrentUser user) {
        Claim claim = claims.get(claimId);
        requireWriter(claim, user);
        String text = requireBody(body);
        if (parentId != null) {
            Comment parent = comments.findById(parentId);
            if (parent == null || parent.claimId() != claimId) {
                throw ProblemException.unprocessable("parentId", "must name a comment on the same claim");
            }
        }
        Comment comment = new Comment(claimId, parentId, user.name(), text, mentionsIn(text));
        comments.persistAndFlush(comment);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", comment.id());
        data.put("parentId", parentId);
        data.put("body", text);
        data.put("mentions", comment.mentions());
        audit.record(claimId, "COMMENT_ADDED", user.name(), data);
        return comment;
    }

    /** A claim's comments in thread order: each comment followed by its replies, depth-first, by creation. */
    @Transactional
    public List<Comment> thread(long claimId, CurrentUser user) {
        requireReader(claims.get(claimId), user);
        return threadOrder(comments.listByClaim(claimId));
    }

    /** One comment, for those who may read its claim's thread. */
    @Transactional
    public Comment get(long id, CurrentUser user) {
        Comment comment = comments.findById(id);
        if (comment == null) {
            throw ProblemException.notFound("Comment", id);
        }
        requireReader(claims.get(comment.claimId()), user);
        return comment;
    }

    @Transactional
    public Comment edit(long id, IfMatch ifMatch, String body, CurrentUser user) {
        Comment comment = lock(id);
        if (!user.name().equals(comment.author())) {
            throw ProblemException.forbidden("Only the author may edit a comment");
        }
        if (comment.deleted()) {
            throw ProblemException.conflict("Comment deleted", "A deleted comment cannot be edited");
        }
        ifMatch.check(comment.version());
        String text = requireBody(body);
        if (text.equals(comment.body())) {
            return comment;
        }
        String previous = comment.body();
        comment.edit(text, mentionsIn(text));
        comments.flush();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", comment.id());
        data.put("previousBody", previous);
        data.put("body", text);
        data.put("mentions", comment.mentions());
        audit.record(comment.claimId(), "COMMENT_EDITED", user.name(), data);
        return comment;
    }

    /** Replaces the comment by a tombstone; the removed text stays in the audit log. Deleting twice changes nothing. */
    @Transactional
    public Comment delete(long id, IfMatch ifMatch, CurrentUser user) {
        Comment comment = lock(id);
        if (!user.name().equals(comment.author()) && !user.has(Role.EDITOR)) {
            throw ProblemException.forbidden("Only the author or an editor may delete a comment");
        }
        if (comment.deleted()) {
            return comment;
        }
        ifMatch.check(comment.version());
        String removed = comment.body();
        comment.delete(user.name());
        comments.flush();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", comment.id());
        data.put("author", comment.author());
        data.put("body", removed);
        audit.record(comment.claimId(), "COMMENT_DELETED", user.name(), data);
        return comment;
    }

    /** Marks a review remark resolved (its author, the claim's assignee or an editor). Resolving twice changes nothing. */
    @Transactional
    public Comment resolve(long id, CurrentUser user) {
        Comment comment = lock(id);
        Claim claim = claims.get(comment.claimId());
        boolean may = user.has(Role.EDITOR) || user.name().equals(comment.author())
                || user.name().equals(claim.assignee());
        if (!may) {
            throw ProblemException.forbidden("Only the author, the claim's assignee or an editor may resolve a comment");
        }
        if (comment.deleted()) {
            throw ProblemException.conflict("Comment deleted", "A deleted comment cannot be resolved");
        }
        if (comment.resolved()) {
            return comment;
        }
        comment.resolve(user.name());
        comments.flush();
        audit.record(comment.claimId(), "COMMENT_RESOLVED", user.name(), Map.of("commentId", comment.id()));
        return comment;
    }

    private Comment lock(long id) {
        Comment comment = comments.findForUpdate(id);
        if (comment == null) {
            throw ProblemException.notFound("Comment", id);
        }
        return comment;
    }

    private List<String> mentionsIn(String text) {
        List<String> candidates = Mentions.candidates(text);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> known = users.existingUsernames(candidates);
        return candidates.stream().filter(known::contains).toList();
    }

    private static String requireBody(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw ProblemException.unprocessable("body", "must not be blank");
        }
        if (text.codePointCount(0, text.length()) > BODY_MAX) {
            throw ProblemException.unprocessable("body", "must be at most " + BODY_MAX + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw ProblemException.unprocessable("body", "must not contain NUL characters");
        }
        return text;
    }

    /** Staff comment anywhere; contributors only on claims they submitted; auditors never. */
    private static void requireWriter(Claim claim, CurrentUser user) {
        if (user.hasAny(Role.FACT_CHECKER, Role.EDITOR, Role.ADMIN)) {
            return;
        }
        if (user.has(Role.CONTRIBUTOR) && user.name().equals(claim.submittedBy())) {
            return;
        }
        throw ProblemException.forbidden(user.has(Role.CONTRIBUTOR)
                ? "Contributors may comment only on claims they submitted"
                : "Your role may read comments but not write them");
    }

    private static void requireReader(Claim claim, CurrentUser user) {
        if (user.hasAny(Role.FACT_CHECKER, Role.EDITOR, Role.ADMIN, Role.AUDITOR)) {
            return;
        }
        if (!user.name().equals(claim.submittedBy())) {
            throw ProblemException.forbidden("Contributors see comments only on claims they submitted");
        }
    }

    static List<Comment> threadOrder(List<Comment> byCreation) {
        Map<Long, Comment> byId = new HashMap<>();
        for (Comment c : byCreation) {
            byId.put(c.id(), c);
        }
        Map<Long, List<Comment>> replies = new HashMap<>();
        List<Comment> roots = new ArrayList<>();
        for (Comment c : byCreation) {
            if (c.parentId() != null && byId.containsKey(c.parentId())) {
                replies.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            } else {
                roots.add(c);
            }
        }
        List<Comment> ordered = new ArrayList<>(byCreation.size());
        Deque<Comment> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            Comment c = stack.pop();
            ordered.add(c);
            List<Comment> children = replies.getOrDefault(c.id(), List.of());
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return ordered;
    }
}
