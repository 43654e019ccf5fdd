package io.puppetplane.enrollment.dashboard.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Times as an operator reads them at a glance ("12 min ago"), with the exact UTC time for a hover and the
 * machine-readable one for {@code <time datetime>}.
 */
@ApplicationScoped
public class RelativeTime {

    /** A moment as a page shows it. */
    public record Moment(String iso, String exact, String relative) {
    }

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public RelativeTime(Clock clock) {
        this.clock = clock;
    }

    /** Null for no time, so a template writes nothing. */
    public Moment of(Instant at) {
        return at == null ? null : new Moment(at.toString(), EXACT.format(at), relative(at));
    }

    /**
     * "just now" within 45 s; minutes below an hour, hours below a day, days below 30 days; then the date. A time
     * ahead of the clock (a skewed agent) reads "in 5 min".
     */
    public String relative(Instant at) {
        Duration age = Duration.between(at, clock.instant());
        boolean future = age.isNegative();
        Duration d = age.abs();
        if (d.compareTo(Duration.ofSeconds(45)) < 0) {
            return "just now";
        }
        String amount;
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            amount = Math.max(1, Math.round(d.toSeconds() / 60.0)) + " min";
            if (amount.equals("60 min")) {
                amount = "1 h";
            }
        } else if (d.compareTo(Duration.ofDays(1)) < 0) {
            amount = d.toHours() + " h";
        } else if (d.compareTo(Duration.ofDays(30)) < 0) {
            long days = d.toDays();
            amount = days + (days == 1 ? " day" : " days");
        } else {
            return "on " + DAY.format(at);
        }
        return future ? "in " + amount : amount + " ago";
    }
}
