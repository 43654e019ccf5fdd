package io.puppetplane.inventory.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.storage.Jdbc;

/** Ids of environment and producer names, created on first use (PuppetDB keeps both as lookup tables). */
@ApplicationScoped
public class NameIds {

    private final Jdbc jdbc;

    NameIds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Long environment(String name) {
        return id("environments", "environment", name);
    }

    public Long producer(String name) {
        return id("producers", "name", name);
    }

    private Long id(String table, String column, String name) {
        if (name == null) {
            return null;
        }
        // table and column are constants of this class, never input
        String sql = "WITH created AS (INSERT INTO " + table + " (" + column + ") VALUES (?) ON CONFLICT DO NOTHING"
                + " RETURNING id) SELECT id FROM created UNION ALL SELECT id FROM " + table + " WHERE " + column
                + " = ? LIMIT 1";
        return jdbc.first(sql, rs -> rs.getLong(1), name, name)
                .orElseThrow(() -> new IllegalStateException("no id for " + table + " " + name));
    }
}
