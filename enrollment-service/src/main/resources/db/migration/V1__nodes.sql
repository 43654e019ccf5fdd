-- What operators and provisioning systems asked for (desired) plus where the enrollment pipeline stands.
CREATE TABLE node (
    certname          text        PRIMARY KEY,
    address           text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('bare-metal', 'cloud-instance')),
    role              text,
    classes           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state             text        NOT NULL,
    state_changed_at  timestamptz NOT NULL,
    -- failed: why, how often, when to try again (null: only an operator retry), and which state to resume from
    failure_reason    text,
    retry_count       integer     NOT NULL DEFAULT 0,
    next_retry_at     timestamptz,
    resume_state      text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX node_due ON node (state, next_retry_at);
CREATE INDEX node_role ON node (role);

CREATE TABLE node_history (
    id          bigserial   PRIMARY KEY,
    certname    text        NOT NULL,
    from_state  text,
    to_state    text        NOT NULL,
    reason      text,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX node_history_certname ON node_history (certname, id);

-- What the other services told us about an agent, kept whether or not the node is known yet, so events may
-- arrive in any order relative to the node's creation (the reconciler reads both).
CREATE TABLE agent_observation (
    certname               text PRIMARY KEY,
    csr_submitted_at       timestamptz,
    csr_fingerprint        text,
    csr_requester_address  text,
    csr_autosign_decision  text,
    certificate_signed_at  timestamptz,
    certificate_serial     text,
    first_success_at       timestamptz,
    last_run_status        text,
    last_run_at            timestamptz,
    facts                  jsonb,
    facts_received_at      timestamptz
);

CREATE TABLE node_report (
    id                     bigserial   PRIMARY KEY,
    certname               text        NOT NULL,
    status                 text,
    environment            text,
    configuration_version  text,
    transaction_uuid       text,
    noop                   boolean     NOT NULL DEFAULT false,
    run_at                 timestamptz,
    received_at            timestamptz NOT NULL
);
CREATE INDEX node_report_certname ON node_report (certname, id DESC);

-- Registration with the cloud controller: intent committed before the command runs, completion after it, so a
-- crash in between is visible (started_at without completed_at) and never silently repeats the command.
CREATE TABLE registration_attempt (
    certname      text        PRIMARY KEY,
    command       text        NOT NULL,
    started_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    outcome       text
);
