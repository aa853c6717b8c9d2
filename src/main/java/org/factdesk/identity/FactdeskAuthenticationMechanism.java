package org.factdesk.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/** Reads an API key from {@code Authorization: Bearer} or a session from the {@code factdesk_session} cookie. */
@ApplicationScoped
public class FactdeskAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_COOKIE = "factdesk_session";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.length() > 7) {
                return identityProviderManager.authenticate(new AuthRequests.ApiKeyRequest(authorization.substring(7).trim()));
            }
            return Uni.createFrom().failure(new AuthenticationFailedException("Unsupported Authorization scheme"));
        }
        Cookie cookie = context.request().getCookie(SESSION_COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return identityProviderManager.authenticate(new AuthRequests.SessionRequest(cookie.getValue()));
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"factdesk\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AuthRequests.ApiKeyRequest.class, AuthRequests.SessionRequest.class);
    }
}
