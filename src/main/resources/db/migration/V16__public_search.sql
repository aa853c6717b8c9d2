-- Public ClaimReview search (issue 10): request budgets per client, shared by every instance, and the index behind
-- "claims marked duplicates of this one".

-- One row per (budget, client, window). UNLOGGED: a budget is not a record anybody relies on, and after a crash
-- PostgreSQL empties the table, which only hands every client a fresh window; in exchange the counter costs no WAL.
CREATE UNLOGGED TABLE rate_limit_window (
    scope         VARCHAR(40)  NOT NULL,
    subject       VARCHAR(100) NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    hits          INTEGER      NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, subject, window_start)
);
CREATE INDEX rate_limit_window_expiry_idx ON rate_limit_window (expires_at);

CREATE INDEX claim_duplicate_of_idx ON claim (duplicate_of, id) WHERE duplicate_of IS NOT NULL;
