-- Certificate renewal (POST /puppet-ca/v1/certificate_renewal): the renewed certificate becomes the name's live one;
-- the one it replaces is set aside (cleaned) with the serial of its successor, and stays valid until it expires. A
-- revocation of the name follows these links, so the predecessors still in agents' hands are revoked too.
ALTER TABLE certificate ADD COLUMN renewed_by numeric(49);
CREATE INDEX certificate_by_successor ON certificate (renewed_by) WHERE renewed_by IS NOT NULL;

-- When the CA bundle served at /certificate/ca was first served (single row), shared by every replica: its
-- Last-Modified, which agents' If-Modified-Since (their ca_refresh_interval refresh) is compared with. A file mtime
-- would differ between replicas and pods; the certificate's notBefore is back-dated and would hide a new bundle.
CREATE TABLE ca_bundle (
    id            smallint    PRIMARY KEY CHECK (id = 1),
    sha256        text        NOT NULL,
    published_at  timestamptz NOT NULL
);
