package org.factdesk.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;

/** Issues and revokes API keys; the secret is returned once and never stored. */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    CredentialCache credentials;

    /** A new key and its one-time secret. */
    public record IssuedKey(ApiKey key, String token) {
    }

    @Transactional
    public IssuedKey create(String name, Role role, String actor) {
        String token = Tokens.newToken("fdk_");
        ApiKey key = new ApiKey(name, role, token, actor);
        em.persist(key);
        em.flush();
        audit.record(null, actor, new IdentityEvent.ApiKeyCreated(key.id(), name, role.name()));
        return new IssuedKey(key, token);
    }

    @Transactional
    public void revoke(long id, String actor) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound("API key", id);
        }
        if (key.revokedAt() == null) {
            key.revoke(actor);
            credentials.announceChange(em);
            audit.record(null, actor, new IdentityEvent.ApiKeyRevoked(id, key.name()));
        }
    }

    @Transactional
    public List<ApiKey> list() {
        return em.createQuery("FROM ApiKey ORDER BY id", ApiKey.class).getResultList();
    }
}
