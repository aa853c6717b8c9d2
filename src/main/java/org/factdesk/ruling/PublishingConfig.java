package org.factdesk.ruling;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where published rulings live and who publishes them ({@code factdesk.publishing.*}). */
@ConfigMapping(prefix = "factdesk.publishing")
public interface PublishingConfig {

    /** The public site's base URL, without a trailing slash. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

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
        return stripSlash(baseUrl()) + publicPagePath().replace("{id}", String.valueOf(rulingId));
    }

    /** The organisation's URL (its own, or the base URL). */
    default String organisationUrl() {
        return organisation().url().filter(u -> !u.isBlank()).orElse(stripSlash(baseUrl()));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
