package org.factdesk.identity;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns API keys and session tokens into security identities. */
final class IdentityProviders {

    private IdentityProviders() {
    }

    /** From memory when the credential cache has it (no worker thread, no database), else looked up blocking. */
    static Uni<SecurityIdentity> resolve(AuthenticationRequestContext context, Optional<Authenticator.Principal> cached,
            SqlLookup lookup) {
        if (cached.isPresent()) {
            return Uni.createFrom().item(identity(cached.get()));
        }
        return context.runBlocking(() -> {
            Optional<Authenticator.Principal> principal;
            try {
                principal = lookup.get();
            } catch (SQLException e) {
                throw new IllegalStateException("credential lookup failed", e);
            }
            return identity(principal
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown, expired or revoked credential")));
        });
    }

    private static SecurityIdentity identity(Authenticator.Principal p) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(p.name()))
                .addRoles(p.roles())
                .addAttribute("displayName", p.displayName())
                .addAttribute("authMethod", p.method())
                .build();
    }

    /** A credential lookup that may fail with SQL errors. */
    interface SqlLookup {
        Optional<Authenticator.Principal> get() throws SQLException;
    }

    /** API keys. */
    @ApplicationScoped
    static class ApiKeyProvider implements IdentityProvider<AuthRequests.ApiKeyRequest> {
        @Inject
        Authenticator authenticator;

        @Override
        public Class<AuthRequests.ApiKeyRequest> getRequestType() {
            return AuthRequests.ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AuthRequests.ApiKeyRequest request, AuthenticationRequestContext context) {
            return resolve(context, authenticator.cached(true, request.token), () -> authenticator.apiKey(request.token));
        }
    }

    /** Browser sessions. */
    @ApplicationScoped
    static class SessionProvider implements IdentityProvider<AuthRequests.SessionRequest> {
        @Inject
        Authenticator authenticator;

        @Override
        public Class<AuthRequests.SessionRequest> getRequestType() {
            return AuthRequests.SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AuthRequests.SessionRequest request, AuthenticationRequestContext context) {
            return resolve(context, authenticator.cached(false, request.token), () -> authenticator.session(request.token));
        }
    }
}
