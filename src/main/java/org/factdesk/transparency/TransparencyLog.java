package org.factdesk.transparency;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.audit.FeedFollowers;
import org.factdesk.audit.LogInclusion;
import org.factdesk.common.AdvisoryLocks;
import org.factdesk.common.ProblemException;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Signs checkpoints of the tree and answers proofs. Checkpoints are not audit events: each would be a new leaf,
 * so the log would never stop growing; the checkpoint row records who asked for it instead, and the signed note is
 * its own evidence.
 *
 * <p>Before signing, the stored tree must still extend the last checkpoint: the same root at its size, and the
 * leaves added since still matching their audit events. If not, the log was altered behind the service's back and
 * signing would paper over it, so it refuses (409 and an ERROR line) until people look.
 */
@ApplicationScoped
public class TransparencyLog implements LogInclusion {

    private static final Logger LOG = Logger.getLogger(TransparencyLog.class);
    /** The most leaves one request may list. */
    public static final int MAX_LEAVES = 1000;

    @Inject
    TreeStore tree;
    @Inject
    Checkpoints checkpoints;
    @Inject
    TransparencyConfig config;
    @Inject
    FeedFollowers feed;
    @Inject
    EntityManager em;

    private volatile SigningKey key;

    /** The outcome of a request to checkpoint: the checkpoint, and whether this request made it. */
    public record Made(Checkpoint checkpoint, boolean created) {
    }

    public record Inclusion(long leafIndex, long treeSize, String leafHash, List<String> hashes) {
    }

    public record Consistency(long from, long to, List<String> hashes) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        var file = config.keyFile().orElseThrow(() -> new IllegalStateException(
                "factdesk.transparency.key-file must name the Ed25519 signing key of the transparency log "
                        + "(make one with: openssl genpkey -algorithm ed25519 -out transparency-key.pem), "
                        + "or set factdesk.transparency.enabled=false"));
        try {
            signWith(SigningKey.load(config.origin(), file, config.generateKey()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the transparency signing key " + file + ": " + e.getMessage()
                    + " (make one with: openssl genpkey -algorithm ed25519 -out " + file + ")", e);
        }
    }

    /**
     * Signs new checkpoints with this key from now on. Rotating the key is a restart with another key file: the
     * next checkpoint records the new key's public half, and older checkpoints stay verifiable with the keys that
     * signed them ({@code GET /api/public/transparency/keys}).
     */
    void signWith(SigningKey next) {
        key = next;
        LOG.infof("Transparency log %s signs with %s", config.origin(), next.verifierKey());
    }

    /** The key that signs new checkpoints; absent when the log is disabled. */
    public Optional<SigningKey> currentKey() {
        return Optional.ofNullable(key);
    }

    @Scheduled(every = "${factdesk.transparency.checkpoint-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        if (key == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().call(() -> checkpoint("system", true));
        } catch (ProblemException e) {
            // already logged as an ERROR by the refusal
        } catch (RuntimeException e) {
            LOG.warnf("No checkpoint this round: %s", e.getMessage());
        }
    }

    /** Brings the tree up to date with the audit log and signs it (an ADMIN's request). */
    public Made checkpointNow(String actor) {
        if (key == null) {
            throw new ProblemException(409, "transparency-disabled", "The transparency log is disabled",
                    "factdesk.transparency.enabled is false on this instance");
        }
        feed.drain(TransparencyFollower.NAME);
        return QuarkusTransaction.requiringNew().call(() -> checkpoint(actor, false));
    }

    private Made checkpoint(String actor, boolean onlyWhenGrown) {
        // one signer at a time across instances: exactly one checkpoint per size, and never two timestamps racing
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, 0)").setParameter(1, AdvisoryLocks.TRANSPARENCY)
                .getSingleResult();
        long size = tree.size();
        Optional<Checkpoints.Stored> last = checkpoints.latest();
        long from = last.map(Checkpoints.Stored::treeSize).orElse(0L);
        if (last.isPresent()) {
            Checkpoints.Stored l = last.get();
            if (size < l.treeSize()) {
                throw refuse("the stored tree has " + size + " leaves, fewer than the " + l.treeSize()
                        + " of the last checkpoint");
            }
            byte[] root = rootOf(l.treeSize());
            if (!Arrays.equals(root, l.rootHash())) {
                throw refuse("the stored tree's root at size " + l.treeSize() + " is not the signed one");
            }
            if (size == l.treeSize()) {
                return new Made(view(l), false);
            }
        } else if (onlyWhenGrown && size == 0) {
            return null;
        }
        long altered = tree.alteredLeaves(from, size);
        if (altered > 0) {
            throw refuse(altered + " leaves between " + from + " and " + size
                    + " no longer match their audit events (deleted or rewritten)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a checkpoint never goes back in time, even when this instance's clock is behind the last signer's
        Instant at = last.map(l -> l.createdAt().isAfter(now) ? l.createdAt() : now).orElse(now);
        byte[] root = rootOf(size);
        SigningKey k = key;
        String note = SignedNote.sign(new SignedNote.Checkpoint(config.origin(), size, root, at), k);
        checkpoints.remember(k, at);
        Checkpoints.Stored made = new Checkpoints.Stored(size, root, at, k.keyIdHex(), note, actor);
        checkpoints.insert(made);
        return new Made(view(made), true);
    }

    private byte[] rootOf(long size) {
        try {
            return tree.compute(t -> Merkle.root(t, size));
        } catch (TreeStore.TreeAltered e) {
            throw refuse(e.getMessage());
        }
    }

    private static ProblemException refuse(String why) {
        LOG.errorf("Transparency log: refusing to sign a checkpoint because %s. The stored log no longer extends "
                + "what was signed; restore it from a backup or investigate before anything is signed again.", why);
        return new ProblemException(409, "log-inconsistent", "The log no longer extends its last checkpoint",
                "Refusing to sign: " + why + ".");
    }

    @Transactional
    public Optional<Checkpoint> latest() {
        return checkpoints.latest().map(TransparencyLog::view);
    }

    /** Newest first, older than {@code after} (a tree size; null for the newest). */
    @Transactional
    public List<Checkpoint> page(Long after, int limit) {
        return checkpoints.before(after == null ? Long.MAX_VALUE : after, limit).stream()
                .map(TransparencyLog::view).toList();
    }

    @Transactional
    public List<Checkpoints.Key> keys() {
        return checkpoints.keys();
    }

    @Transactional
    public Inclusion inclusion(long seq, long treeSize) {
        Checkpoints.Stored cp = signed(treeSize);
        long index = tree.leafIndexOf(seq).orElseThrow(() -> new ProblemException(404, "not-found",
                "Not in the log", "event " + seq + " is not a leaf of the log (yet)"));
        if (index >= treeSize) {
            throw new ProblemException(404, "not-found", "Not in this tree",
                    "event " + seq + " is leaf " + index + ", after the tree of size " + treeSize);
        }
        Proof p = proof(seq, index, cp);
        return new Inclusion(index, treeSize, p.leafHash(), p.hashes());
    }

    /** The leaf is taken from the event as stored now, so a rewritten or deleted event no longer verifies. */
    private Proof proof(long seq, long index, Checkpoints.Stored cp) {
        String hash = tree.liveEventHash(seq).orElseThrow(() -> {
            LOG.errorf("Transparency log: leaf %d names event %d, which is missing from the audit log", index, seq);
            return new ProblemException(404, "not-found", "Event missing",
                    "leaf " + index + " names event " + seq + ", which the audit log no longer holds");
        });
        List<byte[]> path = tree.compute(t -> Merkle.inclusionProof(t, index, cp.treeSize()));
        return new Proof(index, cp.treeSize(),
                Base64.getEncoder().encodeToString(Merkle.leafHash(HexFormat.of().parseHex(hash))), b64(path), view(cp));
    }

    @Transactional
    public Consistency consistency(long from, long to) {
        if (from > to) {
            throw ProblemException.badRequest("from (" + from + ") must not exceed to (" + to + ")");
        }
        signed(from);
        signed(to);
        return new Consistency(from, to, b64(tree.compute(t -> Merkle.consistencyProof(t, from, to))));
    }

    /** Leaves [start, end) of the latest checkpoint's tree, with their events' hashes as stored now. */
    @Transactional
    public List<TreeStore.Leaf> leaves(long start, long end) {
        long size = checkpoints.latest().map(Checkpoints.Stored::treeSize).orElse(0L);
        if (start < 0 || end < start || end - start > MAX_LEAVES) {
            throw ProblemException.badRequest("ask for 0 to " + MAX_LEAVES + " leaves: 0 <= start <= end");
        }
        if (end > size) {
            throw ProblemException.badRequest("end (" + end + ") exceeds the latest checkpoint's tree size " + size);
        }
        return tree.leaves(start, end);
    }

    @Override
    @Transactional
    public Optional<Proof> proofOf(long seq) {
        return tree.leafIndexOf(seq).flatMap(index -> checkpoints.covering(index).map(cp -> proof(seq, index, cp)));
    }

    private Checkpoints.Stored signed(long treeSize) {
        return checkpoints.at(treeSize).orElseThrow(() -> new ProblemException(404, "not-found", "No such checkpoint",
                "no checkpoint was signed at tree size " + treeSize));
    }

    static Checkpoint view(Checkpoints.Stored c) {
        String origin = c.note().substring(0, c.note().indexOf('\n'));
        return new Checkpoint(origin, c.treeSize(), Base64.getEncoder().encodeToString(c.rootHash()),
                SignedNote.TIMESTAMP.format(c.createdAt()), c.keyId(), c.note());
    }

    private static List<String> b64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
