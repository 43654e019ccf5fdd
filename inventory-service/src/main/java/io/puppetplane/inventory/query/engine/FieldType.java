package io.puppetplane.inventory.query.engine;

/** What a field holds, which decides the operators it takes and how it is written out. */
public enum FieldType {
    STRING,
    NUMBER,
    BOOLEAN,
    TIMESTAMP,
    /** A text[] column (tags, containment_path): = tests membership, ~ matches any element. */
    TEXT_ARRAY,
    /** A jsonb scalar (a fact's value): = compares JSON values, so 80 and "80" differ. */
    JSONB_SCALAR,
    /** A jsonb document queried by dotted paths (facts.os.family, parameters.port). */
    QUERYABLE_JSON,
    /** A JSON path as an array of keys and indexes (fact-paths, fact-contents). */
    PATH,
    /** JSON assembled for output only (a catalog's resources, a report's metrics). */
    JSON
}
