package org.factdesk.comment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.factdesk.identity.CurrentUser;

/** TEMPORARY stand-in until branch evidence brings comments (reverted before that merge). */
@ApplicationScoped
public class CommentService {

    @Transactional
    public Object post(long claimId, Long parentId, String body, CurrentUser user) {
        return null;
    }
}
