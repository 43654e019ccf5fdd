package io.puppetplane.enrollment.node.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * Plain JDBC on the service's data source. Inside a JTA transaction Agroal hands out the transaction's connection,
 * so every repository call joins the caller's transaction (and the outbox write in it).
 */
public abstract class JdbcRepository {

    /** Reads one row. */
    @FunctionalInterface
    protected interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    protected final AgroalDataSource dataSource;
    protected final ObjectMapper mapper;

    protected JdbcRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    protected int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    protected <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
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

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof JsonText json) {
                ps.setObject(i + 1, json.text(), java.sql.Types.OTHER);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    protected static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    protected JsonText json(Object value) {
        try {
            return new JsonText(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    protected <T> T fromJson(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    protected static final TypeReference<Map<String, Map<String, Object>>> CLASSES = new TypeReference<>() {
    };

    /** A value bound as a jsonb parameter. */
    protected record JsonText(String text) {
    }
}
