package org.factdesk.ruling;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start without a usable public base URL. A default such as http://localhost:8080 would be written into
 * every ClaimReview published in production, and a crawler or partner that stored those URLs never asks again.
 */
@ApplicationScoped
class PublishingStartupCheck {

    @Inject
    PublishingConfig publishing;

    void onStart(@Observes StartupEvent event) {
        String url = publishing.baseUrl().map(String::strip).orElse("");
        String problem = problem(url);
        if (problem != null) {
            throw new IllegalStateException("factdesk.publishing.base-url (FACTDESK_PUBLISHING_BASE_URL) " + problem
                    + ": set it to the public address of the ClaimReview pages, for example "
                    + "https://factcheck.example.org");
        }
    }

    /** Why a base URL cannot serve, or null when it can. */
    static String problem(String url) {
        if (url == null || url.isEmpty()) {
            return "is not set";
        }
        try {
            URI uri = new URI(url);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                return "must be an absolute http or https URL (was '" + url + "')";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "must not have a query or fragment (was '" + url + "')";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL (was '" + url + "')";
        }
    }
}
