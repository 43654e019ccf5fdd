package io.puppetplane.inventory.query.service;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.inventory.query.ast.QueryException;
import io.puppetplane.inventory.query.engine.FieldType;
import io.puppetplane.inventory.query.engine.QueryCompiler.CompiledQuery;
import io.puppetplane.inventory.query.engine.QueryCompiler.OutputColumn;
import io.puppetplane.inventory.storage.Jdbc;
import io.puppetplane.inventory.wire.WireTime;

/**
 * Runs a compiled query and streams its rows as JSON while PostgreSQL delivers them (a cursor of 500 rows at a
 * time), so a large answer never sits in memory. The first row is read before the response starts: query errors
 * (a bad regular expression, a type mismatch) still become a 400, and {@code X-Records} comes from its total column.
 */
@ApplicationScoped
public class QueryRunner {

    private static final Logger LOG = Logger.getLogger(QueryRunner.class);
    public static final String JSON = "application/json; charset=utf-8";
    private static final JsonFactory FACTORY = new JsonFactory();

    private final AgroalDataSource dataSource;

    QueryRunner(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An open result: its connection stays open until the body is written. */
    private record Open(Connection connection, PreparedStatement statement, ResultSet rows, boolean hasRow) {
    }

    public Response run(CompiledQuery query, ResultShape shape, String notFoundMessage) {
        Open open = open(query.sql(), query.params());
        try {
            if ((shape == ResultShape.SINGLE || shape == ResultShape.FIRST_VALUE) && !open.hasRow()) {
                close(open);
                return notFound(notFoundMessage);
            }
            Response.ResponseBuilder response = Response.ok(body(open, query, shape), JSON);
            if (query.totalColumn()) {
                long total = open.hasRow() ? open.rows().getLong(query.columns().size() + 1) : countAll(query);
                response.header("X-Records", total);
            }
            return response.build();
        } catch (SQLException e) {
            close(open);
            throw translate(e);
        } catch (RuntimeException e) {
            close(open);
            throw e;
        }
    }

    /** Whether {@code sql} finds a row: the parent checks of child routes. */
    public boolean exists(String sql, Object... params) {
        Open open = open(sql, java.util.Arrays.asList(params));
        boolean found = open.hasRow();
        close(open);
        return found;
    }

    public static Response notFound(String message) {
        return Response.status(404).type(JSON)
                .entity("{\"error\":" + quoted(message) + "}").build();
    }

    private long countAll(CompiledQuery query) throws SQLException {
        Open count = open(query.countSql(), query.countParams());
        try {
            return count.hasRow() ? count.rows().getLong(1) : 0;
        } finally {
            close(count);
        }
    }

    private Open open(String sql, List<Object> params) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            PreparedStatement ps = c.prepareStatement(sql);
            ps.setFetchSize(500);
            Jdbc.bind(c, ps, params);
            ResultSet rs = ps.executeQuery();
            return new Open(c, ps, rs, rs.next());
        } catch (SQLException e) {
            if (c != null) {
                close(new Open(c, null, null, false));
            }
            throw translate(e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 22: data exception (bad regular expression, bad cast); 42: a query PostgreSQL cannot plan (grouping)
        if (state.startsWith("22") || state.startsWith("42")) {
            String message = e.getMessage() == null ? state : e.getMessage().replaceFirst("^ERROR: ", "");
            int where = message.indexOf("\n");
            return new QueryException(where > 0 ? message.substring(0, where) : message);
        }
        LOG.errorf("query failed: %s (%s)", e.getMessage(), state);
        return new QueryUnavailableException("the database could not answer: " + e.getMessage());
    }

    private StreamingOutput body(Open open, CompiledQuery query, ResultShape shape) {
        return output -> {
            try {
                write(open, query, shape, output);
            } catch (SQLException e) {
                LOG.errorf("query stream broke off: %s", e.getMessage());
                throw new IOException("the query stream broke off: " + e.getMessage(), e);
            } finally {
                close(open);
            }
        };
    }

    private static void write(Open open, CompiledQuery query, ResultShape shape, OutputStream output)
            throws IOException, SQLException {
        ResultSet rs = open.rows();
        List<OutputColumn> columns = query.columns();
        try (JsonGenerator g = FACTORY.createGenerator(output, JsonEncoding.UTF8)) {
            if (shape == ResultShape.FIRST_VALUE) {
                writeValue(g, rs, 1, columns.get(0).type());
                return;
            }
            if (shape == ResultShape.SINGLE) {
                writeRow(g, rs, columns);
                return;
            }
            g.writeStartArray();
            for (boolean row = open.hasRow(); row; row = rs.next()) {
                switch (shape) {
                    case VALUES -> writeValue(g, rs, 1, columns.get(0).type());
                    case EVENT_COUNTS -> writeEventCount(g, rs, columns);
                    default -> writeRow(g, rs, columns);
                }
            }
            g.writeEndArray();
        }
    }

    private static void writeRow(JsonGenerator g, ResultSet rs, List<OutputColumn> columns)
            throws IOException, SQLException {
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i).name());
            writeValue(g, rs, i + 1, columns.get(i).type());
        }
        g.writeEndObject();
    }

    /** {subject_type, subject: {type?, title}, failures, successes, noops, skips}. */
    private static void writeEventCount(JsonGenerator g, ResultSet rs, List<OutputColumn> columns)
            throws IOException, SQLException {
        g.writeStartObject();
        String first = columns.get(0).name();
        boolean resource = first.equals("resource_type");
        g.writeStringField("subject_type", resource ? "resource" : first);
        g.writeObjectFieldStart("subject");
        if (resource) {
            g.writeStringField("type", rs.getString(1));
            g.writeStringField("title", rs.getString(2));
        } else {
            g.writeStringField("title", rs.getString(1));
        }
        g.writeEndObject();
        for (int i = resource ? 2 : 1; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i).name());
            writeValue(g, rs, i + 1, columns.get(i).type());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, ResultSet rs, int index, FieldType type)
            throws IOException, SQLException {
        switch (type) {
            case NUMBER -> {
                int sqlType = rs.getMetaData().getColumnType(index);
                if (sqlType == java.sql.Types.DOUBLE || sqlType == java.sql.Types.FLOAT
                        || sqlType == java.sql.Types.REAL) {
                    // a double stays one (avg: 2.0, as PuppetDB answers)
                    double d = rs.getDouble(index);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(d);
                    }
                    return;
                }
                BigDecimal n = rs.getBigDecimal(index);
                if (n == null) {
                    g.writeNull();
                } else if (n.scale() <= 0) {
                    g.writeNumber(n.toBigInteger());
                } else {
                    g.writeNumber(n.stripTrailingZeros());
                }
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeBoolean(b);
                }
            }
            case TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(index);
                if (t == null) {
                    g.writeNull();
                } else {
                    g.writeString(WireTime.format(t.toInstant()));
                }
            }
            case TEXT_ARRAY -> {
                Array array = rs.getArray(index);
                if (array == null) {
                    g.writeNull();
                } else {
                    g.writeStartArray();
                    for (Object element : (Object[]) array.getArray()) {
                        g.writeString(String.valueOf(element));
                    }
                    g.writeEndArray();
                }
            }
            case JSONB_SCALAR, QUERYABLE_JSON, PATH, JSON -> {
                String json = rs.getString(index);
                if (json == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(json);
                }
            }
            default -> g.writeString(rs.getString(index));
        }
    }

    private static void close(Open open) {
        try {
            open.connection().rollback();
        } catch (SQLException ignored) {
            // read only; the connection is closed next either way
        }
        try {
            open.connection().close();
        } catch (SQLException e) {
            LOG.warnf("could not return a query connection: %s", e.getMessage());
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
