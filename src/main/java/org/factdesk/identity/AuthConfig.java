package org.factdesk.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in settings: session lifetime, lockout after repeated failures, cookie flags. */
@ConfigMapping(prefix = "factdesk.auth")
public interface AuthConfig {

    /** How long a browser session lasts. */
    @WithDefault("12H")
    Duration sessionTtl();

    /** Failed sign-ins for one account within {@link #failureWindow()} before it is locked. */
    @WithDefault("5")
    int maxFailures();

    @WithDefault("15M")
    Duration failureWindow();

    /** How long a locked account refuses sign-ins. */
    @WithDefault("5M")
    Duration lockout();

    /** Mark the session cookie Secure (set true behind HTTPS). */
    @WithDefault("false")
    boolean cookieSecure();

    /** Origins besides the service's own that may send cookie-authenticated writes (e.g. a Vite dev server). */
    Optional<List<String>> trustedOrigins();
}
