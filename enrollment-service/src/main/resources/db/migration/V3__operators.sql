-- Operator accounts of the dashboard and the admin API. Passwords are PBKDF2 hashes (PasswordHasher), never text.
CREATE TABLE operator_account (
    name           text        PRIMARY KEY,
    role           text        NOT NULL CHECK (role IN ('admin', 'viewer')),
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Every operator action that changes the plane, done or refused; written in the action's transaction with its
-- OperatorActionRecorded event (outbox), so the audit trail and the change cannot disagree.
CREATE TABLE operator_action (
    id              bigserial   PRIMARY KEY,
    actor           text        NOT NULL,
    actor_role      text        NOT NULL,
    action          text        NOT NULL,
    target          text,
    outcome         text        NOT NULL CHECK (outcome IN ('done', 'refused')),
    detail          text,
    client_address  text,
    at              timestamptz NOT NULL
);
CREATE INDEX operator_action_at ON operator_action (at DESC);
