package io.puppetplane.inventory.ingest.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.ingest.service.ReportPayload;
import io.puppetplane.inventory.storage.Jdbc;
import io.puppetplane.inventory.storage.Jdbc.Jsonb;
import io.puppetplane.inventory.storage.Jdbc.TextArray;

/** Reports with their resource events, and each node's latest report. */
@ApplicationScoped
public class ReportStore {

    private final Jdbc jdbc;

    ReportStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the report unless one with the same hash exists; its id, or empty for a duplicate. */
    public Optional<Long> insert(ReportPayload r, String hash, Long environmentId, Long producerId,
            Instant receivedAt) {
        Optional<Long> id = jdbc.first("INSERT INTO reports (hash, certname, puppet_version, report_format,"
                + " configuration_version, start_time, end_time, producer_timestamp, producer_id, receive_time,"
                + " transaction_uuid, catalog_uuid, code_id, job_id, cached_catalog_status, environment_id, status,"
                + " noop, noop_pending, corrective_change, report_type, metrics, logs)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (hash) DO NOTHING RETURNING id",
                rs -> rs.getLong(1), hash, r.certname(), r.puppetVersion(), r.reportFormat(),
                r.configurationVersion(), r.startTime(), r.endTime(), r.producerTimestamp(), producerId, receivedAt,
                r.transactionUuid(), r.catalogUuid(), r.codeId(), r.jobId(), r.cachedCatalogStatus(), environmentId,
                r.status(), r.noop(), r.noopPending(), r.correctiveChange(), r.type(),
                new Jsonb(r.metrics().toString()), new Jsonb(r.logs().toString()));
        id.ifPresent(reportId -> insertEvents(reportId, r));
        return id;
    }

    private void insertEvents(long reportId, ReportPayload r) {
        List<Object[]> rows = new ArrayList<>();
        for (ReportPayload.Event e : r.events()) {
            rows.add(new Object[] {reportId, e.hash(), r.certname(), e.status(), e.timestamp(), e.resourceType(),
                    e.resourceTitle(), e.property(), e.name(),
                    e.newValue() == null ? null : new Jsonb(e.newValue().toString()),
                    e.oldValue() == null ? null : new Jsonb(e.oldValue().toString()), e.message(), e.file(), e.line(),
                    e.containmentPath() == null ? null : new TextArray(e.containmentPath()), e.containingClass(),
                    e.correctiveChange()});
        }
        jdbc.batch("INSERT INTO resource_events (report_id, event_hash, certname, status, \"timestamp\","
                + " resource_type, resource_title, property, name, new_value, old_value, message, file, line,"
                + " containment_path, containing_class, corrective_change)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
    }

    /** Makes the report the node's latest unless a report with a newer producer timestamp already is. */
    public void offerAsLatest(String certname, long reportId, Instant producerTimestamp) {
        jdbc.update("UPDATE certnames SET latest_report_id = ?, latest_report_timestamp = ? WHERE certname = ?"
                + " AND (latest_report_timestamp IS NULL OR latest_report_timestamp < ?)",
                reportId, producerTimestamp, certname, producerTimestamp);
    }
}
