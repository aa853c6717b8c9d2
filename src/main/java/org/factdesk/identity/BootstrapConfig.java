package org.factdesk.identity;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** First-start administrator: {@code FACTDESK_ADMIN_PASSWORD} creates user {@code admin} when there are no users. */
@ConfigMapping(prefix = "factdesk.admin")
public interface BootstrapConfig {

    Optional<String> password();
}
