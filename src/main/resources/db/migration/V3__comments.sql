-- Reviewer comments on claims: threaded, editable by their author, deleted as tombstones.

CREATE TABLE claim_comment (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id     BIGINT       NOT NULL REFERENCES claim (id),
    parent_id    BIGINT       REFERENCES claim_comment (id),
    author       VARCHAR(80)  NOT NULL,
    body         TEXT         CHECK (body IS NULL OR char_length(body) BETWEEN 1 AND 10000),
    mentions     TEXT[]       NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ  NOT NULL,
    edited_at    TIMESTAMPTZ,
    deleted      BOOLEAN      NOT NULL DEFAULT FALSE,
    deleted_by   VARCHAR(80),
    deleted_at   TIMESTAMPTZ,
    resolved     BOOLEAN      NOT NULL DEFAULT FALSE,
    resolved_by  VARCHAR(80),
    resolved_at  TIMESTAMPTZ,
    version      BIGINT       NOT NULL DEFAULT 0,
    CHECK (deleted = (body IS NULL))
);
CREATE INDEX claim_comment_claim_idx ON claim_comment (claim_id, id);
CREATE INDEX claim_comment_parent_idx ON claim_comment (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX claim_comment_mentions_idx ON claim_comment USING GIN (mentions);
