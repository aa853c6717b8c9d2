package org.factdesk.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Signed notes against the test vector of Go's golang.org/x/mod/sumdb/note, the reference implementation. */
class SignedNoteTest {

    // note_test.go: the signer key is "PRIVATE+KEY+" name "+" keyId "+" base64(0x01 || Ed25519 seed)
    static final String SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String SIGNATURE_LINE = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZ"
            + "SNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    static SigningKey goKey() {
        byte[] blob = Base64.getDecoder().decode(SIGNER_KEY.split("\\+", 5)[4]);
        return SigningKey.fromSeed("PeterNeumann", Arrays.copyOfRange(blob, 1, 33));
    }

    @Test
    void derivesTheReferenceVerifierKeyFromTheSeed() {
        assertThat(goKey().verifierKey()).isEqualTo(VERIFIER_KEY);
        assertThat(goKey().keyIdHex()).isEqualTo("c74f20a3");
    }

    @Test
    void signsExactlyAsTheReferenceImplementation() {
        SigningKey k = goKey();
        assertThat(SignedNote.signatureLine(k, k.sign(TEXT.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(SIGNATURE_LINE);
    }

    @Test
    void verifiesTheReferenceNoteAndRefusesAnyChangeToIt() {
        var verifier = SignedNote.Verifier.parse(VERIFIER_KEY);
        assertThat(SignedNote.verify(TEXT + "\n" + SIGNATURE_LINE, verifier)).contains(TEXT);
        assertThat(SignedNote.verify(TEXT.replace("answer", "Answer") + "\n" + SIGNATURE_LINE, verifier)).isEmpty();
        assertThat(SignedNote.verify(TEXT + "\n" + SIGNATURE_LINE.replace("x08go", "x08gp"), verifier)).isEmpty();
        assertThat(SignedNote.verify(TEXT + SIGNATURE_LINE, verifier)).isEmpty();
    }

    @Test
    void refusesAVerifierKeyWhoseIdDoesNotMatchItsKey() {
        assertThatThrownBy(() -> SignedNote.Verifier.parse(VERIFIER_KEY.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointNotesRoundTripAndVerifyWithTheServedVerifierKey() {
        SigningKey k = SigningKey.fromSeed("factdesk.example.org/audit-log", new byte[32]);
        var cp = new SignedNote.Checkpoint("factdesk.example.org/audit-log", 12345, Merkle.emptyRoot(),
                Instant.parse("2026-12-04T13:10:00Z"));
        String note = SignedNote.sign(cp, k);
        assertThat(note).startsWith("factdesk.example.org/audit-log\n12345\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
                + "timestamp 2026-12-04T13:10:00.000Z\n\n\u2014 factdesk.example.org/audit-log ");
        String text = SignedNote.verify(note, SignedNote.Verifier.parse(k.verifierKey())).orElseThrow();
        var parsed = SignedNote.parseCheckpoint(text).orElseThrow();
        assertThat(parsed.treeSize()).isEqualTo(12345);
        assertThat(parsed.rootHash()).isEqualTo(Merkle.emptyRoot());
        assertThat(parsed.timestamp()).isEqualTo(cp.timestamp());
        assertThat(SignedNote.parseCheckpoint(text.replace("12345", "012345"))).isEmpty();
    }

    @Test
    void readsTheKeyFromThePemItWrites() {
        SigningKey k = SigningKey.fromSeed("log", new byte[32]);
        assertThat(SigningKey.fromPem("log", k.pem()).verifierKey()).isEqualTo(k.verifierKey());
    }
}
