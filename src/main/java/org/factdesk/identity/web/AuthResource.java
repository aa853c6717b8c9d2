package org.factdesk.identity.web;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Text;
import org.factdesk.identity.AuthConfig;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.FactdeskAuthenticationMechanism;
import org.factdesk.identity.LoginService;
import org.factdesk.identity.LoginService.Locked;
import org.factdesk.identity.LoginService.Rejected;
import org.factdesk.identity.LoginService.SignedIn;
import org.factdesk.identity.web.IdentityViews.MeView;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/** Browser sign-in with a session cookie. */
@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Browser sign-in and the current user")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    LoginService logins;
    @Inject
    CurrentUser currentUser;
    @Inject
    AuthConfig config;

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @APIResponseSchema(value = MeView.class, responseCode = "200")
    @Operation(operationId = "login", summary = "Sign in with username and password; sets the session cookie")
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
            @Context HttpServerRequest request) {
        // the socket peer; with quarkus.http.proxy.proxy-address-forwarding the address the proxy forwarded
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        Text.requireAll(Text.fields("username", username, "password", password));
        LoginService.Outcome outcome = logins.login(username, password, client);
        if (outcome instanceof SignedIn s) {
            NewCookie cookie = new NewCookie.Builder(FactdeskAuthenticationMechanism.SESSION_COOKIE)
                    .value(s.sessionToken()).path("/").httpOnly(true).secure(config.cookieSecure())
                    .sameSite(NewCookie.SameSite.LAX).maxAge((int) s.ttl().toSeconds()).build();
            return Response.ok(new MeView(s.user().username(), s.user().displayName(), s.user().roleNames()))
                    .cookie(cookie).build();
        }
        if (outcome instanceof Locked l) {
            throw new ProblemException(429, "too-many-attempts", "Too many sign-in attempts", l.detail(),
                    Map.of(), Map.of("Retry-After", String.valueOf(l.retryAfterSeconds())));
        }
        assert outcome instanceof Rejected;
        throw new ProblemException(401, "invalid-credentials", "Sign-in failed", "Wrong username or password");
    }

    @POST
    @Path("/logout")
    @PermitAll
    @APIResponse(responseCode = "204", description = "Signed out")
    @Operation(operationId = "logout", summary = "End the browser session")
    public Response logout(@CookieParam(FactdeskAuthenticationMechanism.SESSION_COOKIE) String session) {
        if (session != null && !session.isBlank()) {
            logins.logout(session);
        }
        NewCookie expired = new NewCookie.Builder(FactdeskAuthenticationMechanism.SESSION_COOKIE).value("")
                .path("/").httpOnly(true).secure(config.cookieSecure()).sameSite(NewCookie.SameSite.LAX).maxAge(0)
                .build();
        return Response.noContent().cookie(expired).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(operationId = "me", summary = "The signed-in user and roles")
    public MeView me() {
        return new MeView(currentUser.name(), currentUser.displayName(),
                currentUser.roles().stream().map(Enum::name).sorted().toList());
    }
}
