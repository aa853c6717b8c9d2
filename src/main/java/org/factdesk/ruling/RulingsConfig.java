package org.factdesk.ruling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Methodology gates and the four-eyes rule ({@code factdesk.rulings.*}), checked at draft and at approval. */
@ConfigMapping(prefix = "factdesk.rulings")
public interface RulingsConfig {

    /** The drafter of a ruling may not approve it. */
    @WithDefault("true")
    boolean fourEyes();

    /** The least number of cited evidence items. */
    @WithDefault("1")
    int minEvidence();

    /** At least two independent sources among the cited evidence (distinct link hosts or distinct files). */
    @WithDefault("false")
    boolean requireIndependentSources();

    /** Every cited link must have an archive URL. */
    @WithDefault("false")
    boolean requireArchiveUrls();
}
