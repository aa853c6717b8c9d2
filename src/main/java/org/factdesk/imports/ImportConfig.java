package org.factdesk.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and batching of bulk claim imports. */
@ConfigMapping(prefix = "factdesk.imports")
public interface ImportConfig {

    /** Most claims (lines, the CSV header not counted) one import takes; more is a 413 and nothing is imported. */
    @WithDefault("100000")
    int maxLines();

    /** Claims committed per transaction: a crash keeps every committed chunk, a retry reports those as existing. */
    @WithDefault("1000")
    int chunkSize();

    /** Longest line in bytes; a longer one fails on its own (no valid claim comes near it). */
    @WithDefault("65536")
    int maxLineBytes();

    /** How many failed lines, and how many lines that name an existing claim, the report lists (the counts are whole). */
    @WithDefault("1000")
    int maxListed();

    /**
     * An import that creates at least this many claims refreshes the claim table's planner statistics when it ends
     * (ANALYZE, after the report is answered): the similar-claims lookup picks its candidates by how common each stem
     * is (pg_stats), and until autovacuum gets round to it, stems the import made common still look rare.
     */
    @WithDefault("1000")
    int analyzeAfter();
}
