package org.factdesk.identity;

import java.util.List;

import org.factdesk.common.AuditRecord;
import org.factdesk.common.AuditType;

/** Changes to who may sign in and act, recorded on the system chain. */
public sealed interface IdentityEvent extends AuditRecord {

    @AuditType("USER_CREATED")
    record UserCreated(String username, String displayName, List<String> roles) implements IdentityEvent {
    }

    @AuditType("USER_DEACTIVATED")
    record UserDeactivated(String username) implements IdentityEvent {
    }

    @AuditType("API_KEY_CREATED")
    record ApiKeyCreated(long apiKeyId, String name, String role) implements IdentityEvent {
    }

    @AuditType("API_KEY_REVOKED")
    record ApiKeyRevoked(long apiKeyId, String name) implements IdentityEvent {
    }
}
