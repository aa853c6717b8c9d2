package org.factdesk.evidence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Evidence rows (never their bytes, which the storage keeps). */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, Long> {

    public List<Evidence> listByClaim(long claimId) {
        return list("claimId = ?1 ORDER BY id", claimId);
    }

    public Optional<Evidence> findBySha256(long claimId, String sha256) {
        return find("claimId = ?1 AND sha256 = ?2", claimId, sha256).firstResultOptional();
    }

    public List<Evidence> listByIds(Collection<Long> ids) {
        return list("id IN ?1 ORDER BY id", ids);
    }
}
