package io.puppetplane.enrollment.inventory.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a node's latest run went, as an operator reads the fleet (Puppetboard's classes): a node whose latest report
 * is older than the unreported threshold is {@link #UNREPORTED} whatever that report said, since it tells nothing
 * of the node now; otherwise a failed run is failed, a run that left no-op changes pending is
 * {@link #NOOP_PENDING}, and the rest are changed or unchanged. Declared in the order the dashboard lists them:
 * what needs an operator first.
 */
public enum RunStatus {
    FAILED("failed", "✖"),
    UNREPORTED("unreported", "◷"), // a clock face common fonts have (⏱ is missing from DejaVu, so browsers drew a box)
    NOOP_PENDING("noop-pending", "◐"),
    CHANGED("changed", "▲"),
    UNCHANGED("unchanged", "✔"),
    NEVER_REPORTED("never-reported", "○");

    private final String wireName;
    private final String icon;

    RunStatus(String wireName, String icon) {
        this.wireName = wireName;
        this.icon = icon;
    }

    /** The name in URLs, CSS classes and the API: {@code noop-pending}. */
    public String wireName() {
        return wireName;
    }

    /** What a person reads: {@code noop pending}. */
    public String label() {
        return wireName.replace('-', ' ');
    }

    /** A glyph shown beside the label (never alone: colour and glyph only repeat the words). */
    public String icon() {
        return icon;
    }

    public static Optional<RunStatus> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (RunStatus s : values()) {
            if (s.wireName.equals(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The class of a node's latest run: {@code reportTimestamp} null means the node never reported;
     * {@code unreportedBefore} is the threshold (now minus the configured hours).
     */
    public static RunStatus of(String latestStatus, boolean noopPending, Instant reportTimestamp,
            Instant unreportedBefore) {
        if (reportTimestamp == null) {
            return NEVER_REPORTED;
        }
        if (reportTimestamp.isBefore(unreportedBefore)) {
            return UNREPORTED;
        }
        if ("failed".equals(latestStatus)) {
            return FAILED;
        }
        if (noopPending) {
            return NOOP_PENDING;
        }
        return "changed".equals(latestStatus) ? CHANGED : UNCHANGED;
    }

    /**
     * The inventory's {@code nodes} filter (AST) for the nodes of this class; the same rules as {@link #of}, so a
     * count and the list it links to agree.
     */
    public List<Object> nodesFilter(Instant unreportedBefore) {
        String since = unreportedBefore.toString();
        List<Object> recent = List.of(">=", "report_timestamp", since);
        List<Object> noopPending = List.of("=", "latest_report_noop_pending", true);
        List<Object> notNoopPending = List.of("or", List.of("null?", "latest_report_noop_pending", true),
                List.of("=", "latest_report_noop_pending", false));
        return switch (this) {
            case NEVER_REPORTED -> List.of("null?", "report_timestamp", true);
            case UNREPORTED -> List.of("<", "report_timestamp", since);
            case FAILED -> List.of("and", recent, List.of("=", "latest_report_status", "failed"));
            case NOOP_PENDING -> List.of("and", recent, List.of("not", List.of("=", "latest_report_status", "failed")),
                    noopPending);
            case CHANGED -> List.of("and", recent, List.of("=", "latest_report_status", "changed"), notNoopPending);
            // any status other than failed and changed, as of() reads it
            case UNCHANGED -> List.of("and", recent, List.of("not", List.of("=", "latest_report_status", "failed")),
                    List.of("not", List.of("=", "latest_report_status", "changed")), notNoopPending);
        };
    }
}
