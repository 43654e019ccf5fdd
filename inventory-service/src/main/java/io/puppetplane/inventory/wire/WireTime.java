package io.puppetplane.inventory.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * PuppetDB's timestamps. Clients send any ISO-8601 form (the terminus sends local time with an offset for facts and
 * catalogs, UTC for reports); PuppetDB answers UTC with milliseconds and a {@code Z}, which pypuppetdb parses with a
 * fixed {@code strptime} pattern, so no other form may leave this service.
 */
public final class WireTime {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The same format in PostgreSQL, for timestamps inside JSON the database assembles. */
    public static final String SQL_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

    private WireTime() {
    }

    public static String format(Instant instant) {
        return OUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** SQL that renders a timestamptz expression as PuppetDB's wire format. */
    public static String sql(String expression) {
        return "to_char((" + expression + ") AT TIME ZONE 'UTC', " + SQL_FORMAT + ")";
    }

    /** An ISO-8601 timestamp with or without offset (UTC assumed), or a bare date; empty if it is none of these. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeException ignored) {
            // not with an offset; try the other forms
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeException ignored) {
            // not an instant
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            return Optional.empty();
        }
    }
}
