package org.factdesk.comment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Comment rows. */
@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, Long> {

    /** A claim's comments in creation order. */
    public List<Comment> listByClaim(long claimId) {
        return list("claimId = ?1 ORDER BY id", claimId);
    }

    /** Loads a comment and locks its row until the transaction ends. */
    public Comment findForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
