package io.puppetplane.inventory.ingest.repository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.storage.Jdbc;

/**
 * Ids of environment and producer names, created on first use (PuppetDB keeps both as lookup tables). The service
 * never deletes these rows, so an id once seen committed is remembered (two fewer statements per command); whoever
 * deletes them behind its back (a test emptying the database) calls {@link #forget()}.
 */
@ApplicationScoped
public class NameIds {

    private final Jdbc jdbc;
    private final Map<String, Long> committed = new ConcurrentHashMap<>();

    NameIds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Long environment(String name) {
        return id("environments", "environment", name);
    }

    public Long producer(String name) {
        return id("producers", "name", name);
    }

    /** Forgets the remembered ids (their rows were deleted). */
    public void forget() {
        committed.clear();
    }

    private Long id(String table, String column, String name) {
        if (name == null) {
            return null;
        }
        String key = table + "\u0000" + name;
        Long remembered = committed.get(key);
        if (remembered != null) {
            return remembered;
        }
        // table and column are constants of this class, never input
        String select = "SELECT id FROM " + table + " WHERE " + column + " = ?";
        Optional<Long> known = jdbc.first(select, rs -> rs.getLong(1), name);
        if (known.isPresent()) {
            committed.put(key, known.get());
            return known.get();
        }
        Optional<Long> created = jdbc.first("INSERT INTO " + table + " (" + column + ") VALUES (?)"
                + " ON CONFLICT DO NOTHING RETURNING id", rs -> rs.getLong(1), name);
        if (created.isPresent()) {
            // not remembered: this transaction may still roll back
            return created.get();
        }
        // A concurrent command inserted the name and committed while this INSERT waited for it: a statement's
        // snapshot does not show that row (so no single INSERT … UNION SELECT can), the next statement's does.
        Long id = jdbc.first(select, rs -> rs.getLong(1), name)
                .orElseThrow(() -> new IllegalStateException("no id for " + table + " " + name));
        committed.put(key, id);
        return id;
    }
}
