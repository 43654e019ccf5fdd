package io.puppetplane.ca.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** When the CA bundle now served was first served; the same answer on every replica. */
@ApplicationScoped
public class CaBundleRepository {

    private final SqlStatements sql;

    CaBundleRepository(AgroalDataSource dataSource) {
        this.sql = new SqlStatements(dataSource);
    }

    /**
     * Records {@code sha256} as the bundle served from {@code now} unless it already is, and returns when it was
     * first served. Called under the bootstrap lock, so replicas starting together agree.
     */
    public Instant publish(String sha256, Instant now) {
        sql.update("INSERT INTO ca_bundle (id, sha256, published_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE "
                + "SET sha256 = EXCLUDED.sha256, published_at = EXCLUDED.published_at "
                + "WHERE ca_bundle.sha256 <> EXCLUDED.sha256", sha256, now);
        return sql.query("SELECT published_at FROM ca_bundle WHERE id = 1", rs -> SqlStatements.instant(rs,
                "published_at")).get(0);
    }
}
