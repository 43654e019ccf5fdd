package io.puppetplane.inventory.query.service;

/** How result rows become the response body. */
public enum ResultShape {
    /** A JSON array of objects, one per row (every list endpoint). */
    ROWS,
    /** The first row as an object, or 404 when there is none (/nodes/<n>, /catalogs/<n>, …). */
    SINGLE,
    /** A JSON array of the first column's values (fact-names). */
    VALUES,
    /** The first column of the first row as it is (a report's metrics or logs). */
    FIRST_VALUE,
    /** event-counts rows, their subject folded into {@code subject_type} and {@code subject}. */
    EVENT_COUNTS
}
