package io.puppetplane.ca.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.agroal.api.AgroalDataSource;

/** Runs parameterised SQL on the caller's JTA transaction (Agroal enlists the connection). */
final class SqlStatements {

    /** Maps one row. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    SqlStatements(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant instant ? Timestamp.from(instant) : p);
        }
        return ps;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
