package io.puppetplane.inventory.ingest.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.ingest.service.CatalogPayload;
import io.puppetplane.inventory.storage.Jdbc;
import io.puppetplane.inventory.storage.Jdbc.Jsonb;
import io.puppetplane.inventory.storage.Jdbc.TextArray;

/** The latest catalog per node with its resources and edges. */
@ApplicationScoped
public class CatalogStore {

    /** What is stored for a node, to decide between stale, duplicate and new. */
    public record Stored(Instant producerTimestamp, String hash) {
    }

    /** A catalog's row, with the hashes computed for it. */
    public record Catalog(CatalogPayload payload, String hash, List<String> resourceHashes, Long environmentId,
            Long producerId, Instant receivedAt) {
    }

    private final Jdbc jdbc;

    CatalogStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Stored> stored(String certname) {
        return jdbc.first("SELECT producer_timestamp, hash FROM catalogs WHERE certname = ?",
                rs -> new Stored(Jdbc.instant(rs, "producer_timestamp"), rs.getString("hash")), certname);
    }

    /** Writes the catalog row; resources and edges are rewritten only when {@code contentChanged}. */
    public void replace(Catalog c, boolean contentChanged) {
        CatalogPayload p = c.payload();
        jdbc.update("INSERT INTO catalogs (certname, hash, catalog_version, transaction_uuid, catalog_uuid, code_id,"
                + " job_id, environment_id, producer_id, producer_timestamp, \"timestamp\")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (certname) DO UPDATE SET hash = excluded.hash,"
                + " catalog_version = excluded.catalog_version, transaction_uuid = excluded.transaction_uuid,"
                + " catalog_uuid = excluded.catalog_uuid, code_id = excluded.code_id, job_id = excluded.job_id,"
                + " environment_id = excluded.environment_id, producer_id = excluded.producer_id,"
                + " producer_timestamp = excluded.producer_timestamp, \"timestamp\" = excluded.\"timestamp\"",
                p.certname(), c.hash(), p.version(), p.transactionUuid(), p.catalogUuid(), p.codeId(), p.jobId(),
                c.environmentId(), c.producerId(), p.producerTimestamp(), c.receivedAt());
        if (!contentChanged) {
            return;
        }
        jdbc.update("DELETE FROM edges WHERE certname = ?", p.certname());
        jdbc.update("DELETE FROM catalog_resources WHERE certname = ?", p.certname());
        List<Object[]> resources = new ArrayList<>();
        for (int i = 0; i < p.resources().size(); i++) {
            CatalogPayload.Resource r = p.resources().get(i);
            resources.add(new Object[] {p.certname(), r.type(), r.title(), c.resourceHashes().get(i),
                    new TextArray(r.tags()), r.exported(), r.file(), r.line(), new Jsonb(r.parameters().toString())});
        }
        jdbc.batch("INSERT INTO catalog_resources (certname, type, title, resource, tags, exported, file, line,"
                + " parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", resources);
        jdbc.batch("INSERT INTO edges (certname, source_type, source_title, target_type, target_title, relationship)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                p.edges().stream().map(e -> new Object[] {p.certname(), e.sourceType(), e.sourceTitle(),
                        e.targetType(), e.targetTitle(), e.relationship()}).toList());
    }
}
