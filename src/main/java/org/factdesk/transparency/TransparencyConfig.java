package org.factdesk.transparency;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transparency log: its name, how often it signs, and where its private key comes from. */
@ConfigMapping(prefix = "factdesk.transparency")
public interface TransparencyConfig {

    /**
     * Whether events become leaves and checkpoints are signed. Off, the follower keeps its position, so turning it
     * back on catches up from where it stopped; the public endpoints go on serving what was already signed.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The checkpoint origin (first line of every checkpoint) and the signing key's name: a stable, unique name for
     * this log, conventionally the host and path of the service. Changing it starts a different log for verifiers.
     */
    @WithDefault("factdesk.example.org/audit-log")
    String origin();

    /**
     * How long the tree builder pauses between rounds once it has caught up. Nobody waits for a leaf (a checkpoint
     * first brings the tree up to date), so it takes the feed in bigger batches than the webhooks' 100 ms.
     */
    @WithDefault("1s")
    Duration followInterval();

    /** How often a checkpoint is signed when events were appended since the last one (read by the scheduler). */
    @WithDefault("60s")
    Duration checkpointInterval();

    /**
     * The Ed25519 private key, PKCS#8 PEM ({@code openssl genpkey -algorithm ed25519 -out key.pem}), from a file or
     * a mounted secret. Never stored in the database. Required when the log is enabled.
     */
    Optional<Path> keyFile();

    /** Create the key file when it is missing (dev and test profiles only: production keys are made by people). */
    @WithDefault("false")
    boolean generateKey();
}
