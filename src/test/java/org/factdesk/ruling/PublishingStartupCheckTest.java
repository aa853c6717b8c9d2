package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up check on the public base URL, which every published ClaimReview carries for good. */
class PublishingStartupCheckTest {

    @Test
    void acceptsAnAbsoluteHttpsOrHttpAddressWithAPath() {
        assertThat(PublishingStartupCheck.problem("https://factcheck.example.org")).isNull();
        assertThat(PublishingStartupCheck.problem("http://127.0.0.1:8080/desk/")).isNull();
    }

    @Test
    void refusesAMissingRelativeOrNonWebAddress() {
        assertThat(PublishingStartupCheck.problem("")).isEqualTo("is not set");
        assertThat(PublishingStartupCheck.problem(null)).isEqualTo("is not set");
        assertThat(PublishingStartupCheck.problem("/public")).startsWith("must be an absolute");
        assertThat(PublishingStartupCheck.problem("ftp://example.org")).startsWith("must be an absolute");
        assertThat(PublishingStartupCheck.problem("https:opaque")).startsWith("must be an absolute");
        assertThat(PublishingStartupCheck.problem("https://exa mple.org")).startsWith("is not a URL");
    }

    @Test
    void refusesAQueryOrFragmentThatWouldEndUpInsideEveryPageUrl() {
        assertThat(PublishingStartupCheck.problem("https://example.org/?x=1")).startsWith("must not have a query");
        assertThat(PublishingStartupCheck.problem("https://example.org/#top")).startsWith("must not have a query");
    }
}
