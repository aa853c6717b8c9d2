-- Evidence in object storage: staged uploads, objects not yet referenced, and the move from PostgreSQL to S3.

-- Uploads are copied into storage before their evidence row is written (outside that transaction, so a slow
-- client holds no connection). A blob stays "staged" until the row that references it commits; the sweep removes
-- staged blobs older than factdesk.evidence.cleanup.after. Existing blobs were written with their rows: NULL.
ALTER TABLE evidence_blob ADD COLUMN staged_at TIMESTAMPTZ;
CREATE INDEX evidence_blob_staged_idx ON evidence_blob (staged_at) WHERE staged_at IS NOT NULL;

-- Bucket objects (content-addressed, sha256/<hex>) written for an evidence row whose transaction has not committed
-- yet. The row's transaction deletes its entry; an entry that outlives the cleanup interval marks an object whose
-- row never came, which the sweep deletes unless some evidence row references it by then.
CREATE TABLE evidence_object_pending (
    object_key  VARCHAR(200) PRIMARY KEY,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- Reads, the sweep and the migration find the evidence of a stored object by its key.
CREATE INDEX evidence_storage_key_idx ON evidence (storage_key) WHERE storage_key IS NOT NULL;

-- The move of existing evidence bytes from PostgreSQL to the bucket (one row; progress is counted from the
-- evidence table itself, so a crash loses nothing but the counters of the run it interrupted).
CREATE TABLE evidence_migration (
    id            INT          PRIMARY KEY CHECK (id = 1),
    state         VARCHAR(20)  NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'FINISHED', 'FAILED')),
    started_at    TIMESTAMPTZ  NOT NULL,
    started_by    VARCHAR(80)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ,
    moved_files   BIGINT       NOT NULL DEFAULT 0,
    moved_bytes   BIGINT       NOT NULL DEFAULT 0,
    failed_files  BIGINT       NOT NULL DEFAULT 0,
    last_error    VARCHAR(2000)
);
