-- Responses of creating requests sent with an Idempotency-Key (draft-ietf-httpapi-idempotency-key-header), kept
-- for factdesk.idempotency.retention so a retry on any instance gets the same answer. Written in the transaction of
-- the write they describe (see IdempotencyInterceptor).
CREATE TABLE idempotency_key (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    -- SHA-256 of method, target and arguments: the same key with another request is refused, not replayed
    fingerprint     bytea       NOT NULL,
    status          integer     NOT NULL,
    location        text,
    etag            text,
    content_type    text,
    body            bytea,
    completed_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_expires_idx ON idempotency_key (expires_at);
