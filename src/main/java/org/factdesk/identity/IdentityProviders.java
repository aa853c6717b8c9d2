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

    static Uni<SecurityIdentity> resolve(AuthenticationRequestContext context, SqlLookup lookup) {
        return context.runBlocking(() -> {
            Optional<Authenticator.Principal> principal;
            try {
                principal = lookup.get();
            } catch (SQLException e) {
                throw new IllegalStateException("credential lookup failed", e);
            }
            Authenticator.Principal p = principal
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown, expired or revoked credential"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(p.name()))
                    .addRoles(p.roles())
                    .addAttribute("displayName", p.displayName())
                    .addAttribute("authMethod", p.method())
                    .build();
        });
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
            return resolve(context, () -> authenticator.apiKey(request.token));
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
            return resolve(context, () -> authenticator.session(request.token));
        }
    }
}
