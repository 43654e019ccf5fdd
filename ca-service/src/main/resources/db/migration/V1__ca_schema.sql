-- Serials of every certificate this CA signs. Serial 1 is the CA certificate; an import moves the start past the
-- imported CA's serial file, so a sequence (not max()+1) keeps serials unique across replicas.
CREATE SEQUENCE certificate_serial START WITH 2;

-- Pending CSRs: at most one per certname; deleted when signed or cleaned.
CREATE TABLE certificate_request (
    certname            text        PRIMARY KEY,
    csr_pem             text        NOT NULL,
    fingerprint_sha256  text        NOT NULL,
    requester_address   text,
    extensions          text        NOT NULL,
    autosign_decision   text        NOT NULL,
    submitted_at        timestamptz NOT NULL
);

-- Every certificate issued (or imported). state: signed | revoked. cleaned = forgotten by the operator (the name
-- may enroll again) but still listed in the CRL when revoked.
CREATE TABLE certificate (
    serial              numeric(49) PRIMARY KEY,
    certname            text        NOT NULL,
    cert_pem            text,
    fingerprint_sha256  text,
    not_before          timestamptz,
    not_after           timestamptz,
    state               text        NOT NULL CHECK (state IN ('signed', 'revoked')),
    revoked_at          timestamptz,
    cleaned             boolean     NOT NULL DEFAULT false,
    signed_reason       text        NOT NULL,
    issued_at           timestamptz NOT NULL
);
CREATE INDEX certificate_by_name ON certificate (certname) WHERE NOT cleaned;
-- A name holds at most one live certificate.
CREATE UNIQUE INDEX certificate_one_live_per_name ON certificate (certname) WHERE NOT cleaned;

-- The current CRL (single row). Written only under the CRL advisory lock.
CREATE TABLE crl (
    id           smallint    PRIMARY KEY CHECK (id = 1),
    crl_number   numeric(49) NOT NULL,
    crl_pem      text        NOT NULL,
    this_update  timestamptz NOT NULL,
    next_update  timestamptz NOT NULL
);

-- One-time enrollment tokens; only a hash is kept.
CREATE TABLE enrollment_token (
    token_sha256  text        PRIMARY KEY,
    certname      text        NOT NULL,
    issued_to     text        NOT NULL,
    issued_at     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    consumed_at   timestamptz
);

-- What happened, who did it and why.
CREATE TABLE audit_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    certname  text,
    detail    text        NOT NULL
);
CREATE INDEX audit_log_by_name ON audit_log (certname, at);
