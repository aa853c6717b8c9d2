package org.factdesk.transparency;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The stored tree: leaves and the hashes of complete aligned subtrees, written once each and never changed. Any
 * root or proof reads only O(log n) rows, fetched in one query: a computation is first run against a recorder that
 * notes which subtrees it asks for (the Merkle math never looks at hash values to decide what to ask), then run
 * again over exactly those rows.
 */
@ApplicationScoped
public class TreeStore {

    private static final byte[] UNREAD = new byte[32];

    @Inject
    EntityManager em;

    /** A complete aligned subtree: level 0 is a leaf. */
    record Subtree(int level, long index, byte[] hash) {
    }

    /** A leaf as served to auditors: its event's hash as stored now (null when the event is gone). */
    public record Leaf(long index, long seq, String eventHash) {
    }

    public long size() {
        return ((Number) em.createNativeQuery("SELECT coalesce(max(idx) + 1, 0) FROM transparency_leaf")
                .getSingleResult()).longValue();
    }

    /** Runs a computation over the stored tree with one round trip for all the subtrees it needs. */
    public <T> T compute(Function<Merkle.Subtrees, T> computation) {
        Set<Long> leaves = new LinkedHashSet<>();
        Set<Map.Entry<Integer, Long>> nodes = new LinkedHashSet<>();
        computation.apply((level, index) -> {
            if (level == 0) {
                leaves.add(index);
            } else {
                nodes.add(Map.entry(level, index));
            }
            return UNREAD;
        });
        Map<Map.Entry<Integer, Long>, byte[]> found = fetch(leaves, nodes);
        return computation.apply((level, index) -> {
            byte[] h = found.get(Map.entry(level, index));
            if (h == null) {
                throw new TreeAltered("subtree " + level + "/" + index + " is missing from the stored tree");
            }
            return h;
        });
    }

    private Map<Map.Entry<Integer, Long>, byte[]> fetch(Set<Long> leaves, Set<Map.Entry<Integer, Long>> nodes) {
        if (leaves.isEmpty() && nodes.isEmpty()) {
            return Map.of();
        }
        // arrays travel as their text form: one statement whatever the number of subtrees
        List<?> rows = em.createNativeQuery("""
                SELECT 0, idx, leaf_hash FROM transparency_leaf WHERE idx = ANY (CAST(?1 AS bigint[]))
                UNION ALL
                SELECT n.level, n.idx, n.hash FROM transparency_node n
                  JOIN unnest(CAST(?2 AS smallint[]), CAST(?3 AS bigint[])) AS q(level, idx)
                    ON n.level = q.level AND n.idx = q.idx""")
                .setParameter(1, array(leaves))
                .setParameter(2, array(nodes.stream().map(Map.Entry::getKey).toList()))
                .setParameter(3, array(nodes.stream().map(Map.Entry::getValue).toList()))
                .getResultList();
        Map<Map.Entry<Integer, Long>, byte[]> out = new HashMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            out.put(Map.entry(((Number) row[0]).intValue(), ((Number) row[1]).longValue()), (byte[]) row[2]);
        }
        return out;
    }

    private static String array(java.util.Collection<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** The complete subtrees that make up a tree of this size, largest first: where appending continues. */
    List<Subtree> frontier(long size) {
        List<long[]> wanted = new ArrayList<>();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                wanted.add(new long[] {level, start >> level});
                start += 1L << level;
            }
        }
        return compute(tree -> wanted.stream()
                .map(w -> new Subtree((int) w[0], w[1], tree.hash((int) w[0], w[1]))).toList());
    }

    /**
     * Appends leaves for these events (seq and hex hash, in feed order) after a tree of {@code size} leaves, with
     * every subtree they complete. Only ever called by the one follower holding the feed position, so the size
     * cannot move underneath it.
     */
    void append(long size, List<Map.Entry<Long, String>> events) {
        List<Subtree> stack = new ArrayList<>(frontier(size));
        List<Object[]> leafRows = new ArrayList<>();
        List<Subtree> nodeRows = new ArrayList<>();
        long index = size;
        for (Map.Entry<Long, String> e : events) {
            byte[] h = Merkle.leafHash(HexFormat.of().parseHex(e.getValue()));
            leafRows.add(new Object[] {index, e.getKey(), h});
            int level = 0;
            long at = index;
            while (!stack.isEmpty() && stack.get(stack.size() - 1).level() == level) {
                Subtree left = stack.remove(stack.size() - 1);
                h = Merkle.nodeHash(left.hash(), h);
                level++;
                at >>= 1;
                nodeRows.add(new Subtree(level, at, h));
            }
            stack.add(new Subtree(level, at, h));
            index++;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement leaf = c.prepareStatement(
                    "INSERT INTO transparency_leaf (idx, seq, leaf_hash) VALUES (?, ?, ?)");
                    PreparedStatement node = c.prepareStatement(
                            "INSERT INTO transparency_node (level, idx, hash) VALUES (?, ?, ?)")) {
                for (Object[] r : leafRows) {
                    leaf.setLong(1, (Long) r[0]);
                    leaf.setLong(2, (Long) r[1]);
                    leaf.setBytes(3, (byte[]) r[2]);
                    leaf.addBatch();
                }
                leaf.executeBatch();
                for (Subtree s : nodeRows) {
                    node.setShort(1, (short) s.level());
                    node.setLong(2, s.index());
                    node.setBytes(3, s.hash());
                    node.addBatch();
                }
                node.executeBatch();
            }
        });
    }

    public Optional<Long> leafIndexOf(long seq) {
        return em.createNativeQuery("SELECT idx FROM transparency_leaf WHERE seq = ?1").setParameter(1, seq)
                .getResultStream().findFirst().map(v -> ((Number) v).longValue());
    }

    /** The event's hash as stored now: empty when the event is gone. */
    public Optional<String> liveEventHash(long seq) {
        return em.createNativeQuery("SELECT hash FROM audit_event WHERE seq = ?1").setParameter(1, seq)
                .getResultStream().findFirst().map(String.class::cast);
    }

    /** Leaves [start, end) with the hash of their event as stored now. */
    public List<Leaf> leaves(long start, long end) {
        List<?> rows = em.createNativeQuery("""
                SELECT l.idx, l.seq, e.hash FROM transparency_leaf l LEFT JOIN audit_event e ON e.seq = l.seq
                WHERE l.idx >= ?1 AND l.idx < ?2 ORDER BY l.idx""")
                .setParameter(1, start).setParameter(2, end).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new Leaf(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2])).toList();
    }

    /**
     * Leaves in [start, end) whose event is gone or no longer hashes to the leaf: what a rewrite of the audit log
     * after the leaf was appended leaves behind.
     */
    long alteredLeaves(long start, long end) {
        return ((Number) em.createNativeQuery("""
                SELECT count(*) FROM transparency_leaf l LEFT JOIN audit_event e ON e.seq = l.seq
                WHERE l.idx >= ?1 AND l.idx < ?2
                  AND (e.seq IS NULL OR sha256(CAST('\\x00' AS bytea) || decode(e.hash, 'hex')) <> l.leaf_hash)""")
                .setParameter(1, start).setParameter(2, end).getSingleResult()).longValue();
    }

    /** Thrown when the stored tree lacks rows it must have: someone removed them. */
    public static final class TreeAltered extends RuntimeException {
        TreeAltered(String message) {
            super(message, null, false, false);
        }
    }
}
