package org.factdesk.claim;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a claim stands. Allowed moves:
 *
 * <pre>
 *                 take / assign            draft ruling             approve
 *   SUBMITTED ─────────────────► RESEARCHING ───────────► IN_REVIEW ─────────► RATED
 *     │   ▲                        │    ▲                    │                   │
 *     │   │ reopen                 │    └──── return ────────┘                   │
 *     │   │                        │    ▲                                        │
 *     ▼   │         dismiss        │    └───────────── reopen for correction ────┘
 *   DISMISSED ◄────────────────────┘
 * </pre>
 */
public enum ClaimStatus {
    /** Waiting for triage. */
    SUBMITTED,
    /** A fact-checker is gathering evidence. */
    RESEARCHING,
    /** A draft ruling awaits an editor's approval. */
    IN_REVIEW,
    /** A ruling is published. */
    RATED,
    /** Not checked: out of scope, not checkable or a duplicate. */
    DISMISSED;

    /** The statuses this one may move to. */
    public Set<ClaimStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(RESEARCHING, DISMISSED);
            case RESEARCHING -> EnumSet.of(IN_REVIEW, DISMISSED);
            case IN_REVIEW -> EnumSet.of(RESEARCHING, RATED);
            case RATED -> EnumSet.of(RESEARCHING);
            case DISMISSED -> EnumSet.of(SUBMITTED);
        };
    }

    /** The moves people make directly; IN_REVIEW and RATED, and leaving IN_REVIEW, happen only through rulings. */
    public Set<ClaimStatus> manualNext() {
        if (this == IN_REVIEW) {
            return EnumSet.noneOf(ClaimStatus.class);
        }
        Set<ClaimStatus> targets = next();
        targets.removeAll(EnumSet.of(IN_REVIEW, RATED));
        return targets;
    }

    public boolean canMoveTo(ClaimStatus target) {
        return next().contains(target);
    }
}
