-- Evidence: files (bytes in chunked rows of their own table) and links, attached to claims; never deleted.

-- Stored bytes of uploaded files, written in the same transaction as the evidence row that points at them.
CREATE TABLE evidence_blob (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    size        BIGINT      NOT NULL CHECK (size >= 0),
    sha256      VARCHAR(64) NOT NULL,
    chunk_size  INT         NOT NULL CHECK (chunk_size > 0),
    created_at  TIMESTAMPTZ NOT NULL
);

-- Bytes in fixed-size chunks (the last may be shorter), so reads and ranges touch only the rows they need.
CREATE TABLE evidence_blob_chunk (
    blob_id   BIGINT NOT NULL REFERENCES evidence_blob (id),
    chunk_no  INT    NOT NULL CHECK (chunk_no >= 0),
    data      BYTEA  NOT NULL,
    PRIMARY KEY (blob_id, chunk_no)
);
-- most evidence (images, PDF, media) is compressed already: store out of line without trying to compress
ALTER TABLE evidence_blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE evidence (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id            BIGINT        NOT NULL REFERENCES claim (id),
    kind                VARCHAR(10)   NOT NULL CHECK (kind IN ('FILE', 'LINK')),
    stance              VARCHAR(10)   NOT NULL CHECK (stance IN ('SUPPORTS', 'REFUTES', 'CONTEXT')),
    note                VARCHAR(2000),
    added_by            VARCHAR(80)   NOT NULL,
    added_at            TIMESTAMPTZ   NOT NULL,
    -- links
    url                 VARCHAR(2048),
    title               VARCHAR(300),
    publisher           VARCHAR(200),
    accessed_at         TIMESTAMPTZ,
    archive_url         VARCHAR(2048),
    -- files
    storage_key         VARCHAR(200),
    file_name           VARCHAR(255),
    original_file_name  VARCHAR(1024),
    content_type        VARCHAR(127),
    size                BIGINT,
    sha256              VARCHAR(64),
    -- retraction (evidence is never deleted)
    retracted           BOOLEAN       NOT NULL DEFAULT FALSE,
    retracted_by        VARCHAR(80),
    retracted_at        TIMESTAMPTZ,
    retraction_reason   VARCHAR(2000),
    version             BIGINT        NOT NULL DEFAULT 0,
    CHECK (kind <> 'FILE' OR (storage_key IS NOT NULL AND file_name IS NOT NULL AND content_type IS NOT NULL
                              AND size IS NOT NULL AND sha256 IS NOT NULL)),
    CHECK (kind <> 'LINK' OR (url IS NOT NULL AND title IS NOT NULL)),
    CHECK (retracted = (retracted_at IS NOT NULL))
);
CREATE INDEX evidence_claim_idx ON evidence (claim_id, id);
-- the same bytes are attached to a claim once
CREATE UNIQUE INDEX evidence_claim_sha256_idx ON evidence (claim_id, sha256) WHERE sha256 IS NOT NULL;
