-- Foundation: identity, claims and the append-only, hash-chained audit log.

CREATE TABLE app_user (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      VARCHAR(40)  NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name  VARCHAR(120) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    roles         TEXT[]       NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE user_session (
    token_hash    BYTEA        PRIMARY KEY,
    user_id       BIGINT       NOT NULL REFERENCES app_user (id),
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE login_failure (
    username      VARCHAR(200) PRIMARY KEY,
    failures      INT          NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    locked_until  TIMESTAMPTZ
);

CREATE TABLE api_key (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          VARCHAR(80)  NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    token_hash    BYTEA        NOT NULL UNIQUE,
    created_by    VARCHAR(40)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    VARCHAR(40)
);

CREATE TABLE claim (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    statement        VARCHAR(2000) NOT NULL,
    claimant         VARCHAR(200),
    source_url       VARCHAR(2048),
    claimed_at       DATE,
    language         VARCHAR(35)   NOT NULL DEFAULT 'en',
    tags             TEXT[]        NOT NULL DEFAULT '{}',
    priority         VARCHAR(10)   NOT NULL DEFAULT 'NORMAL',
    status           VARCHAR(20)   NOT NULL,
    assignee         VARCHAR(40)   REFERENCES app_user (username),
    submitted_by     VARCHAR(80)   NOT NULL,
    dismissal_reason VARCHAR(2000),
    duplicate_of     BIGINT        REFERENCES claim (id),
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    updated_by       VARCHAR(80)   NOT NULL,
    version          BIGINT        NOT NULL DEFAULT 0,
    search           TSVECTOR GENERATED ALWAYS AS (
                         to_tsvector('english'::regconfig, statement || ' ' || coalesce(claimant, ''))) STORED,
    CHECK (status IN ('SUBMITTED', 'RESEARCHING', 'IN_REVIEW', 'RATED', 'DISMISSED')),
    CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT'))
);
CREATE INDEX claim_search_idx ON claim USING GIN (search);
CREATE INDEX claim_tags_idx ON claim USING GIN (tags);
CREATE INDEX claim_status_idx ON claim (status, id DESC);
CREATE INDEX claim_assignee_idx ON claim (assignee, id DESC);
CREATE INDEX claim_submitted_by_idx ON claim (submitted_by, id DESC);

-- Audit events: one hash chain per claim (claim_id) and one system chain (claim_id IS NULL).
CREATE TABLE audit_event (
    seq          BIGINT       PRIMARY KEY,
    claim_id     BIGINT       REFERENCES claim (id),
    type         VARCHAR(60)  NOT NULL,
    actor        VARCHAR(80)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    data         JSONB        NOT NULL,
    prev_hash    VARCHAR(64)  NOT NULL CHECK (length(prev_hash) = 64),
    hash         VARCHAR(64)  NOT NULL UNIQUE CHECK (length(hash) = 64),
    -- the writing transaction: the feed only serves events of finished transactions, in (tx_id, seq) order,
    -- so a follower never skips an event that commits after a later-numbered one
    tx_id        XID8         NOT NULL DEFAULT pg_current_xact_id()
);
CREATE SEQUENCE audit_event_seq START 1 INCREMENT 1;
CREATE INDEX audit_event_claim_idx ON audit_event (claim_id, seq);
CREATE INDEX audit_event_feed_idx ON audit_event (tx_id, seq);
CREATE INDEX audit_event_system_idx ON audit_event (seq) WHERE claim_id IS NULL;
CREATE UNIQUE INDEX audit_event_claim_link_idx ON audit_event (claim_id, prev_hash) WHERE claim_id IS NOT NULL;
CREATE UNIQUE INDEX audit_event_system_link_idx ON audit_event (prev_hash) WHERE claim_id IS NULL;

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
