package io.puppetplane.inventory.query.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.query.ast.QueryException;
import io.puppetplane.inventory.storage.Jdbc.Jsonb;
import io.puppetplane.inventory.storage.Jdbc.TextArray;
import io.puppetplane.inventory.wire.SortedJson;
import io.puppetplane.inventory.wire.WireTime;

/**
 * Compiles a PuppetDB AST query into one parameterised SELECT. The AST is walked once: each operator becomes a SQL
 * condition on the entity's field expressions ({@link Entities}), subqueries ({@code in}, {@code subquery},
 * {@code ["fact",…]}, {@code node_state}, {@code latest_report?}) become nested SELECTs of the same statement, and
 * every user value becomes a bind parameter. Semantics follow PuppetDB's {@code query_eng/engine.clj}.
 */
public final class QueryCompiler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "<=", ">=", "~", "~>");
    private static final Set<String> FUNCTIONS = Set.of("count", "avg", "sum", "min", "max", "to_string");
    private static final Set<String> PAGING = Set.of("order_by", "limit", "offset");
    private static final String TOTAL = "__total";

    /** An order_by entry. */
    public record Order(String field, boolean descending) {
    }

    /** order_by, limit and offset from the request's parameters (the root's from-clauses add to them). */
    public record Paging(List<Order> orderBy, Long limit, Long offset) {
        public static final Paging NONE = new Paging(List.of(), null, null);
    }

    /** A column of the result and how to write it. */
    public record OutputColumn(String name, FieldType type) {
    }

    /**
     * The statement, its parameters and output columns. With {@code totalColumn} the last column is the row count
     * before limit/offset; {@code countSql} counts when a page is empty.
     */
    public record CompiledQuery(Entity entity, String sql, List<Object> params, List<OutputColumn> columns,
            boolean totalColumn, String countSql, List<Object> countParams) {
    }

    private final Instant inactiveHorizon;

    /** @param inactiveHorizon now minus node-purge-ttl: nodes deactivated or expired after it are "inactive" */
    public QueryCompiler(Instant inactiveHorizon) {
        this.inactiveHorizon = inactiveHorizon;
    }

    /** The entity a root query ({@code ["from", entity, …]}) reads. */
    public static Entity rootEntity(JsonNode ast) {
        if (ast == null || !ast.isArray() || ast.size() < 2 || !"from".equalsIgnoreCase(ast.get(0).asText())
                || !ast.get(1).isTextual()) {
            throw new QueryException("Your initial query must be of the form: [\"from\",<entity>,(<optional-query>)]."
                    + " Check your query and try again.");
        }
        return Entities.named(ast.get(1).textValue())
                .orElseThrow(() -> new QueryException("Invalid entity '" + ast.get(1).textValue() + "' in query"));
    }

    /** The root endpoint's {@code ["from", entity, query?, paging…]}. */
    public CompiledQuery compileRoot(JsonNode ast, Entity entity, Paging paging, boolean includeTotal,
            boolean restrictToActive) {
        rootEntity(ast);
        JsonNode query = null;
        List<Order> orderBy = new ArrayList<>(paging.orderBy());
        Long limit = paging.limit();
        Long offset = paging.offset();
        for (int i = 2; i < ast.size(); i++) {
            JsonNode clause = ast.get(i);
            String head = clause.isArray() && clause.size() > 0 ? clause.get(0).asText("") : "";
            if (PAGING.contains(head)) {
                switch (head) {
                    case "order_by" -> orderBy.addAll(orderClause(clause));
                    case "limit" -> limit = count(clause, "limit");
                    default -> offset = count(clause, "offset");
                }
            } else if (i == 2) {
                query = clause;
            } else {
                throw new QueryException("Your `from` query accepts an optional query only as a second argument."
                        + " Check your query and try again.");
            }
        }
        return compile(entity, query, new Paging(orderBy, limit, offset), includeTotal, restrictToActive);
    }

    /**
     * An entity endpoint's query: a filter, an {@code extract}, or null for all rows.
     *
     * @param restrictToActive add PuppetDB's {@code ["=","node_state","active"]} unless the query names node_state
     */
    public CompiledQuery compile(Entity entity, JsonNode query, Paging paging, boolean includeTotal,
            boolean restrictToActive) {
        Select select = select(entity, query);
        select.orderBy.addAll(paging.orderBy());
        if (paging.limit() != null) {
            select.limit = paging.limit();
        }
        if (paging.offset() != null) {
            select.offset = paging.offset();
        }
        if (restrictToActive && entity.certnameSql() != null && !mentionsNodeState(query)) {
            select.conditions.add(nodeState(entity, "active"));
        }
        Sql body = body(select);
        Sql projections = projections(select);
        Sql statement = Sql.of("SELECT ").append(projections);
        if (includeTotal) {
            statement.append(", count(*) OVER () AS \"" + TOTAL + "\"");
        }
        statement.append(body).append(paging(select));
        Sql count = Sql.of("SELECT count(*) FROM (SELECT ").append(projections).append(body).append(") counted");
        List<OutputColumn> columns = select.projections.stream().map(p -> new OutputColumn(p.alias, p.type))
                .toList();
        return new CompiledQuery(entity, statement.text(), statement.params(), columns, includeTotal, count.text(),
                count.params());
    }

    /** Which event counts a row carries, by {@code summarize_by}. */
    private static final java.util.Map<String, List<String>> SUMMARIES = java.util.Map.of(
            "certname", List.of("certname"),
            "resource", List.of("resource_type", "resource_title"),
            "containing_class", List.of("containing_class"));
    private static final Set<String> COUNT_FIELDS = Set.of("failures", "successes", "noops", "skips");

    /**
     * PuppetDB's event-counts ({@code query/event_counts.clj}): events matching {@code query}, counted per status
     * for each {@code summarize_by} subject; {@code count_by=certname} counts nodes instead of events;
     * {@code counts_filter} filters on the counts.
     */
    public CompiledQuery eventCounts(JsonNode query, String summarizeBy, String countBy, JsonNode countsFilter,
            Paging paging, boolean includeTotal) {
        Sql counts = eventCountsSql(query, summarizeBy, countBy, countsFilter);
        List<String> group = SUMMARIES.get(summarizeBy);
        List<OutputColumn> columns = new ArrayList<>();
        group.forEach(g -> columns.add(new OutputColumn(g, FieldType.STRING)));
        COUNT_FIELDS.stream().sorted().forEach(c -> columns.add(new OutputColumn(c, FieldType.NUMBER)));
        List<String> orderable = new ArrayList<>(group);
        orderable.addAll(COUNT_FIELDS);
        List<String> terms = new ArrayList<>();
        for (Order order : paging.orderBy()) {
            if (!orderable.contains(order.field())) {
                throw new QueryException("Unrecognized column '" + order.field() + "' specified in :order_by;"
                        + " Supported columns are " + names(orderable));
            }
            terms.add(quote(order.field()) + (order.descending() ? " DESC" : " ASC"));
        }
        Sql statement = Sql.of("SELECT *" + (includeTotal ? ", count(*) OVER () AS \"" + TOTAL + "\"" : "")
                + " FROM (").append(counts).append(") event_counts");
        if (!terms.isEmpty()) {
            statement.append(" ORDER BY " + String.join(", ", terms));
        }
        if (paging.limit() != null) {
            statement.append(" LIMIT ?", paging.limit());
        }
        if (paging.offset() != null) {
            statement.append(" OFFSET ?", paging.offset());
        }
        Sql count = Sql.of("SELECT count(*) FROM (").append(counts).append(") counted");
        return new CompiledQuery(Entities.named("events").orElseThrow(), statement.text(), statement.params(),
                columns, includeTotal, count.text(), count.params());
    }

    /** PuppetDB's aggregate-event-counts: per summarize_by, how many subjects had each kind of event. */
    public CompiledQuery aggregateEventCounts(JsonNode query, String summarizeBy, String countBy,
            JsonNode countsFilter) {
        Sql union = new Sql();
        String[] summaries = summarizeBy.split(",");
        for (int i = 0; i < summaries.length; i++) {
            String summary = summaries[i].trim();
            union.append(i == 0 ? "" : " UNION ALL ").append("SELECT CAST(? AS text) AS summarize_by,"
                    + " coalesce(sum(CASE WHEN failures > 0 THEN 1 ELSE 0 END), 0) AS failures,"
                    + " coalesce(sum(CASE WHEN skips > 0 THEN 1 ELSE 0 END), 0) AS skips,"
                    + " coalesce(sum(CASE WHEN successes > 0 THEN 1 ELSE 0 END), 0) AS successes,"
                    + " coalesce(sum(CASE WHEN noops > 0 THEN 1 ELSE 0 END), 0) AS noops,"
                    + " count(*) AS total FROM (", summary)
                    .append(eventCountsSql(query, summary, countBy, countsFilter)).append(") counts");
        }
        List<OutputColumn> columns = List.of(new OutputColumn("summarize_by", FieldType.STRING),
                new OutputColumn("failures", FieldType.NUMBER), new OutputColumn("skips", FieldType.NUMBER),
                new OutputColumn("successes", FieldType.NUMBER), new OutputColumn("noops", FieldType.NUMBER),
                new OutputColumn("total", FieldType.NUMBER));
        return new CompiledQuery(Entities.named("events").orElseThrow(), union.text(), union.params(), columns,
                false, null, List.of());
    }

    private Sql eventCountsSql(JsonNode query, String summarizeBy, String countBy, JsonNode countsFilter) {
        List<String> group = SUMMARIES.get(summarizeBy);
        if (group == null) {
            throw new QueryException("Unsupported value for 'summarize_by': '" + summarizeBy + "'");
        }
        String by = countBy == null ? "resource" : countBy;
        if (!by.equals("resource") && !by.equals("certname")) {
            throw new QueryException("Unsupported value for 'count_by': '" + by + "'");
        }
        ArrayNode columns = JSON.arrayNode();
        for (String c : List.of("certname", "status", "resource_type", "resource_title", "containing_class")) {
            columns.add(c);
        }
        ArrayNode extract = JSON.arrayNode().add("extract").add(columns);
        if (query != null && !query.isNull()) {
            extract.add(query);
        }
        Sql events = subSelect(Entities.named("events").orElseThrow(), extract, List.of(), null, null).sql();
        String groupColumns = String.join(", ", group.stream().map(QueryCompiler::quote).toList());
        Sql source = by.equals("certname")
                ? Sql.of("SELECT DISTINCT certname, status" + (summarizeBy.equals("certname") ? "" : ", " + groupColumns)
                        + " FROM (").append(events).append(") distinct_events")
                : events;
        Sql counts = Sql.of("SELECT " + groupColumns + ","
                + " sum(CASE WHEN status = 'failure' THEN 1 ELSE 0 END) AS failures,"
                + " sum(CASE WHEN status = 'noop' THEN 1 ELSE 0 END) AS noops,"
                + " sum(CASE WHEN status = 'skipped' THEN 1 ELSE 0 END) AS skips,"
                + " sum(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS successes"
                + " FROM (").append(source).append(") events GROUP BY " + groupColumns);
        if (countsFilter == null || countsFilter.isNull()) {
            return counts;
        }
        return Sql.of("SELECT * FROM (").append(counts).append(") filtered WHERE ").append(countsCondition(countsFilter));
    }

    private Sql countsCondition(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new QueryException("counts_filter " + node + " is not a query");
        }
        String op = node.get(0).asText().toLowerCase(Locale.ROOT);
        switch (op) {
            case "and", "or" -> {
                List<Sql> parts = new ArrayList<>();
                for (int i = 1; i < node.size(); i++) {
                    parts.add(countsCondition(node.get(i)));
                }
                if (parts.isEmpty()) {
                    throw new QueryException("'" + op + "' takes at least one argument, but none were supplied");
                }
                return Sql.join(op.equals("and") ? " AND " : " OR ", parts);
            }
            case "not" -> {
                if (node.size() != 2) {
                    throw new QueryException("'not' takes exactly one argument");
                }
                return Sql.of("NOT (").append(countsCondition(node.get(1))).append(")");
            }
            case "=", "<", ">", "<=", ">=" -> {
                if (node.size() != 3 || !COUNT_FIELDS.contains(node.get(1).asText()) || !node.get(2).isNumber()) {
                    throw new QueryException("counts_filter compares failures, successes, noops or skips with a"
                            + " number: " + node);
                }
                return Sql.of(node.get(1).asText() + " " + op + " ?", node.get(2).decimalValue());
            }
            default -> throw new QueryException("'" + op + "' is not a valid counts_filter operator");
        }
    }

    // ---------------------------------------------------------------- selects

    /** A SELECT being assembled. */
    private static final class Select {
        final Entity entity;
        final List<Projection> projections = new ArrayList<>();
        final List<Sql> conditions = new ArrayList<>();
        final List<String> groupBy = new ArrayList<>();
        final List<Order> orderBy = new ArrayList<>();
        Long limit;
        Long offset;
        /** Instead of the entity's FROM, when the query allows a cheaper one. */
        Sql from;

        Select(Entity entity) {
            this.entity = entity;
        }
    }

    /** An output column: its name, SQL and type. */
    private record Projection(String alias, Sql sql, FieldType type) {
    }

    private Select select(Entity entity, JsonNode query) {
        Select select = new Select(entity);
        JsonNode filter = query;
        if (query != null && query.isArray() && query.size() > 0 && "extract".equalsIgnoreCase(query.get(0).asText())) {
            filter = extract(select, query);
        } else {
            for (Field f : entity.projected()) {
                select.projections.add(new Projection(f.name(), Sql.of(f.sql()), f.type()));
            }
        }
        if (entity.baseWhere() != null) {
            select.conditions.add(Sql.of(entity.baseWhere()));
        }
        if (entity.agentReportsOnly() && !mentionsField(query, "type")) {
            select.conditions.add(Sql.of("reports.report_type = 'agent'"));
        }
        if (filter != null && !filter.isNull()) {
            select.conditions.add(where(entity, filter));
        }
        if (entity.name().equals("facts")) {
            // OFFSET 0 keeps the value a subquery's column, so the factset is decompressed once, not twice
            fixedFactName(filter).ifPresent(name -> select.from = Sql.of("factsets fs CROSS JOIN LATERAL"
                    + " (SELECT CAST(? AS text) AS name, one.value FROM (SELECT fs.facts -> CAST(? AS text) AS value"
                    + " OFFSET 0) one WHERE one.value IS NOT NULL) AS fact"
                    + " LEFT JOIN environments env ON env.id = fs.environment_id", name, name));
        }
        return select;
    }

    /**
     * The fact name a facts query is restricted to by a top-level {@code ["=", "name", "os"]} (alone or in a
     * top-level {@code and}). Such a query reads that one value of each factset ({@code facts -> 'os'}) instead of
     * expanding all of them with {@code jsonb_each} and filtering (facts[certname, value] { name = 'os' } took 200
     * ms at 2,500 nodes, PuppetDB's 220); the name condition itself stays in the WHERE.
     */
    private static Optional<String> fixedFactName(JsonNode filter) {
        if (filter == null || !filter.isArray() || filter.size() == 0) {
            return Optional.empty();
        }
        String op = filter.get(0).asText();
        if (op.equals("=") && filter.size() == 3 && filter.get(1).isTextual() && "name".equals(filter.get(1).asText())
                && filter.get(2).isTextual()) {
            return Optional.of(filter.get(2).textValue());
        }
        if (op.equals("and")) {
            for (int i = 1; i < filter.size(); i++) {
                Optional<String> name = fixedFactName(filter.get(i));
                if (name.isPresent()) {
                    return name;
                }
            }
        }
        return Optional.empty();
    }

    /** Reads {@code ["extract", columns, filter?, ["group_by", …]?]} into the select; returns the filter. */
    private JsonNode extract(Select select, JsonNode extract) {
        if (extract.size() < 2 || extract.size() > 4) {
            throw new QueryException("'extract' takes a column list, an optional query and an optional group_by");
        }
        JsonNode filter = null;
        JsonNode groupBy = null;
        for (int i = 2; i < extract.size(); i++) {
            JsonNode clause = extract.get(i);
            if (clause.isArray() && clause.size() > 0 && "group_by".equals(clause.get(0).asText())) {
                groupBy = clause;
            } else if (i == 2) {
                filter = clause;
            } else {
                throw new QueryException("'extract' takes a column list, an optional query and an optional group_by");
            }
        }
        JsonNode columns = extract.get(1);
        List<JsonNode> list = new ArrayList<>();
        if (columns.isArray() && !(columns.size() > 0 && "function".equals(columns.get(0).asText()))) {
            columns.forEach(list::add);
        } else {
            list.add(columns);
        }
        if (list.isEmpty()) {
            throw new QueryException("'extract' needs at least one column");
        }
        for (JsonNode column : list) {
            if (column.isTextual()) {
                select.projections.add(projection(select.entity, column.textValue()));
            } else if (column.isArray() && column.size() > 1 && "function".equals(column.get(0).asText())) {
                select.projections.add(function(select, column));
            } else {
                throw new QueryException("Can't extract " + column + ": not a field or a function");
            }
        }
        if (groupBy != null) {
            for (int i = 1; i < groupBy.size(); i++) {
                String name = groupBy.get(i).asText();
                // the field's own expression: an output name such as "status" may be ambiguous in the joins
                Optional<Field> field = select.entity.field(name).filter(Field::queryable);
                if (field.isPresent()) {
                    select.groupBy.add(field.get().sql());
                } else if (select.projections.stream().anyMatch(p -> p.alias.equals(name))) {
                    select.groupBy.add(quote(name));
                } else {
                    throw new QueryException(name + " is neither a valid column name nor function name");
                }
            }
        }
        return filter;
    }

    private Projection projection(Entity entity, String name) {
        Optional<Field> field = entity.field(name);
        if (field.isPresent() && field.get().projectable()) {
            return new Projection(name, Sql.of(field.get().sql()), field.get().type());
        }
        DottedField dotted = DottedField.parse(name);
        if (dotted != null && entity.dottedFields().contains(dotted.base())) {
            Field base = entity.field(dotted.base()).orElseThrow();
            return new Projection(name, Sql.of("(" + base.sql() + " #> ?)", new TextArray(dotted.textPath())),
                    FieldType.JSON);
        }
        throw new QueryException("Can't extract unknown '" + entity.name() + "' field '" + name
                + "'. Acceptable fields are " + names(entity.projected().stream().map(Field::name).toList()));
    }

    private Projection function(Select select, JsonNode call) {
        String name = call.get(1).asText().toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(name)) {
            throw new QueryException(call.get(1) + " is not a valid function");
        }
        List<JsonNode> args = new ArrayList<>();
        for (int i = 2; i < call.size(); i++) {
            args.add(call.get(i));
        }
        switch (name) {
            case "count" -> {
                if (args.size() > 1) {
                    throw new QueryException("wrong number of arguments (" + args.size() + ") provided for function count");
                }
                if (args.isEmpty()) {
                    return new Projection("count", Sql.of("count(*)"), FieldType.NUMBER);
                }
                return new Projection("count", Sql.of("count(" + argument(select.entity, args.get(0)).sql() + ")"),
                        FieldType.NUMBER);
            }
            case "to_string" -> {
                if (args.size() != 2 || !args.get(1).isTextual()) {
                    throw new QueryException("wrong number of arguments (" + args.size()
                            + ") provided for function to_string");
                }
                Field field = argument(select.entity, args.get(0));
                return new Projection("to_string", Sql.of("to_char(" + field.sql() + ", ?)", args.get(1).textValue()),
                        FieldType.STRING);
            }
            default -> {
                if (args.size() != 1) {
                    throw new QueryException("wrong number of arguments (" + args.size() + ") provided for function "
                            + name);
                }
                Field field = argument(select.entity, args.get(0));
                String value = switch (field.type()) {
                    case NUMBER -> field.sql();
                    case JSONB_SCALAR -> numericJson(field.sql());
                    default -> throw new QueryException("field " + field.name() + " must be a numeric type");
                };
                // PuppetDB answers avg as a double (2.0), the others in the column's own type
                String invocation = name + "(" + value + ")";
                return new Projection(name,
                        Sql.of(name.equals("avg") ? "CAST(" + invocation + " AS double precision)" : invocation),
                        FieldType.NUMBER);
            }
        }
    }

    private static Field argument(Entity entity, JsonNode arg) {
        String name = arg.asText();
        return entity.field(name).filter(Field::queryable).orElseThrow(
                () -> new QueryException("field " + arg + " is not a valid queryable field"));
    }

    private static Sql projections(Select select) {
        List<Sql> parts = new ArrayList<>();
        for (Projection p : select.projections) {
            parts.add(Sql.of("").append(p.sql).append(" AS " + quote(p.alias)));
        }
        Sql out = new Sql();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(parts.get(i));
        }
        return out;
    }

    private static Sql body(Select select) {
        Sql sql = select.from == null ? Sql.of(" FROM " + select.entity.from()) : Sql.of(" FROM ").append(select.from);
        if (!select.conditions.isEmpty()) {
            sql.append(" WHERE ").append(Sql.join(" AND ", select.conditions));
        }
        if (!select.groupBy.isEmpty()) {
            sql.append(" GROUP BY " + String.join(", ", select.groupBy));
        }
        return sql;
    }

    private static Sql paging(Select select) {
        Sql sql = new Sql();
        if (!select.orderBy.isEmpty()) {
            List<String> terms = new ArrayList<>();
            for (Order order : select.orderBy) {
                String expression;
                if (select.projections.stream().anyMatch(p -> p.alias.equals(order.field()))) {
                    expression = quote(order.field());
                } else {
                    expression = select.entity.field(order.field()).filter(Field::queryable)
                            .map(Field::sql)
                            .orElseThrow(() -> new QueryException("Unrecognized column '" + order.field()
                                    + "' specified in :order_by; Supported columns are "
                                    + names(select.entity.queryableNames())));
                }
                terms.add(expression + (order.descending() ? " DESC NULLS LAST" : " ASC NULLS FIRST"));
            }
            sql.append(" ORDER BY " + String.join(", ", terms));
        }
        if (select.limit != null) {
            sql.append(" LIMIT ?", select.limit);
        }
        if (select.offset != null) {
            sql.append(" OFFSET ?", select.offset);
        }
        return sql;
    }

    /** A nested SELECT for {@code in}: its SQL and column types. */
    private record SubSelect(Sql sql, List<FieldType> types) {
    }

    private SubSelect subSelect(Entity entity, JsonNode extract, List<Order> orderBy, Long limit, Long offset) {
        Select select = select(entity, extract);
        select.orderBy.addAll(orderBy);
        select.limit = limit;
        select.offset = offset;
        if (select.projections.stream().anyMatch(p -> p.type == FieldType.JSON && !p.alias.contains("."))) {
            throw new QueryException("Can't match on a JSON field of " + entity.name());
        }
        Sql sql = Sql.of("SELECT ").append(projections(select)).append(body(select)).append(paging(select));
        return new SubSelect(sql, select.projections.stream().map(Projection::type).toList());
    }

    // ---------------------------------------------------------------- conditions

    private Sql where(Entity e, JsonNode node) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
            throw new QueryException(node + " is not well-formed: queries must contain at least one operator");
        }
        String op = node.get(0).textValue().toLowerCase(Locale.ROOT);
        int args = node.size() - 1;
        switch (op) {
            case "and", "or" -> {
                if (args == 0) {
                    throw new QueryException("'" + op + "' takes at least one argument, but none were supplied");
                }
                List<Sql> clauses = new ArrayList<>();
                for (int i = 1; i < node.size(); i++) {
                    clauses.add(where(e, node.get(i)));
                }
                return Sql.join(op.equals("and") ? " AND " : " OR ", clauses);
            }
            case "not" -> {
                if (args != 1) {
                    throw new QueryException("'not' takes exactly one argument, but " + args + " were supplied");
                }
                return Sql.of("NOT (").append(where(e, node.get(1))).append(")");
            }
            case "null?" -> {
                if (args != 2) {
                    throw new QueryException("null? requires exactly two arguments");
                }
                return isNull(e, node.get(1), node.get(2));
            }
            case "in" -> {
                if (args != 2) {
                    throw new QueryException("in requires exactly two arguments");
                }
                return in(e, node.get(1), node.get(2));
            }
            case "subquery" -> {
                return implicitSubquery(e, node);
            }
            default -> {
                if (!COMPARISONS.contains(op)) {
                    throw new QueryException("'" + node.get(0).textValue() + "' is not a valid query operator");
                }
                if (args != 2) {
                    throw new QueryException(op + " requires exactly two arguments");
                }
                return comparison(e, op, node.get(1), node.get(2));
            }
        }
    }

    private Sql comparison(Entity e, String op, JsonNode left, JsonNode value) {
        if (left.isArray()) {
            return specialComparison(e, op, left, value);
        }
        if (!left.isTextual()) {
            throw new QueryException("Invalid " + op + " clause: " + left + " is not a field");
        }
        String name = left.textValue();
        if (op.equals("=") && value.isNull()) {
            return isNull(e, left, JSON.booleanNode(true));
        }
        if (name.equals("node_state")) {
            if (!op.equals("=")) {
                throw new QueryException("node_state takes only '='");
            }
            return nodeState(e, value.asText());
        }
        if (name.equals("latest_report?") && e.field(name).isPresent()) {
            if (!op.equals("=") || !value.isBoolean()) {
                throw new QueryException("latest_report? takes only '=' with true or false");
            }
            Sql latest = Sql.of("EXISTS (SELECT 1 FROM certnames latest WHERE latest.latest_report_id = "
                    + e.field(name).get().sql() + ")");
            return value.booleanValue() ? latest : Sql.of("NOT ").append(latest);
        }
        if (name.equals("type") && op.equals("=") && e.agentReportsOnly() && "any".equals(value.asText())) {
            return Sql.of("TRUE");
        }
        Optional<Field> field = e.field(name).filter(Field::queryable);
        if (field.isEmpty()) {
            DottedField dotted = DottedField.parse(name);
            if (dotted != null && e.dottedFields().contains(dotted.base())) {
                return dottedComparison(e, op, dotted, value);
            }
            throw notQueryable(e, name);
        }
        Field f = field.get();
        JsonNode v = name.equals("tag") && value.isTextual()
                ? JSON.textNode(value.textValue().toLowerCase(Locale.ROOT)) : value;
        return switch (op) {
            case "=" -> equality(f, v);
            case "~" -> regex(f, v);
            case "~>" -> pathRegex(f, v);
            default -> inequality(f, op, v);
        };
    }

    private Sql equality(Field f, JsonNode v) {
        if (v.isNull()) {
            return Sql.of(f.sql() + " IS NULL");
        }
        return switch (f.type()) {
            case STRING -> Sql.of(f.sql() + " = ?", scalarText(f, v));
            case NUMBER -> {
                if (!v.isNumber()) {
                    throw new QueryException("Argument \"" + v.asText() + "\" is incompatible with numeric field \""
                            + f.name() + "\".");
                }
                yield Sql.of(f.sql() + " = ?", v.decimalValue());
            }
            case BOOLEAN -> Sql.of(f.sql() + " = ?", bool(f, v));
            case TIMESTAMP -> Sql.of(f.sql() + " = ?", timestamp(v));
            case TEXT_ARRAY -> Sql.of("? = ANY(" + f.sql() + ")", scalarText(f, v));
            case JSONB_SCALAR, PATH -> Sql.of(f.sql() + " = ?", new Jsonb(SortedJson.write(v)));
            case QUERYABLE_JSON -> Sql.of(f.sql() + " @> ?", new Jsonb(SortedJson.write(v)));
            case JSON -> throw new QueryException("Field " + f.name() + " is not queryable");
        };
    }

    private Sql regex(Field f, JsonNode v) {
        if (!v.isTextual()) {
            throw new QueryException("Invalid ~ clause: the value of a regular expression must be a string");
        }
        String rx = v.textValue();
        return switch (f.type()) {
            case STRING -> Sql.of(f.sql() + " ~ ?", rx);
            case NUMBER, BOOLEAN, TIMESTAMP -> Sql.of("CAST(" + f.sql() + " AS text) ~ ?", rx);
            case TEXT_ARRAY -> Sql.of("EXISTS (SELECT 1 FROM unnest(" + f.sql() + ") element WHERE element ~ ?)", rx);
            case JSONB_SCALAR -> Sql.of(jsonString(f.sql()) + " ~ ?", rx);
            case PATH -> Sql.of("array_to_string(ARRAY(SELECT jsonb_array_elements_text(" + f.sql() + ")), '#~') ~ ?",
                    rx);
            case QUERYABLE_JSON, JSON -> throw new QueryException("Query operator ~ is not allowed on field "
                    + f.name());
        };
    }

    /** {@code ~>}: each element of the path matches the regexp at its position. */
    private Sql pathRegex(Field f, JsonNode v) {
        if (f.type() != FieldType.PATH) {
            throw new QueryException("Query operator ~> is not allowed on field " + f.name());
        }
        if (!v.isArray()) {
            throw new QueryException("The value of ~> must be an array of regular expressions");
        }
        Sql sql = Sql.of("(jsonb_array_length(" + f.sql() + ") = ?", v.size());
        for (int i = 0; i < v.size(); i++) {
            String rx = v.get(i).asText().replaceFirst("^\\^", "").replaceFirst("\\$$", "");
            sql.append(" AND (" + f.sql() + " ->> " + i + ") ~ ?", "^(?:" + rx + ")$");
        }
        return sql.append(")");
    }

    private Sql inequality(Field f, String op, JsonNode v) {
        return switch (f.type()) {
            case NUMBER -> {
                if (!v.isNumber()) {
                    throw new QueryException("Argument \"" + v.asText() + "\" and operator \"" + op
                            + "\" have incompatible types.");
                }
                yield Sql.of(f.sql() + " " + op + " ?", v.decimalValue());
            }
            case TIMESTAMP -> Sql.of(f.sql() + " " + op + " ?", timestamp(v));
            case JSONB_SCALAR -> {
                if (!v.isNumber()) {
                    throw new QueryException("Argument \"" + v.asText() + "\" and operator \"" + op
                            + "\" have incompatible types.");
                }
                yield Sql.of(numericJson(f.sql()) + " " + op + " ?", v.decimalValue());
            }
            default -> throw new QueryException("Query operators >,>=,<,<= are not allowed on field " + f.name());
        };
    }

    private Sql dottedComparison(Entity e, String op, DottedField dotted, JsonNode value) {
        // trusted.x lives in facts.trusted.x, where the facts index can answer it
        Field base = e.field(dotted.base()).orElseThrow();
        List<Object> path = dotted.path();
        if (dotted.base().equals("trusted") && e.field("facts").isPresent()) {
            base = e.field("facts").get();
            List<Object> full = new ArrayList<>();
            full.add("trusted");
            full.addAll(path);
            path = full;
        }
        DottedField target = new DottedField(base.name(), path);
        TextArray textPath = new TextArray(target.textPath());
        String at = "(" + base.sql() + " #> ?)";
        switch (op) {
            case "=" -> {
                if (target.hasIndex()) {
                    return Sql.of(at + " = ?", textPath, new Jsonb(SortedJson.write(value)));
                }
                JsonNode nested = value;
                for (int i = path.size() - 1; i >= 0; i--) {
                    ObjectNode wrapper = JSON.objectNode();
                    wrapper.set(String.valueOf(path.get(i)), nested);
                    nested = wrapper;
                }
                return Sql.of(base.sql() + " @> ?", new Jsonb(SortedJson.write(nested)));
            }
            case "~" -> {
                if (!value.isTextual()) {
                    throw new QueryException("Invalid ~ clause: the value of a regular expression must be a string");
                }
                return Sql.of(jsonString(at) + " ~ ?", textPath, textPath, value.textValue());
            }
            case "~>" -> throw new QueryException("Query operator ~> is not allowed on field " + dotted.base());
            default -> {
                if (!value.isNumber()) {
                    throw new QueryException("Argument \"" + value.asText() + "\" and operator \"" + op
                            + "\" have incompatible types.");
                }
                return Sql.of(numericJson(at) + " " + op + " ?", textPath, textPath, value.decimalValue());
            }
        }
    }

    /** {@code ["fact", name]}, {@code ["parameter", name]}, {@code ["node", "active"]}. */
    private Sql specialComparison(Entity e, String op, JsonNode left, JsonNode value) {
        String kind = left.size() == 2 ? left.get(0).asText() : "";
        switch (kind) {
            case "node" -> {
                if (!"active".equals(left.get(1).asText()) || !op.equals("=") || !value.isBoolean()) {
                    throw new QueryException("Invalid clause on " + left + ": only [\"=\", [\"node\", \"active\"],"
                            + " true|false]");
                }
                return nodeState(e, value.booleanValue() ? "active" : "inactive");
            }
            case "fact" -> {
                String fact = left.get(1).asText();
                String certname = certname(e, "fact");
                Sql facts = switch (op) {
                    case "=" -> {
                        if (!(value.isTextual() || value.isBoolean() || value.isNumber())) {
                            throw new QueryException("Operator '=' not allowed on value '" + value + "'");
                        }
                        ObjectNode containing = JSON.objectNode();
                        containing.set(fact, value);
                        yield Sql.of("ff.facts @> ?", new Jsonb(SortedJson.write(containing)));
                    }
                    case "~" -> {
                        if (!value.isTextual()) {
                            throw new QueryException("Operator '~' not allowed on value '" + value + "'");
                        }
                        yield Sql.of(jsonString("(ff.facts -> ?)") + " ~ ?", fact, fact, value.textValue());
                    }
                    case "<", ">", "<=", ">=" -> {
                        if (!value.isNumber()) {
                            throw new QueryException("Operator '" + op + "' not allowed on value '" + value.asText()
                                    + "'");
                        }
                        yield Sql.of(numericJson("(ff.facts -> ?)") + " " + op + " ?", fact, fact,
                                value.decimalValue());
                    }
                    default -> throw new QueryException("Operator '" + op + "' not allowed on facts");
                };
                return Sql.of(certname + " IN (SELECT ff.certname FROM factsets ff WHERE ").append(facts).append(")");
            }
            case "parameter" -> {
                if (!e.name().equals("resources")) {
                    throw new QueryException("'parameter' is only queryable on resources");
                }
                String parameter = left.get(1).asText();
                Field parameters = e.field("parameters").orElseThrow();
                return switch (op) {
                    // PuppetDB compares the sorted-key JSON of the value: 80 and "80" differ, arrays match whole
                    case "=" -> Sql.of("(" + parameters.sql() + " -> ?) = ?", parameter,
                            new Jsonb(SortedJson.write(value)));
                    // as PuppetDB (engine.clj): the name is a regexp over parameter names, and the pattern is
                    // serialised like a value, so "80" matches only the string "80", quotes included
                    case "~" -> Sql.of("EXISTS (SELECT 1 FROM jsonb_each(" + parameters.sql()
                            + ") rp WHERE rp.key ~ ? AND CAST(rp.value AS text) ~ ?)", parameter,
                            SortedJson.write(value));
                    default -> throw new QueryException("Operator '" + op + "' is not allowed on parameters");
                };
            }
            case "function" -> throw new QueryException("Comparisons of function results are not supported");
            default -> throw new QueryException("Invalid " + op + " clause: " + left + " is not a field");
        }
    }

    private Sql isNull(Entity e, JsonNode left, JsonNode flag) {
        if (!flag.isBoolean()) {
            throw new QueryException("null? takes true or false, not " + flag);
        }
        boolean isNull = flag.booleanValue();
        if (!left.isTextual()) {
            throw new QueryException("Invalid null? clause: " + left + " is not a field");
        }
        String name = left.textValue();
        Optional<Field> field = e.field(name).filter(Field::queryable);
        String expression;
        if (field.isPresent()) {
            Field f = field.get();
            expression = f.type() == FieldType.JSONB_SCALAR
                    ? "nullif(" + f.sql() + ", 'null'::jsonb)" : f.sql();
            return Sql.of(expression + (isNull ? " IS NULL" : " IS NOT NULL"));
        }
        DottedField dotted = DottedField.parse(name);
        if (dotted != null && e.dottedFields().contains(dotted.base())) {
            Field base = e.field(dotted.base()).orElseThrow();
            return Sql.of("(" + base.sql() + " #> ?)" + (isNull ? " IS NULL" : " IS NOT NULL"),
                    new TextArray(dotted.textPath()));
        }
        throw notQueryable(e, name);
    }

    private Sql in(Entity e, JsonNode left, JsonNode right) {
        if (!right.isArray() || right.isEmpty()) {
            throw new QueryException("The right side of 'in' must be an array, an extract or a from");
        }
        String kind = right.get(0).asText().toLowerCase(Locale.ROOT);
        if (kind.equals("array")) {
            return inArray(e, left, right);
        }
        List<Field> fields = new ArrayList<>();
        for (JsonNode name : left.isArray() ? left : JSON.arrayNode().add(left)) {
            fields.add(e.field(name.asText()).filter(Field::queryable).orElseThrow(() -> new QueryException(
                    "Can't match on unknown '" + e.name() + "' field '" + name.asText() + "' for 'in'. Acceptable"
                            + " fields are " + names(e.queryableNames()))));
        }
        SubSelect sub;
        if (kind.equals("extract")) {
            // ["extract", columns, ["select_<entity>", query?]]
            if (right.size() != 3 || !right.get(2).isArray() || right.get(2).isEmpty()
                    || !right.get(2).get(0).asText().startsWith("select_")) {
                throw new QueryException("'in' takes [\"extract\", columns, [\"select_<entity>\", query]]");
            }
            JsonNode selectNode = right.get(2);
            String entityName = selectNode.get(0).asText().substring("select_".length());
            Entity inner = Entities.named(entityName).orElseThrow(
                    () -> new QueryException("Unsupported subquery `" + selectNode.get(0).asText() + "`"));
            JsonNode innerExtract = JSON.arrayNode().add("extract").add(right.get(1));
            if (selectNode.size() > 1) {
                ((ArrayNode) innerExtract).add(selectNode.get(1));
            }
            sub = subSelect(inner, innerExtract, List.of(), null, null);
        } else if (kind.equals("from")) {
            Entity inner = rootEntity(right);
            JsonNode query = null;
            List<Order> orderBy = new ArrayList<>();
            Long limit = null;
            Long offset = null;
            for (int i = 2; i < right.size(); i++) {
                JsonNode clause = right.get(i);
                String head = clause.isArray() && clause.size() > 0 ? clause.get(0).asText("") : "";
                switch (head) {
                    case "order_by" -> orderBy.addAll(orderClause(clause));
                    case "limit" -> limit = count(clause, "limit");
                    case "offset" -> offset = count(clause, "offset");
                    default -> query = clause;
                }
            }
            if (query == null || !"extract".equals(query.path(0).asText())) {
                throw new QueryException("A 'from' inside 'in' must extract the fields to match");
            }
            sub = subSelect(inner, query, orderBy, limit, offset);
        } else {
            throw new QueryException("The right side of 'in' must be an array, an extract or a from, not " + kind);
        }
        if (sub.types().size() != fields.size()) {
            throw new QueryException("'in' matches " + fields.size() + " field(s) against " + sub.types().size()
                    + " extracted column(s)");
        }
        List<String> outer = new ArrayList<>();
        for (Field f : fields) {
            outer.add(f.sql());
        }
        List<String> innerColumns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            innerColumns.add(coerce("sub.c" + i, sub.types().get(i), fields.get(i).type()));
        }
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            aliases.add("c" + i);
        }
        return Sql.of("(" + String.join(", ", outer) + ") IN (SELECT " + String.join(", ", innerColumns)
                + " FROM (").append(sub.sql()).append(") sub(" + String.join(", ", aliases) + "))");
    }

    /** An inner column's value in the outer field's type (PuppetDB's type-coercion-matrix). */
    private static String coerce(String column, FieldType from, FieldType to) {
        if (from == to) {
            return column;
        }
        if (from == FieldType.JSONB_SCALAR && to == FieldType.STRING) {
            return "(" + column + " #>> '{}')";
        }
        if (from == FieldType.STRING && to == FieldType.JSONB_SCALAR) {
            return "to_jsonb(" + column + ")";
        }
        if (to == FieldType.STRING) {
            return "CAST(" + column + " AS text)";
        }
        return column;
    }

    private Sql inArray(Entity e, JsonNode left, JsonNode right) {
        if (right.size() != 2 || !right.get(1).isArray()) {
            throw new QueryException("Operator 'array' requires a vector argument");
        }
        JsonNode values = right.get(1);
        if (left.isArray() && left.size() == 2 && "fact".equals(left.get(0).asText())) {
            Set<String> kinds = new HashSet<>();
            values.forEach(v -> kinds.add(v.getNodeType().name()));
            if (kinds.size() > 1) {
                throw new QueryException("All values in 'array' must be the same type.");
            }
            List<Object> params = new ArrayList<>();
            params.add(left.get(1).asText());
            values.forEach(v -> params.add(new Jsonb(SortedJson.write(v))));
            if (values.isEmpty()) {
                return Sql.of("FALSE");
            }
            return Sql.of(certname(e, "fact") + " IN (SELECT ff.certname FROM factsets ff WHERE (ff.facts -> ?) IN ("
                    + placeholders(values.size()) + "))", params.toArray());
        }
        if (!left.isTextual()) {
            throw new QueryException("'in' with an array takes one field");
        }
        Field f = e.field(left.textValue()).filter(Field::queryable)
                .orElseThrow(() -> notQueryable(e, left.textValue()));
        if (f.type() == FieldType.TEXT_ARRAY || f.type() == FieldType.QUERYABLE_JSON || f.type() == FieldType.JSON) {
            throw new QueryException("Operator 'in'...'array' is not supported on array types");
        }
        if (values.isEmpty()) {
            return Sql.of("FALSE");
        }
        List<Object> params = new ArrayList<>();
        for (JsonNode v : values) {
            params.add(switch (f.type()) {
                case NUMBER -> {
                    if (!v.isNumber()) {
                        throw new QueryException("Argument \"" + v.asText() + "\" is incompatible with numeric field \""
                                + f.name() + "\".");
                    }
                    yield v.decimalValue();
                }
                case BOOLEAN -> bool(f, v);
                case TIMESTAMP -> timestamp(v);
                case JSONB_SCALAR, PATH -> new Jsonb(SortedJson.write(v));
                default -> scalarText(f, v);
            });
        }
        return Sql.of(f.sql() + " IN (" + placeholders(values.size()) + ")", params.toArray());
    }

    private Sql implicitSubquery(Entity e, JsonNode node) {
        if (node.size() < 2 || node.size() > 3 || !node.get(1).isTextual()) {
            throw new QueryException("subquery takes an entity and an optional query");
        }
        String name = node.get(1).textValue().replace('-', '_');
        Entity.Relationship relation = e.relationships().get(name);
        if (relation == null) {
            throw new QueryException("No implicit relationship for entity '" + name + "'");
        }
        Entity inner = Entities.named(name).orElseThrow();
        ArrayNode columns = JSON.arrayNode();
        relation.foreign().forEach(columns::add);
        ArrayNode extract = JSON.arrayNode().add("extract").add(columns);
        if (node.size() == 3) {
            extract.add(node.get(2));
        }
        ArrayNode local = JSON.arrayNode();
        relation.local().forEach(local::add);
        return in(e, local, JSON.arrayNode().add("from").add(name).add(extract));
    }

    /** PuppetDB's node_state: active, inactive (deactivated or expired within node-purge-ttl) or any. */
    private Sql nodeState(Entity e, String state) {
        String certname = certname(e, "node_state");
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "active" -> Sql.of("NOT EXISTS (SELECT 1 FROM certnames ns WHERE ns.certname = " + certname
                    + " AND (ns.deactivated IS NOT NULL OR ns.expired IS NOT NULL))");
            case "inactive" -> Sql.of("EXISTS (SELECT 1 FROM certnames ns WHERE ns.certname = " + certname
                    + " AND (ns.deactivated > ? OR ns.expired > ?))", inactiveHorizon, inactiveHorizon);
            case "any" -> Sql.of("TRUE");
            default -> throw new QueryException("node_state must be active, inactive or any, not '" + state + "'");
        };
    }

    private static String certname(Entity e, String what) {
        if (e.certnameSql() == null) {
            throw new QueryException("'" + what + "' is not a queryable object for " + e.name()
                    + ". Known queryable objects are " + names(e.queryableNames()));
        }
        return e.certnameSql();
    }

    // ---------------------------------------------------------------- helpers

    /** A jsonb value as a number when it is one, else null (so comparisons skip non-numbers). */
    private static String numericJson(String jsonb) {
        return "(CASE WHEN jsonb_typeof(" + jsonb + ") = 'number' THEN CAST(" + jsonb + " #>> '{}' AS numeric) END)";
    }

    /** A jsonb value as text when it is a string, else null. */
    private static String jsonString(String jsonb) {
        return "(CASE WHEN jsonb_typeof(" + jsonb + ") = 'string' THEN " + jsonb + " #>> '{}' END)";
    }

    private static String scalarText(Field f, JsonNode v) {
        if (v.isContainerNode()) {
            throw new QueryException("Field " + f.name() + " takes a string, not " + v);
        }
        return v.asText();
    }

    private static Boolean bool(Field f, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && Set.of("true", "false").contains(v.textValue())) {
            return Boolean.valueOf(v.textValue());
        }
        throw new QueryException("Field " + f.name() + " takes true or false, not " + v);
    }

    private static Instant timestamp(JsonNode v) {
        return WireTime.parse(v.isTextual() ? v.textValue() : null)
                .orElseThrow(() -> new QueryException("'" + v.asText() + "' is not a valid timestamp value"));
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String quote(String alias) {
        return "\"" + alias.replace("\"", "\"\"") + "\"";
    }

    private static String names(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
        }
        return out.append(']').toString();
    }

    private static QueryException notQueryable(Entity e, String name) {
        return new QueryException("'" + name + "' is not a queryable object for " + e.name()
                + ". Known queryable objects are " + names(e.queryableNames()));
    }

    private static Long count(JsonNode clause, String what) {
        if (clause.size() != 2 || !clause.get(1).canConvertToLong() || !clause.get(1).isIntegralNumber()
                || clause.get(1).longValue() < 0) {
            throw new QueryException("Received '" + what + "' clause without a non-negative integer argument");
        }
        return clause.get(1).longValue();
    }

    /** {@code ["order_by", [field | [field, "asc"|"desc"], …]]}. */
    private static List<Order> orderClause(JsonNode clause) {
        if (clause.size() != 2 || !clause.get(1).isArray()) {
            throw new QueryException("Received 'order_by' clause without an argument");
        }
        List<Order> orders = new ArrayList<>();
        for (JsonNode term : clause.get(1)) {
            if (term.isTextual()) {
                orders.add(new Order(term.textValue(), false));
            } else if (term.isArray() && term.size() == 2 && term.get(0).isTextual()) {
                orders.add(new Order(term.get(0).textValue(), direction(term.get(1).asText())));
            } else {
                throw new QueryException("Illegal order_by term " + term);
            }
        }
        return orders;
    }

    /** asc/desc (also ascending/descending), any case. */
    public static boolean direction(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "asc", "ascending" -> false;
            case "desc", "descending" -> true;
            default -> throw new QueryException("Illegal order direction '" + text + "': use asc or desc");
        };
    }

    /** Whether the query already decides on node state, so the active-node restriction is not added. */
    static boolean mentionsNodeState(JsonNode query) {
        if (query == null || !query.isArray()) {
            return false;
        }
        if (query.size() == 3 && "=".equals(query.get(0).asText())) {
            JsonNode field = query.get(1);
            if ("node_state".equals(field.asText()) || (field.isArray() && field.size() == 2
                    && "node".equals(field.get(0).asText()) && "active".equals(field.get(1).asText()))) {
                return true;
            }
        }
        for (JsonNode child : query) {
            if (mentionsNodeState(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsField(JsonNode query, String field) {
        if (query == null || !query.isArray()) {
            return false;
        }
        if (query.size() >= 2 && COMPARISONS.contains(query.get(0).asText()) && field.equals(query.get(1).asText())) {
            return true;
        }
        for (Iterator<JsonNode> it = query.elements(); it.hasNext();) {
            if (mentionsField(it.next(), field)) {
                return true;
            }
        }
        return false;
    }
}
