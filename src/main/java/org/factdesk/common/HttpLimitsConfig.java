package org.factdesk.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request limits answered with problems before a request is routed: bodies (413), the URL (414) and the header
 * block (431). Vert.x's own parser limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are set above these, because Vert.x answers its own with an empty body.
 */
@ConfigMapping(prefix = "factdesk.http")
public interface HttpLimitsConfig {

    /** Largest JSON or form body. */
    @WithDefault("1M")
    MemorySize maxDocument();

    /**
     * Largest bulk import body (NDJSON or CSV); bodies sent without a length are also cut at
     * {@code quarkus.http.limits.max-body-size}, so keep this at or below it.
     */
    @WithDefault("64M")
    MemorySize maxImport();

    /** Largest multipart upload, form fields included (keep above factdesk.evidence.max-size). */
    @WithDefault("27M")
    MemorySize maxUpload();

    /** Longest request target (path and query), in bytes; longer ones get a 414 problem. */
    @WithDefault("8K")
    MemorySize maxUrl();

    /** Largest header block (names, values and separators), in bytes; larger ones get a 431 problem. */
    @WithDefault("20K")
    MemorySize maxHeaders();
}
