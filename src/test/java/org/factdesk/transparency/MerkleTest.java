package org.factdesk.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The Merkle math against the certificate-transparency reference vectors (the eight leaves of RFC 6962's test data,
 * as used by google/certificate-transparency and transparency-dev/merkle), and as properties over random sizes.
 */
class MerkleTest {

    static final HexFormat HEX = HexFormat.of();
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static List<byte[]> leafHashes(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(HEX.parseHex(LEAVES[i])));
        }
        return out;
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void rootsMatchTheReferenceVectorsForSizesZeroToEight() {
        for (int n = 0; n <= 8; n++) {
            List<byte[]> leaves = leafHashes(n);
            assertThat(HEX.formatHex(Merkle.root(Merkle.inMemory(leaves), n))).as("size %d", n).isEqualTo(ROOTS[n]);
            assertThat(HEX.formatHex(Merkle.rootOfLeaves(leaves))).as("size %d", n).isEqualTo(ROOTS[n]);
        }
    }

    @Test
    void inclusionProofsMatchTheReferenceVectors() {
        assertInclusion(0, 1);
        assertInclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertInclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertInclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertInclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    private static void assertInclusion(int index, int size, String... expected) {
        List<byte[]> leaves = leafHashes(size);
        List<byte[]> proof = Merkle.inclusionProof(Merkle.inMemory(leaves), index, size);
        assertThat(hex(proof)).containsExactly(expected);
        assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, HEX.parseHex(ROOTS[size]))).isTrue();
    }

    @Test
    void consistencyProofsMatchTheReferenceVectors() {
        assertConsistency(1, 1);
        assertConsistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertConsistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertConsistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    private static void assertConsistency(int from, int to, String... expected) {
        List<byte[]> proof = Merkle.consistencyProof(Merkle.inMemory(leafHashes(to)), from, to);
        assertThat(hex(proof)).containsExactly(expected);
        assertThat(Merkle.verifyConsistency(from, to, HEX.parseHex(ROOTS[from]), HEX.parseHex(ROOTS[to]), proof))
                .isTrue();
    }

    @Test
    void refusesAConsistencyProofAgainstTheWrongNewRoot() {
        List<byte[]> proof = Merkle.consistencyProof(Merkle.inMemory(leafHashes(7)), 3, 7);
        assertThat(Merkle.verifyConsistency(3, 7, HEX.parseHex(ROOTS[3]), HEX.parseHex(ROOTS[6]), proof)).isFalse();
    }

    static List<byte[]> randomLeaves(int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(("event " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Property(tries = 300)
    void everyInclusionProofVerifiesAndAFlippedBitFails(@ForAll @IntRange(min = 1, max = 700) int size,
            @ForAll @IntRange(min = 0, max = 699) int index, @ForAll @IntRange(min = 0, max = 255) int bit) {
        Assume.that(index < size);
        List<byte[]> leaves = randomLeaves(size);
        Merkle.Subtrees tree = Merkle.inMemory(leaves);
        byte[] root = Merkle.rootOfLeaves(leaves);
        assertThat(Merkle.root(tree, size)).isEqualTo(root);
        List<byte[]> proof = Merkle.inclusionProof(tree, index, size);
        assertThat(proof.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1L));
        assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, root)).isTrue();

        assertThat(Merkle.verifyInclusion(index, size, flip(leaves.get(index), bit), proof, root)).isFalse();
        assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, flip(root, bit))).isFalse();
        if (!proof.isEmpty()) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = bit % bad.size();
            bad.set(at, flip(bad.get(at), bit));
            assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), bad, root)).isFalse();
        }
        if (size > 1) {
            int other = (index + 1) % size;
            assertThat(Merkle.verifyInclusion(other, size, leaves.get(index), proof, root)).isFalse();
        }
    }

    @Property(tries = 300)
    void everyConsistencyProofVerifiesAndAFlippedBitFails(@ForAll @IntRange(min = 0, max = 700) int from,
            @ForAll @IntRange(min = 1, max = 700) int to, @ForAll @IntRange(min = 0, max = 255) int bit) {
        Assume.that(from <= to);
        List<byte[]> leaves = randomLeaves(to);
        Merkle.Subtrees tree = Merkle.inMemory(leaves);
        byte[] oldRoot = Merkle.rootOfLeaves(leaves.subList(0, from));
        byte[] newRoot = Merkle.rootOfLeaves(leaves);
        List<byte[]> proof = Merkle.consistencyProof(tree, from, to);
        assertThat(Merkle.verifyConsistency(from, to, oldRoot, newRoot, proof)).isTrue();
        if (from > 0) {
            assertThat(Merkle.verifyConsistency(from, to, flip(oldRoot, bit), newRoot, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(from, to, oldRoot, flip(newRoot, bit), proof)).isFalse();
        }
        if (!proof.isEmpty()) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = bit % bad.size();
            bad.set(at, flip(bad.get(at), bit));
            assertThat(Merkle.verifyConsistency(from, to, oldRoot, newRoot, bad)).isFalse();
        }
    }

    static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
