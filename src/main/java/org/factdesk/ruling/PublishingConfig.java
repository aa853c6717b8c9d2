package org.factdesk.ruling;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where published rulings live and who publishes them ({@code factdesk.publishing.*}). */
@ConfigMapping(prefix = "factdesk.publishing")
public interface PublishingConfig {

    /**
     * The public site's base URL ({@code FACTDESK_PUBLISHING_BASE_URL}): every published ClaimReview names its page
     * under it, and a crawler keeps what it first saw, so there is no default outside dev and test
     * ({@link PublishingStartupCheck} refuses to start without an absolute http(s) URL).
     */
    Optional<String> baseUrl();

    /** The path of a ruling's public page (served by the web client); {@code {id}} is the ruling id. */
    @WithDefault("/public/claim-reviews/{id}")
    String publicPagePath();

    /** The publishing organisation (the ClaimReview's author). */
    Organisation organisation();

    /** Name and URL of the publishing organisation. */
    interface Organisation {
        @WithDefault("Factdesk")
        String name();

        /** Defaults to the base URL. */
        Optional<String> url();
    }

    /** The absolute URL of a ruling's public page. */
    default String pageUrl(long rulingId) {
        return base() + publicPagePath().replace("{id}", String.valueOf(rulingId));
    }

    /** The organisation's URL (its own, or the base URL). */
    default String organisationUrl() {
        return organisation().url().filter(u -> !u.isBlank()).orElse(base());
    }

    /** The base URL without a trailing slash (checked at start-up). */
    default String base() {
        return stripSlash(baseUrl().orElseThrow(() -> new IllegalStateException("factdesk.publishing.base-url is not set")));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
