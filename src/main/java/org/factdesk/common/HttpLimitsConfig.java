package org.factdesk.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request body limits answered with 413 problems before a body is read. */
@ConfigMapping(prefix = "factdesk.http")
public interface HttpLimitsConfig {

    /** Largest JSON or form body. */
    @WithDefault("1M")
    MemorySize maxDocument();

    /** Largest multipart upload, form fields included (keep above factdesk.evidence.max-size). */
    @WithDefault("27M")
    MemorySize maxUpload();
}
