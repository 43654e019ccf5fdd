package io.puppetplane.inventory.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Plain JDBC on the service's data source. Inside a JTA transaction Agroal hands out the transaction's connection,
 * so every call joins the caller's transaction (a command, or an event with its inbox row).
 */
@ApplicationScoped
public class Jdbc {

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A value bound as jsonb. */
    public record Jsonb(String text) {
    }

    /** A value bound as a text[] array. */
    public record TextArray(List<String> values) {
    }

    private final AgroalDataSource dataSource;

    Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, Arrays.asList(params));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} once per parameter row, in JDBC batches. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                bind(c, ps, Arrays.asList(row));
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            SQLException cause = e.getNextException() == null ? e : e.getNextException();
            throw new IllegalStateException("database write failed: " + cause.getMessage(), e);
        }
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, Arrays.asList(params));
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... params) {
        List<T> rows = query(sql, reader, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Binds parameters by type: Instant as timestamptz, {@link Jsonb}, {@link TextArray}, nulls as untyped. */
    public static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            int index = i + 1;
            if (p == null) {
                ps.setNull(index, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setTimestamp(index, Timestamp.from(instant));
            } else if (p instanceof Jsonb json) {
                ps.setObject(index, json.text(), Types.OTHER);
            } else if (p instanceof TextArray array) {
                ps.setArray(index, c.createArrayOf("text", array.values().toArray()));
            } else {
                ps.setObject(index, p);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
