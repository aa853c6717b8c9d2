package org.factdesk.claim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.AuditLog;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.identity.UserService;

/** The claim workflow: submit, edit, move, assign; each change audited in the same transaction. */
@ApplicationScoped
public class ClaimService {

    @Inject
    ClaimRepository claims;
    @Inject
    AuditLog audit;
    @Inject
    UserService users;

    /** One page of claims and the cursor of the next, if any. */
    public record Page(List<Claim> items, Long nextBeforeId) {
    }

    @Transactional
    public Claim submit(Claim.Details details, String actor) {
        Claim claim = new Claim(details, actor);
        claims.persist(claim);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("statement", details.statement());
        data.put("claimant", details.claimant());
        data.put("sourceUrl", details.sourceUrl());
        data.put("claimedAt", details.claimedAt() == null ? null : details.claimedAt().toString());
        data.put("language", claim.language());
        data.put("tags", claim.tags());
        data.put("priority", claim.priority().name());
        audit.recordFirst(claim.id(), "CLAIM_SUBMITTED", actor, data);
        return claim;
    }

    /** Reads need no transaction of their own: one statement, no flush, no JTA round. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Claim get(long id) {
        Claim claim = claims.findById(id);
        if (claim == null) {
            throw ProblemException.notFound("Claim", id);
        }
        return claim;
    }

    /** Locks the claim for this transaction and checks the client's If-Match against it (404, then 412). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim lockForWrite(long id, IfMatch ifMatch) {
        Claim claim = lockForWrite(id);
        ifMatch.check(claim.version());
        return claim;
    }

    /** Locks the claim for this transaction (404 when absent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim lockForWrite(long id) {
        Claim claim = claims.findForUpdate(id);
        if (claim == null) {
            throw ProblemException.notFound("Claim", id);
        }
        return claim;
    }

    @Transactional
    public Claim edit(long id, IfMatch ifMatch, UnaryOperator<Claim.Details> change, CurrentUser user) {
        Claim claim = lockForWrite(id, ifMatch);
        boolean mayEdit = user.has(Role.EDITOR)
                || (user.has(Role.FACT_CHECKER) && user.name().equals(claim.assignee()))
                || (user.name().equals(claim.submittedBy()) && claim.status() == ClaimStatus.SUBMITTED);
        if (!mayEdit) {
            throw ProblemException.forbidden(
                    "Only an editor, the assignee, or the submitter while the claim is SUBMITTED may edit it");
        }
        if (claim.status() == ClaimStatus.RATED) {
            throw ProblemException.conflict("Claim is rated", "Reopen the claim before editing a rated claim");
        }
        var changes = claim.edit(change.apply(claim.details()), user.name());
        if (!changes.isEmpty()) {
            claims.flush();
            audit.record(claim.id(), "CLAIM_EDITED", user.name(), Map.of("changes", changes));
        }
        return claim;
    }

    /** The manual moves this user may make from the claim's status (the transitions endpoint). */
    public Set<ClaimStatus> manualTargets(Claim claim, CurrentUser user) {
        Set<ClaimStatus> targets = claim.status().manualNext();
        if (!user.has(Role.EDITOR)) {
            boolean takes = claim.status() == ClaimStatus.SUBMITTED && user.has(Role.FACT_CHECKER);
            targets.removeIf(t -> !(takes && t == ClaimStatus.RESEARCHING));
        }
        return targets;
    }

    @Transactional
    public Claim transition(long id, IfMatch ifMatch, ClaimStatus target, String reason, Long duplicateOf,
            CurrentUser user) {
        Claim claim = lockForWrite(id, ifMatch);
        ClaimStatus from = claim.status();
        if (!from.manualNext().contains(target)) {
            throw new IllegalTransitionException(from, target, from.manualNext());
        }
        if (!manualTargets(claim, user).contains(target)) {
            throw ProblemException.forbidden("Your role may not move a " + from + " claim to " + target);
        }
        boolean needsReason = target == ClaimStatus.DISMISSED || from == ClaimStatus.DISMISSED
                || from == ClaimStatus.RATED;
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (needsReason && why == null) {
            throw ProblemException.unprocessable("reason", "a reason is required for this move");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (target == ClaimStatus.DISMISSED) {
            if (duplicateOf != null) {
                if (duplicateOf == id || claims.findById(duplicateOf) == null) {
                    throw ProblemException.unprocessable("duplicateOf", "must name another existing claim");
                }
                data.put("duplicateOf", duplicateOf);
            }
            claim.dismiss(why, duplicateOf, user.name());
        } else {
            claim.moveTo(target, user.name());
        }
        boolean takes = from == ClaimStatus.SUBMITTED && target == ClaimStatus.RESEARCHING
                && claim.assignee() == null && user.has(Role.FACT_CHECKER) && !user.name().startsWith("apikey:");
        if (takes) {
            claim.assign(user.name(), user.name());
        }
        claims.flush();
        recordTransition(claim, from, target, user.name(), why, data);
        if (takes) {
            audit.record(claim.id(), "CLAIM_ASSIGNED", user.name(), assignData(null, user.name()));
        }
        return claim;
    }

    /**
     * Moves a claim as part of another workflow (rulings drafted, returned, approved) and records it; the caller
     * holds the claim's lock and has checked permissions.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveByWorkflow(Claim claim, ClaimStatus target, String actor, String reason, Map<String, Object> extra) {
        ClaimStatus from = claim.status();
        claim.moveTo(target, actor);
        claims.flush();
        recordTransition(claim, from, target, actor, reason, extra);
    }

    private void recordTransition(Claim claim, ClaimStatus from, ClaimStatus to, String actor, String reason,
            Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from.name());
        data.put("to", to.name());
        data.put("reason", reason);
        if (extra != null) {
            data.putAll(extra);
        }
        audit.record(claim.id(), "CLAIM_TRANSITIONED", actor, data);
    }

    @Transactional
    public Claim assign(long id, IfMatch ifMatch, String username, CurrentUser user) {
        Claim claim = lockForWrite(id, ifMatch);
        boolean editor = user.has(Role.EDITOR);
        if (!editor && !(user.has(Role.FACT_CHECKER) && user.name().equals(username))) {
            throw ProblemException.forbidden("Fact-checkers may only assign themselves; editors assign anyone");
        }
        if (claim.status() == ClaimStatus.RATED || claim.status() == ClaimStatus.DISMISSED) {
            throw ProblemException.conflict("Claim is closed",
                    "A " + claim.status() + " claim cannot be assigned; reopen it first");
        }
        if (username != null) {
            users.requireActiveWithRole(username, "username", Role.FACT_CHECKER, Role.EDITOR);
        }
        String previous = claim.assignee();
        if (java.util.Objects.equals(previous, username) && claim.status() != ClaimStatus.SUBMITTED) {
            return claim;
        }
        ClaimStatus from = claim.status();
        claim.assign(username, user.name());
        boolean starts = from == ClaimStatus.SUBMITTED && username != null;
        if (starts) {
            claim.moveTo(ClaimStatus.RESEARCHING, user.name());
        }
        claims.flush();
        audit.record(claim.id(), "CLAIM_ASSIGNED", user.name(), assignData(previous, username));
        if (starts) {
            recordTransition(claim, from, ClaimStatus.RESEARCHING, user.name(), null, null);
        }
        return claim;
    }

    private static Map<String, Object> assignData(String from, String to) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to);
        return data;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(ClaimRepository.Filter filter, Long beforeId, int limit) {
        List<Claim> rows = claims.page(filter, beforeId, limit + 1);
        if (rows.size() > limit) {
            List<Claim> items = rows.subList(0, limit);
            return new Page(List.copyOf(items), items.get(limit - 1).id());
        }
        return new Page(rows, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<ClaimStatus, Long> counts() {
        return claims.countByStatus();
    }
}
