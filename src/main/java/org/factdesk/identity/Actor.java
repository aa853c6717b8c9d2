package org.factdesk.identity;

import java.util.Set;

/**
 * Who acts, as access policies see it: a person signed in, or another system with an API key. Pure data, so policies
 * decide without I/O and tests build actors directly.
 */
public record Actor(String name, Set<Role> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** The actor-name prefix of API keys ({@code apikey:<id>}): integrations are never assignees or drafters of record. */
    public static final String API_KEY_PREFIX = "apikey:";

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... anyOf) {
        for (Role r : anyOf) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Another system acting through an API key rather than a person. */
    public boolean integration() {
        return name.startsWith(API_KEY_PREFIX);
    }

    public boolean is(String username) {
        return username != null && name.equals(username);
    }
}
