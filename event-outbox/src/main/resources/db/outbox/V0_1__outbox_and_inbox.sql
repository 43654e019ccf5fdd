-- Events written in the same transaction as the state they announce; the relay publishes and then stamps them.
CREATE TABLE outbox_event (
    id            uuid        PRIMARY KEY,
    topic         text        NOT NULL,
    event_key     text        NOT NULL,
    event_type    text        NOT NULL,
    cloud_event   text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;

-- Ids of events a consumer has applied, so a redelivered event has no second effect.
CREATE TABLE inbox_event (
    consumer      text        NOT NULL,
    event_id      text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
