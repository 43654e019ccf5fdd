package io.puppetplane.inventory.ingest.service;

/** A command whose payload PuppetDB would discard (schema or validation failure); it is not retried. */
public class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
