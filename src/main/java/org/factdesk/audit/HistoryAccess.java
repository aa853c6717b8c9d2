package org.factdesk.audit;

import java.util.Set;

import org.factdesk.common.Audience;
import org.factdesk.identity.Actor;

/**
 * Which events of a claim's history a caller may read. The claim feature implements it with its access policy; the
 * audit log asks through this interface so it never depends on the features above it.
 */
public interface HistoryAccess {

    /** The audiences whose events the caller may read; throws a 404 problem when the claim is not theirs to see. */
    Set<Audience> audiencesFor(long claimId, Actor actor);
}
