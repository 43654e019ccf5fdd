package io.puppetplane.inventory.query.service;

/** The database could not answer (down, overloaded): 503, so a terminus fails over to its next server. */
public class QueryUnavailableException extends RuntimeException {

    public QueryUnavailableException(String message) {
        super(message);
    }
}
