package org.factdesk.claim;

/**
 * What a caller may do with a claim and what hangs off it; {@link ClaimPolicy} decides, claim views carry the
 * allowed ones as {@code allowedActions} so clients show exactly what the server will accept.
 */
public enum ClaimAction {
    /** See the claim. */
    READ,
    /** See its history (staff see every event; the submitter only the claim's own changes). */
    READ_HISTORY,
    /** See its evidence. */
    READ_EVIDENCE,
    /** See its comment thread. */
    READ_COMMENTS,
    /** See draft and returned rulings (published rulings are public). */
    READ_DRAFTS,
    /** Edit statement, claimant, source, date, language, tags, priority. */
    EDIT,
    /** Take the claim: become its assignee (a submitted claim starts research). */
    TAKE,
    /** Start research without taking it (integrations, which cannot be assignees). */
    START_RESEARCH,
    /** Assign anyone, or nobody. */
    ASSIGN,
    /** Dismiss it (out of scope, not checkable, or a duplicate of another claim). */
    DISMISS,
    /** Reopen a dismissed claim for triage. */
    REOPEN,
    /** Reopen a rated claim to correct its ruling. */
    REOPEN_FOR_CORRECTION,
    ADD_EVIDENCE,
    /** Retract evidence (an editor any item, a fact-checker the items they added). */
    RETRACT_EVIDENCE,
    COMMENT,
    DRAFT_RULING,
    APPROVE_RULING,
    RETURN_RULING
}
