package org.factdesk.claim;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.factdesk.common.Audience;
import org.factdesk.identity.Actor;
import org.factdesk.identity.Role;

/**
 * Who may do what with a claim and with what hangs off it (history, evidence, comments, rulings): every rule in one
 * place, decided from facts alone (no I/O), used by every service and returned to clients as {@code allowedActions}.
 * The matrix it implements is in {@code docs/api-contract.md} ("Access policy"), and a test per cell checks the API
 * against it.
 * <p>
 * In short: desk staff (fact-checkers, editors, auditors, administrators) read everything; contributors see the
 * claims they submitted (the claim, its own changes in the history, its comments, its published rulings) and of
 * other people's claims nothing but published rulings, which are public anyway. A claim a caller may not see does
 * not exist for them (404), so ids do not leak what the desk works on. Fact-checkers and editors research; only
 * editors triage, assign others, dismiss, reopen and approve; nobody approves a ruling they drafted (four-eyes).
 */
public final class ClaimPolicy {

    private static final Set<ClaimStatus> ASSIGNABLE = EnumSet.of(ClaimStatus.SUBMITTED, ClaimStatus.RESEARCHING,
            ClaimStatus.IN_REVIEW);
    /** Statuses in which evidence may be added or retracted. */
    public static final Set<ClaimStatus> EVIDENCE_OPEN = EnumSet.of(ClaimStatus.RESEARCHING, ClaimStatus.IN_REVIEW);

    private ClaimPolicy() {
    }

    /**
     * What the rules look at. {@code barredApprover} is who may not approve the ruling under review (its drafter,
     * when the four-eyes rule is on), as the ruling workflow reports it; null when none is under review.
     */
    public record Facts(ClaimStatus status, String submittedBy, String assignee, String barredApprover) {
        public static Facts of(Claim c) {
            return new Facts(c.status(), c.submittedBy(), c.assignee(), null);
        }

        public Facts withBarredApprover(String username) {
            return new Facts(status, submittedBy, assignee, username);
        }
    }

    /** How much of a claim a caller sees. */
    public enum Sight {
        /** Nothing: the claim does not exist for them. */
        NONE,
        /** Its submitter: the claim, its own changes, its comments and published rulings. */
        SUBMITTER,
        /** Desk staff: everything. */
        STAFF
    }

    /** The outcome of a decision, as the problem the API answers with when it is not {@link #ALLOWED}. */
    public enum Outcome {
        ALLOWED, HIDDEN, FORBIDDEN, CONFLICT
    }

    /** A decision and, when refused, why (title for the problem, detail for people, type for clients). */
    public record Decision(Outcome outcome, String type, String title, String detail) {
        public static final Decision ALLOW = new Decision(Outcome.ALLOWED, null, null, null);
        /** What a caller is told of a claim they may not see, or one that does not exist: nothing. */
        public static final Decision HIDE = new Decision(Outcome.HIDDEN, "not-found", "Not found", null);

        static Decision forbid(String detail) {
            return new Decision(Outcome.FORBIDDEN, "forbidden", "Forbidden", detail);
        }

        static Decision conflict(String title, String detail) {
            return new Decision(Outcome.CONFLICT, "conflict", title, detail);
        }

        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    /** Actions on one comment or one piece of evidence. */
    public enum ItemAction {
        EDIT, DELETE, RESOLVE, RETRACT
    }

    public static Sight sight(Facts claim, Actor actor) {
        if (actor.hasAny(Role.FACT_CHECKER, Role.EDITOR, Role.AUDITOR, Role.ADMIN)) {
            return Sight.STAFF;
        }
        return actor.is(claim.submittedBy()) ? Sight.SUBMITTER : Sight.NONE;
    }

    /** The history events a caller may read. */
    public static Set<Audience> historyAudiences(Facts claim, Actor actor) {
        return switch (sight(claim, actor)) {
            case STAFF -> EnumSet.allOf(Audience.class);
            case SUBMITTER -> EnumSet.of(Audience.SUBMITTER);
            case NONE -> EnumSet.noneOf(Audience.class);
        };
    }

    /** Whether listings and counts show this caller every claim, or only the ones they submitted. */
    public static boolean seesAllClaims(Actor actor) {
        return actor.hasAny(Role.FACT_CHECKER, Role.EDITOR, Role.AUDITOR, Role.ADMIN);
    }

    /** Every action the caller may take on the claim now. */
    public static Set<ClaimAction> allowed(Facts claim, Actor actor) {
        Set<ClaimAction> allowed = EnumSet.noneOf(ClaimAction.class);
        for (ClaimAction a : ClaimAction.values()) {
            if (decide(claim, actor, a).allowed()) {
                allowed.add(a);
            }
        }
        return allowed;
    }

    /** The manual status changes the caller may make now (derived from {@link #allowed}). */
    public static Set<ClaimStatus> allowedTransitions(Facts claim, Actor actor) {
        Set<ClaimStatus> targets = EnumSet.noneOf(ClaimStatus.class);
        for (ClaimStatus to : claim.status().manualNext()) {
            if (decide(claim, actor, actionFor(claim.status(), to, actor)).allowed()) {
                targets.add(to);
            }
        }
        return targets;
    }

    /** The action a manual move from one status to another is (the move itself must be one the status allows). */
    public static ClaimAction actionFor(ClaimStatus from, ClaimStatus to, Actor actor) {
        if (to == ClaimStatus.DISMISSED) {
            return ClaimAction.DISMISS;
        }
        if (from == ClaimStatus.DISMISSED) {
            return ClaimAction.REOPEN;
        }
        if (from == ClaimStatus.RATED) {
            return ClaimAction.REOPEN_FOR_CORRECTION;
        }
        return actor.integration() ? ClaimAction.START_RESEARCH : ClaimAction.TAKE;
    }

    public static Decision decide(Facts claim, Actor actor, ClaimAction action) {
        Sight sight = sight(claim, actor);
        if (sight == Sight.NONE) {
            return Decision.HIDE;
        }
        boolean editor = actor.has(Role.EDITOR);
        boolean researcher = actor.hasAny(Role.FACT_CHECKER, Role.EDITOR);
        ClaimStatus status = claim.status();
        return switch (action) {
            case READ, READ_HISTORY, READ_COMMENTS -> Decision.ALLOW;
            case READ_EVIDENCE, READ_DRAFTS -> sight == Sight.STAFF ? Decision.ALLOW
                    : Decision.forbid("Contributors see their claim, its comments and its published rulings; "
                            + "evidence and drafts are the desk's working material");
            case EDIT -> edit(claim, actor, editor);
            case TAKE -> {
                if (!researcher || actor.integration()) {
                    yield Decision.forbid(actor.integration()
                            ? "An integration cannot be an assignee; move the claim with START_RESEARCH instead"
                            : "Only fact-checkers and editors take claims");
                }
                if (!ASSIGNABLE.contains(status)) {
                    yield closed(status, "taken");
                }
                yield actor.is(claim.assignee()) ? Decision.conflict("Already yours", "You are this claim's assignee")
                        : Decision.ALLOW;
            }
            case START_RESEARCH -> !researcher || !actor.integration()
                    ? Decision.forbid(actor.integration() ? "Only fact-checker and editor keys start research"
                            : "Take the claim to start research on it")
                    : status != ClaimStatus.SUBMITTED ? notIn(status, "Research can start only on a SUBMITTED claim")
                    : Decision.ALLOW;
            case ASSIGN -> !editor ? Decision.forbid("Fact-checkers may only take claims themselves; editors assign anyone")
                    : !ASSIGNABLE.contains(status) ? closed(status, "assigned") : Decision.ALLOW;
            case DISMISS -> editorIn(editor, status, EnumSet.of(ClaimStatus.SUBMITTED, ClaimStatus.RESEARCHING),
                    "Only editors dismiss claims", "Only a SUBMITTED or RESEARCHING claim can be dismissed");
            case REOPEN -> editorIn(editor, status, EnumSet.of(ClaimStatus.DISMISSED), "Only editors reopen claims",
                    "Only a DISMISSED claim can be reopened for triage");
            case REOPEN_FOR_CORRECTION -> editorIn(editor, status, EnumSet.of(ClaimStatus.RATED),
                    "Only editors reopen a rated claim for correction", "Only a RATED claim can be reopened for correction");
            case ADD_EVIDENCE, RETRACT_EVIDENCE -> !researcher
                    ? Decision.forbid("Only fact-checkers and editors may add or retract evidence")
                    : !EVIDENCE_OPEN.contains(status) ? Decision.conflict("Claim is not being researched",
                            "Evidence changes while a claim is " + names(EVIDENCE_OPEN) + "; this one is " + status)
                    : Decision.ALLOW;
            case COMMENT -> researcher || (sight == Sight.SUBMITTER) ? Decision.ALLOW
                    : Decision.forbid(actor.has(Role.CONTRIBUTOR) ? "Contributors may comment only on claims they submitted"
                            : "Your role may read comments but not write them");
            case DRAFT_RULING -> !researcher ? Decision.forbid("Only fact-checkers and editors draft rulings")
                    : status != ClaimStatus.RESEARCHING ? Decision.conflict("Claim not in research",
                            "A ruling can be drafted only while the claim is RESEARCHING; it is " + status)
                    : Decision.ALLOW;
            case APPROVE_RULING -> {
                if (!editor) {
                    yield Decision.forbid("Only editors approve rulings");
                }
                if (status != ClaimStatus.IN_REVIEW) {
                    yield Decision.conflict("Ruling not under review", "The claim is " + status
                            + "; only a ruling under review (claim IN_REVIEW) can be approved");
                }
                yield actor.is(claim.barredApprover()) ? new Decision(Outcome.FORBIDDEN, "four-eyes", "Four-eyes rule",
                        "You drafted this ruling, so another editor must approve it (four-eyes rule: the drafter of a "
                                + "ruling cannot approve it)") : Decision.ALLOW;
            }
            case RETURN_RULING -> !editor ? Decision.forbid("Only editors return rulings to research")
                    : status != ClaimStatus.IN_REVIEW ? Decision.conflict("Ruling not under review", "The claim is "
                            + status + "; only a ruling under review (claim IN_REVIEW) can be returned")
                    : Decision.ALLOW;
        };
    }

    /**
     * Whether the caller may import claims in bulk (many claims at once, in their name, each audited like a
     * submission): editors only, since an import fills the desk's queue the way triage does; fact-checkers and
     * contributors submit one claim at a time, auditors and administrators change nothing on claims.
     */
    public static Decision decideImport(Actor actor) {
        return actor.has(Role.EDITOR) ? Decision.ALLOW
                : Decision.forbid("Only editors import claims in bulk; submit single claims with POST /api/v1/claims");
    }

    /** What the caller may do with one comment on the claim. */
    public static Set<ItemAction> commentActions(Facts claim, Actor actor, String author, boolean deleted,
            boolean resolved) {
        Set<ItemAction> allowed = EnumSet.noneOf(ItemAction.class);
        for (ItemAction a : List.of(ItemAction.EDIT, ItemAction.DELETE, ItemAction.RESOLVE)) {
            if (decideComment(claim, actor, a, author, deleted, resolved).allowed()) {
                allowed.add(a);
            }
        }
        return allowed;
    }

    public static Decision decideComment(Facts claim, Actor actor, ItemAction action, String author, boolean deleted,
            boolean resolved) {
        Decision write = decide(claim, actor, ClaimAction.COMMENT);
        if (write.outcome() == Outcome.HIDDEN) {
            return write;
        }
        boolean own = actor.is(author);
        return switch (action) {
            case EDIT -> !own ? Decision.forbid("Only the author may edit a comment")
                    : deleted ? Decision.conflict("Comment deleted", "A deleted comment cannot be edited") : write;
            case DELETE -> !own && !actor.has(Role.EDITOR) ? Decision.forbid("Only the author or an editor may delete a comment")
                    : deleted ? Decision.conflict("Comment deleted", "The comment is already deleted") : write;
            case RESOLVE -> !own && !actor.has(Role.EDITOR) && !actor.is(claim.assignee())
                    ? Decision.forbid("Only the author, the claim's assignee or an editor may resolve a comment")
                    : deleted ? Decision.conflict("Comment deleted", "A deleted comment cannot be resolved")
                    : resolved ? Decision.conflict("Already resolved", "The comment is already resolved") : write;
            case RETRACT -> throw new IllegalArgumentException("comments are not retracted");
        };
    }

    /** What the caller may do with one piece of evidence on the claim. */
    public static Set<ItemAction> evidenceActions(Facts claim, Actor actor, String addedBy, boolean retracted) {
        return decideEvidence(claim, actor, addedBy, retracted).allowed() ? EnumSet.of(ItemAction.RETRACT)
                : EnumSet.noneOf(ItemAction.class);
    }

    /** Whether the caller may retract this piece of evidence. */
    public static Decision decideEvidence(Facts claim, Actor actor, String addedBy, boolean retracted) {
        Decision d = decide(claim, actor, ClaimAction.RETRACT_EVIDENCE);
        if (d.outcome() == Outcome.HIDDEN || d.outcome() == Outcome.FORBIDDEN) {
            return d;
        }
        if (!actor.has(Role.EDITOR) && !actor.is(addedBy)) {
            return Decision.forbid("Only an editor or the fact-checker who added it may retract evidence");
        }
        if (retracted) {
            return Decision.conflict("Already retracted", "This evidence is already retracted");
        }
        return d;
    }

    private static Decision edit(Facts claim, Actor actor, boolean editor) {
        boolean assignee = actor.has(Role.FACT_CHECKER) && actor.is(claim.assignee());
        boolean submitter = actor.is(claim.submittedBy()) && claim.status() == ClaimStatus.SUBMITTED;
        if (!editor && !assignee && !submitter) {
            return Decision.forbid("Only an editor, the assignee, or the submitter while the claim is SUBMITTED may edit it");
        }
        if (claim.status() == ClaimStatus.RATED) {
            return Decision.conflict("Claim is rated", "Reopen the claim for correction before editing a rated claim");
        }
        return Decision.ALLOW;
    }

    private static Decision editorIn(boolean editor, ClaimStatus status, Set<ClaimStatus> allowed, String forbidden,
            String conflict) {
        if (!editor) {
            return Decision.forbid(forbidden);
        }
        return allowed.contains(status) ? Decision.ALLOW : notIn(status, conflict);
    }

    private static Decision notIn(ClaimStatus status, String detail) {
        return Decision.conflict("Illegal status change", detail + "; this one is " + status);
    }

    private static Decision closed(ClaimStatus status, String what) {
        return Decision.conflict("Claim is closed", "A " + status + " claim cannot be " + what + "; reopen it first");
    }

    private static String names(Set<ClaimStatus> statuses) {
        return statuses.stream().map(Enum::name).sorted().toList().toString();
    }
}
