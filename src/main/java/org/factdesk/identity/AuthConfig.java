package org.factdesk.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in settings: session lifetime, throttling of failed sign-ins (see {@link SignInThrottle}), cookie flags. */
@ConfigMapping(prefix = "factdesk.auth")
public interface AuthConfig {

    /** How long a browser session lasts. */
    @WithDefault("12H")
    Duration sessionTtl();

    /**
     * Failed sign-ins for one account from one client address within {@link #failureWindow()} before that address
     * is locked out of that account (other addresses are not).
     */
    @WithDefault("5")
    int maxFailures();

    /** The period over which failures are counted. */
    @WithDefault("15M")
    Duration failureWindow();

    /** How long a spent budget refuses sign-ins (429 with Retry-After). */
    @WithDefault("5M")
    Duration lockout();

    /** Failed sign-ins from one client address (an IPv6 /64), over all usernames, within the window. */
    @WithDefault("30")
    int addressMaxFailures();

    /**
     * Failed sign-ins for one account, from all addresses, within the window; beyond it only addresses the account
     * signed in from within {@link #knownAddressTtl()} may keep trying.
     */
    @WithDefault("20")
    int accountMaxFailures();

    /** How long an address the account signed in from counts as known. */
    @WithDefault("30D")
    Duration knownAddressTtl();

    /** Mark the session cookie Secure (set true behind HTTPS). */
    @WithDefault("false")
    boolean cookieSecure();

    /** Origins besides the service's own that may send cookie-authenticated writes (e.g. a Vite dev server). */
    Optional<List<String>> trustedOrigins();
}
