-- Webhook endpoints and their deliveries. Deliveries are made from the audit feed (WebhookFollower) in the
-- transaction that advances the feed position, so an event committed is an event that will be delivered; the
-- body is rebuilt from the immutable audit event at each attempt, so it is the same bytes on every retry.
CREATE TABLE webhook_endpoint (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url                  text        NOT NULL,
    description          text        NOT NULL DEFAULT '',
    -- subscriptions as given: dotted event types ("ruling.published"), "ruling.*" or "*"
    events               text[]      NOT NULL,
    -- only events of claims carrying one of these tags (empty: every event, system events included)
    tags                 text[]      NOT NULL DEFAULT '{}',
    enabled              boolean     NOT NULL DEFAULT true,
    -- whsec_...: HMAC keys must be readable to sign, so they are kept as given (protect backups like the database)
    secret               text        NOT NULL,
    previous_secret      text,
    previous_secret_until timestamptz,
    -- since when every attempt failed (null after a success); past factdesk.webhooks.disable-after it is disabled
    failing_since        timestamptz,
    disabled_reason      text,
    disabled_at          timestamptz,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              bigint      NOT NULL DEFAULT 0
);

CREATE TABLE webhook_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id     bigint      NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_seq       bigint      NOT NULL REFERENCES audit_event (seq),
    -- the chain it belongs to (null: system chain): deliveries of one claim to one endpoint go in feed order
    claim_id        bigint,
    event_type      text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    -- attempts since the delivery was (re)queued: the index into the retry schedule
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    -- an instance sending it holds it until then (a crashed sender's lease runs out and another one retries)
    lease_until     timestamptz,
    lease_token     uuid,
    last_attempt_at timestamptz,
    last_status     integer,
    last_duration_ms integer,
    last_response   text,
    last_error      text,
    created_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    -- one delivery per event and endpoint: a redelivery or a replay requeues it, with the same webhook-id
    UNIQUE (endpoint_id, event_seq)
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_order_idx ON webhook_delivery (endpoint_id, claim_id, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (endpoint_id, id DESC);

-- every attempt, for the delivery log
CREATE TABLE webhook_attempt (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   bigint      NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at  timestamptz NOT NULL,
    status        integer,
    duration_ms   integer     NOT NULL,
    response      text,
    error         text
);

CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);
