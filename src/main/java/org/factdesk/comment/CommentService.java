package org.factdesk.comment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimAction;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.claim.ClaimPolicy.Facts;
import org.factdesk.claim.ClaimPolicy.ItemAction;
import org.factdesk.claim.ClaimService;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Text;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.identity.Actor;
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
    AuditTrail audit;

    /**
     * Posts a comment, or a reply when {@code parentId} names a comment on the same claim. Used by the comment
     * endpoint and by workflows that explain themselves on the thread (a returned ruling).
     */
    @Transactional
    public Comment post(long claimId, Long parentId, String body, Actor actor) {
        claims.get(claimId, actor, ClaimAction.COMMENT);
        String text = requireBody(body);
        if (parentId != null) {
            Comment parent = comments.findById(parentId);
            if (parent == null || parent.claimId() != claimId) {
                throw ProblemException.unprocessable("parentId", "must name a comment on the same claim");
            }
        }
        Comment comment = new Comment(claimId, parentId, actor.name(), text, mentionsIn(text));
        comments.persistAndFlush(comment);
        audit.record(claimId, actor.name(), new CommentEvent.Added(comment.id(), parentId, text, comment.mentions()));
        return comment;
    }

    /** A claim's comments in thread order: each comment followed by its replies, depth-first, by creation. */
    @Transactional
    public List<Comment> thread(long claimId, Actor actor) {
        claims.get(claimId, actor, ClaimAction.READ_COMMENTS);
        return threadOrder(comments.listByClaim(claimId));
    }

    /** One comment, if the caller may read its claim's thread (404 otherwise, as for the claim). */
    @Transactional
    public Comment get(long id, Actor actor) {
        Comment comment = comments.findById(id);
        if (comment == null) {
            throw ProblemException.notFound("Comment", id);
        }
        try {
            claims.get(comment.claimId(), actor, ClaimAction.READ_COMMENTS);
        } catch (ProblemException e) {
            throw e.status() == 404 ? ProblemException.notFound("Comment", id) : e;
        }
        return comment;
    }

    /** What the caller may do with each of these comments of one claim (for views). */
    @Transactional
    public Map<Long, Set<ItemAction>> allowedActions(long claimId, List<Comment> items, Actor actor) {
        Facts facts = Facts.of(claims.get(claimId, actor));
        Map<Long, Set<ItemAction>> out = new HashMap<>();
        for (Comment c : items) {
            out.put(c.id(), ClaimPolicy.commentActions(facts, actor, c.author(), c.deleted(), c.resolved()));
        }
        return out;
    }

    @Transactional
    public Comment edit(long id, IfMatch ifMatch, String body, Actor actor) {
        Comment comment = lock(id);
        authorize(comment, actor, ItemAction.EDIT);
        ifMatch.check(comment.version());
        String text = requireBody(body);
        if (text.equals(comment.body())) {
            return comment;
        }
        String previous = comment.body();
        comment.edit(text, mentionsIn(text));
        comments.flush();
        audit.record(comment.claimId(), actor.name(),
                new CommentEvent.Edited(comment.id(), previous, text, comment.mentions()));
        return comment;
    }

    /** Replaces the comment by a tombstone; the removed text stays in the audit log. Deleting twice changes nothing. */
    @Transactional
    public Comment delete(long id, IfMatch ifMatch, Actor actor) {
        Comment comment = lock(id);
        if (comment.deleted()) {
            // idempotent for whoever could have deleted it
            authorizeWith(comment, actor, ItemAction.DELETE, false);
            return comment;
        }
        authorize(comment, actor, ItemAction.DELETE);
        ifMatch.check(comment.version());
        String removed = comment.body();
        comment.delete(actor.name());
        comments.flush();
        audit.record(comment.claimId(), actor.name(), new CommentEvent.Deleted(comment.id(), comment.author(), removed));
        return comment;
    }

    /** Marks a review remark resolved (its author, the claim's assignee or an editor). Resolving twice changes nothing. */
    @Transactional
    public Comment resolve(long id, Actor actor) {
        Comment comment = lock(id);
        if (comment.resolved() && !comment.deleted()) {
            authorizeWith(comment, actor, ItemAction.RESOLVE, false);
            return comment;
        }
        authorize(comment, actor, ItemAction.RESOLVE);
        comment.resolve(actor.name());
        comments.flush();
        audit.record(comment.claimId(), actor.name(), new CommentEvent.Resolved(comment.id()));
        return comment;
    }

    private void authorize(Comment comment, Actor actor, ItemAction action) {
        authorizeWith(comment, actor, action, comment.deleted());
    }

    /** The policy's decision for this comment; {@code deleted} as the policy should see it. */
    private void authorizeWith(Comment comment, Actor actor, ItemAction action, boolean deleted) {
        Claim claim = claims.get(comment.claimId(), actor, ClaimAction.READ_COMMENTS);
        Facts facts = Facts.of(claim);
        ClaimService.refuseUnless(ClaimPolicy.decideComment(facts, actor, action, comment.author(), deleted,
                action == ItemAction.RESOLVE ? false : comment.resolved()), claim.id(), facts);
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
        return Text.require("body", text);
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
