-- PuppetDB's data model, kept as the query API needs it: the latest facts and catalog per node, every report
-- within report-ttl. Every table of a node hangs off certnames, so purging a node is one DELETE that cascades.

CREATE TABLE environments (
    id           bigserial PRIMARY KEY,
    environment  text      NOT NULL UNIQUE
);

CREATE TABLE producers (
    id    bigserial PRIMARY KEY,
    name  text      NOT NULL UNIQUE
);

CREATE TABLE certnames (
    id                        bigserial   PRIMARY KEY,
    certname                  text        NOT NULL UNIQUE,
    deactivated               timestamptz,
    expired                   timestamptz,
    latest_report_id          bigint,
    latest_report_timestamp   timestamptz,
    catalog_inputs_timestamp  timestamptz,
    catalog_inputs_uuid       text,
    -- configure expiration: false keeps the node from expiring by node-ttl
    expires_facts             boolean     NOT NULL DEFAULT true,
    expires_facts_updated     timestamptz
);
-- Every active-restricted query excludes this (usually tiny) set; without the partial index that is a scan of
-- all certnames per query (puppetlabs/puppetdb#3940).
CREATE INDEX certnames_not_active ON certnames (certname) WHERE deactivated IS NOT NULL OR expired IS NOT NULL;

CREATE TABLE factsets (
    certname            text        PRIMARY KEY REFERENCES certnames (certname) ON DELETE CASCADE,
    environment_id      bigint      REFERENCES environments (id),
    producer_id         bigint      REFERENCES producers (id),
    facts               jsonb       NOT NULL,
    package_inventory   jsonb,
    hash                text        NOT NULL,
    -- identity of the set of fact paths, so a run that only changed values (uptime) writes no fact_paths
    paths_hash          text        NOT NULL,
    producer_timestamp  timestamptz NOT NULL,
    "timestamp"         timestamptz NOT NULL
);
-- facts.a.b = v (inventory, ["fact",…] rewritten) becomes facts @> {"a":{"b":v}}, which this index answers.
CREATE INDEX factsets_facts ON factsets USING gin (facts jsonb_path_ops);

-- Every path of every stored fact value (fact-paths, fact-names), written when a factset changes and collected
-- by the GC when no factset has it any more.
CREATE TABLE fact_paths (
    -- PuppetDB's encoding: elements joined by #~, digit-only keys quoted
    path        text    NOT NULL,
    value_type  text    NOT NULL,
    -- the path as the API shows it: keys as strings, array indexes as numbers
    path_json   jsonb   NOT NULL,
    name        text    NOT NULL,
    depth       integer NOT NULL,
    PRIMARY KEY (path, value_type)
);
CREATE INDEX fact_paths_name ON fact_paths (name);

CREATE TABLE catalogs (
    certname            text        PRIMARY KEY REFERENCES certnames (certname) ON DELETE CASCADE,
    hash                text        NOT NULL,
    catalog_version     text        NOT NULL,
    transaction_uuid    text,
    catalog_uuid        text,
    code_id             text,
    job_id              text,
    environment_id      bigint      REFERENCES environments (id),
    producer_id         bigint      REFERENCES producers (id),
    producer_timestamp  timestamptz NOT NULL,
    "timestamp"         timestamptz NOT NULL
);

CREATE TABLE catalog_resources (
    certname    text    NOT NULL REFERENCES catalogs (certname) ON DELETE CASCADE,
    type        text    NOT NULL,
    title       text    NOT NULL,
    -- sha1 of [type, title, parameters]
    resource    text    NOT NULL,
    tags        text[]  NOT NULL,
    exported    boolean NOT NULL,
    file        text,
    line        integer,
    parameters  jsonb   NOT NULL,
    PRIMARY KEY (certname, type, title)
);
CREATE INDEX catalog_resources_type_title ON catalog_resources (type, title);
-- Collectors ask for the exported resources of one type across the fleet.
CREATE INDEX catalog_resources_exported ON catalog_resources (type, title) WHERE exported;
CREATE INDEX catalog_resources_tags ON catalog_resources USING gin (tags);
CREATE INDEX catalog_resources_resource ON catalog_resources (resource);

CREATE TABLE edges (
    certname      text NOT NULL REFERENCES catalogs (certname) ON DELETE CASCADE,
    source_type   text NOT NULL,
    source_title  text NOT NULL,
    target_type   text NOT NULL,
    target_title  text NOT NULL,
    relationship  text NOT NULL,
    PRIMARY KEY (certname, source_type, source_title, target_type, target_title, relationship)
);

CREATE TABLE catalog_inputs (
    certname  text NOT NULL REFERENCES certnames (certname) ON DELETE CASCADE,
    type      text NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (certname, type, name)
);

-- Reports are not partitioned: report-ttl is an indexed DELETE by producer_timestamp whose cost the README
-- records; events go with their report by cascade.
CREATE TABLE reports (
    id                     bigserial   PRIMARY KEY,
    hash                   text        NOT NULL UNIQUE,
    certname               text        NOT NULL REFERENCES certnames (certname) ON DELETE CASCADE,
    puppet_version         text        NOT NULL,
    report_format          integer     NOT NULL,
    configuration_version  text        NOT NULL,
    start_time             timestamptz NOT NULL,
    end_time               timestamptz NOT NULL,
    producer_timestamp     timestamptz NOT NULL,
    producer_id            bigint      REFERENCES producers (id),
    receive_time           timestamptz NOT NULL,
    transaction_uuid       text,
    catalog_uuid           text,
    code_id                text,
    job_id                 text,
    cached_catalog_status  text,
    environment_id         bigint      REFERENCES environments (id),
    status                 text,
    noop                   boolean,
    noop_pending           boolean,
    corrective_change      boolean,
    report_type            text        NOT NULL DEFAULT 'agent',
    metrics                jsonb       NOT NULL,
    logs                   jsonb       NOT NULL
);
CREATE INDEX reports_certname_end_time ON reports (certname, end_time DESC);
CREATE INDEX reports_end_time ON reports (end_time);
CREATE INDEX reports_producer_timestamp ON reports (producer_timestamp);

ALTER TABLE certnames ADD CONSTRAINT certnames_latest_report
    FOREIGN KEY (latest_report_id) REFERENCES reports (id) ON DELETE SET NULL;

CREATE TABLE resource_events (
    report_id          bigint      NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    event_hash         text        NOT NULL,
    certname           text        NOT NULL,
    status             text        NOT NULL,
    "timestamp"        timestamptz,
    resource_type      text        NOT NULL,
    resource_title     text        NOT NULL,
    property           text,
    name               text,
    new_value          jsonb,
    old_value          jsonb,
    message            text,
    file               text,
    line               integer,
    containment_path   text[],
    containing_class   text,
    corrective_change  boolean,
    PRIMARY KEY (report_id, event_hash)
);
CREATE INDEX resource_events_resource ON resource_events (resource_type, resource_title);
CREATE INDEX resource_events_certname_timestamp ON resource_events (certname, "timestamp");
