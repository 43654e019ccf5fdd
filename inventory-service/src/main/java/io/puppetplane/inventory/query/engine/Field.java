package io.puppetplane.inventory.query.engine;

/**
 * One field of an entity: its API name, type and SQL expression.
 *
 * @param queryable whether filters and order_by may name it
 * @param projectable whether it is part of the output (and may be extracted)
 */
public record Field(String name, FieldType type, String sql, boolean queryable, boolean projectable) {
}
