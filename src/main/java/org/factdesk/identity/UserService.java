package org.factdesk.identity;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;

/** Creates, lists and deactivates users; every change lands in the system audit chain. */
@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;
    @Inject
    AuditTrail audit;
    @Inject
    CredentialCache credentials;

    @Transactional
    public AppUser create(String username, String displayName, String password, Set<Role> roles, String actor) {
        if (users.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("Username taken", "A user named '" + username + "' already exists");
        }
        if (roles.isEmpty()) {
            throw ProblemException.unprocessable("roles", "must name at least one role");
        }
        AppUser user = new AppUser(username, displayName, password, roles);
        users.persist(user);
        audit.record(null, actor, new IdentityEvent.UserCreated(username, displayName, user.roleNames()));
        return user;
    }

    @Transactional
    public AppUser deactivate(String username, String actor) {
        AppUser user = require(username);
        if (user.username().equals(actor)) {
            throw ProblemException.conflict("Cannot deactivate yourself", "Ask another administrator");
        }
        if (user.active()) {
            user.deactivate();
            credentials.announceChange(users.getEntityManager());
            audit.record(null, actor, new IdentityEvent.UserDeactivated(username));
        }
        return user;
    }

    @Transactional
    public List<AppUser> list() {
        return users.listByName();
    }

    @Transactional
    public AppUser require(String username) {
        return users.findByUsername(username).orElseThrow(() -> ProblemException.notFound("User", username));
    }

    /** An active user holding one of the roles, or a 422 problem on {@code field}. */
    @Transactional
    public AppUser requireActiveWithRole(String username, String field, Role... anyOf) {
        AppUser user = users.findByUsername(username).filter(AppUser::active)
                .orElseThrow(() -> ProblemException.unprocessable(field, "no active user named '" + username + "'"));
        for (Role r : anyOf) {
            if (user.roles().contains(r)) {
                return user;
            }
        }
        throw ProblemException.unprocessable(field, "'" + username + "' does not have role " + List.of(anyOf));
    }

    /** Those of the names that belong to users (active or not), for recognising {@code @mentions}. */
    @Transactional
    public Set<String> existingUsernames(java.util.Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(users.getEntityManager()
                .createQuery("SELECT u.username FROM AppUser u WHERE u.username IN :names", String.class)
                .setParameter("names", usernames).getResultList());
    }

    @Transactional
    public boolean anyUsers() {
        return users.count() > 0;
    }
}
