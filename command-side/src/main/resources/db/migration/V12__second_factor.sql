-- Second factor (TOTP, ADR 0024). Like the password hash, the secret is a credential: it lives here, never in an event,
-- and goes with the account (ON DELETE CASCADE). It is sealed with the account owner's person key (ADR 0004), so a
-- copy of this table alone opens nothing and erasure (shredding the key) makes it unreadable.
-- confirmed_at NULL: an enrolment started and not yet confirmed by a first valid code (the secret may be replaced).
-- last_used_step: the highest RFC 6238 time step accepted, so each code works once (a conditional UPDATE decides).
CREATE TABLE account_second_factor (
    account_id     UUID        NOT NULL PRIMARY KEY REFERENCES account (account_id) ON DELETE CASCADE,
    sealed_secret  TEXT        NOT NULL,
    confirmed_at   TIMESTAMPTZ,
    last_used_step BIGINT
);

-- Single-use recovery codes, stored only as their SHA-256 (80 random bits each: no slow hash needed, as for refresh
-- tokens). A used code keeps its row with used_at set.
CREATE TABLE account_recovery_code (
    account_id UUID        NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, code_hash)
);
