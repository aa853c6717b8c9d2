package org.factdesk.ruling;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ruling stands. A claim has at most one {@code DRAFT} and at most one {@code PUBLISHED} ruling at a time.
 *
 * <pre>
 *            approve (editor, not the drafter)             a correction of the claim is approved
 *   DRAFT ──────────────────────────────────► PUBLISHED ──────────────────────────────────────► SUPERSEDED
 *     │                                     (immutable; version n)                (immutable; links to version n+1)
 *     │ return (editor, with a comment)
 *     ▼
 *   RETURNED   (kept for the record; the fact-checker drafts a new ruling)
 * </pre>
 */
public enum RulingStatus {
    /** Awaiting an editor's review; its claim is IN_REVIEW. */
    DRAFT,
    /** Sent back to research by an editor; kept for the record, never published. */
    RETURNED,
    /** The claim's current published ruling; its content can never change. */
    PUBLISHED,
    /** A published ruling replaced by a correction; still readable, linked to its successor. */
    SUPERSEDED;

    /** The statuses this one may move to. */
    public Set<RulingStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(RETURNED, PUBLISHED);
            case PUBLISHED -> EnumSet.of(SUPERSEDED);
            case RETURNED, SUPERSEDED -> EnumSet.noneOf(RulingStatus.class);
        };
    }

    public boolean canMoveTo(RulingStatus target) {
        return next().contains(target);
    }

    /** Whether the ruling has been published (current or superseded). */
    public boolean published() {
        return this == PUBLISHED || this == SUPERSEDED;
    }
}
