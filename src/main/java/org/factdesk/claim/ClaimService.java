package org.factdesk.claim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.ClaimPolicy.Decision;
import org.factdesk.claim.ClaimPolicy.Facts;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.Cursors;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.identity.Actor;
import org.factdesk.identity.Role;
import org.factdesk.identity.UserService;

/**
 * The claim workflow: submit, edit, move, assign; each change authorized by {@link ClaimPolicy} and audited in the
 * same transaction. Features above claims (evidence, comments, rulings ...) read and lock claims through here, so
 * they are held to the same policy.
 */
@ApplicationScoped
public class ClaimService {

    @Inject
    ClaimRepository claims;
    @Inject
    AuditTrail audit;
    @Inject
    UserService users;
    @Inject
    Instance<ReviewBarrier> reviews;
    @Inject
    LanguageGuess languages;

    /** One page of claims and the cursor of the next, if any. */
    /** A page and the opaque cursor of the next one, if any. */
    public record Page(List<Claim> items, String nextCursor) {
    }

    /** How a listing is ordered: newest first (keyset on id), or by full-text rank (needs a query). */
    public enum Sort {
        NEWEST, RELEVANCE
    }

    @Transactional
    public Claim submit(Claim.Details details, Actor actor) {
        if (!actor.hasAny(Role.CONTRIBUTOR, Role.FACT_CHECKER, Role.EDITOR)) {
            throw ProblemException.forbidden("Only contributors, fact-checkers and editors submit claims");
        }
        Claim claim = new Claim(withLanguage(details), actor.name());
        claims.persist(claim);
        audit.recordFirst(claim.id(), actor.name(), ClaimEvent.Submitted.of(claim.details()));
        return claim;
    }

    /**
     * The details of a new claim as it will be stored: the language detected from the statement when none was given,
     * and the defaults filled in. A bulk import stores its claims through this too, so they match like submitted ones.
     */
    public Claim.Details withLanguage(Claim.Details details) {
        Claim.Details d = details.language() != null ? details : new Claim.Details(details.statement(),
                details.claimant(), details.sourceUrl(), details.claimedAt(), languages.of(details.statement()),
                details.tags(), details.priority());
        return d.stored();
    }

    /** A claim the caller may see (404 when it does not exist or is not theirs to see). Reads need no transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Claim get(long id, Actor actor) {
        return require(find(id), id, actor, ClaimAction.READ);
    }

    /** A claim the caller may see and act on as {@code action} (404, 403 or 409 otherwise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Claim get(long id, Actor actor, ClaimAction action) {
        return require(find(id), id, actor, action);
    }

    /** Locks the claim for this transaction, checks the caller may act on it and the client's version (404, 403/409, 412). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim lockForWrite(long id, IfMatch ifMatch, Actor actor, ClaimAction action) {
        Claim claim = lockForWrite(id, actor, action);
        ifMatch.check(claim.version());
        return claim;
    }

    /** Locks the claim for this transaction and checks the caller may act on it as {@code action}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim lockForWrite(long id, Actor actor, ClaimAction action) {
        return require(claims.findForUpdate(id), id, actor, action);
    }

    /** The facts the policy decides on, including who may not approve a ruling under review. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts facts(Claim claim) {
        return facts(List.of(claim)).get(claim.id());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Facts> facts(List<Claim> list) {
        Map<Long, Facts> facts = new HashMap<>();
        List<Long> inReview = list.stream().filter(c -> c.status() == ClaimStatus.IN_REVIEW).map(Claim::id).toList();
        Map<Long, String> barred = inReview.isEmpty() || reviews.isUnsatisfied() ? Map.of()
                : reviews.get().barredApprovers(inReview);
        for (Claim c : list) {
            facts.put(c.id(), Facts.of(c).withBarredApprover(barred.get(c.id())));
        }
        return facts;
    }

    /** The policy's decision on a claim by id, without throwing (a missing claim is hidden). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Decision decide(long id, Actor actor, ClaimAction action) {
        Claim claim = find(id);
        if (claim == null) {
            return Decision.HIDE;
        }
        return ClaimPolicy.decide(action == ClaimAction.APPROVE_RULING ? facts(claim) : Facts.of(claim), actor, action);
    }

    /** Throws the policy's refusal as a problem unless the caller may act on the claim as {@code action}. */
    public Claim require(Claim claim, long id, Actor actor, ClaimAction action) {
        if (claim == null) {
            throw ProblemException.notFound("Claim", id);
        }
        Facts facts = action == ClaimAction.APPROVE_RULING ? facts(claim) : Facts.of(claim);
        refuseUnless(ClaimPolicy.decide(facts, actor, action), id, facts);
        return claim;
    }

    /** Turns a refusal of the policy into the problem the API answers with. */
    public static void refuseUnless(Decision d, long claimId, Facts facts) {
        switch (d.outcome()) {
            case ALLOWED -> {
            }
            case HIDDEN -> throw ProblemException.notFound("Claim", claimId);
            case FORBIDDEN -> throw new ProblemException(403, d.type(), d.title(), d.detail(),
                    "four-eyes".equals(d.type()) ? Map.of("draftedBy", facts.barredApprover()) : Map.of(), Map.of());
            case CONFLICT -> throw new ProblemException(409, d.type(), d.title(), d.detail(),
                    Map.of("status", facts.status().name()), Map.of());
        }
    }

    private Claim find(long id) {
        return claims.findById(id);
    }

    @Transactional
    public Claim edit(long id, IfMatch ifMatch, UnaryOperator<Claim.Details> change, Actor actor) {
        Claim claim = lockForWrite(id, ifMatch, actor, ClaimAction.EDIT);
        var changes = claim.edit(change.apply(claim.details()), actor.name());
        if (!changes.isEmpty()) {
            claims.flush();
            audit.record(claim.id(), actor.name(), new ClaimEvent.Edited(changes));
        }
        return claim;
    }

    @Transactional
    public Claim transition(long id, IfMatch ifMatch, ClaimStatus target, String reason, Long duplicateOf,
            Actor actor) {
        Claim claim = lockForWrite(id, actor, ClaimAction.READ);
        ClaimStatus from = claim.status();
        if (!from.manualNext().contains(target)) {
            throw new IllegalTransitionException(from, target, from.manualNext());
        }
        ClaimAction action = ClaimPolicy.actionFor(from, target, actor);
        require(claim, id, actor, action);
        ifMatch.check(claim.version());
        boolean needsReason = target == ClaimStatus.DISMISSED || from == ClaimStatus.DISMISSED
                || from == ClaimStatus.RATED;
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (needsReason && why == null) {
            throw ProblemException.unprocessable("reason", "a reason is required for this move");
        }
        if (duplicateOf != null && target != ClaimStatus.DISMISSED) {
            throw ProblemException.unprocessable("duplicateOf", "only a dismissal names the claim this one duplicates");
        }
        if (target == ClaimStatus.DISMISSED) {
            if (duplicateOf != null) {
                Claim original = duplicateOf == id ? null : claims.findById(duplicateOf);
                if (original == null) {
                    throw ProblemException.unprocessable("duplicateOf", "must name another existing claim");
                }
                // duplicates point at the original, never along a chain, so "duplicates of X" counts every return
                if (original.duplicateOf() != null) {
                    throw ProblemException.unprocessable("duplicateOf", "claim " + duplicateOf
                            + " is itself a duplicate of claim " + original.duplicateOf() + "; name that one");
                }
            }
            claim.dismiss(why, duplicateOf, actor.name());
        } else {
            claim.moveTo(target, actor.name());
        }
        boolean takes = action == ClaimAction.TAKE && claim.assignee() == null;
        if (takes) {
            claim.assign(actor.name(), actor.name());
        }
        claims.flush();
        audit.record(claim.id(), actor.name(), new ClaimEvent.Transitioned(from.name(), target.name(), why,
                duplicateOf, null, null));
        if (takes) {
            audit.record(claim.id(), actor.name(), new ClaimEvent.Assigned(null, actor.name()));
        }
        return claim;
    }

    /**
     * Moves a claim as part of another workflow (rulings drafted, returned, approved) and records it; the caller
     * holds the claim's lock and the policy has allowed the workflow's own action.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveByWorkflow(Claim claim, ClaimStatus target, String actor, String reason, Long rulingId,
            Integer versionNumber) {
        ClaimStatus from = claim.status();
        claim.moveTo(target, actor);
        claims.flush();
        audit.record(claim.id(), actor, new ClaimEvent.Transitioned(from.name(), target.name(), reason, null, rulingId,
                versionNumber));
    }

    /** Assigns the claim ({@code username} null unassigns); taking it yourself is {@link ClaimAction#TAKE}. */
    @Transactional
    public Claim assign(long id, IfMatch ifMatch, String username, Actor actor) {
        ClaimAction action = actor.is(username) && !actor.has(Role.EDITOR) ? ClaimAction.TAKE : ClaimAction.ASSIGN;
        Claim claim = lockForWrite(id, ifMatch, actor, action);
        if (username != null) {
            users.requireActiveWithRole(username, "username", Role.FACT_CHECKER, Role.EDITOR);
        }
        String previous = claim.assignee();
        if (Objects.equals(previous, username) && claim.status() != ClaimStatus.SUBMITTED) {
            return claim;
        }
        ClaimStatus from = claim.status();
        claim.assign(username, actor.name());
        boolean starts = from == ClaimStatus.SUBMITTED && username != null;
        if (starts) {
            claim.moveTo(ClaimStatus.RESEARCHING, actor.name());
        }
        claims.flush();
        audit.record(claim.id(), actor.name(), new ClaimEvent.Assigned(previous, username));
        if (starts) {
            audit.record(claim.id(), actor.name(), new ClaimEvent.Transitioned(from.name(),
                    ClaimStatus.RESEARCHING.name(), null, null, null, null));
        }
        return claim;
    }

    /** A page of the claims the caller may see: contributors only ever list what they submitted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(ClaimRepository.Filter filter, Sort sort, String cursor, int limit, Actor actor) {
        if (sort == Sort.RELEVANCE && filter.query() == null) {
            throw ProblemException.unprocessable("sort", "relevance needs a search text (q)");
        }
        ClaimRepository.Filter scoped = scoped(filter, actor);
        if (scoped == null) {
            return new Page(List.of(), null);
        }
        if (sort == Sort.RELEVANCE) {
            List<ClaimRepository.Ranked> ranked = claims.rankedPage(scoped, Cursors.decodeRanked(cursor), limit + 1);
            List<ClaimRepository.Ranked> shown = ranked.size() > limit ? ranked.subList(0, limit) : ranked;
            Map<Long, Claim> byId = new HashMap<>();
            if (!shown.isEmpty()) {
                claims.list("id in ?1", shown.stream().map(ClaimRepository.Ranked::id).toList())
                        .forEach(c -> byId.put(c.id(), c));
            }
            List<Claim> items = shown.stream().map(r -> byId.get(r.id())).filter(Objects::nonNull).toList();
            ClaimRepository.Ranked last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new Page(items, ranked.size() > limit ? Cursors.encode(new Cursors.Ranked(last.rank(), last.id())) : null);
        }
        List<Claim> rows = claims.page(scoped, Cursors.decode(cursor), limit + 1);
        if (rows.size() > limit) {
            List<Claim> items = rows.subList(0, limit);
            return new Page(List.copyOf(items), Cursors.encode(items.get(limit - 1).id()));
        }
        return new Page(rows, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<ClaimStatus, Long> counts(Actor actor) {
        return claims.countByStatus(ClaimPolicy.seesAllClaims(actor) ? null : actor.name());
    }

    /** The filter narrowed to what the caller may see; null when that is nothing (another submitter's claims). */
    private static ClaimRepository.Filter scoped(ClaimRepository.Filter f, Actor actor) {
        if (ClaimPolicy.seesAllClaims(actor)) {
            return f;
        }
        if (f.submittedBy() != null && !actor.is(f.submittedBy())) {
            return null;
        }
        return new ClaimRepository.Filter(f.status(), f.assignee(), f.tag(), f.query(), actor.name(), f.duplicateOf(),
                f.externalId());
    }

    /** The actions the caller may take on each claim (for views). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Set<ClaimAction>> allowedActions(List<Claim> list, Actor actor) {
        Map<Long, Set<ClaimAction>> out = new HashMap<>();
        facts(list).forEach((id, f) -> out.put(id, ClaimPolicy.allowed(f, actor)));
        return out;
    }
}
