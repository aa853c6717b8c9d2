package org.factdesk.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.factdesk.common.Clock;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.elytron.security.common.BcryptUtil;

/** A person who signs in; never deleted, only deactivated. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String username;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "password_hash")
    private String passwordHash;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] roles;
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected AppUser() {
    }

    AppUser(String username, String displayName, String password, Set<Role> roles) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = BcryptUtil.bcryptHash(password, 10);
        this.roles = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        this.active = true;
        this.createdAt = Clock.now();
    }

    boolean passwordMatches(String password) {
        return BcryptUtil.matches(password, passwordHash);
    }

    void deactivate() {
        this.active = false;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    public List<String> roleNames() {
        return List.of(roles);
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
