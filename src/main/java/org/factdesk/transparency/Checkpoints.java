package org.factdesk.transparency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Signed checkpoints and the public halves of the keys that signed them. */
@ApplicationScoped
public class Checkpoints {

    @Inject
    EntityManager em;

    /** A checkpoint as stored; its note is what was signed and what verifiers check. */
    public record Stored(long treeSize, byte[] rootHash, Instant createdAt, String keyId, String note, String createdBy) {
    }

    public record Key(String keyId, String name, byte[] publicKey, Instant firstUsedAt) {
    }

    private static final String COLUMNS = "tree_size, root_hash, created_at, key_id, note, created_by";

    public Optional<Stored> latest() {
        return first(em.createNativeQuery("SELECT " + COLUMNS
                + " FROM transparency_checkpoint ORDER BY tree_size DESC LIMIT 1").getResultList());
    }

    public Optional<Stored> at(long treeSize) {
        return first(em.createNativeQuery("SELECT " + COLUMNS + " FROM transparency_checkpoint WHERE tree_size = ?1")
                .setParameter(1, treeSize).getResultList());
    }

    /** Newest first, below a tree size. */
    public List<Stored> before(long treeSize, int limit) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS
                + " FROM transparency_checkpoint WHERE tree_size < ?1 ORDER BY tree_size DESC LIMIT ?2")
                .setParameter(1, treeSize).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> stored((Object[]) r)).toList();
    }

    /** The newest checkpoint whose tree holds this leaf. */
    public Optional<Stored> covering(long leafIndex) {
        return latest().filter(c -> c.treeSize() > leafIndex);
    }

    void insert(Stored c) {
        em.createNativeQuery("INSERT INTO transparency_checkpoint (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                + "ON CONFLICT (tree_size) DO NOTHING")
                .setParameter(1, c.treeSize()).setParameter(2, c.rootHash())
                .setParameter(3, Timestamp.from(c.createdAt())).setParameter(4, c.keyId())
                .setParameter(5, c.note()).setParameter(6, c.createdBy()).executeUpdate();
    }

    /** Records a key the first time it signs; its name and key never change afterwards. */
    void remember(SigningKey key, Instant at) {
        em.createNativeQuery("INSERT INTO transparency_key (key_id, name, public_key, first_used_at) "
                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key_id) DO NOTHING")
                .setParameter(1, key.keyIdHex()).setParameter(2, key.name()).setParameter(3, key.publicKey())
                .setParameter(4, Timestamp.from(at)).executeUpdate();
    }

    public List<Key> keys() {
        List<?> rows = em.createNativeQuery("SELECT key_id, name, public_key, first_used_at FROM transparency_key "
                + "ORDER BY first_used_at, key_id").getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new Key(((String) r[0]).trim(), (String) r[1], (byte[]) r[2], instant(r[3]))).toList();
    }

    private static Optional<Stored> first(List<?> rows) {
        return rows.stream().findFirst().map(r -> stored((Object[]) r));
    }

    private static Stored stored(Object[] r) {
        return new Stored(((Number) r[0]).longValue(), (byte[]) r[1], instant(r[2]), ((String) r[3]).trim(),
                (String) r[4], (String) r[5]);
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) v).toInstant();
    }
}
