package io.puppetplane.inventory.ingest.service;

/** What applying a command did, for logs, metrics and tests (PuppetDB's processing statuses). */
public enum CommandOutcome {
    /** Stored. */
    STORED,
    /** Older than what is stored (producer_timestamp), so ignored. */
    STALE,
    /** A report whose hash is already stored, or a catalog equal to the stored one (metadata updated). */
    DUPLICATE
}
