package io.puppetplane.enrollment.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.puppetplane.enrollment.inventory.service.NodeStatus;
import io.puppetplane.enrollment.inventory.service.RunStatus;

class RunStatusClassifierTest {

    private static final Instant NOW = Instant.parse("2026-12-07T23:30:00Z");
    private final RunStatusClassifier classifier = new RunStatusClassifier(Duration.ofHours(2),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static NodeStatus node(String status, boolean noopPending, Instant reportedAt) {
        return new NodeStatus("n1.example.com", null, NOW, reportedAt, status, noopPending, noopPending,
                "production");
    }

    @Test
    void aNodeTheInventoryDoesNotKnowOrWithoutAReportNeverReported() {
        assertEquals(RunStatus.NEVER_REPORTED, classifier.classify(null), "unknown to the inventory");
        assertEquals(RunStatus.NEVER_REPORTED, classifier.classify(node(null, false, null)), "facts but no report");
    }

    @Test
    void aReportOlderThanTheThresholdIsUnreportedWhateverItSaid() {
        Instant old = NOW.minus(Duration.ofHours(2)).minusSeconds(1);
        assertEquals(RunStatus.UNREPORTED, classifier.classify(node("failed", false, old)), "stale failure");
        assertEquals(RunStatus.UNREPORTED, classifier.classify(node("unchanged", false, old)), "stale success");
        assertEquals(RunStatus.FAILED, classifier.classify(node("failed", false, NOW.minus(Duration.ofHours(2)))),
                "exactly at the threshold still counts as reported");
        assertEquals(NOW.minus(Duration.ofHours(2)), classifier.unreportedBefore(), "the threshold moves with the clock");
    }

    @Test
    void failedBeatsNoopPendingWhichBeatsChanged() {
        Instant recent = NOW.minus(Duration.ofMinutes(12));
        assertEquals(RunStatus.FAILED, classifier.classify(node("failed", true, recent)), "failed with noop changes");
        assertEquals(RunStatus.NOOP_PENDING, classifier.classify(node("unchanged", true, recent)),
                "a noop run that would change things");
        assertEquals(RunStatus.NOOP_PENDING, classifier.classify(node("changed", true, recent)),
                "changed some, left noop changes pending");
        assertEquals(RunStatus.CHANGED, classifier.classify(node("changed", false, recent)), "changed");
        assertEquals(RunStatus.UNCHANGED, classifier.classify(node("unchanged", false, recent)), "unchanged");
    }

    @Test
    void wireNamesReadBackAndUnknownOnesAreNot() {
        for (RunStatus s : RunStatus.values()) {
            assertEquals(s, RunStatus.fromWireName(s.wireName()).orElseThrow(), "round trip of " + s);
        }
        assertEquals(true, RunStatus.fromWireName("bogus").isEmpty(), "unknown status");
        assertEquals("noop pending", RunStatus.NOOP_PENDING.label(), "labels are words");
    }
}
