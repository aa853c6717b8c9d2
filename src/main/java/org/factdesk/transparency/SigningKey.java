package org.factdesk.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 key of a C2SP signed-note signer: the JDK's own {@code Ed25519}, no native crypto. The key id is the
 * first four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}, as in Go's {@code sumdb/note}, so existing
 * note tools accept the verifier key this produces.
 */
public final class SigningKey {

    /** The signature-algorithm byte of Ed25519 in C2SP signed notes. */
    static final byte ALG_ED25519 = 0x01;

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] keyId;

    private SigningKey(String name, PrivateKey privateKey, byte[] publicKey) {
        if (!SignedNote.validName(name)) {
            throw new IllegalArgumentException("a key name must be non-empty, without spaces or '+'");
        }
        this.name = name;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(name, publicKey);
    }

    /** From a 32-byte Ed25519 seed (RFC 8032 private key). */
    public static SigningKey fromSeed(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        try {
            // the JDK derives the public key only while generating: feed the seed as the generator's randomness
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, new FixedRandom(seed));
            var pair = g.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            return new SigningKey(name, pair.getPrivate(), Arrays.copyOfRange(x509, x509.length - 32, x509.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** From PKCS#8 PEM text as written by {@code openssl genpkey -algorithm ed25519}. */
    public static SigningKey fromPem(String name, String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the key has no private bytes"));
            return fromSeed(name, seed);
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a PKCS#8 PEM Ed25519 private key", e);
        }
    }

    /** Reads the key file, or creates it (owner-only) when it is missing and {@code generate} is set. */
    public static SigningKey load(String name, Path file, boolean generate) throws IOException {
        if (!Files.exists(file)) {
            if (!generate) {
                throw new IOException("the transparency signing key " + file + " does not exist");
            }
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            SigningKey key = fromSeed(name, seed);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, key.pem(), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: its own defaults apply
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        }
        return fromPem(name, Files.readString(file, StandardCharsets.US_ASCII));
    }

    public String name() {
        return name;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** The C2SP verifier key: {@code name+hex(keyId)+base64(0x01 || public key)}. */
    public String verifierKey() {
        return verifierKey(name, publicKey);
    }

    public static String verifierKey(String name, byte[] publicKey) {
        return name + "+" + HexFormat.of().formatHex(keyId(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(withAlgorithm(publicKey));
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** PKCS#8 PEM of the private key, the form {@link #fromPem} reads. */
    public String pem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(withAlgorithm(publicKey));
            return Arrays.copyOf(d.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] withAlgorithm(byte[] publicKey) {
        byte[] out = new byte[33];
        out[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, out, 1, 32);
        return out;
    }

    /** Hands out exactly the seed: the only way to make the JDK's generator derive a given key. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + verifierKey() + "]";
    }
}
