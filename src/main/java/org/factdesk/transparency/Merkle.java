package org.factdesk.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 section 2.1 Merkle tree math: domain-separated SHA-256 (0x00 leaves, 0x01 nodes), roots, inclusion and
 * consistency proofs and their verification. Pure: the tree is read through {@link Subtrees}, which only ever has to
 * answer complete, aligned subtrees (2^level leaves starting at index * 2^level), so a store can keep exactly those.
 */
public final class Merkle {

    /** Hashes of complete aligned subtrees: level 0 is leaf hashes, level l covers leaves [i*2^l, (i+1)*2^l). */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(int level, long index);
    }

    private Merkle() {
    }

    public static byte[] leafHash(byte[] input) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        d.update(input);
        return d.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH(D[0:size]). */
    public static byte[] root(Subtrees tree, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return size == 0 ? emptyRoot() : range(tree, 0, size);
    }

    /** PATH(index, D[0:size]), leaf to root. */
    public static List<byte[]> inclusionProof(Subtrees tree, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> out = new ArrayList<>();
        path(tree, index, 0, size, out);
        return out;
    }

    /** PROOF(from, D[0:to]); empty when from is 0 or equals to. */
    public static List<byte[]> consistencyProof(Subtrees tree, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> out = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(tree, from, 0, to, true, out);
        }
        return out;
    }

    /** RFC 9162 section 2.1.3.2. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 section 2.1.4.2, plus the trivial cases it leaves out (from 0, and from equal to to). */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to || fromRoot == null || toRoot == null) {
            return false;
        }
        if (from == 0) {
            return proof.isEmpty();
        }
        if (from == to) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }

    /** Largest power of two strictly below n (n >= 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH of leaves [start, end); start is aligned to the largest power of two not above end - start. */
    static byte[] range(Subtrees tree, long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return tree.hash(level, start >> level);
        }
        long k = split(n);
        return nodeHash(range(tree, start, start + k), range(tree, start + k, end));
    }

    private static void path(Subtrees tree, long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(tree, m, start, start + k, out);
            out.add(range(tree, start + k, end));
        } else {
            path(tree, m - k, start + k, end, out);
            out.add(range(tree, start, start + k));
        }
    }

    private static void subproof(Subtrees tree, long m, long start, long end, boolean whole, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(range(tree, start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(tree, m, start, start + k, whole, out);
            out.add(range(tree, start + k, end));
        } else {
            subproof(tree, m - k, start + k, end, false, out);
            out.add(range(tree, start, start + k));
        }
    }

    /** Subtrees computed from leaf hashes in memory (tests, and recomputing a root from stored leaves). */
    public static Subtrees inMemory(List<byte[]> leafHashes) {
        return new Subtrees() {
            @Override
            public byte[] hash(int level, long index) {
                if (level == 0) {
                    return leafHashes.get(Math.toIntExact(index));
                }
                return nodeHash(hash(level - 1, index * 2), hash(level - 1, index * 2 + 1));
            }
        };
    }

    /** Root of leaf hashes by a single bottom-up pass, O(n) hashing and O(log n) memory beyond the input. */
    public static byte[] rootOfLeaves(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        // the right frontier: stack[l] holds a complete subtree of 2^l leaves awaiting its right sibling
        byte[][] stack = new byte[64][];
        long count = 0;
        for (byte[] leaf : leafHashes) {
            byte[] h = leaf;
            int level = 0;
            long c = count;
            while ((c & 1) == 1) {
                h = nodeHash(stack[level], h);
                stack[level] = null;
                level++;
                c >>= 1;
            }
            stack[level] = h;
            count++;
        }
        byte[] r = null;
        for (byte[] s : stack) {
            if (s != null) {
                r = r == null ? s : nodeHash(s, r);
            }
        }
        return r;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
