package org.factdesk.claim;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.factdesk.common.ProblemException;

/** A move the status machine does not allow; a 409 problem naming the allowed targets. */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(ClaimStatus from, ClaimStatus to, Set<ClaimStatus> allowed) {
        super(409, "illegal-transition", "Illegal status change",
                "A claim in " + from + " cannot move to " + to + "; allowed: " + allowed,
                Map.of("allowed", List.copyOf(allowed.stream().map(Enum::name).sorted().toList())), Map.of());
    }
}
