package org.factdesk.identity;

/** What a user or API key may do. */
public enum Role {
    /** Submits claims and follows their own. */
    CONTRIBUTOR,
    /** Researches claims: takes them, adds evidence, drafts rulings. */
    FACT_CHECKER,
    /** Triages, assigns, dismisses, reopens and approves rulings. */
    EDITOR,
    /** Manages users and API keys. */
    ADMIN,
    /** Reads everything, including the audit log, and changes nothing. */
    AUDITOR;

    /** Role names for {@code @RolesAllowed}. */
    public static final String CONTRIBUTOR_ = "CONTRIBUTOR";
    public static final String FACT_CHECKER_ = "FACT_CHECKER";
    public static final String EDITOR_ = "EDITOR";
    public static final String ADMIN_ = "ADMIN";
    public static final String AUDITOR_ = "AUDITOR";
}
