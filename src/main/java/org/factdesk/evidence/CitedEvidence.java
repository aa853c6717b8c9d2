package org.factdesk.evidence;

/**
 * What other features (rulings) may know of a piece of evidence: its identity, integrity hash and sourcing.
 *
 * @param sha256 the SHA-256 of a file's bytes; null for links
 * @param host the lower-cased host of a link's URL, null for files
 */
public record CitedEvidence(long id, long claimId, Kind kind, String title, String sha256, String url,
        String archiveUrl, String host, boolean retracted) {

    /** The two kinds of evidence. */
    public enum Kind {
        /** An uploaded file whose bytes are stored. */
        FILE,
        /** A link to a web page, optionally archived. */
        LINK
    }
}
