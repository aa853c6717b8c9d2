package org.factdesk.common;

/**
 * Who may read an event in a claim's history besides the auditors. Stored with each event, so a history is filtered
 * in SQL and an old event keeps the audience it was written with.
 */
public enum Audience {
    /** The claim's submitter sees it too: the claim itself changed (submitted, edited, moved). */
    SUBMITTER,
    /** Desk staff only: evidence, comments with their removed text, drafts, assignments. */
    STAFF
}
