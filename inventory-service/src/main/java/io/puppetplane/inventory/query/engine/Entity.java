package io.puppetplane.inventory.query.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A queryable entity (PuppetDB's query records in {@code query_eng/engine.clj}): the SQL it selects from, its
 * fields, and how implicit subqueries join it to other entities.
 *
 * @param from the FROM clause, with its joins
 * @param baseWhere a condition every row satisfies (or null)
 * @param certnameSql the node a row belongs to, for node_state, ["fact",…] and the active-node restriction
 * @param relationships by sub-entity name: which local fields match which fields of that entity
 * @param dottedFields fields that take dotted paths (facts.os.family)
 * @param agentReportsOnly reports and events: plan reports are left out unless the query names {@code type}
 */
public record Entity(String name, String from, String baseWhere, Map<String, Field> fields, String certnameSql,
        Map<String, Relationship> relationships, Set<String> dottedFields, boolean agentReportsOnly) {

    /** Local fields of this entity equal to foreign fields of the related one. */
    public record Relationship(List<String> local, List<String> foreign) {
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    public List<String> queryableNames() {
        return fields.values().stream().filter(Field::queryable).map(Field::name).sorted().toList();
    }

    public List<Field> projected() {
        return fields.values().stream().filter(Field::projectable).toList();
    }

    /** Builds an entity field by field. */
    static final class Builder {
        private final String name;
        private String from;
        private String baseWhere;
        private String certnameSql;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final Map<String, Relationship> relationships = new LinkedHashMap<>();
        private final List<String> dotted = new ArrayList<>();
        private boolean agentReportsOnly;

        Builder(String name) {
            this.name = name;
        }

        Builder from(String sql) {
            this.from = sql;
            return this;
        }

        Builder where(String sql) {
            this.baseWhere = sql;
            return this;
        }

        Builder certname(String sql) {
            this.certnameSql = sql;
            return this;
        }

        Builder field(String fieldName, FieldType type, String sql) {
            fields.put(fieldName, new Field(fieldName, type, sql, type != FieldType.JSON, true));
            return this;
        }

        /** A field that filters but is not part of the output (PuppetDB's unprojectable fields). */
        Builder filterOnly(String fieldName, FieldType type, String sql) {
            fields.put(fieldName, new Field(fieldName, type, sql, true, false));
            return this;
        }

        Builder dotted(String fieldName) {
            dotted.add(fieldName);
            return this;
        }

        Builder relatedBy(String entity, List<String> local, List<String> foreign) {
            relationships.put(entity, new Relationship(local, foreign));
            return this;
        }

        /** The entities PuppetDB relates through the node's certname. */
        Builder relatedByCertname(String... entities) {
            for (String entity : entities) {
                relationships.put(entity, new Relationship(List.of("certname"), List.of("certname")));
            }
            return this;
        }

        Builder agentReportsOnly() {
            this.agentReportsOnly = true;
            return this;
        }

        Entity build() {
            return new Entity(name, from, baseWhere, Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                    certnameSql, Map.copyOf(relationships), Set.copyOf(dotted), agentReportsOnly);
        }
    }
}
