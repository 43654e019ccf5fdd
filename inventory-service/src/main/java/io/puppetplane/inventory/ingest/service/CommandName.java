package io.puppetplane.inventory.ingest.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PuppetDB's commands with the oldest version its HTTP API still takes and the newest it knows
 * ({@code command/constants.clj}, {@code http/command.clj}).
 */
public enum CommandName {
    CONFIGURE_EXPIRATION("configure expiration", 1, 1),
    DEACTIVATE_NODE("deactivate node", 3, 3),
    REPLACE_CATALOG("replace catalog", 6, 9),
    REPLACE_CATALOG_INPUTS("replace catalog inputs", 1, 1),
    REPLACE_FACTS("replace facts", 4, 5),
    STORE_REPORT("store report", 5, 8);

    private final String wireName;
    private final int oldestVersion;
    private final int newestVersion;

    CommandName(String wireName, int oldestVersion, int newestVersion) {
        this.wireName = wireName;
        this.oldestVersion = oldestVersion;
        this.newestVersion = newestVersion;
    }

    public String wireName() {
        return wireName;
    }

    public int oldestVersion() {
        return oldestVersion;
    }

    public int newestVersion() {
        return newestVersion;
    }

    /** By wire name, with underscores (the query-parameter form) read as spaces, as PuppetDB does. */
    public static Optional<CommandName> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName.equals(normalized)).findFirst();
    }

    /** The names as PuppetDB lists them in its refusal. */
    public static String all() {
        return Arrays.stream(values()).map(CommandName::wireName).sorted().collect(Collectors.joining(", "));
    }
}
