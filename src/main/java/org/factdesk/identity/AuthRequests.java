package org.factdesk.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The two credentials Factdesk accepts: an API key and a browser session token. */
final class AuthRequests {

    private AuthRequests() {
    }

    /** {@code Authorization: Bearer <api key>}. */
    static final class ApiKeyRequest extends BaseAuthenticationRequest {
        final String token;

        ApiKeyRequest(String token) {
            this.token = token;
        }
    }

    /** The session cookie set at sign-in. */
    static final class SessionRequest extends BaseAuthenticationRequest {
        final String token;

        SessionRequest(String token) {
            this.token = token;
        }
    }
}
