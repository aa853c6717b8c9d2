-- The transparency log (RFC 9162): every audit event, in the feed's commit-safe order, is a leaf of one append-only
-- Merkle tree; signed checkpoints commit to its root. Filled by the "transparency" follower of the audit feed, so
-- appends to the audit log never wait for it.

-- Leaf idx is the idx-th event of the feed; leaf_hash = SHA-256(0x00 || event hash bytes) as it was appended. Proofs
-- served to outsiders take the leaf from the event as it is stored now, so a rewritten event no longer verifies.
CREATE TABLE transparency_leaf (
    idx        BIGINT PRIMARY KEY CHECK (idx >= 0),
    seq        BIGINT NOT NULL UNIQUE,
    leaf_hash  BYTEA  NOT NULL CHECK (length(leaf_hash) = 32)
);

-- The hash of every complete, aligned subtree above the leaves: level l, index i covers leaves [i*2^l, (i+1)*2^l).
-- Written once when its last leaf arrives and never changed, so any root or proof needs only O(log n) of these rows.
CREATE TABLE transparency_node (
    level  SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 62),
    idx    BIGINT   NOT NULL CHECK (idx >= 0),
    hash   BYTEA    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Every key that ever signed a checkpoint (public halves only: the private key never enters the database), so that
-- checkpoints signed before a rotation stay verifiable.
CREATE TABLE transparency_key (
    key_id         CHAR(8)      PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    public_key     BYTEA        NOT NULL CHECK (length(public_key) = 32),
    first_used_at  TIMESTAMPTZ  NOT NULL
);

-- One checkpoint per tree size, whoever makes it (the primary key settles races between instances).
CREATE TABLE transparency_checkpoint (
    tree_size   BIGINT       PRIMARY KEY CHECK (tree_size >= 0),
    root_hash   BYTEA        NOT NULL CHECK (length(root_hash) = 32),
    created_at  TIMESTAMPTZ  NOT NULL,
    key_id      CHAR(8)      NOT NULL REFERENCES transparency_key (key_id),
    note        TEXT         NOT NULL,
    created_by  VARCHAR(100) NOT NULL
);

-- Append-only, like audit_event: the service never changes a row, so any change is tampering (and verifiers
-- holding an earlier checkpoint detect it even when these triggers are disabled).
CREATE FUNCTION transparency_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER transparency_leaf_no_change BEFORE UPDATE OR DELETE ON transparency_leaf
    FOR EACH ROW EXECUTE FUNCTION transparency_refuse_change();
CREATE TRIGGER transparency_node_no_change BEFORE UPDATE OR DELETE ON transparency_node
    FOR EACH ROW EXECUTE FUNCTION transparency_refuse_change();
CREATE TRIGGER transparency_checkpoint_no_change BEFORE UPDATE OR DELETE ON transparency_checkpoint
    FOR EACH ROW EXECUTE FUNCTION transparency_refuse_change();
CREATE TRIGGER transparency_leaf_no_truncate BEFORE TRUNCATE ON transparency_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_refuse_change();
CREATE TRIGGER transparency_node_no_truncate BEFORE TRUNCATE ON transparency_node
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_refuse_change();
CREATE TRIGGER transparency_checkpoint_no_truncate BEFORE TRUNCATE ON transparency_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_refuse_change();
