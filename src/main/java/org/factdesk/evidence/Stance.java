package org.factdesk.evidence;

/** How a piece of evidence bears on the claim. */
public enum Stance {
    /** Backs the claim up. */
    SUPPORTS,
    /** Contradicts the claim. */
    REFUTES,
    /** Neither: background that helps weigh the claim. */
    CONTEXT
}
