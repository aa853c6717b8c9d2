-- The audit feed: who may read each event, and named followers of the feed.

-- Who may read an event in a claim's history besides staff (see Audience). Existing events get the audience their
-- type has in the code; the change trigger is paused for this one backfill, the only UPDATE ever run on the table.
ALTER TABLE audit_event ADD COLUMN audience VARCHAR(10) NOT NULL DEFAULT 'STAFF'
    CHECK (audience IN ('SUBMITTER', 'STAFF'));
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
UPDATE audit_event SET audience = 'SUBMITTER' WHERE type IN ('CLAIM_SUBMITTED', 'CLAIM_EDITED', 'CLAIM_TRANSITIONED');
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
ALTER TABLE audit_event ALTER COLUMN audience DROP DEFAULT;

-- tx_id is now the feed key, set by the application when it appends (see AuditLog.feed); events appended without
-- it would not be safe to follow, so there is no default any more.
ALTER TABLE audit_event ALTER COLUMN tx_id DROP DEFAULT;

-- The position of each follower of the feed (webhooks, inbox, transparency log ...): advanced in the same
-- transaction as what the follower wrote for the events it read, so each event is handled exactly once.
CREATE TABLE feed_cursor (
    name        VARCHAR(60)  PRIMARY KEY,
    tx_id       XID8         NOT NULL,
    seq         BIGINT       NOT NULL,
    events      BIGINT       NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ  NOT NULL
);
