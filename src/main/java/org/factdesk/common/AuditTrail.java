package org.factdesk.common;

/**
 * Appends an event to the tamper-evident audit log in the caller's transaction. Declared here, implemented by the
 * {@code audit} feature, so that every feature records its changes (identity included, which sits below the audit
 * log) without depending on how the log is kept.
 */
public interface AuditTrail {

    /** Records an event on the claim's chain, or on the system chain when {@code claimId} is null. */
    void record(Long claimId, String actor, AuditRecord record);

    /** Records the first event of a claim created in this transaction (no other transaction can append to it yet). */
    void recordFirst(long claimId, String actor, AuditRecord record);

    /** The first event of a claim created in this transaction. */
    record First(long claimId, String actor, AuditRecord record) {
    }

    /**
     * Records the first event of each of many claims created in this transaction, in the given order: the same events
     * as {@link #recordFirst} one by one, which is what this default does; the audit log does it in a few statements.
     */
    default void recordFirstOfMany(java.util.List<First> events) {
        for (First e : events) {
            recordFirst(e.claimId(), e.actor(), e.record());
        }
    }
}
