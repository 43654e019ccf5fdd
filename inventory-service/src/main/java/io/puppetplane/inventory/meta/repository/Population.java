package io.puppetplane.inventory.meta.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.storage.Jdbc;

/** PuppetDB's population gauges ({@code query/population.clj}), read when asked. */
@ApplicationScoped
public class Population {

    /** Below this many estimated rows the resources are counted exactly; above, PostgreSQL's estimate serves. */
    private static final long EXACT_BELOW = 200_000;

    private final Jdbc jdbc;

    Population(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long activeNodes() {
        return count("SELECT count(*) FROM certnames WHERE deactivated IS NULL AND expired IS NULL");
    }

    public long inactiveNodes() {
        return count("SELECT count(*) FROM certnames WHERE deactivated IS NOT NULL OR expired IS NOT NULL");
    }

    /** Resources of all catalogs: an estimate on big tables, as PuppetDB's num-resources is. */
    public long resources() {
        long estimate = count("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'catalog_resources'");
        return estimate < EXACT_BELOW ? count("SELECT count(*) FROM catalog_resources") : estimate;
    }

    /** Share of resources whose content another resource has too. */
    public double resourceDuplication() {
        long total = count("SELECT count(*) FROM catalog_resources");
        if (total == 0) {
            return 0;
        }
        long distinct = count("SELECT count(DISTINCT resource) FROM catalog_resources");
        return (total - distinct) / (double) total;
    }

    private long count(String sql) {
        Optional<Long> n = jdbc.first(sql, rs -> rs.getLong(1));
        return n.orElse(0L);
    }
}
