package org.factdesk.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data ({@code FACTDESK_DEMO_DATA}): demo users and claims from the sample article on an empty database. */
@ConfigMapping(prefix = "factdesk.demo")
public interface DemoConfig {

    @WithDefault("false")
    boolean data();
}
