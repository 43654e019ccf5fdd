package io.puppetplane.enrollment.inventory.service;

/**
 * The inventory could not answer a query: not reachable, too slow, refused the client certificate, or answered
 * with an error or something that is not PuppetDB's JSON. The message says which and names the inventory's URL.
 */
public class InventoryUnavailableException extends RuntimeException {

    public InventoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
