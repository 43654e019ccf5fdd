package io.puppetplane.inventory.ingest.repository;

import java.util.Optional;

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
        String select = "SELECT id FROM " + table + " WHERE " + column + " = ?";
        Optional<Long> known = jdbc.first(select, rs -> rs.getLong(1), name);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<Long> created = jdbc.first("INSERT INTO " + table + " (" + column + ") VALUES (?)"
                + " ON CONFLICT DO NOTHING RETURNING id", rs -> rs.getLong(1), name);
        if (created.isPresent()) {
            return created.get();
        }
        // A concurrent command inserted the name and committed while this INSERT waited for it: a statement's
        // snapshot does not show that row (so no single INSERT … UNION SELECT can), the next statement's does.
        return jdbc.first(select, rs -> rs.getLong(1), name)
                .orElseThrow(() -> new IllegalStateException("no id for " + table + " " + name));
    }
}
