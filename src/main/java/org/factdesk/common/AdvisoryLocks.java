package org.factdesk.common;

/**
 * The key spaces of PostgreSQL advisory locks, in one place so features never collide. The single-key
 * ({@code bigint}) form belongs to the audit log's chain locks (a claim id, or -1 for the system chain); everything
 * else uses the two-key form {@code (space, id)} with a space from here.
 */
public final class AdvisoryLocks {

    /** Replacing the rating scale (id 1). */
    public static final int RATING_SCALE = 0x5CA1E;
    /**
     * Held in shared mode by every transaction that appends audit events, from its first append to its end (id 0);
     * the feed reads the holders to know which older transactions may still commit events.
     */
    public static final int AUDIT_FEED = 0xFEED;

    /**
     * Evidence storage: id 0 the orphan sweep, id 1 the move to object storage (session lock), other ids the
     * content hash of an object being written or deleted (see {@code S3EvidenceStorage}).
     */
    public static final int EVIDENCE_STORAGE = 0x45564944;

    /** Signing a transparency checkpoint (id 0): one signer at a time across instances, so one per tree size. */
    public static final int TRANSPARENCY = 0x7106;

    /**
     * An {@code Idempotency-Key} being executed (id: {@code hashtext(caller || key)}), held for the request's
     * transaction; a hash collision only makes an unrelated concurrent request wait for a 409, never share a response.
     */
    public static final int IDEMPOTENCY = 0x1D3A;

    private AdvisoryLocks() {
    }
}
