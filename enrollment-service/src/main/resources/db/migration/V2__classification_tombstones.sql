-- Decommissioned nodes whose classification is still to be deleted from the compacted classification topic with a
-- Kafka tombstone (key certname, null value). The outbox relays String values only, so tombstones are relayed from
-- here (ClassificationTombstoneRelay) once every earlier classification event of the node left the outbox.
CREATE TABLE classification_tombstone (
    certname      text        PRIMARY KEY,
    requested_at  timestamptz NOT NULL
);
