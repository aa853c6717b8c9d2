package org.factdesk.audit;

import java.util.List;
import java.util.Optional;

/**
 * Proof that an audit event is a leaf of the transparency log, for features that publish an event (a ruling's
 * provenance names its approval event). Declared here and implemented by the {@code transparency} feature above, so
 * that publishing features do not depend on how the log is kept.
 */
public interface LogInclusion {

    /**
     * The event's leaf and an inclusion proof against the newest signed checkpoint that covers it; empty while no
     * checkpoint covers the event yet (or the event is not a leaf yet).
     */
    Optional<Proof> proofOf(long seq);

    /**
     * RFC 9162 inclusion proof: hashes are base64, leaf to root; the leaf hash is the event's as stored now; the
     * checkpoint's signed note carries the root.
     */
    record Proof(long leafIndex, long treeSize, String leafHash, List<String> hashes, Checkpoint checkpoint) {
    }

    /** A signed checkpoint as served publicly; {@code note} is the C2SP signed note and is what counts. */
    record Checkpoint(String origin, long treeSize, String rootHash, String timestamp, String keyId, String note) {
    }
}
