package io.puppetplane.enrollment.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.puppetplane.enrollment.inventory.service.RunStatus;

class FleetChartsTest {

    @Test
    void statusBarSplitsTheWidthInProportionAndNamesEachPart() {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        counts.put(RunStatus.FAILED, 1L);
        counts.put(RunStatus.UNCHANGED, 3L);
        counts.put(RunStatus.CHANGED, 0L);
        String svg = FleetCharts.statusBar(counts);

        assertTrue(svg.contains("class=\"bar-failed\" data-status=\"failed\" x=\"0.00\" y=\"0\" width=\"250.00\""),
                "a quarter of the bar is failed: " + svg);
        assertTrue(svg.contains("class=\"bar-unchanged\" data-status=\"unchanged\" x=\"250.00\" y=\"0\" "
                + "width=\"750.00\""), "three quarters unchanged, after it: " + svg);
        assertFalse(svg.contains("bar-changed"), "no zero-width part: " + svg);
        assertTrue(svg.contains("aria-label=\"Nodes by latest run: 1 failed, 3 unchanged\""), "said in words: " + svg);
        assertTrue(svg.contains("<title>1 failed</title>"), "each part titled: " + svg);
    }

    @Test
    void runsPerDayStacksEachDayToItsTotalOnOneScale() {
        LocalDate d1 = LocalDate.parse("2026-12-06");
        LocalDate d2 = LocalDate.parse("2026-12-07");
        Map<RunStatus, Long> first = new EnumMap<>(RunStatus.class);
        first.put(RunStatus.FAILED, 2L);
        first.put(RunStatus.UNCHANGED, 2L);
        Map<RunStatus, Long> second = new EnumMap<>(RunStatus.class);
        second.put(RunStatus.CHANGED, 2L);
        String svg = FleetCharts.runsPerDay(List.of(d1, d2), Map.of(d1, first, d2, second));

        assertEquals(170.0, height(svg, "2026-12-06", "failed") + height(svg, "2026-12-06", "unchanged"), 0.2,
                "the tallest day fills the plot: " + svg);
        assertEquals(85.0, height(svg, "2026-12-07", "changed"), 0.2, "half as many runs, half as tall: " + svg);
        assertTrue(svg.contains("<title>2026-12-06: 2 failed</title>"), "each part titled: " + svg);
        assertTrue(svg.contains(">4</text>") && svg.contains(">2</text>"), "totals above the columns: " + svg);
        assertTrue(svg.contains("Runs per day, 2026-12-06 to 2026-12-07: 2026-12-06: 4, 2026-12-07: 2"),
                "said in words: " + svg);
    }

    private static double height(String svg, String day, String status) {
        Matcher m = Pattern.compile("data-day=\"" + day + "\">.*?class=\"bar-" + status
                + "\"[^>]*height=\"([0-9.]+)\"").matcher(svg);
        assertTrue(m.find(), status + " on " + day + ": " + svg);
        return Double.parseDouble(m.group(1));
    }
}
