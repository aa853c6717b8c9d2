-- Sign-in throttling by account AND by client address (see LoginService and SignInThrottle). The per-username
-- table it replaces let anyone lock any account from anywhere, and kept a row for every invented username.
DROP TABLE login_failure;

-- One counter per scope and subject:
--   'P' an (account, address) pair: the lockout, which never reaches the same account at another address
--   'A' a client address (an IPv6 /64), across all usernames: against password spraying
--   'U' an account, across all addresses: beyond its budget only addresses it signed in from before may try
-- Failures are counted when an attempt is let through (before the password is checked), so a burst of
-- concurrent attempts cannot all pass the check; a successful sign-in gives its reservation back.
CREATE TABLE sign_in_throttle (
    scope         CHAR(1)      NOT NULL CHECK (scope IN ('P', 'A', 'U')),
    subject       VARCHAR(300) NOT NULL,
    failures      INT          NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    blocked_until TIMESTAMPTZ,
    -- when the row no longer matters (window over and no block): pruned from then on
    expires_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX sign_in_throttle_expiry_idx ON sign_in_throttle (expires_at);

-- Addresses an account signed in from, for the account-wide budget; rows exist only for real sign-ins.
CREATE TABLE sign_in_known_address (
    username       VARCHAR(200) NOT NULL,
    address        VARCHAR(100) NOT NULL,
    last_signed_in TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (username, address)
);
CREATE INDEX sign_in_known_address_age_idx ON sign_in_known_address (last_signed_in);
