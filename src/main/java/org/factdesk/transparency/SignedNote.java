package org.factdesk.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * C2SP signed notes (c2sp.org/signed-note) carrying C2SP checkpoints (c2sp.org/tlog-checkpoint), so that existing
 * tools (Go's {@code sumdb/note}, witnesses) read Factdesk's checkpoints. Pure: formatting, signing with a given key,
 * parsing and verifying.
 *
 * <p>Checkpoint text: origin, tree size in decimal, base64 root, then one extension line
 * {@code timestamp yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC), each ending in a newline. The note appends a blank line and
 * {@code "— " name " " base64(keyId || Ed25519 signature of the text)}.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    /** Millisecond precision always written out, so the text has one spelling per instant. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SignedNote() {
    }

    /** A checkpoint's content, what the note's text says. */
    public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant timestamp) {
        public Checkpoint {
            timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        }

        public String text() {
            return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                    + "timestamp " + TIMESTAMP.format(timestamp) + "\n";
        }
    }

    /** Names are non-empty, with no Unicode spaces and no plus (they would break the verifier key). */
    public static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.isISOControl(c));
    }

    /** The signed note of a checkpoint. */
    public static String sign(Checkpoint checkpoint, SigningKey key) {
        String text = checkpoint.text();
        return text + "\n" + signatureLine(key, key.sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String signatureLine(SigningKey key, byte[] signature) {
        byte[] blob = new byte[4 + signature.length];
        System.arraycopy(key.keyId(), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** A verifier key {@code name+hex8+base64(0x01 || key)} parsed and checked (the key id must match). */
    public record Verifier(String name, byte[] publicKey, byte[] keyId) {
        public static Verifier parse(String vkey) {
            String[] parts = vkey.split("\\+", 3);
            if (parts.length != 3 || !validName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("not a verifier key");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a verifier key", e);
            }
            if (key.length != 33 || key[0] != SigningKey.ALG_ED25519) {
                throw new IllegalArgumentException("not an Ed25519 verifier key");
            }
            byte[] pub = Arrays.copyOfRange(key, 1, 33);
            byte[] id = SigningKey.keyId(parts[0], pub);
            if (!HexFormat.of().formatHex(id).equals(parts[1])) {
                throw new IllegalArgumentException("the verifier key's id does not match its key");
            }
            return new Verifier(parts[0], pub, id);
        }
    }

    /**
     * The note's text when one of its signatures is this verifier's and valid; empty otherwise (malformed, unsigned
     * by this key, or a bad signature).
     */
    public static Optional<String> verify(String note, Verifier verifier) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return Optional.empty();
        }
        String text = note.substring(0, split + 1);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH)) {
                return Optional.empty();
            }
            String[] f = line.substring(DASH.length()).split(" ", -1);
            if (f.length != 2 || !f[0].equals(verifier.name())) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(f[1]);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (blob.length != 68 || !Arrays.equals(Arrays.copyOf(blob, 4), verifier.keyId())) {
                continue;
            }
            if (verifies(verifier.publicKey(), text.getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOfRange(blob, 4, 68))) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** Parses checkpoint text strictly: exactly Factdesk's four lines. */
    public static Optional<Checkpoint> parseCheckpoint(String text) {
        if (!text.endsWith("\n")) {
            return Optional.empty();
        }
        String[] l = text.substring(0, text.length() - 1).split("\n", -1);
        if (l.length != 4 || l[0].isEmpty() || !DECIMAL.matcher(l[1]).matches() || !l[3].startsWith("timestamp ")) {
            return Optional.empty();
        }
        try {
            byte[] root = Base64.getDecoder().decode(l[2]);
            Instant at = Instant.from(TIMESTAMP.parse(l[3].substring("timestamp ".length())));
            Checkpoint c = new Checkpoint(l[0], Long.parseLong(l[1]), root, at);
            return root.length == 32 && c.text().equals(text) ? Optional.of(c) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
