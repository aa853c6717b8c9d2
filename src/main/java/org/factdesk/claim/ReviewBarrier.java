package org.factdesk.claim;

import java.util.Collection;
import java.util.Map;

/**
 * Who may not approve the ruling under review of a claim: its drafter, under the four-eyes rule. The ruling workflow
 * implements it; it is declared here so that the claim policy can take it into account without the claim feature
 * depending on rulings.
 */
public interface ReviewBarrier {

    /** Of these claims, those with a draft under review that its drafter may not approve: claim id to drafter. */
    Map<Long, String> barredApprovers(Collection<Long> claimIds);
}
