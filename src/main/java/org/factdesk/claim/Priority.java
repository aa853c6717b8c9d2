package org.factdesk.claim;

/** How urgently a claim should be checked. */
public enum Priority {
    /** Check when time allows. */
    LOW,
    /** The default. */
    NORMAL,
    /** Check soon. */
    HIGH,
    /** Check now: spreading fast or high harm. */
    URGENT
}
