package io.puppetplane.inventory.query.ast;

/** A query the API refuses (unknown field or operator, bad value, bad PQL): 400 with this message as text. */
public class QueryException extends RuntimeException {

    public QueryException(String message) {
        super(message);
    }
}
