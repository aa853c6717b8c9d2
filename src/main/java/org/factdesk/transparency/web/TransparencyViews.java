package org.factdesk.transparency.web;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.audit.LogInclusion;
import org.factdesk.transparency.Checkpoints;
import org.factdesk.transparency.SigningKey;
import org.factdesk.transparency.TransparencyLog;
import org.factdesk.transparency.TreeStore;

/** What the transparency endpoints answer; every hash is standard base64 unless named hex. */
public final class TransparencyViews {

    private TransparencyViews() {
    }

    @Schema(name = "TransparencyCheckpoint", requiredProperties = { "origin", "treeSize", "rootHash", "timestamp", "keyId", "note" }, description = "A signed checkpoint: the note is what counts, the other "
            + "fields repeat what it says")
    public record CheckpointView(
            @Schema(example = "factdesk.example.org/audit-log") String origin,
            @Schema(example = "1234") long treeSize,
            @Schema(description = "RFC 9162 root, base64", example = "2m3Cd0hG8nC3JvZ4mY0a4l9pG4y4b1gEwqf8p3mTt0Y=") String rootHash,
            @Schema(example = "2026-12-04T13:10:00.123Z") String timestamp,
            @Schema(description = "Hex id of the signing key", example = "a1b2c3d4") String keyId,
            @Schema(description = "C2SP signed note of the C2SP checkpoint text") String note) {
        static CheckpointView of(LogInclusion.Checkpoint c) {
            return new CheckpointView(c.origin(), c.treeSize(), c.rootHash(), c.timestamp(), c.keyId(), c.note());
        }
    }

    @Schema(name = "TransparencyCheckpointPage", requiredProperties = { "items" })
    public record CheckpointPage(List<CheckpointView> items,
            @Schema(description = "Pass as 'after' for older checkpoints; null at the oldest") String nextCursor) {
    }

    @Schema(name = "TransparencyKey", requiredProperties = { "name", "keyId", "publicKey" }, description = "A key that signs (or signed) checkpoints")
    public record KeyView(
            @Schema(example = "factdesk.example.org/audit-log") String name,
            @Schema(example = "a1b2c3d4") String keyId,
            @Schema(description = "The 32 raw Ed25519 public key bytes, base64") String publicKey,
            @Schema(description = "C2SP note verifier key: name+keyId+base64(0x01 || publicKey)") String verifierKey,
            @Schema(description = "When it first signed (absent for the current key before its first checkpoint)")
            String firstUsedAt) {
        static KeyView of(SigningKey k) {
            return new KeyView(k.name(), k.keyIdHex(), Base64.getEncoder().encodeToString(k.publicKey()),
                    k.verifierKey(), null);
        }

        static KeyView of(Checkpoints.Key k) {
            return new KeyView(k.name(), k.keyId(), Base64.getEncoder().encodeToString(k.publicKey()),
                    SigningKey.verifierKey(k.name(), k.publicKey()), k.firstUsedAt().toString());
        }
    }

    @Schema(name = "TransparencyKeyList", requiredProperties = { "items" })
    public record KeyList(List<KeyView> items) {
    }

    @Schema(name = "TransparencyInclusionProof", requiredProperties = { "leafIndex", "treeSize", "leafHash", "hashes" }, description = "RFC 9162 inclusion proof, leaf to root")
    public record InclusionView(long leafIndex, long treeSize,
            @Schema(description = "SHA-256(0x00 || hex-decoded event hash), from the event as stored now") String leafHash,
            List<String> hashes) {
        static InclusionView of(TransparencyLog.Inclusion p) {
            return new InclusionView(p.leafIndex(), p.treeSize(), p.leafHash(), p.hashes());
        }
    }

    @Schema(name = "TransparencyConsistencyProof", requiredProperties = { "from", "to", "hashes" }, description = "RFC 9162 consistency proof")
    public record ConsistencyView(long from, long to, List<String> hashes) {
        static ConsistencyView of(TransparencyLog.Consistency p) {
            return new ConsistencyView(p.from(), p.to(), p.hashes());
        }
    }

    @Schema(name = "TransparencyLeaf", requiredProperties = { "index", "seq", "eventHash" })
    public record LeafView(long index, long seq,
            @Schema(description = "The event's hash (hex) as stored now; null when the event is gone", nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) String eventHash) {
        static LeafView of(TreeStore.Leaf l) {
            return new LeafView(l.index(), l.seq(), l.eventHash());
        }
    }

    @Schema(name = "TransparencyLeafPage", requiredProperties = { "start", "end", "items" })
    public record LeafPage(long start, long end, List<LeafView> items) {
    }
}
