-- Rulings: the versioned rating scale, rulings (drafts, published versions and their corrections).

-- ---- Rating scale: every version is kept whole and never changes once written.
CREATE TABLE rating_scale (
    version     INT          PRIMARY KEY CHECK (version >= 1),
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(80)  NOT NULL
);

CREATE TABLE rating_verdict (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scale_version  INT          NOT NULL REFERENCES rating_scale (version),
    position       INT          NOT NULL,
    key            VARCHAR(40)  NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label          VARCHAR(60)  NOT NULL,
    value          INT          CHECK (value BETWEEN 0 AND 100),
    description    VARCHAR(500),
    retired        BOOLEAN      NOT NULL DEFAULT FALSE,
    UNIQUE (scale_version, key),
    UNIQUE (scale_version, position)
);

CREATE FUNCTION rating_scale_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (create a new scale version instead)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER rating_scale_no_change BEFORE UPDATE OR DELETE ON rating_scale
    FOR EACH ROW EXECUTE FUNCTION rating_scale_refuse_change();
CREATE TRIGGER rating_verdict_no_change BEFORE UPDATE OR DELETE ON rating_verdict
    FOR EACH ROW EXECUTE FUNCTION rating_scale_refuse_change();

-- The default scale (version 1): six ordinal verdicts (6 = best) and two that publish without a number.
INSERT INTO rating_scale (version, created_at, created_by) VALUES (1, now(), 'system');
INSERT INTO rating_verdict (scale_version, position, key, label, value, description) VALUES
    (1, 1, 'true',          'True',          6, 'The statement is accurate and nothing significant is missing.'),
    (1, 2, 'mostly_true',   'Mostly true',   5, 'The statement is accurate but needs clarification or additional information.'),
    (1, 3, 'half_true',     'Half true',     4, 'The statement is partially accurate but leaves out important details or takes things out of context.'),
    (1, 4, 'mostly_false',  'Mostly false',  3, 'The statement contains an element of truth but ignores critical facts that would give a different impression.'),
    (1, 5, 'false',         'False',         2, 'The statement is not accurate.'),
    (1, 6, 'pants_on_fire', 'Pants on fire', 1, 'The statement is not accurate and makes a ridiculous claim.'),
    (1, 7, 'unproven',      'Unproven',      NULL, 'The evidence available does not allow the statement to be proven or disproven.'),
    (1, 8, 'satire',        'Satire',        NULL, 'The statement comes from satire or parody and was not meant as fact.');

-- ---- Rulings
CREATE SEQUENCE ruling_publication_seq START 1 INCREMENT 1;

CREATE TABLE ruling (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id             BIGINT         NOT NULL REFERENCES claim (id),
    status               VARCHAR(12)    NOT NULL,
    -- the verdict as chosen (pinned to the scale version and label it is published with)
    verdict_key          VARCHAR(40)    NOT NULL,
    verdict_label        VARCHAR(60)    NOT NULL,
    scale_version        INT            NOT NULL REFERENCES rating_scale (version),
    rating_value         INT,
    best_rating          INT,
    worst_rating         INT,
    headline             VARCHAR(200)   NOT NULL,
    claim_reviewed       VARCHAR(280)   NOT NULL,
    summary              VARCHAR(10000) NOT NULL,
    correction_note      VARCHAR(2000),
    claimant_type        VARCHAR(12)    NOT NULL DEFAULT 'PERSON',
    first_appearance_url VARCHAR(2048),
    evidence_ids         BIGINT[]       NOT NULL,
    drafted_by           VARCHAR(80)    NOT NULL,
    drafted_at           TIMESTAMPTZ    NOT NULL,
    returned_by          VARCHAR(80),
    returned_at          TIMESTAMPTZ,
    -- set once on approval
    approved_by          VARCHAR(80),
    published_at         TIMESTAMPTZ,
    publication_seq      BIGINT         UNIQUE,
    version_number       INT,
    supersedes           BIGINT         REFERENCES ruling (id),
    first_published_at   TIMESTAMPTZ,
    claim_statement      VARCHAR(2000),
    claimant             VARCHAR(200),
    claim_source_url     VARCHAR(2048),
    claimed_at           DATE,
    language             VARCHAR(35),
    evidence_sha256      TEXT[],
    provenance_manifest  TEXT,
    provenance_hash      VARCHAR(64)    CHECK (provenance_hash ~ '^[0-9a-f]{64}$'),
    -- the only columns of a published ruling that may still be written, once: the link to its successor
    superseded_by        BIGINT         REFERENCES ruling (id),
    superseded_at        TIMESTAMPTZ,
    version              BIGINT         NOT NULL DEFAULT 0,
    CHECK (status IN ('DRAFT', 'RETURNED', 'PUBLISHED', 'SUPERSEDED')),
    CHECK (claimant_type IN ('PERSON', 'ORGANIZATION')),
    CHECK ((status IN ('PUBLISHED', 'SUPERSEDED')) = (published_at IS NOT NULL)),
    CHECK (published_at IS NULL OR (version_number >= 1 AND provenance_hash IS NOT NULL AND approved_by IS NOT NULL
                                    AND publication_seq IS NOT NULL AND provenance_manifest IS NOT NULL)),
    CHECK ((status = 'SUPERSEDED') = (superseded_by IS NOT NULL)),
    CHECK (version_number IS NULL OR version_number = 1 OR correction_note IS NOT NULL),
    UNIQUE (claim_id, version_number)
);
CREATE INDEX ruling_claim_idx ON ruling (claim_id, id);
-- at most one draft under review and one current published ruling per claim
CREATE UNIQUE INDEX ruling_one_draft_idx ON ruling (claim_id) WHERE status = 'DRAFT';
CREATE UNIQUE INDEX ruling_one_current_idx ON ruling (claim_id) WHERE status = 'PUBLISHED';
-- the public feed (current rulings, newest publication first) and the exports (by publication time)
CREATE INDEX ruling_feed_idx ON ruling (publication_seq DESC) WHERE status = 'PUBLISHED';
CREATE INDEX ruling_published_at_idx ON ruling (published_at, id) WHERE published_at IS NOT NULL;

-- A published ruling is immutable: its content never changes and no ruling is ever deleted. The only write a
-- published row accepts is setting its successor link once (status PUBLISHED -> SUPERSEDED, superseded_by,
-- superseded_at), plus the optimistic-lock counter that goes with any write.
CREATE FUNCTION ruling_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    link_columns CONSTANT TEXT[] := ARRAY['status', 'superseded_by', 'superseded_at', 'version'];
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'rulings are never deleted (ruling %)', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.published_at IS NULL THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - link_columns) IS DISTINCT FROM (to_jsonb(OLD) - link_columns) THEN
        RAISE EXCEPTION 'ruling % is published: its content cannot be changed', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.superseded_by IS NOT NULL THEN
        IF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by OR NEW.superseded_at IS DISTINCT FROM OLD.superseded_at
                OR NEW.status IS DISTINCT FROM OLD.status THEN
            RAISE EXCEPTION 'ruling % is already superseded by ruling %', OLD.id, OLD.superseded_by
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NEW.superseded_by IS NOT NULL THEN
        IF NEW.status <> 'SUPERSEDED' OR NEW.superseded_at IS NULL OR NEW.superseded_by = OLD.id THEN
            RAISE EXCEPTION 'ruling % can only be marked superseded with its successor and time', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.superseded_at IS NOT NULL THEN
        RAISE EXCEPTION 'ruling % is published: its status cannot change except to SUPERSEDED', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ruling_immutable_when_published BEFORE UPDATE OR DELETE ON ruling
    FOR EACH ROW EXECUTE FUNCTION ruling_guard();
CREATE TRIGGER ruling_no_truncate BEFORE TRUNCATE ON ruling
    FOR EACH STATEMENT EXECUTE FUNCTION rating_scale_refuse_change();
