package org.factdesk.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.audit.AuditLog;
import org.factdesk.common.ProblemException;

/** Issues and revokes API keys; the secret is returned once and never stored. */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    EntityManager em;
    @Inject
    AuditLog audit;

    /** A new key and its one-time secret. */
    public record IssuedKey(ApiKey key, String token) {
    }

    @Transactional
    public IssuedKey create(String name, Role role, String actor) {
        String token = Tokens.newToken("fdk_");
        ApiKey key = new ApiKey(name, role, token, actor);
        em.persist(key);
        em.flush();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("apiKeyId", key.id());
        data.put("name", name);
        data.put("role", role.name());
        audit.record(null, "API_KEY_CREATED", actor, data);
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
            audit.record(null, "API_KEY_REVOKED", actor, Map.of("apiKeyId", id, "name", key.name()));
        }
    }

    @Transactional
    public List<ApiKey> list() {
        return em.createQuery("FROM ApiKey ORDER BY id", ApiKey.class).getResultList();
    }
}
