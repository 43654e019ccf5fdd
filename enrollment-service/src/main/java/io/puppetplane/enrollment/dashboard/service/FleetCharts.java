package io.puppetplane.enrollment.dashboard.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.puppetplane.enrollment.inventory.service.RunStatus;

/**
 * The overview's charts as inline SVG, rendered here so the dashboard needs no script and no external asset.
 * Colours come from the page's stylesheet ({@code .bar-failed} …), the same as the status badges; every bar has a
 * {@code <title>} (shown on hover and read by screen readers) and each chart an {@code aria-label} saying what it
 * shows in words.
 */
public final class FleetCharts {

    private FleetCharts() {
    }

    /** Nodes by latest run status as one horizontal bar split in proportion; empty fleet: an empty outline. */
    public static String statusBar(Map<RunStatus, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String summary = "Nodes by latest run: " + (total == 0 ? "none"
                : counts.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")));
        StringBuilder svg = new StringBuilder("<svg id=\"status-chart\" class=\"chart\" role=\"img\" aria-label=\"")
                .append(escape(summary)).append("\" viewBox=\"0 0 1000 40\" preserveAspectRatio=\"none\" "
                        + "width=\"100%\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append("<rect class=\"chart-frame\" x=\"0\" y=\"0\" width=\"1000\" height=\"40\"/>");
        double x = 0;
        for (RunStatus s : RunStatus.values()) {
            long n = counts.getOrDefault(s, 0L);
            if (n == 0) {
                continue;
            }
            double w = 1000.0 * n / total;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar-%s\" data-status=\"%s\" x=\"%.2f\" y=\"0\" "
                    + "width=\"%.2f\" height=\"40\"><title>%d %s</title></rect>", s.wireName(), s.wireName(), x, w,
                    n, s.label()));
            x += w;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Runs per day, one column per day (oldest left), stacked by status in {@link RunStatus}'s order from the
     * bottom, with the day's total above the column.
     */
    public static String runsPerDay(List<LocalDate> days, Map<LocalDate, Map<RunStatus, Long>> runs) {
        int width = 720;
        int height = 220;
        int top = 20;
        int bottom = 30;
        int plot = height - top - bottom;
        double column = (double) width / Math.max(1, days.size());
        double bar = column * 0.7;
        long max = 1;
        List<String> spoken = new ArrayList<>();
        for (LocalDate day : days) {
            long sum = runs.getOrDefault(day, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            max = Math.max(max, sum);
            if (sum > 0) {
                spoken.add(day + ": " + sum);
            }
        }
        String summary = "Runs per day, " + days.get(0) + " to " + days.get(days.size() - 1) + ": "
                + (spoken.isEmpty() ? "none" : String.join(", ", spoken));
        StringBuilder svg = new StringBuilder("<svg id=\"runs-chart\" class=\"chart\" role=\"img\" aria-label=\"")
                .append(escape(summary)).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append(String.format(Locale.ROOT, "<line class=\"chart-axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                top + plot, width, top + plot));
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            Map<RunStatus, Long> ofDay = runs.getOrDefault(day, Map.of());
            double x = i * column + (column - bar) / 2;
            double y = top + plot;
            long sum = 0;
            svg.append("<g class=\"day\" data-day=\"").append(day).append("\">");
            for (RunStatus s : RunStatus.values()) {
                long n = ofDay.getOrDefault(s, 0L);
                if (n == 0) {
                    continue;
                }
                double h = (double) plot * n / max;
                y -= h;
                sum += n;
                svg.append(String.format(Locale.ROOT, "<rect class=\"bar-%s\" data-status=\"%s\" data-count=\"%d\" "
                        + "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d %s</title></rect>",
                        s.wireName(), s.wireName(), n, x, y, bar, h, day, n, s.label()));
            }
            if (sum > 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"chart-total\" x=\"%.1f\" y=\"%.1f\" "
                        + "text-anchor=\"middle\">%d</text>", x + bar / 2, y - 4, sum));
            }
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\">%s</text>", x + bar / 2, height - 10,
                    day.toString().substring(5)));
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
