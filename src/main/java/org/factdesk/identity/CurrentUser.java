package org.factdesk.identity;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.factdesk.common.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of the current request, as the services see it. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    /** The name recorded as actor: a username, or {@code apikey:<id>} for integrations. */
    public String name() {
        return identity.getPrincipal().getName();
    }

    public String displayName() {
        Object name = identity.getAttribute("displayName");
        return name == null ? name() : name.toString();
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    public boolean hasAny(Role... roles) {
        for (Role r : roles) {
            if (has(r)) {
                return true;
            }
        }
        return false;
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : identity.getRoles()) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    /** The caller as access policies see it. */
    public Actor actor() {
        return new Actor(name(), roles());
    }

    /** 403 problem unless the caller holds one of the roles. */
    public void require(String why, Role... anyOf) {
        if (!hasAny(anyOf)) {
            throw ProblemException.forbidden(why);
        }
    }
}
