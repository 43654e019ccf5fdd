package io.puppetplane.enrollment.inventory.service;

/**
 * One thing a run did or could not do: a resource event ({@code File[/etc/role]}, its status success, failure,
 * noop or skipped, Puppet's message) or an error log line ({@code resource} is then the log's source, status error).
 */
public record ReportEvent(String resource, String status, String message) {
}
